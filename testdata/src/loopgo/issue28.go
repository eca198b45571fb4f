package loopgo

import (
	"context"
	"fmt"
	"sync"

	"loopgo/modreg"
)

// Issue 28 (gotenberg's modules, TiKV's stores): goroutines per member of
// what the program registers or of the deployment, named by what defines
// them rather than by the collection's own name.

type issue28App interface {
	Start() error
}

// One goroutine per application module the program registered: the
// registry's Modules names them, whatever the variable is called.
func issue28StartApps(reg *modreg.Registry) error {
	apps, err := reg.Modules(new(issue28App))
	if err != nil {
		return err
	}
	for _, a := range apps {
		go func(app issue28App) {
			if err := app.Start(); err != nil {
				fmt.Println(err)
			}
		}(a.(issue28App))
	}
	return nil
}

// The jobs a module has queued are data: the head noun of JobsForModule
// is jobs, not module.
func issue28RunJobs(reg *modreg.Registry, name string) error {
	jobs, err := reg.JobsForModule(name)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() { // want `goroutine per element of jobs with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			issue28Do(context.Background(), j)
		}()
	}
	wg.Wait()
	return nil
}

func issue28Do(ctx context.Context, s string) {
	select {
	case <-ctx.Done():
	default:
		fmt.Println(s)
	}
}

// A store of the cluster, as TiKV's metapb.Store: a member one dials.
type issue28Store struct {
	ID      uint64
	Address string
}

type issue28Client struct{}

func (issue28Client) ListStores(ctx context.Context) ([]*issue28Store, error) { return nil, nil }

func (issue28Client) ListKeys(ctx context.Context) ([]*issue28Key, error) { return nil, nil }

func (issue28Client) Send(ctx context.Context, addr string, req string) error { return ctx.Err() }

// One request per store of the cluster, as UnsafeDestroyRange sends:
// the cluster's size bounds it, as a loop over its nodes.
func issue28Destroy(ctx context.Context, c issue28Client) error {
	stores, err := c.ListStores(ctx)
	if err != nil {
		return err
	}
	errs := make(chan error, len(stores))
	var wg sync.WaitGroup
	for _, store := range stores {
		address := store.Address
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- c.Send(ctx, address, "destroy")
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// A key has no address: the keys listed are data.
type issue28Key struct {
	ID    uint64
	Value string
}

func issue28Touch(ctx context.Context, c issue28Client) error {
	keys, err := c.ListKeys(ctx)
	if err != nil {
		return err
	}
	errs := make(chan error, len(keys))
	var wg sync.WaitGroup
	for _, k := range keys {
		value := k.Value
		wg.Add(1)
		go func() { // want `goroutine per element of keys with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			errs <- c.Send(ctx, value, "touch")
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// One goroutine per enabled check, as scorecard's runEnabledChecks: the
// checks are code the program registers (a struct whose first field is
// the function), filtered by a policy in another package.
func issue28RunChecks(ctx context.Context, all map[string]modreg.Check, policy []string, repo string) error {
	checks, err := modreg.Enabled(ctx, all, policy)
	if err != nil {
		return err
	}
	errs := make(chan error, len(checks))
	var wg sync.WaitGroup
	for _, c := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- c.Fn(repo)
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// Files with a callback are still files: the path comes first.
func issue28Upload(ctx context.Context, dir string) error {
	files, err := modreg.Files(ctx, dir)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func() { // want `goroutine per element of files with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			issue28Do(ctx, f.Path)
			f.OnDone()
		}()
	}
	wg.Wait()
	return nil
}
