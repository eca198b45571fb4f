package origin

import (
	_ "embed"
	"encoding/json"
	"os"
	"sync"
)

// Data embedded in the binary is part of the code: a list decoded from
// it has as many elements as the source file, like a literal table
// (trufflehog's permission check per scope of an embedded scopes.json).

type scope struct{ Name string }

//go:embed scopes.json
var scopesJSON []byte

//go:embed scopes.json
var scopesText string

func checkScope(scope) {}

func readScopes() ([]scope, error) {
	var scopes []scope
	if err := json.Unmarshal(scopesJSON, &scopes); err != nil {
		return nil, err
	}
	return scopes, nil
}

// A semaphore taken inside the goroutine, but the scopes are the
// embedded file's: not reported.
func checkPermissions() error {
	scopes, err := readScopes()
	if err != nil {
		return err
	}
	slots := make(chan struct{}, 10)
	var wg sync.WaitGroup
	for _, s := range scopes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			checkScope(s)
		}()
	}
	wg.Wait()
	return nil
}

// Decoded in place from an embedded string: not reported.
func checkAll() {
	var scopes []scope
	_ = json.Unmarshal([]byte(scopesText), &scopes)
	for _, s := range scopes {
		go checkScope(s)
	}
}

// The same list read from a file at run time is the deployment's data:
// reported.
func checkFromFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var scopes []scope
	if err := json.Unmarshal(b, &scopes); err != nil {
		return err
	}
	for _, s := range scopes {
		go checkScope(s) // want `goroutine per element of scopes with no concurrency limit`
	}
	return nil
}

var loadedScopes []byte

func loadScopes(path string) { loadedScopes, _ = os.ReadFile(path) }

// A package-level list filled at run time, not embedded: its late
// acquire is reported, as over any other state.
func checkLoaded() {
	var scopes []scope
	_ = json.Unmarshal(loadedScopes, &scopes)
	slots := make(chan struct{}, 10)
	for _, s := range scopes {
		go func() { // want `goroutine per element of scopes waits for slots inside the goroutine`
			slots <- struct{}{}
			defer func() { <-slots }()
			checkScope(s)
		}()
	}
}

// Scopes given by callers out of view may be any number: a late acquire
// over them is reported, though the unbounded goroutines would not be.
func CheckGiven(scopes []scope) {
	slots := make(chan struct{}, 10)
	for _, s := range scopes {
		go func() { // want `goroutine per element of scopes waits for slots inside the goroutine`
			slots <- struct{}{}
			defer func() { <-slots }()
			checkScope(s)
		}()
	}
}

type container struct{ dead bool }

type daemon struct{ containers map[string]*container }

func removeContainer(string, *container) {}

// moby's restore: a map made empty and filled by index writes holds what
// the writes put in it, which its definition does not show: the late
// acquire over it is reported.
func (d *daemon) restore() {
	sem := make(chan struct{}, 4)
	remove := make(map[string]*container)
	for id, c := range d.containers {
		if c.dead {
			remove[id] = c
		}
	}
	for id, c := range remove {
		go func() { // want `goroutine per element of remove waits for sem inside the goroutine`
			sem <- struct{}{}
			defer func() { <-sem }()
			removeContainer(id, c)
		}()
	}
}
