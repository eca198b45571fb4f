// Package ctxignore defines an Analyzer that reports code ignoring the
// context.Context in scope.
//
// # Analyzer ctxignore
//
// ctxignore: report code that ignores the context in scope
//
// When a function has a context.Context and does not pass it on,
// cancellation and deadlines stop at that line: requests outlive their
// clients, shutdown hangs, goroutines leak. ctxignore reports only where a
// ctx is really in scope:
//
//   - a named context.Context parameter (not _),
//   - the request of an http handler, func(w http.ResponseWriter, r
//     *http.Request), whose ctx is r.Context(),
//   - a local variable derived from either (ctx, cancel :=
//     context.WithTimeout(ctx, d); ctx := r.Context(); ctx :=
//     stream.Context() on a parameter).
//
// A function literal has the ctx of the function around it when it refers
// to that ctx or is called where it stands (func() { ... }()).
//
// Detached goroutines. A goroutine (go func() { ... }()) or a callback that
// never mentions the ctx of the function starting it is taken to be
// deliberately detached from it: background work that must outlive the
// request. Nothing in it is reported as background, noctxapi or sleep. It
// is still checked by nodone, because a goroutine started by a function
// with a ctx that waits on channels forever can never be stopped.
//
// Bad:
//
//	func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
//		rows, err := s.db.Query("SELECT ...", id) // noctxapi: use QueryContext(ctx, ...)
//		...
//		time.Sleep(backoff) // sleep: cannot be cancelled
//		return s.fetch(context.Background(), id) // background: use ctx
//	}
//
// Good:
//
//	func (s *Store) Load(ctx context.Context, id string) (*Item, error) {
//		rows, err := s.db.QueryContext(ctx, "SELECT ...", id)
//		...
//		t := time.NewTimer(backoff)
//		defer t.Stop()
//		select {
//		case <-ctx.Done():
//			return nil, ctx.Err()
//		case <-t.C:
//		}
//		return s.fetch(ctx, id)
//	}
//
// Not reported: functions without a ctx in scope (main, init, a method
// whose only context is a struct field such as s.ctx, a parameter named _ or
// left unnamed); deferred calls and deferred function literals (cleanup
// runs after cancellation, on purpose); detached goroutines and callbacks
// (see above); _test.go files and test-support packages (a path element
// test, tests, testing, testutil, e2e, bench, benchmark(s), or starting or
// ending with "test", word by word in names such as integration-tests),
// unless -ctxignore.tests is set: a test's ctx bounds the test, and
// ignoring it makes a failing test slower, not a request outlive its
// client. See each category for the rest.
//
// Flags: -ctxignore.min-sleep (default 100ms) is the shortest constant
// time.Sleep reported; shorter sleeps delay cancellation too little to
// matter. Sleeps of a computed duration are always reported.
// -ctxignore.tests also reports in test files and test-support packages.
//
// Related: noctx reports a fixed list of context-less APIs even where no
// ctx exists; contextcheck reports functions that do not inherit a ctx
// through calls; staticcheck SA1012 reports a nil ctx; vet lostcancel
// reports a cancel function not called. ctxignore reports only where a ctx
// is in scope, finds context-taking variants of any API by name
// (XContext, XWithContext), follows Background contexts through calls in
// the package, and checks loops and sleeps that cannot be cancelled.
//
// # Category background
//
// context.Background() or context.TODO() passed to a call, or used to
// derive a context passed to a call, while a ctx is in scope. The fix
// replaces it with the ctx in scope. A function of the same package that
// has no ctx and creates its own Background context for a call is reported
// where a function with a ctx calls it, with the path:
//
//	load creates its own context.Background() (via load -> fetchAll), ...
//
// Not reported: context.WithoutCancel(ctx) (the deliberate way to detach);
// a fresh context in a deferred call, after <-ctx.Done(), in a case
// <-ctx.Done() clause or under a test of ctx.Err(), context.Canceled or
// context.DeadlineExceeded (the ctx is done, cleanup needs a new one); a
// context with a timeout or deadline passed only to cleanup calls (Close,
// Shutdown, Stop, Rollback, Release, Unlock, Delete, Remove, ...); the
// default in if ctx == nil { ctx = context.Background() }; a Background
// context stored in a field or global, returned, sent, handed to a
// goroutine, or given to a call whose result is stored in a field or global
// (s.client = newClient(context.Background()): a lifecycle context, the
// lifetime of what it builds, which outlives the call on purpose); an
// explicit reset of the ctx variable itself (ctx = context.Background()); a
// context passed to a parameter the callee names _ (it is ignored).
//
// Through calls, only functions and methods with unexported names are
// followed: an exported function is an API whose signature is a contract (or
// implements an interface), and it may create its own context on purpose
// for callers that have none.
//
// # Category noctxapi
//
// A call of an API that has a context-taking variant, while a ctx is in
// scope: database/sql Query, QueryRow, Exec, Prepare, Ping, Begin (use
// QueryContext, ..., BeginTx(ctx, nil)); http.NewRequest, http.Get, Head,
// Post, PostForm and the same methods of http.Client (an http.Client.Do of
// a request built without a context is reported at its http.NewRequest,
// with the Do in Related); exec.Command;
// net.Dial, DialTimeout, Listen, ListenPacket and the package-level
// lookups (use net.Dialer, net.ListenConfig, net.DefaultResolver); tls.Dial
// and tls.Conn.Handshake; and any function or method X, of any package,
// whose package or receiver also has XContext or XWithContext taking a
// context.Context and otherwise X's parameters and results. A suggested
// fix calls the variant with the ctx when that is a mechanical rewrite.
//
// Not reported: log/slog (its context cancels nothing); an http.NewRequest
// whose request later gets a context (req.WithContext(ctx), req.Clone(ctx),
// or a call that receives both the request and a context) or is stored or
// returned; an exec.Command that is started and left running, stored,
// returned or handed on (CommandContext would kill a process meant to
// outlive the call).
//
// # Category sleep
//
// time.Sleep while a ctx is in scope: cancellation waits for the whole
// sleep. Use a select on ctx.Done() and a time.Timer.
//
// Not reported: constant sleeps shorter than -ctxignore.min-sleep; a sleep
// that is the whole body of a for {} loop (a deliberate hang until the
// process is killed, like select {}).
//
// # Category nodone
//
// A loop, in a function with a ctx in scope or in a goroutine it starts,
// that can only be left by cancellation and never looks at the ctx: it has
// no return, break out of it, goto, os.Exit, log.Fatal or runtime.Goexit;
// it blocks on channel operations (a select without default, a bare send
// or receive, a range over a time.Ticker's C or time.Tick, which are never
// closed); and it never mentions a context (no ctx.Done(), ctx.Err(), or
// call it passes a ctx to). Such a loop runs forever after the ctx is
// cancelled.
//
// Also reported: in a loop of a goroutine started by a function with a ctx,
// a bare send on an unbuffered channel that the function makes and returns
// (a generator), when the goroutine never mentions a context. Once the
// caller stops receiving, the goroutine blocks forever.
//
// Not reported: a loop with any exit (a quit channel that returns, a
// closed-channel check that returns), a select with a default, a range over
// an ordinary channel (it ends when the channel is closed), blocking inside
// called functions, buffered generator channels, and goroutines that mention
// a context anywhere.
package ctxignore
