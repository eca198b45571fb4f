package minsleep

import (
	"context"
	"time"
)

// With -ctxignore.min-sleep=1h, constant sleeps shorter than an hour are
// not reported; computed ones always are.
func wait(ctx context.Context, d time.Duration) {
	time.Sleep(time.Minute)
	time.Sleep(d) // want `time.Sleep in wait ignores ctx`
}
