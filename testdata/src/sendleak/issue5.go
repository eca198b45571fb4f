package sendleak

// From nats-server's tests: the goroutine count is a local variable set
// once to a constant, and the buffer has that size.
func parallelCreate(create func() error) error {
	np := 100
	errCh := make(chan error, np)
	for i := 0; i < np; i++ {
		go func() {
			if err := create(); err != nil {
				errCh <- err
			}
		}()
	}
	select {
	case err := <-errCh:
		return err
	default:
		return nil
	}
}
