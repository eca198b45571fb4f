// Package ctxapi knows which functions and methods have a variant that takes
// a context.Context: the API → Context-variant table shared by conclint's
// passes, in the manner of staticcheck's knowledge package.
//
// Two sources answer [Resolver.Lookup]:
//
//   - a fixed table of standard-library APIs whose variant is not found by
//     name alone: (*sql.DB).Begin → BeginTx(ctx, nil), net.Dial →
//     (&net.Dialer{}).DialContext, net.LookupHost →
//     net.DefaultResolver.LookupHost, http.Get → NewRequestWithContext and
//     Do, and the others listed in [Std];
//   - a rule for any other function or method X, from any package: X has a
//     variant if its package (for a function) or its receiver's method set
//     (for a method) also has XContext or XWithContext whose parameters are
//     a context.Context followed by X's parameters, and whose results are
//     X's results. (*sql.DB).Query → QueryContext, exec.Command →
//     CommandContext, http.NewRequest → NewRequestWithContext and any
//     third-party client written the same way are found by this rule.
//
// log/slog is excluded: its context carries values for handlers and cancels
// nothing, so "X ignores ctx" would not be a finding about cancellation.
package ctxapi

import (
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/typematch"
)

// A Variant describes how to call the context-taking variant of an API.
//
// When Hint is empty the rewrite is mechanical: a call
//
//	recv.X(args...)      or      pkg.X(args...)
//
// becomes
//
//	recv.Name(ctx, Lead..., args..., Trail...)    or    pkg.Name(ctx, ...)
//
// and, when Via is set (package-level functions only),
//
//	VIA.Name(ctx, Lead..., args..., Trail...)
//
// where VIA is Via with every "%s" replaced by the qualifier the call used
// for the package (net in net.Dial).
type Variant struct {
	// Name is the variant's function or method name.
	Name string
	// Via, for a package-level function whose variant is a method, is the
	// receiver expression, with %s for the package qualifier.
	Via string
	// Lead and Trail are Go expressions inserted after ctx and after the
	// original arguments.
	Lead, Trail []string
	// Hint, when not empty, means the rewrite is not mechanical; it says
	// what to do instead, for the diagnostic.
	Hint string
	// Func is the variant found by the name rule; nil for table entries.
	Func *types.Func
}

// Fixable reports whether the variant can be called by rewriting the call
// mechanically.
func (v Variant) Fixable() bool { return v.Hint == "" }

// A Key names a function (Recv == "") or a method (Recv is the receiver's
// type name, without pointer) of the package Pkg.
type Key struct {
	Pkg, Recv, Name string
}

// Std returns the fixed table of standard-library APIs and their variants.
// Every entry is checked against the real signatures by this package's
// tests. Entries the name rule would also find are listed too, so that the
// table documents what conclint knows about the standard library.
func Std() map[Key]Variant {
	m := map[Key]Variant{}
	for _, recv := range []string{"DB", "Tx", "Stmt"} {
		for _, x := range []string{"Query", "QueryRow", "Exec"} {
			m[Key{"database/sql", recv, x}] = Variant{Name: x + "Context"}
		}
	}
	for _, recv := range []string{"DB", "Tx"} {
		m[Key{"database/sql", recv, "Prepare"}] = Variant{Name: "PrepareContext"}
	}
	m[Key{"database/sql", "DB", "Ping"}] = Variant{Name: "PingContext"}
	m[Key{"database/sql", "DB", "Begin"}] = Variant{Name: "BeginTx", Trail: []string{"nil"}}
	m[Key{"database/sql", "Tx", "Stmt"}] = Variant{Name: "StmtContext"}

	m[Key{"net/http", "", "NewRequest"}] = Variant{Name: "NewRequestWithContext"}
	const httpHint = "build the request with http.NewRequestWithContext(ctx, ...) and send it with Do"
	for _, x := range []string{"Get", "Head", "Post", "PostForm"} {
		m[Key{"net/http", "", x}] = Variant{Name: "NewRequestWithContext", Hint: httpHint}
		m[Key{"net/http", "Client", x}] = Variant{Name: "NewRequestWithContext", Hint: httpHint}
	}

	m[Key{"os/exec", "", "Command"}] = Variant{Name: "CommandContext"}

	m[Key{"net", "", "Dial"}] = Variant{Name: "DialContext", Via: "(&%s.Dialer{})"}
	m[Key{"net", "", "DialTimeout"}] = Variant{Name: "DialContext", Hint: "use (&net.Dialer{Timeout: timeout}).DialContext(ctx, network, address)"}
	m[Key{"net", "", "Listen"}] = Variant{Name: "Listen", Via: "(&%s.ListenConfig{})"}
	m[Key{"net", "", "ListenPacket"}] = Variant{Name: "ListenPacket", Via: "(&%s.ListenConfig{})"}
	m[Key{"net", "Dialer", "Dial"}] = Variant{Name: "DialContext"}
	for _, x := range []string{"LookupHost", "LookupAddr", "LookupCNAME", "LookupMX", "LookupNS", "LookupTXT", "LookupSRV", "LookupPort"} {
		m[Key{"net", "", x}] = Variant{Name: x, Via: "%s.DefaultResolver"}
	}
	m[Key{"net", "", "LookupIP"}] = Variant{Name: "LookupIP", Via: "%s.DefaultResolver", Lead: []string{`"ip"`}}

	m[Key{"crypto/tls", "", "Dial"}] = Variant{Name: "DialContext", Hint: "use (&tls.Dialer{Config: config}).DialContext(ctx, network, addr)"}
	m[Key{"crypto/tls", "Dialer", "Dial"}] = Variant{Name: "DialContext"}
	m[Key{"crypto/tls", "Conn", "Handshake"}] = Variant{Name: "HandshakeContext"}
	return m
}

// excluded reports packages whose context-taking variants cancel nothing.
func excluded(pkg string) bool { return pkg == "log/slog" }

// A Resolver answers Lookup for one analysis pass, resolving each callee
// once. It is not safe for concurrent use; create one per pass.
type Resolver struct {
	std  map[Key]Variant
	memo map[*types.Func]*Variant
}

// NewResolver returns an empty Resolver.
func NewResolver() *Resolver {
	return &Resolver{std: Std(), memo: make(map[*types.Func]*Variant)}
}

// Lookup returns the context-taking variant of fn, a function or method
// (possibly generic, possibly an interface method), if it has one.
func (r *Resolver) Lookup(fn *types.Func) (Variant, bool) {
	if fn == nil {
		return Variant{}, false
	}
	v, ok := r.memo[fn]
	if !ok {
		v = r.lookup(fn)
		r.memo[fn] = v
	}
	if v == nil {
		return Variant{}, false
	}
	return *v, true
}

func (r *Resolver) lookup(fn *types.Func) *Variant {
	if fn.Pkg() == nil || excluded(fn.Pkg().Path()) {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || takesContext(sig) {
		return nil
	}
	if v, ok := r.std[KeyOf(fn)]; ok {
		return &v
	}
	for _, suffix := range []string{"Context", "WithContext"} {
		if v := variantByName(fn, sig, fn.Name()+suffix); v != nil {
			return &Variant{Name: v.Name(), Func: v}
		}
	}
	return nil
}

// KeyOf returns the table key of fn.
func KeyOf(fn *types.Func) Key {
	k := Key{Name: fn.Name()}
	if fn.Pkg() != nil {
		k.Pkg = fn.Pkg().Path()
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			k.Recv = n.Obj().Name()
		}
	}
	return k
}

// variantByName returns the function or method called name next to fn
// whose signature is fn's with a leading context.Context, or nil.
func variantByName(fn *types.Func, sig *types.Signature, name string) *types.Func {
	var obj types.Object
	if recv := sig.Recv(); recv != nil {
		obj, _, _ = types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), name)
	} else {
		obj = fn.Pkg().Scope().Lookup(name)
	}
	v, ok := obj.(*types.Func)
	if !ok || v == fn {
		return nil
	}
	vsig, ok := v.Type().(*types.Signature)
	if !ok || !sameButContext(sig, vsig) {
		return nil
	}
	return v
}

// sameButContext reports whether v's parameters are a context.Context
// followed by x's parameters, with the same results and variadicity.
// Generic functions must have type parameters that match one to one.
func sameButContext(x, v *types.Signature) bool {
	if x.Variadic() != v.Variadic() || v.Params().Len() != x.Params().Len()+1 ||
		!IsContext(v.Params().At(0).Type()) || x.TypeParams().Len() != v.TypeParams().Len() {
		return false
	}
	if n := x.TypeParams().Len(); n > 0 {
		// Substitute x's type parameters for v's, so that the parameter
		// types below are comparable.
		targs := make([]types.Type, n)
		for i := range n {
			targs[i] = x.TypeParams().At(i)
		}
		inst, err := types.Instantiate(nil, v, targs, false)
		if err != nil {
			return false
		}
		v, _ = inst.(*types.Signature)
		if v == nil {
			return false
		}
	}
	for i := range x.Params().Len() {
		if !types.Identical(x.Params().At(i).Type(), v.Params().At(i+1).Type()) {
			return false
		}
	}
	if x.Results().Len() != v.Results().Len() {
		return false
	}
	for i := range x.Results().Len() {
		if !types.Identical(x.Results().At(i).Type(), v.Results().At(i).Type()) {
			return false
		}
	}
	return true
}

// takesContext reports whether any parameter of sig is a context.Context.
func takesContext(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if IsContext(v.Type()) {
			return true
		}
	}
	return false
}

// IsContext reports whether t is context.Context (or an alias of it).
func IsContext(t types.Type) bool {
	return typematch.IsNamed(t, "context", "Context")
}

// Qualify replaces each %s in via by qual.
func Qualify(via, qual string) string { return strings.ReplaceAll(via, "%s", qual) }
