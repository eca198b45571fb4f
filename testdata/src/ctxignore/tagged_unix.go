//go:build unix

package ctxignore

import (
	"context"
	"time"
)

// A build-tagged file is checked like any other.
func unixOnly(ctx context.Context) {
	time.Sleep(time.Minute) // want `time.Sleep in unixOnly ignores ctx`
}
