package loopgo

import "errors"

// Issue 7 (minio post-policy fan-out): the unexported helper starts one
// goroutine per entry, but every caller hands it at most concurrentSize
// entries: a slice xs[:n], or the whole slice under if len(xs) < n.

func issue7FanOut(entries []Job) []error {
	errs := make([]error, len(entries))
	done := make(chan struct{})
	for i, e := range entries {
		go func() {
			process(e)
			errs[i] = nil
			done <- struct{}{}
		}()
	}
	for range entries {
		<-done
	}
	return errs
}

func Issue7Put(entries []Job) {
	const concurrentSize = 100
	for len(entries) > 0 {
		if len(entries) < concurrentSize {
			issue7FanOut(entries)
			break
		}
		issue7FanOut(entries[:concurrentSize])
		entries = entries[concurrentSize:]
	}
}

var errTooMany = errors.New("too many items")

// A request rejected above a maximum size is bounded.
func Issue7Validate(items []Job) error {
	if len(items) > 1000 {
		return errTooMany
	}
	for _, it := range items {
		go process(it)
	}
	return nil
}

// A loop that runs only under a maximum size.
func Issue7Small(items []Job, maxInline int) {
	if n := len(items); n <= maxInline {
		for _, it := range items {
			go process(it)
		}
		return
	}
	for _, it := range items {
		process(it)
	}
}
