package loopgo

// Trip counts: how many times a loop runs.

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

type tripKind int

const (
	tripPool   tripKind = iota // a count not derived from a collection: a worker pool
	tripConst                  // a compile-time constant count
	tripData                   // one iteration per element of a collection
	tripAccept                 // for {} or a loop on a condition
)

type trip struct {
	kind tripKind
	n    int64        // tripConst: the count
	what string       // "element of jobs", "value received from ch", ...
	coll ast.Expr     // tripData: the collection
	src  types.Object // tripAccept: the variable whose method receives the work, if any
}

func (t trip) over() string {
	if _, coll, ok := strings.Cut(t.what, " of "); ok {
		return coll
	}
	if _, coll, ok := strings.Cut(t.what, " from "); ok {
		return coll
	}
	if t.kind == tripConst {
		return fmt.Sprintf("%d iterations", t.n)
	}
	return "its work"
}

// trips classifies the number of iterations of loop.
func (c *checker) trips(loop ast.Stmt) trip {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return c.rangeTrips(l)
	case *ast.ForStmt:
		if l.Cond == nil {
			return c.acceptTrip(l)
		}
		if bound, ok := countedBound(c.info, l); ok {
			t := c.boundOf(bound, 0)
			// for i := 0; i < len(xs); i += len(xs)/n: n chunks.
			if as, ok := l.Post.(*ast.AssignStmt); ok && t.kind == tripData && len(as.Rhs) == 1 {
				if c.boundOf(as.Rhs[0], 0).kind == tripData {
					return trip{kind: tripPool}
				}
				t.what = "chunk of " + strings.TrimPrefix(t.what, "element of ")
			}
			if t.kind == tripConst {
				t.what = fmt.Sprintf("iteration of a %d-trip loop", t.n)
			}
			return t
		}
		return c.acceptTrip(l)
	}
	return trip{kind: tripPool}
}

func (c *checker) rangeTrips(rs *ast.RangeStmt) trip {
	tv, ok := c.info.Types[rs.X]
	if !ok || tv.Type == nil {
		return trip{kind: tripPool}
	}
	name := exprName(rs.X)
	if tv.Value != nil {
		switch tv.Value.Kind() {
		case constant.Int:
			if n, exact := constant.Int64Val(tv.Value); exact {
				return constTrip(n)
			}
		case constant.String:
			return constTrip(int64(len(constant.StringVal(tv.Value))))
		}
		return trip{kind: tripPool}
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			return c.boundOf(rs.X, 0)
		}
		return trip{kind: tripData, what: "rune of " + name, coll: rs.X}
	case *types.Array:
		return constTrip(u.Len())
	case *types.Slice, *types.Map:
		if n, ok := c.literalLen(rs.X); ok {
			return constTrip(n)
		}
		if size, ok := c.madeWith(rs.X); ok {
			t := c.boundOf(size, 0)
			if t.kind != tripData {
				return t
			}
		}
		return trip{kind: tripData, what: "element of " + name, coll: rs.X}
	case *types.Chan:
		// Like for { v := <-ch }: a stream of work, whose goroutine per
		// value is reported only with -loopgo.accept.
		return trip{kind: tripAccept, what: "value received from " + name, coll: rs.X}
	case *types.Signature:
		return trip{kind: tripData, what: "value yielded by " + name, coll: rs.X}
	case *types.Interface: // a type parameter
		return trip{kind: tripData, what: "element of " + name, coll: rs.X}
	}
	return trip{kind: tripPool}
}

func constTrip(n int64) trip {
	return trip{kind: tripConst, n: n, what: fmt.Sprintf("iteration of a %d-trip loop", n)}
}

// countedBound returns the bound of a counted loop: for i := a; i < b; i++
// gives b, for i := b; i >= a; i-- gives b. A condition a && b is bounded
// by its first counted conjunct.
func countedBound(info *types.Info, fs *ast.ForStmt) (ast.Expr, bool) {
	iv, up, ok := loopVar(info, fs.Post)
	if !ok {
		return nil, false
	}
	var bound func(e ast.Expr) (ast.Expr, bool)
	bound = func(e ast.Expr) (ast.Expr, bool) {
		be, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok {
			return nil, false
		}
		if be.Op == token.LAND {
			if b, ok := bound(be.X); ok {
				return b, true
			}
			return bound(be.Y)
		}
		isVar := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			return ok && info.ObjectOf(id) == iv
		}
		var other ast.Expr
		var op token.Token
		switch {
		case isVar(be.X):
			other, op = be.Y, be.Op
		case isVar(be.Y):
			other, op = be.X, mirror(be.Op) // b > i is i < b
		default:
			return nil, false
		}
		if up {
			if op == token.LSS || op == token.LEQ || op == token.NEQ {
				return other, true
			}
			return nil, false
		}
		if op == token.GTR || op == token.GEQ || op == token.NEQ {
			return initValue(info, fs.Init, iv)
		}
		return nil, false
	}
	return bound(fs.Cond)
}

// loopVar returns the variable a post statement i++, i--, i += k or i -= k
// steps, and whether it counts up.
func loopVar(info *types.Info, post ast.Stmt) (types.Object, bool, bool) {
	var x ast.Expr
	var up bool
	switch p := post.(type) {
	case *ast.IncDecStmt:
		x, up = p.X, p.Tok == token.INC
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || (p.Tok != token.ADD_ASSIGN && p.Tok != token.SUB_ASSIGN) {
			return nil, false, false
		}
		x, up = p.Lhs[0], p.Tok == token.ADD_ASSIGN
	default:
		return nil, false, false
	}
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return nil, false, false
	}
	obj := info.ObjectOf(id)
	return obj, up, obj != nil
}

// initValue returns the value the init statement gives to v.
func initValue(info *types.Info, init ast.Stmt, v types.Object) (ast.Expr, bool) {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return nil, false
	}
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
			return as.Rhs[i], true
		}
	}
	return nil, false
}

// boundOf classifies the bound of a counted loop: a constant, the size of
// a collection (len or cap, through arithmetic, conversions and local
// variables), or anything else (a worker pool).
func (c *checker) boundOf(e ast.Expr, depth int) trip {
	e = ast.Unparen(e)
	if tv, ok := c.info.Types[e]; ok && tv.Value != nil {
		if n, exact := constant.Int64Val(constant.ToInt(tv.Value)); exact {
			return constTrip(n)
		}
		return trip{kind: tripPool}
	}
	if depth > 4 {
		return trip{kind: tripPool}
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if tv, ok := c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return c.boundOf(e.Args[0], depth+1) // conversion
		}
		b, ok := typeutil.Callee(c.info, e).(*types.Builtin)
		if !ok {
			return trip{kind: tripPool}
		}
		switch b.Name() {
		case "len", "cap":
			if len(e.Args) != 1 {
				break
			}
			if t := c.info.TypeOf(e.Args[0]); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					return trip{kind: tripPool} // a channel's buffer: for i := 0; i < cap(sem); i++
				}
			}
			if size, ok := c.madeWith(e.Args[0]); ok {
				return c.boundOf(size, depth+1)
			}
			return trip{kind: tripData, what: "element of " + exprName(e.Args[0]), coll: e.Args[0]}
		case "min":
			// Bounded by its smallest non-data argument.
			var best *trip
			for _, a := range e.Args {
				t := c.boundOf(a, depth+1)
				if t.kind != tripData {
					return t
				}
				if best == nil {
					best = &t
				}
			}
			if best != nil {
				return *best
			}
		case "max":
			for _, a := range e.Args {
				if t := c.boundOf(a, depth+1); t.kind == tripData {
					return t
				}
			}
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.SHL, token.SHR:
			x, y := c.boundOf(e.X, depth+1), c.boundOf(e.Y, depth+1)
			if x.kind == tripData {
				return x
			}
			if y.kind == tripData && e.Op != token.QUO && e.Op != token.SHR {
				return y
			}
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			break
		}
		defs, ok := c.varIndex().defs[v]
		if !ok || len(defs) == 0 {
			break
		}
		var data *trip
		for _, d := range defs {
			if d == nil {
				return trip{kind: tripPool}
			}
			t := c.boundOf(d, depth+1)
			switch t.kind {
			case tripPool:
				return t
			case tripData:
				if data == nil {
					data = &t
				}
			}
		}
		if data != nil {
			return *data
		}
	}
	return trip{kind: tripPool}
}

// literalLen reports the length of a slice or map that is a composite
// literal, or a variable initialised by one and never assigned, appended
// to or (for maps) written or passed anywhere in the package.
func (c *checker) literalLen(e ast.Expr) (int64, bool) {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return 0, false
		}
		vi := c.varIndex()
		defs := vi.defs[v]
		if len(defs) != 1 || defs[0] == nil || vi.mutated[v] {
			return 0, false
		}
		e = ast.Unparen(defs[0])
	}
	if cl, ok := e.(*ast.CompositeLit); ok {
		return int64(len(cl.Elts)), true
	}
	return 0, false
}

// madeWith returns n when e is a slice of n elements: make(T, n), or the
// result of a function of the package that appends one element per
// iteration of a loop up to its parameter (names(n, base)), called where
// it stands or held by a variable that has no other value and is never
// assigned or appended to.
func (c *checker) madeWith(e ast.Expr) (ast.Expr, bool) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return c.sizeOf(call) // range names(n, base)
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil, false
	}
	vi := c.varIndex()
	defs := vi.defs[v]
	if len(defs) != 1 || defs[0] == nil || vi.mutated[v] {
		return nil, false
	}
	return c.sizeOf(defs[0])
}

// sizeOf returns n when the slice that e makes has n elements: make(T, n),
// or a call of a function of the package that counts its result with its
// parameter (see countedParam), given n for it.
func (c *checker) sizeOf(e ast.Expr) (ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, false
	}
	switch fn := typeutil.Callee(c.info, call).(type) {
	case *types.Builtin:
		if fn.Name() == "make" && len(call.Args) >= 2 {
			return call.Args[1], true
		}
	case *types.Func:
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
				return nil, false // T.f(x, n): the receiver is an argument
			}
		}
		if fn.Pkg() != c.pass.Pkg {
			return nil, false
		}
		if k, ok := c.countedParam(fn.Origin()); ok && k < len(call.Args) {
			return call.Args[k], true
		}
	}
	return nil, false
}

// countedParam returns the index of the parameter n of fn, a function of
// this package, when fn returns a local slice that it builds by appending
// one element per iteration of a loop counted up to n:
//
//	var names []string
//	for i := 0; i < n; i++ {
//		names = append(names, name(i))
//	}
//	return names
//
// The slice starts empty (unset, nil, an empty literal or make(T, 0, c)),
// every return returns it, and an inner loop around an append runs it at
// most once (its block ends in a break). Such a result has as many
// elements as the caller asks for, as make(T, n) has.
func (c *checker) countedParam(fn *types.Func) (int, bool) {
	if k, ok := c.counted[fn]; ok {
		return k, k >= 0
	}
	c.counted[fn] = -1
	d := c.declOf(fn)
	if d == nil || d.Body == nil {
		return -1, false
	}
	var out *types.Var
	ok := true
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			var v *types.Var
			if len(n.Results) > 0 {
				if id, isID := ast.Unparen(n.Results[0]).(*ast.Ident); isID {
					v, _ = c.info.Uses[id].(*types.Var)
				}
			}
			if v == nil || out != nil && v != out {
				ok = false
			}
			out = v
		}
		return ok
	})
	if _, isParam := c.varIndex().params[out]; !ok || out == nil || !isLocal(out) || isParam {
		return -1, false
	}
	if _, isSlice := out.Type().Underlying().(*types.Slice); !isSlice {
		return -1, false
	}
	k := -1
	for _, def := range c.varIndex().defs[out] {
		if c.emptySlice(def) {
			continue
		}
		call, isCall := ast.Unparen(def).(*ast.CallExpr)
		if !isCall || !c.appendsOne(call, out) {
			return -1, false
		}
		i, ok := c.countedAppend(fn, call)
		if !ok || k >= 0 && i != k {
			return -1, false
		}
		k = i
	}
	if k < 0 {
		return -1, false
	}
	c.counted[fn] = k
	return k, true
}

// emptySlice reports whether e makes an empty slice: nil, T{} or make(T,
// 0, c).
func (c *checker) emptySlice(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, isNil := c.info.Uses[e].(*types.Nil)
		return isNil
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(c.info, e).(*types.Builtin); ok && b.Name() == "make" && len(e.Args) >= 2 {
			tv := c.info.Types[e.Args[1]]
			return tv.Value != nil && constant.Sign(tv.Value) == 0
		}
	}
	return false
}

// appendsOne reports whether call is append(v, x): one element onto v.
func (c *checker) appendsOne(call *ast.CallExpr, v *types.Var) bool {
	if b, ok := typeutil.Callee(c.info, call).(*types.Builtin); !ok || b.Name() != "append" {
		return false
	}
	if len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return false
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	return ok && c.info.Uses[id] == v
}

// countedAppend returns the index of the parameter of fn that counts the
// loop around the append call: the outermost loop of fn around it, for i
// := 0; i < n; i++ or for range n, with n a parameter fn never assigns.
// A loop inside that one counts once if the block holding the append
// ends in a break of it.
func (c *checker) countedAppend(fn *types.Func, call *ast.CallExpr) (int, bool) {
	cur, ok := c.insp.Root().FindByPos(call.Pos(), call.End())
	if !ok {
		return -1, false
	}
	stmt := cur.Parent() // the assignment names = append(names, x)
	if _, ok := stmt.Node().(*ast.AssignStmt); !ok {
		return -1, false
	}
	k, inner := -1, 0
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var bound ast.Expr
		switch n := p.Node().(type) {
		case *ast.FuncLit:
			return -1, false
		case *ast.FuncDecl:
			return k, k >= 0
		case *ast.ForStmt:
			if !inside(n.Body, call) {
				continue
			}
			bound, _ = countedBound(c.info, n)
		case *ast.RangeStmt:
			if !inside(n.Body, call) {
				continue
			}
			if t, ok := c.info.TypeOf(n.X).Underlying().(*types.Basic); ok && t.Info()&types.IsInteger != 0 {
				bound = n.X
			}
		}
		if k >= 0 {
			return -1, false // a loop around the counted one
		}
		if i, ok := c.paramIndex(fn, bound); ok {
			k = i
			continue
		}
		if inner++; inner > 1 || !breaksAfter(stmt) {
			return -1, false
		}
	}
	return -1, false
}

// paramIndex returns the index of e among fn's parameters, when e names
// one that fn never assigns.
func (c *checker) paramIndex(fn *types.Func, e ast.Expr) (int, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if e == nil || !ok {
		return -1, false
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return -1, false
	}
	vi := c.varIndex()
	p, ok := vi.params[v]
	if !ok || p.fn != fn || p.variadic || len(vi.defs[v]) > 0 {
		return -1, false
	}
	return p.index, true
}

// breaksAfter reports whether the statement at cur stands in a block that
// ends in an unlabelled break, directly in the body of its loop or in an
// if statement's block there.
func breaksAfter(cur inspector.Cursor) bool {
	b, ok := cur.Parent().Node().(*ast.BlockStmt)
	if !ok || len(b.List) == 0 {
		return false
	}
	br, ok := b.List[len(b.List)-1].(*ast.BranchStmt)
	if !ok || br.Tok != token.BREAK || br.Label != nil {
		return false
	}
	for p := cur.Parent().Parent(); ; p = p.Parent() {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.IfStmt, *ast.BlockStmt:
			continue
		}
		return false // a switch or select: the break is its own
	}
}

// mirror returns the comparison that holds with its operands swapped:
// a < b is b > a. Other operators are returned as they are.
func mirror(op token.Token) token.Token {
	switch op {
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	}
	return op
}
