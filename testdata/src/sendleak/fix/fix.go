package fix

import "time"

func work() int { return 1 }

// One goroutine, one send: a buffer of one.
func one() int {
	ch := make(chan int)
	go func() { ch <- work() }() // want `send on ch blocks forever if one returns through the timeout case`
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return 0
	}
}

// Two goroutines, one send each: a buffer of two.
func two(a, b func() error) error {
	errc := make(chan error, 0)
	go func() { errc <- a() }() // want `send on errc blocks forever if two returns before receiving every value from errc`
	go func() { errc <- b() }()
	return <-errc
}

// One goroutine per element: a buffer of len(mirrors).
func fastest(mirrors []string, get func(string) int) int {
	results := make(chan int, 1)
	for _, m := range mirrors {
		go func() { results <- get(m) }() // want `send on results blocks forever if fastest returns before receiving every value from results`
	}
	return <-results
}

// One goroutine per step of range n: a buffer of n.
func firstOfN(n int, get func(int) int) int {
	results := make(chan int)
	for i := range n {
		go func() { results <- get(i) }() // want `send on results blocks forever if firstOfN returns before receiving every value from results`
	}
	return <-results
}

// The collection is reassigned after the make: no fix, since len(mirrors)
// at the make would be the wrong size.
func reassigned(mirrors []string, get func(string) int) int {
	results := make(chan int)
	mirrors = append(mirrors, "backup")
	for _, m := range mirrors {
		go func() { results <- get(m) }() // want `send on results blocks forever if reassigned returns before receiving every value from results; make results buffered \(make\(chan int, len\(mirrors\)\)\)`
	}
	return <-results
}
