//go:build !windows

package wgadd

import "sync"

type watcher struct {
	wg     sync.WaitGroup
	events chan int
}

func (w *watcher) loop() {
	defer w.wg.Done()
	for e := range w.events {
		process(e)
	}
}

// Reported in a build-tagged file too.
func (w *watcher) startBad() {
	go w.loop()
	w.wg.Add(1) // want `w.wg.Add called after the go statement`
}

// Fine: counted before go.
func (w *watcher) startGood() {
	w.wg.Add(1)
	go w.loop()
}
