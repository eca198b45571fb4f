package ctxignore

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// checkLoops reports the loops of category nodone: in a function with a ctx
// in scope, or in a goroutine it starts, a loop that waits on channels
// forever and never looks at the ctx; and a goroutine's bare send to the
// channel its starter returns.
func (c *checker) checkLoops() {
	for cur := range c.root.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.SendStmt)(nil)) {
		f, inDefer, _ := c.enclosing(cur)
		if f == nil || inDefer || c.skipFile(cur.Node().Pos()) {
			continue
		}
		scope := c.scope(f, cur.Node().Pos(), true)
		if scope == nil {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.ForStmt:
			if n.Cond == nil || c.isTrue(n.Cond) {
				c.checkForever(cur, n.Body, scope, f, "")
			}
		case *ast.RangeStmt:
			if what := c.neverClosed(n.X); what != "" {
				c.checkForever(cur, n.Body, scope, f, what)
			}
		case *ast.SendStmt:
			c.checkSend(cur, n, scope, f)
		}
	}
}

func (c *checker) isTrue(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// neverClosed returns how to name x if it is a channel that is never
// closed: a time.Ticker's C or the result of time.Tick.
func (c *checker) neverClosed(x ast.Expr) string {
	x = ast.Unparen(x)
	switch x := x.(type) {
	case *ast.SelectorExpr:
		if x.Sel.Name == "C" && isPointerTo(c.info.TypeOf(x.X), "time", "Ticker") {
			return types.ExprString(x)
		}
	case *ast.CallExpr:
		if typematch.IsFunc(c.calleeFunc(x), "time", "Tick") {
			return "time.Tick"
		}
	}
	return ""
}

// checkForever reports the loop at cur if it cannot end: it has no exit
// (return, break out of it, goto, os.Exit, log.Fatal, runtime.Goexit), it
// blocks on channel operations (a select without default, a bare send or
// receive, or ranging over a channel that is never closed), and it never
// mentions a context.
func (c *checker) checkForever(cur inspector.Cursor, body *ast.BlockStmt, scope, f *fn, rangeOver string) {
	loop := cur.Node().(ast.Stmt)
	if c.mentionsCtx(loop, false) || c.hasExit(cur, body) {
		return
	}
	var block ast.Node // the first blocking operation
	if rangeOver == "" {
		if block = c.blockingOp(body); block == nil {
			return
		}
	}
	ctx, phrase, ok := c.ctxExpr(scope, loop.Pos())
	if !ok {
		ctx = phrase
	}
	where := "in " + scope.decl
	if f.kind == kindGo {
		where = "in the goroutine started by " + scope.decl
	}
	var what, fix string
	switch b := block.(type) {
	case nil:
		what = "range over " + rangeOver
		fix = fmt.Sprintf("loop over a select on %s and %s.Done()", rangeOver, ctx)
	case *ast.SelectStmt:
		what = "loop"
		fix = fmt.Sprintf("add case <-%s.Done(): return to its select", ctx)
	default:
		what = "loop"
		fix = fmt.Sprintf("put the %s in a select with case <-%s.Done(): return", opName(b), ctx)
	}
	diag := analysis.Diagnostic{
		Pos:      loop.Pos(),
		End:      body.Lbrace,
		Category: "nodone",
		Message:  fmt.Sprintf("%s %s waits on channels forever and never checks %s, so it keeps running after %s is cancelled; %s", what, where, phrase, phrase, fix),
	}
	if block != nil {
		diag.Related = []analysis.RelatedInformation{{Pos: block.Pos(), End: block.End(), Message: "blocks here"}}
	}
	c.r.Report(diag)
}

func opName(n ast.Node) string {
	if _, ok := n.(*ast.SendStmt); ok {
		return "send"
	}
	return "receive"
}

// blockingOp returns the first channel operation in body that can block: a
// select without default, a send or a receive outside a select (nested
// function literals excluded).
func (c *checker) blockingOp(body *ast.BlockStmt) ast.Node {
	var found ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			hasDefault := false
			for _, cl := range n.Body.List {
				if cc, ok := cl.(*ast.CommClause); ok && cc.Comm == nil {
					hasDefault = true
				}
			}
			if !hasDefault {
				found = n
				return false
			}
			// Only the clause bodies can block.
			for _, cl := range n.Body.List {
				for _, st := range cl.(*ast.CommClause).Body {
					if b := c.blockingOp(&ast.BlockStmt{List: []ast.Stmt{st}}); b != nil && found == nil {
						found = b
					}
				}
			}
			return false
		case *ast.SendStmt:
			found = n
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = n
				return false
			}
		case *ast.RangeStmt:
			if t := c.info.TypeOf(n.X); t != nil && isChan(t) {
				found = n
				return false
			}
		}
		return true
	})
	return found
}

// hasExit reports whether the loop at cur can be left: a return, a break
// or goto out of it, a continue of an outer loop, or a call that ends the
// goroutine or the program.
func (c *checker) hasExit(cur inspector.Cursor, body *ast.BlockStmt) bool {
	var label string
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		label = ls.Label.Name
	}
	inner := map[string]bool{} // labels declared in the body
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			inner[ls.Label.Name] = true
		}
		_, lit := n.(*ast.FuncLit)
		return !lit
	})
	exit := false
	var walk func(n ast.Node, breakable bool)
	walk = func(n ast.Node, breakable bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if exit || m == nil {
				return false
			}
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				exit = true
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO:
					exit = true
				case m.Label != nil:
					if m.Label.Name == label && m.Tok == token.BREAK || !inner[m.Label.Name] && m.Label.Name != label {
						exit = true
					}
				case m.Tok == token.BREAK && !breakable:
					exit = true
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true)
				return false
			case *ast.CallExpr:
				if fn := c.calleeFunc(m); fn != nil && fn.Pkg() != nil {
					switch fn.Pkg().Path() + "." + fn.Name() {
					case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln":
						exit = true
					}
				}
			}
			return !exit
		})
	}
	walk(body, false)
	return exit
}

// checkSend reports a bare send, in a loop of a goroutine started by a
// function with a ctx in scope, on an unbuffered channel that the
// function makes and returns (a generator): once the caller stops
// receiving, typically because ctx was cancelled, the send blocks forever.
func (c *checker) checkSend(cur inspector.Cursor, send *ast.SendStmt, scope, f *fn) {
	if f.kind != kindGo || cur.ParentEdgeKind() == edge.CommClause_Comm {
		return
	}
	inLoop := false
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)) {
		_, inLoop = p.Node().(ast.Stmt)
		break
	}
	if !inLoop {
		return
	}
	id, ok := ast.Unparen(send.Chan).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.LocalVar {
		return
	}
	maker := c.declaringFunc(v)
	if maker == nil || maker == f || c.scope(maker, send.Pos(), true) == nil || c.mentionsCtx(f.body, true) ||
		!c.unbufferedMake(v) || !c.returns(maker, v) {
		return
	}
	ctx, phrase, ok := c.ctxExpr(scope, send.Pos())
	if !ok {
		ctx = phrase
	}
	c.r.Report(analysis.Diagnostic{
		Pos:      send.Pos(),
		End:      send.End(),
		Category: "nodone",
		Message: fmt.Sprintf("send on %s in the goroutine started by %s blocks forever once the caller stops receiving, and nothing ends it when %s is cancelled; select on the send and %s.Done()",
			id.Name, maker.decl, phrase, ctx),
	})
}

// unbufferedMake reports whether the local v is declared as make(chan T)
// or make(chan T, 0) and never assigned again.
func (c *checker) unbufferedMake(v *types.Var) bool {
	cur, ok := c.root.FindByPos(v.Pos(), v.Pos())
	if !ok {
		return false
	}
	var rhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) && cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			rhs = p.Rhs[cur.ParentEdgeIndex()]
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) {
			rhs = p.Values[cur.ParentEdgeIndex()]
		}
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return false
	}
	if b, ok := c.info.Uses[identOf(call.Fun)].(*types.Builtin); !ok || b.Name() != "make" {
		return false
	}
	if t := c.info.TypeOf(call); t == nil || !isChan(t) {
		return false
	}
	if len(call.Args) == 2 {
		tv, ok := c.info.Types[call.Args[1]]
		if !ok || tv.Value == nil || constant.Sign(tv.Value) != 0 {
			return false
		}
	}
	for u := range c.varUses(v) {
		if u.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return false
		}
	}
	return true
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// returns reports whether f returns v (maybe converted to <-chan T).
func (c *checker) returns(f *fn, v *types.Var) bool {
	found := false
	ast.Inspect(f.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				r = ast.Unparen(r)
				if conv, ok := r.(*ast.CallExpr); ok && len(conv.Args) == 1 {
					if tv, ok := c.info.Types[conv.Fun]; ok && tv.IsType() {
						r = ast.Unparen(conv.Args[0])
					}
				}
				if id, ok := r.(*ast.Ident); ok && c.info.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
