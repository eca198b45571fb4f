// Package unclosedchan defines an Analyzer that reports channels ranged over
// by a receiver whose senders never close them, or close them only on some
// paths.
//
// # Analyzer unclosedchan
//
// unclosedchan: report ranged-over channels that a sender never closes
//
// A loop that receives from a channel until it is closed (for v := range ch,
// or a loop on v, ok := <-ch that leaves only when !ok) blocks forever if
// the code that sends on the channel never closes it, or skips the close on
// some path, typically an early return on error. The receiving goroutine
// leaks, and whatever waits for it (a WaitGroup, a result) waits forever.
//
// The channel must be made in the package (by make in a function, possibly
// stored in an unexported struct field) and followed with SSA to every send,
// every close and the receiving loop: through closures, go statements,
// parameters and results of functions of the same package, local
// variables and unexported fields. A channel handed out only as <-chan is
// still followed, since no one can close it through that value. A finding
// is either:
//
//   - the channel is sent on but closed nowhere: reported at the make, with
//     the loop and the sends as related positions (once per struct field);
//   - one function closes it, but some of its returns skip the close while a
//     receiving loop runs: reported at the first such return, with the close
//     it skips and the other such returns.
//
// Bad:
//
//	func squares(nums []int) <-chan int {
//		out := make(chan int)
//		go func() {
//			for _, n := range nums {
//				if n < 0 {
//					return // the range below never ends
//				}
//				out <- n * n
//			}
//			close(out)
//		}()
//		return out
//	}
//
//	func sum(nums []int) (s int) {
//		for v := range squares(nums) {
//			s += v
//		}
//		return s
//	}
//
// Good:
//
//	go func() {
//		defer close(out) // every path closes out
//		for _, n := range nums {
//			if n < 0 {
//				return
//			}
//			out <- n * n
//		}
//	}()
//
// Not reported: a channel that leaves what we can follow with its send
// side (passed to another package, stored in a global, an exported field,
// a slice or a map, converted to an interface), since the close may happen
// there; a close in a closer goroutine after wg.Wait() or inside
// sync.Once.Do; a receiving loop that can also leave another way (a select
// with ctx.Done(), a quit channel or a timeout, a break or return in the
// body, a sentinel value, a counted number of receives); a channel of the
// program's lifetime: made in main, in an init function or a package
// variable initializer, in a function run by a package-level sync.Once or by
// sync.OnceValue (a singleton worker pool), or received by a loop in main; a
// channel closed in several functions (ownership is unclear); senders that
// never return; a channel with no send in the package; an early return that
// first hands the failure to the receiver on another channel the receiver
// waits for before ranging; a return on a path where the receiving goroutine
// has not been started yet; a return reachable after a close (the closes
// sit under conditions the paths correlate); a close in a function that may
// run several times per channel (the last of several workers closes).
//
// A suggested fix adds defer close(ch) at the top of the sending function
// literal, and removes the close it replaces, when that literal is the only
// sender, runs once per channel, has no other defer, and each existing close
// ends the literal.
//
// Flags: none.
//
// Related: no shipped go/analysis checker reports this. vet has no check for
// it, and staticcheck's SA9001 looks at defers in range loops over channels,
// not at who closes them; the research tools GCatch and Gomela model channel
// closes but do not build on modern modules. sendleak, in this suite,
// reports the mirror image: a send that blocks forever because no one
// receives. unclosedchan follows the channel across closures and functions
// of the package, reports only loops that can end no other way, and offers
// the defer close(ch) fix.
//
// # Category noclose
//
// The channel is sent on, a loop waits for it to be closed, and no code in
// the package ever closes it.
//
// # Category earlyreturn
//
// The function that closes the channel returns early on some path without
// closing it, while the receiving loop is running.
package unclosedchan
