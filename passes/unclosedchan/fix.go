package unclosedchan

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// deferCloseFix returns the fix "defer close(ch) at the top of the sending
// function literal", or nil if it would not keep the meaning: the literal
// must be the only sender, run once per channel, have no other defer or
// recover, and every existing close in it must end the literal (be its
// last statement or be followed by a bare return), so that deferring it
// changes nothing on the paths that already closed.
func (c *checker) deferCloseFix(o *object) *analysis.SuggestedFix {
	var fn *ssa.Function
	for _, s := range o.sends {
		if f := s.instr.Parent(); fn == nil {
			fn = f
		} else if f != fn {
			return nil
		}
	}
	if fn == nil || fn == o.make.Parent() || !c.once(fn, o) {
		return nil
	}
	lit, ok := fn.Syntax().(*ast.FuncLit)
	if !ok || lit.Body == nil || len(lit.Body.List) == 0 {
		return nil
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Defer:
				return nil
			case *ssa.Call:
				if bi, ok := in.Call.Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
					return nil
				}
			}
		}
	}
	// The channel expression, the same at every send and close.
	var exprs []ast.Expr
	for _, s := range o.sends {
		cur, ok := c.insp.Root().FindByPos(s.pos, s.pos)
		if !ok {
			return nil
		}
		var send *ast.SendStmt
		for e := range cur.Enclosing((*ast.SendStmt)(nil)) {
			send = e.Node().(*ast.SendStmt)
			break
		}
		if send == nil {
			return nil
		}
		exprs = append(exprs, send.Chan)
	}
	var removals []analysis.TextEdit
	for _, cl := range o.closes {
		if cl.Parent() != fn {
			return nil
		}
		if _, ok := cl.(*ssa.Call); !ok {
			return nil
		}
		call := c.callAt(cl.Pos())
		if call == nil || len(call.Args) != 1 {
			return nil
		}
		exprs = append(exprs, call.Args[0])
		edit, ok := c.removeClose(lit, call)
		if !ok {
			return nil
		}
		removals = append(removals, edit)
	}
	ch := types.ExprString(exprs[0])
	for _, e := range exprs[1:] {
		if types.ExprString(e) != ch {
			return nil
		}
	}
	if !c.stable(lit, exprs[0]) {
		return nil
	}
	insert := c.insertTop(lit, "defer close("+ch+")")
	msg := fmt.Sprintf("Add defer close(%s) at the top of the sending function literal", ch)
	if len(removals) > 0 {
		msg = fmt.Sprintf("Replace close(%s) with defer close(%s) at the top of the sending function literal", ch, ch)
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: append([]analysis.TextEdit{insert}, removals...)}
}

// stable reports whether e (an identifier or a chain of field selections
// on one) denotes the same variable throughout lit: its root is declared
// outside lit's body (or is a parameter) and nothing in the body assigns to
// it or to a prefix of e.
func (c *checker) stable(lit *ast.FuncLit, e ast.Expr) bool {
	info := c.pass.TypesInfo
	x := ast.Unparen(e)
	for {
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
			return false
		}
		x = ast.Unparen(sel.X)
	}
	root, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	obj, ok := info.Uses[root].(*types.Var)
	if !ok || (obj.Pos() >= lit.Body.Pos() && obj.Pos() < lit.Body.End()) {
		return false
	}
	text := types.ExprString(e)
	assigned := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.RangeStmt:
			lhs = []ast.Expr{n.Key, n.Value}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				lhs = []ast.Expr{n.X}
			}
		}
		for _, l := range lhs {
			if l == nil {
				continue
			}
			s := types.ExprString(l)
			if s == root.Name || strings.HasPrefix(text, s+".") || s == text {
				assigned = true
			}
		}
		return !assigned
	})
	return !assigned
}

// insertTop returns the edit inserting stmt as the first statement of lit.
func (c *checker) insertTop(lit *ast.FuncLit, stmt string) analysis.TextEdit {
	first := lit.Body.List[0]
	tf := c.pass.Fset.File(first.Pos())
	if tf != nil && tf.Line(first.Pos()) != tf.Line(lit.Body.Lbrace) {
		indent := strings.Repeat("\t", max(tf.Position(first.Pos()).Column-1, 0))
		return analysis.TextEdit{Pos: lit.Body.Lbrace + 1, End: lit.Body.Lbrace + 1, NewText: []byte("\n" + indent + stmt)}
	}
	return analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte(stmt + "; ")}
}

// removeClose returns the edit deleting the statement close(...) of lit,
// if it ends lit: it is the last statement of the body, or is followed by a
// return without results.
func (c *checker) removeClose(lit *ast.FuncLit, call *ast.CallExpr) (analysis.TextEdit, bool) {
	cur, ok := c.insp.Root().FindNode(call)
	if !ok {
		return analysis.TextEdit{}, false
	}
	stmtCur := cur.Parent()
	stmt, ok := stmtCur.Node().(*ast.ExprStmt)
	if !ok {
		return analysis.TextEdit{}, false
	}
	next, hasNext := stmtCur.NextSibling()
	switch {
	case !hasNext:
		if stmtCur.Parent().Node() != lit.Body {
			return analysis.TextEdit{}, false
		}
	default:
		ret, ok := next.Node().(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 0 {
			return analysis.TextEdit{}, false
		}
	}
	edit := analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End()}
	// Delete the whole line when the statement is alone on it.
	tf := c.pass.Fset.File(stmt.Pos())
	if tf == nil {
		return edit, true
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return edit, true
	}
	start, end := tf.Offset(stmt.Pos()), tf.Offset(stmt.End())
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	le := bytes.IndexByte(src[end:], '\n')
	if le < 0 || len(bytes.TrimSpace(src[ls:start])) != 0 || len(bytes.TrimSpace(src[end:end+le])) != 0 {
		return edit, true
	}
	return analysis.TextEdit{Pos: tf.Pos(ls), End: tf.Pos(end + le + 1)}, true
}
