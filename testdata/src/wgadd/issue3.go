package wgadd

import "sync"

// issue3: found in minio (internal/logger/target/kafka/kafka.go). The
// goroutine adds while holding logChMu and only if logCh is still open;
// Close takes the same lock to nil logCh before it waits, so an Add either
// happens before Wait or not at all. Not reported.
type issue3Target struct {
	logChMu sync.RWMutex
	logCh   chan int
	wg      sync.WaitGroup
}

func (h *issue3Target) start() {
	go h.loop()
}

func (h *issue3Target) loop() {
	h.logChMu.RLock()
	logCh := h.logCh
	if logCh != nil {
		h.wg.Add(1)
		defer h.wg.Done()
	}
	h.logChMu.RUnlock()
	if logCh == nil {
		return
	}
	for e := range logCh {
		process(e)
	}
}

func (h *issue3Target) Close() {
	h.logChMu.Lock()
	close(h.logCh)
	h.logCh = nil
	h.logChMu.Unlock()
	h.wg.Wait()
}

// issue3's look-alike is still reported: the lock is released before the Add.
func (h *issue3Target) loopBad() {
	h.logChMu.RLock()
	logCh := h.logCh
	h.logChMu.RUnlock()
	h.wg.Add(1) // want `h.wg.Add in loopBad runs inside the goroutine it counts`
	defer h.wg.Done()
	for e := range logCh {
		process(e)
	}
}

func (h *issue3Target) startBad() {
	go h.loopBad()
}
