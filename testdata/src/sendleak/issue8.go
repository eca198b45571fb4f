package sendleak

// From etcd's proxy tests: the goroutine sends from a loop with a
// constant count (two), a buffer of one, and two receives.
func receiveTwo(recv func() []byte, check func([]byte) bool) bool {
	recvc := make(chan []byte, 1)
	go func() {
		for i := 0; i < 2; i++ {
			recvc <- recv()
		}
	}()
	if !check(<-recvc) {
		panic("first")
	}
	return check(<-recvc)
}
