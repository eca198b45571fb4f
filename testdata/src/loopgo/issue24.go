package loopgo

import "context"

// Issue 24 (gitness's job scheduler): the ready jobs are fetched, then cut
// down to the free slots (if len(jobs) > free { jobs = jobs[:free] }), so
// the loop starts at most free goroutines, as a return past the bound
// would ensure. A cut to another collection's size, or one that the
// length does not decide, bounds nothing.

type issue24Job struct{ ID string }

type issue24Store struct{}

func (issue24Store) ListReady(ctx context.Context, limit int) ([]issue24Job, error) { return nil, nil }

type issue24Scheduler struct {
	store      issue24Store
	maxRunning int
	running    int
}

func (s *issue24Scheduler) run(ctx context.Context, j issue24Job) { _ = j.ID }

func (s *issue24Scheduler) issue24Ready(ctx context.Context) error {
	free := s.maxRunning - s.running
	jobs, err := s.store.ListReady(ctx, free+1)
	if err != nil {
		return err
	}
	more := false
	if len(jobs) > free {
		jobs = jobs[:free]
	} else {
		more = true
	}
	for _, j := range jobs {
		go s.run(ctx, j)
	}
	_ = more
	return nil
}

// The same with the bound first: free < len(jobs).
func (s *issue24Scheduler) issue24ReadyMirrored(ctx context.Context, free int) error {
	jobs, err := s.store.ListReady(ctx, free+1)
	if err != nil {
		return err
	}
	if free < len(jobs) {
		jobs = jobs[:free]
	}
	for _, j := range jobs {
		go s.run(ctx, j)
	}
	return nil
}

// Cut to as many as another list holds: still data.
func (s *issue24Scheduler) issue24CutToOther(ctx context.Context, workers []string) error {
	jobs, err := s.store.ListReady(ctx, 0)
	if err != nil {
		return err
	}
	if len(jobs) > len(workers) {
		jobs = jobs[:len(workers)]
	}
	for _, j := range jobs {
		go s.run(ctx, j) // want `goroutine per element of jobs with no concurrency limit`
	}
	return nil
}

// A cut the length does not decide: when the flag is off, all of them.
func (s *issue24Scheduler) issue24CutMaybe(ctx context.Context, limited bool, free int) error {
	jobs, err := s.store.ListReady(ctx, 0)
	if err != nil {
		return err
	}
	if limited {
		jobs = jobs[:free]
	}
	for _, j := range jobs {
		go s.run(ctx, j) // want `goroutine per element of jobs with no concurrency limit`
	}
	return nil
}

// tiup's dm prune: a goroutine per master the cluster still registers
// but its topology dropped. Masters, like voters and workers, are the
// members of a cluster: a few.
type issue24Client struct{}

func (issue24Client) Registered(ctx context.Context) ([]string, error) { return nil, nil }
func (issue24Client) Offline(ctx context.Context, name string) error   { return nil }

func issue24Prune(ctx context.Context, c issue24Client, kept map[string]bool) {
	registered, err := c.Registered(ctx)
	if err != nil {
		return
	}
	var mastersToDelete []string
	for _, m := range registered {
		if !kept[m] {
			mastersToDelete = append(mastersToDelete, m)
		}
	}
	for _, m := range mastersToDelete {
		go c.Offline(ctx, m)
	}
}
