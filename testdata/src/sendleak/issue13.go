package sendleak

// From nsq's tests: one goroutine per element of a slice literal of two,
// and two receives.
func consumeTwo(read func(string) []byte) ([]byte, []byte) {
	msgChan := make(chan []byte)
	for _, ch := range []string{"ch1", "ch2"} {
		go func() {
			msgChan <- read(ch)
		}()
	}
	a := <-msgChan
	b := <-msgChan
	return a, b
}
