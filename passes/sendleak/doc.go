// Package sendleak defines an Analyzer that reports goroutines that block
// forever on a send nobody will receive.
//
// # Analyzer sendleak
//
// sendleak: report goroutines that block forever on a send
//
// A function starts a goroutine that sends its result on a channel, then
// stops receiving before that send: a select leaves through a timeout or
// ctx.Done() case, an error check returns before the receive, or a loop
// returns after the first error or the first result of many. Nothing else
// can receive from the channel, so the goroutine blocks on its send forever,
// with everything it references. A buffer that holds every send fixes it:
// the send completes and the goroutine exits.
//
// A send is reported when a function F makes a channel (or calls a function
// of its package that makes and returns one), starts goroutines that send on
// it (go with a function literal, a function or a method of the package,
// directly or through calls of the package), and F has a path from a go
// statement to a return, or to the next make of the channel in a loop, on
// which more sends may be pending than the constant capacity holds. Every
// send of every goroutine counts: a goroutine started in a loop without a
// constant count makes an unbounded number, and so does a send in such a
// loop. Each receive on the path removes one. F has received everything when
// it sees the channel closed, leaves a receive loop on a condition that does
// not look at the received values (for range jobs, got == n), returns from
// WaitGroup.Wait when every sender calls Done, or receives from a channel
// that tells the senders are done (closed by each sender on exit, closed
// after Wait, or sent on by the one sender after its last send, as an error
// channel sent instead of the result). A goroutine that answers requests
// (for req := range reqs { ch <- handle(req) }) makes one send per request F
// sends it; a goroutine started only while a channel variable is nil, which
// it closes when done, runs one at a time.
//
// Bad:
//
//	func fetch(url string) (*Page, error) {
//		result := make(chan *Page)
//		go func() { result <- download(url) }() // blocks forever after a timeout
//		select {
//		case p := <-result:
//			return p, nil
//		case <-time.After(5 * time.Second):
//			return nil, errTimeout
//		}
//	}
//
// Good:
//
//	result := make(chan *Page, 1) // the send completes even if nobody receives
//
// Bad: the first result wins, and the other goroutines block on the
// one-slot buffer:
//
//	results := make(chan *Page, 1)
//	for _, m := range mirrors {
//		go func() { results <- download(m + path) }()
//	}
//	return <-results
//
// Good:
//
//	results := make(chan *Page, len(mirrors))
//
// Not reported: a function that receives every send on every path, or
// drains the channel as above; a send in a select with another case (a done
// channel or ctx.Done() that F closes or cancels, a timer, a default), since
// the goroutine has a way out; a buffered channel whose sender selects on a
// done channel or ctx.Done() between its sends; a constant buffer that holds
// every send (a computed capacity such as len(jobs) is taken to fit); sends
// that happen once however often their code runs (guarded by a flag the
// goroutine sets, or by an atomic counter that only the last goroutine
// matches); a channel that escapes (stored, returned, passed to another
// function, sent on a channel, used by a deferred function, by a goroutine
// that receives from it or by a callback such as time.AfterFunc), or that F
// itself sends on or closes; goroutines that also wait for F on another
// channel when F returns before receiving at all (they block there first); a
// return from main, since the program ends; paths on which a test has failed
// or been skipped, or the program exits, and, in _test.go files, a select's
// timeout case (a test that times out fails); a loop whose only exits test
// the received values when its goroutine sends many (the tested value is an
// end-of-stream marker).
//
// The message names the way out: the select case, the return before any
// receive, or the return before the last receive. When the goroutines make
// a known number of sends, or one goroutine per element of a collection each
// sends once, a suggested fix gives the channel a buffer of that size
// (make(chan T, 1), make(chan T, len(mirrors))).
//
// Flags: none.
//
// Related: no shipped linter reports this; vet's lostcancel reports a lost
// context cancel function, which often comes with it. Research tools (GCatch
// BMOC, Gomela) find the same leak by model checking whole programs.
// sendleak follows calls within the package, counts the sends a buffer must
// hold, and offers the buffer as a fix.
//
// # Category select
//
// F leaves through another case of the select that receives from the
// channel, or of a select before it: a timer, ctx.Done(), a quit channel.
//
// # Category early
//
// F returns before receiving from the channel at all, typically on an error
// check between the go statement and the receive.
//
// # Category partial
//
// F receives some of the sends and returns: the first result wins, or a
// loop stops at the first error, while other goroutines still have to send.
package sendleak
