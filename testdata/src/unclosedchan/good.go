package unclosedchan

import (
	"context"
	"log"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"time"
)

// goodSquares closes out with defer: every path closes it.
func goodSquares(nums []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			if n < 0 {
				return
			}
			out <- n * n
		}
	}()
	return out
}

func goodSum(nums []int) int {
	s := 0
	for v := range goodSquares(nums) {
		s += v
	}
	return s
}

// goodFanIn closes in a closer goroutine after wg.Wait().
func goodFanIn(inputs [][]int) []int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range in {
				if v < 0 {
					return // fine: the closer goroutine closes out
				}
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var all []int
	for v := range out {
		all = append(all, v)
	}
	return all
}

// onceCloser closes through sync.Once, from whichever sender stops first.
type onceCloser struct {
	ch   chan int
	once sync.Once
}

func (c *onceCloser) stop() { c.once.Do(func() { close(c.ch) }) }

func useOnceCloser(xs []int) int {
	c := &onceCloser{ch: make(chan int)}
	go func() {
		for _, x := range xs {
			if x < 0 {
				c.stop()
				return
			}
			c.ch <- x
		}
		c.stop()
	}()
	t := 0
	for v := range c.ch {
		t += v
	}
	return t
}

// ctxLoop can also leave when ctx is done: not a loop that waits for close.
func ctxLoop(ctx context.Context, xs []int) {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return
			}
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

// quitLoop leaves on a quit channel.
func quitLoop(quit <-chan struct{}, xs []int) {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return
			}
			_ = v
		case <-quit:
			return
		}
	}
}

// counted receives exactly as many values as were sent.
func counted(xs []int) int {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		go func() { ch <- x * 2 }()
	}
	t := 0
	for range xs {
		t += <-ch
	}
	return t
}

// countedRange ranges but breaks after n values.
func countedRange(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	t, n := 0, len(xs)
	for v := range ch {
		t += v
		n--
		if n == 0 {
			break
		}
	}
	return t
}

// sentinel stops at a sentinel value the sender sends last.
func sentinel(xs []string) []string {
	ch := make(chan string)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		ch <- ""
	}()
	var out []string
	for s := range ch {
		if s == "" {
			return out
		}
		out = append(out, s)
	}
	return out
}

// notified receives from a channel passed to another package (signal.Notify
// may close or send on it there): we cannot see all its senders.
func notified() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() { ch <- os.Interrupt }()
	for s := range ch {
		_ = s
	}
}

// globalCh is a global: other code may close it.
var globalCh chan int

func useGlobal() {
	globalCh = make(chan int)
	go func() { globalCh <- 1 }()
	for v := range globalCh {
		_ = v
	}
}

// Exported fields can be closed by other packages.
type Pipe struct{ C chan int }

func NewPipe() *Pipe {
	p := &Pipe{C: make(chan int)}
	go func() {
		for v := range p.C {
			_ = v
		}
	}()
	p.C <- 1
	return p
}

// asInterface loses the channel in an interface.
func asInterface(sink func(any)) {
	ch := make(chan int)
	sink(ch)
	go func() { ch <- 1 }()
	for v := range ch {
		_ = v
	}
}

// forever: the sender never returns, so both sides live for the program.
func forever() {
	ch := make(chan time.Time)
	go func() {
		for {
			ch <- time.Now()
			time.Sleep(time.Second)
		}
	}()
	go func() {
		for t := range ch {
			_ = t
		}
	}()
}

// handshake: the sender reports the setup error on ready, and the receiver
// reads ready before it ranges, so the early return leaves nobody waiting.
func handshake(setup func() error, xs []int) (int, error) {
	ready := make(chan error, 1)
	out := make(chan int)
	go func() {
		if err := setup(); err != nil {
			ready <- err
			return
		}
		ready <- nil
		for _, x := range xs {
			out <- x
		}
		close(out)
	}()
	if err := <-ready; err != nil {
		return 0, err
	}
	t := 0
	for v := range out {
		t += v
	}
	return t, nil
}

// notStarted returns before starting its consumer: nobody waits yet.
func notStarted(names []string, handle func(string)) error {
	jobs := make(chan string)
	if len(names) == 0 {
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs {
			handle(j)
		}
	}()
	for _, n := range names {
		jobs <- n
	}
	close(jobs)
	<-done
	return nil
}

// lastWorker: each worker closes only if it is the last one; the closing
// function runs several times per channel, so a path without close is fine.
func lastWorker(parts [][]int) int {
	out := make(chan int)
	var mu sync.Mutex
	left := len(parts)
	for _, p := range parts {
		go func() {
			for _, v := range p {
				out <- v
			}
			mu.Lock()
			defer mu.Unlock()
			left--
			if left == 0 {
				close(out)
				return
			}
			return
		}()
	}
	t := 0
	for v := range out {
		t += v
	}
	return t
}

// twoClosers: closes in two functions (guarded elsewhere): ownership is not
// one function's, so no early-return report.
type twoClosers struct {
	ch     chan int
	closed bool
	mu     sync.Mutex
}

func (t *twoClosers) closeA() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closed {
		t.closed = true
		close(t.ch)
	}
}

func (t *twoClosers) closeB() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closed {
		t.closed = true
		close(t.ch)
	}
}

func useTwoClosers() int {
	t := &twoClosers{ch: make(chan int, 1)}
	t.ch <- 1
	go t.closeA()
	go t.closeB()
	n := 0
	for v := range t.ch {
		n += v
	}
	return n
}

// bodyReturns leaves the range on the first error: it can exit another way.
func bodyReturns(xs []string) error {
	type res struct {
		n   int
		err error
	}
	ch := make(chan res)
	go func() {
		for _, x := range xs {
			n, err := strconv.Atoi(x)
			ch <- res{n, err}
		}
	}()
	for r := range ch {
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

// deferredClosure closes in a deferred function literal.
func deferredClosure(xs []int) int {
	ch := make(chan int)
	go func() {
		defer func() { close(ch) }()
		for _, x := range xs {
			if x < 0 {
				return
			}
			ch <- x
		}
	}()
	t := 0
	for v := range ch {
		t += v
	}
	return t
}

// fatal: log.Fatal never returns, so no path leaves without closing.
func fatal(xs []string) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			n, err := strconv.Atoi(x)
			if err != nil {
				log.Fatal(err)
			}
			ch <- n
		}
		close(ch)
	}()
	t := 0
	for v := range ch {
		t += v
	}
	return t
}

// goodGeneric closes its results channel.
func goodGeneric[T any](xs []T) []T {
	ch := make(chan T, len(xs))
	for _, x := range xs {
		ch <- x
	}
	close(ch)
	var out []T
	for x := range ch {
		out = append(out, x)
	}
	return out
}

func useGoodGeneric() []int { return goodGeneric([]int{1}) }

// goodServer has a close method that ends its loop.
type goodServer struct{ reqs chan string }

func newGoodServer() *goodServer {
	s := &goodServer{reqs: make(chan string)}
	go s.loop()
	return s
}

func (s *goodServer) loop() {
	for r := range s.reqs {
		_ = r
	}
}

func (s *goodServer) submit(r string) { s.reqs <- r }
func (s *goodServer) close()          { close(s.reqs) }

// goodMethodValue closes in the method started through a method value.
type goodTicker struct{ n int }

func (tk *goodTicker) emit(ch chan<- int) {
	defer close(ch)
	for i := 0; i < tk.n; i++ {
		ch <- i
	}
}

func goodTicks(tk *goodTicker) int {
	ch := make(chan int)
	emit := tk.emit
	go emit(ch)
	t := 0
	for v := range ch {
		t += v
	}
	return t
}

// recvOnlyOut hands out only the receive side: nobody else can close it,
// and the producer closes it.
func recvOnlyOut(xs []int) <-chan int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	return ch
}

func useRecvOnlyOut() {
	for v := range recvOnlyOut(nil) {
		_ = v
	}
}

// inSlice keeps the channels in a slice, which we do not follow.
func inSlice(n int) {
	chans := make([]chan int, n)
	for i := range chans {
		chans[i] = make(chan int)
		go func() { chans[i] <- i }()
	}
	for _, c := range chans {
		for v := range c {
			_ = v
		}
	}
}

// stageRun: the channel is made in newStageRun, but the closing literal is
// started by run, which may run several times per stage (a second close
// would panic), so we do not claim the early return must close.
type stageRun struct{ out chan string }

func newStageRun() *stageRun { return &stageRun{out: make(chan string)} }

func (s *stageRun) run(in []string) []string {
	go func() {
		for _, x := range in {
			if x == "" {
				return
			}
			s.out <- x
		}
		close(s.out)
	}()
	var res []string
	for x := range s.out {
		res = append(res, x)
	}
	return res
}

// inMap keeps the channel in a map, which we do not follow.
func inMap(keys []string) {
	chans := make(map[string]chan int)
	for _, k := range keys {
		chans[k] = make(chan int)
	}
	for _, c := range chans {
		go func() { c <- 1 }()
		for v := range c {
			_ = v
		}
	}
}

// timeoutLoop also leaves after a timeout.
func timeoutLoop(xs []int) {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return
			}
			_ = v
		case <-time.After(time.Second):
			return
		}
	}
}

// initWorker runs once per process, like main.
var initResults []int

func init() {
	ch := make(chan int)
	go func() {
		for v := range ch {
			initResults = append(initResults, v)
		}
	}()
	ch <- 1
}

// genericPipe is a generic struct whose field channel is closed by stop.
type genericPipe[T any] struct{ ch chan T }

func newGenericPipe[T any]() *genericPipe[T] {
	p := &genericPipe[T]{ch: make(chan T)}
	go p.drain()
	return p
}

func (p *genericPipe[T]) drain() {
	for v := range p.ch {
		_ = v
	}
}

func (p *genericPipe[T]) put(v T) { p.ch <- v }
func (p *genericPipe[T]) stop()   { close(p.ch) }

func useGenericPipe() {
	p := newGenericPipe[int]()
	p.put(1)
	p.stop()
}

// noSends: nothing in the package sends on idle, so there is no sender to
// blame (the loop is odd, but not this check's shape).
func noSends() chan<- int {
	idle := make(chan int)
	go func() {
		for range idle {
		}
	}()
	return nil
}

// ignoredDaemon leaks on purpose and says so with a directive.
func ignoredDaemon() {
	ch := make(chan int) //conclint:ignore unclosedchan the logger lives as long as the process
	go func() {
		for v := range ch {
			_ = v
		}
	}()
	ch <- 1
}
