package loopgo

import "os"

// Issue 3 (testing.runExamples): a helper that starts a goroutine but
// waits for it in a deferred function literal does not start one that
// outlives it.

func issue3RunOne(name string) (ok bool) {
	out := make(chan string)
	go func() { out <- name }()
	defer func() {
		got := <-out
		ok = got == name
	}()
	return
}

func issue3RunAll(names []string) bool {
	ok := true
	for _, n := range names {
		if !issue3RunOne(n) {
			ok = false
		}
	}
	return ok
}

// Issue 3b (nats-server jetstream cluster): a goroutine started in a loop
// that uses nothing of the iteration is a one-off signal.
func issue3Apply(entries []Job, checkHealth func(), recovering func() bool) {
	for _, e := range entries {
		process(e)
		if recovering() {
			go checkHealth()
		}
	}
	_ = os.Getpid()
}
