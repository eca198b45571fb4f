package sendleak

import "sync"

// From nats-server's tests: wg.Wait returns only when every goroutine has
// finished, so none is left blocked on its send (had one been, Wait would
// deadlock instead).
func publishAll(n int, publish func(int) error) error {
	errCh := make(chan error, 25)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := publish(i); err != nil {
				errCh <- err
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errCh:
		return err
	default:
	}
	return nil
}
