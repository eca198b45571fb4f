package sendleak

import (
	"context"
	"testing"
	"time"
)

// A test that fails on timeout: the goroutine leaks in a failed test only.
func TestTimeout(t *testing.T) {
	done := make(chan error)
	go func() { done <- nil }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Second):
		t.Fatal("timed out")
	}
}

// In a test file, a timeout case is taken to fail the test, even when the
// failure is reported later, by a helper.
func TestTimeoutFlag(t *testing.T) {
	done := make(chan error)
	go func() { done <- nil }()
	timedOut := false
	select {
	case <-done:
	case <-time.After(time.Second):
		timedOut = true
	}
	assertFalse(t, timedOut)
}

func assertFalse(t *testing.T, b bool) {
	if b {
		t.Fatal("unexpected")
	}
}

// A helper that gives up when the context ends, without failing, leaks.
func waitFor(ctx context.Context, f func() error) bool {
	done := make(chan error)
	go func() { done <- f() }() // want `send on done blocks forever if waitFor returns through the <-ctx.Done\(\) case`
	select {
	case err := <-done:
		return err == nil
	case <-ctx.Done():
		return false
	}
}
