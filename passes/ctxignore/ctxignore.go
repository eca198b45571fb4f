package ctxignore

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ctxapi"
	"github.com/conclint/conclint/internal/ignore"
	"github.com/conclint/conclint/internal/testcode"
	"github.com/conclint/conclint/internal/typematch"
)

//go:embed doc.go
var doc string

// Config holds ctxignore's options; each is also a flag -ctxignore.NAME.
type Config struct {
	// Tests also reports in _test.go files and test-support packages.
	// Off by default: a test's ctx bounds the test, and ignoring it makes a
	// failing test slower, not a request outlive its client.
	Tests bool `json:"tests"`
	// MinSleep is the shortest constant time.Sleep reported (category
	// sleep); shorter ones delay cancellation too little to matter.
	// Sleeps whose duration is not a constant are always reported.
	MinSleep string `json:"min-sleep"`
}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{MinSleep: "100ms"} }

// Analyzer is ctxignore with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a ctxignore analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "ctxignore",
		Doc:      analyzerdoc.MustExtract(doc, "ctxignore"),
		URL:      "https://github.com/conclint/conclint#ctxignore",
		Requires: []*analysis.Analyzer{inspect.Analyzer, ignore.Analyzer},
	}
	a.Flags.BoolVar(&cfg.Tests, "tests", cfg.Tests, "also report in _test.go files and test-support packages")
	a.Flags.StringVar(&cfg.MinSleep, "min-sleep", cfg.MinSleep, "shortest constant time.Sleep reported (category sleep)")
	a.Run = func(pass *analysis.Pass) (any, error) { return run(pass, &cfg) }
	return a
}

// A fn is a function declaration or literal of the package.
type fn struct {
	node   ast.Node // *ast.FuncDecl or *ast.FuncLit
	cur    inspector.Cursor
	body   *ast.BlockStmt
	parent *fn    // the enclosing function, for a literal
	decl   string // name of the enclosing declaration, for messages
	kind   litKind

	params     []*types.Var // named context.Context parameters
	req        *types.Var   // the *http.Request of a handler
	derived    []*types.Var // context variables derived from a ctx in scope, declared here
	anyCtx     bool         // has a context.Context parameter, named or not
	refsCtx    bool         // (literal) refers to a ctx in scope declared outside it
	obj        *types.Func  // the declared function, or nil
	summary    *via         // (declaration) how it creates a Background context
	summarized bool
}

type litKind int

const (
	kindDecl  litKind = iota // a function declaration
	kindGo                   // go func() {...}()
	kindDefer                // defer func() {...}()
	kindCall                 // func() {...}(), called where it stands
	kindOther                // any other literal: a callback, a value
)

// bearing reports whether f itself may have a ctx in scope: a named ctx
// parameter, a handler's request, or a context derived from either.
func (f *fn) bearing() bool { return len(f.params) > 0 || f.req != nil || len(f.derived) > 0 }

// bearingAt reports whether f itself has a ctx in scope at pos: a named ctx
// parameter, a handler's request, or a derived context visible there.
func (f *fn) bearingAt(pos token.Pos) bool {
	if len(f.params) > 0 || f.req != nil {
		return true
	}
	for _, v := range f.derived {
		if v.Pos() < pos && v.Parent() != nil && v.Parent().Contains(pos) {
			return true
		}
	}
	return false
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	cfg  *Config
	r    *ignore.Reporter
	root inspector.Cursor
	api  *ctxapi.Resolver

	minSleep int64 // nanoseconds

	funcs   map[ast.Node]*fn
	decls   map[*types.Func]*fn
	ctxVars map[*types.Var]bool               // ctx in scope: named ctx parameters and what derives from them
	uses    map[*types.Var][]inspector.Cursor // uses of local context variables
	scopes  map[*types.Scope]*fn              // the function of each function scope
	tests   map[*token.File]bool              // whether each file is a _test.go file
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	if pass.TypesInfo == nil || pass.Pkg == nil {
		return nil, nil
	}
	c := &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		cfg:     cfg,
		r:       r,
		root:    pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root(),
		api:     ctxapi.NewResolver(),
		funcs:   make(map[ast.Node]*fn),
		decls:   make(map[*types.Func]*fn),
		ctxVars: make(map[*types.Var]bool),
		uses:    make(map[*types.Var][]inspector.Cursor),
		scopes:  make(map[*types.Scope]*fn),
		tests:   make(map[*token.File]bool),
	}
	d, err := time.ParseDuration(cfg.MinSleep)
	if err != nil {
		return nil, fmt.Errorf("invalid -ctxignore.min-sleep %q: %v", cfg.MinSleep, err)
	}
	c.minSleep = int64(d)
	if !cfg.Tests && testcode.SupportPackage(pass.Pkg.Path()) {
		return nil, nil
	}
	if !c.collectFuncs() {
		return nil, nil // no function has a ctx in scope
	}
	c.collectUses()
	c.checkCalls()
	c.checkLoops()
	return nil, nil
}

// collectFuncs records every function of the package, its ctx parameters
// and the context variables derived from them. It reports whether any
// function has a ctx in scope.
func (c *checker) collectFuncs() bool {
	found := false
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		f := &fn{node: cur.Node(), cur: cur}
		var ftype *ast.FuncType
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			f.body, ftype, f.decl = n.Body, n.Type, n.Name.Name
			f.obj, _ = c.info.Defs[n.Name].(*types.Func)
			if f.obj != nil {
				c.decls[f.obj] = f
			}
		case *ast.FuncLit:
			f.body, ftype = n.Body, n.Type
			f.kind = litKindOf(cur)
			for p := range cur.Parent().Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				f.parent = c.funcs[p.Node()]
				break
			}
			if f.parent != nil {
				f.decl = f.parent.decl
			}
		}
		if f.body == nil {
			continue
		}
		c.funcs[f.node] = f
		if s := c.info.Scopes[ftype]; s != nil {
			c.scopes[s] = f
		}
		c.params(f, ftype)
		if f.bearing() {
			found = true
		}
	}
	if c.deriveVars() {
		found = true
	}
	return found
}

// litKindOf classifies the function literal at cur by how it is used.
func litKindOf(cur inspector.Cursor) litKind {
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	if cur.ParentEdgeKind() != edge.CallExpr_Fun {
		return kindOther
	}
	switch cur.Parent().Parent().Node().(type) {
	case *ast.GoStmt:
		return kindGo
	case *ast.DeferStmt:
		return kindDefer
	}
	return kindCall
}

// params records f's named ctx parameters and, for an http handler
// (w http.ResponseWriter, r *http.Request), its request.
func (c *checker) params(f *fn, ftype *ast.FuncType) {
	if ftype.Params == nil {
		return
	}
	var w bool
	var req *types.Var
	for _, field := range ftype.Params.List {
		t := c.info.TypeOf(field.Type)
		if t == nil {
			continue
		}
		switch {
		case ctxapi.IsContext(t):
			f.anyCtx = true
			for _, name := range field.Names {
				if v, ok := c.info.Defs[name].(*types.Var); ok && name.Name != "_" {
					f.params = append(f.params, v)
					c.ctxVars[v] = true
				}
			}
		case typematch.IsNamed(t, "net/http", "ResponseWriter"):
			w = true
		case isPointerTo(t, "net/http", "Request"):
			if len(field.Names) == 1 && field.Names[0].Name != "_" {
				req, _ = c.info.Defs[field.Names[0]].(*types.Var)
			}
		}
	}
	if w && req != nil {
		f.req = req
	}
}

// deriveVars finds the local context variables assigned from a ctx in
// scope (ctx2, cancel := context.WithTimeout(ctx, d); ctx := r.Context())
// and records them in the function that declares them. It reports whether
// it found any.
func (c *checker) deriveVars() bool {
	type assign struct {
		v   *types.Var
		rhs ast.Expr
	}
	var cands []assign
	add := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			v, ok := c.info.ObjectOf(id).(*types.Var)
			if !ok || !ctxapi.IsContext(v.Type()) || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
				continue
			}
			switch {
			case len(rhs) == len(lhs):
				cands = append(cands, assign{v, rhs[i]})
			case len(rhs) == 1:
				cands = append(cands, assign{v, rhs[0]})
			}
		}
	}
	for cur := range c.root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			add(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			add(lhs, n.Values)
		}
	}
	found := false
	for changed := true; changed; {
		changed = false
		for _, a := range cands {
			if c.ctxVars[a.v] || !c.carriesCtx(a.rhs) {
				continue
			}
			c.ctxVars[a.v] = true
			changed = true
			if f := c.declaringFunc(a.v); f != nil {
				f.derived = append(f.derived, a.v)
				found = true
			}
		}
	}
	return found
}

// declaringFunc returns the function whose body declares the local v.
func (c *checker) declaringFunc(v *types.Var) *fn {
	for s := v.Parent(); s != nil; s = s.Parent() {
		if f := c.scopes[s]; f != nil {
			return f
		}
	}
	return nil
}

// carriesCtx reports whether e mentions a ctx in scope, or calls
// p.Context() on a parameter p (a request, a stream).
func (c *checker) carriesCtx(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && c.ctxVars[v] {
				found = true
			}
		case *ast.CallExpr:
			if c.paramContextCall(n) != nil {
				found = true
			}
		}
		return true
	})
	return found
}

// paramContextCall returns p if call is p.Context() (or p.Field.Context())
// returning a context.Context, with p a parameter other than a receiver.
func (c *checker) paramContextCall(call *ast.CallExpr) *types.Var {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Context" || len(call.Args) != 0 || !ctxapi.IsContext(c.info.TypeOf(call)) {
		return nil
	}
	x := ast.Unparen(sel.X)
	for {
		s, ok := x.(*ast.SelectorExpr)
		if !ok {
			break
		}
		x = ast.Unparen(s.X)
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.ParamVar {
		return nil
	}
	return v
}

// collectUses indexes the uses of local context variables and of the
// parameters whose Context method gives a ctx, and marks the function
// literals that refer to a ctx in scope declared outside them.
func (c *checker) collectUses() {
	for cur := range c.root.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg {
			continue
		}
		ctxVar := c.ctxVars[v]
		if !ctxVar {
			if ctxapi.IsContext(v.Type()) && v.Kind() == types.LocalVar {
				c.uses[v] = append(c.uses[v], cur) // for the flow of Background contexts
			} else if v.Kind() == types.ParamVar {
				// p.Context(): a reference to the ctx of p.
				x := cur
				for x.ParentEdgeKind() == edge.SelectorExpr_X {
					x = x.Parent()
				}
				if call, ok := x.Parent().Node().(*ast.CallExpr); ok && x.ParentEdgeKind() == edge.CallExpr_Fun && c.paramContextCall(call) == v {
					c.markRefs(cur, v)
				}
			}
			continue
		}
		if v.Kind() == types.LocalVar {
			c.uses[v] = append(c.uses[v], cur)
		}
		c.markRefs(cur, v)
	}
}

// markRefs marks the function literals between the use of v at cur and the
// declaration of v as referring to a ctx in scope.
func (c *checker) markRefs(cur inspector.Cursor, v *types.Var) {
	for p := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		n := p.Node()
		if n.Pos() <= v.Pos() && v.Pos() < n.End() {
			return // v is declared here
		}
		if f := c.funcs[n]; f != nil {
			f.refsCtx = true
		}
	}
}

// enclosing returns the innermost function around cur, and whether cur is
// in a defer or go statement of that function (the deferred or started
// call itself, or its arguments).
func (c *checker) enclosing(cur inspector.Cursor) (f *fn, inDefer, inGo bool) {
	for p := range cur.Enclosing() {
		switch p.Node().(type) {
		case *ast.DeferStmt:
			inDefer = true
		case *ast.GoStmt:
			inGo = true
		case *ast.FuncDecl, *ast.FuncLit:
			if p != cur {
				return c.funcs[p.Node()], inDefer, inGo
			}
		}
	}
	return nil, inDefer, inGo
}

// scope returns the function whose ctx is in scope in f: f itself, or the
// function around it whose ctx a literal inherits. A literal inherits the
// ctx of its enclosing function when it refers to it or is called where it
// stands; a goroutine or callback that does not mention the ctx is
// deliberately detached, and a deferred literal is cleanup: neither
// inherits. With goroutines, every go func literal inherits (for nodone:
// a goroutine started by a ctx-bearing function must be stoppable).
func (c *checker) scope(f *fn, pos token.Pos, goroutines bool) *fn {
	for f != nil {
		if f.bearingAt(pos) {
			return f
		}
		switch f.kind {
		case kindDecl, kindDefer:
			return nil
		case kindGo:
			if !f.refsCtx && !goroutines {
				return nil
			}
		case kindOther:
			if !f.refsCtx {
				return nil
			}
		}
		f = f.parent
	}
	return nil
}

// ctxExpr returns the expression naming the ctx of scope that is visible
// at pos, and a phrase for it in messages.
func (c *checker) ctxExpr(scope *fn, pos token.Pos) (expr, phrase string, ok bool) {
	visible := func(v *types.Var) bool {
		if v.Pos() >= pos {
			return false
		}
		s := c.pass.Pkg.Scope().Innermost(pos)
		if s == nil {
			return false
		}
		_, obj := s.LookupParent(v.Name(), pos)
		return obj == v
	}
	for _, v := range scope.params {
		if visible(v) {
			return v.Name(), v.Name(), true
		}
		// ctx, cancel := context.WithTimeout(ctx, d) shadows the parameter
		// with a context derived from it.
		if s := c.pass.Pkg.Scope().Innermost(pos); s != nil {
			if _, obj := s.LookupParent(v.Name(), pos); obj != nil {
				if w, ok := obj.(*types.Var); ok && c.ctxVars[w] {
					return w.Name(), w.Name(), true
				}
			}
		}
	}
	for _, v := range slices.Backward(scope.derived) {
		if visible(v) {
			return v.Name(), v.Name(), true
		}
	}
	if scope.req != nil && visible(scope.req) {
		return scope.req.Name() + ".Context()", "the request's context", true
	}
	switch {
	case len(scope.params) > 0:
		return "", scope.params[0].Name(), false
	case scope.req != nil:
		return "", "the request's context", false
	case len(scope.derived) > 0:
		return "", scope.derived[0].Name(), false
	}
	return "", "the context", false
}

// skipFile reports whether findings at pos are not reported because it is
// in a _test.go file.
func (c *checker) skipFile(pos token.Pos) bool {
	if c.cfg.Tests {
		return false
	}
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	test, ok := c.tests[tf]
	if !ok {
		test = strings.HasSuffix(tf.Name(), "_test.go")
		c.tests[tf] = test
	}
	return test
}

// pathName names f in a via path: name, or Type.name for a method.
func (f *fn) pathName() string {
	if f.obj == nil {
		return f.decl
	}
	if sig, ok := f.obj.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + f.decl
		}
	}
	return f.decl
}

// calleeFunc returns the function or method called, or nil.
func (c *checker) calleeFunc(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	return fn
}

func isPointerTo(t types.Type, pkg, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && typematch.IsNamed(p.Elem(), pkg, name)
}

// mentionsCtx reports whether n (outside nested function literals unless
// lits) has any expression of type context.Context: a ctx, its Done or Err,
// a call it is passed to.
func (c *checker) mentionsCtx(n ast.Node, lits bool) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return lits
		case ast.Expr:
			if t := c.info.TypeOf(m); t != nil && ctxapi.IsContext(t) {
				found = true
			}
		}
		return true
	})
	return found
}
