package sendleak

import (
	"sync"
	"time"
)

// From etcd's election tests: a goroutine closes doneC after wg.Wait, and
// every sender calls wg.Done; leaving through <-doneC means all have sent.
func campaignAll(campaigns []func() error) error {
	var wg sync.WaitGroup
	errC := make(chan error, 8)
	doneC := make(chan error)
	for _, campaign := range campaigns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := campaign(); err != nil {
				errC <- err
			}
		}()
	}
	go func() {
		defer close(doneC)
		wg.Wait()
	}()
	select {
	case <-doneC:
	case <-time.After(30 * time.Second):
		panic("timed out")
	}
	select {
	case err := <-errC:
		return err
	default:
		return nil
	}
}
