//go:build go1.20

// Package oldversion is built at language version go1.20: loop variables
// are shared between iterations, range over int and over functions is not
// allowed, and sync.WaitGroup.Go does not exist for this file.
package oldversion

import "sync"

func Shared(items []int) []int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var out []int
	for _, it := range items {
		it := it // needed before go1.22
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			out = append(out, it)
		}()
	}
	for i := 0; i < len(items); i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = items[i]
		}(i)
	}
	wg.Wait()
	return out
}
