// Package wgaddgo is at go1.25 (go.mod): wgadd also offers WaitGroup.Go.
package wgaddgo

import "sync"

func process(int) {}

func inside(jobs []int) {
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

func after(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			process(job)
		}()
		wg.Add(1) // want `wg.Add called after the go statement`
	}
	wg.Wait()
}

// Only the move: wg.Go needs Add(1).
func two() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(2) // want `wg.Add called inside the goroutine it counts`
		defer wg.Done()
		defer wg.Done()
	}()
	wg.Wait()
}
