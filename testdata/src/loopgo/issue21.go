package loopgo

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"k8s.io/klog/v2"
	"loopgo/catalog"
)

// Issue 21 (prometheus's ECS discovery, kiali's dashboards): a goroutine
// per element whose work is a few look-ups, formatting and a store under
// a lock. It ends about as soon as it starts, so goroutines never pile up
// and a limit changes nothing: the goroutine is pointless, not unbounded.
// Work that can wait (I/O, a channel, a sleep, a call that takes a
// context, a function value, an interface's method) is still reported.

type issue21Task struct {
	Arn  *string
	Tags []issue21Tag
	Host string
}

type issue21Tag struct{ Key, Value *string }

type issue21Discovery struct {
	logger    *slog.Logger
	instances map[string]string
	port      int
	dashboard map[string][]string
}

// Labels per task from maps already fetched: look-ups only.
func (d *issue21Discovery) issue21Labels(tasks []issue21Task) []map[string]string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out []map[string]string
	)
	for _, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			labels := map[string]string{"arn": aws.ToString(task.Arn)}
			ip, ok := d.instances[task.Host]
			if !ok {
				d.logger.Debug("instance not found", "task", aws.ToString(task.Arn))
				return
			}
			labels["address"] = net.JoinHostPort(ip, strconv.Itoa(d.port))
			for _, tag := range task.Tags {
				if tag.Key != nil && tag.Value != nil {
					labels["tag_"+*tag.Key] = *tag.Value
				}
			}
			mu.Lock()
			out = append(out, labels)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func (d *issue21Discovery) load(name string) ([]string, error) {
	charts, ok := d.dashboard[name]
	if !ok {
		return nil, fmt.Errorf("dashboard %s does not exist", name)
	}
	return charts, nil
}

// A look-up through a function of the package, logging its error.
func (d *issue21Discovery) issue21Dashboards(names []string) [][]string {
	out := make([][]string, len(names))
	var wg sync.WaitGroup
	wg.Add(len(names))
	for i, name := range names {
		go func(i int, name string) {
			defer wg.Done()
			charts, err := d.load(name)
			if err != nil {
				slog.Error("cannot load dashboard", "err", err.Error())
				return
			}
			out[i] = charts
		}(i, name)
	}
	wg.Wait()
	return out
}

// The same, logging through klog, whose import path ends in its major
// version: k8s.io/klog/v2 is a logging package as k8s.io/klog is.
func (d *issue21Discovery) issue21Klog(names []string) [][]string {
	out := make([][]string, len(names))
	var wg sync.WaitGroup
	wg.Add(len(names))
	for i, name := range names {
		go func(i int, name string) {
			defer wg.Done()
			charts, err := d.load(name)
			if err != nil {
				klog.Errorf("cannot load dashboard %s: %v", name, err)
				return
			}
			out[i] = charts
		}(i, name)
	}
	wg.Wait()
	return out
}

func (d *issue21Discovery) record(name string, at time.Time) {
	d.dashboard[name] = append(d.dashboard[name], at.Format(time.RFC3339))
}

// A method of the package started directly.
func (d *issue21Discovery) issue21Record(names []string) {
	now := time.Now()
	for _, name := range names {
		go d.record(name, now)
	}
}

// The same look-ups, then a request: the request can wait.
func (d *issue21Discovery) issue21Fetch(tasks []issue21Task) {
	for _, task := range tasks {
		go func() { // want `goroutine per element of tasks with no concurrency limit`
			ip := d.instances[task.Host]
			resp, err := http.Get("http://" + net.JoinHostPort(ip, strconv.Itoa(d.port)))
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
}

func (d *issue21Discovery) open(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	return f.Close()
}

// A function of the package that opens a file.
func (d *issue21Discovery) issue21Open(names []string) {
	for _, name := range names {
		go d.open(name) // want `goroutine per element of names with no concurrency limit`
	}
}

type issue21Charts interface{ Lookup(string) []string }

// An interface's method: it may do anything.
func issue21Lookups(names []string, src issue21Charts) [][]string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out [][]string
	)
	for _, name := range names {
		wg.Add(1)
		go func() { // want `goroutine per element of names with no concurrency limit`
			defer wg.Done()
			charts := src.Lookup(name)
			mu.Lock()
			out = append(out, charts)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// A function value: it may do anything.
func issue21Each(names []string, f func(string) string) []string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out []string
	)
	for _, name := range names {
		wg.Add(1)
		go func() { // want `goroutine per element of names with no concurrency limit`
			defer wg.Done()
			v := f(name)
			mu.Lock()
			out = append(out, v)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// Formatting and a store in a sync.Map.
func issue21Keys(names []string, cache *sync.Map) {
	for i, name := range names {
		go func() {
			cache.Store(fmt.Sprintf("%s/%d", name, i), len(name))
		}()
	}
}

// A package whose name ends in log is not a logger: catalog.Info may
// call out.
func issue21Catalog(names []string) [][]string {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		out [][]string
	)
	for _, name := range names {
		wg.Add(1)
		go func() { // want `goroutine per element of names with no concurrency limit`
			defer wg.Done()
			info := catalog.Info(name)
			mu.Lock()
			out = append(out, info)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}
