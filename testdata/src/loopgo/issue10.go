package loopgo

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Issue 10: false positives found on containerd, go-ethereum, prometheus,
// telegraf and minio's dperf, each next to a look-alike that is still
// reported.

// An optional limiter (containerd's images.Dispatch): the caller passes a
// semaphore to bound the handlers, or nil for no limit. The author offers
// the bound; the loop takes it whenever it exists.
func issue10Dispatch(ctx context.Context, limiter *semaphore.Weighted, descs []string) error {
	eg, ctx2 := errgroup.WithContext(ctx)
	for _, d := range descs {
		if limiter != nil {
			if err := limiter.Acquire(ctx, 1); err != nil {
				return err
			}
		}
		eg.Go(func() error {
			defer func() {
				if limiter != nil {
					limiter.Release(1)
				}
			}()
			return handle(ctx2, d)
		})
	}
	return eg.Wait()
}

// The nil check is on something else: the semaphore is skipped whenever
// verbose logging is off, which is not a limit the caller chose.
func issue10DispatchSkipped(ctx context.Context, sem *semaphore.Weighted, log *strings.Builder, descs []string) error {
	eg, ctx2 := errgroup.WithContext(ctx)
	for _, d := range descs {
		if log != nil {
			if err := sem.Acquire(ctx, 1); err != nil {
				return err
			}
		}
		eg.Go(func() error { return handle(ctx2, d) }) // want `eg.Go per element of descs on an errgroup with no limit; call eg.SetLimit before the loop`
	}
	return eg.Wait()
}

func handle(context.Context, string) error { return nil }

type Subscription interface {
	Err() <-chan error
	Unsubscribe()
}

// Waiters (go-ethereum's event.JoinSubscriptions): each goroutine only
// waits for one subscription's error or for the end. It does no work
// while waiting, and a limit would deadlock: the goroutines that are not
// started could never report.
func issue10Join(done <-chan struct{}, subs []Subscription) error {
	errc := make(chan error, len(subs))
	for _, sub := range subs {
		go func() {
			select {
			case err := <-sub.Err():
				errc <- err
			case <-done:
			}
		}()
	}
	select {
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

type evm struct{}

func (*evm) Cancel()                {}
func (*evm) Apply(msg string) error { return nil }

// A cancel watcher per call (go-ethereum's applyMessageWithEVM, called per
// simulated call): it sleeps until the context ends.
func issue10Watch(ctx context.Context, e *evm, msgs []string) error {
	for _, m := range msgs {
		go func() {
			<-ctx.Done()
			e.Cancel()
		}()
		if err := e.Apply(m); err != nil {
			return err
		}
	}
	return nil
}

// A start barrier is not a waiter: every goroutine works as soon as ready
// is closed, all at once.
func issue10Barrier(items []string, ready chan struct{}, out chan<- string) {
	for _, it := range items {
		go func() { // want `goroutine per element of items with no concurrency limit; use errgroup.SetLimit or a semaphore`
			<-ready
			out <- strings.ToUpper(it)
		}()
	}
	close(ready)
}

// A token taken inside the goroutine is a late semaphore, not a waiter.
func issue10LateToken(items []string, tokens chan struct{}) {
	for _, it := range items {
		go func() { // want `goroutine per element of items waits for tokens inside the goroutine`
			<-tokens
			defer func() { tokens <- struct{}{} }()
			handle(context.Background(), it)
		}()
	}
}

// A watcher per service (prometheus's consul discovery): a helper starts
// a goroutine that runs a watch loop for the life of the discovery.
type discovery struct{ out chan string }

func (d *discovery) watchService(ctx context.Context, name string) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case d.out <- name:
			}
		}
	}()
}

func (d *discovery) issue10WatchAll(ctx context.Context, services []string) {
	for _, name := range services {
		d.watchService(ctx, name)
	}
}

// The same helper shape, but its goroutine does one piece of work.
func (d *discovery) fetchService(ctx context.Context, name string) {
	go func() {
		handle(ctx, name)
	}()
}

func (d *discovery) issue10FetchAll(ctx context.Context, services []string) {
	for _, name := range services {
		d.fetchService(ctx, name) // want `d.fetchService starts a goroutine per element of services with no concurrency limit`
	}
}

type accumulator interface{ AddError(error) }

type scraper struct{ URLs []string }

func expandURLs(acc accumulator, urls []string) []string {
	var out []string
	for _, u := range urls {
		if strings.HasPrefix(u, "unix:") {
			acc.AddError(nil)
			continue
		}
		out = append(out, u)
	}
	return out
}

// The URLs of the plugin's configuration (telegraf's phpfpm): the
// accumulator passed beside them is a service the helper reports to, not
// data that sizes its result.
func (s *scraper) issue10Gather(acc accumulator) {
	var wg sync.WaitGroup
	for _, u := range expandURLs(acc, s.URLs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(context.Background(), u)
		}()
	}
	wg.Wait()
}

type lister interface {
	List(ctx context.Context) ([]string, error)
}

// Fetched with a context: the list comes from another system, as long as
// that system makes it (containerd's CheckImages).
func (s *scraper) issue10CheckAll(ctx context.Context, l lister) error {
	items, err := l.List(ctx)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want `goroutine per element of items with no concurrency limit`
			defer wg.Done()
			handle(ctx, it)
		}()
	}
	wg.Wait()
	return nil
}

type Checker interface {
	Name() string
	Run(context.Context) error
}

// A variadic parameter (tailscale's doctor.RunChecks): callers list the
// checks one by one, so the code fixes how many there are.
func issue10RunChecks(ctx context.Context, checks ...Checker) {
	var wg sync.WaitGroup
	for _, ch := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch.Run(ctx)
		}()
	}
	wg.Wait()
}

// ... unless the package itself spreads data into it.
func issue10Expand(ctx context.Context, names ...string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() { // want `goroutine per element of names with no concurrency limit`
			defer wg.Done()
			handle(ctx, n)
		}()
	}
	wg.Wait()
}

func issue10ExpandAll(ctx context.Context, names []string) {
	issue10Expand(ctx, names...)
}

// A helper that starts a watcher (go-ethereum's applyMessageWithEVM,
// called once per simulated call): its goroutine waits for the end of the
// context, then cancels.
func issue10ApplyWithCancel(ctx context.Context, e *evm, msg string) error {
	go func() {
		<-ctx.Done()
		e.Cancel()
	}()
	return e.Apply(msg)
}

func issue10Simulate(ctx context.Context, e *evm, calls []string) error {
	for _, m := range calls {
		if err := issue10ApplyWithCancel(ctx, e, m); err != nil {
			return err
		}
	}
	return nil
}

type input struct{ name string }

type agentConfig struct{ Inputs []*input }

type agent struct{ cfg agentConfig }

type inputUnit struct {
	dst    chan<- string
	inputs []*input
}

// startInputs is sized by the configured inputs; dst is where they put
// their output, not data (telegraf's agent).
func (a *agent) startInputs(dst chan<- string, inputs []*input) *inputUnit {
	u := &inputUnit{dst: dst}
	for _, in := range inputs {
		if in.name != "" {
			u.inputs = append(u.inputs, in)
		}
	}
	return u
}

func (a *agent) issue10Run(ctx context.Context, out chan string) {
	u := a.startInputs(out, a.cfg.Inputs)
	var wg sync.WaitGroup
	for _, in := range u.inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.dst <- in.name
		}()
	}
	wg.Wait()
}

// Sized by what the package gives it, although a test takes its value
// (var SyncWidth = issue10SyncWidth in loop_test.go, as vbauerster/mpb's
// export_test.go does).
func issue10SyncWidth(columns map[int][]chan int, drop <-chan struct{}) {
	for _, column := range columns {
		go func() {
			for _, ch := range column {
				select {
				case <-ch:
				case <-drop:
					return
				}
			}
		}()
	}
}

func issue10Bars(drop <-chan struct{}) {
	columns := map[int][]chan int{0: {make(chan int)}, 1: {make(chan int)}}
	issue10SyncWidth(columns, drop)
}

// Several starts in one loop (telegraf's xtremio, a goroutine per case of
// a switch): the loop is fixed once, so it is reported once.
func issue10Collect(items []struct{ kind, url string }, gather func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		switch it.kind {
		case "volumes":
			go func() { // want `goroutine per element of items with no concurrency limit`
				defer wg.Done()
				gather(it.url)
			}()
		default:
			go func() {
				defer wg.Done()
				gather("other:" + it.url)
			}()
		}
	}
	wg.Wait()
}

// A goroutine per set that fans out per member of the set (minio's
// erasure sets, tailscale's netcheck probe plan): the inner loop is the
// fan-out and is reported on its own; the outer is not reported again.
func issue10Sets(sets [][]string, probe func(string)) {
	var wg sync.WaitGroup
	for _, set := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var inner sync.WaitGroup
			for _, m := range set {
				inner.Add(1)
				go func() { // want `goroutine per element of set with no concurrency limit`
					defer inner.Done()
					probe(m)
				}()
			}
			inner.Wait()
		}()
	}
	wg.Wait()
}

// The index stops the loop (or skips the iteration) past a bound that is
// not a size: at most max goroutines (telegraf's jenkins keeps the last
// MaxSubJobPerLayer sub-jobs of each layer).
func issue10FirstFew(jobs []string, max int, run func(string)) {
	for i, j := range jobs {
		if i >= max {
			break
		}
		go run(j)
	}
}

type jenkins struct{ maxSubJobs int }

func (jk *jenkins) issue10LastFew(jobs []string, run func(string)) {
	var wg sync.WaitGroup
	for k, j := range jobs {
		if k < len(jobs)-jk.maxSubJobs-1 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(j)
		}()
	}
	wg.Wait()
}

// A bound that is itself a size bounds nothing.
func issue10AsManyAs(jobs, other []string, run func(string)) {
	for i, j := range jobs {
		if i >= len(other) {
			break
		}
		go run(j) // want `goroutine per element of jobs with no concurrency limit`
	}
}

type follower struct {
	mu      sync.Mutex
	cancels map[string]context.CancelFunc
	wg      sync.WaitGroup
}

// A log tail per new container (telegraf's docker_log): each goroutine has
// its own cancel, kept by the container's ID, and lives until the
// container goes.
func (f *follower) issue10Follow(ctx context.Context, ids []string, tail func(context.Context, string)) {
	for _, id := range ids {
		f.mu.Lock()
		_, ok := f.cancels[id]
		f.mu.Unlock()
		if ok {
			continue
		}
		ctx, cancel := context.WithCancel(ctx)
		f.mu.Lock()
		f.cancels[id] = cancel
		f.mu.Unlock()
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			tail(ctx, id)
		}()
	}
}

// The same loop keeping a start time per ID: the goroutines are work.
func (f *follower) issue10Stamp(ctx context.Context, ids []string, starts map[string]int, fetch func(context.Context, string)) {
	var wg sync.WaitGroup
	for i, id := range ids {
		starts[id] = i
		wg.Add(1)
		go func() { // want `goroutine per element of ids with no concurrency limit`
			defer wg.Done()
			fetch(ctx, id)
		}()
	}
	wg.Wait()
}

type pingType string

const (
	pingDisco pingType = "disco"
	pingTSMP  pingType = "TSMP"
)

// A goroutine per kind asked for (tailscale's ping types, listed in a
// request): each gets one of a few constants.
func issue10PingKinds(types string, ping func(pingType)) {
	for t := range strings.SplitSeq(types, ",") {
		switch pt := pingType(t); pt {
		case pingDisco, pingTSMP:
			go ping(pt)
		}
	}
}

// Switching on the kind but handing over the whole item: work per item.
func issue10EventKinds(events []struct {
	Kind pingType
	Body string
}, handle func(string)) {
	for _, ev := range events {
		switch ev.Kind {
		case pingDisco:
			go handle(ev.Body) // want `goroutine per element of events with no concurrency limit`
		}
	}
}

type ref struct{}

func (*ref) Release(context.Context) error { return nil }
func (*ref) Process(context.Context) error { return nil }

// Releasing the results not kept (buildkit's solver): each goroutine
// frees one of the refs the function already holds.
func issue10ReleaseOthers(ctx context.Context, results []*ref, keep int) *ref {
	for i := range results {
		if i != keep {
			go results[i].Release(context.WithoutCancel(ctx))
		}
	}
	return results[keep]
}

// Working on each of them is work per element.
func issue10ProcessAll(ctx context.Context, results []*ref) {
	for i := range results {
		go results[i].Process(ctx) // want `goroutine per element of results with no concurrency limit`
	}
}

type item struct{ name string }

type burner struct{}

func (*burner) itemHandler(ctx context.Context, it item, wg *sync.WaitGroup) { wg.Done() }

// A goroutine function named for what it handles (kube-burner's
// itemHandler, per item of a listed object): the items are data.
func (b *burner) issue10HandleItems(ctx context.Context, items []item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go b.itemHandler(ctx, it, &wg) // want `goroutine per element of items with no concurrency limit`
	}
	wg.Wait()
}

// A loop over registered handlers runs once per registration.
func (b *burner) issue10RunHandlers(ctx context.Context, handlers []func(context.Context)) {
	for _, h := range handlers {
		go h(ctx)
	}
}

type pprofTarget struct{ Name string }

type pod struct{ Name string }

// A profile per pod of each target (kube-burner's pprof measurement): the
// goroutine's parameter named target receives the outer loop's target,
// which says nothing about the pods this loop ranges over.
func issue10Profiles(targets []pprofTarget, pods func(pprofTarget) []pod, collect func(pprofTarget, pod)) {
	var wg sync.WaitGroup
	for _, target := range targets {
		running := pods(target)
		for _, p := range running {
			wg.Add(1)
			go func(target pprofTarget, p pod) { // want `goroutine per element of running with no concurrency limit`
				defer wg.Done()
				collect(target, p)
			}(target, p)
		}
	}
	wg.Wait()
}
