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
// for it nor hands it a token to take (followed through calls in the
// package, and across packages through facts). It is reported when its
// innermost loop (or an outer loop, when the inner ones have a constant
// count) runs once per element of data: a range over a slice, map, string
// or iterator that is not a literal, or a counted loop whose bound is len
// or cap of a collection (for i := 0; i < len(jobs); i++, for i := range
// len(jobs), n := len(jobs); ... i < n, chunks of a constant size), when
// the goroutine uses the iteration's variables and nothing in the loop
// bounds it.
//
// The data must come from input: a parameter of an exported function (or
// of any function whose callers are out of view), a value received,
// decoded or fetched (os.ReadDir, a query, a function returning a
// collection from nothing that varies), or a local built from those. An
// unexported function's parameter is followed to the arguments of its
// callers in the package.
//
// Bad:
//
//	func fetchAll(urls []string) {
//		var wg sync.WaitGroup
//		for _, u := range urls {
//			wg.Add(1)
//			go func() { // one goroutine per URL, all at once
//				defer wg.Done()
//				fetch(u)
//			}()
//		}
//		wg.Wait()
//	}
//
// Good:
//
//	func fetchAll(ctx context.Context, urls []string) error {
//		g, ctx := errgroup.WithContext(ctx)
//		g.SetLimit(8)
//		for _, u := range urls {
//			g.Go(func() error { return fetch(ctx, u) })
//		}
//		return g.Wait()
//	}
//
// Not reported: a semaphore acquired in the loop before the start on every
// path (a send into a channel, the receive of a token, an Acquire or
// TryAcquire call, or a select case doing one of these); a call in every
// iteration to a function that blocks on every path (a throttle's Do, a
// queue's Put; learnt across packages through facts); an errgroup on which
// SetLimit (with a limit of zero or more) or TryGo is called; a worker
// pool, that is a counted loop whose bound is a constant, runtime.NumCPU(),
// GOMAXPROCS, cap of a channel, min(len(jobs), n), a slice made with
// make([]T, n), chunks of len(xs)/n, or any number not derived from a
// collection's size; a range over a constant, an array, a composite
// literal, a variable initialised by one and never changed (test tables),
// or a slice expression xs[:n] with such an n; a collection whose length
// is checked first (if len(xs) > max { return }, or inside if len(xs) <
// max { ... }), in the function or, for an unexported function, at every
// call; a loop that waits for its goroutines in every iteration or every
// batch (a Wait call, a blocking receive or an inner range over a channel
// anywhere in the body, on a path that goes on to the next iteration; a
// send, Acquire or time.Sleep after the start on every path back to the
// loop head; or an inner loop over a slice expression or over an outer
// loop's element while the outer loop waits); a loop that leaves after
// starting the goroutine (go f(); return); a goroutine that uses nothing
// of the iteration (go notify()), which is a signal, not work per element.
//
// Not reported either, because the number of elements is fixed by the
// deployment or the code rather than by the data (decided after triage of
// real code, where these were never worth changing): collections held by
// the receiver or by package-level variables (s.listeners, s.onShutdown,
// os.Args), including through an unexported helper they are passed to;
// goroutines that run a service loop (for {}, a loop on a condition, a
// range over a channel, Serve or ListenAndServe), one per listener,
// connection, peer or shard for the life of the program; loops whose
// collection, element type, loop variables or goroutine function or
// parameters are named for the deployment's topology (peer, node, member,
// server, host, addr, endpoint, shard, partition, replica, disk, drive,
// volume, pool, site, region, zone, cluster, broker, backend, upstream,
// listener, target, locker, sink, instance, datacenter, voter, follower,
// tier, remote, gateway, mirror, worker) or for code-registered items
// (hook, callback, plugin) or configurations (config, cfg, conf); and any
// loop in a _test.go file, whose data the test's author chose.
//
// Not reported, because the analyzer cannot tell: an errgroup that is a
// parameter or a field, or that is passed to another function (SetLimit
// may be called there); a call through a function value; unless
// -loopgo.accept is set, loops that receive a stream of work: range over a
// channel, for {} and condition loops (for { conn, err := ln.Accept(); ...
// }, for scanner.Scan()), where a goroutine per accepted connection or
// per message is how net/http and most dispatchers serve.
//
// Flags:
//
// -loopgo.min-trips=N reports loops with a constant trip count of at least
// N (for i := 0; i < 100000; i++ { go f() }), outside _test.go files;
// loops with fewer constant trips are always fine. The default, 0, never
// reports constant loops: most are worker pools, and on the standard
// library -loopgo.min-trips=1000 finds only stress tests.
//
// -loopgo.accept also reports ranges over a channel, and for {} and
// condition loops that receive their work (a channel receive whose value
// is used, or a method whose name begins with Accept, Recv, Receive, Read,
// Next, Scan or Fetch), that start a goroutine per item without a
// semaphore (category accept). The state, service-loop and topology
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
// <-pool) before doing anything else. That bounds the work running at
// once, not the goroutines: all of them start and wait, blocked, each
// holding its stack and what it captured. Acquire before the go statement
// instead.
//
// # Category accept
//
// Only with -loopgo.accept: a range over a channel, or a for {} or
// condition loop that receives a unit of work (accepts a connection,
// receives a message or a value), that starts a goroutine for each with no
// semaphore.
package loopgo
