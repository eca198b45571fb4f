package busyselect

import (
	"context"
	"io"
	"iter"
	"log"
	"os"
	"sync"
	"time"

	"go.uber.org/zap"
)

// A select with default outside a loop is a non-blocking try.
func trySend(ch chan<- int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

// A non-blocking broadcast: each trip handles another subscriber and the
// range ends.
func broadcast(subs []chan string, msg string) (dropped int) {
	for _, sub := range subs {
		select {
		case sub <- msg:
		default:
			dropped++
		}
	}
	return dropped
}

// A bounded number of tries.
func tryThrice(ch chan<- int, v int) bool {
	for i := 0; i < 3; i++ {
		select {
		case ch <- v:
			return true
		default:
		}
	}
	return false
}

// Ranging over a map of channels is bounded too.
func notifyAll(chans map[string]chan struct{}) {
	for _, ch := range chans {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// The default returns.
func drainAvailable(in <-chan int) []int {
	var out []int
	for {
		select {
		case v := <-in:
			out = append(out, v)
		default:
			return out
		}
	}
}

// The default breaks out of the loop.
func drainLabeled(in <-chan int) (n int) {
loop:
	for {
		select {
		case <-in:
			n++
		default:
			break loop
		}
	}
	return n
}

// The default sleeps: a polling loop with a period.
func pollSleep(done <-chan struct{}, check func() bool) {
	for {
		select {
		case <-done:
			return
		default:
			if check() {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// The default waits for a tick.
func pollTicker(done <-chan struct{}, t *time.Ticker, n *int) {
	for {
		select {
		case <-done:
			return
		default:
			<-t.C
			*n++
		}
	}
}

// The default waits on a condition variable.
type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	quit  chan struct{}
}

func (q *queue) consume() {
	for {
		select {
		case <-q.quit:
			return
		default:
			q.mu.Lock()
			for len(q.items) == 0 {
				q.cond.Wait()
			}
			q.items = q.items[1:]
			q.mu.Unlock()
		}
	}
}

// The default takes a lock, which may wait.
func (q *queue) lockInDefault() {
	for {
		select {
		case <-q.quit:
			return
		default:
			q.mu.Lock()
			q.items = append(q.items, 1)
			q.mu.Unlock()
		}
	}
}

// The loop blocks on every iteration before the select: the select with
// default is a non-blocking forward that drops when out is full.
func forward(in <-chan int, out chan<- int) (dropped int) {
	for {
		v, ok := <-in
		if !ok {
			return dropped
		}
		select {
		case out <- v:
		default:
			dropped++
		}
	}
}

// A range over a channel receives, and blocks, on every iteration.
func forwardRange(in <-chan int, out chan<- int) {
	for v := range in {
		select {
		case out <- v:
		default:
		}
	}
}

// The loop sleeps after the select.
func pollThenSleep(done <-chan struct{}, work func()) {
	for {
		select {
		case <-done:
			return
		default:
		}
		work()
		time.Sleep(time.Second)
	}
}

// A call we cannot see into may block (an interface method, a function
// value): not reported.
func readUntilDone(done <-chan struct{}, r io.Reader, buf []byte) error {
	for {
		select {
		case <-done:
			return nil
		default:
		}
		if _, err := r.Read(buf); err != nil {
			return err
		}
	}
}

// The default calls a helper of the same package that sleeps.
func backoff(d time.Duration) { time.Sleep(d) }

func pollHelper(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			backoff(time.Millisecond)
		}
	}
}

// The default sets the flag the loop condition tests: it leaves.
func untilEmpty(in <-chan int) (sum int) {
	done := false
	for !done {
		select {
		case v := <-in:
			sum += v
		default:
			done = true
		}
	}
	return sum
}

// The default's counter bounds the loop.
func spinAtMost(ready <-chan struct{}, max int) bool {
	n := 0
	for n < max {
		select {
		case <-ready:
			return true
		default:
			n++
		}
	}
	return false
}

// The default decrements the field the loop condition reads.
type budget struct {
	left int
	ch   chan int
}

func (b *budget) spend() {
	for b.left > 0 {
		select {
		case <-b.ch:
			return
		default:
			b.left--
		}
	}
}

// Sleeping on some paths of the default (a backoff every 100 spins) means
// the author waits; whether the other path repeats depends on data.
func throttled(done <-chan struct{}) {
	spins := 0
	for {
		select {
		case <-done:
			return
		default:
			spins++
			if spins%100 == 0 {
				time.Sleep(time.Millisecond)
			}
		}
	}
}

// The select is in a goroutine started by the loop, not in the loop.
func spawn(xs []int, ch chan int) {
	for _, x := range xs {
		go func() {
			select {
			case ch <- x:
			default:
			}
		}()
	}
}

// A range over an iterator function: what drives the loop is unknown.
func forwardSeq(seq iter.Seq[int], out chan<- int) {
	for v := range seq {
		select {
		case out <- v:
		default:
		}
	}
}

// The default exits the process.
func exitOnIdle(in <-chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		default:
			log.Fatal("idle")
		}
	}
}

// The default panics.
func panicOnIdle(in <-chan int) {
	for {
		select {
		case <-in:
		default:
			panic("no input")
		}
	}
}

// The default waits in a blocking select.
func waitInDefault(a <-chan int, quit <-chan struct{}) {
	for {
		select {
		case <-a:
		default:
			select {
			case <-a:
			case <-quit:
				return
			case <-time.After(time.Second):
			}
		}
	}
}

// The default sends, which blocks until a receiver is ready.
func handOff(done <-chan struct{}, out chan<- int) {
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
			out <- i
		}
	}
}

// Writing to a file is I/O.
func writeUntilDone(done <-chan struct{}, f *os.File) {
	for {
		select {
		case <-done:
			return
		default:
			f.WriteString("tick\n")
		}
	}
}

// An iterator of the package whose next advances: the loop is driven by
// its own work and ends when the items do; the select only checks for
// cancellation between items.
type cursor struct {
	items []int
	pos   int
}

func (c *cursor) next() bool {
	c.pos++
	return c.pos <= len(c.items)
}

func sumItems(ctx context.Context, c *cursor) (int, error) {
	sum := 0
	for c.next() {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		default:
		}
		sum += c.items[c.pos-1]
	}
	return sum, nil
}

// Generic bounded broadcast.
func fanOut[T any](outs []chan T, v T) {
	for _, out := range outs {
		select {
		case out <- v:
		default:
		}
	}
}

// A method value that sleeps, called in the default.
type napper struct{ d time.Duration }

func (n napper) nap() { time.Sleep(n.d) }

func pollNap(done <-chan struct{}, n napper) {
	nap := n.nap
	for {
		select {
		case <-done:
			return
		default:
			nap()
		}
	}
}

// A WaitGroup wait on every iteration.
func rounds(done <-chan struct{}, work func(*sync.WaitGroup)) {
	for {
		select {
		case <-done:
			return
		default:
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go work(&wg)
		wg.Wait()
	}
}

// A closure that sleeps, called in the default.
func closureSleeps(done <-chan struct{}) {
	pause := func() { time.Sleep(time.Millisecond) }
	for {
		select {
		case <-done:
			return
		default:
			pause()
		}
	}
}

// zap's Sync flushes to its sink, which is I/O.
func zapSync(lg *zap.Logger, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			_ = lg.Sync()
		}
	}
}

// A CPU-bound worker that checks for cancellation between rounds of real
// work (an inner loop): the select is a cancellation check, not a wait.
func stress(done <-chan struct{}, m *sync.Map, n int) {
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
		}
		for k := 0; k < n; k++ {
			m.Store(k, i)
		}
	}
}

// A sync.Map write in the default and a Load of it in the condition: the
// loop is bounded by what it writes.
func untilStored(m *sync.Map, ready <-chan struct{}) {
	for {
		if _, ok := m.Load("k"); ok {
			return
		}
		select {
		case <-ready:
			return
		default:
			m.Store("k", 1)
		}
	}
}

// The select is in a function literal the loop calls: each call tries
// once and returns.
func tryEach(chs []chan int) (sent int) {
	for i := range chs {
		func() {
			select {
			case chs[i] <- i:
				sent++
			default:
			}
		}()
	}
	return sent
}
