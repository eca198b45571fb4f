package sendleak

import "sync/atomic"

// From runtime's tests: of n goroutines, only the one whose atomic
// increment reaches n sends. One receive is enough.
func lastOneSignals(n int) {
	done := make(chan bool)
	x := uint32(0)
	for p := 0; p < n; p++ {
		go func() {
			if atomic.AddUint32(&x, 1) == uint32(n) {
				done <- true
				return
			}
		}()
	}
	<-done
}
