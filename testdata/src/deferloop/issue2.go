package deferloop

import (
	"context"
	"time"
)

// From net.(*sysDialer).dialParallel in the standard library: the case on a
// timer made before the loop runs at most once, so its defer cannot pile up.
func racer(ctx context.Context, results chan error, start func(context.Context)) error {
	fallbackTimer := time.NewTimer(time.Second)
	defer fallbackTimer.Stop()
	for {
		select {
		case <-fallbackTimer.C:
			fallbackCtx, fallbackCancel := context.WithCancel(ctx)
			defer fallbackCancel()
			go start(fallbackCtx)
		case err := <-results:
			return err
		}
	}
}

// Its twin with a Reset in the loop fires again: reported.
func racerReset(ctx context.Context, results chan error, start func(context.Context)) error {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			c, cancel := context.WithCancel(ctx)
			defer cancel() // want `each iteration's context stays alive`
			go start(c)
			t.Reset(time.Second)
		case err := <-results:
			return err
		}
	}
}

// The standard library's real shape: Reset only after a successful Stop
// re-arms a timer that has not fired, so the case still runs once.
func racerStopReset(ctx context.Context, results chan error, start func(context.Context)) error {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			go start(c)
		case err := <-results:
			if err == nil {
				return nil
			}
			if t.Stop() {
				t.Reset(0)
			}
		}
	}
}
