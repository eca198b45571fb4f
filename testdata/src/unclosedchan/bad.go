package unclosedchan

import (
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// squares forgets to close out: the range in sumSquares never ends.
func squares(nums []int) <-chan int {
	out := make(chan int) // want `out is sent on but never closed, so the range over it in sumSquares never ends; close\(out\) after the last send`
	go func() {
		for _, n := range nums {
			out <- n * n
		}
	}()
	return out
}

func sumSquares(nums []int) int {
	s := 0
	for v := range squares(nums) {
		s += v
	}
	return s
}

// parseAll closes out on the happy path only.
func parseAll(lines []string) []int {
	out := make(chan int)
	go func() {
		for _, l := range lines {
			n, err := strconv.Atoi(l)
			if err != nil {
				return // want `return skips close\(out\), so the range over it in parseAll never ends; use defer close\(out\) so that every path closes it`
			}
			out <- n
		}
		close(out)
	}()
	var ns []int
	for n := range out {
		ns = append(ns, n)
	}
	return ns
}

// A server's loop ranges over reqs, which nothing closes: every server
// leaks its loop goroutine.
type server struct {
	reqs chan string
	seen int
}

func newServer() *server {
	s := &server{reqs: make(chan string)} // want `field reqs is sent on but never closed, so the range over it in server.loop never ends; close it after the last send`
	go s.loop()
	return s
}

func (s *server) loop() {
	for r := range s.reqs {
		s.seen += len(r)
	}
}

func (s *server) submit(r string) { s.reqs <- r }

// mapAll is generic; its results channel is never closed.
func mapAll[T, U any](in []T, f func(T) U) []U {
	res := make(chan U, len(in)) // want `res is sent on but never closed, so the range over it in mapAll never ends`
	for _, x := range in {
		res <- f(x)
	}
	var out []U
	for u := range res {
		out = append(out, u)
	}
	return out
}

func useMapAll() []string { return mapAll([]int{1, 2}, strconv.Itoa) }

// drain receives until !ok, but nobody closes events.
func watch(paths []string) int {
	events := make(chan string) // want `events is sent on but never closed, so the receive loop on it in count never ends`
	go func() {
		for _, p := range paths {
			events <- p
		}
	}()
	return count(events)
}

func count(events <-chan string) int {
	n := 0
	for {
		_, ok := <-events
		if !ok {
			return n
		}
		n++
	}
}

// batch flushes on a ticker but leaves only when items is closed.
func batch(items []int, flush func([]int)) {
	ch := make(chan int) // want `ch is sent on but never closed, so the select loop receiving from it in the goroutine in batch never ends`
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		var buf []int
		for {
			select {
			case v, ok := <-ch:
				if !ok {
					flush(buf)
					return
				}
				buf = append(buf, v)
			case <-t.C:
				flush(buf)
				buf = nil
			}
		}
	}()
	for _, it := range items {
		ch <- it
	}
	wg.Wait()
}

// process starts its consumer, then returns on error without closing jobs:
// the consumer goroutine leaks.
func process(names []string, handle func(string)) error {
	jobs := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs {
			handle(j)
		}
	}()
	for _, n := range names {
		if n == "" {
			return errors.New("empty name") // want `return skips close\(jobs\), so the range over it in the goroutine in process never ends; use defer close\(jobs\)`
		}
		jobs <- n
	}
	close(jobs)
	<-done
	return nil
}

// fanIn's closer goroutine closes only when no worker failed.
func fanIn(inputs [][]int) []int {
	out := make(chan int)
	var wg sync.WaitGroup
	var failed atomic.Bool
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range in {
				if v < 0 {
					failed.Store(true)
					return
				}
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		if failed.Load() {
			return // want `return skips close\(out\), so the range over it in fanIn never ends; close it on this path too`
		}
		close(out)
	}()
	var all []int
	for v := range out {
		all = append(all, v)
	}
	return all
}

// produce is a named sender that returns early without closing.
func produce(ch chan<- int, xs []string) error {
	for _, x := range xs {
		n, err := strconv.Atoi(x)
		if err != nil {
			return err // want `return skips close\(ch\), so the range over it in consumeAll never ends; use defer close\(ch\)`
		}
		ch <- n
	}
	close(ch)
	return nil
}

func consumeAll(xs []string) int {
	ch := make(chan int)
	go produce(ch, xs)
	t := 0
	for n := range ch {
		t += n
	}
	return t
}

// A method value started as a goroutine is followed too.
type ticker struct{ n int }

func (tk *ticker) emit(ch chan<- int) {
	for i := 0; i < tk.n; i++ {
		ch <- i
	}
}

func ticks(tk *ticker) int {
	ch := make(chan int) // want `ch is sent on but never closed, so the range over it in ticks never ends`
	emit := tk.emit
	go emit(ch)
	t := 0
	for v := range ch {
		t += v
	}
	return t
}

// leakyPipe is a generic struct whose field channel nothing closes.
type leakyPipe[T any] struct{ ch chan T }

func newLeakyPipe[T any]() *leakyPipe[T] {
	p := &leakyPipe[T]{ch: make(chan T)} // want `field ch is sent on but never closed, so the range over it in leakyPipe.drain never ends`
	go p.drain()
	return p
}

func (p *leakyPipe[T]) drain() {
	for v := range p.ch {
		_ = v
	}
}

func (p *leakyPipe[T]) put(v T) { p.ch <- v }

func useLeakyPipe() {
	p := newLeakyPipe[string]()
	p.put("x")
}
