package sendleak

import "time"

// From etcd's watch tests: the sender defers close(doneC), so leaving
// through the <-doneC case means it has returned, with nothing pending.
func watchProgress(work func() error) error {
	errC := make(chan error, 1)
	doneC := make(chan struct{})
	progressC := make(chan struct{})
	go func() {
		defer close(doneC)
		for range 3 {
			if err := work(); err != nil {
				errC <- err
				return
			}
		}
		progressC <- struct{}{}
	}()
	select {
	case <-doneC:
		return nil
	case <-progressC:
		return nil
	case <-time.After(time.Second):
		panic("timed out")
	}
}
