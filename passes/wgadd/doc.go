// Package wgadd defines an Analyzer that reports sync.WaitGroup.Add calls
// that race with Wait.
//
// # Analyzer wgadd
//
// wgadd: report WaitGroup.Add calls that race with Wait
//
// WaitGroup.Add must happen before the goroutine it counts starts. When the
// goroutine calls Add itself, or the starting function calls Add only after
// the go statement, Wait can run while the counter is still zero and return
// before the work is done; if the goroutine's Done runs before a late Add,
// the counter goes negative and the program panics.
//
// wgadd follows the WaitGroup through SSA: a local variable, a pointer
// parameter, a captured variable or a struct field (s.wg) is the same
// WaitGroup on both sides of the go statement. It reports:
//
//   - an Add anywhere inside a go func literal, when that goroutine's own
//     Done pays for it (category inside);
//   - an Add in a function or method started with go (go worker(&wg, job),
//     go s.run()), directly or through calls to functions of the same
//     package, when that goroutine calls Done on the same WaitGroup
//     (category inside);
//   - an Add placed after the go statement that starts the goroutine it
//     counts (category after).
//
// An Add already made before the go statement (in the same block or one
// that dominates it) counts the goroutine, and nothing is reported.
//
// Bad:
//
//	for _, job := range jobs {
//		go func() {
//			wg.Add(1) // Wait may run before this
//			defer wg.Done()
//			process(job)
//		}()
//	}
//	wg.Wait()
//
//	go s.loop() // loop starts with s.wg.Add(1); defer s.wg.Done()
//
//	go func() { defer wg.Done(); work() }()
//	wg.Add(1) // the goroutine may already be done
//
// Good:
//
//	for _, job := range jobs {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			process(job)
//		}()
//	}
//	wg.Wait()
//
// Not reported:
//
//   - nested fan-out: a goroutine that is counted (its Add happened before
//     go) and calls Add for the children it starts, before starting them;
//   - an Add for a WaitGroup the goroutine itself waits on, or one local to
//     the goroutine;
//   - an Add ordered before Wait by a handshake: the goroutine sends on or
//     closes a channel, or calls Done on another WaitGroup, and the starting
//     function receives or waits on it before its Wait;
//   - an Add made while holding a mutex (the closing side takes it before
//     Wait, as with a closed flag);
//   - a helper that brackets its own work with Add and Done (an in-flight
//     count), called from a goroutine among other places;
//   - an Add and Done inside a loop of the goroutine (each iteration pays
//     for itself), and a worker whose Done runs in a loop, once per job
//     rather than once per goroutine;
//   - an Add whose delta may be negative or is unknown (wg.Add(n));
//   - a WaitGroup that escapes where we cannot follow it: passed to another
//     package or a function value, stored, captured by a closure that is
//     passed on, or one of a slice of WaitGroups;
//   - a goroutine that itself starts goroutines we cannot see into (go fn()
//     with a function value: its Add may be for them), and a goroutine
//     started through an interface or a function value.
//
// Suggested fixes: move the Add to just before the go statement, when the
// delta is a constant and the Add runs first and unconditionally (only
// defers before it); for files at go1.25 or later, a second alternative
// rewrites wg.Add(1) and go func() { defer wg.Done(); ... }() as
// wg.Go(func() { ... }).
//
// Flags: none.
//
// Related: vet's waitgroup and staticcheck SA2000 report wg.Add only when
// it is the first statement of a go func literal. modernize's waitgroupgo
// rewrites correct Add/go/Done code to WaitGroup.Go but does not fix wrong
// code. wgadd finds an Add anywhere in the goroutine, in the functions and
// methods it runs, or after the go statement, matching the WaitGroup
// through pointers and fields, and stays silent on nested fan-out.
//
// # Category inside
//
// The goroutine calls Add on the WaitGroup its own Done pays for: Wait can
// return before the Add runs.
//
// # Category after
//
// The starting function calls Add after the go statement: the goroutine's
// Done can run before the Add, and Wait can return early (or the counter go
// negative).
package wgadd
