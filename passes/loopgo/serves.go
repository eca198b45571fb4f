package loopgo

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// servesFact marks an exported function that runs a server until it
// stops: it accepts connections in a loop that does not count (for {
// conn, err := ln.Accept() ... }) or calls a Serve function, itself or
// through the functions and methods of its package it calls. A goroutine
// that runs it in another package (go relay.Run(host, port), one per
// configured port) is a long-lived server per listener, not work per
// element.
type servesFact struct{}

func (*servesFact) AFact()         {}
func (*servesFact) String() string { return "serves" }

// serves reports whether fn, a function of this package, runs a server
// (see servesFact), following calls two deep from depth. The answers
// from depth 0, the deepest, are kept.
func (c *checker) serves(fn *types.Func, depth int) bool {
	fn = fn.Origin()
	if b, ok := c.server[fn]; ok {
		return b
	}
	d := c.declOf(fn)
	b := d != nil && d.Body != nil && c.runsForever(d.Body, depth, true)
	if depth == 0 {
		c.server[fn] = b
	}
	return b
}

// runsForever reports whether a top-level statement of body runs until
// the program stops: a loop that does not count (for a server, only one
// that accepts connections), a range over a channel (not for a server),
// a serving call (see serveCall), or an if whose every branch does one
// of these. Calls of this package are followed while depth < 2.
func (c *checker) runsForever(body *ast.BlockStmt, depth int, server bool) bool {
	calls := func(call *ast.CallExpr) bool { return c.serveCall(call, depth, server) }
	for _, s := range body.List {
		switch s := unlabel(s).(type) { // readLoop: for scanner.Scan() { ... }
		case *ast.ForStmt:
			if _, counted := countedBound(c.info, s); !counted && (!server || accepts(s.Body)) {
				return true
			}
		case *ast.RangeStmt:
			if t := c.info.TypeOf(s.X); !server && t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return true
				}
			}
		case *ast.IfStmt:
			// if tls { err = srv.ServeTLS(...) } else { err = srv.Serve(ln) }
			if callsIn(s, calls) || everyBranch(s, func(b *ast.BlockStmt) bool { return c.runsForever(b, depth, server) }) {
				return true
			}
		default:
			// errc <- srv.Serve(ln) serves as long as a plain call does.
			if callsIn(s, calls) {
				return true
			}
		}
	}
	return false
}

// serveCall reports whether call runs until the program stops: a Serve
// function, a function of this package that runs forever (for a server,
// one that serves) while depth < 2, or one of another package with a
// servesFact (relay.Run(host, port)).
func (c *checker) serveCall(call *ast.CallExpr, depth int, server bool) bool {
	if isServe(call) {
		return true
	}
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	switch {
	case !ok || fn.Pkg() == nil:
		return false
	case fn.Pkg() != c.pass.Pkg:
		return c.pass.ImportObjectFact(fn.Origin(), new(servesFact))
	case depth >= 2:
		return false
	case server:
		return c.serves(fn, depth+1)
	}
	d := c.declOf(fn.Origin())
	return d != nil && d.Body != nil && c.runsForever(d.Body, depth+1, false)
}

// accepts reports whether the loop body calls an Accept method (Accept,
// AcceptTCP, AcceptStream) outside function literals: a listener's
// accept loop.
func accepts(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Accept") {
				found = true
			}
		}
		return !found
	})
	return found
}
