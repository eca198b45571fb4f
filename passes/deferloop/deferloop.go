package deferloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	gocfg "golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/chanops"
	"github.com/conclint/conclint/internal/ignore"
	"github.com/conclint/conclint/internal/loopstmt"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/typematch"
)

//go:embed doc.go
var doc string

// Config holds deferloop's options; each is also a flag -deferloop.NAME.
type Config struct {
	// All also reports deferred calls that release nothing (category other).
	All bool `json:"all"`
	// Tests also reports resources held in loops of _test.go files, where
	// they are released when the test function returns.
	Tests bool `json:"tests"`
}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is deferloop with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a deferloop analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "deferloop",
		Doc:      analyzerdoc.MustExtract(doc, "deferloop"),
		URL:      "https://github.com/conclint/conclint#deferloop",
		Requires: []*analysis.Analyzer{inspect.Analyzer, ignore.Analyzer},
	}
	a.Flags.BoolVar(&cfg.All, "all", cfg.All, "also report deferred calls that release nothing (category other)")
	a.Flags.BoolVar(&cfg.Tests, "tests", cfg.Tests, "also report resources (not locks) deferred in loops of _test.go files")
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

type checker struct {
	pass *analysis.Pass
	cfg  *Config
	r    *ignore.Reporter
	cfgs map[*ast.BlockStmt]*gocfg.CFG
	lits map[*types.Var]bool // memo of literalOnly for package-level variables
}

func run(pass *analysis.Pass, cfg *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	c := &checker{pass: pass, cfg: cfg, r: r, cfgs: make(map[*ast.BlockStmt]*gocfg.CFG), lits: make(map[*types.Var]bool)}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.DeferStmt)(nil)) {
		c.check(cur)
	}
}

func (c *checker) check(cur inspector.Cursor) {
	d := cur.Node().(*ast.DeferStmt)
	// Find the innermost loop, and the function that holds it. A function
	// literal between the defer and any loop ends the search: its defer
	// runs when the literal returns.
	var loop ast.Stmt
	var loopCur inspector.Cursor
	var fnName string
	var fnBody *ast.BlockStmt
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if loop == nil && inBody(n.(ast.Stmt), d) {
				loop, loopCur = n.(ast.Stmt), p
			}
		case *ast.FuncLit:
			fnName, fnBody = "the enclosing function literal", n.Body
		case *ast.FuncDecl:
			fnName, fnBody = n.Name.Name, n.Body
		}
		if fnBody != nil {
			break
		}
	}
	if loop == nil || fnBody == nil {
		return
	}
	cat, tail := c.classify(d.Call, loop)
	if cat == "other" && !c.cfg.All {
		return
	}
	if constantSingleTrip(c.pass.TypesInfo, loop) || c.oneShotCase(cur, loop) || c.onceGuarded(cur, loop) {
		return
	}
	if cat == "resource" && (c.literalBounded(loop, fnBody) || !c.cfg.Tests && c.inTestFile(d) || c.outlivesIteration(loopCur, d)) {
		return
	}
	if !c.iteratesAgain(fnBody, loop, d) {
		return
	}
	call := types.ExprString(d.Call)
	if _, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		call = "func() {...}()"
	}
	diag := analysis.Diagnostic{
		Pos:      d.Pos(),
		End:      d.End(),
		Category: cat,
		Message:  fmt.Sprintf("defer %s in loop runs only when %s returns%s", call, fnName, tail),
		Related:  []analysis.RelatedInformation{{Pos: loop.Pos(), End: loopHeaderEnd(loop), Message: "the loop"}},
	}
	if body := loopstmt.Body(loop); wrappable(body) {
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message: "Wrap the loop body in func() { ... }() so the defer runs at the end of each iteration",
			TextEdits: []analysis.TextEdit{
				{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte("\nfunc() {")},
				{Pos: body.Rbrace, End: body.Rbrace, NewText: []byte("}()\n")},
			},
		}}
	}
	c.r.Report(diag)
}

// inBody reports whether n lies in the body of loop (not its header).
func inBody(loop ast.Stmt, n ast.Node) bool {
	b := loopstmt.Body(loop)
	return b.Pos() <= n.Pos() && n.End() <= b.End()
}

func loopHeaderEnd(loop ast.Stmt) token.Pos { return loopstmt.Body(loop).Lbrace }

// classify returns the category of the deferred call and the end of the
// message that says what piles up.
func (c *checker) classify(call *ast.CallExpr, loop ast.Stmt) (category, tail string) {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		// defer func() { ...; x.Close(); ... }(): classify by the calls
		// it makes, the strongest category first.
		category, tail = "other", ""
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if cat, t := c.classifyCall(n, loop); rank(cat) > rank(category) {
					category, tail = cat, t
				}
			}
			return true
		})
		if category == "other" {
			tail = otherTail
		}
		return category, tail
	}
	return c.classifyCall(call, loop)
}

const otherTail = ", once per iteration; move it out of the loop or wrap the loop body in a function"

func rank(cat string) int {
	switch cat {
	case "lock":
		return 2
	case "resource":
		return 1
	}
	return 0
}

var releaseMethods = map[string]bool{
	"Close": true, "Stop": true, "Release": true, "Rollback": true, "Done": true, "Cancel": true,
	"Free": true, "Shutdown": true, "Unsubscribe": true, "Disconnect": true, "Unlock": true, "RUnlock": true,
}

func (c *checker) classifyCall(call *ast.CallExpr, loop ast.Stmt) (category, tail string) {
	info := c.pass.TypesInfo
	switch callee := typeutil.Callee(info, call).(type) {
	case *types.Func:
		sig, _ := callee.Type().(*types.Signature)
		if sig == nil {
			break
		}
		if sig.Recv() == nil {
			if pkg := callee.Pkg(); pkg != nil && pkg.Path() == "os" && (callee.Name() == "Remove" || callee.Name() == "RemoveAll") {
				return "resource", "; the files it removes pile up on disk until then"
			}
			break
		}
		name := callee.Name()
		if !releaseMethods[name] || sig.Params().Len() != 0 {
			break
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		recv := types.ExprString(sel.X)
		if name == "Done" && typematch.IsNamedOrPointer(info.TypeOf(sel.X), "sync", "WaitGroup") {
			// wg.Add(1); defer wg.Done() in a loop counts the function as
			// busy until it returns: deliberate, not a held resource.
			return "other", otherTail
		}
		switch name {
		case "Unlock", "RUnlock":
			lock := "Lock"
			if name == "RUnlock" {
				lock = "RLock"
			}
			if lockedBefore(loopstmt.Body(loop), call.Pos(), recv, lock) {
				if c.variesInLoop(loop, sel.X) {
					// A different lock each iteration, all held until
					// return: hand-over-hand locking, usually deliberate.
					return "other", otherTail
				}
				if name == "RUnlock" {
					return "lock", fmt.Sprintf(", so read locks of %s pile up and a waiting writer deadlocks; unlock at the end of the iteration", recv)
				}
				return "lock", fmt.Sprintf(", so the next iteration's %s.Lock() deadlocks; unlock at the end of the iteration", recv)
			}
			return "resource", fmt.Sprintf("; every %s.%s() waits until then", recv, name)
		case "Close":
			return "resource", "; " + closeWhat(info, sel.X, recv) + " until then"
		case "Stop":
			return "resource", fmt.Sprintf("; each iteration's %s keeps running until then", recv)
		case "Rollback":
			return "resource", fmt.Sprintf("; each iteration's transaction %s stays open until then", recv)
		}
		return "resource", fmt.Sprintf("; each iteration's %s is released only then", recv)
	case *types.Var:
		if isCancelFunc(callee.Type()) {
			return "resource", fmt.Sprintf("; each iteration's context stays alive (its timer and goroutines too) until %s runs", callee.Name())
		}
	}
	return "other", otherTail
}

// closeWhat names what a deferred x.Close() keeps open.
func closeWhat(info *types.Info, x ast.Expr, recv string) string {
	t := info.TypeOf(x)
	switch {
	case typematch.IsNamedOrPointer(t, "os", "File"):
		return "files stay open"
	case typematch.IsNamedOrPointer(t, "database/sql", "Rows"):
		return "rows and their connections stay open"
	}
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && typematch.IsNamedOrPointer(info.TypeOf(sel.X), "net/http", "Response") {
		return "response bodies and their connections stay open"
	}
	return fmt.Sprintf("each iteration's %s stays open", recv)
}

func isCancelFunc(t types.Type) bool {
	return typematch.IsNamedOrPointer(t, "context", "CancelFunc") || typematch.IsNamedOrPointer(t, "context", "CancelCauseFunc")
}

// lockedBefore reports whether body calls recv.lock() before pos, outside
// function literals.
func lockedBefore(body *ast.BlockStmt, pos token.Pos, recv, lock string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == lock && len(n.Args) == 0 && types.ExprString(sel.X) == recv {
				found = true
			}
		}
		return true
	})
	return found
}

// constantSingleTrip reports loops that the types say run at most once:
// range over the constant 0 or 1, or over an array of length at most 1.
func constantSingleTrip(info *types.Info, loop ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	tv, ok := info.Types[rs.X]
	if !ok {
		return false
	}
	if tv.Value != nil && tv.Value.Kind() == constant.Int {
		n, exact := constant.Int64Val(tv.Value)
		return exact && n <= 1
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		return a.Len() <= 1
	}
	return false
}

// iteratesAgain reports whether, in the control-flow graph of the function
// body, the loop's head is reachable from the defer: whether another
// iteration can follow the one that deferred.
func (c *checker) iteratesAgain(fnBody *ast.BlockStmt, loop ast.Stmt, d *ast.DeferStmt) bool {
	g := c.cfgs[fnBody]
	if g == nil {
		g = gocfg.New(fnBody, noreturn.MayReturn(c.pass.TypesInfo))
		c.cfgs[fnBody] = g
	}
	// The head is the loop's condition block; a for loop without a
	// condition has none, and its body block is where each iteration starts.
	var start, head, body *gocfg.Block
	for _, b := range g.Blocks {
		if b.Stmt == loop {
			switch b.Kind {
			case gocfg.KindForLoop, gocfg.KindRangeLoop:
				head = b
			case gocfg.KindForBody, gocfg.KindRangeBody:
				body = b
			}
		}
		for _, n := range b.Nodes {
			if n == d {
				start = b
			}
		}
	}
	if head == nil {
		head = body
	}
	if start == nil || head == nil {
		return true // cannot tell: assume it loops
	}
	seen := make(map[*gocfg.Block]bool)
	stack := append([]*gocfg.Block(nil), start.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == head {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// wrappable reports whether wrapping body in func() { ... }() keeps its
// meaning: no return, goto or label, and no break or continue that leaves
// the body.
func wrappable(body *ast.BlockStmt) bool {
	ok := true
	var walk func(n ast.Node, inLoop, inBreakable bool)
	walk = func(n ast.Node, inLoop, inBreakable bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if !ok || m == nil {
				return false
			}
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.LabeledStmt:
				ok = false
			case *ast.BranchStmt:
				switch {
				case m.Label != nil, m.Tok == token.GOTO:
					ok = false
				case m.Tok == token.BREAK && !inBreakable, m.Tok == token.CONTINUE && !inLoop:
					ok = false
				}
			case *ast.ForStmt, *ast.RangeStmt:
				walk(m, true, true)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, inLoop, true)
				return false
			}
			return true
		})
	}
	walk(body, false, false)
	return ok
}

// variesInLoop reports whether expression x may denote a different value in
// each iteration: a variable it mentions is declared inside the loop or
// assigned in it (including the loop's post statement and range variables).
func (c *checker) variesInLoop(loop ast.Stmt, x ast.Expr) bool {
	info := c.pass.TypesInfo
	vars := make(map[types.Object]bool)
	ast.Inspect(x, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	for v := range vars {
		if loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
			return true
		}
	}
	varies := false
	assigned := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && vars[info.ObjectOf(id)] {
			varies = true
		}
	}
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				assigned(l)
			}
		case *ast.IncDecStmt:
			assigned(n.X)
		case *ast.RangeStmt:
			if n.Key != nil {
				assigned(n.Key)
			}
			if n.Value != nil {
				assigned(n.Value)
			}
		}
		return !varies
	})
	return varies
}

// oneShotCase reports whether the defer is in a select case that receives
// from the channel of a *time.Timer created outside the loop and not reset in
// it: that case runs at most once, whatever the loop does.
func (c *checker) oneShotCase(cur inspector.Cursor, loop ast.Stmt) bool {
	info := c.pass.TypesInfo
	for p := range cur.Enclosing() {
		if p.Node() == loop {
			return false
		}
		cc, ok := p.Node().(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		sel, ok := ast.Unparen(chanops.Received(cc.Comm)).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "C" || !typematch.IsNamedOrPointer(info.TypeOf(sel.X), "time", "Timer") {
			continue
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			continue
		}
		timer := info.ObjectOf(id)
		if timer == nil || (loop.Pos() <= timer.Pos() && timer.Pos() < loop.End()) {
			continue
		}
		reset := false
		ast.Inspect(loop, func(n ast.Node) bool {
			// if t.Stop() { t.Reset(d) } re-arms only a timer that has
			// not fired: the case still runs at most once.
			if ifs, ok := n.(*ast.IfStmt); ok && callsMethod(info, ifs.Cond, timer, "Stop") {
				if ifs.Else != nil {
					ast.Inspect(ifs.Else, func(m ast.Node) bool {
						if call, ok := m.(*ast.CallExpr); ok && isMethodCall(info, call, timer, "Reset") {
							reset = true
						}
						return !reset
					})
				}
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && isMethodCall(info, call, timer, "Reset") {
				reset = true
			}
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if x, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(x) == timer {
						reset = true
					}
				}
			}
			return !reset
		})
		return !reset
	}
	return false
}

// literalBounded reports whether the loop ranges over a collection that the
// code spells out: a composite literal, or a variable every assignment of
// which is a composite literal (a test table, a fixed list of networks). What
// piles up is then bounded by what the code lists.
func (c *checker) literalBounded(loop ast.Stmt, fnBody *ast.BlockStmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	switch x := ast.Unparen(rs.X).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[x].(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg {
			return false
		}
		if v.Parent() == c.pass.Pkg.Scope() {
			b, seen := c.lits[v]
			if !seen {
				b = c.literalOnly(v, nil)
				c.lits[v] = b
			}
			return b
		}
		if fnBody.Pos() <= v.Pos() && v.Pos() < fnBody.End() {
			return c.literalOnly(v, fnBody)
		}
	}
	return false
}

// literalOnly reports whether every assignment to v in scope (a function
// body, or the whole package when nil) is a composite literal and v's
// address is never taken.
func (c *checker) literalOnly(v *types.Var, scope ast.Node) bool {
	info := c.pass.TypesInfo
	ok, seenDecl := true, false
	isV := func(e ast.Expr) bool {
		id, isID := ast.Unparen(e).(*ast.Ident)
		return isID && info.ObjectOf(id) == v
	}
	isLit := func(e ast.Expr) bool {
		_, lit := ast.Unparen(e).(*ast.CompositeLit)
		return lit
	}
	visit := func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == v {
					seenDecl = true
					if len(n.Values) == len(n.Names) && !isLit(n.Values[i]) {
						ok = false
					} else if len(n.Values) != 0 && len(n.Values) != len(n.Names) {
						ok = false
					}
				}
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if isV(l) {
					seenDecl = true
					if len(n.Rhs) != len(n.Lhs) || !isLit(n.Rhs[i]) || n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
						ok = false
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isV(n.X) {
				ok = false
			}
		case *ast.RangeStmt:
			if (n.Key != nil && isV(n.Key)) || (n.Value != nil && isV(n.Value)) {
				ok = false
			}
		}
		return ok
	}
	if scope != nil {
		ast.Inspect(scope, visit)
	} else {
		for _, f := range c.pass.Files {
			ast.Inspect(f, visit)
		}
	}
	return ok && seenDecl
}

// isMethodCall reports whether call is recv.name(...) for the variable recv.
func isMethodCall(info *types.Info, call *ast.CallExpr, recv types.Object, name string) bool {
	s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || s.Sel.Name != name {
		return false
	}
	x, ok := ast.Unparen(s.X).(*ast.Ident)
	return ok && info.ObjectOf(x) == recv
}

// callsMethod reports whether expression e contains a call recv.name().
func callsMethod(info *types.Info, e ast.Expr, recv types.Object, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && isMethodCall(info, call, recv, name) {
			found = true
		}
		return !found
	})
	return found
}

func (c *checker) inTestFile(n ast.Node) bool {
	f := c.pass.Fset.File(n.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// onceGuarded reports whether the defer sits in an if statement of the loop
// that is guarded by a flag it sets itself:
//
//	if !locked { mu.Lock(); defer mu.Unlock(); locked = true }
//
// The branch then runs at most once, provided nothing else in the loop
// assigns the flag.
func (c *checker) onceGuarded(cur inspector.Cursor, loop ast.Stmt) bool {
	info := c.pass.TypesInfo
	for p := range cur.Enclosing() {
		if p.Node() == loop {
			return false
		}
		ifs, ok := p.Node().(*ast.IfStmt)
		if !ok || !(ifs.Body.Pos() <= cur.Node().Pos() && cur.Node().End() <= ifs.Body.End()) {
			continue
		}
		// Flags: variables declared outside the loop that the condition reads.
		flags := make(map[types.Object]bool)
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && !(loop.Pos() <= v.Pos() && v.Pos() < loop.End()) {
					flags[v] = true
				}
			}
			return true
		})
		for v := range flags {
			inBody, elsewhere := false, false
			ast.Inspect(loop, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok {
					return true
				}
				for _, l := range as.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
						if ifs.Body.Pos() <= as.Pos() && as.End() <= ifs.Body.End() {
							inBody = true
						} else {
							elsewhere = true
						}
					}
				}
				return true
			})
			if inBody && !elsewhere {
				return true
			}
		}
	}
	return false
}

// outlivesIteration reports whether what the defer releases is meant to
// live past the iteration: the variable it releases (declared in the loop)
// is captured by a function literal (a goroutine using it), stored outside
// the iteration (appended, put in a composite literal, assigned to a variable
// declared outside the loop, a field or an element, sent on a channel) or
// has its address taken. Holding it until the function returns is then the
// point, as in a main that opens one connection per configured server for
// its goroutines.
func (c *checker) outlivesIteration(loopCur inspector.Cursor, d *ast.DeferStmt) bool {
	info := c.pass.TypesInfo
	loop := loopCur.Node()
	// The released variable: the root of the receiver, or the func value.
	var root *ast.Ident
	fun := ast.Unparen(d.Call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		fun = sel.X
	}
	for root == nil {
		switch x := ast.Unparen(fun).(type) {
		case *ast.Ident:
			root = x
		case *ast.SelectorExpr:
			fun = x.X
		default:
			return false
		}
	}
	v, ok := info.Uses[root].(*types.Var)
	if !ok || !(loop.Pos() <= v.Pos() && v.Pos() < loop.End()) {
		return false
	}
	declaredInLoop := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false // a field, an element, a dereference
		}
		if id.Name == "_" {
			return true
		}
		o := info.ObjectOf(id)
		return o != nil && loop.Pos() <= o.Pos() && o.Pos() < loop.End()
	}
	for idc := range loopCur.Preorder((*ast.Ident)(nil)) {
		id := idc.Node().(*ast.Ident)
		if info.Uses[id] != v || (d.Pos() <= id.Pos() && id.End() <= d.End()) {
			continue
		}
		for p := idc.Parent(); p.Node() != loop; p = p.Parent() {
			switch p.Node().(type) {
			case *ast.FuncLit, *ast.GoStmt:
				return true // captured by a closure or passed to a goroutine
			}
		}
		child := ast.Node(id)
	climb:
		for p := idc.Parent(); p.Node() != loop; p = p.Parent() {
			switch n := p.Node().(type) {
			case *ast.CompositeLit, *ast.SendStmt:
				return true
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					return true
				}
			case *ast.CallExpr:
				if b, ok := typeutil.Callee(info, n).(*types.Builtin); ok && b.Name() == "append" && child != n.Fun {
					return true
				}
				// Any other call uses the value; what it returns (it.Key(),
				// parse(f)) is not the resource, so storing that keeps
				// nothing open.
				break climb
			case *ast.AssignStmt:
				for i, r := range n.Rhs {
					if r == child && len(n.Lhs) == len(n.Rhs) && !declaredInLoop(n.Lhs[i]) {
						return true
					}
				}
			}
			child = p.Node()
			if _, ok := child.(ast.Stmt); ok {
				break climb
			}
		}
	}
	return false
}
