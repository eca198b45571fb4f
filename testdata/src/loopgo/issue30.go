package loopgo

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"

	"loopgo/relay"
)

// Issue 30 (croc's relay): a server per port of the configuration, run
// by a function of another package that accepts until it stops, is a
// listener per goroutine, not work per element.

type issue30Config struct{}

func (issue30Config) Get(ctx context.Context, key string) (string, error) { return "", ctx.Err() }

func issue30Ports(ctx context.Context, cfg issue30Config) []string {
	v, err := cfg.Get(ctx, "ports")
	if err != nil {
		return nil
	}
	return strings.Split(v, ",")
}

func issue30Relay(ctx context.Context, cfg issue30Config, host string) error {
	ports := issue30Ports(ctx, cfg)
	if len(ports) < 2 {
		return fmt.Errorf("need two ports")
	}
	for _, port := range ports[1:] {
		go func(p string) {
			if err := relay.Run(host, p); err != nil {
				panic(err)
			}
		}(port)
	}
	return relay.Run(host, ports[0])
}

// The same, started directly.
func issue30RelayDirect(ctx context.Context, cfg issue30Config, host string) {
	for _, port := range issue30Ports(ctx, cfg) {
		go relay.Run(host, port)
	}
}

// A dial per port is a port scan: one goroutine per port asked for.
func issue30Scan(ctx context.Context, cfg issue30Config, host string) []string {
	ports := issue30Ports(ctx, cfg)
	var mu sync.Mutex
	var open []string
	var wg sync.WaitGroup
	for _, port := range ports {
		wg.Add(1)
		go func() { // want `goroutine per element of ports with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			if relay.Probe(net.JoinHostPort(host, port)) == nil {
				mu.Lock()
				open = append(open, port)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return open
}

// A loop that retries is not a server.
func issue30Wait(ctx context.Context, cfg issue30Config, host string) {
	ports := issue30Ports(ctx, cfg)
	var wg sync.WaitGroup
	for _, port := range ports {
		wg.Add(1)
		go func() { // want `goroutine per element of ports with no concurrency limit; use errgroup.SetLimit or a semaphore`
			defer wg.Done()
			relay.Retry(net.JoinHostPort(host, port))
		}()
	}
	wg.Wait()
}

// quic-go's example: a server per address to bind, TLS over TCP or QUIC,
// the serving call in each branch of an if.
func issue30Binds(ctx context.Context, cfg issue30Config, tcp bool) {
	binds := issue30Ports(ctx, cfg)
	var wg sync.WaitGroup
	for _, b := range binds {
		wg.Go(func() {
			var err error
			if tcp {
				err = http.ListenAndServe(b, nil)
			} else {
				srv := &http.Server{Addr: b}
				err = srv.ListenAndServeTLS("cert.pem", "key.pem")
			}
			if err != nil {
				fmt.Println(err)
			}
		})
	}
	wg.Wait()
}

// A branch that only dials makes the goroutine one of work.
func issue30ProbeOrServe(ctx context.Context, cfg issue30Config, serve bool) {
	binds := issue30Ports(ctx, cfg)
	var wg sync.WaitGroup
	for _, b := range binds {
		wg.Go(func() { // want `goroutine per element of binds with no concurrency limit; use errgroup.SetLimit or a semaphore`
			var err error
			if serve {
				err = http.ListenAndServe(b, nil)
			} else {
				err = relay.Probe(b)
			}
			if err != nil {
				fmt.Println(err)
			}
		})
	}
	wg.Wait()
}
