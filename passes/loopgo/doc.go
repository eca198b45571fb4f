// Package loopgo defines an Analyzer that reports goroutines started once
// per element of a collection with nothing bounding how many run at once.
//
// # Analyzer loopgo
//
// loopgo: report goroutines started per element with no bound
//
// A loop that starts a goroutine for every element of a slice, map or
// iterator starts as many goroutines as the data has elements:
// a request with 100,000 items starts 100,000 goroutines, each with its
// stack, its connections and its share of memory and CPU. Bound the
// concurrency instead: errgroup.Group.SetLimit, a semaphore acquired before
// the goroutine starts, or a fixed pool of workers reading from a channel.
//
// A goroutine start is a go statement, sync.WaitGroup.Go, errgroup's
// Group.Go on a group created in the function and never limited, or a call
// of a function that starts a goroutine on every path and neither waits
// for it (a Wait, a receive, or a read of an io.Pipe the goroutine writes
// to, also through a wrapper such as tar.NewReader(r)) nor hands it a token
// to take (followed through calls in the
// package, and across packages through facts). It is reported when its
// innermost loop (or an outer loop, when the inner ones have a constant
// count) runs once per element of data: a range over a slice, map, string
// or iterator that is not a literal, or a counted loop whose bound is len
// or cap of a collection (for i := 0; i < len(jobs); i++, for i := range
// len(jobs), n := len(jobs); ... i < n, chunks of a constant size), when
// the goroutine uses the iteration's variables and nothing in the loop
// bounds it.
//
// The collection must be data the function fetches: the result of a call
// that takes a context (a query, an API's List), a value decoded or
// scanned into a variable (json.Unmarshal(b, &req)) or filled by a method
// from its arguments (opts.FromQuery(r.URL.Query())), a value received
// from a channel, the result of another package's function that lists
// something from nothing that varies (os.ReadDir(dir)), or a local built
// from those. A parameter of an unexported function is followed to the
// arguments of its callers in the package, and a function of the package
// to what it returns. A parameter whose callers are out of view is data
// only when its type is built from a type parameter of an exported
// generic function whose constraint has no methods (lo.Map's collection
// []T, T any; not CheckAll[T Checker]), or with -loopgo.params.
//
// Bad:
//
//	func (s *Server) notifyAll(ctx context.Context) error {
//		users, err := s.db.ListUsers(ctx)
//		if err != nil {
//			return err
//		}
//		var wg sync.WaitGroup
//		for _, u := range users {
//			wg.Add(1)
//			go func() { // one goroutine per user, all at once
//				defer wg.Done()
//				s.notify(ctx, u)
//			}()
//		}
//		wg.Wait()
//		return nil
//	}
//
// Good:
//
//	func (s *Server) notifyAll(ctx context.Context) error {
//		users, err := s.db.ListUsers(ctx)
//		if err != nil {
//			return err
//		}
//		g, ctx := errgroup.WithContext(ctx)
//		g.SetLimit(8)
//		for _, u := range users {
//			g.Go(func() error { return s.notify(ctx, u) })
//		}
//		return g.Wait()
//	}
//
// Not reported: a semaphore acquired in the loop before the start on every path
// (a send into a channel, the receive of a token, an Acquire or TryAcquire
// call, or a select case doing one of these), or on every path where the
// semaphore exists (if limiter != nil { limiter.Acquire(ctx, 1) }: the caller
// chose to pass no limit); a call in every iteration to a function that blocks
// on every path (a throttle's Do, a queue's Put, a bounded wait group's Add(1),
// whose loop up to its parameter counts as running at least once; learnt across
// packages through facts); an errgroup on which SetLimit (with a limit of zero
// or more) or TryGo is called; a worker pool, that is a counted loop whose
// bound is a constant, runtime.NumCPU(), GOMAXPROCS, cap of a channel,
// min(len(jobs), n), a slice made with make([]T, n) or returned by a function
// of the package that appends one element per iteration of a loop up to its
// parameter n (names(n, base): as many as the caller asks for), chunks of len(xs)/n, or
// any number not derived from a collection's size; a range over a constant, an
// array, a composite literal, a variable initialised by one and never changed
// (test tables), the result of a function of the package that always returns a
// slice or map literal (one query per quantile, whatever the request's labels),
// a list decoded from data embedded in the binary (json.Unmarshal of a
// //go:embed variable: as long as the embedded file, in either category), a
// slice expression xs[:n] with such an n, or a batch that a loop on
// len(parts) < max fills, made anew each time round an outer loop (for more
// && len(parts) < max { parts = append(parts, <-pipe) }); a collection whose length is
// checked first (if len(xs) > max { return }, if len(xs) > max { xs =
// xs[:max] }, or inside if len(xs) < max { ... }; also an optional limit, if
// max > 0 && len(xs) > max { return }), in the function or, for an unexported function, at every call; a loop
// that waits for its goroutines in every iteration or every batch (a Wait call,
// a blocking receive or an inner range over a channel anywhere in the body, on
// a path that goes on to the next iteration; a send, Acquire, time.Sleep or
// github.com/nozzle/throttler's Throttle after the start on every path back to
// the loop head; a sleep, time.Sleep or a call of a func(time.Duration) value
// that tests replace, on a path through the start that goes on to the next
// iteration, which paces the starts (a pause every hundred, a wait for the
// next slot unless behind; a backoff on a path that starts nothing does not
// count); or an inner loop over a slice expression or over an outer
// loop's element while the outer loop waits); a loop that leaves after starting
// the goroutine (go f(); return); a goroutine that uses nothing of the
// iteration (go notify()), which is a signal, not work per element; a goroutine
// that begins by waiting (its first statement receives from a channel, selects
// over receives only, or calls a blocking Wait method, as a watcher per
// subscription, go func() { <-ctx.Done(); e.Cancel() }() or go func() {
// t.Wait(); cleanup() }() does), which works only when its event comes and
// which a limit would deadlock, also when the function closes one of its
// channels to stop the rest (a spend watcher per output); a start barrier, a
// wait only on a channel the function closes after the loop (and on ctx.Done()
// or the receiver's quit channel) or on a WaitGroup it releases, is still
// reported; a goroutine that begins by waiting for a delay the loop's index
// scales (time.Sleep(time.Duration(i) * d), or a select on
// time.After(interval(i)) and ctx.Done()), whose work starts one more per
// interval, staggered as a sleep between the starts would pace it; goroutines that wait on each other (each receives from a channel it
// looks up in the loop's collection under a key it finds itself, as a container
// waits for the containers it links to), which a limit could deadlock; a
// goroutine that only hands a value it has to a channel (go func() { out <- v
// }(), or a select of that send and a quit channel, or a function of another
// package that does only that: go ch.Write(resp)), which exists so that the
// sender does not block on the receiver; a goroutine whose work is only
// look-ups, formatting, logging and a store under a mutex (no channel, no
// select, no counted loop, no call that takes a context, of a function value,
// of an interface's method other than Error or String, or of another package's
// function beyond strings, strconv, fmt's Sprint and Errorf and their kind,
// nor a function of the package that is not itself so), which ends as soon as
// it starts, so a limit changes nothing (the goroutine is pointless, and a
// function whose body only returns nil or constants is a stub that counts as
// work); a goroutine per distinct value of a field of the elements (the
// loop skips the keys it has seen, if seen[t.Application] { continue }, and
// records them) that works on what the key names and never on the element
// (casdoor posts one back-channel logout per application of a user's
// tokens), while skipping duplicate elements (seen[t.ID], then go
// revoke(t.ID)) is still reported; a goroutine that itself starts
// goroutines in a loop (one per set, fanning out per member), whose inner loop
// is judged, and reported, on its own; a range whose index stops the loop or
// skips the iteration past a bound that is not a size (if i >= max { break },
// if i < len(xs)-max { continue }); a loop that keeps a handle per element in a
// map, the cancel function (m[id] = cancel) or the value whose method the
// goroutine runs (p.active[job.ID] = exec; go exec.Execute(ctx)), or appends
// that value to a list of the receiver or of the package (archs =
// append(archs, a); go a.hash()), itself or through a function of the package
// it passes the handle to: a follower per container or stream that lives until
// its element goes, a task its owner tracks and counts (a job queue's
// executors), or the rest of setting up an element the program keeps (a hash
// per architecture it registers); a goroutine whose only value of
// the iteration is a switch tag in a case of constants (case PingA, PingB: go
// ping(pt)), one per kind asked for; a goroutine that only closes, releases,
// stops or destroys a value (go ref.Release(ctx), go conn.Close(), go
// invoker.Destroy()), freeing in the background what the program already holds;
// a goroutine that first waits on a WaitGroup that its starting function
// releases (a start barrier opened when the function returns), then acquires a
// semaphore, as index builds run once a schema update is set up: the work is
// bounded, and acquiring before the go statement would deadlock.
//
// Where the collection comes from decides the rest. A variadic parameter
// is listed by its callers (RunChecks(ctx, a, b, c)), so it counts as
// fixed by the code unless a call in the package spreads data into it
// (f(xs...)). A function's result is sized by its arguments and receiver,
// but an argument of an interface type with methods (an accumulator, a
// logger, a client) is a service it uses, not data that sizes its result;
// a context argument makes the call a fetch, whose result is data, unless
// the function is of the package and never uses the context: a setter
// (no result but an error: h.SetSubscriptions(context.Background(),
// cfg.Subs)) then fills from its arguments, and a getter that returns a
// copy of the receiver's list (f.Subscriptions(ctx)) returns state.
//
// Not reported either, because the number of elements is fixed by the
// deployment or the code rather than by the data (decided after triage of real
// code, where these were never worth changing): collections held by the
// receiver or by package-level variables (s.listeners, s.onShutdown, os.Args),
// including through an unexported helper they are passed to, or collected from
// them in a Range callback (s.tenants.Range(func(k, v any) bool { ... })); the containers of
// a Kubernetes pod or their statuses (pod.Spec.Containers,
// pod.Status.ContainerStatuses), as many as its spec declares, though a loop
// over the pods around such a loop is judged as the data it is; goroutines that
// run a service loop (for {}, a loop on a condition such as for scanner.Scan(),
// labelled or not, a range over a channel, Serve or ListenAndServe, also
// one in every branch of an if, as quic-go's example serves TLS over TCP or
// QUIC per address to bind), one per
// listener, connection, peer or shard for the life of the program (also one
// that hands back the error it stops with: errc <- srv.Serve(ln), one that
// calls a function of another package that serves, accepting connections in
// a loop that does not count or calling Serve, itself or through its
// package's functions, as croc's relay per configured port runs
// tcp.RunWithOptionsAsync(host, port), learnt through facts, and one
// that only copies a stream, go io.Copy(io.Discard, bidi) or a pump between
// two connections, which lasts as long as the stream; a copy of a file or
// of an in-memory reader is work and counts), also when a
// helper starts them (d.watchService(ctx, name), whose goroutines all run such
// a loop; learnt across packages through facts); goroutines that the loop
// counts in the receiver's or a package-level WaitGroup (s.wg.Add(1); go
// s.resume(p)) when the function does not wait on it: tasks of a long-lived
// value, one per live item (an in-flight payment), joined when it shuts down,
// as a server's handlers are; loops whose collection (or the named result of
// the function of the package that defines it: paths := parseDiskPath(cfg),
// returning disks), element
// type, loop variables or goroutine function or parameters are named for the deployment's
// topology (peer, node, member, server, host, addr, endpoint, shard, partition,
// replica, disk, drive, volume, pool, site, region, zone, cluster, broker,
// backend, upstream, listener, target, locker, sink, instance, datacenter,
// voter, follower, tier, remote, gateway, mirror, worker, master) or whose
// elements are structs with a string Address, Addr or Endpoint field (TiKV's
// metapb.Store: a member one dials), or whose collection,
// element type, loop variables or defining function (the head noun of its
// name, in any package: apps, err := ctx.Modules(kind) gives modules) are
// named for code-registered items (hook, callback, plugin, handler, module)
// or configurations (config, cfg, conf, spec);
// collections of functions (hooks, commands) or of structs that begin with
// one (scorecard's checker.Check{Fn, SupportedRequestTypes}), or of values with a Close() or
// Close(ctx) method (clients, connections, files, a scaler per trigger), of
// which the program already holds one each; and any loop in a _test.go file or
// in a package that exists for tests or benchmarks (an import path element
// test, tests, testing, testutil, e2e, bench, benchmark(s), or one starting or
// ending with "test", word by word in names such as integration-tests) or over
// what such a package lists
// (testutil.AllContainers(prefix), the containers a test runner started), whose
// data the test's author chose.
//
// Not reported, because the analyzer cannot tell how much there is: a parameter
// of an exported function or method, of a function literal or of a function
// used as a value (their callers are out of view, and on real code most pass
// configuration: the nodes to poll, the probes of a plan; -loopgo.params
// reports them), a collection derived without a context from such a parameter
// (prefixes(path), slices.Sorted(maps.Keys(s.m))), the host's network
// interfaces and their addresses (net.Interfaces), the devices that answer a
// UPnP discovery on its network (goupnp.DiscoverDevices), and the records of
// one DNS name (LookupHost, LookupIP, LookupSRV... of net or of a caching
// resolver: a dial per address of a host, the first to connect wins) or its
// labels (strings.Split(name, "."): a CAA lookup for the name and each parent).
//
// Not reported, because the analyzer cannot tell: an errgroup that is a
// parameter or a field, or that is passed to another function (SetLimit
// may be called there); a call through a function value; unless
// -loopgo.accept is set, loops that receive a stream of work: range over a
// channel, for {} and condition loops (for { conn, err := ln.Accept(); ...
// }, for scanner.Scan()), and ranges over a batch of received work (a
// collection, element type or loop value named request, req, packet, pkt,
// message or msg: for _, r := range batch.Requests, but not req.Items),
// where a goroutine per accepted connection, request or message is how
// net/http and most dispatchers serve.
//
// Flags:
//
// -loopgo.min-trips=N reports loops with a constant trip count of at least
// N (for i := 0; i < 100000; i++ { go f() }), outside _test.go files;
// loops with fewer constant trips are always fine. The default, 0, never
// reports constant loops: most are worker pools, and on the standard
// library -loopgo.min-trips=1000 finds only stress tests.
//
// -loopgo.params also counts as data every parameter whose callers are
// out of view: for a library whose exported API takes collections from
// its users.
//
// -loopgo.accept also reports ranges over a channel, for {} and
// condition loops that receive their work (a channel receive whose value
// is used, or a method whose name begins with Accept, Recv, Receive, Read,
// Next, Scan or Fetch), and ranges over a batch of requests, packets or
// messages, that start a goroutine per item without a semaphore (category
// accept). The state, service-loop and topology
// exemptions do not apply there: a handler per connection is the point.
//
// Related: no vet or staticcheck check looks at this. Linters that flag
// every go statement in a loop report worker pools and bounded code alike.
// loopgo tells bounded from unbounded with the loop's control flow (what
// every path from the top of the iteration to the start, and back to the
// loop head, passes through), the loop's trip count, the errgroup's limit
// and where the collection comes from, and follows calls to functions of
// the same package that start goroutines or block.
//
// # Category unbounded
//
// A goroutine per element of input, with no semaphore, limit or wait in
// the loop.
//
// # Category late-acquire
//
// The goroutine acquires a semaphore itself (sem <- token, sem.Acquire,
// <-pool, a method that blocks on every path of a value that also has a
// Release or Done method, as a throttle's Do, or a package-level function
// that blocks, released by a deferred one of the same package that blocks
// too, as esbuild's fs.BeforeFileOpen(); defer fs.AfterFileClose()) before
// doing anything else.
// A goroutine whose first call takes the semaphore, in a function of the
// package (two calls deep) or of another package (learnt through facts),
// after guards that return, logging and a rate limiter's Wait, is
// reported in this category too when the loop is reported at all
// (istioctl bug-report's log fetch per pod calls kubectlcmd.Logs, which
// sends on the package's logFetchLimitCh): the message names the
// semaphore and the function that takes it, and the fix is a bound
// before the start, since the semaphore is not the caller's to take.
// That bounds the work running at
// once, not the goroutines: all of them start and wait, blocked, each
// holding its stack and what it captured. Acquire before the go statement
// instead. A limit shows that its author expects more elements than
// slots, so this category is reported also over the receiver's or a
// package's collections and over collections named for the topology
// (moby restores every container of a host this way; an open pull
// request there moves the acquires before the go statement), but not
// over a list the code fixes (a literal, data embedded with //go:embed),
// where the code shows how many goroutines wait. It is
// not reported when the goroutines wait on each other: a goroutine that
// receives from a channel it looks up in the collection it is started
// for, under a key it finds itself (a container started once the
// containers it links to are: n := restarting[child]; <-n), where a slot
// taken before the go statement could go to a goroutine that waits for
// one that cannot start. Waiting on its own element's channel
// (restarting[c], c the loop's key) is not waiting on the others.
//
// # Category accept
//
// Only with -loopgo.accept: a range over a channel, a for {} or
// condition loop that receives a unit of work (accepts a connection,
// receives a message or a value), or a range over a batch of requests,
// packets or messages, that starts a goroutine for each with no
// semaphore.
package loopgo
