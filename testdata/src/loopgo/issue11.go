package loopgo

import (
	"context"
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

// A spend watcher per output (lnd's breach arbitrator): each goroutine
// waits for its own notification, and the function closes exit to stop
// the others once one fires. It waits on an event of its own, so it is a
// watcher, not a start barrier.
func issue11SpendWatch(spends []chan int, quit <-chan struct{}) int {
	exit := make(chan struct{})
	any := make(chan int, len(spends))
	for _, sp := range spends {
		go func() {
			select {
			case v := <-sp:
				any <- v
			case <-exit:
			case <-quit:
			}
		}()
	}
	v := <-any
	close(exit)
	return v
}

// A start barrier with a way out on cancellation: it waits only on the
// channel the function closes and on ctx.Done(), then works, all at once.
func issue11BarrierOrCancel(ctx context.Context, jobs []Job) {
	start := make(chan struct{})
	for _, j := range jobs {
		go func() { // want `goroutine per element of jobs with no concurrency limit`
			select {
			case <-start:
			case <-ctx.Done():
				return
			}
			process(j)
		}()
	}
	close(start)
}

type pilot struct {
	updates chan *openUpdate
	quit    chan struct{}
}

type openUpdate struct{ job Job }

// onOpen hands the update to the agent's loop without blocking its caller
// (lnd's autopilot OnChannelOpen): its goroutine does no work.
func (a *pilot) onOpen(j Job) {
	go func() {
		select {
		case a.updates <- &openUpdate{job: j}:
		case <-a.quit:
		}
	}()
}

// A notification per element, each handed off in its own goroutine: a
// limit would make the loop block on the pilot, which the hand-off avoids.
func issue11Notify(a *pilot, jobs []Job) {
	for _, j := range jobs {
		a.onOpen(j)
	}
}

// The same hand-off written in the loop.
func issue11HandOff(out chan<- Job, jobs []Job) {
	for _, j := range jobs {
		go func() { out <- j }()
	}
}

func transform(j Job) Job { return j }

// A goroutine that computes the value it sends works first: reported.
func issue11ComputeThenSend(out chan<- Job, jobs []Job) {
	for _, j := range jobs {
		go func() { out <- transform(j) }() // want `goroutine per element of jobs with no concurrency limit`
	}
}

type router struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func (*router) resume(j Job) {}

// In-flight payments resumed at start-up (lnd's router), each counted in
// the router's WaitGroup and joined when the router stops: a task of the
// long-lived router per live item, as its handlers are, not a fan-out the
// function waits for.
func (r *router) issue11Resume(jobs []Job) {
	for _, j := range jobs {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.resume(j)
		}()
	}
}

// The router's WaitGroup waited for in the function: a fan-out, reported.
func (r *router) issue11ResumeAndWait(jobs []Job) {
	for _, j := range jobs {
		r.wg.Add(1)
		go func() { // want `goroutine per element of jobs with no concurrency limit`
			defer r.wg.Done()
			r.resume(j)
		}()
	}
	r.wg.Wait()
}

// Scaler is a client of a metrics source (KEDA's scalers): it closes with
// a context.
type Scaler interface {
	Active(ctx context.Context) (bool, error)
	Close(ctx context.Context) error
}

// One query per scaler of an object (KEDA's scale handler): the program
// holds each scaler open already, one per configured trigger.
func issue11Scalers(ctx context.Context, all []Scaler) {
	var wg sync.WaitGroup
	for _, s := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Active(ctx)
		}()
	}
	wg.Wait()
}

// A Close that takes more than a context is no resource's: still
// reported.
type Batch interface {
	Flush(ctx context.Context) error
	Close(ctx context.Context, flush bool) error
}

func issue11Batches(ctx context.Context, all []Batch) {
	for _, b := range all {
		go b.Flush(ctx) // want `goroutine per element of all with no concurrency limit`
	}
}

type invoker struct{}

func (*invoker) Destroy()            {}
func (*invoker) Invoke(string) error { return nil }

// Stale invokers destroyed in the background after a registry update
// (dubbo-go's registry directory): each frees a connection the program
// already holds.
func issue11DestroyStale(stale []*invoker) {
	for _, inv := range stale {
		go inv.Destroy()
	}
}

// The same invokers called: that is work per element, reported.
func issue11InvokeAll(all []*invoker, msg string) {
	for _, inv := range all {
		go inv.Invoke(msg) // want `goroutine per element of all with no concurrency limit`
	}
}

// A tomb: Wait blocks until the tomb dies, Done says it has.
type tomb struct{ dead chan struct{} }

func (t *tomb) Wait() error           { <-t.dead; return nil } // want Wait:"blocks"
func (t *tomb) Done() <-chan struct{} { return t.dead }

// A cleanup per job once the tomb dies: each goroutine begins by waiting
// for an event the function does not send, and takes no slot. A watcher,
// not a late acquire; a WaitGroup the function releases would be a start
// barrier (issue11BarrierOnly).
func issue11TombWatch(t *tomb, jobs []Job, cleanup func(Job)) {
	for _, j := range jobs {
		go func() {
			t.Wait()
			cleanup(j)
		}()
	}
}
