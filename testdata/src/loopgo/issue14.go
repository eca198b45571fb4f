package loopgo

import (
	"bufio"
	"context"
	"io"

	"github.com/nozzle/throttler"
)

// Issue 14 (cosign's signature checks): github.com/nozzle/throttler's
// Throttle, called after each go statement, waits while all its workers
// are busy.

func issue14Verify(sigs []Job, workers int) {
	t := throttler.New(workers, len(sigs))
	for _, sig := range sigs {
		go func() {
			process(sig)
			t.Done(nil)
		}()
		// wait till workers are available
		t.Throttle()
	}
}

// Throttled only when a flag says so: the other path is unbounded.
func issue14Maybe(sigs []Job, workers int, throttle bool) {
	t := throttler.New(workers, len(sigs))
	for _, sig := range sigs {
		go func() { // want `goroutine per element of sigs`
			process(sig)
			t.Done(nil)
		}()
		if throttle {
			t.Throttle()
		}
	}
}

// Throttle called once after the loop waits for the last job only.
func issue14After(sigs []Job, workers int) {
	t := throttler.New(workers, len(sigs))
	for _, sig := range sigs {
		go func() { // want `goroutine per element of sigs`
			process(sig)
			t.Done(nil)
		}()
	}
	t.Throttle()
}

// Throttle before the go statement in every iteration, as an Acquire.
func issue14Before(sigs []Job, workers int) {
	t := throttler.New(workers, len(sigs))
	for _, sig := range sigs {
		t.Throttle()
		go func() {
			process(sig)
			t.Done(nil)
		}()
	}
}

// A log follower per container (cloudnative-pg's cluster logs): each
// goroutine reads its stream until it ends, in a labelled loop, as a
// service loop does.
func issue14Follow(ctx context.Context, names []string, open func(string) io.Reader) {
	for _, name := range names {
		go issue14Tail(ctx, open(name))
	}
}

func issue14Tail(ctx context.Context, r io.Reader) {
	sc := bufio.NewScanner(r)
readLoop:
	for sc.Scan() {
		select {
		case <-ctx.Done():
			break readLoop
		default:
			process(Job{})
		}
	}
}

// A labelled loop that counts its tries is not a service.
func issue14Retry(names []string) {
	for _, name := range names {
		go issue14Fetch(name) // want `goroutine per element of names`
	}
}

func issue14Fetch(name string) {
retry:
	for i := 0; i < 3; i++ {
		if name == "" {
			continue retry
		}
		process(Job{})
	}
}
