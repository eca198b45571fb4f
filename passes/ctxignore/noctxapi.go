package ctxignore

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/conclint/conclint/internal/ctxapi"
	"github.com/conclint/conclint/internal/typematch"
)

// checkAPI reports a call of an API that has a context-taking variant
// while a ctx is in scope. It reports whether the callee has a variant at
// all (reported or not).
func (c *checker) checkAPI(cur inspector.Cursor, call *ast.CallExpr, callee *types.Func, scope *fn) bool {
	v, ok := c.api.Lookup(callee)
	if !ok {
		return false
	}
	var related []analysis.RelatedInformation
	switch {
	case typematch.IsFunc(callee, "net/http", "NewRequest"):
		gets, sent := c.requestGetsContext(cur)
		if gets {
			return true
		}
		if sent != nil {
			related = []analysis.RelatedInformation{{Pos: sent.Pos(), End: sent.End(), Message: "the request is sent here without a context"}}
		}
	case typematch.IsFunc(callee, "os/exec", "Command"):
		if !c.commandRunsHere(cur) {
			return true
		}
	}
	ctx, phrase, ctxOK := c.ctxExpr(scope, call.Pos())
	what := types.ExprString(call.Fun)
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "noctxapi",
		Related:  related,
	}
	if !v.Fixable() {
		hint := v.Hint
		if ctxOK {
			hint = strings.ReplaceAll(hint, "(ctx,", "("+ctx+",")
		}
		diag.Message = fmt.Sprintf("%s in %s ignores %s, so cancelling it does not stop the call; %s", what, scope.decl, phrase, hint)
		c.r.Report(diag)
		return true
	}
	head, edits := c.variantHead(call, callee, v)
	arg := ctx
	if !ctxOK {
		arg, edits = phrase, nil
	}
	shown := append([]string{arg}, v.Lead...)
	if len(call.Args) > 0 {
		shown = append(shown, "...")
	}
	shown = append(shown, v.Trail...)
	if head == "" {
		head = v.Name
	}
	diag.Message = fmt.Sprintf("%s in %s ignores %s, so cancelling it does not stop the call; use %s(%s)", what, scope.decl, phrase, head, strings.Join(shown, ", "))
	if edits != nil {
		if argEdits := argEdits(call, ctx, v); argEdits != nil {
			diag.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Call %s with %s", head, ctx),
				TextEdits: append(edits, argEdits...),
			}}
		}
	}
	c.r.Report(diag)
	return true
}

// variantHead returns the callee expression of the variant call (db.QueryContext,
// (&net.Dialer{}).DialContext) and the edits that turn call.Fun into it, or
// nil edits when the rewrite is not mechanical here.
func (c *checker) variantHead(call *ast.CallExpr, callee *types.Func, v ctxapi.Variant) (string, []analysis.TextEdit) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		if id, ok := fun.X.(*ast.Ident); ok {
			if pn, ok := c.info.Uses[id].(*types.PkgName); ok {
				head := id.Name + "." + v.Name
				if v.Via != "" {
					head = ctxapi.Qualify(v.Via, id.Name) + "." + v.Name
					return head, []analysis.TextEdit{{Pos: fun.Pos(), End: fun.End(), NewText: []byte(head)}}
				}
				if pn.Imported().Scope().Lookup(v.Name) == nil {
					return head, nil
				}
				return head, []analysis.TextEdit{{Pos: fun.Sel.Pos(), End: fun.Sel.End(), NewText: []byte(v.Name)}}
			}
		}
		head := types.ExprString(fun.X) + "." + v.Name
		sel := c.info.Selections[fun]
		if sel == nil || sel.Kind() != types.MethodVal || v.Via != "" {
			return head, nil
		}
		// The variant must be a method of the receiver expression itself
		// (an embedding type may shadow it).
		t := c.info.TypeOf(fun.X)
		obj, _, _ := types.LookupFieldOrMethod(t, false, callee.Pkg(), v.Name)
		if obj == nil {
			if _, isVar := ast.Unparen(fun.X).(*ast.Ident); isVar {
				obj, _, _ = types.LookupFieldOrMethod(t, true, callee.Pkg(), v.Name)
			}
		}
		m, ok := obj.(*types.Func)
		if !ok || (v.Func != nil && m.Origin() != v.Func.Origin()) {
			return head, nil
		}
		return head, []analysis.TextEdit{{Pos: fun.Sel.Pos(), End: fun.Sel.End(), NewText: []byte(v.Name)}}
	case *ast.Ident:
		if v.Via != "" || callee.Pkg() != c.pass.Pkg {
			return v.Name, nil // dot import, or a variant reached another way
		}
		return v.Name, []analysis.TextEdit{{Pos: fun.Pos(), End: fun.End(), NewText: []byte(v.Name)}}
	}
	return "", nil // explicit instantiation f[T](...), or a method expression
}

// argEdits inserts ctx, v.Lead and v.Trail into the arguments of call.
func argEdits(call *ast.CallExpr, ctx string, v ctxapi.Variant) []analysis.TextEdit {
	lead := append([]string{ctx}, v.Lead...)
	if len(call.Args) == 0 {
		return []analysis.TextEdit{{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(strings.Join(append(lead, v.Trail...), ", "))}}
	}
	edits := []analysis.TextEdit{{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(strings.Join(lead, ", ") + ", ")}}
	if len(v.Trail) > 0 {
		if call.Ellipsis.IsValid() {
			return nil // f(xs...) must stay last
		}
		last := call.Args[len(call.Args)-1]
		edits = append(edits, analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(", " + strings.Join(v.Trail, ", "))})
	}
	return edits
}

// requestGetsContext reports whether the request made by http.NewRequest at
// cur may be given a context later: req = req.WithContext(ctx),
// req.Clone(ctx), or a call that receives both the request and a context.
// It also gives up (reports true) when the request is stored or returned:
// whoever sends it may attach a context. Otherwise it returns the first
// call the request is passed to (client.Do(req)), if any.
func (c *checker) requestGetsContext(cur inspector.Cursor) (bool, *ast.CallExpr) {
	v := c.assignedVar(cur)
	if v == nil {
		return true, nil
	}
	var sent *ast.CallExpr
	for u := range c.varUses(v) {
		switch u.ParentEdgeKind() {
		case edge.SelectorExpr_X:
			if sel := u.Parent().Node().(*ast.SelectorExpr); sel.Sel.Name == "WithContext" || sel.Sel.Name == "Clone" {
				return true, nil
			}
		case edge.CallExpr_Args:
			call := u.Parent().Node().(*ast.CallExpr)
			for _, a := range call.Args {
				if t := c.info.TypeOf(a); t != nil && ctxapi.IsContext(t) {
					return true, nil
				}
			}
			if sent == nil {
				sent = call
			}
			continue // client.Do(req): sent without a context
		}
		if c.escapes(u) {
			return true, nil
		}
	}
	return false, sent
}

// commandRunsHere reports whether the command made by exec.Command at cur
// runs to completion in this function: exec.Command(...).Output() or a
// local cmd on which Run, Output, CombinedOutput or Wait is called, and
// which is not stored, returned or handed on. A command started here and
// left running (a daemon) must not be killed with the ctx.
func (c *checker) commandRunsHere(cur inspector.Cursor) bool {
	waits := func(sel *ast.SelectorExpr) bool {
		switch sel.Sel.Name {
		case "Run", "Output", "CombinedOutput", "Wait":
			return true
		}
		return false
	}
	if cur.ParentEdgeKind() == edge.SelectorExpr_X {
		return waits(cur.Parent().Node().(*ast.SelectorExpr))
	}
	v := c.assignedVar(cur)
	if v == nil {
		return false
	}
	runs := false
	for u := range c.varUses(v) {
		if c.escapes(u) {
			return false
		}
		if u.ParentEdgeKind() == edge.SelectorExpr_X && waits(u.Parent().Node().(*ast.SelectorExpr)) {
			runs = true
		}
	}
	return runs
}

// assignedVar returns the local variable that the value of the call at
// cur is assigned to (its first result), or nil.
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || cur.ParentEdgeKind() != edge.AssignStmt_Rhs || len(as.Lhs) == 0 {
		return nil
	}
	lhs := as.Lhs[0]
	if len(as.Lhs) == len(as.Rhs) {
		lhs = as.Lhs[cur.ParentEdgeIndex()]
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return nil
	}
	return v
}

// varUses yields the uses of the local v, searching only the function that
// declares it.
func (c *checker) varUses(v *types.Var) func(func(inspector.Cursor) bool) {
	return func(yield func(inspector.Cursor) bool) {
		f := c.declaringFunc(v)
		if f == nil {
			return
		}
		for u := range f.cur.Preorder((*ast.Ident)(nil)) {
			if c.info.Uses[u.Node().(*ast.Ident)] == v && !yield(u) {
				return
			}
		}
	}
}

// escapes reports whether the use of a variable at u hands its value on:
// returned, stored in a field, element or global, sent, passed to a call,
// put in a composite literal, or captured by a goroutine or a callback.
func (c *checker) escapes(u inspector.Cursor) bool {
	switch u.ParentEdgeKind() {
	case edge.ReturnStmt_Results, edge.SendStmt_Value, edge.CompositeLit_Elts, edge.KeyValueExpr_Value, edge.CallExpr_Args:
		return true
	case edge.AssignStmt_Rhs:
		for _, l := range u.Parent().Node().(*ast.AssignStmt).Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				return true // a field, an element, *p
			}
			if v, ok := c.info.ObjectOf(id).(*types.Var); ok && v.Kind() == types.PackageVar {
				return true
			}
		}
	}
	for p := range u.Enclosing((*ast.FuncLit)(nil)) {
		if f := c.funcs[p.Node()]; f != nil && f.kind != kindCall {
			return true
		}
		break
	}
	return false
}

// checkSleep reports time.Sleep while a ctx is in scope.
func (c *checker) checkSleep(cur inspector.Cursor, call *ast.CallExpr, scope *fn) {
	if len(call.Args) != 1 || parks(cur) {
		return
	}
	if tv, ok := c.info.Types[call.Args[0]]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact && n < c.minSleep {
			return
		}
	}
	ctx, phrase, ok := c.ctxExpr(scope, call.Pos())
	if !ok {
		ctx = phrase
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "sleep",
		Message: fmt.Sprintf("time.Sleep in %s ignores %s, so cancellation waits for the whole sleep; select on %s.Done() and a timer instead",
			scope.decl, phrase, ctx),
	})
}

// parks reports whether the sleep at cur is the whole body of a for {} loop
// without exits: a deliberate "hang until killed", like select {}.
func parks(cur inspector.Cursor) bool {
	st := cur.Parent()
	if _, ok := st.Node().(*ast.ExprStmt); !ok {
		return false
	}
	block, ok := st.Parent().Node().(*ast.BlockStmt)
	if !ok || len(block.List) != 1 {
		return false
	}
	loop, ok := st.Parent().Parent().Node().(*ast.ForStmt)
	return ok && loop.Cond == nil && loop.Body == block
}
