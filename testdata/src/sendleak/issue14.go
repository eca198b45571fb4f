package sendleak

// From go-ethereum's broadcast loop: a goroutine starts only while done is
// nil, and it closes done when it finishes, so one runs at a time and the
// buffer of one holds its failure.
func broadcastLoop(queue <-chan []byte, term <-chan struct{}, send func([]byte) error) {
	var (
		done   chan struct{}
		fail   = make(chan error, 1)
		failed bool
		next   []byte
	)
	for {
		if done == nil && next != nil {
			done = make(chan struct{})
			batch := next
			next = nil
			go func() {
				if err := send(batch); err != nil {
					fail <- err
					return
				}
				close(done)
			}()
		}
		select {
		case b := <-queue:
			if !failed {
				next = b
			}
		case <-done:
			done = nil
		case <-fail:
			failed = true
		case <-term:
			return
		}
	}
}
