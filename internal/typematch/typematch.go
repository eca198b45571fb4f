// Package typematch matches types by package path and name, the way
// analyzers recognise well-known types (time.Timer, sync.WaitGroup, ...)
// without comparing strings of types.
package typematch

import (
	"go/types"
	"slices"
)

// IsNamed reports whether t (through aliases) is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == pkg && obj.Name() == name
}

// IsNamedOrPointer reports whether t is pkg.name or a pointer to it.
func IsNamedOrPointer(t types.Type, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	return IsNamed(t, pkg, name)
}

// IsFunc reports whether fn is a package-level function of pkg with one
// of names (not a method).
func IsFunc(fn *types.Func, pkg string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkg || fn.Signature().Recv() != nil {
		return false
	}
	return slices.Contains(names, fn.Name())
}
