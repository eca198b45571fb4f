package origin

import (
	"context"
	"sync"
)

// Issue 16 (knative eventing's fanout): a method that takes a context it
// never uses and returns a copy of the receiver's list is a getter of
// state, not a fetch. A delivery per subscription of the channel is one
// per configured subscriber, as a loop over f.subs would be.

type subscription struct{ name string }

type subscriptionAPI interface {
	List(ctx context.Context) ([]subscription, error)
}

type fanout struct {
	mu   sync.RWMutex
	subs []subscription
	api  subscriptionAPI
}

func deliver(ctx context.Context, s subscription) error { return nil }

func (f *fanout) Subscriptions(ctx context.Context) []subscription {
	f.mu.RLock()
	defer f.mu.RUnlock()
	ret := make([]subscription, len(f.subs))
	copy(ret, f.subs)
	return ret
}

func (f *fanout) Dispatch(ctx context.Context) error {
	subs := f.Subscriptions(ctx)
	if len(subs) == 0 {
		return nil
	}
	return f.dispatch(ctx, subs)
}

func (f *fanout) dispatch(ctx context.Context, subs []subscription) error {
	errc := make(chan error, len(subs))
	for _, s := range subs {
		go func() {
			errc <- deliver(ctx, s)
		}()
	}
	var err error
	for range subs {
		if e := <-errc; e != nil {
			err = e
		}
	}
	return err
}

// The context named _ is as unused.
func (f *fanout) Snapshot(_ context.Context) []subscription {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return append([]subscription(nil), f.subs...)
}

func (f *fanout) dispatchSnapshot(ctx context.Context) {
	var wg sync.WaitGroup
	for _, s := range f.Snapshot(ctx) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = deliver(ctx, s)
		}()
	}
	wg.Wait()
}

// A getter of a package-level list that ignores its context returns
// state too.
var registered []subscription

func registeredSubs(_ context.Context) []subscription {
	return append([]subscription(nil), registered...)
}

func deliverRegistered(ctx context.Context) {
	for _, s := range registeredSubs(ctx) {
		go deliver(ctx, s)
	}
}

// A method that uses its context fetches: a delivery per subscription
// it lists is reported.
func (f *fanout) Listed(ctx context.Context) []subscription {
	subs, _ := f.api.List(ctx)
	return subs
}

func (f *fanout) dispatchListed(ctx context.Context) {
	var wg sync.WaitGroup
	for _, s := range f.Listed(ctx) {
		wg.Add(1)
		go func() { // want `goroutine per element of f.Listed\(ctx\)`
			defer wg.Done()
			_ = deliver(ctx, s)
		}()
	}
	wg.Wait()
}

// A method that ignores its context but returns what it is given is as
// much data as its argument: reported when the argument is fetched.
func (f *fanout) matching(ctx context.Context, subs []subscription, name string) []subscription {
	var out []subscription
	for _, s := range subs {
		if s.name == name {
			out = append(out, s)
		}
	}
	return out
}

func (f *fanout) dispatchMatching(ctx context.Context, name string) {
	subs, _ := f.api.List(ctx)
	var wg sync.WaitGroup
	for _, s := range f.matching(ctx, subs, name) {
		wg.Add(1)
		go func() { // want `goroutine per element of f.matching\(ctx, subs, name\)`
			defer wg.Done()
			_ = deliver(ctx, s)
		}()
	}
	wg.Wait()
}

// A setter that ignores its context (knative's SetSubscriptions, called
// with context.Background() on the handler its constructor makes) fills
// the handler from its arguments: the configured subscriptions. A
// closure over the handler delivers one per subscriber.
type FanoutConfig struct{ Subs []subscription }

func (f *fanout) SetSubscriptions(ctx context.Context, subs []subscription) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = append([]subscription(nil), subs...)
}

func NewFanout(cfg FanoutConfig) func(context.Context) error {
	h := &fanout{}
	h.SetSubscriptions(context.Background(), cfg.Subs)
	return receiverOf(h)
}

func receiverOf(f *fanout) func(context.Context) error {
	return func(ctx context.Context) error {
		subs := f.Subscriptions(ctx)
		return f.dispatch(ctx, subs)
	}
}

// A loader that uses its context fills the handler with what it fetches:
// a delivery per loaded subscription is reported.
func (f *fanout) load(ctx context.Context) error {
	subs, err := f.api.List(ctx)
	f.subs = subs
	return err
}

func deliverLoaded(ctx context.Context, api subscriptionAPI) {
	h := &fanout{api: api}
	if err := h.load(ctx); err != nil {
		return
	}
	for _, s := range h.Subscriptions(ctx) {
		go deliver(ctx, s) // want `goroutine per element of h.Subscriptions\(ctx\)`
	}
}

// The same handler filled by the setter from a literal: as many
// deliveries as the literal has subscriptions.
func deliverFixed(ctx context.Context) {
	h := &fanout{}
	h.SetSubscriptions(ctx, []subscription{{name: "audit"}, {name: "billing"}})
	for _, s := range h.Subscriptions(ctx) {
		go deliver(ctx, s)
	}
}
