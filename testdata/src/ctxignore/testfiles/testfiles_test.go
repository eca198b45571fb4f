package testfiles

import (
	"context"
	"testing"
	"time"
)

func waitReady(ctx context.Context) {
	time.Sleep(time.Second) // want `time.Sleep in waitReady ignores ctx`
}

func TestWait(t *testing.T) {
	ctx := t.Context()
	time.Sleep(time.Second) // want `time.Sleep in TestWait ignores ctx`
	waitReady(ctx)
}
