package loopgo

import (
	"context"
	"log"
	"sync"

	"loopgo/kubectl"
)

// Issue 31 (istioctl bug-report, as dubbo-go-pixiu copies it): the
// goroutine per pod takes a semaphore, but in a function of another
// package that the goroutine calls through one of its own: a late
// acquire, not a goroutine with no limit.

type issue31Cluster struct{}

func (issue31Cluster) Pods(ctx context.Context) ([]string, error) { return nil, ctx.Err() }

var (
	issue31Mu   sync.Mutex
	issue31Logs = map[string]string{}
)

func issue31GetLog(pod string) (string, error) {
	log.Printf("waiting on logs %s", pod)
	return kubectl.Logs(pod, "proxy", false)
}

// getProxyLogs starts the goroutine that fetches one pod's log.
func issue31GetProxyLogs(pod string, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		l, err := issue31GetLog(pod)
		if err != nil {
			return
		}
		issue31Mu.Lock()
		issue31Logs[pod] = l
		issue31Mu.Unlock()
	}()
}

func issue31Gather(ctx context.Context, c issue31Cluster) {
	pods, err := c.Pods(ctx)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, p := range pods {
		issue31GetProxyLogs(p, &wg) // want `issue31GetProxyLogs starts a goroutine per element of pods that waits for logFetchLimit in kubectl.Logs inside it, so they all start at once and pile up blocked; bound the loop with a semaphore or a worker pool before the call`
	}
	wg.Wait()
}

// The same through a go statement of the loop.
func issue31GatherDirect(ctx context.Context, c issue31Cluster) {
	pods, err := c.Pods(ctx)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, p := range pods {
		wg.Add(1)
		go func() { // want `goroutine per element of pods waits for logFetchLimit in kubectl.Logs inside the goroutine, so they all start at once and pile up blocked; bound the loop with a semaphore or a worker pool before the go statement`
			defer wg.Done()
			kubectl.Logs(p, "proxy", false)
		}()
	}
	wg.Wait()
}

// Describe takes no semaphore: a goroutine per pod with no limit.
func issue31Describe(ctx context.Context, c issue31Cluster) {
	pods, err := c.Pods(ctx)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, p := range pods {
		wg.Add(1)
		go func() { // want `goroutine per element of pods with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			kubectl.Describe(p)
		}()
	}
	wg.Wait()
}

// A semaphore taken before the go statement bounds the goroutines; the
// one inside kubectl.Logs changes nothing.
func issue31GatherBounded(ctx context.Context, c issue31Cluster) {
	pods, err := c.Pods(ctx)
	if err != nil {
		return
	}
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, p := range pods {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			kubectl.Logs(p, "proxy", false)
		}()
	}
	wg.Wait()
}

// The pods of a literal are the code's: not reported, semaphore or not.
func issue31GatherFixed() {
	var wg sync.WaitGroup
	for _, p := range []string{"istiod", "ingress"} {
		issue31GetProxyLogs(p, &wg)
	}
	wg.Wait()
}

// A guard that does work (a cache look-up) hides what comes after it:
// reported as a goroutine with no limit.
func issue31GatherCached(ctx context.Context, c issue31Cluster) {
	pods, err := c.Pods(ctx)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, p := range pods {
		wg.Add(1)
		go func() { // want `goroutine per element of pods with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			kubectl.LogsCached(p)
		}()
	}
	wg.Wait()
}
