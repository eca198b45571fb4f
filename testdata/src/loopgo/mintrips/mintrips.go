// Package mintrips is checked with -loopgo.min-trips=1000.
package mintrips

import "sync/atomic"

func many(n *atomic.Int64) {
	for i := 0; i < 100000; i++ {
		go n.Add(1) // want `goroutine per iteration of a 100000-trip loop with no concurrency limit`
	}
}

func manyRange(n *atomic.Int64) {
	for range 5000 {
		go n.Add(1) // want `goroutine per iteration of a 5000-trip loop`
	}
}

// Fewer constant trips than -loopgo.min-trips: fine.
func few(n *atomic.Int64) {
	for i := 0; i < 100; i++ {
		go n.Add(1)
	}
}

// A worker pool sized by a parameter is not a constant loop.
func pool(workers int, n *atomic.Int64) {
	for i := 0; i < workers; i++ {
		go n.Add(1)
	}
}
