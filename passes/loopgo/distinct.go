package loopgo

import (
	"go/ast"
	"go/token"
	"go/types"
)

// distinct reports whether the range loop starts its goroutine once per
// distinct value of a field of its elements, for what that value names,
// rather than per element: casdoor's back-channel logout walks a user's
// tokens and posts once per application they belong to,
//
//	for _, t := range tokens {
//		id := appID(t.Owner, t.Application)
//		if seen[id] {
//			continue
//		}
//		seen[id] = true
//		app := getApplication(id)
//		go post(app.LogoutURI)
//	}
//
// Three things must hold: a statement of the loop's body before the start
// skips the keys seen (if seen[k] { continue }, or if _, ok := seen[k];
// ok { continue }) of a map declared outside the loop, which the body
// records (seen[k] = ...); the key is a field of the element or is made
// from its fields alone; and the goroutine uses neither the element nor
// a variable of the body defined from it, only what the key names. A
// loop that skips duplicate elements (seen[p.UID], then go del(p) or go
// del(id)) still starts one per element and is judged as any other.
func (c *checker) distinct(st start, loop ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	elems := make(map[types.Object]bool)
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			if obj := c.info.ObjectOf(id); obj != nil {
				elems[obj] = true
			}
		}
	}
	if len(elems) == 0 {
		return false
	}
	at := -1
	for i, s := range rs.Body.List {
		if s.Pos() <= st.node.Pos() && st.node.End() <= s.End() {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	for _, s := range rs.Body.List[:at] {
		is, ok := s.(*ast.IfStmt)
		if !ok || is.Else != nil || !continues(is.Body) {
			continue
		}
		seen, key := c.seenTest(is, rs)
		if seen != nil && c.fromFields(key, elems, rs.Body) && c.recorded(rs.Body, seen, key) &&
			c.awayFrom(st.node, elems, rs.Body, types.ExprString(key)) {
			return true
		}
	}
	return false
}

// continues reports whether the block ends with an unlabelled continue.
func continues(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	br, ok := b.List[len(b.List)-1].(*ast.BranchStmt)
	return ok && br.Tok == token.CONTINUE && br.Label == nil
}

// seenTest returns the map and key of the test of is, seen[k] of a
// map[K]bool or _, ok := seen[k]; ok, when the map is a local declared
// before the loop.
func (c *checker) seenTest(is *ast.IfStmt, loop *ast.RangeStmt) (*types.Var, ast.Expr) {
	var ix *ast.IndexExpr
	switch cond := ast.Unparen(is.Cond).(type) {
	case *ast.IndexExpr:
		if t, ok := c.info.TypeOf(cond).Underlying().(*types.Basic); ok && t.Kind() == types.Bool {
			ix = cond
		}
	case *ast.Ident:
		as, ok := is.Init.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			break
		}
		okID, _ := as.Lhs[1].(*ast.Ident)
		if okID == nil || c.info.ObjectOf(okID) != c.info.ObjectOf(cond) {
			break
		}
		ix, _ = ast.Unparen(as.Rhs[0]).(*ast.IndexExpr)
	}
	if ix == nil {
		return nil, nil
	}
	if _, ok := c.info.TypeOf(ix.X).Underlying().(*types.Map); !ok {
		return nil, nil
	}
	id, ok := ast.Unparen(ix.X).(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isLocal(v) || v.Pos() >= loop.Pos() {
		return nil, nil
	}
	return v, ix.Index
}

// recorded reports whether body stores seen[k] for the key k (the same
// expression).
func (c *checker) recorded(body *ast.BlockStmt, seen *types.Var, k ast.Expr) bool {
	want := types.ExprString(k)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, l := range as.Lhs {
			ix, ok := ast.Unparen(l).(*ast.IndexExpr)
			if !ok {
				continue
			}
			if id, ok := ast.Unparen(ix.X).(*ast.Ident); ok && c.info.Uses[id] == seen && types.ExprString(ix.Index) == want {
				found = true
			}
		}
		return true
	})
	return found
}

// fromFields reports whether the key k is a field of an element (t.App)
// or a local of the loop's body every definition of which is made from
// such fields, constants and what is declared outside the loop.
func (c *checker) fromFields(k ast.Expr, elems map[types.Object]bool, body *ast.BlockStmt) bool {
	if id, ok := ast.Unparen(k).(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || elems[v] || !declaredIn(body, v) {
			return false
		}
		defs := c.varIndex().defs[v]
		if len(defs) == 0 {
			return false
		}
		for _, d := range defs {
			if d == nil || !c.fieldsOnly(d, elems, body) {
				return false
			}
		}
		return true
	}
	return c.fieldsOnly(k, elems, body)
}

// fieldsOnly reports whether e uses at least one field of an element and
// no element otherwise, nor any other variable of the loop's body.
func (c *checker) fieldsOnly(e ast.Expr, elems map[types.Object]bool, body *ast.BlockStmt) bool {
	fields, ok := 0, true
	var visit func(ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			ok = false
		case *ast.SelectorExpr:
			if id, isID := ast.Unparen(n.X).(*ast.Ident); isID && elems[c.info.Uses[id]] {
				sel := c.info.Selections[n]
				ok = ok && sel != nil && sel.Kind() == types.FieldVal
				fields++
			} else {
				ast.Inspect(n.X, visit) // not n.Sel, a field's or a package member's name
			}
			return false
		case *ast.Ident:
			if obj := c.info.Uses[n]; obj != nil && (elems[obj] || declaredIn(body, obj)) {
				ok = false
			}
		}
		return ok
	}
	ast.Inspect(e, visit)
	return ok && fields > 0
}

// awayFrom reports whether the start n uses no element and no variable of
// the loop's body defined from an element other than through the key
// (app := s.App(t.Application) for the key t.Application): its goroutine
// works on what the key names, not on the element.
func (c *checker) awayFrom(n ast.Node, elems map[types.Object]bool, body *ast.BlockStmt, key string) bool {
	ok := true
	ast.Inspect(n, func(m ast.Node) bool {
		id, isID := m.(*ast.Ident)
		if !isID || !ok {
			return ok
		}
		obj := c.info.Uses[id]
		if obj == nil {
			return true
		}
		if elems[obj] {
			ok = false
			return false
		}
		v, isVar := obj.(*types.Var)
		if !isVar || !declaredIn(body, v) || declaredIn(n, v) {
			return true
		}
		for _, d := range c.varIndex().defs[v] {
			if d == nil || mentions(c.info, d, elems, key) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// mentions reports whether e uses one of the objects outside the
// subexpressions written as key.
func mentions(info *types.Info, e ast.Expr, objs map[types.Object]bool, key string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if types.ExprString(n) == key {
				return false
			}
		case *ast.Ident:
			found = found || objs[info.Uses[n]]
		}
		return !found
	})
	return found
}
