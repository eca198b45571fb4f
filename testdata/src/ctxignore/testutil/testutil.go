// Package testutil is test support: not reported by default, like _test.go
// files.
package testutil

import (
	"context"
	"time"
)

func WaitForLeader(ctx context.Context) {
	time.Sleep(time.Second)
}
