package ctxignore

import (
	"context"
	"testing"
	"time"
)

// Test files are not reported by default (-ctxignore.tests reports them):
// a test's ctx bounds the test, not a request.
func waitReady(ctx context.Context) {
	time.Sleep(time.Second)
	(&Store{}).fetch(context.Background(), "ready")
}

func TestWait(t *testing.T) {
	ctx := t.Context()
	waitReady(ctx)
	time.Sleep(time.Second)
}
