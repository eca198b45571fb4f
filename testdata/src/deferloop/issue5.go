package deferloop

import (
	"os"
	"sync"
)

// From grpc-go's interop FullDuplexCall: the lock is taken once, guarded by
// a flag the branch sets, and held until return on purpose.
func fullDuplex(mu *sync.Mutex, recv func() (int, error)) error {
	hasLock := false
	for {
		n, err := recv()
		if err != nil {
			return err
		}
		if n > 0 {
			if !hasLock {
				mu.Lock()
				defer mu.Unlock()
				hasLock = true
			}
		}
	}
}

// Its twin resets the flag in the loop: the branch runs again and deadlocks.
func fullDuplexReset(mu *sync.Mutex, recv func() (int, error)) error {
	hasLock := false
	for {
		n, err := recv()
		if err != nil {
			return err
		}
		if !hasLock {
			mu.Lock()
			defer mu.Unlock() // want `the next iteration's mu.Lock\(\) deadlocks`
			hasLock = true
		}
		if n == 0 {
			hasLock = false
		}
	}
}

type conn struct{ f *os.File }

func (c *conn) serve() {}

// From grpc-go's interop clients: each connection is handed to goroutines or
// kept in a list for the whole run, so closing at return is the intent.
func serveAll(names []string, wg *sync.WaitGroup) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			(&conn{f: f}).serve()
		}()
	}
	wg.Wait()
}

func openAll(names []string) []*conn {
	var conns []*conn
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		conns = append(conns, &conn{f: f})
	}
	return conns
}

// The file is only read in the iteration: it piles up.
func readEach(names []string, read func(*os.File)) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `files stay open`
		read(f)
	}
}

type iter struct{ f *os.File }

func (it *iter) Close() error  { return it.f.Close() }
func (it *iter) Value() []byte { return nil }

// From badger's levelHandler.get: only a value computed from the iterator
// leaves the iteration; the iterator itself piles up until return.
func lookup(tables []string, open func(string) *iter) []byte {
	var best []byte
	for _, t := range tables {
		it := open(t)
		defer it.Close() // want `each iteration's it stays open until then`
		best = it.Value()
	}
	return best
}
