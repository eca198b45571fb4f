package deferloop

import "sync"

// From nats-server's monitorStream: a WaitGroup Done deferred in a loop keeps
// the function counted as running until it returns, which is what the Add in
// the same iteration asked for. Not a held resource.
type stream struct{ monitorWg sync.WaitGroup }

func monitor(restored <-chan *stream, quit <-chan struct{}) {
	for {
		select {
		case mset := <-restored:
			mset.monitorWg.Add(1)
			defer mset.monitorWg.Done()
		case <-quit:
			return
		}
	}
}
