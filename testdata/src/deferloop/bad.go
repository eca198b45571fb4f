package deferloop

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"sync"
	"time"
)

func processAll(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer f.Close\(\) in loop runs only when processAll returns; files stay open until then`
		_ = f
	}
	return nil
}

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) addAll(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() // want `defer c.mu.Unlock\(\) in loop runs only when addAll returns, so the next iteration's c.mu.Lock\(\) deadlocks`
		c.n[k]++
	}
}

func readAll(mu *sync.RWMutex, m map[string]int, keys []string) int {
	total := 0
	for _, k := range keys {
		mu.RLock()
		defer mu.RUnlock() // want `read locks of mu pile up and a waiting writer deadlocks`
		total += m[k]
	}
	return total
}

func fetchAll(ctx context.Context, urls []string) {
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in loop runs only when fetchAll returns; each iteration's context stays alive`
		req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `response bodies and their connections stay open until then`
	}
}

func queryAll(db *sql.DB, qs []string) {
	for i := 0; i < len(qs); i++ {
		rows, err := db.Query(qs[i])
		if err != nil {
			return
		}
		defer rows.Close() // want `rows and their connections stay open until then`
	}
}

func tickers(n int) {
	for i := 0; i < n; i++ {
		t := time.NewTicker(time.Second)
		defer t.Stop() // want `each iteration's t keeps running until then`
	}
}

func txs(db *sql.DB, n int) error {
	for range n {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback() // want `each iteration's transaction tx stays open until then`
	}
	return nil
}

func temps(dir string, names []string) {
	for _, n := range names {
		defer os.Remove(dir + "/" + n) // want `the files it removes pile up on disk`
	}
}

// A deferred function literal is classified by what it calls.
func literal(names []string) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer func() { // want `defer func\(\) \{...\}\(\) in loop runs only when literal returns; files stay open until then`
			_ = f.Close()
		}()
	}
}

// The loop continues on one path, so it can iterate after the defer.
func sometimes(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close() // want `files stay open`
		if name == "skip" {
			continue
		}
		return nil
	}
	return nil
}

// Inside a function literal that itself loops.
func inLiteral(names []string) func() {
	return func() {
		for _, name := range names {
			f, _ := os.Open(name)
			defer f.Close() // want `runs only when the enclosing function literal returns`
		}
	}
}

// Generic code.
type closer interface{ Close() error }

func closeEach[T closer](xs []T) {
	for _, x := range xs {
		defer x.Close() // want `each iteration's x stays open until then`
	}
}

// Range over an iterator.
func seqClose(seq func(func(*os.File) bool)) {
	for f := range seq {
		defer f.Close() // want `files stay open`
	}
}
