// Package deferloop defines an Analyzer that reports defer statements in
// loop bodies.
//
// # Analyzer deferloop
//
// deferloop: report defer statements that pile up in a loop
//
// A deferred call runs when the surrounding function returns, not at the end
// of the loop iteration. A defer in a loop body therefore holds what it
// releases (files, response bodies, rows, timers, contexts) until the whole
// loop and function are done, and `mu.Lock(); defer mu.Unlock()` in a loop
// deadlocks on the second iteration, because the first Unlock has not run.
//
// A defer is reported when its innermost enclosing loop is in the same
// function and the loop can run another iteration after the defer (the
// control-flow graph has a path from the defer back to the loop head).
//
// Bad:
//
//	for _, name := range names {
//		f, err := os.Open(name)
//		if err != nil {
//			return err
//		}
//		defer f.Close() // every file stays open until processAll returns
//		process(f)
//	}
//
// Good:
//
//	for _, name := range names {
//		if err := func() error {
//			f, err := os.Open(name)
//			if err != nil {
//				return err
//			}
//			defer f.Close() // runs at the end of each iteration
//			return process(f)
//		}(); err != nil {
//			return err
//		}
//	}
//
// Not reported: a loop that leaves on every path during its first iteration
// (for { defer x(); ...; return }, for range 1); a defer inside a function
// literal called per iteration (func() { defer f.Close() }()); a defer in a
// goroutine started by the loop; a defer in a select case on a timer made
// before the loop that the loop does not re-arm (the case runs once); a lock
// whose receiver changes each iteration (hand-over-hand locking of a chain,
// deliberate); a defer in a branch guarded by a flag the branch sets
// (if !locked { mu.Lock(); defer mu.Unlock(); locked = true }: it runs
// once); a resource that is meant to outlive the iteration (captured by a
// goroutine or closure, appended, stored in a composite literal, a field or
// a variable declared outside the loop, sent on a channel), since closing it
// at return is then the point; resources in a loop over a list the code spells out (a
// composite literal, or a variable only ever assigned composite literals,
// such as a test table), since what piles up is bounded by the list;
// resources in loops of _test.go files, released when the test returns,
// unless -deferloop.tests is set (locks in tests are reported: the test
// hangs); deferred calls that release nothing (logging, recover, metrics)
// unless -deferloop.all is set.
//
// A suggested fix wraps the loop body in func() { ... }() when the body has
// no return, break, continue, goto or label whose meaning that would change.
//
// Flags: -deferloop.all also reports deferred calls that release nothing
// (category other); off by default, since most of those are harmless.
// -deferloop.tests also reports resources deferred in loops of test files.
//
// Related: staticcheck SA9001 reports defers only in loops over channels;
// go-critic deferInLoop reports every defer in any loop, including loops that
// run once. deferloop reports any loop that iterates again, classifies what
// the defer holds, and offers a fix.
//
// # Category lock
//
// The deferred call unlocks a mutex locked in the same iteration. The second
// iteration's Lock blocks forever on the lock the first iteration still holds
// (with RLock, a waiting writer deadlocks with the held read locks).
//
// # Category resource
//
// The deferred call releases something: Close, Stop, Release, Rollback,
// Done (not sync.WaitGroup.Done, which keeps the function counted as busy on
// purpose), Cancel, Free, Shutdown, Unsubscribe, Disconnect, Unlock methods,
// os.Remove and os.RemoveAll, and cancel functions of context.With*. One is
// held per iteration until the function returns.
//
// # Category other
//
// Any other deferred call; reported only with -deferloop.all.
package deferloop
