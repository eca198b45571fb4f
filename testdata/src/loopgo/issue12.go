package loopgo

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Issue 12: found on a third holdout (moby's daemon start-up, ipfs-cluster's
// pin status API), each next to the look-alike that stays unreported.

type daemon struct {
	repository string
	containers []Job
	listeners  []string
}

func (d *daemon) load(string) {}

// moby's daemon.restore: a semaphore taken inside a goroutine per container
// of the state directory. Its author bounded the work because a host can
// have thousands of containers; the goroutines are still one per
// container, all blocked. That the directory is named by the receiver says
// nothing about how many entries it holds (moby PR 52709 moves the acquire
// before the go statement).
func (d *daemon) issue12RestoreLate(ctx context.Context) {
	dir, err := os.ReadDir(d.repository)
	if err != nil {
		return
	}
	sem := semaphore.NewWeighted(128)
	var wg sync.WaitGroup
	for _, v := range dir {
		wg.Go(func() { // want `goroutine per element of dir waits for sem inside the goroutine, so they all start at once and pile up blocked; acquire sem before starting the goroutine`
			_ = sem.Acquire(ctx, 1)
			defer sem.Release(1)
			d.load(v.Name())
		})
	}
	wg.Wait()
}

// The same loop with the acquire before the go statement: bounded.
func (d *daemon) issue12RestoreEarly(ctx context.Context) {
	dir, err := os.ReadDir(d.repository)
	if err != nil {
		return
	}
	sem := semaphore.NewWeighted(128)
	var wg sync.WaitGroup
	for _, v := range dir {
		if err := sem.Acquire(ctx, 1); err != nil {
			break
		}
		wg.Go(func() {
			defer sem.Release(1)
			d.load(v.Name())
		})
	}
	wg.Wait()
}

// The receiver's own list with a token taken inside the goroutine: a
// limit shows that the author expects more containers than slots.
func (d *daemon) issue12StateLate() {
	sem := make(chan struct{}, 16)
	var wg sync.WaitGroup
	for _, c := range d.containers {
		wg.Add(1)
		go func() { // want `goroutine per element of d.containers waits for sem inside the goroutine`
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			process(c)
		}()
	}
	wg.Wait()
}

// The receiver's listeners, one goroutine each with no semaphore: sized by
// the configuration, not reported.
func (d *daemon) issue12StateNoLimit(serve func(string)) {
	var wg sync.WaitGroup
	for _, l := range d.listeners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			serve(l)
		}()
	}
	wg.Wait()
}

// moby's restart phase: a container waits, after taking its slot, for the
// containers it links to. The goroutines wait on each other, so taking
// the slot before the go statement could fill every slot with parents
// waiting for children that cannot start; moby left this loop as it is.
func (d *daemon) issue12RestartDependent(ctx context.Context, restarting map[Job]chan struct{}, links func(Job) []Job) {
	sem := semaphore.NewWeighted(128)
	var wg sync.WaitGroup
	for c, done := range restarting {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = sem.Acquire(ctx, 1)
			defer sem.Release(1)
			for _, child := range links(c) {
				if notify, ok := restarting[child]; ok {
					<-notify
				}
			}
			process(c)
			close(done)
		}()
	}
	wg.Wait()
}

// The same loop where each goroutine waits on its own element's channel
// (restarting[c], c the loop's key) or on the context: it waits on no
// other goroutine, so taking the slot before the go statement is safe.
func (d *daemon) issue12RestartOwn(ctx context.Context, restarting map[Job]chan struct{}) {
	sem := semaphore.NewWeighted(128)
	var wg sync.WaitGroup
	for c := range restarting {
		wg.Add(1)
		go func() { // want `goroutine per element of restarting waits for sem inside the goroutine`
			defer wg.Done()
			_ = sem.Acquire(ctx, 1)
			defer sem.Release(1)
			select {
			case <-restarting[c]:
			case <-ctx.Done():
				return
			}
			process(c)
		}()
	}
	wg.Wait()
}

func (d *daemon) list(context.Context) ([]string, error) { return nil, nil }

func (d *daemon) nodes(context.Context) ([]string, error) { return nil, nil }

// Nodes named for the topology, each pinged under a semaphore taken
// inside the goroutine: the limit says there are more nodes than slots.
func (d *daemon) issue12NodesLate(ctx context.Context) {
	nodes, err := d.nodes(ctx)
	if err != nil {
		return
	}
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, node := range nodes {
		wg.Add(1)
		go func() { // want `goroutine per element of nodes waits for sem inside the goroutine`
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			status(ctx, node)
		}()
	}
	wg.Wait()
}

// The same nodes without a semaphore: one goroutine per member of the
// deployment, not reported.
func (d *daemon) issue12NodesNoLimit(ctx context.Context) {
	nodes, err := d.nodes(ctx)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, node := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status(ctx, node)
		}()
	}
	wg.Wait()
}

// A map filled per element of fetched data is not followed: on real code
// the rule found one fan-out (go-redis's keys by hash slot) for three
// false positives (gh cli's secrets of a .env file, nomad's change
// scripts per template), so it was taken out.
func (d *daemon) issue12MapFilled(ctx context.Context) {
	names, err := d.list(ctx)
	if err != nil {
		return
	}
	remove := make(map[string]bool)
	for _, n := range names {
		if strings.HasSuffix(n, ".dead") {
			remove[n] = true
		}
	}
	var wg sync.WaitGroup
	for id := range remove {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.load(id)
		}()
	}
	wg.Wait()
}

// A map filled from a literal table: as many keys as the table.
func (d *daemon) issue12MapFixed() {
	names := make(map[string]bool)
	for _, n := range []string{"a", "b", "c"} {
		names[n] = true
	}
	var wg sync.WaitGroup
	for n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.load(n)
		}()
	}
	wg.Wait()
}

type listOptions struct {
	Cids  []string
	Limit int
}

func (o *listOptions) fromQuery(q url.Values) error {
	o.Cids = strings.Split(q.Get("cid"), ",")
	return nil
}

func (o *listOptions) defaults() { o.Limit = 10 }

func status(context.Context, string) {}

// ipfs-cluster's pin listing: options filled from the query string by a
// method, then a goroutine per CID the client listed.
func issue12FilledOptions(w http.ResponseWriter, r *http.Request) {
	opts := &listOptions{}
	if err := opts.fromQuery(r.URL.Query()); err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, c := range opts.Cids {
		wg.Add(1)
		go func() { // want `goroutine per element of opts.Cids with no concurrency limit`
			defer wg.Done()
			status(r.Context(), c)
		}()
	}
	wg.Wait()
}

// Options from a literal, given defaults by a method without arguments:
// the code's own list.
func issue12LiteralOptions(ctx context.Context) {
	opts := &listOptions{Cids: []string{"a", "b"}}
	opts.defaults()
	var wg sync.WaitGroup
	for _, c := range opts.Cids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status(ctx, c)
		}()
	}
	wg.Wait()
}

func (o *listOptions) remote(ctx context.Context, name string) ([]string, error) { return nil, nil }

// A method with arguments that returns a value is a getter, not a fill
// (podman's cfg.GetFarmConnections(name), here with a context): the options stay the literal's.
func issue12Getter(ctx context.Context) {
	opts := &listOptions{Cids: []string{"a", "b"}}
	if _, err := opts.remote(ctx, "a"); err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, c := range opts.Cids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status(ctx, c)
		}()
	}
	wg.Wait()
}

type result struct{ id string }

// A map filled in a callback (a sync.Map's Range): podman's per-platform
// builds, one per platform of the farm.
func issue12RangeCallback(results *sync.Map) {
	perArch := make(map[string]result)
	results.Range(func(k, v any) bool {
		perArch[k.(string)] = v.(result)
		return true
	})
	var wg sync.WaitGroup
	for arch := range perArch {
		wg.Go(func() { connect(arch) })
	}
	wg.Wait()
}

func connect(string) error { return nil }

type vertex struct {
	deps chan bool
	done chan struct{}
}

type walker struct {
	vertices map[string]*vertex
	wg       sync.WaitGroup
}

// terraform's DAG walk: a goroutine per vertex waits for its dependencies.
// The channel it sends to and receives from is made inside it, so it is
// its own, not a semaphore; nothing here is a late acquire, and the
// vertices are the walker's.
func (w *walker) issue12WalkVertices() {
	for name, v := range w.vertices {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			defer close(v.done)
			deps := make(chan bool, 1)
			deps <- true
			close(deps)
			if v.deps != nil {
				deps = v.deps
			}
			if <-deps {
				_ = connect(name)
			}
		}()
	}
	w.wg.Wait()
}
