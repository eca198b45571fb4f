//go:build go1.24

package wgaddgo

import "sync"

// This file is at go1.24 (its build constraint): no WaitGroup.Go fix.
func old(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}
