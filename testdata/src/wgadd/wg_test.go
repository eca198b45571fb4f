package wgadd

import (
	"sync"
	"testing"
)

func TestParallelBad(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			process(i)
		}()
	}
	wg.Wait()
}

// Fine: the subtest's closure escapes to t.Run; the goroutine is counted.
func TestParallelGood(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(i)
		}()
	}
	wg.Wait()
	t.Run("sub", func(t *testing.T) {
		wg.Add(1)
		go func() { defer wg.Done() }()
		wg.Wait()
	})
}
