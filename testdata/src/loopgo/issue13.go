package loopgo

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
)

// Issue 13: found on a fourth holdout, each next to the look-alike that
// stays reported.

type forwardEntry struct {
	Listen, Remote string
}

type tunnel struct{ remote string }

func (t *tunnel) Serve(net.Listener) error { return nil }

// hysteria's client: a listener and a tunnel per forwarding entry, each
// goroutine serving until the program stops and handing back its error.
// A service per entry, as go srv.Serve(ln) is.
func issue13Forward(entries []forwardEntry) error {
	errc := make(chan error, len(entries))
	for _, e := range entries {
		l, err := net.Listen("tcp", e.Listen)
		if err != nil {
			return err
		}
		go func(remote string) {
			t := &tunnel{remote: remote}
			errc <- t.Serve(l)
		}(e.Remote)
	}
	return <-errc
}

// The same shape handing back the error of one request per entry: work
// per element, reported.
func issue13Check(ctx context.Context, entries []forwardEntry) error {
	errc := make(chan error, len(entries))
	for _, e := range entries {
		go func() { // want `goroutine per element of entries with no concurrency limit; use errgroup.SetLimit or a semaphore`
			errc <- issue13Dial(ctx, e.Remote)
		}()
	}
	var errs []error
	for range entries {
		errs = append(errs, <-errc)
	}
	return errors.Join(errs...)
}

func issue13Dial(ctx context.Context, addr string) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

type queueJob struct {
	ID   int64
	Kind string
}

type executor struct {
	job    *queueJob
	cancel context.CancelFunc
}

func (e *executor) Execute(context.Context) {}

func (e *executor) Run(context.Context, *queueJob) {}

type producer struct {
	active  map[int64]*executor
	status  map[int64]string
	cancels map[int64]context.CancelFunc
}

func (p *producer) addActive(id int64, e *executor) { p.active[id] = e }

// river's producer: an executor per job fetched (up to the free worker
// slots), registered with the producer, which counts and cancels its live
// executors: a task it tracks until its job is done, as a follower per
// container is.
func (p *producer) issue13StartExecutors(ctx context.Context, jobs []*queueJob) {
	for _, job := range jobs {
		jobCtx, cancel := context.WithCancel(ctx)
		exec := &executor{job: job, cancel: cancel}
		p.addActive(job.ID, exec)
		go exec.Execute(jobCtx)
	}
}

// The same executors, registered by the loop itself.
func (p *producer) issue13StartExecutorsInline(ctx context.Context, jobs []*queueJob) {
	for _, job := range jobs {
		exec := &executor{job: job}
		p.active[job.ID] = exec
		go exec.Execute(ctx)
	}
}

// Recording each job's status is not holding a handle on its goroutine:
// reported.
func (p *producer) issue13StartRecorded(ctx context.Context, jobs []*queueJob) {
	for _, job := range jobs {
		exec := &executor{job: job}
		p.status[job.ID] = "running"
		go exec.Execute(ctx) // want `goroutine per element of jobs with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

// A handle made before the loop and stored under every key is no handle
// per element: reported.
func (p *producer) issue13StartShared(ctx context.Context, jobs []*queueJob) {
	exec := &executor{}
	for _, job := range jobs {
		p.active[job.ID] = exec
		go exec.Run(ctx, job) // want `goroutine per element of jobs with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

type artifact struct{ Workspace string }

func writeContext(w io.Writer, a *artifact) error {
	_, err := io.WriteString(w, a.Workspace)
	return err
}

// skaffold's diagnose: a helper starts a goroutine that writes a build
// context into a pipe and reads the pipe to its end, so it returns only
// once the goroutine is done: a loop of calls runs one at a time.
func issue13ContextSize(a *artifact) (int64, error) {
	r, w := io.Pipe()
	go func() {
		w.CloseWithError(writeContext(w, a))
	}()
	return io.Copy(io.Discard, r)
}

func issue13Sizes(ctx context.Context, arts []*artifact) int64 {
	var total int64
	for _, a := range arts {
		n, _ := issue13ContextSize(a)
		total += n
	}
	return total
}

// The same helper returning the reader, for the caller to read later: it
// does not wait, and a loop of calls starts a goroutine per element.
func issue13ContextReader(a *artifact) io.Reader {
	r, w := io.Pipe()
	go func() {
		w.CloseWithError(writeContext(w, a))
	}()
	return r
}

func issue13Readers(ctx context.Context, arts []*artifact) []io.Reader {
	var rs []io.Reader
	for _, a := range arts {
		rs = append(rs, issue13ContextReader(a)) // want `issue13ContextReader starts a goroutine per element of arts with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
	return rs
}

// A helper that closes the reader when done, or wraps it for the caller,
// does not read it: it returns while its goroutine still writes.
func issue13ContextBuffered(a *artifact) *bufio.Reader {
	r, w := io.Pipe()
	go func() {
		w.CloseWithError(writeContext(w, a))
	}()
	defer r.Close()
	return bufio.NewReader(r)
}

func issue13Buffered(ctx context.Context, arts []*artifact) {
	for _, a := range arts {
		_ = issue13ContextBuffered(a) // want `issue13ContextBuffered starts a goroutine per element of arts with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

type quantile string

const (
	p50 quantile = "0.5"
	p99 quantile = "0.99"
)

type promClient struct{}

func (promClient) query(context.Context, string) (float64, error) { return 0, nil }

// linkerd's metrics API: a query per quantile, the queries built by a
// helper that returns a map literal with one entry per quantile. The
// request's labels go into the queries, not into how many there are.
func issue13Quantiles(labels, window string) map[quantile]string {
	return map[quantile]string{
		p50: "histogram_quantile(0.5, " + labels + window + ")",
		p99: "histogram_quantile(0.99, " + labels + window + ")",
	}
}

func issue13Latencies(ctx context.Context, c promClient, r *http.Request) map[quantile]float64 {
	queries := issue13Quantiles(r.URL.Query().Get("labels"), r.URL.Query().Get("window"))
	type result struct {
		q quantile
		v float64
	}
	out := make(chan result)
	for q, query := range queries {
		go func() {
			v, _ := c.query(ctx, query)
			out <- result{q, v}
		}()
	}
	res := make(map[quantile]float64)
	for range queries {
		r := <-out
		res[r.q] = r.v
	}
	return res
}

// A helper that builds its list with append, one query per label of the
// request: as long as the request makes it, reported.
func issue13PerLabel(labels []string) []string {
	var qs []string
	for _, l := range labels {
		qs = append(qs, "up{"+l+"}")
	}
	return qs
}

func issue13Labels(ctx context.Context, c promClient, r *http.Request) {
	queries := issue13PerLabel(r.URL.Query()["label"])
	for _, query := range queries {
		go c.query(ctx, query) // want `goroutine per element of queries with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

func (p *producer) track(id int64, cancel context.CancelFunc) {
	p.active[id] = &executor{cancel: cancel}
	p.cancels[id] = cancel
}

func runJob(context.Context, *queueJob) {}

// The cancel function handed to a helper that keeps it per job: a
// follower per job, as m[id] = cancel in the loop is.
func (p *producer) issue13TrackCancel(ctx context.Context, jobs []*queueJob) {
	for _, job := range jobs {
		jobCtx, cancel := context.WithCancel(ctx)
		p.track(job.ID, cancel)
		go runJob(jobCtx, job)
	}
}
