// want package:"spawns"

// Package throttle is a semaphore with its own names, in another package:
// loopgo learns that Do blocks through a fact.
package throttle

import "sync"

// Throttle lets at most n goroutines run at once.
type Throttle struct {
	ch    chan struct{}
	errCh chan error
	wg    sync.WaitGroup
}

func New(n int) *Throttle {
	return &Throttle{ch: make(chan struct{}, n), errCh: make(chan error, n)}
}

// Do waits for a free slot or the first error.
func (t *Throttle) Do() error { // want Do:"blocks"
	for {
		select {
		case t.ch <- struct{}{}:
			t.wg.Add(1)
			return nil
		case err := <-t.errCh:
			if err != nil {
				return err
			}
		}
	}
}

// Done frees a slot.
func (t *Throttle) Done(err error) { // want Done:"blocks"
	if err != nil {
		t.errCh <- err
	}
	<-t.ch
	t.wg.Done()
}

// TryDo does not wait: no fact.
func (t *Throttle) TryDo() bool {
	select {
	case t.ch <- struct{}{}:
		return true
	default:
		return false
	}
}

// Start runs f in a new goroutine and does not wait for it.
func Start(f func()) { // want Start:"spawns"
	go f()
}

// Group runs functions in goroutines that each wait for a token (a late
// limit, the shape of minio's errgroup): Go is not a plain spawner.
type Group struct{ bucket chan struct{} }

func (g *Group) Go(f func() error) {
	go func() {
		if g.bucket != nil {
			<-g.bucket
			defer func() { g.bucket <- struct{}{} }()
		}
		_ = f()
	}()
}

// BoundedWaitGroup is a WaitGroup whose Add waits for room (tempo's
// boundedwaitgroup): Add(delta) sends delta tokens, so Add(1) blocks
// when the group is full. blocks does not look at arguments, so Done,
// which is Add(-1), is taken to block too.
type BoundedWaitGroup struct {
	wg sync.WaitGroup
	ch chan struct{}
}

func NewBounded(n int) BoundedWaitGroup {
	return BoundedWaitGroup{ch: make(chan struct{}, n)}
}

func (b *BoundedWaitGroup) Add(delta int) { // want Add:"blocks"
	for i := 0; i > delta; i-- {
		<-b.ch
	}
	for i := 0; i < delta; i++ {
		b.ch <- struct{}{}
	}
	b.wg.Add(delta)
}

func (b *BoundedWaitGroup) Done() { b.Add(-1) } // want Done:"blocks"

func (b *BoundedWaitGroup) Wait() { b.wg.Wait() } // want Wait:"blocks"

// Drain receives delta tokens back, counting down: a loop that may not
// run, so no fact.
func (b *BoundedWaitGroup) Drain(delta int) {
	for i := delta; i > 0; i-- {
		<-b.ch
	}
}
