package loopgo

import "runtime"

// Issue 2 (internal/fuzz): workers made with make([]*T, n) and never
// appended to: a pool of n, whatever ranges over it.

type issue2Worker struct{}

func (w *issue2Worker) coordinate() error { return nil }

func issue2Fuzz(parallel int) {
	workers := make([]*issue2Worker, parallel)
	for i := range workers {
		workers[i] = &issue2Worker{}
	}
	for i := range workers {
		w := workers[i]
		go func() { _ = w.coordinate() }()
	}
}

// Issue 2b (ristretto simd): chunks of len(xs)/cpus: the step grows with
// the data, so the loop runs about cpus times.
func issue2Chunks(xs []uint64, find func([]uint64)) {
	cpus := runtime.NumCPU()
	sz := len(xs)/cpus + 1
	for i := 0; i < len(xs); i += sz {
		end := min(i+sz, len(xs))
		go find(xs[i:end])
	}
}
