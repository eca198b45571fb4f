package ctxignore

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/chanops"
	"github.com/conclint/conclint/internal/ctxapi"
	"github.com/conclint/conclint/internal/typematch"
)

// A via summarises how a function without a ctx creates a Background
// context of its own: the call path from it to the function that does.
type via struct {
	path []string
	bg   token.Pos // the context.Background() or context.TODO() call
	name string    // "Background" or "TODO"
}

// A callSite is a call of a function of the package.
type callSite struct {
	cur    inspector.Cursor
	callee *fn
	scope  *fn // the function whose ctx is in scope at the call, if any
}

// checkCalls checks every call: Background and TODO (category background),
// time.Sleep (sleep), APIs with a context-taking variant (noctxapi), and
// calls of functions of the package that create their own Background
// context (background, with the path).
func (c *checker) checkCalls() {
	bgCalls := make(map[*fn][]inspector.Cursor) // by declaration, synchronous calls only
	calls := make(map[*fn][]callSite)
	var viaCands []callSite
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		callee := c.calleeFunc(call)
		if callee == nil {
			continue
		}
		f, inDefer, inGo := c.enclosing(cur)
		if f == nil || c.skipFile(call.Pos()) {
			continue
		}
		background := typematch.IsFunc(callee, "context", "Background", "TODO")
		local := c.decls[callee]
		if (background || local != nil) && !inDefer && !inGo {
			if d := syncDecl(f); d != nil {
				if background {
					bgCalls[d] = append(bgCalls[d], cur)
				} else {
					calls[d] = append(calls[d], callSite{cur: cur, callee: local})
				}
			}
		}
		if inDefer || inGo {
			continue // cleanup, or work handed to another goroutine
		}
		scope := c.scope(f, call.Pos(), false)
		if scope == nil {
			continue
		}
		switch {
		case background:
			c.checkBackground(cur, call, callee, scope)
		case typematch.IsFunc(callee, "time", "Sleep"):
			c.checkSleep(cur, call, scope)
		default:
			if c.checkAPI(cur, call, callee, scope) {
				continue
			}
			if local != nil && !local.anyCtx {
				viaCands = append(viaCands, callSite{cur: cur, callee: local, scope: scope})
			}
		}
	}
	if len(viaCands) == 0 {
		return
	}
	for f, cs := range bgCalls {
		for _, cur := range cs {
			if !c.donePath(cur) && c.used(cur) {
				call := cur.Node().(*ast.CallExpr)
				f.summary = &via{path: []string{f.pathName()}, bg: call.Pos(), name: c.calleeFunc(call).Name()}
				f.summarized = true
				break
			}
		}
	}
	for _, cs := range viaCands {
		if v := c.summarize(cs.callee, calls, map[*fn]bool{}); v != nil {
			c.reportVia(cs.cur, v, cs.scope)
		}
	}
}

// syncDecl returns the declaration whose execution runs f synchronously:
// f itself, or the declaration around a literal called where it stands.
func syncDecl(f *fn) *fn {
	for f != nil && f.kind == kindCall {
		f = f.parent
	}
	if f == nil || f.kind != kindDecl {
		return nil
	}
	return f
}

// summarize returns how f, a declaration without a ctx parameter, creates a
// Background context itself or through the functions it calls.
func (c *checker) summarize(f *fn, calls map[*fn][]callSite, visiting map[*fn]bool) *via {
	if f.anyCtx || f.bearing() || visiting[f] || f.obj == nil || f.obj.Exported() {
		// An exported function is an API: its signature is a contract
		// (or implements an interface), and it may create its own
		// context on purpose for callers that have none.
		return nil
	}
	if f.summarized {
		return f.summary
	}
	visiting[f] = true
	defer delete(visiting, f)
	for _, cs := range calls[f] {
		if v := c.summarize(cs.callee, calls, visiting); v != nil {
			f.summary = &via{path: append([]string{f.pathName()}, v.path...), bg: v.bg, name: v.name}
			break
		}
	}
	// Inside a cycle the answer may be incomplete; it errs towards no
	// summary, which reports less.
	f.summarized = true
	return f.summary
}

func (c *checker) reportVia(cur inspector.Cursor, v *via, scope *fn) {
	call := cur.Node().(*ast.CallExpr)
	ctx, phrase, _ := c.ctxExpr(scope, call.Pos())
	if ctx == "" {
		ctx = phrase
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "background",
		Message: fmt.Sprintf("%s creates its own context.%s() (via %s), so %s in %s does not reach it; give %s a ctx parameter and pass %s",
			v.path[0], v.name, strings.Join(v.path, " -> "), phrase, scope.decl, v.path[0], ctx),
		Related: []analysis.RelatedInformation{{Pos: v.bg, Message: "context." + v.name + "() created here"}},
	})
}

// checkBackground reports context.Background() or TODO() used while a ctx
// is in scope.
func (c *checker) checkBackground(cur inspector.Cursor, call *ast.CallExpr, callee *types.Func, scope *fn) {
	if c.nilGuard(cur) || c.donePath(cur) || !c.used(cur) {
		return
	}
	ctx, phrase, ok := c.ctxExpr(scope, call.Pos())
	name := "context." + callee.Name() + "()"
	why := "the caller's cancellation and deadline stop here"
	if scope.req != nil && len(scope.params) == 0 {
		why = "a client that goes away does not cancel this work"
	}
	fix := ctx
	if !ok {
		fix = phrase
	}
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "background",
		Message:  fmt.Sprintf("%s in %s discards %s, so %s; use %s%s", name, scope.decl, phrase, why, fix, c.detachHint(cur, fix)),
	}
	if ok {
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   fmt.Sprintf("Replace %s with %s", name, ctx),
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(ctx)}},
		}}
	}
	c.r.Report(diag)
}

// detachHint returns the alternative to mention when the work is meant to
// outlive ctx: context.WithoutCancel (go1.21), which keeps its values.
func (c *checker) detachHint(cur inspector.Cursor, ctx string) string {
	for p := range cur.Enclosing((*ast.File)(nil)) {
		v := c.info.FileVersions[p.Node().(*ast.File)]
		if v != "" && version.Compare(v, "go1.21") < 0 {
			return ""
		}
	}
	return fmt.Sprintf(", or context.WithoutCancel(%s) if the work must outlive it", ctx)
}

// nilGuard reports whether cur is under a comparison of a context with
// nil: if ctx == nil { ctx = context.Background() }.
func (c *checker) nilGuard(cur inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.IfStmt)(nil), (*ast.CaseClause)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var cond []ast.Expr
		switch n := p.Node().(type) {
		case *ast.IfStmt:
			cond = []ast.Expr{n.Cond}
		case *ast.CaseClause:
			cond = n.List
		default:
			return false
		}
		for _, e := range cond {
			if c.comparesCtxNil(e) {
				return true
			}
		}
	}
	return false
}

func (c *checker) comparesCtxNil(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if found || !ok {
			return !found
		}
		if b.Op == token.EQL || b.Op == token.NEQ {
			for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
				if c.isNil(pair[1]) && ctxapi.IsContext(c.info.TypeOf(pair[0])) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (c *checker) isNil(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.IsNil()
}

// donePath reports whether cur runs after a context is done, where a fresh
// context is the only one that works: in a case <-ctx.Done(): clause,
// after a <-ctx.Done() statement, or under a test of ctx.Err(),
// context.Canceled or context.DeadlineExceeded.
func (c *checker) donePath(cur inspector.Cursor) bool {
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.CommClause:
			if n.Comm != nil && c.receivesDone(n.Comm) {
				return true
			}
		case *ast.IfStmt:
			if c.testsDone(n.Cond) {
				return true
			}
		case *ast.CaseClause:
			for _, e := range n.List {
				if c.testsDone(e) {
					return true
				}
			}
		case *ast.BlockStmt:
			// A <-ctx.Done() statement before the one holding cur.
			for _, st := range n.List {
				if st.Pos() >= cur.Node().Pos() {
					break
				}
				if es, ok := st.(*ast.ExprStmt); ok && c.receivesDone(es) {
					return true
				}
			}
		}
	}
	return false
}

// receivesDone reports whether the statement st receives from a context's
// Done channel.
func (c *checker) receivesDone(st ast.Stmt) bool {
	call, ok := ast.Unparen(chanops.Received(st)).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done" && ctxapi.IsContext(c.info.TypeOf(sel.X))
}

// testsDone reports whether e calls Err on a context or names
// context.Canceled or context.DeadlineExceeded.
func (c *checker) testsDone(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			switch obj := c.info.Uses[n.Sel].(type) {
			case *types.Var:
				if obj.Pkg() != nil && obj.Pkg().Path() == "context" && (obj.Name() == "Canceled" || obj.Name() == "DeadlineExceeded") {
					found = true
				}
			case *types.Func:
				if (obj.Name() == "Err" || obj.Name() == "Done") && ctxapi.IsContext(c.info.TypeOf(n.X)) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// used reports whether the Background context made at cur reaches a call
// in this function (passed, or derived from and passed), without escaping
// it (stored in a field or global, returned, sent, handed to a goroutine):
// an escaping Background context is a lifecycle context that outlives the
// call, on purpose. A context with a timeout passed only to cleanup calls
// (Close, Shutdown, Rollback, ...) is not counted: cleanup must run even
// when the ctx in scope is cancelled.
func (c *checker) used(cur inspector.Cursor) bool {
	st := &flowState{seen: map[*types.Var]bool{}}
	c.track(cur, false, st)
	return st.plain && !st.escape && !st.override
}

type flowState struct {
	seen     map[*types.Var]bool
	plain    bool // reaches a call other than a cleanup call of a timed context
	escape   bool // stored, returned, sent, handed to a goroutine
	override bool // assigned to a variable that also holds the ctx in scope (a default or a deliberate reset)
}

func (c *checker) track(e inspector.Cursor, timed bool, st *flowState) {
	for {
		p := e.Parent()
		switch pn := p.Node().(type) {
		case *ast.ParenExpr:
			e = p
			continue
		case *ast.CallExpr:
			if e.ParentEdgeKind() != edge.CallExpr_Args {
				return // ctx.Done(), ctx.Value(k): not a use that matters
			}
			switch p.Parent().Node().(type) {
			case *ast.GoStmt:
				st.escape = true
				return
			case *ast.DeferStmt:
				return
			}
			sig, _ := types.Unalias(c.info.TypeOf(pn.Fun)).(*types.Signature)
			callee := c.calleeFunc(pn)
			if sig != nil && derives(sig, e.ParentEdgeIndex()) {
				if typematch.IsFunc(callee, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause") {
					timed = true
				}
				e = p
				continue
			}
			if ignoresParam(callee, e.ParentEdgeIndex()) {
				return // func f(_ context.Context): the callee ignores it
			}
			if c.storedResult(p) {
				st.escape = true // s.client = newClient(ctx): its lifetime
				return
			}
			if !timed || callee == nil || !cleanupName(callee.Name()) {
				st.plain = true
			}
			return
		case *ast.AssignStmt:
			if e.ParentEdgeKind() != edge.AssignStmt_Rhs {
				return
			}
			var lhs ast.Expr
			if len(pn.Lhs) == len(pn.Rhs) {
				lhs = pn.Lhs[e.ParentEdgeIndex()]
			} else if i := ctxResult(c.info.TypeOf(e.Node().(ast.Expr))); i >= 0 && i < len(pn.Lhs) {
				lhs = pn.Lhs[i]
			} else {
				return
			}
			c.trackTarget(lhs, timed, st)
			return
		case *ast.ValueSpec:
			if e.ParentEdgeKind() != edge.ValueSpec_Values {
				return
			}
			var lhs ast.Expr
			if len(pn.Names) == len(pn.Values) {
				lhs = pn.Names[e.ParentEdgeIndex()]
			} else if i := ctxResult(c.info.TypeOf(e.Node().(ast.Expr))); i >= 0 && i < len(pn.Names) {
				lhs = pn.Names[i]
			} else {
				return
			}
			c.trackTarget(lhs, timed, st)
			return
		case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt, *ast.UnaryExpr:
			st.escape = true
			return
		default:
			return
		}
	}
}

// trackTarget follows a context assigned to lhs.
func (c *checker) trackTarget(lhs ast.Expr, timed bool, st *flowState) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		st.escape = true // a field, an element, *p
		return
	}
	if id.Name == "_" {
		return
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok {
		return
	}
	if v.Kind() != types.LocalVar {
		if v.Kind() == types.PackageVar {
			st.escape = true
		} else if c.ctxVars[v] {
			st.override = true // ctx = context.Background(): a parameter reset
		}
		return
	}
	if c.ctxVars[v] {
		st.override = true
		return
	}
	if st.seen[v] {
		return
	}
	st.seen[v] = true
	decl := c.declaringFunc(v)
	for _, u := range c.uses[v] {
		if u.ParentEdgeKind() == edge.AssignStmt_Lhs {
			continue
		}
		skip := false
		for p := range u.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			f := c.funcs[p.Node()]
			if f == nil || f == decl {
				break
			}
			switch f.kind {
			case kindGo:
				st.escape = true
			case kindDefer:
				skip = true
			}
		}
		if !skip {
			c.track(u, timed, st)
		}
	}
}

// storedResult reports whether the result of the call at cur is assigned
// straight to a field, an element or a package-level variable: the call
// makes something that outlives it, and the context it gets is its lifetime.
func (c *checker) storedResult(cur inspector.Cursor) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return false
	}
	for _, l := range as.Lhs {
		switch l := ast.Unparen(l).(type) {
		case *ast.Ident:
			if v, ok := c.info.ObjectOf(l).(*types.Var); ok && v.Kind() == types.PackageVar {
				return true
			}
		default:
			if !isBlank(l) {
				return true
			}
		}
	}
	return false
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// ignoresParam reports whether fn, a concrete function or method, names its
// parameter i _: whatever is passed there is ignored.
func ignoresParam(fn *types.Func, i int) bool {
	if fn == nil {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return false // names in an interface are documentation
	}
	return sig.Params().At(i).Name() == "_"
}

// derives reports whether a call of sig makes a new context from its
// argument i: the parameter and a result are contexts.
func derives(sig *types.Signature, i int) bool {
	if i >= sig.Params().Len() || !ctxapi.IsContext(sig.Params().At(i).Type()) {
		return false
	}
	return ctxResult(sig.Results()) >= 0
}

// ctxResult returns the index of the first context among the results t
// (a tuple or a single type), or -1.
func ctxResult(t types.Type) int {
	if tup, ok := t.(*types.Tuple); ok {
		for i := range tup.Len() {
			if ctxapi.IsContext(tup.At(i).Type()) {
				return i
			}
		}
		return -1
	}
	if t != nil && ctxapi.IsContext(t) {
		return 0
	}
	return -1
}

// cleanupName reports whether a call named name releases or undoes
// something, and so must run even after the ctx in scope is cancelled.
func cleanupName(name string) bool {
	for _, verb := range []string{"Shutdown", "Close", "Stop", "Rollback", "Abort", "Cleanup", "CleanUp", "Release",
		"Unlock", "Delete", "Remove", "Cancel", "Unregister", "Deregister", "Revoke", "Drain", "Teardown", "Terminate", "Kill", "Disconnect", "Unsubscribe"} {
		if strings.HasPrefix(name, verb) || strings.HasPrefix(name, strings.ToLower(verb)) {
			return true
		}
	}
	return false
}
