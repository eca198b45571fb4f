package loopgo

// errgroup: whether a group has a limit.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

type groupLimit int

const (
	groupUnknown   groupLimit = iota // escapes, or not a local variable
	groupUnlimited                   // a local group, never limited
	groupLimited                     // SetLimit is called on it
)

// groupLimitOf tells whether the errgroup.Group of st (g.Go) has a limit.
// Only a group created in the function and used only through its own
// methods is known to have none.
func (c *checker) groupLimitOf(st start) groupLimit {
	sel, ok := ast.Unparen(st.node.(*ast.CallExpr).Fun).(*ast.SelectorExpr)
	if !ok {
		return groupUnknown
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return groupUnknown
	}
	obj, ok := c.info.Uses[id].(*types.Var)
	if !ok || obj.IsField() || obj.Parent() == nil || obj.Parent() == c.pass.Pkg.Scope() {
		return groupUnknown
	}
	if l, ok := c.groups[obj]; ok {
		return l
	}
	l := groupUnknown
	for fd := range st.cur.Enclosing((*ast.FuncDecl)(nil)) {
		l = c.scanGroup(fd, obj)
		break
	}
	c.groups[obj] = l
	return l
}

// scanGroup classifies the uses of the errgroup variable obj in fd.
func (c *checker) scanGroup(fd inspector.Cursor, obj *types.Var) groupLimit {
	l := groupUnlimited
	defined := false
	for cur := range fd.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.info.Defs[id] == obj {
			if !c.newGroup(cur) {
				return groupUnknown
			}
			defined = true
			continue
		}
		if c.info.Uses[id] != obj {
			continue
		}
		sel, ok := cur.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != id {
			return groupUnknown // passed, stored, copied: SetLimit may be elsewhere
		}
		switch sel.Sel.Name {
		case "Go", "Wait":
		case "TryGo":
			l = groupLimited // TryGo is only useful with a limit
		case "SetLimit":
			call, ok := cur.Parent().Parent().Node().(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return groupUnknown
			}
			if v := c.info.Types[call.Args[0]].Value; v != nil && constant.Sign(v) < 0 {
				continue // a negative limit is no limit
			}
			l = groupLimited
		default:
			return groupUnknown
		}
	}
	if !defined {
		return groupUnknown
	}
	return l
}

// newGroup reports whether the definition of a group variable at cur
// creates a fresh group: var g errgroup.Group, g := new(errgroup.Group),
// g := &errgroup.Group{} or g, ctx := errgroup.WithContext(ctx).
func (c *checker) newGroup(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.ValueSpec:
		if len(p.Values) == 0 {
			return true
		}
		if len(p.Values) == len(p.Names) {
			for i, n := range p.Names {
				if n == cur.Node() {
					return c.freshGroupExpr(p.Values[i])
				}
			}
		}
		return len(p.Values) == 1 && c.freshGroupExpr(p.Values[0])
	case *ast.AssignStmt:
		if len(p.Rhs) == len(p.Lhs) {
			for i, l := range p.Lhs {
				if l == cur.Node() {
					return c.freshGroupExpr(p.Rhs[i])
				}
			}
		}
		return len(p.Rhs) == 1 && c.freshGroupExpr(p.Rhs[0])
	}
	return false
}

func (c *checker) freshGroupExpr(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(c.info, e).(*types.Func); ok {
			return fn.Pkg() != nil && fn.Pkg().Path() == errgroupPath && fn.Name() == "WithContext"
		}
		if b, ok := typeutil.Callee(c.info, e).(*types.Builtin); ok {
			return b.Name() == "new"
		}
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok
	case *ast.CompositeLit:
		return true
	}
	return false
}
