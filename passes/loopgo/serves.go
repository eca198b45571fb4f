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
	b := d != nil && d.Body != nil && c.servesIn(d.Body, depth)
	if depth == 0 {
		c.server[fn] = b
	}
	return b
}

// servesIn reports whether a top-level statement of body is an accept
// loop or a call that serves: a Serve function, a function of this
// package that serves (depth < 2), or one of another package with a
// servesFact.
func (c *checker) servesIn(body *ast.BlockStmt, depth int) bool {
	for _, s := range body.List {
		s = unlabel(s)
		if f, ok := s.(*ast.ForStmt); ok {
			if _, counted := countedBound(c.info, f); !counted && accepts(f.Body) {
				return true
			}
			continue
		}
		if is, ok := s.(*ast.IfStmt); ok && everyBranch(is, func(b *ast.BlockStmt) bool { return c.servesIn(b, depth) }) {
			return true
		}
		if callsIn(s, func(call *ast.CallExpr) bool { return isServe(call) || c.servingCall(call, depth) }) {
			return true
		}
	}
	return false
}

// servingCall reports whether call runs a function that serves: one of
// this package, followed while depth < 2, or one of another package
// with a servesFact.
func (c *checker) servingCall(call *ast.CallExpr, depth int) bool {
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	if fn.Pkg() == c.pass.Pkg {
		return depth < 2 && c.serves(fn, depth+1)
	}
	return c.pass.ImportObjectFact(fn.Origin(), new(servesFact))
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
