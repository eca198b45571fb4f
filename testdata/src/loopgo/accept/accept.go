// Package accept is checked with -loopgo.accept.
package accept

import (
	"bufio"
	"net"
	"time"
)

func handle(net.Conn) {}
func work(string)     {}

func serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(conn) // want `goroutine per connection accepted from ln with no concurrency limit; acquire a semaphore before the go statement`
	}
}

func consume(jobs chan string) {
	for {
		j := <-jobs
		go work(j) // want `goroutine per value received from jobs`
	}
}

func lines(sc *bufio.Scanner) {
	for sc.Scan() {
		go work(sc.Text()) // want `goroutine per result of sc.Scan\(\)`
	}
}

// A semaphore before the go statement caps the handlers.
func serveBounded(ln net.Listener) {
	sem := make(chan struct{}, 100)
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			handle(conn)
		}()
	}
}

// A ticker loop receives no work: its receive only paces it.
func refresh(tick <-chan time.Time) {
	for {
		t := <-tick
		_ = t
		go work("refresh")
	}
}

// A select that waits for a token before starting.
func selectToken(jobs chan string, tokens chan struct{}) {
	for {
		select {
		case j := <-jobs:
			<-tokens
			go func() {
				defer func() { tokens <- struct{}{} }()
				work(j)
			}()
		}
	}
}

func dispatch(events <-chan string) {
	for ev := range events {
		go work(ev) // want `goroutine per value received from events with no concurrency limit`
	}
}

// A backoff sleep on the error path does not bound the handlers (the
// shape of net/http.Server.Serve).
func serveBackoff(ln net.Listener) {
	var delay time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			delay = max(2*delay, 5*time.Millisecond)
			time.Sleep(delay)
			continue
		}
		delay = 0
		go handleLoop(conn) // want `goroutine per connection accepted from ln`
	}
}

// handleLoop serves a connection until it closes: with -loopgo.accept,
// a long-lived handler per connection is still reported.
func handleLoop(c net.Conn) {
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}

// A Request is one unit of work in a batch a frontend sends.
type Request struct{ URL string }

// A Batch carries several requests in one message.
type Batch struct{ Requests []*Request }

func run(*Request) {}

// A handler per request of a received batch (tempo's querier): a
// dispatch loop, reported like an accept loop.
func handleBatches(batches <-chan *Batch) {
	b := <-batches
	for _, r := range b.Requests {
		go run(r) // want `goroutine per element of b.Requests with no concurrency limit; acquire a semaphore before the go statement`
	}
}
