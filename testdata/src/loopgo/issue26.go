package loopgo

import "sync"

// Issue 26 (hatchet's scheduling pool): the tenant managers this process
// holds in a sync.Map, those no longer assigned to it collected in the
// map's Range callback, then cleaned up one goroutine each. The callback
// runs once per entry of the receiver's map, so the list is as long as
// state, not data. A Range over a map received is data.

type issue26Manager struct{ id string }

func (m *issue26Manager) Cleanup() error { return nil }

type issue26Pool struct{ tenants sync.Map }

func (p *issue26Pool) issue26SetTenants(keep map[string]bool) {
	var toCleanup []*issue26Manager
	p.tenants.Range(func(k, v any) bool {
		if !keep[k.(string)] {
			toCleanup = append(toCleanup, v.(*issue26Manager))
		}
		return true
	})
	var wg sync.WaitGroup
	for _, tm := range toCleanup {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = tm.Cleanup()
		}()
	}
	wg.Wait()
}

func issue26FromRequest(m *sync.Map) {
	var all []*issue26Manager
	m.Range(func(k, v any) bool {
		all = append(all, v.(*issue26Manager))
		return true
	})
	for _, tm := range all {
		go func() { // want `goroutine per element of all with no concurrency limit`
			_ = tm.Cleanup()
		}()
	}
}

// centrifuge's connect: the server-side subscriptions that the
// application's connect handler returns, refused past the channel limit
// when the operator sets one (0: no limit), as an optional semaphore
// bounds when it exists.
type issue26Node struct{ channelLimit int }

func (n *issue26Node) subscribe(ch string) {}

func (n *issue26Node) issue26Connect(subs map[string]bool) bool {
	if n.channelLimit > 0 && len(subs) > n.channelLimit {
		return false
	}
	for ch := range subs {
		go n.subscribe(ch)
	}
	return true
}

// A check that another flag switches off is no limit.
func (n *issue26Node) issue26ConnectMaybe(subs map[string]bool, strict bool) bool {
	if strict && len(subs) > n.channelLimit {
		return false
	}
	for ch := range subs {
		go n.subscribe(ch) // want `goroutine per element of subs with no concurrency limit`
	}
	return true
}

// A callback kept in a variable runs as often as its callers like: what
// it appends is data (and the literal's parent is no call).
func issue26Stored(names []string) {
	var out []string
	add := func(n string) { out = append(out, n, n+"/") }
	for _, n := range names {
		add(n)
	}
	for _, o := range out {
		go issue25Load(o) // want `goroutine per element of out with no concurrency limit`
	}
}
