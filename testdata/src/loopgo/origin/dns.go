package origin

import (
	"context"
	"net"
	"strings"
)

type cachingResolver struct{ r net.Resolver }

func (c *cachingResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	return c.r.LookupHost(ctx, host)
}

func dialOne(ctx context.Context, addr string) (net.Conn, error) { return nil, nil }

// A dial per address of one name, the first to connect wins (vegeta's
// dialer, happy-eyeballs style): a name has a few addresses.
func dialFastest(ctx context.Context, r *cachingResolver, host, port string) (net.Conn, error) {
	ips, err := r.LookupHost(ctx, host)
	if err != nil {
		return nil, err
	}
	ch := make(chan net.Conn, len(ips))
	for _, ip := range ips {
		go func() {
			c, _ := dialOne(ctx, net.JoinHostPort(ip, port))
			ch <- c
		}()
	}
	return <-ch, nil
}

// net's own lookups, a function and a method.
func probeMX(ctx context.Context, domain string) {
	mxs, _ := net.LookupMX(domain)
	for _, mx := range mxs {
		go dialOne(ctx, mx.Host+":25")
	}
	var r net.Resolver
	records, _ := r.LookupTXT(ctx, domain)
	for _, txt := range records {
		go dialOne(ctx, txt)
	}
}

// The names to dial are data: a dial per name of a fetched list is
// reported.
func dialAll(ctx context.Context, list func(context.Context) []string) {
	for _, name := range list(ctx) {
		go dialOne(ctx, name) // want `goroutine per element of list\(ctx\)`
	}
}

// What another method of the resolver returns is data: a dial per
// domain it lists is reported.
func (c *cachingResolver) Domains(ctx context.Context) []string { return nil }

func dialListed(ctx context.Context, r *cachingResolver) {
	for _, d := range r.Domains(ctx) {
		go dialOne(ctx, d) // want `goroutine per element of r.Domains\(ctx\)`
	}
}

// A lookup per label of one name, for the name and each parent
// (boulder's CAA check): a DNS name has a few labels.
func lookupParents(ctx context.Context, name string) {
	labels := strings.Split(name, ".")
	for i := range len(labels) {
		go dialOne(ctx, strings.Join(labels[i:], "."))
	}
	for _, l := range strings.SplitAfterN(name, ".", -1) {
		go dialOne(ctx, l)
	}
}

// A list split on commas, or a fetched text split into lines, is data.
func dialSplit(ctx context.Context, list string, fetch func(context.Context) string) {
	for _, name := range strings.Split(list, ",") {
		go dialOne(ctx, name) // want `goroutine per element of strings.Split\(list, ","\)`
	}
	for _, s := range strings.SplitAfter(fetch(ctx), "\n") {
		go dialOne(ctx, s) // want `goroutine per element of strings.SplitAfter\(fetch\(ctx\), "\\n"\)`
	}
}
