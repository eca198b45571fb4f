package loopgo

import (
	"sync"

	"loopgo/throttle"
)

// Issue 11: found on dgraph's schema updates, next to look-alikes that are
// still reported.

// Deferred and limited (dgraph's index builds, worker/mutation.go): each
// goroutine waits until the function has set up every element, then takes
// a throttle slot. The work is bounded; taking the slot before the go
// statement would deadlock, since the barrier opens only when the
// function returns.
func issue11Deferred(jobs []Job) {
	var start sync.WaitGroup
	start.Add(1)
	defer start.Done()
	t := throttle.New(16)
	build := func(j Job) {
		start.Wait()
		if err := t.Do(); err != nil {
			return
		}
		process(j)
		t.Done(nil)
	}
	for _, j := range jobs {
		go build(j)
	}
}

// The same throttle taken inside the goroutine, with no barrier: the
// goroutines all start and pile up blocked on Do. Acquiring before the go
// statement is the fix.
func issue11Late(jobs []Job) {
	t := throttle.New(16)
	for _, j := range jobs {
		go func() { // want `goroutine per element of jobs waits for t inside the goroutine, so they all start at once and pile up blocked; acquire t before starting the goroutine`
			if err := t.Do(); err != nil {
				return
			}
			defer t.Done(nil)
			process(j)
		}()
	}
}

// A barrier that the function opens, and nothing that limits the work
// after it: every goroutine runs at once when the barrier opens.
func issue11BarrierOnly(jobs []Job) {
	var start sync.WaitGroup
	start.Add(1)
	defer start.Done()
	run := func(j Job) {
		start.Wait()
		process(j)
	}
	for _, j := range jobs {
		go run(j) // want `goroutine per element of jobs with no concurrency limit`
	}
}

// A barrier that the goroutines' own group opens, not the function (each
// waits for the previous phase, which the function does not release): the
// throttle could be taken before the go statement, so it is still a late
// acquire.
func issue11OtherBarrier(jobs []Job, phase *sync.WaitGroup) {
	t := throttle.New(16)
	for _, j := range jobs {
		go func() { // want `goroutine per element of jobs waits for t inside the goroutine`
			phase.Wait()
			if err := t.Do(); err != nil {
				return
			}
			defer t.Done(nil)
			process(j)
		}()
	}
}

// A WaitGroup waited on inside the goroutine is a barrier, not a limiter:
// the goroutines below wait for their starter's group, then each waits on
// nothing else.
func issue11WaitIsNoLimiter(jobs []Job) {
	var ready sync.WaitGroup
	ready.Add(1)
	for _, j := range jobs {
		go func() { // want `goroutine per element of jobs with no concurrency limit`
			ready.Wait()
			process(j)
		}()
	}
	ready.Done()
}

// A bounded wait group (tempo's tempo-cli): Add(1) waits for room before
// each go statement, a semaphore with a WaitGroup's names.
func issue11BoundedWaitGroup(ids []Job) {
	wg := throttle.NewBounded(100)
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(id)
		}()
	}
	wg.Wait()
}

// A sync.WaitGroup's Add does not wait: still reported.
func issue11PlainWaitGroup(ids []Job) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() { // want `goroutine per element of ids with no concurrency limit`
			defer wg.Done()
			process(id)
		}()
	}
	wg.Wait()
}
