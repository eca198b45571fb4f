package sendleak

// From os's tests: the goroutine loops, but sends on its first iteration
// only (first is cleared) and once more when it stops; two receives.
func openUntilClosed(open func() error, close func()) error {
	ch := make(chan error, 1)
	go func() {
		defer close2(ch)
		first := true
		for {
			if err := open(); err != nil {
				ch <- err
				return
			}
			if first {
				ch <- nil
				first = false
			}
		}
	}()
	if err := <-ch; err != nil {
		return err
	}
	close()
	return <-ch
}

func close2(ch chan error) { close(ch) }
