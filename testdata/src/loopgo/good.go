package loopgo

import (
	"context"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"loopgo/throttle"
)

// SetLimit before the loop bounds the group.
func goodGroup(ctx context.Context, jobs []Job) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, job := range jobs {
		g.Go(func() error { return processCtx(ctx, job) })
	}
	return g.Wait()
}

// TryGo is only meaningful with a limit.
func goodTryGo(jobs []Job) {
	var g errgroup.Group
	for _, job := range jobs {
		if !g.TryGo(func() error { process(job); return nil }) {
			process(job)
		}
	}
	g.Go(func() error { return nil })
}

// A group from elsewhere may have a limit: not known, not reported.
func goodGroupParam(g *errgroup.Group, jobs []Job) {
	for _, job := range jobs {
		g.Go(func() error { process(job); return nil })
	}
}

func configure(g *errgroup.Group) { g.SetLimit(4) }

// The group is passed to a function that may set its limit.
func goodGroupEscapes(jobs []Job) error {
	g := new(errgroup.Group)
	configure(g)
	for _, job := range jobs {
		g.Go(func() error { process(job); return nil })
	}
	return g.Wait()
}

// A buffered channel used as a semaphore, acquired before the go statement.
func goodSemSend(jobs []Job) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, job := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			process(job)
		}()
	}
	wg.Wait()
}

// A pool of tokens: receive one before starting.
func goodTokens(jobs []Job, tokens chan int) {
	for _, job := range jobs {
		tok := <-tokens
		go func() {
			defer func() { tokens <- tok }()
			process(job)
		}()
	}
}

func goodWeighted(ctx context.Context, jobs []Job) error {
	sem := semaphore.NewWeighted(8)
	for _, job := range jobs {
		if err := sem.Acquire(ctx, 1); err != nil {
			return err
		}
		go func() {
			defer sem.Release(1)
			process(job)
		}()
	}
	return sem.Acquire(ctx, 8)
}

// Only the case that acquired a token starts a goroutine.
func goodSelectDefault(jobs []Job, sem chan struct{}) {
	for _, job := range jobs {
		select {
		case sem <- struct{}{}:
			go func() {
				defer func() { <-sem }()
				process(job)
			}()
		default:
			process(job) // no token: run it here
		}
	}
}

// Every path that reaches the go statement acquired a token.
func goodSelectBlocking(ctx context.Context, jobs []Job, sem chan struct{}) {
	for _, job := range jobs {
		select {
		case <-ctx.Done():
			return
		case sem <- struct{}{}:
		}
		go func() {
			defer func() { <-sem }()
			process(job)
		}()
	}
}

// A worker pool: as many workers as CPUs.
func goodPoolCPU(jobs <-chan Job) {
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			for j := range jobs {
				process(j)
			}
		}()
	}
}

// A pool of n workers: n is not the size of a collection.
func goodPoolN(n int, jobs <-chan Job) {
	for range n {
		go func() {
			for j := range jobs {
				process(j)
			}
		}()
	}
}

// min(len(jobs), 8) is at most 8.
func goodPoolMin(jobs []Job) {
	ch := make(chan Job)
	for i := 0; i < min(len(jobs), 8); i++ {
		go func() {
			for j := range ch {
				process(j)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
}

// As many workers as the channel has room for.
func goodPoolCap(sem chan Job) {
	for i := 0; i < cap(sem); i++ {
		go func() { process(<-sem) }()
	}
}

type worker struct{ id int }

func (w *worker) run(jobs <-chan Job) {}

// A slice made with a worker count, never appended to.
func goodWorkers(n int, jobs <-chan Job) {
	workers := make([]*worker, n)
	for i := range workers {
		workers[i] = &worker{id: i}
	}
	for _, w := range workers {
		go w.run(jobs)
	}
}

// A constant number of iterations.
func goodConst() {
	for i := 0; i < 4; i++ {
		go process(Job{ID: i})
	}
}

type shard struct{ m map[string]int }

func (s *shard) compact() {}

// An array has a constant length.
func goodArray(shards *[16]shard) {
	for i := range shards {
		go shards[i].compact()
	}
}

// A composite literal has a constant length.
func goodLiteral() {
	for _, name := range []string{"a.txt", "b.txt"} {
		go os.Remove(name)
	}
}

// A package-level table that is never changed.
var mirrors = []string{"https://a.example", "https://b.example"}

func goodTable(c *http.Client) {
	for _, m := range mirrors {
		go c.Get(m)
	}
}

// Waiting in every iteration keeps one goroutine running.
func goodWaitEach(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() { defer wg.Done(); process(j) }()
		wg.Wait()
	}
}

// A receive in every iteration, after the start.
func goodRecvEach(jobs []Job) {
	done := make(chan struct{})
	for _, j := range jobs {
		go func() { process(j); close(done) }()
		<-done
		done = make(chan struct{})
	}
}

// Waiting for every batch of 16.
func goodBatch(jobs []Job) {
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() { defer wg.Done(); process(j) }()
		if (i+1)%16 == 0 {
			wg.Wait()
		}
	}
	wg.Wait()
}

// Batches through an outer loop that waits.
func goodBatchOuter(jobs []Job) {
	const size = 16
	for start := 0; start < len(jobs); start += size {
		var wg sync.WaitGroup
		for _, j := range jobs[start:min(start+size, len(jobs))] {
			wg.Add(1)
			go func() { defer wg.Done(); process(j) }()
		}
		wg.Wait()
	}
}

// Pacing with a sleep is a deliberate rate.
func goodPaced(jobs []Job) {
	for _, j := range jobs {
		go process(j)
		time.Sleep(10 * time.Millisecond)
	}
}

// An acquire after the start, on every path, still bounds them.
func goodAcquireAfter(jobs []Job, sem chan struct{}) {
	for _, j := range jobs {
		go func() { defer func() { <-sem }(); process(j) }()
		sem <- struct{}{}
	}
}

// sync.Cond: wait while too many run.
func goodCond(jobs []Job) {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	running := 0
	for _, j := range jobs {
		mu.Lock()
		for running >= 8 {
			cond.Wait()
		}
		running++
		mu.Unlock()
		go func() {
			process(j)
			mu.Lock()
			running--
			cond.Signal()
			mu.Unlock()
		}()
	}
}

// The loop leaves after starting the goroutine: at most one.
func goodFirst(jobs []Job) {
	for _, j := range jobs {
		if j.ID == 0 {
			go process(j)
			return
		}
	}
}

// The goroutine uses nothing of the iteration: a one-off signal.
func goodSignal(jobs []Job, notify func()) {
	for _, j := range jobs {
		process(j)
		if j.ID == 0 {
			go notify()
		}
	}
}

type srv struct {
	listeners []net.Listener
	hooks     []func()
	mu        sync.Mutex
}

// Collections held by the receiver are configuration: a handful of
// listeners or hooks.
func (s *srv) goodReceiverState() {
	for _, f := range s.hooks {
		go f()
	}
}

// Package-level state too.
var shutdownHooks []func()

func RegisterHook(f func()) { shutdownHooks = append(shutdownHooks, f) }

func goodGlobalState() {
	for _, f := range shutdownHooks {
		go f()
	}
}

// The command line is configuration.
func goodArgs() {
	for _, name := range os.Args[1:] {
		go os.Remove(name)
	}
}

// A long-lived goroutine per listener: as many as configured.
func goodServe(lns []net.Listener, h http.Handler) {
	for _, ln := range lns {
		go http.Serve(ln, h)
	}
}

type peer struct{ addr string }

func (s *srv) replicate(p peer) {
	for {
		if !s.send(p) {
			return
		}
	}
}

func (s *srv) send(peer) bool { return false }

// A service loop per peer of the cluster.
func (s *srv) goodPeers(peers []peer) {
	for _, p := range peers {
		go s.replicate(p)
	}
}

// A service loop in a function literal.
func goodReaders(conns []net.Conn, out chan<- []byte) {
	for _, c := range conns {
		go func() {
			buf := make([]byte, 512)
			for {
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				out <- buf[:n]
			}
		}()
	}
}

// The go statement belongs to the goroutine's own function, not the loop.
func goodInner(jobs []Job) {
	go func() {
		for _, j := range jobs {
			process(j)
		}
	}()
}

// run waits for the goroutine it starts: not a start that outlives it.
func runWaited(j Job) {
	done := make(chan struct{})
	go func() { process(j); close(done) }()
	<-done
}

func goodWaitedHelper(jobs []Job) {
	for _, j := range jobs {
		runWaited(j)
	}
}

var started bool

// maybeStart starts a goroutine only the first time.
func maybeStart(j Job) {
	if started {
		return
	}
	started = true
	go process(j)
}

func goodConditionalHelper(jobs []Job) {
	for _, j := range jobs {
		maybeStart(j)
	}
}

// The semaphore inside the goroutine is taken after the work, to publish
// a result: that is a lock, not a late acquire (and the loop is over
// state).
func (s *srv) goodLockAfterWork(jobs []Job, status chan int) {
	for _, f := range s.hooks {
		go func() {
			f()
			n := <-status
			status <- n + 1
		}()
	}
}

// for {} loops that accept work are reported only with -loopgo.accept:
// a goroutine per connection is how net/http serves.
func goodAccept(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
		}()
	}
}

func goodRecvLoop(jobs chan Job) {
	for {
		j, ok := <-jobs
		if !ok {
			return
		}
		go process(j)
	}
}

// A throttle from another package, whose Do blocks until a slot is free.
func goodThrottle(jobs []Job) error {
	t := throttle.New(3)
	for _, j := range jobs {
		if err := t.Do(); err != nil {
			return err
		}
		go func() {
			defer t.Done(nil)
			process(j)
		}()
	}
	return nil
}

type queue struct{ ch chan Job }

// put blocks when the queue is full.
func (q *queue) put(j Job) { q.ch <- j }

// A same-package function that blocks in every iteration.
func goodQueue(q *queue, jobs []Job) {
	for _, j := range jobs {
		q.put(j)
		go process(j)
	}
}

// closeEach is called only with the receiver's connections: its
// parameter holds state, not input.
func closeEach(cs []net.Conn) {
	for _, c := range cs {
		go c.Close()
	}
}

type connSet struct {
	conns []net.Conn
	list  func() []net.Conn
}

func (s *connSet) closeAll() { closeEach(s.conns) }

// A function-valued field of the receiver returns state too.
func (s *connSet) closeListed() {
	for _, c := range s.list() {
		go c.Close()
	}
}

// A random order over the receiver's state is still state.
func (s *connSet) closeShuffled() {
	r := rand.New(rand.NewPCG(1, 2))
	for _, i := range r.Perm(len(s.conns)) {
		go s.conns[i].Close()
	}
}

// Collections named for the deployment's topology hold one element per
// peer, node, shard or disk: as many as the deployment has.
func broadcast(nodes []string, send func(string)) {
	for _, n := range nodes {
		go send(n)
	}
}

type Endpoint struct{ Host string }

// The element type names the topology.
func probeAll(eps []Endpoint, probe func(Endpoint)) {
	for _, e := range eps {
		go probe(e)
	}
}

// The goroutine's parameter names it.
func healthAll(items []string, check func(string)) {
	for _, it := range items {
		go func(disk string) { check(disk) }(it)
	}
}

type clientConfig struct{ url string }

// One client per configuration.
func dialAll(cfgs []*clientConfig, dial func(*clientConfig)) {
	for _, c := range cfgs {
		go dial(c)
	}
}

// TryAcquire: only the jobs that got a slot start a goroutine.
func goodTryAcquire(jobs []Job, sem *semaphore.Weighted) {
	for _, j := range jobs {
		if !sem.TryAcquire(1) {
			process(j)
			continue
		}
		go func() { defer sem.Release(1); process(j) }()
	}
}

// As many workers as GOMAXPROCS.
func goodPoolProcs(jobs <-chan Job) {
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		go func() {
			for j := range jobs {
				process(j)
			}
		}()
	}
}

// An inner loop over the outer loop's element, waited for in every outer
// iteration: batches.
func goodBatches(batches [][]Job) {
	for _, batch := range batches {
		var wg sync.WaitGroup
		for _, j := range batch {
			wg.Add(1)
			go func() { defer wg.Done(); process(j) }()
		}
		wg.Wait()
	}
}

// A start through a function value is not followed.
func goodFuncValue(jobs []Job) {
	start := func(j Job) { go process(j) }
	for _, j := range jobs {
		start(j)
	}
}

// A generic worker pool.
func goodGenericPool[T any](n int, in <-chan T, f func(T)) {
	for range n {
		go func() {
			for v := range in {
				f(v)
			}
		}()
	}
}

// A range over a channel is a stream of work, like an accept loop:
// reported only with -loopgo.accept.
func goodRangeChan(jobs <-chan Job) {
	for job := range jobs {
		go process(job)
	}
}

// boundedPool.Go acquires a slot before it starts the goroutine: calling
// it per element is bounded.
type boundedPool struct{ sem chan struct{} }

func (p *boundedPool) Go(f func()) { // want Go:"blocks" Go:"acquires p.sem in loopgo.Go"
	p.sem <- struct{}{}
	go func() {
		defer func() { <-p.sem }()
		f()
	}()
}

func goodPoolHelper(p *boundedPool, jobs []Job) {
	for _, j := range jobs {
		p.Go(func() { process(j) })
	}
}
