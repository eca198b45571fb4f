package ctxignore

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"os/exec"
	"time"

	"ctxignore/kv"
)

// No ctx in scope: nothing to pass on.
func main2() {
	ctx := context.Background() // a root context where none exists
	(&Store{}).fetch(ctx, "x")
	time.Sleep(time.Second)
	http.Get("http://example.com")
}

func init() {
	(&Store{}).fetch(context.Background(), "init")
}

// A parameter named _ or left unnamed is unused by design.
func (s *Store) Blank(_ context.Context) { s.fetch(context.Background(), "x") }

func (s *Store) Unnamed(context.Context, string) { time.Sleep(time.Second) }

// A ctx stored in a struct is not a ctx in scope: its lifetime is the
// struct's, not the call's.
type Server struct {
	ctx    context.Context
	cancel context.CancelFunc
	db     *sql.DB
	srv    *http.Server
	cmd    *exec.Cmd
}

func (s *Server) tick() {
	s.db.Query("SELECT 1")
	time.Sleep(time.Second)
}

// context.WithoutCancel is the deliberate way to detach.
func (s *Store) Audit(ctx context.Context) {
	go s.fetch(context.WithoutCancel(ctx), "audit")
}

// Cleanup in a deferred call runs after cancellation, on purpose.
func (s *Server) Serve(ctx context.Context) error {
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.srv.Shutdown(sctx)
	}()
	defer s.db.Exec("UNLOCK TABLES") // cleanup without a ctx
	return nil
}

// After <-ctx.Done() the ctx is done: shutting down needs a fresh one.
func (s *Server) Run(ctx context.Context) error {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(sctx)
}

// The same in a case <-ctx.Done() clause, and under a test of ctx.Err().
func (s *Server) Loop(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-ctx.Done():
			s.flush(context.Background())
			return
		case v := <-in:
			if err := s.handle(ctx, v); errors.Is(err, context.Canceled) {
				s.flush(context.Background())
			}
		}
	}
}

func (s *Server) flush(ctx context.Context)               {}
func (s *Server) handle(ctx context.Context, v int) error { return nil }

// A timed context passed only to cleanup calls: releasing a lease must
// happen even if ctx was cancelled.
type leases interface {
	ReleaseLease(ctx context.Context, id string) error
}

func renew(ctx context.Context, l leases, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	rctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return l.ReleaseLease(rctx, id)
}

// The nil default.
func (s *Store) Defaulted(ctx context.Context, id string) {
	if ctx == nil {
		ctx = context.Background()
	}
	s.fetch(ctx, id)
}

// A lifecycle context stored in the struct outlives Start on purpose.
func (s *Server) Start(ctx context.Context) {
	s.ctx, s.cancel = context.WithCancel(context.Background())
}

// A Background context returned is the caller's business.
func detached(ctx context.Context) context.Context {
	return context.Background()
}

// An explicit reset of the ctx variable is a deliberate choice.
func (s *Store) Reset(ctx context.Context) {
	ctx = context.Background()
	s.fetch(ctx, "reset")
}

// A detached goroutine: it never mentions ctx, so it is meant to outlive
// the request.
func (s *Server) Notify(ctx context.Context, db *sql.DB) {
	go func() {
		time.Sleep(time.Second)
		db.Exec("UPDATE stats SET n = n + 1")
		s.flush(context.Background())
	}()
	go s.flush(context.Background())
	time.AfterFunc(time.Second, func() { s.flush(context.Background()) })
	context.AfterFunc(ctx, func() { s.flush(context.Background()) })
}

// A constructor creating a lifecycle context: not a Background context used
// for a call, so calling it from a function with a ctx is fine.
func newServer() *Server {
	ctx, cancel := context.WithCancel(context.Background())
	return &Server{ctx: ctx, cancel: cancel}
}

// Through calls: the callee takes a ctx (even if it ignores it), or only
// makes a lifecycle context.
func helper(_ context.Context) { (&Store{}).fetch(context.Background(), "x") }

func (s *Store) Build(ctx context.Context) *Server {
	helper(ctx)
	return newServer()
}

// noctxapi: the variant is used already; methods without a matching
// variant; slog, whose context cancels nothing; a method value.
func (s *Store) Fine(ctx context.Context, key string) error {
	rows, err := s.db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	rows.Close()
	s.kv.Watch(key) // WatchContext takes an extra buffer argument
	s.kv.Close()
	slog.Info("fine", "key", key)
	q := s.db.Exec
	q("SELECT 1")
	return nil
}

// http.NewRequest whose request gets a context later, or is returned, or is
// sent by a function that receives a ctx too.
func newReq(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return req.WithContext(ctx), nil
}

func buildReq(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequest("GET", url, nil)
	return req, err
}

func send(ctx context.Context, req *http.Request) error { return nil }

func sendReq(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	return send(ctx, req)
}

// exec.Command started and left running: CommandContext would kill it when
// ctx ends.
func (s *Server) Spawn(ctx context.Context) error {
	cmd := exec.Command("daemon")
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	return nil
}

// A short constant sleep delays cancellation too little to matter.
func (s *Store) Spin(ctx context.Context) {
	time.Sleep(10 * time.Millisecond)
}

// The variant's own body may call the context-less form... of another API.
type wrapped struct{ c *kv.Client }

func (w *wrapped) GetContext(ctx context.Context, key string) (string, error) {
	return w.c.GetContext(ctx, key)
}

// nodone: loops that watch ctx, have an exit, or do not block.
func drain(ctx context.Context, in <-chan int, quit <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in:
		}
	}
}

func drainQuit(ctx context.Context, in <-chan int, quit <-chan struct{}) {
	for {
		select {
		case <-quit: // the owner closes quit to stop the loop
			return
		case <-in:
		}
	}
}

func drainClosed(ctx context.Context, in <-chan int) {
	for {
		v, ok := <-in
		if !ok {
			return // the producer closes in
		}
		_ = v
	}
}

func drainRange(ctx context.Context, in <-chan int) {
	for v := range in { // ends when in is closed
		_ = v
	}
}

func busy(ctx context.Context, in <-chan int) {
	for {
		select {
		case <-in:
		default: // never blocks (busyselect's business)
		}
	}
}

func passes(ctx context.Context, in <-chan int, s *Server) {
	for {
		v := <-in
		s.handle(ctx, v) // passes ctx: handle may observe cancellation
	}
}

func labeled(ctx context.Context, in <-chan int) {
outer:
	for {
		select {
		case v := <-in:
			if v == 0 {
				break outer
			}
		}
	}
}

func noCtx(in <-chan int) {
	for {
		<-in // no ctx in scope
	}
}

// Generators that are fine: buffered, or the goroutine selects on ctx.
func generateBuffered(ctx context.Context, xs []int) <-chan int {
	out := make(chan int, len(xs))
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

func generateSelect(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := range n {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Under a test of ctx.Err() the ctx is done: a fresh context is needed.
func (s *Server) Finish(ctx context.Context) {
	if ctx.Err() != nil {
		s.flush(context.Background())
	}
}

// A Background context stored in a global, sent on a channel, or handed to
// a goroutine through a variable is a lifecycle context.
var rootCtx context.Context

func (s *Server) Globals(ctx context.Context, out chan<- context.Context) {
	rootCtx = context.Background()
	out <- context.Background()
	bg := context.Background()
	go s.flush(bg)
}

// A request cloned with ctx gets it.
func cloneReq(ctx context.Context, url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req.Clone(ctx))
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// nodone: the blocking happens in a called function, which conclint does not
// follow.
func pump(ctx context.Context, next func() int) {
	for {
		_ = next()
	}
}

// Generics: a generic function that passes its ctx on.
func fetchAllOf[T any](ctx context.Context, s *Store, ids []T) {
	for range ids {
		s.fetch(ctx, "id")
	}
}

// A context given to a constructor whose result is stored in a field is the
// lifetime of what it builds, which outlives this call on purpose.
type watcher struct{ s *Store }

func newWatcher(ctx context.Context) *watcher { return &watcher{} }

func (s *Server) Attach(ctx context.Context) {
	var w struct{ w *watcher }
	w.w = newWatcher(context.Background())
}
