package sendleak

import (
	"context"
	"time"
)

// From nats-server's tests: the producer leaves its loop on ctx.Done(),
// which the consumer cancels before it stops receiving; the buffer takes a
// send in progress.
func collectErrors(ctx context.Context, publish func() error) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errCh := make(chan error, 100)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := publish(); err != nil {
					errCh <- err
				}
			}
		}
	}()
	n := 0
	for {
		select {
		case <-errCh:
			n++
			if n >= 10 {
				cancel()
				return n
			}
		case <-time.After(time.Second):
			cancel()
			return n
		}
	}
}
