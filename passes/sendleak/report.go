package sendleak

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// nodeAt returns the innermost syntax node at pos.
func (c *checker) nodeAt(pos token.Pos) (inspector.Cursor, bool) {
	if !pos.IsValid() {
		return inspector.Cursor{}, false
	}
	return c.insp.Root().FindByPos(pos, pos)
}

// enclosing returns the innermost node of type T at pos.
func enclosing[T ast.Node](c *checker, pos token.Pos) (T, bool) {
	var zero T
	cur, ok := c.nodeAt(pos)
	if !ok {
		return zero, false
	}
	for p := range cur.Enclosing() {
		if n, ok := p.Node().(T); ok {
			return n, true
		}
		switch p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return zero, false
		}
	}
	return zero, false
}

// tripCount returns how many times the loops around st's statement run
// (inf unless every one has a constant count), and records those loops;
// loops around made (the make of the channel) do not count.
func (c *checker) tripCount(st *start, made token.Pos) int {
	n, loops := c.loopTrips(st.instr.Pos(), made)
	st.loops = loops
	return n
}

// loopTrips returns how many times the loops around the statement at pos
// run, within its function and outside the loops around made, and those
// loops.
func (c *checker) loopTrips(at, made token.Pos) (int, []ast.Stmt) {
	cur, ok := c.nodeAt(at)
	if !ok {
		return inf, nil
	}
	pos := cur.Node().Pos()
	n := 1
	var loops []ast.Stmt
	for p := range cur.Enclosing() {
		switch l := p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return n, loops
		case *ast.ForStmt:
			if l.Body.Pos() <= pos && pos < l.Body.End() && !(l.Pos() <= made && made < l.End()) {
				loops = append(loops, l)
				n = mul(n, c.forCount(l))
			}
		case *ast.RangeStmt:
			if l.Body.Pos() <= pos && pos < l.Body.End() && !(l.Pos() <= made && made < l.End()) {
				loops = append(loops, l)
				n = mul(n, c.rangeCount(l))
			}
		}
	}
	return n, loops
}

// intConst returns the value of a constant integer expression, or of a
// local variable initialized with one and never assigned again (np := 100).
func (c *checker) intConst(e ast.Expr) (int, bool) {
	if n, ok := c.fixedVar(e); ok {
		return n, true
	}
	return c.constValue(e)
}

func (c *checker) constValue(e ast.Expr) (int, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	v, exact := constant.Int64Val(tv.Value)
	if !exact || v < 0 || v >= inf {
		return 0, false
	}
	return int(v), true
}

func (c *checker) fixedVar(e ast.Expr) (int, bool) {
	init := c.fixedInit(e)
	if init == nil {
		return 0, false
	}
	return c.constValue(init)
}

// fixedInit returns the initializer of a local variable that is never
// assigned again, or nil.
func (c *checker) fixedInit(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || obj.Parent() == nil || obj.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	cur, ok := c.nodeAt(obj.Pos())
	if !ok {
		return nil
	}
	var init ast.Expr
	var body ast.Node
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.AssignStmt:
			if init == nil && n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if l, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[l] == obj {
						init = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			if init == nil && len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					if c.pass.TypesInfo.Defs[name] == obj {
						init = n.Values[i]
					}
				}
			}
		case *ast.FuncDecl:
			if n.Body == nil {
				return nil
			}
			body = n.Body
		case *ast.FuncLit:
			body = n.Body
		}
		if body != nil {
			break
		}
	}
	if init == nil || body == nil || c.assigned(body, obj) {
		return nil
	}
	return init
}

func (c *checker) rangeCount(l *ast.RangeStmt) int {
	if n, ok := c.intConst(l.X); ok {
		return max(n, 1)
	}
	// A slice literal, or a local variable set to one and never assigned
	// again: for _, s := range []string{"a", "b"}, names := []string{...}.
	lit, ok := ast.Unparen(l.X).(*ast.CompositeLit)
	if !ok {
		lit, ok = c.fixedInit(l.X).(*ast.CompositeLit)
	}
	if ok {
		for _, e := range lit.Elts {
			if _, keyed := e.(*ast.KeyValueExpr); keyed {
				return inf
			}
		}
		return max(len(lit.Elts), 1)
	}
	t := c.pass.TypesInfo.TypeOf(l.X)
	if t == nil {
		return inf
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok && a.Len() < inf {
		return max(int(a.Len()), 1)
	}
	return inf
}

// forCount matches for i := a; i < b; i++ with constant a and b and no
// other assignment to i.
func (c *checker) forCount(l *ast.ForStmt) int {
	init, ok := l.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return inf
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return inf
	}
	obj := c.pass.TypesInfo.Defs[id]
	from, ok := c.intConst(init.Rhs[0])
	if obj == nil || !ok {
		return inf
	}
	cond, ok := l.Cond.(*ast.BinaryExpr)
	if !ok || (cond.Op != token.LSS && cond.Op != token.LEQ) {
		return inf
	}
	if x, ok := cond.X.(*ast.Ident); !ok || c.pass.TypesInfo.Uses[x] != obj {
		return inf
	}
	to, ok := c.intConst(cond.Y)
	if !ok {
		return inf
	}
	post, ok := l.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return inf
	}
	if x, ok := post.X.(*ast.Ident); !ok || c.pass.TypesInfo.Uses[x] != obj {
		return inf
	}
	if c.assigned(l.Body, obj) {
		return inf
	}
	if cond.Op == token.LEQ {
		to++
	}
	return max(to-from, 1)
}

// assigned reports whether n assigns obj (other than in its declaration)
// or takes its address.
func (c *checker) assigned(n ast.Node, obj types.Object) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.pass.TypesInfo.Uses[id] == obj
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			found = found || slices.ContainsFunc(n.Lhs, is)
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && is(n.X))
		case *ast.RangeStmt:
			found = found || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
		}
		return !found
	})
	return found
}

// funcName names F in messages.
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the function literal"
	}
	return fn.Name()
}

func (c *checker) report(src *source, u *fuses, lk *leak, capacity, total int) {
	var sites []token.Pos
	for _, st := range u.starts {
		sites = append(sites, st.info.sites...)
	}
	slices.Sort(sites)
	sites = slices.Compact(sites)
	if len(sites) == 0 {
		return
	}
	pos, end := sites[0], sites[0]
	sendName := ""
	if s, ok := enclosing[*ast.SendStmt](c, sites[0]); ok {
		pos, end = s.Pos(), s.End()
		sendName = types.ExprString(s.Chan)
	}
	if !pos.IsValid() {
		return
	}
	mkCall, _ := enclosing[*ast.CallExpr](c, src.mk.Pos())
	chanName := c.madeName(mkCall)
	if sendName == "" {
		sendName = chanName
	}
	if chanName == "" {
		chanName = sendName
	}
	if sendName == "" {
		sendName, chanName = "the channel", "the channel"
	}
	fname := funcName(src.fn)
	verb, where := "returns", "returns here"
	if lk.at == src.at {
		verb, where = "moves on", "moves on here"
	}
	var how string
	var related []analysis.RelatedInformation
	switch lk.kind {
	case kindSelect:
		state := lk.sel.States[lk.caseIdx]
		how = fmt.Sprintf("%s through the %s case", verb, c.caseName(state))
		if cc, ok := enclosing[*ast.CommClause](c, state.Pos); ok {
			related = append(related, analysis.RelatedInformation{Pos: cc.Pos(), End: cc.Colon + 1,
				Message: fmt.Sprintf("%s leaves through this case without receiving from %s", fname, chanName)})
		}
	case kindEarly:
		how = fmt.Sprintf("%s before receiving from %s", verb, chanName)
	case kindPartial:
		how = fmt.Sprintf("%s before receiving every value from %s", verb, chanName)
	}
	if rp, re := c.exitPos(src, lk); rp.IsValid() && len(related) == 0 && lk.at != src.at {
		related = append(related, analysis.RelatedInformation{Pos: rp, End: re,
			Message: fmt.Sprintf("%s %s", fname, where)})
	}
	if mkCall != nil {
		msg := fmt.Sprintf("%s is made here with capacity %d", chanName, capacity)
		if lk.at == src.at && src.helper == nil {
			msg += "; the next iteration makes a new one"
		}
		related = append(related, analysis.RelatedInformation{Pos: mkCall.Pos(), End: mkCall.End(), Message: msg})
	}

	capText, fixable := c.capacityFor(src, u, mkCall, total)
	fix := fmt.Sprintf("give %s a buffer for every send or make the sender select on a done channel", chanName)
	if capText != "" && mkCall != nil && len(mkCall.Args) > 0 {
		fix = fmt.Sprintf("make %s buffered (make(%s, %s)) or select on a done channel",
			chanName, types.ExprString(mkCall.Args[0]), capText)
	}
	diag := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: lk.kind,
		Message:  fmt.Sprintf("send on %s blocks forever if %s %s; %s", sendName, fname, how, fix),
		Related:  related,
	}
	if fixable && mkCall != nil {
		var edit analysis.TextEdit
		switch len(mkCall.Args) {
		case 1:
			edit = analysis.TextEdit{Pos: mkCall.Args[0].End(), End: mkCall.Args[0].End(), NewText: []byte(", " + capText)}
		case 2:
			edit = analysis.TextEdit{Pos: mkCall.Args[1].Pos(), End: mkCall.Args[1].End(), NewText: []byte(capText)}
		}
		if edit.Pos.IsValid() {
			diag.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Give %s a buffer of %s", chanName, capText),
				TextEdits: []analysis.TextEdit{edit},
			}}
		}
	}
	c.r.Report(diag)
}

// exitPos returns the return statement (or the make that starts over)
// where F abandons the channel.
func (c *checker) exitPos(src *source, lk *leak) (token.Pos, token.Pos) {
	if lk.at == src.at {
		if call, ok := enclosing[*ast.CallExpr](c, src.at.Pos()); ok {
			return call.Pos(), call.End()
		}
		return token.NoPos, token.NoPos
	}
	if ret, ok := enclosing[*ast.ReturnStmt](c, lk.at.Pos()); ok {
		return ret.Pos(), ret.End()
	}
	// An implicit return at the end of the body.
	var body *ast.BlockStmt
	switch f := src.fn.Syntax().(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body != nil {
		return body.Rbrace, body.Rbrace + 1
	}
	return token.NoPos, token.NoPos
}

// madeName returns the variable the make is assigned to, if any.
func (c *checker) madeName(call *ast.CallExpr) string {
	if call == nil {
		return ""
	}
	cur, ok := c.insp.Root().FindNode(call)
	if !ok {
		return ""
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if i := slices.Index(p.Rhs, ast.Expr(call)); i >= 0 && i < len(p.Lhs) {
			return types.ExprString(p.Lhs[i])
		}
	case *ast.ValueSpec:
		if i := slices.Index(p.Values, ast.Expr(call)); i >= 0 && i < len(p.Names) {
			return p.Names[i].Name
		}
	}
	return ""
}

// caseName describes a select case that F leaves through.
func (c *checker) caseName(state *ssa.SelectState) string {
	if t, ok := types.Unalias(state.Chan.Type()).Underlying().(*types.Chan); ok {
		if typematch.IsNamed(t.Elem(), "time", "Time") {
			return "timeout"
		}
	}
	if u, ok := enclosing[*ast.UnaryExpr](c, state.Pos); ok && u.Op == token.ARROW {
		return "<-" + types.ExprString(u.X)
	}
	if state.Dir == types.SendOnly {
		return "send"
	}
	return "other"
}

// capacityFor returns the capacity that holds every send, as source
// text, and whether changing the make to it is a safe, mechanical fix.
func (c *checker) capacityFor(src *source, u *fuses, mk *ast.CallExpr, total int) (string, bool) {
	if total != inf {
		return strconv.Itoa(total), true
	}
	// n goroutines, one per element of a collection, each sending once.
	if len(u.starts) != 1 || src.helper != nil || mk == nil {
		return "", false
	}
	st := u.starts[0]
	if st.info.max != 1 || len(st.loops) != 1 {
		return "", false
	}
	rs, ok := st.loops[0].(*ast.RangeStmt)
	if !ok || rs.Pos() < mk.End() {
		return "", false // a make inside the loop is a new channel per goroutine
	}
	id, ok := ast.Unparen(rs.X).(*ast.Ident)
	if !ok {
		return "", false
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return "", false
	}
	var text string
	switch t := obj.Type().Underlying().(type) {
	case *types.Slice, *types.Map, *types.Array:
		text = "len(" + id.Name + ")"
	case *types.Basic:
		if t.Info()&types.IsInteger == 0 {
			return "", false
		}
		text = id.Name
	default:
		return "", false
	}
	// The fix is safe if the name means the same variable at the make
	// and keeps its value until the loop.
	fixable := obj.Parent() != nil && obj.Pos() < mk.Pos() && obj.Parent().Contains(mk.Pos())
	if fixable {
		scope := c.pass.Pkg.Scope().Innermost(mk.Pos())
		if scope == nil {
			fixable = false
		} else if _, inner := scope.LookupParent(id.Name, mk.Pos()); inner != obj {
			fixable = false
		}
	}
	if fixable {
		if syn := src.fn.Syntax(); syn == nil || c.assigned(syn, obj) {
			fixable = false
		}
	}
	return text, fixable
}
