package loopgo

import (
	"context"
	"time"
)

// Issue 20 (certificate-transparency-go's submission to a group of
// logs): a goroutine per log that first waits i intervals, then submits
// unless the group already has its SCTs. The index scales each delay, so
// the work starts one more per interval, as a sleep between the starts
// would pace it.

func submitTo(ctx context.Context, url string) {}

func issue20Race(ctx context.Context, logs []string, interval time.Duration, done func()) {
	for i, url := range logs {
		go func(i int, url string) {
			defer done()
			timeout := time.After(time.Duration(i) * interval)
			select {
			case <-ctx.Done():
				return
			case <-timeout:
			}
			submitTo(ctx, url)
		}(i, url)
	}
}

func issue20Sleep(ctx context.Context, logs []string) {
	for i, url := range logs {
		go func() {
			time.Sleep(time.Duration(i) * time.Second)
			submitTo(ctx, url)
		}()
	}
}

func issue20Timer(ctx context.Context, logs []string, delay func(int) time.Duration) {
	for i := 0; i < len(logs); i++ {
		go func() {
			t := time.NewTimer(delay(i))
			defer t.Stop()
			<-t.C
			submitTo(ctx, logs[i])
		}()
	}
}

// A delay the index does not scale (the same for all, or the element's
// own), or a wait after the work, staggers nothing.
func issue20Same(ctx context.Context, logs []string) {
	for _, url := range logs {
		go func() { // want `goroutine per element of logs with no concurrency limit`
			time.Sleep(time.Second)
			submitTo(ctx, url)
		}()
	}
}

func issue20Jitter(ctx context.Context, logs []string, jitter func(string) time.Duration) {
	for i, url := range logs {
		go func() { // want `goroutine per element of logs with no concurrency limit`
			time.Sleep(jitter(url))
			submitTo(ctx, logs[i])
		}()
	}
}

func issue20After(ctx context.Context, logs []string) {
	for i, url := range logs {
		go func() { // want `goroutine per element of logs with no concurrency limit`
			submitTo(ctx, url)
			time.Sleep(time.Duration(i) * time.Second)
		}()
	}
}
