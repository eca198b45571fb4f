package ctxignore

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"

	"ctxignore/kv"
)

type Item struct{}

type Store struct {
	db *sql.DB
	kv *kv.Client
}

func (s *Store) fetch(ctx context.Context, id string) (*Item, error) { return nil, ctx.Err() }

// background: a Background context passed on while ctx is in scope.
func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
	return s.fetch(context.Background(), id) // want `context.Background\(\) in Load discards ctx, so the caller's cancellation and deadline stop here; use ctx`
}

// background: TODO is the same mistake.
func (s *Store) LoadTODO(ctx context.Context, id string) (*Item, error) {
	return s.fetch(context.TODO(), id) // want `context.TODO\(\) in LoadTODO discards ctx`
}

// background: derived from, then passed.
func (s *Store) LoadTimeout(parent context.Context, id string) (*Item, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) in LoadTimeout discards parent.*use parent`
	defer cancel()
	return s.fetch(ctx, id)
}

// background: an http handler's ctx is r.Context().
func serveItem(w http.ResponseWriter, r *http.Request) {
	var s Store
	s.fetch(context.Background(), r.URL.Path) // want `context.Background\(\) in serveItem discards the request's context, so a client that goes away does not cancel this work; use r.Context\(\)`
}

// background: a goroutine that uses ctx is attached to it.
func (s *Store) Warm(ctx context.Context, ids []string) {
	go func() {
		s.fetch(ctx, ids[0])
		s.fetch(context.Background(), ids[1]) // want `context.Background\(\) in Warm discards ctx`
	}()
}

// background: a literal called where it stands runs under ctx.
func (s *Store) Inline(ctx context.Context) {
	func() {
		s.fetch(context.Background(), "x") // want `context.Background\(\) in Inline discards ctx`
	}()
}

// background: a context derived from a stream parameter.
type stream interface{ Context() context.Context }

func (s *Store) Watch(id string, st stream) error {
	ctx := st.Context()
	_, err := s.fetch(context.Background(), id) // want `context.Background\(\) in Watch discards ctx.*use ctx`
	_ = ctx
	return err
}

// background through calls of the package.
func fetchAll() { (&Store{}).fetch(context.Background(), "all") }

func loadAll() { fetchAll() }

func (s *Store) Refresh(ctx context.Context) {
	loadAll() // want `loadAll creates its own context.Background\(\) \(via loadAll -> fetchAll\), so ctx in Refresh does not reach it; give loadAll a ctx parameter and pass ctx`
}

// background: generics.
type Queue[T any] struct{ s *Store }

func (q *Queue[T]) Push(ctx context.Context, v T) {
	q.s.fetch(context.TODO(), "push") // want `context.TODO\(\) in Push discards ctx`
}

// noctxapi: database/sql.
func (s *Store) Names(ctx context.Context) ([]string, error) {
	rows, err := s.db.Query("SELECT name FROM items") // want `s.db.Query in Names ignores ctx, so cancelling it does not stop the call; use s.db.QueryContext\(ctx, ...\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tx, err := s.db.Begin() // want `s.db.Begin in Names ignores ctx.*use s.db.BeginTx\(ctx, nil\)`
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	tx.Exec("DELETE FROM items") // want `tx.Exec in Names ignores ctx.*use tx.ExecContext\(ctx, ...\)`
	return nil, nil
}

// noctxapi: net/http.
func getPage(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil) // want `http.NewRequest in getPage ignores ctx.*use http.NewRequestWithContext\(ctx, ...\)`
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.Get(url) // want `http.Get in getPage ignores ctx.*build the request with http.NewRequestWithContext\(ctx, ...\) and send it with Do`
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.DefaultClient.Post(url, "text/plain", nil) // want `http.DefaultClient.Post in getPage ignores ctx`
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// noctxapi: os/exec, run to completion here.
func gitHead(ctx context.Context) ([]byte, error) {
	return exec.Command("git", "rev-parse", "HEAD").Output() // want `exec.Command in gitHead ignores ctx.*use exec.CommandContext\(ctx, ...\)`
}

func gitFetch(ctx context.Context) error {
	cmd := exec.Command("git", "fetch") // want `exec.Command in gitFetch ignores ctx`
	cmd.Dir = "/tmp"
	return cmd.Run()
}

// noctxapi: net and crypto/tls.
func dial(ctx context.Context, addr string) error {
	c, err := net.Dial("tcp", addr) // want `net.Dial in dial ignores ctx.*use \(&net.Dialer\{\}\).DialContext\(ctx, ...\)`
	if err != nil {
		return err
	}
	defer c.Close()
	ips, err := net.LookupIP(addr) // want `net.LookupIP in dial ignores ctx.*use net.DefaultResolver.LookupIP\(ctx, "ip", ...\)`
	_ = ips
	tc := tls.Client(c, nil)
	return tc.Handshake() // want `tc.Handshake in dial ignores ctx.*use tc.HandshakeContext\(ctx\)`
}

// noctxapi: any API with an XContext or XWithContext variant.
func (s *Store) Cached(ctx context.Context, key string) (string, error) {
	if err := s.kv.Put(key, "v"); err != nil { // want `s.kv.Put in Cached ignores ctx.*use s.kv.PutWithContext\(ctx, ...\)`
		return "", err
	}
	kv.Fetch(key)        // want `kv.Fetch in Cached ignores ctx.*use kv.FetchContext\(ctx, ...\)`
	return s.kv.Get(key) // want `s.kv.Get in Cached ignores ctx.*use s.kv.GetContext\(ctx, ...\)`
}

// noctxapi: generic types and functions, interfaces.
func generic(ctx context.Context, c *kv.Cache[int], st kv.Store) {
	c.Load("k")                                    // want `c.Load in generic ignores ctx.*use c.LoadContext\(ctx, ...\)`
	kv.Map([]int{1}, func(i int) int { return i }) // want `kv.Map in generic ignores ctx.*use kv.MapContext\(ctx, ...\)`
	st.Save("k")                                   // want `st.Save in generic ignores ctx.*use st.SaveContext\(ctx, ...\)`
}

// sleep.
func poll(ctx context.Context, every time.Duration) {
	for range 3 {
		time.Sleep(every) // want `time.Sleep in poll ignores ctx, so cancellation waits for the whole sleep; select on ctx.Done\(\) and a timer instead`
	}
	time.Sleep(2 * time.Second) // want `time.Sleep in poll ignores ctx`
}

func slowHandler(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want `time.Sleep in slowHandler ignores the request's context.*select on r.Context\(\).Done\(\)`
}

// nodone: a select loop without a ctx case or any exit.
func consume(ctx context.Context, in <-chan int, out chan<- int) {
	for { // want `loop in consume waits on channels forever and never checks ctx, so it keeps running after ctx is cancelled; add case <-ctx.Done\(\): return to its select`
		select {
		case v := <-in:
			if v == 0 {
				break // leaves the select, not the loop
			}
			out <- v
		}
	}
}

// nodone: a goroutine started by a function with a ctx.
func startWorker(ctx context.Context, jobs <-chan func()) {
	go func() {
		for { // want `loop in the goroutine started by startWorker waits on channels forever.*put the receive in a select with case <-ctx.Done\(\): return`
			job := <-jobs
			job()
		}
	}()
}

// nodone: a ticker's channel is never closed.
func heartbeat(ctx context.Context, beat func()) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C { // want `range over t.C in heartbeat waits on channels forever`
		beat()
	}
}

// nodone: a generator whose goroutine blocks once the caller stops.
func generate(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := range n {
			out <- i // want `send on out in the goroutine started by generate blocks forever once the caller stops receiving, and nothing ends it when ctx is cancelled; select on the send and ctx.Done\(\)`
		}
	}()
	return out
}

// noctxapi: a method of the same name that takes a ctx and drops it.
func (s *Store) Get(ctx context.Context, key string) (string, error) {
	return s.kv.Get(key) // want `s.kv.Get in Get ignores ctx`
}

// noctxapi: a context-taking method built on the context-less form breaks
// its own contract.
type legacy struct{ db *sql.DB }

func (l *legacy) ExecContext(ctx context.Context, q string) (sql.Result, error) {
	return l.db.Exec(q) // want `l.db.Exec in ExecContext ignores ctx`
}
