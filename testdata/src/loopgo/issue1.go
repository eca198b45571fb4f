package loopgo

import "sync"

// Issue 1 (net/http.Server.Shutdown, os/exec.Cmd.Start, httptest): a
// goroutine per element of a collection held by the receiver. Those hold
// registered hooks, the command's own copiers, open connections: state
// sized by the program, not by a request.

type issue1Server struct {
	mu         sync.Mutex
	onShutdown []func()
	copiers    []func() error
}

func (s *issue1Server) shutdown() {
	s.mu.Lock()
	for _, f := range s.onShutdown {
		go f()
	}
	s.mu.Unlock()
}

func (s *issue1Server) start() {
	// status is a lock held around the result, taken after the work: not
	// a semaphore acquired late.
	status := make(chan int, 1)
	status <- len(s.copiers)
	for _, fn := range s.copiers {
		go func() {
			_ = fn()
			n := <-status
			status <- n - 1
		}()
	}
}
