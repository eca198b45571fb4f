package fix

// for {} around a select whose only escape is a case: removing the empty
// default makes the select wait for it.
func waitDone(done <-chan struct{}, in <-chan int) (sum int) {
	for {
		select {
		case v := <-in:
			sum += v
		case <-done:
			return sum
		default: // want `non-blocking default`
		}
	}
}

// The default first, with a comment on its line.
func first(in <-chan int, quit <-chan bool) int {
	n := 0
	for {
		select {
		default: // want `non-blocking default`
		case <-in:
			n++
		case <-quit:
			return n
		}
	}
}

// The loop condition changes only in a case: the fix keeps it right.
func untilQuit(quit <-chan struct{}, in <-chan int) (total int) {
	stopped := false
	for !stopped {
		select {
		case <-quit:
			stopped = true
		case v := <-in:
			total += v
		default: // want `non-blocking default`
		}
	}
	return total
}

type flagged struct {
	stop bool
	in   chan int
}

// The loop condition reads memory another goroutine may write: without
// the default, the loop would not see the flag until in is ready. No fix.
func (f *flagged) run() (n int) {
	for !f.stop {
		select {
		case <-f.in:
			n++
		default: // want `non-blocking default`
		}
	}
	return n
}

// A default that does something: no fix.
func counting(done <-chan struct{}) (idle int) {
	for {
		select {
		case <-done:
			return idle
		default: // want `non-blocking default`
			idle++
		}
	}
}
