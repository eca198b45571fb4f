package sendleak

import (
	"context"
	"errors"
	"net/http"
	"time"
)

type page struct{ body string }

func download(url string) *page { return &page{url} }

func get(url string) (*page, error) { return download(url), nil }

var errTimeout = errors.New("timeout")

// The study's opening example: a timeout select and an unbuffered result.
func fetch(url string) (*page, error) {
	result := make(chan *page)
	go func() {
		result <- download(url) // want `send on result blocks forever if fetch returns through the timeout case; make result buffered \(make\(chan \*page, 1\)\) or select on a done channel`
	}()
	select {
	case p := <-result:
		return p, nil
	case <-time.After(time.Second):
		return nil, errTimeout
	}
}

// The caller's context ends the wait, but nothing ends the goroutine.
func fetchCtx(ctx context.Context, url string) (*page, error) {
	result := make(chan *page)
	go func() {
		result <- download(url) // want `send on result blocks forever if fetchCtx returns through the <-ctx.Done\(\) case`
	}()
	select {
	case p := <-result:
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// An error check between the go statement and the receive.
func copyBoth(a, b func() error) error {
	errc := make(chan error)
	go func() { errc <- a() }() // want `send on errc blocks forever if copyBoth returns before receiving from errc`
	if err := b(); err != nil {
		return err
	}
	return <-errc
}

// First result wins: n goroutines, a buffer of one, one receive.
func fastest(mirrors []string) *page {
	results := make(chan *page, 1)
	for _, m := range mirrors {
		go func() {
			results <- download(m) // want `send on results blocks forever if fastest returns before receiving every value from results; make results buffered \(make\(chan \*page, len\(mirrors\)\)\)`
		}()
	}
	return <-results
}

type result struct {
	p   *page
	err error
}

// The loop stops at the first error; the other workers block.
func fetchAll(urls []string) ([]*page, error) {
	ch := make(chan result)
	for _, u := range urls {
		go worker(u, ch)
	}
	var pages []*page
	for range urls {
		r := <-ch
		if r.err != nil {
			return nil, r.err
		}
		pages = append(pages, r.p)
	}
	return pages, nil
}

func worker(url string, out chan<- result) {
	p, err := get(url)
	out <- result{p, err} // want `send on out blocks forever if fetchAll returns before receiving every value from ch; make ch buffered \(make\(chan result, len\(urls\)\)\)`
}

// Ranging over the channel and returning at the first error.
func firstError(jobs []func() error) error {
	errs := make(chan error)
	go func() {
		for _, j := range jobs {
			errs <- j() // want `send on errs blocks forever if firstError returns before receiving every value from errs`
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

// A long-running loop: on quit, the reader blocks on its next send.
type server struct {
	quit chan struct{}
}

func (s *server) read() string { return "" }

func (s *server) serve() {
	lines := make(chan string)
	go func() {
		for {
			lines <- s.read() // want `send on lines blocks forever if serve returns through the <-s.quit case`
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

// A new channel per iteration; the timeout moves on without receiving.
func pollAll(urls []string) []*page {
	var out []*page
	for _, u := range urls {
		ch := make(chan *page)
		go func() { ch <- download(u) }() // want `send on ch blocks forever if pollAll moves on through the timeout case`
		select {
		case p := <-ch:
			out = append(out, p)
		case <-time.After(time.Second):
		}
	}
	return out
}

// Two goroutines into an unbuffered channel: the classic proxy.
func proxy(up, down func() error) error {
	errc := make(chan error)
	go func() { errc <- up() }()   // want `send on errc blocks forever if proxy returns before receiving every value from errc; make errc buffered \(make\(chan error, 2\)\)`
	go func() { errc <- down() }() // (same channel: reported once, at the first send)
	return <-errc
}

// The sender is a same-package method started through a method value.
type client struct{}

func (c *client) do(out chan *page) { out <- download("x") } // want `send on out blocks forever if viaMethodValue returns through the timeout case`

func viaMethodValue(c *client) *page {
	ch := make(chan *page)
	f := c.do
	go f(ch)
	select {
	case p := <-ch:
		return p
	case <-time.After(time.Second):
		return nil
	}
}

// A helper makes the channel, starts the goroutine, and returns it.
func async(url string) <-chan *page {
	ch := make(chan *page)
	go func() { ch <- download(url) }() // want `send on ch blocks forever if withHelper returns through the timeout case`
	return ch
}

func withHelper(url string) *page {
	select {
	case p := <-async(url):
		return p
	case <-time.After(time.Second):
		return nil
	}
}

// The producer watches ctx.Done() between sends, but its channel has no
// buffer: a send in progress when the consumer leaves blocks forever.
func collectErrorsUnbuffered(ctx context.Context, publish func() error) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errCh := make(chan error)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if err := publish(); err != nil {
					errCh <- err // want `send on errCh blocks forever if collectErrorsUnbuffered returns through the timeout case`
				}
			}
		}
	}()
	n := 0
	for {
		select {
		case <-errCh:
			n++
		case <-time.After(time.Second):
			return n
		}
	}
}

// The goroutine reports progress, then its result: leaving after the
// progress leaves the result unsent.
func progressThenResult(work func() *page) bool {
	progress := make(chan struct{}, 1)
	resc := make(chan *page)
	go func() {
		progress <- struct{}{}
		resc <- work() // want `send on resc blocks forever if progressThenResult returns through the <-progress case`
	}()
	select {
	case <-progress:
		return true
	case <-resc:
		return false
	}
}

// The same retry loop without buffers: the goroutine in flight blocks.
func retryUnbuffered(ctx context.Context, call func() (any, error)) (any, error) {
	responses := make(chan any)
	errs := make(chan error)
	for {
		go func() {
			r, err := call()
			if err != nil {
				errs <- err // want `send on errs blocks forever if retryUnbuffered returns through the <-ctx.Done\(\) case`
				return
			}
			responses <- r // want `send on responses blocks forever if retryUnbuffered returns through the <-ctx.Done\(\) case`
		}()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case r := <-responses:
			return r, nil
		case <-errs:
			continue
		}
	}
}

// A worker pool: the workers send one result per job, and the function
// stops receiving at the first error while jobs are still queued.
func pool(jobs []int, do func(int) error) error {
	jobCh := make(chan int, len(jobs))
	results := make(chan error)
	for range 4 {
		go func() {
			for j := range jobCh {
				results <- do(j) // want `send on results blocks forever if pool returns before receiving every value from results`
			}
		}()
	}
	for _, j := range jobs {
		jobCh <- j
	}
	close(jobCh)
	for range jobs {
		if err := <-results; err != nil {
			return err
		}
	}
	return nil
}

// From tailscale's k8s-proxy: ListenAndServe returns ErrServerClosed after
// Shutdown, and the goroutine sends it; nobody receives it any more.
func serveLocal(ctx context.Context, srv *http.Server) error {
	errChan := make(chan error)
	go func() {
		if err := srv.ListenAndServe(); err != nil {
			errChan <- err // want `send on errChan blocks forever if serveLocal returns through the <-ctx.Done\(\) case`
		}
		close(errChan)
	}()
	select {
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	case err := <-errChan:
		return err
	}
}
