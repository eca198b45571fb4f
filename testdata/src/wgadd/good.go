package wgadd

import (
	"sync"
	"time"
)

// Fine: Add before the go statement.
func goodAddBefore(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// Fine: one Add for all goroutines, before the loop.
func goodAddAll(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// Fine: nested fan-out. The outer goroutine is counted before go, and it
// adds for each child before starting it.
func goodFanOut(groups [][]int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, g := range groups {
			for _, job := range g {
				wg.Add(1)
				go func() {
					defer wg.Done()
					process(job)
				}()
			}
		}
	}()
	wg.Wait()
}

// Fine: nested fan-out through a worker function that is itself counted.
func fanWorker(wg *sync.WaitGroup, jobs []int) {
	defer wg.Done()
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(j)
		}()
	}
}

func goodFanWorker(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go fanWorker(&wg, jobs)
	wg.Wait()
}

// Fine: fan-out from an uncounted goroutine that adds only for its
// children (its own Done is not involved).
func goodFanOutUncounted(jobs []int, done chan struct{}) {
	go func() {
		var wg sync.WaitGroup
		for _, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				process(j)
			}()
		}
		wg.Wait()
		close(done)
	}()
}

// Fine: the goroutine waits on the WaitGroup it adds to.
func goodWaitsItself(jobs []int, wg *sync.WaitGroup, done chan struct{}) {
	go func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(jobs[0])
		}()
		wg.Wait()
		close(done)
	}()
}

// Fine: the WaitGroup is local to the goroutine.
func goodLocal(jobs []int) {
	go func() {
		var wg sync.WaitGroup
		wg.Add(1)
		defer wg.Done()
		process(jobs[0])
	}()
}

// Fine: the worker is counted by its caller; its Add/Done pair inside is
// balanced within a counted goroutine.
func goodBalancedInsideCounted(jobs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Add(1)
		process(jobs[0])
		wg.Done()
	}()
	wg.Wait()
}

// Not reported (deliberately): an in-flight counter. Each loop iteration
// adds and is done before the next; drain's Wait means "nothing in progress
// now", and racing with a new Add is how the author wants it.
type inflight struct {
	wg sync.WaitGroup
	in chan int
}

func (f *inflight) consume() {
	for j := range f.in {
		f.wg.Add(1)
		process(j)
		f.wg.Done()
	}
}

func (f *inflight) start() { go f.consume() }

func (f *inflight) drain() { f.wg.Wait() }

// Fine: workers call Done once per job, and the Add after starting them
// comes before the jobs are sent.
func goodPerJobDone(items []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 4 {
		go func() {
			for j := range jobs {
				process(j)
				wg.Done()
			}
		}()
	}
	wg.Add(len(items))
	for _, it := range items {
		jobs <- it
	}
	wg.Wait()
	close(jobs)
}

// Fine: the Add after the first go statement counts the second goroutine.
func goodAddForNext(s *server) {
	s.wg.Add(1)
	go s.serveConns()
	s.wg.Add(1)
	go s.serveConns()
}

// Fine: the Add counts a later goroutine; the first was counted by a
// helper the caller runs.
func goodLaterAdd(s *server, conns []int) {
	go s.serveConns() // counted by the caller
	for _, c := range conns {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			process(c)
		}()
	}
}

// Not reported (deliberately): the WaitGroup escapes to code we cannot
// see (time.AfterFunc holds wg.Done), so we cannot tell which Done pays for
// which Add. Precision first: vet and SA2000 report this first-statement
// shape, and here the Add does race with Wait.
func goodEscapes(jobs []int) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		time.AfterFunc(time.Second, wg.Done)
		defer wg.Done()
	}()
	wg.Wait()
}

// Not reported (deliberately): the goroutine passes the WaitGroup to a
// function value we cannot follow; it may wait on it or count work of its own.
func goodEscapesCall(jobs []int, register func(*sync.WaitGroup)) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		register(&wg)
		defer wg.Done()
	}()
	wg.Wait()
}

// Not reported (deliberately): the delta is unknown and may be negative, in
// which case the Add is a Done and there is no race.
func goodUnknownDelta(delta int) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(delta)
		defer wg.Done()
	}()
	wg.Wait()
}

// Not reported (deliberately): one of a slice of WaitGroups; we cannot tell
// which one each call uses (and nobody waits on them here).
func goodSliceOfGroups(n int) {
	wgs := make([]sync.WaitGroup, n)
	for i := range wgs {
		go func() {
			wgs[i].Add(1)
			defer wgs[i].Done()
		}()
	}
}

// Not reported: the goroutine is started through an interface method we
// cannot follow.
type starter interface{ Run(*sync.WaitGroup) }

func goodInterface(s starter) {
	var wg sync.WaitGroup
	go s.Run(&wg)
	wg.Wait()
}

// Fine: a server whose Serve is counted before go.
func (s *server) serveCounted() {
	defer s.wg.Done()
}

func (s *server) startCounted() {
	s.wg.Add(1)
	go s.serveCounted()
}

// Fine: the Add before go is in a dominating block (before an if).
func goodDominating(jobs []int, verbose bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	if verbose {
		process(0)
	}
	go func() {
		defer wg.Done()
		process(jobs[0])
	}()
	wg.Wait()
}

// Fine: Add through a same-package helper before go.
func (p *pool) track() { p.wg.Add(1) }

func (p *pool) submitTracked(job int) {
	p.track()
	go func() {
		defer p.wg.Done()
		process(job)
	}()
}

// Fine: WaitGroup.Go counts the goroutine itself.
func goodGo(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(func() { process(job) })
	}
	wg.Wait()
}

// Fine: generic twin with Add before go.
func eachGood[T any](items []T, f func(T)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(it)
		}()
	}
	wg.Wait()
}

// Fine: method value twin, counted.
func (t *tasks) two() { defer t.wg.Done() }

func (t *tasks) startGood() {
	f := t.two
	t.wg.Add(1)
	go f()
	t.wg.Wait()
}

// Fine: nested fan-out through a function value. The counted goroutine
// adds for a child it starts with go fn(), which we cannot see into.
func goodFanOutFuncValue(wg *sync.WaitGroup, fn func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Add(1)
		go fn()
	}()
}

// Not reported: the same, uncounted. fn may call wg.Done, so the Add may
// pay for the child rather than for this goroutine.
func goodUnknownChild(wg *sync.WaitGroup, fn func()) {
	go func() {
		wg.Add(1)
		go fn()
		defer wg.Done()
	}()
}
