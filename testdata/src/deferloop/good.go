package deferloop

import (
	"fmt"
	"os"
	"sync"
)

// The defer is in a function literal called per iteration: it runs at the
// end of each iteration.
func processEach(names []string) error {
	for _, name := range names {
		if err := func() error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			return nil
		}(); err != nil {
			return err
		}
	}
	return nil
}

// The loop leaves on every path in its first iteration.
func first(names []string) (*os.File, error) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return f, nil
	}
	return nil, nil
}

// A loop that breaks after the defer runs once.
func once(mu *sync.Mutex) {
	for {
		mu.Lock()
		defer mu.Unlock()
		break
	}
}

// range over the constant 1 runs once.
func rangeOne(name string) {
	for range 1 {
		f, _ := os.Open(name)
		defer f.Close()
	}
}

// An array of length 1 runs once.
func arrayOne(names [1]string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close()
	}
}

// The goroutine's defer runs when the goroutine returns.
func perGoroutine(names []string, wg *sync.WaitGroup) {
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, _ := os.Open(name)
			defer f.Close()
		}()
	}
}

// Deferred calls that release nothing are reported only with -deferloop.all.
func logging(names []string) {
	for _, n := range names {
		defer fmt.Println("done", n)
	}
}

// recover in a deferred literal releases nothing.
func recovering(jobs []func()) {
	for _, j := range jobs {
		defer func() { _ = recover() }()
		j()
	}
}

// The defer is before the loop.
func beforeLoop(mu *sync.Mutex, keys []string, m map[string]int) {
	mu.Lock()
	defer mu.Unlock()
	for _, k := range keys {
		m[k]++
	}
}

// A panic ends the function in the first iteration.
func panics(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close()
		panic("unreachable loop")
	}
}

// Generated files and directives are handled by internal/ignore: see
// ignored.go.

// Unlocking at the end of each iteration, without defer, is the fix.
func (c *counterOK) addAll(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		c.n[k]++
		c.mu.Unlock()
	}
}

type counterOK struct {
	mu sync.Mutex
	n  map[string]int
}

// A loop over a composite literal: what piles up is bounded by the list.
func fixedFiles() {
	for _, name := range []string{"/etc/hosts", "/etc/passwd"} {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

// A defer in a closure that the loop only creates runs when the closure runs.
func closures(names []string) []func() {
	var fs []func()
	for _, name := range names {
		fs = append(fs, func() {
			f, _ := os.Open(name)
			defer f.Close()
		})
	}
	return fs
}

// A generic helper whose defer is outside the loop.
func withEach[T any](mu *sync.Mutex, xs []T, f func(T)) {
	mu.Lock()
	defer mu.Unlock()
	for _, x := range xs {
		f(x)
	}
}
