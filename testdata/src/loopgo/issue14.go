package loopgo

import "github.com/nozzle/throttler"

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
