package sendleak

import "time"

// The function that makes and abandons the channel is itself a literal.
var probe = func(addr string) bool {
	ok := make(chan bool)
	go func() { ok <- dial(addr) }() // want `send on ok blocks forever if the function literal returns through the timeout case`
	select {
	case v := <-ok:
		return v
	case <-time.After(time.Second):
		return false
	}
}

func dial(addr string) bool { return addr != "" }

// Its twin receives on every path.
var probeWait = func(addr string) bool {
	ok := make(chan bool)
	go func() { ok <- dial(addr) }()
	return <-ok
}

// The send is in a helper literal that the goroutine calls.
func viaHelperLiteral(addr string) bool {
	ok := make(chan bool)
	go func() {
		send := func(v bool) { ok <- v } // want `send on ok blocks forever if viaHelperLiteral returns before receiving from ok`
		send(dial(addr))
	}()
	if addr == "localhost" {
		return true
	}
	return <-ok
}

// Its twin: the helper literal is not started as a goroutine but called;
// the function sends on its own channel (a different bug, not this one).
func helperLiteralCalled(addr string) bool {
	ok := make(chan bool, 1)
	send := func(v bool) { ok <- v }
	send(dial(addr))
	return <-ok
}
