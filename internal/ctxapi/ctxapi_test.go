package ctxapi_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/conclint/conclint/internal/ctxapi"
)

// stdPackages type-checks the packages of the table from the real standard
// library (export data built by the go command).
func stdPackages(t *testing.T) map[string]*types.Package {
	t.Helper()
	imp := importer.Default()
	pkgs := map[string]*types.Package{}
	for _, path := range []string{"database/sql", "net/http", "os/exec", "net", "crypto/tls", "log/slog", "context"} {
		p, err := imp.Import(path)
		if err != nil {
			t.Fatalf("import %s: %v", path, err)
		}
		pkgs[path] = p
	}
	return pkgs
}

// lookup returns the function or method named by k.
func lookup(t *testing.T, pkgs map[string]*types.Package, k ctxapi.Key) *types.Func {
	t.Helper()
	p := pkgs[k.Pkg]
	if p == nil {
		t.Fatalf("%v: package not loaded", k)
	}
	if k.Recv == "" {
		fn, _ := p.Scope().Lookup(k.Name).(*types.Func)
		return fn
	}
	tn, _ := p.Scope().Lookup(k.Recv).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, p, k.Name)
	fn, _ := obj.(*types.Func)
	return fn
}

// TestStdTable checks every entry of the table against the real signatures:
// the API exists and takes no context; for a mechanical variant, the
// variant exists and its parameters are ctx, Lead, the API's own, Trail,
// with the same results.
func TestStdTable(t *testing.T) {
	pkgs := stdPackages(t)
	r := ctxapi.NewResolver()
	for k, v := range ctxapi.Std() {
		fn := lookup(t, pkgs, k)
		if fn == nil {
			t.Errorf("%v: no such function or method", k)
			continue
		}
		sig := fn.Type().(*types.Signature)
		got, ok := r.Lookup(fn)
		if !ok || got.Name != v.Name {
			t.Errorf("%v: Lookup = %v, %v; want the table entry", k, got, ok)
		}
		if !v.Fixable() {
			if !strings.Contains(v.Hint, "Context(ctx") {
				t.Errorf("%v: hint %q does not show the call with ctx", k, v.Hint)
			}
			continue
		}
		var vfn *types.Func
		switch {
		case v.Via != "":
			// Via is a value of the package: (&pkg.T{}) or pkg.Var.
			via := ctxapi.Qualify(v.Via, "p")
			var recv types.Type
			if name, ok := strings.CutPrefix(via, "(&p."); ok {
				name = strings.TrimSuffix(name, "{})")
				tn, _ := pkgs[k.Pkg].Scope().Lookup(name).(*types.TypeName)
				if tn == nil {
					t.Errorf("%v: Via type %s not found", k, name)
					continue
				}
				recv = types.NewPointer(tn.Type())
			} else if name, ok := strings.CutPrefix(via, "p."); ok {
				vr, _ := pkgs[k.Pkg].Scope().Lookup(name).(*types.Var)
				if vr == nil {
					t.Errorf("%v: Via variable %s not found", k, name)
					continue
				}
				recv = vr.Type()
			} else {
				t.Errorf("%v: unexpected Via %q", k, v.Via)
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(recv, true, pkgs[k.Pkg], v.Name)
			vfn, _ = obj.(*types.Func)
		default:
			vfn = lookup(t, pkgs, ctxapi.Key{Pkg: k.Pkg, Recv: k.Recv, Name: v.Name})
		}
		if vfn == nil {
			t.Errorf("%v: variant %s not found", k, v.Name)
			continue
		}
		vsig := vfn.Type().(*types.Signature)
		want := 1 + len(v.Lead) + sig.Params().Len() + len(v.Trail)
		if vsig.Params().Len() != want || !ctxapi.IsContext(vsig.Params().At(0).Type()) {
			t.Errorf("%v: variant %s%s does not take ctx, %d lead, the API's %d, %d trail", k, v.Name, vsig, len(v.Lead), sig.Params().Len(), len(v.Trail))
			continue
		}
		for i := range sig.Params().Len() {
			if a, b := sig.Params().At(i).Type(), vsig.Params().At(1+len(v.Lead)+i).Type(); !types.Identical(a, b) {
				t.Errorf("%v: parameter %d is %s, variant has %s", k, i, a, b)
			}
		}
		if sig.Variadic() != vsig.Variadic() || !types.Identical(sig.Results(), vsig.Results()) {
			t.Errorf("%v: results or variadicity differ: %s vs %s", k, sig, vsig)
		}
		// The Lead and Trail expressions must type-check as the
		// variant's parameters.
		for i, e := range v.Lead {
			checkExpr(t, k, e, vsig.Params().At(1+i).Type())
		}
		for i, e := range v.Trail {
			checkExpr(t, k, e, vsig.Params().At(1+len(v.Lead)+sig.Params().Len()+i).Type())
		}
	}
}

func checkExpr(t *testing.T, k ctxapi.Key, expr string, want types.Type) {
	t.Helper()
	e, err := parser.ParseExpr(expr)
	if err != nil {
		t.Errorf("%v: %q: %v", k, expr, err)
		return
	}
	tv, err := types.Eval(token.NewFileSet(), nil, token.NoPos, types.ExprString(e))
	if err != nil {
		t.Errorf("%v: %q: %v", k, expr, err)
		return
	}
	if !types.AssignableTo(tv.Type, want) {
		t.Errorf("%v: %q (%s) is not assignable to %s", k, expr, tv.Type, want)
	}
	_ = ast.Expr(e)
}

// TestNameRule checks the XContext/XWithContext rule on the standard
// library: what it finds, and what it must not.
func TestNameRule(t *testing.T) {
	pkgs := stdPackages(t)
	r := ctxapi.NewResolver()
	for _, c := range []struct {
		key  ctxapi.Key
		want string // "" for no variant
	}{
		{ctxapi.Key{Pkg: "os/exec", Name: "Command"}, "CommandContext"},
		{ctxapi.Key{Pkg: "net/http", Name: "NewRequest"}, "NewRequestWithContext"},
		{ctxapi.Key{Pkg: "database/sql", Recv: "DB", Name: "Query"}, "QueryContext"},
		{ctxapi.Key{Pkg: "database/sql", Recv: "Conn", Name: "Close"}, ""},
		{ctxapi.Key{Pkg: "database/sql", Recv: "DB", Name: "Close"}, ""},
		{ctxapi.Key{Pkg: "database/sql", Recv: "DB", Name: "QueryContext"}, ""}, // takes a context already
		{ctxapi.Key{Pkg: "net", Recv: "Dialer", Name: "Dial"}, "DialContext"},
		{ctxapi.Key{Pkg: "crypto/tls", Recv: "Conn", Name: "Handshake"}, "HandshakeContext"},
		{ctxapi.Key{Pkg: "crypto/tls", Recv: "Conn", Name: "Read"}, ""},
		{ctxapi.Key{Pkg: "net/http", Recv: "Server", Name: "Shutdown"}, ""},
		{ctxapi.Key{Pkg: "net/http", Recv: "Request", Name: "Context"}, ""},
		{ctxapi.Key{Pkg: "log/slog", Name: "Info"}, ""}, // excluded: the context cancels nothing
		{ctxapi.Key{Pkg: "log/slog", Recv: "Logger", Name: "Info"}, ""},
		{ctxapi.Key{Pkg: "net", Name: "DialTCP"}, ""}, // Dialer.DialContext returns a Conn, not a *TCPConn
	} {
		fn := lookup(t, pkgs, c.key)
		if fn == nil {
			t.Errorf("%v: no such function", c.key)
			continue
		}
		v, ok := r.Lookup(fn)
		if got := v.Name; !ok && got != "" || ok != (c.want != "") || got != c.want {
			t.Errorf("Lookup(%v) = %q, %v; want %q", c.key, got, ok, c.want)
		}
	}
	// Every table entry with a plain variant (no Via, Lead, Trail or Hint)
	// is also what the name rule alone finds, so the rule and the table
	// agree.
	for k, v := range ctxapi.Std() {
		if v.Via != "" || len(v.Lead)+len(v.Trail) > 0 || !v.Fixable() {
			continue
		}
		fn := lookup(t, pkgs, k)
		if fn == nil {
			continue // reported by TestStdTable
		}
		if got := ctxapi.ByName(fn); got == nil || got.Name() != v.Name {
			t.Errorf("name rule on %v = %v; table says %s", k, got, v.Name)
		}
	}
}
