package busyselect

import "testing"

// Test helpers spin too.
func waitForSignal(t *testing.T, sig <-chan struct{}) {
	t.Helper()
	for {
		select {
		case <-sig:
			return
		default: // want `non-blocking default`
			t.Log("waiting")
		}
	}
}

func TestWait(t *testing.T) {
	sig := make(chan struct{})
	close(sig)
	waitForSignal(t, sig)
}
