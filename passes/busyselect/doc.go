// Package busyselect defines an Analyzer that reports loops around a select
// whose default case never waits.
//
// # Analyzer busyselect
//
// busyselect: report loops whose select default never waits
//
// A select with a default case never blocks: when no other case is ready, it
// runs the default at once. In a loop, a default that does not wait sends
// control straight back to the select, and the goroutine burns a whole CPU
// polling until a case becomes ready.
//
// A select is reported when it lies in a loop (any for or range statement)
// and, on every path from the start of its default back to the select, the
// code neither blocks nor leaves the loop for good. Blocking is a channel
// send or receive, a select without default, time.Sleep, a lock, a
// WaitGroup or Cond wait, I/O, or any call the analyzer cannot see into
// (interface methods, function values, functions of other packages outside
// a short list known not to wait: atomics, strings, strconv, fmt.Sprintf,
// time.Now, context methods, log, log/slog, zap, logrus, klog, testing's
// Log and Error). Functions of the same package are followed, transitively.
// Empty defaults, defaults that count, set a flag, log or continue all spin.
//
// The loop condition is not a way out when only a select case or another
// goroutine can change it: for !done { select { case <-quit: done = true;
// default: } } spins until quit is ready. A condition that the way back
// itself changes (a counter it increments, a field it decrements, an
// iterator it advances, a flag the default sets) bounds the loop and is not
// reported.
//
// Bad:
//
//	for {
//		select {
//		case job := <-jobs:
//			handle(job)
//		case <-ctx.Done():
//			return ctx.Err()
//		default: // no job ready: back to the select at once
//		}
//	}
//
// Good:
//
//	for {
//		select {
//		case job := <-jobs:
//			handle(job)
//		case <-ctx.Done():
//			return ctx.Err()
//		}
//	}
//
// Not reported: a select with default outside a loop (a non-blocking try);
// a loop that handles another element each trip (a non-blocking broadcast
// over a slice, map or bounded count); a default that returns, breaks out of
// the loop, panics or exits; a default that blocks (sleep, blocking receive
// or send, ticker, Cond.Wait, lock, I/O) on any of its paths, including a
// backoff that sleeps every N spins; a loop that also blocks elsewhere on
// every trip (a blocking receive before the select, a range over a
// channel); a default or loop body that calls something that may block; a
// loop bounded by what its way back writes; a way back that contains a
// loop of its own (a CPU-bound job that checks for cancellation between
// rounds of work); a default that drains the channel the select sends to
// (send the latest value, dropping a stale one); a select in a goroutine
// or function literal started by the loop; a range over an iterator
// function.
//
// A suggested fix removes an empty default when the select has other cases
// and the loop's exits depend only on local variables, so that the select
// then blocks until a case is ready. It is not offered when the loop
// condition reads memory or calls a function (another goroutine may set a
// flag that a blocking select would no longer see).
//
// One loop gets one report, at its first spinning default.
//
// Related: staticcheck SA5004 reports only an empty default in a select that
// is the whole body of for {}. busyselect also reports defaults that do
// something that does not wait (count, log, set a flag, call a helper that
// does), loops with a condition, selects followed by more non-blocking code,
// and runtime.Gosched in the default; it follows calls into the package and
// stays silent on bounded loops.
//
// # Category spin
//
// The way from the default back to the select does not wait at all.
//
// # Category gosched
//
// The way back calls runtime.Gosched and does not otherwise wait. Gosched
// lets other goroutines run, but the loop still keeps a CPU busy as long as
// nothing is ready; wait in a case (a channel, a timer, context.Done) instead.
package busyselect
