package loopgo

import "loopgo/reply"

// Issue 22 (nuclio's batch trigger): the responses of a batch handed to
// the callers that wait for them, one goroutine each, so that a caller
// gone slow does not hold up the rest. Each goroutine only sends; a limit
// would bring back the blocking it avoids. A method of another package
// that works before it sends is still work per element.

type issue22Response struct{ ID string }

func issue22Deliver(responses []issue22Response, waiting map[string]*reply.Channel) {
	for _, r := range responses {
		if ch, ok := waiting[r.ID]; ok {
			go ch.Write(r)
			delete(waiting, r.ID)
		}
	}
}

func issue22Render(responses []issue22Response, waiting map[string]*reply.Channel) {
	for _, r := range responses {
		if ch, ok := waiting[r.ID]; ok {
			go ch.Render(r) // want `goroutine per element of responses with no concurrency limit`
		}
	}
}
