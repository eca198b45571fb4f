// Package modreg is a registry of modules, as gotenberg's Context is:
// the program registers them, and Modules returns those of a kind.
package modreg

import (
	"context"
	"reflect"
)

// A Registry holds the modules the program registered.
type Registry struct {
	mods []any
}

// Register adds a module.
func (r *Registry) Register(m any) { r.mods = append(r.mods, m) }

// Modules returns the registered modules that implement kind, a pointer
// to an interface.
func (r *Registry) Modules(kind any) ([]any, error) {
	want := reflect.TypeOf(kind).Elem()
	var out []any
	for _, m := range r.mods {
		if reflect.TypeOf(m).Implements(want) {
			out = append(out, m)
		}
	}
	return out, nil
}

// JobsForModule returns the jobs queued for the module named name: data
// that grows with use.
func (r *Registry) JobsForModule(name string) ([]string, error) {
	var jobs []string
	for i := range len(name) * 100 {
		jobs = append(jobs, name+string(rune('a'+i%26)))
	}
	return jobs, nil
}

// A Check is code the program registers, with what it needs: its
// function comes first, as scorecard's checker.Check.
type Check struct {
	Fn    func(repo string) error
	Kinds []string
}

// Enabled returns the registered checks that policy enables, as
// scorecard's policy.GetEnabled: a filter of the program's own table.
func Enabled(ctx context.Context, all map[string]Check, policy []string) (map[string]Check, error) {
	out := make(map[string]Check)
	for _, name := range policy {
		if c, ok := all[name]; ok {
			out[name] = c
		}
	}
	return out, ctx.Err()
}

// A File is data with a callback: its path comes first.
type File struct {
	Path   string
	OnDone func()
}

// Files lists the files under dir.
func Files(ctx context.Context, dir string) ([]File, error) {
	return []File{{Path: dir}}, ctx.Err()
}
