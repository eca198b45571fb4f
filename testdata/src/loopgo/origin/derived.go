package origin

import (
	"context"
	"maps"
	"slices"
)

type Session struct{ Clients map[string]bool }

type Notifier struct{}

func logout(ctx context.Context, clientID string) {}

// A logout notice per client of the session it is given (dex's back
// channel): the session comes from callers out of view, and sorting its
// keys fetches nothing.
func (n *Notifier) Notify(ctx context.Context, s *Session) {
	ids := slices.Sorted(maps.Keys(s.Clients))
	for _, id := range ids {
		go logout(ctx, id)
	}
}

func fetchSessions(ctx context.Context) map[string]bool { return nil }

// The same over a fetched map is data: reported.
func (n *Notifier) NotifyAll(ctx context.Context) {
	ids := slices.Sorted(maps.Keys(fetchSessions(ctx)))
	for _, id := range ids {
		go logout(ctx, id) // want `goroutine per element of ids`
	}
}

// A literal's keys, sorted, are as many as the literal has.
func (n *Notifier) NotifyFixed(ctx context.Context) {
	for _, id := range slices.Sorted(maps.Keys(map[string]bool{"web": true, "cli": true})) {
		go logout(ctx, id)
	}
}
