// Package modreg is a registry of modules, as gotenberg's Context is:
// the program registers them, and Modules returns those of a kind.
package modreg

import "reflect"

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
