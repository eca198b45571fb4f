package fix

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"

	"ctxignore/kv"
)

func use(ctx context.Context) error { return ctx.Err() }

func background(ctx context.Context) error {
	return use(context.Background()) // want `context.Background\(\) in background discards ctx`
}

func derived(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return use(context.TODO()) // want `context.TODO\(\) in derived discards ctx`
}

func handler(w http.ResponseWriter, r *http.Request) {
	use(context.Background()) // want `context.Background\(\) in handler discards the request's context`
}

// ctx is shadowed by a string: no fix.
func shadowed(ctx context.Context, names []string) {
	for _, ctx := range names {
		_ = ctx
		use(context.Background()) // want `context.Background\(\) in shadowed discards ctx`
	}
}

func database(ctx context.Context, db *sql.DB) error {
	rows, err := db.Query("SELECT 1") // want `db.Query in database ignores ctx`
	if err != nil {
		return err
	}
	rows.Close()
	tx, err := db.Begin() // want `db.Begin in database ignores ctx`
	if err != nil {
		return err
	}
	return tx.Commit()
}

func network(ctx context.Context, addr string) error {
	req, err := http.NewRequest("GET", addr, nil) // want `http.NewRequest in network ignores ctx`
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	c, err := net.Dial("tcp", addr) // want `net.Dial in network ignores ctx`
	if err != nil {
		return err
	}
	c.Close()
	l, err := net.Listen("tcp", addr) // want `net.Listen in network ignores ctx`
	if err != nil {
		return err
	}
	l.Close()
	_, err = net.LookupIP(addr) // want `net.LookupIP in network ignores ctx`
	return err
}

func command(ctx context.Context) ([]byte, error) {
	return exec.Command("true").Output() // want `exec.Command in command ignores ctx`
}

func client(ctx context.Context, c *kv.Client, cache *kv.Cache[string]) {
	c.Get("k")      // want `c.Get in client ignores ctx`
	cache.Load("k") // want `cache.Load in client ignores ctx`
}
