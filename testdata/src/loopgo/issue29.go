package loopgo

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
)

// Issue 29 (casdoor's back-channel logout): a goroutine per distinct
// value of a field of the elements, for what that value names, is not a
// goroutine per element.

type issue29Token struct {
	ID          string
	Owner       string
	Application string
}

type issue29App struct {
	Name      string
	LogoutURI string
}

type issue29Store struct{}

func (issue29Store) ActiveTokens(ctx context.Context, user string) ([]issue29Token, error) {
	return nil, ctx.Err()
}

func (issue29Store) App(id string) *issue29App { return &issue29App{Name: id} }

func issue29AppID(owner, name string) string { return owner + "/" + name }

func issue29Post(uri, token string) {
	resp, err := http.PostForm(uri, url.Values{"logout_token": {token}})
	if err == nil {
		resp.Body.Close()
	}
}

// One logout per application the user's tokens belong to: the
// applications registered, whatever the number of tokens.
func issue29Logout(ctx context.Context, s issue29Store, user string) {
	tokens, err := s.ActiveTokens(ctx, user)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, token := range tokens {
		appID := issue29AppID(token.Owner, token.Application)
		if seen[appID] {
			continue
		}
		seen[appID] = true
		app := s.App(appID)
		if app == nil || app.LogoutURI == "" {
			continue
		}
		logout := fmt.Sprintf("%s:%s", app.Name, user)
		go issue29Post(app.LogoutURI, logout)
	}
}

// The same with the comma-ok test and a field as the key.
func issue29Notify(ctx context.Context, s issue29Store, user string) {
	tokens, err := s.ActiveTokens(ctx, user)
	if err != nil {
		return
	}
	seen := make(map[string]struct{})
	var wg sync.WaitGroup
	for _, t := range tokens {
		if _, ok := seen[t.Application]; ok {
			continue
		}
		seen[t.Application] = struct{}{}
		app := s.App(t.Application)
		wg.Add(1)
		go func() {
			defer wg.Done()
			issue29Post(app.LogoutURI, user)
		}()
	}
	wg.Wait()
}

// Skipping duplicate tokens still revokes each token: one goroutine per
// element.
func issue29Revoke(ctx context.Context, s issue29Store, user string) {
	tokens, err := s.ActiveTokens(ctx, user)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, t := range tokens {
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		go issue29Post("https://idp.example/revoke", t.ID) // want `goroutine per element of tokens with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

// The same through a local made from the element's field.
func issue29RevokeByID(ctx context.Context, s issue29Store, user string) {
	tokens, err := s.ActiveTokens(ctx, user)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, t := range tokens {
		id := t.ID
		if seen[id] {
			continue
		}
		seen[id] = true
		go issue29Post("https://idp.example/revoke", id) // want `goroutine per element of tokens with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

// A seen map that is never filled skips nothing.
func issue29Unrecorded(ctx context.Context, s issue29Store, user string, seen map[string]bool) {
	tokens, err := s.ActiveTokens(ctx, user)
	if err != nil {
		return
	}
	for _, t := range tokens {
		if seen[t.Application] {
			continue
		}
		app := s.App(t.Application)
		go issue29Post(app.LogoutURI, user) // want `goroutine per element of tokens with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
}

// The same over a map of tokens by ID, one notice per owner, started with
// wg.Go.
func issue29Owners(ctx context.Context, s issue29Store, byID map[string]issue29Token, user string) {
	if err := ctx.Err(); err != nil {
		return
	}
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for _, t := range byID {
		if seen[t.Owner] {
			continue
		}
		seen[t.Owner] = true
		org := s.App(t.Owner)
		wg.Go(func() {
			issue29Post(org.LogoutURI, user)
		})
	}
	wg.Wait()
}
