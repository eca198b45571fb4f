package sendleak

import (
	"context"
	"sync"
	"time"
)

// A buffer of one: the send completes after the timeout too.
func fetchBuffered(url string) (*page, error) {
	result := make(chan *page, 1)
	go func() { result <- download(url) }()
	select {
	case p := <-result:
		return p, nil
	case <-time.After(time.Second):
		return nil, errTimeout
	}
}

// The sender selects on ctx.Done() of a context that fetchCancel cancels
// on every return.
func fetchCancel(ctx context.Context, url string) (*page, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	result := make(chan *page)
	go func() {
		select {
		case result <- download(url):
		case <-ctx.Done():
		}
	}()
	select {
	case p := <-result:
		return p, nil
	case <-time.After(time.Second):
		return nil, errTimeout
	}
}

// The sender selects on a done channel that the function closes.
func firstErrorDone(jobs []func() error) error {
	errs := make(chan error)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for _, j := range jobs {
			select {
			case errs <- j():
			case <-done:
				return
			}
		}
		close(errs)
	}()
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// The error check comes before the go statement: nothing is pending yet.
func copyChecked(a, b func() error, check func() error) error {
	if err := check(); err != nil {
		return err
	}
	errc := make(chan error)
	go func() { errc <- a() }()
	err := b()
	if e := <-errc; err == nil {
		err = e
	}
	return err
}

// A buffer of len(mirrors): every goroutine can send.
func fastestSized(mirrors []string) *page {
	results := make(chan *page, len(mirrors))
	for _, m := range mirrors {
		go func() { results <- download(m) }()
	}
	return <-results
}

// Every result is received, even after the first error.
func fetchAllDrained(urls []string) ([]*page, error) {
	ch := make(chan result)
	for _, u := range urls {
		go worker(u, ch)
	}
	var pages []*page
	var firstErr error
	for range urls {
		r := <-ch
		if r.err != nil {
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		pages = append(pages, r.p)
	}
	return pages, firstErr
}

// A counter ends the loop after the last result: everything is received.
func countResults(urls []string) []*page {
	ch := make(chan *page)
	for _, u := range urls {
		go func() { ch <- download(u) }()
	}
	var pages []*page
	for {
		p := <-ch
		pages = append(pages, p)
		if len(pages) == len(urls) {
			return pages
		}
	}
}

// Ranging until the channel is closed, after the WaitGroup is done.
func collect(urls []string) []*page {
	ch := make(chan *page)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- download(u)
		}()
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	var pages []*page
	for p := range ch {
		pages = append(pages, p)
	}
	return pages
}

// The reader selects on the same quit channel that ends the loop.
func (s *server) serveQuit() {
	lines := make(chan string)
	go func() {
		for {
			select {
			case lines <- s.read():
			case <-s.quit:
				return
			}
		}
	}()
	for {
		select {
		case l := <-lines:
			_ = l
		case <-s.quit:
			return
		}
	}
}

// A buffered channel per iteration: the timeout abandons a full buffer.
func pollAllBuffered(urls []string) []*page {
	var out []*page
	for _, u := range urls {
		ch := make(chan *page, 1)
		go func() { ch <- download(u) }()
		select {
		case p := <-ch:
			out = append(out, p)
		case <-time.After(time.Second):
		}
	}
	return out
}

// Two goroutines, a buffer of two.
func proxyBuffered(up, down func() error) error {
	errc := make(chan error, 2)
	go func() { errc <- up() }()
	go func() { errc <- down() }()
	return <-errc
}

// Three goroutines from a constant loop, a buffer of three.
func threeTries(try func() error) error {
	errc := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() { errc <- try() }()
	}
	return <-errc
}

// A method value, and the result is always received.
func viaMethodValueWaits(c *client) *page {
	ch := make(chan *page)
	f := c.do
	go f(ch)
	return <-ch
}

// The helper gives its channel a buffer.
func asyncBuffered(url string) <-chan *page {
	ch := make(chan *page, 1)
	go func() { ch <- download(url) }()
	return ch
}

func withBufferedHelper(url string) *page {
	select {
	case p := <-asyncBuffered(url):
		return p
	case <-time.After(time.Second):
		return nil
	}
}

// The channel is returned: the caller receives from it later.
func startFetch(url string) chan *page {
	ch := make(chan *page)
	go func() { ch <- download(url) }()
	if url == "" {
		return nil
	}
	return ch
}

// The channel is stored where other code receives from it.
type pending struct{ result chan *page }

func (s *server) enqueue(url string, q chan<- pending) {
	ch := make(chan *page)
	go func() { ch <- download(url) }()
	q <- pending{result: ch}
}

// The channel is drained by a deferred function.
func drainOnReturn(url string) (*page, error) {
	ch := make(chan *page)
	go func() { ch <- download(url) }()
	defer func() {
		go func() { <-ch }()
	}()
	select {
	case p := <-ch:
		return p, nil
	case <-time.After(time.Second):
		return nil, errTimeout
	}
}

// The channel is passed to another function that receives from it.
func handOff(url string) *page {
	ch := make(chan *page)
	go func() { ch <- download(url) }()
	return wait(ch)
}

func wait(ch <-chan *page) *page { return <-ch }

// The sender does not block: a default case drops the value.
func tryNotify(url string) {
	ch := make(chan *page)
	go func() {
		select {
		case ch <- download(url):
		default:
		}
	}()
	select {
	case <-ch:
	case <-time.After(time.Second):
	}
}

// The goroutine waits for start before it sends; when waitStart returns
// early, it blocks on start, not on the send (a different leak).
func waitStart(url string, check func() error) (*page, error) {
	start := make(chan struct{})
	ch := make(chan *page, 0)
	go func() {
		<-start
		ch <- download(url)
	}()
	if err := check(); err != nil {
		return nil, err
	}
	close(start)
	return <-ch, nil
}

// The producer ends its stream with a marker that stops the loop.
func readUntilEmpty(next func() string) []string {
	lines := make(chan string)
	go func() {
		for {
			l := next()
			lines <- l
			if l == "" {
				return
			}
		}
	}()
	var out []string
	for {
		l := <-lines
		if l == "" {
			return out
		}
		out = append(out, l)
	}
}

// The goroutine only closes the channel: closing never blocks.
func waitDone(wg *sync.WaitGroup) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(time.Second):
		return false
	}
}

// A timer callback is not a goroutine the function starts with go; the
// channel escapes to time.AfterFunc.
func afterFunc() int {
	ch := make(chan int)
	time.AfterFunc(time.Second, func() { ch <- 1 })
	select {
	case v := <-ch:
		return v
	case <-time.After(2 * time.Second):
		return 0
	}
}

// The goroutine sends either an error or a result, never both: after the
// error is received, nothing is pending on resc.
func errOrResult(work func() (*page, error)) (*page, error) {
	errc := make(chan error)
	resc := make(chan *page)
	go func() {
		p, err := work()
		if err != nil {
			errc <- err
			return
		}
		resc <- p
	}()
	select {
	case err := <-errc:
		return nil, err
	case p := <-resc:
		return p, nil
	}
}

// The function closes the channel on timeout: the late send panics instead
// of blocking (a different bug), so it is not reported here.
func closeOnTimeout(url string) *page {
	ch := make(chan *page)
	go func() { ch <- download(url) }()
	select {
	case p := <-ch:
		return p
	case <-time.After(time.Second):
		close(ch)
		return nil
	}
}
