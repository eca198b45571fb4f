// Package throttler is a stand-in for github.com/nozzle/throttler: Throttle
// waits only when all the workers are busy, so it blocks on no fixed path.
package throttler

import "sync/atomic"

type Throttler struct {
	max, workers int32
	done         chan struct{}
}

func New(maxWorkers, totalJobs int) *Throttler {
	return &Throttler{max: int32(maxWorkers), done: make(chan struct{}, totalJobs)}
}

func (t *Throttler) Throttle() int {
	if atomic.AddInt32(&t.workers, 1) == atomic.LoadInt32(&t.max) {
		atomic.AddInt32(&t.workers, -1)
		<-t.done
	}
	return 0
}

func (t *Throttler) Done(err error) { t.done <- struct{}{} }
