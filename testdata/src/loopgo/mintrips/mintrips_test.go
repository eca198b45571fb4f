package mintrips

import (
	"sync/atomic"
	"testing"
)

// Stress tests start many goroutines on purpose: not reported.
func TestStress(t *testing.T) {
	var n atomic.Int64
	for i := 0; i < 100000; i++ {
		go n.Add(1)
	}
}
