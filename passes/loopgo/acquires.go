package loopgo

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/typematch"
)

// acquiresFact marks an exported function that takes a semaphore before
// its work (see leadingAcquire): istioctl bug-report's kubectlcmd.Logs
// sends on the package's logFetchLimitCh after its dry-run guard. A
// goroutine that calls it first waits for the semaphore inside, as one
// that takes it itself does.
type acquiresFact struct {
	Sem string // the semaphore, for messages
	In  string // the function that takes it, package-qualified
}

func (*acquiresFact) AFact()           {}
func (f *acquiresFact) String() string { return "acquires " + f.Sem + " in " + f.In }

// An acquire is a semaphore that a function's body takes before its work.
type acquire struct {
	sem string   // the semaphore
	in  string   // the function that takes it (kubectl.Logs), or "" for the body itself
	at  ast.Node // where the body takes it, or its call that does
}

// String names the semaphore for messages: logFetchLimitCh in
// kubectlcmd.Logs.
func (a acquire) String() string {
	if a.in == "" {
		return a.sem
	}
	return a.sem + " in " + a.in
}

// leadingAcquire reports whether body takes a semaphore before its work,
// itself (lateAcquire) or in the first call it makes, to a function of
// this package (followed while depth < 2) or of another package with an
// acquiresFact. Leading guards that return (if dryRun { return ... }),
// logging and a rate limiter's Wait come before the work and are passed
// over.
func (c *checker) leadingAcquire(body *ast.BlockStmt, depth int) (acquire, bool) {
	if body == nil {
		return acquire{}, false
	}
	for i, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt, *ast.DeclStmt:
			continue
		case *ast.IfStmt:
			if c.guard(s) {
				continue
			}
		}
		if c.quiet(s) {
			continue
		}
		rest := &ast.BlockStmt{Lbrace: s.Pos(), List: body.List[i:], Rbrace: body.Rbrace}
		if l, ok := c.lateAcquire(rest); ok && l.barrier == nil {
			return acquire{sem: l.sem, at: l.at}, true
		}
		if call := soleCall(s); call != nil {
			return c.acquiringCall(call, depth)
		}
		return acquire{}, false
	}
	return acquire{}, false
}

// acquiringCall reports whether call runs a function that takes a
// semaphore first (see leadingAcquire).
func (c *checker) acquiringCall(call *ast.CallExpr, depth int) (acquire, bool) {
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return acquire{}, false
	}
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		var f acquiresFact
		if c.pass.ImportObjectFact(fn, &f) {
			return acquire{sem: f.Sem, in: f.In, at: call}, true
		}
		return acquire{}, false
	}
	d := c.declOf(fn)
	if depth >= 2 || d == nil {
		return acquire{}, false
	}
	a, ok := c.leadingAcquire(d.Body, depth+1)
	if a.in == "" {
		a.in = qualified(fn)
	}
	a.at = call
	return a, ok
}

// qualified names fn with its package's name: kubectl.Logs.
func qualified(fn *types.Func) string {
	return fn.Pkg().Name() + "." + fn.Name()
}

// exportAcquires exports an acquiresFact for fd, an exported function,
// when it takes a semaphore before its work. A method whose first call is
// another of its own value (Done() { b.Add(-1) }) is the type's API, not a
// semaphore.
func (c *checker) exportAcquires(fd *ast.FuncDecl, fn *types.Func) {
	a, ok := c.leadingAcquire(fd.Body, 0)
	if !ok {
		return
	}
	if a.in == "" && fd.Recv != nil && len(fd.Recv.List[0].Names) == 1 && a.sem == fd.Recv.List[0].Names[0].Name {
		return
	}
	if a.in == "" {
		a.in = qualified(fn)
	}
	c.pass.ExportObjectFact(fn, &acquiresFact{Sem: a.sem, In: a.in})
}

// guard reports whether s is if cond { ...; return ... } with no else and
// a condition that does no work: a path that ends before the work (a dry
// run, a cache hit, an invalid argument).
func (c *checker) guard(s *ast.IfStmt) bool {
	if s.Init != nil || s.Else != nil || len(s.Body.List) == 0 || c.works(s.Cond) {
		return false
	}
	_, ok := s.Body.List[len(s.Body.List)-1].(*ast.ReturnStmt)
	return ok
}

// quiet reports whether s only logs or waits on a rate limiter
// (golang.org/x/time/rate's Limiter): nothing a semaphore guards.
func (c *checker) quiet(s ast.Stmt) bool {
	call := soleCall(s)
	if call == nil {
		return false
	}
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok {
		return false
	}
	if logCall(fn) {
		return true
	}
	recv := fn.Signature().Recv()
	return recv != nil && (fn.Name() == "Wait" || fn.Name() == "WaitN") &&
		typematch.IsNamedOrPointer(recv.Type(), "golang.org/x/time/rate", "Limiter")
}

// soleCall returns the call of s when s is a call statement, assigns
// the results of one call (v, err := f(), _ = f()) or returns them.
func soleCall(s ast.Stmt) *ast.CallExpr {
	var e ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 {
			return nil
		}
		e = s.Rhs[0]
	case *ast.ReturnStmt:
		if len(s.Results) != 1 {
			return nil
		}
		e = s.Results[0]
	default:
		return nil
	}
	call, _ := ast.Unparen(e).(*ast.CallExpr)
	return call
}

// helperBody returns the body of the goroutine that the helper started
// at st, a function of this package, starts: the function literal of its
// first go statement.
func (c *checker) helperBody(st start) *ast.BlockStmt {
	call, ok := st.node.(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	d := c.declOf(fn.Origin())
	if d == nil || d.Body == nil {
		return nil
	}
	var body *ast.BlockStmt
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if body != nil {
			return false
		}
		if gs, ok := n.(*ast.GoStmt); ok {
			body = c.funcBody(gs.Call.Fun)
			return false
		}
		return true
	})
	return body
}
