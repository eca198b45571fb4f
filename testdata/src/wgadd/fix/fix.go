package fix

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

func insideAfterDefer(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			process(job)
		}()
	}
	wg.Wait()
}

func oneLine(s *state) {
	go func() { s.wg.Add(1); defer s.wg.Done(); process(0) }() // want `s.wg.Add called inside`
	s.wg.Wait()
}

type state struct{ wg sync.WaitGroup }

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

// No fix: the Add runs after a statement that may not return.
func noFixConditional(jobs []int, skip bool) {
	var wg sync.WaitGroup
	go func() {
		if skip {
			return
		}
		wg.Add(1) // want `wg.Add called inside the goroutine it counts`
		defer wg.Done()
		process(jobs[0])
	}()
	wg.Wait()
}

// No fix: the WaitGroup is chosen inside the goroutine.
func noFixLocalReceiver(s *state) {
	go func() {
		w := &s.wg
		w.Add(1) // want `w.Add called inside the goroutine it counts`
		defer w.Done()
	}()
	s.wg.Wait()
}
