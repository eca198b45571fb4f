package busyselect

import (
	"testing"
	"time"
)

// A test that polls with a sleep is fine.
func waitWithSleep(t *testing.T, sig <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-sig:
			return
		default:
			time.Sleep(time.Millisecond)
		}
	}
	t.Fatal("no signal")
}

func TestWaitWithSleep(t *testing.T) {
	sig := make(chan struct{})
	close(sig)
	waitWithSleep(t, sig)
}
