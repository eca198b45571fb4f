package wgadd

import (
	"sync"
	"sync/atomic"
)

// issue2: found in minio (cmd/mrf.go). addPartialOp brackets its own work
// with Add and Done: an in-flight counter that shutdown waits on, called
// from many places, one of them a goroutine. The Add pays for the Done in
// the same helper, not for the goroutine. Not reported.
type issue2State struct {
	opCh    chan int
	closing int32
	wg      sync.WaitGroup
}

func (m *issue2State) addPartialOp(op int) {
	m.wg.Add(1)
	defer m.wg.Done()
	if atomic.LoadInt32(&m.closing) == 1 {
		return
	}
	select {
	case m.opCh <- op:
	default:
	}
}

func (m *issue2State) shutdown() {
	atomic.StoreInt32(&m.closing, 1)
	m.wg.Wait()
	close(m.opCh)
}

func (m *issue2State) background(ops []int) {
	go func() {
		for _, op := range ops {
			process(op)
		}
		m.addPartialOp(ops[0])
	}()
	m.addPartialOp(0)
}

// issue2's look-alike is still reported: the helper adds, and the
// goroutine's own Done pays for it.
func (m *issue2State) register() { m.wg.Add(1) } // want `m.wg.Add in register runs inside the goroutine it counts \(go func\(\) \{\.\.\.\}\)`

func (m *issue2State) backgroundBad() {
	go func() {
		m.register()
		defer m.wg.Done()
	}()
}
