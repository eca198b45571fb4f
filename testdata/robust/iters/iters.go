// Package iters uses range-over-func iterators: loops whose body is a
// closure underneath, where break, return and defer mean what they mean in
// an ordinary loop.
package iters

import (
	"iter"
	"maps"
	"os"
	"slices"
	"sync"
)

// Lines yields each name with an open file.
func Files(names []string) iter.Seq2[string, *os.File] {
	return func(yield func(string, *os.File) bool) {
		for _, n := range names {
			f, err := os.Open(n)
			if err != nil {
				continue
			}
			ok := yield(n, f)
			f.Close()
			if !ok {
				return
			}
		}
	}
}

// DeferInRangeFunc defers in the body of a range-over-func loop: the defer
// runs when DeferInRangeFunc returns, as in any loop.
func DeferInRangeFunc(names []string) int {
	n := 0
	for name, f := range Files(names) {
		defer f.Sync()
		n += len(name)
	}
	return n
}

// EarlyExit returns and breaks out of range-over-func loops.
func EarlyExit(m map[string]int) (string, bool) {
	for k, v := range maps.All(m) {
		if v < 0 {
			return k, true
		}
		if v > 100 {
			break
		}
	}
	for i, v := range slices.Backward([]int{1, 2, 3}) {
		if i == v {
			continue
		}
	}
	return "", false
}

// GoInRangeFunc starts goroutines from the body of a range-over-func loop.
func GoInRangeFunc(seq iter.Seq[int]) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for v := range seq {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			total += v
		}()
	}
	wg.Wait()
	return total
}

// Pull uses iter.Pull and its stop function.
func Pull(seq iter.Seq[int]) (int, bool) {
	next, stop := iter.Pull(seq)
	defer stop()
	return next()
}

// Nested range-over-func loops with labels and a select in the inner body.
func Nested(outer iter.Seq[int], ch chan int, done chan struct{}) {
Outer:
	for a := range outer {
		for b := range outer {
			select {
			case ch <- a * b:
			case <-done:
				break Outer
			default:
				continue Outer
			}
		}
	}
}

// Chan is an iterator over a channel; the goroutine closes it.
func Chan(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		ch := make(chan int)
		go func() {
			defer close(ch)
			for i := range n {
				ch <- i
			}
		}()
		for v := range ch {
			if !yield(v) {
				return
			}
		}
	}
}
