package loopgo

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"os"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"loopgo/throttle"
)

type Job struct{ ID int }

func process(Job)                           {}
func processCtx(context.Context, Job) error { return nil }

// The classic fan-out: one goroutine per job of the caller's slice.
func fanOut(jobs []Job) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() { // want `goroutine per element of jobs with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// A counted loop bounded by the collection's length.
func counted(jobs []Job) {
	for i := 0; i < len(jobs); i++ {
		go process(jobs[i]) // want `goroutine per element of jobs with no concurrency limit`
	}
}

// The length through a local variable.
func countedVar(jobs []Job) {
	n := len(jobs)
	for i := 0; i < n; i++ {
		go process(jobs[i]) // want `goroutine per element of jobs`
	}
}

// Counting down from the length.
func countedDown(jobs []Job) {
	for i := len(jobs) - 1; i >= 0; i-- {
		go process(jobs[i]) // want `goroutine per element of jobs`
	}
}

// Range over an integer that is a length.
func rangeLen(jobs []Job) {
	for i := range len(jobs) {
		go process(jobs[i]) // want `goroutine per element of jobs`
	}
}

func rangeMap(byID map[int]Job) {
	for id, job := range byID {
		go func() { // want `goroutine per element of byID`
			_ = id
			process(job)
		}()
	}
}

func rangeIter(seq iter.Seq[Job]) {
	for job := range seq {
		go process(job) // want `goroutine per value yielded by seq`
	}
}

// An errgroup without SetLimit runs every function at once.
func group(ctx context.Context, jobs []Job) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, job := range jobs {
		g.Go(func() error { return processCtx(ctx, job) }) // want `g.Go per element of jobs on an errgroup with no limit; call g.SetLimit before the loop`
	}
	return g.Wait()
}

// A negative limit is no limit.
func groupNegative(jobs []Job) error {
	var g errgroup.Group
	g.SetLimit(-1)
	for _, job := range jobs {
		g.Go(func() error { process(job); return nil }) // want `g.Go per element of jobs on an errgroup with no limit`
	}
	return g.Wait()
}

// sync.WaitGroup.Go starts a goroutine too.
func wgGo(jobs []Job) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(func() { process(job) }) // want `goroutine per element of jobs`
	}
	wg.Wait()
}

type fetcher struct{ client *http.Client }

// startFetch always starts a goroutine and does not wait for it.
func (f *fetcher) startFetch(url string, out chan<- error) {
	go func() {
		resp, err := f.client.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		out <- err
	}()
}

// The goroutine is started in a helper of the same package.
func (f *fetcher) fetchAll(urls []string) []error {
	out := make(chan error)
	for _, u := range urls {
		f.startFetch(u, out) // want `f.startFetch starts a goroutine per element of urls with no concurrency limit`
	}
	errs := make([]error, 0, len(urls))
	for range urls {
		errs = append(errs, <-out)
	}
	return errs
}

// A semaphore acquired inside the goroutine bounds the work, not the
// goroutines: all of them start and block.
func lateChan(jobs []Job) {
	sem := make(chan struct{}, 8)
	for _, job := range jobs {
		go func() { // want `goroutine per element of jobs waits for sem inside the goroutine, so they all start at once and pile up blocked; acquire sem before starting the goroutine`
			sem <- struct{}{}
			defer func() { <-sem }()
			process(job)
		}()
	}
}

func lateWeighted(ctx context.Context, jobs []Job) {
	sem := semaphore.NewWeighted(8)
	for _, job := range jobs {
		go func() { // want `goroutine per element of jobs waits for sem inside the goroutine`
			if err := sem.Acquire(ctx, 1); err != nil {
				return
			}
			defer sem.Release(1)
			process(job)
		}()
	}
}

// Generic code: a type parameter's slice.
func ForEach[T any](items []T, f func(T)) {
	for _, it := range items {
		go f(it) // want `goroutine per element of items`
	}
}

// A slice constrained type parameter.
func ForEachS[S ~[]E, E any](items S, f func(E)) {
	for _, it := range items {
		go f(it) // want `goroutine per element of items`
	}
}

type server struct{}

func (s *server) handle(Job) {}

// A method value.
func (s *server) dispatch(jobs []Job) {
	h := s.handle
	for _, j := range jobs {
		go h(j) // want `goroutine per element of jobs`
	}
}

// A loop inside a closure.
func closure() func([]Job) {
	return func(jobs []Job) {
		for _, j := range jobs {
			go process(j) // want `goroutine per element of jobs`
		}
	}
}

// Nested loops: a constant inner loop multiplies the outer one.
func nested(jobs []Job) {
	for _, j := range jobs {
		for try := 0; try < 2; try++ {
			go func() { // want `goroutine per element of jobs`
				_ = try
				process(j)
			}()
		}
	}
}

// An inner loop over the outer element's slice.
func nestedData(groups [][]Job) {
	for _, g := range groups {
		for _, j := range g {
			go process(j) // want `goroutine per element of g`
		}
	}
}

// Data read from the disk.
func readDir(dir string) {
	entries, err := os.ReadDir(".")
	if err != nil {
		return
	}
	for _, e := range entries {
		go os.Remove(e.Name()) // want `goroutine per element of entries`
	}
}

type request struct{ Items []Job }

// Data decoded from a request.
func decode(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	for _, it := range req.Items {
		go process(it) // want `goroutine per element of req.Items`
	}
}

// A non-blocking check of cancellation does not bound anything.
func cancelCheck(ctx context.Context, jobs []Job) {
	for _, j := range jobs {
		select {
		case <-ctx.Done():
			return
		default:
		}
		go process(j) // want `goroutine per element of jobs`
	}
}

// A semaphore acquired on some paths only.
func someAcquire(jobs []Job, sem chan struct{}) {
	for _, j := range jobs {
		if j.ID > 100 {
			sem <- struct{}{}
		}
		go process(j) // want `goroutine per element of jobs`
	}
}

// A wait outside the loop waits for all of them at once.
func waitAfterLoop(jobs []Job) {
	done := make(chan bool)
	for _, j := range jobs {
		go func() { // want `goroutine per element of jobs`
			process(j)
			done <- true
		}()
	}
	for range jobs {
		<-done
	}
}

// TryDo does not block: the goroutines are not bounded.
func tryThrottle(jobs []Job, t *throttle.Throttle) {
	for _, j := range jobs {
		t.TryDo()
		go process(j) // want `goroutine per element of jobs`
	}
}

// An exported function passes its input to an unexported one: the
// parameter is input.
func ProcessAll(items []Job) { processEach(items) }

func processEach(items []Job) {
	for _, it := range items {
		go process(it) // want `goroutine per element of items`
	}
}

// A call of nothing returns data: os.Environ() is as long as the
// environment.
func environ(set func(string)) {
	for _, kv := range os.Environ() {
		go set(kv) // want `goroutine per element of os.Environ\(\)`
	}
}

// Chunks of a constant size: as many chunks as the data has sixteens.
func chunks(xs []Job, f func([]Job)) {
	for i := 0; i < len(xs); i += 16 {
		go f(xs[i:min(i+16, len(xs))]) // want `goroutine per chunk of xs`
	}
}

// A length compared with another length bounds nothing.
func compareLens(a, b []Job) {
	if len(a) > len(b) {
		return
	}
	for _, j := range a {
		go process(j) // want `goroutine per element of a`
	}
}

// Waiting only on the path that leaves the loop bounds nothing.
func waitOnError(jobs []Job, check func(Job) error) error {
	var wg sync.WaitGroup
	for _, j := range jobs {
		if err := check(j); err != nil {
			wg.Wait()
			return err
		}
		wg.Add(1)
		go func() { defer wg.Done(); process(j) }() // want `goroutine per element of jobs`
	}
	wg.Wait()
	return nil
}

// A function of another package that always starts a goroutine (learnt
// through a fact).
func viaPackage(jobs []Job) {
	for _, j := range jobs {
		throttle.Start(func() { process(j) }) // want `throttle.Start starts a goroutine per element of jobs`
	}
}
