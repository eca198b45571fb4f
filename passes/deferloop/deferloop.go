package deferloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	gocfg "golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
)

//go:embed doc.go
var doc string

// Config holds deferloop's options; each is also a flag -deferloop.NAME.
type Config struct {
	// All also reports deferred calls that release nothing (category other).
	All bool `json:"all"`
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
}

func run(pass *analysis.Pass, cfg *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	c := &checker{pass: pass, cfg: cfg, r: r, cfgs: make(map[*ast.BlockStmt]*gocfg.CFG)}
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
	var fnName string
	var fnBody *ast.BlockStmt
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if loop == nil && inBody(n.(ast.Stmt), d) {
				loop = n.(ast.Stmt)
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
	if constantSingleTrip(c.pass.TypesInfo, loop) || !c.iteratesAgain(fnBody, loop, d) {
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
	if body := loopBody(loop); wrappable(body) {
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
	b := loopBody(loop)
	return b.Pos() <= n.Pos() && n.End() <= b.End()
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	panic("not a loop")
}

func loopHeaderEnd(loop ast.Stmt) token.Pos { return loopBody(loop).Lbrace }

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
		switch name {
		case "Unlock", "RUnlock":
			lock := "Lock"
			if name == "RUnlock" {
				lock = "RLock"
			}
			if lockedBefore(loopBody(loop), call.Pos(), recv, lock) {
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
	case isNamed(t, "os", "File"):
		return "files stay open"
	case isNamed(t, "database/sql", "Rows"):
		return "rows and their connections stay open"
	}
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok && sel.Sel.Name == "Body" && isNamed(info.TypeOf(sel.X), "net/http", "Response") {
		return "response bodies and their connections stay open"
	}
	return fmt.Sprintf("each iteration's %s stays open", recv)
}

func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == pkg && obj.Name() == name
}

func isCancelFunc(t types.Type) bool {
	return isNamed(t, "context", "CancelFunc") || isNamed(t, "context", "CancelCauseFunc")
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
		g = gocfg.New(fnBody, c.mayReturn)
		c.cfgs[fnBody] = g
	}
	var start, head *gocfg.Block
	for _, b := range g.Blocks {
		if b.Stmt == loop && (b.Kind == gocfg.KindForLoop || b.Kind == gocfg.KindRangeLoop) {
			head = b
		}
		for _, n := range b.Nodes {
			if n == d {
				start = b
			}
		}
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

// mayReturn reports whether a call may return: panic, os.Exit,
// runtime.Goexit, log.Fatal* and testing's Fatal/FailNow/Skip do not.
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(c.pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return fn.Name() != "panic"
	case *types.Func:
		if fn.Pkg() == nil {
			return true
		}
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln":
			return false
		}
		if fn.Pkg().Path() == "testing" {
			switch fn.Name() {
			case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
				return false
			}
		}
	}
	return true
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
