package loopgo

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
	"github.com/conclint/conclint/internal/loopstmt"
	"github.com/conclint/conclint/internal/testcode"
	"github.com/conclint/conclint/internal/typematch"
)

//go:embed doc.go
var doc string

// Config holds loopgo's options; each is also a flag -loopgo.NAME.
type Config struct {
	// MinTrips is the constant trip count from which a loop with a
	// constant number of iterations is reported; loops with fewer trips
	// are always fine. 0 never reports constant loops.
	MinTrips int `json:"min-trips"`
	// Accept also reports for {} loops that receive work (a channel
	// receive, Accept, Recv, Read, Next, Scan), and ranges over a batch of
	// requests or messages, that start a goroutine for each item.
	Accept bool `json:"accept"`
	// Params also counts as data the parameters of functions whose callers
	// are out of view: exported functions, function literals and functions
	// used as values (for libraries whose API takes collections).
	Params bool `json:"params"`
}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is loopgo with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a loopgo analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      "loopgo",
		Doc:       analyzerdoc.MustExtract(doc, "loopgo"),
		URL:       "https://github.com/conclint/conclint#loopgo",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, ignore.Analyzer},
		FactTypes: []analysis.Fact{new(blocksFact), new(spawnsFact), new(pkgSpawnsFact), new(handsOffFact), new(servesFact), new(acquiresFact)},
	}
	a.Flags.IntVar(&cfg.MinTrips, "min-trips", cfg.MinTrips,
		"report loops with a constant trip count of at least this many iterations (0: never)")
	a.Flags.BoolVar(&cfg.Accept, "accept", cfg.Accept,
		"also report ranges over channels, for {} loops that receive work (Accept, Recv, a receive) and ranges over batches of requests or messages, that start a goroutine per item")
	a.Flags.BoolVar(&cfg.Params, "params", cfg.Params,
		"also count as data the parameters of exported functions, function literals and functions used as values (for library APIs)")
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

// blocksFact marks a function that blocks on a channel operation, a Wait
// or Acquire call or another such function on every path that returns: a
// throttle's Do, a pool's Get, a queue's Put. Calling one in every
// iteration bounds a loop like a semaphore does.
type blocksFact struct{}

func (*blocksFact) AFact()         {}
func (*blocksFact) String() string { return "blocks" }

// spawnsFact marks a function that starts a goroutine on every path and
// does not wait for it, so that calling it per element of data from
// another package starts a goroutine per element.
type spawnsFact struct {
	// Background: every goroutine it starts runs a service loop or
	// begins by waiting for an event (a watcher).
	Background bool
}

func (*spawnsFact) AFact() {}
func (f *spawnsFact) String() string {
	if f.Background {
		return "spawns service"
	}
	return "spawns"
}

// handsOffFact marks a function that only hands a value it is given to a
// channel (see handsOff): a goroutine that runs it, go
// ch.Write(logger, resp), is an asynchronous send, as a local go func()
// { out <- v }() is.
type handsOffFact struct{}

func (*handsOffFact) AFact()         {}
func (*handsOffFact) String() string { return "hands off" }

// pkgSpawnsFact marks a package that exports a function with a
// spawnsFact, so that its importers know to look for calls of it.
type pkgSpawnsFact struct{}

func (*pkgSpawnsFact) AFact()         {}
func (*pkgSpawnsFact) String() string { return "spawns" }

// A startKind says how a goroutine is started.
type startKind int

const (
	startGo     startKind = iota // go f()
	startWgGo                    // wg.Go(f), Go 1.25
	startGroup                   // g.Go(f) on an errgroup.Group
	startHelper                  // a function that always starts one
)

// A start is one place that starts a goroutine.
type start struct {
	cur  inspector.Cursor
	node ast.Node // *ast.GoStmt or *ast.CallExpr
	kind startKind
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	cfg  *Config
	r    *ignore.Reporter
	insp *inspector.Inspector

	hasGo         bool                          // the package has a go statement
	testPkg       bool                          // the package exists for tests (testutil, e2e)
	graphs        map[*ast.BlockStmt]*graph     // control-flow graphs by function body
	decls         map[*types.Func]*ast.FuncDecl // lazily built
	spawn         map[*types.Func]bool          // memo of spawns; false while in progress
	service       map[*types.Func]bool          // spawners whose goroutines all serve or watch
	server        map[*types.Func]bool          // functions that run a server (see servesFact)
	groups        map[types.Object]groupLimit   // memo of groupLimitOf
	block         map[*types.Func]bool          // memo of blocks; false while in progress
	origins       map[*types.Var]origin         // memo of originOf for variables
	results       map[*types.Func]origin        // memo of resultOrigin
	counted       map[*types.Func]int           // memo of countedParam; -1 for none
	cheapFuncs    map[*types.Func]bool          // memo of cheapCall; true while in progress
	vars          *varIndex                     // lazily built
	loopsReported map[ast.Stmt]bool             // loops already reported: one report per loop
}

func run(pass *analysis.Pass, cfg *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		cfg:     cfg,
		testPkg: testcode.SupportPackage(pass.Pkg.Path()),
		r:       r,
		insp:    insp,
		graphs:  make(map[*ast.BlockStmt]*graph),
		spawn:   make(map[*types.Func]bool),
		service: make(map[*types.Func]bool),
		server:  make(map[*types.Func]bool),
		groups:  make(map[types.Object]groupLimit),
		block:   make(map[*types.Func]bool),
		origins: make(map[*types.Var]origin),
		results: make(map[*types.Func]origin),
		counted: make(map[*types.Func]int),

		cheapFuncs: make(map[*types.Func]bool),

		loopsReported: make(map[ast.Stmt]bool),
	}
	for range insp.Root().Preorder((*ast.GoStmt)(nil)) {
		c.hasGo = true
		break
	}
	c.exportFacts()
	// Without a go statement, only wg.Go, errgroup's Go and functions of
	// other packages that spawn start goroutines.
	if !c.hasGo && !imports(pass.Pkg, "sync") && !imports(pass.Pkg, errgroupPath) && !c.importsSpawner() {
		return
	}
	for file := range insp.Root().Children() {
		if ast.IsGenerated(file.Node().(*ast.File)) {
			continue // never reported: do not pay for its huge functions
		}
		for cur := range file.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
			if st, ok := c.startAt(cur); ok {
				c.check(st)
			}
		}
	}
}

const errgroupPath = "golang.org/x/sync/errgroup"

// importsSpawner reports whether the package imports a package that
// exports a function that spawns.
func (c *checker) importsSpawner() bool {
	for _, p := range c.pass.Pkg.Imports() {
		if c.pass.ImportPackageFact(p, new(pkgSpawnsFact)) {
			return true
		}
	}
	return false
}

// imports reports whether pkg imports the package path.
func imports(pkg *types.Package, path string) bool {
	for _, p := range pkg.Imports() {
		if p.Path() == path {
			return true
		}
	}
	return false
}

// startAt reports whether the node at cur starts a goroutine.
func (c *checker) startAt(cur inspector.Cursor) (start, bool) {
	switch n := cur.Node().(type) {
	case *ast.GoStmt:
		return start{cur: cur, node: n, kind: startGo}, true
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, n).(*types.Func)
		if fn == nil {
			return start{}, false
		}
		switch {
		case isMethod(fn, "sync", "WaitGroup", "Go"):
			return start{cur: cur, node: n, kind: startWgGo}, true
		case isMethod(fn, errgroupPath, "Group", "Go"):
			return start{cur: cur, node: n, kind: startGroup}, true
		case c.spawnsCall(fn):
			return start{cur: cur, node: n, kind: startHelper}, true
		}
	}
	return start{}, false
}

// isMethod reports whether fn is the method name of pkg.typ (or *pkg.typ).
func isMethod(fn *types.Func, pkg, typ, name string) bool {
	if fn.Name() != name {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	return typematch.IsNamedOrPointer(sig.Recv().Type(), pkg, typ)
}

// check decides whether st is a goroutine start in a data-dependent loop
// that nothing bounds, and reports it.
func (c *checker) check(st start) {
	// The loops between the start and its function, innermost first.
	var loops []ast.Stmt
	var body *ast.BlockStmt
	for p := range st.cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := p.Node().(type) {
		case *ast.ForStmt:
			if inside(n.Body, st.node) {
				loops = append(loops, n)
			}
		case *ast.RangeStmt:
			if inside(n.Body, st.node) {
				loops = append(loops, n)
			}
		case *ast.FuncLit:
			body = n.Body
		case *ast.FuncDecl:
			body = n.Body
		}
		if body != nil {
			break
		}
	}
	if len(loops) == 0 || body == nil {
		return
	}
	if st.kind == startGroup && c.groupLimitOf(st) != groupUnlimited {
		return
	}
	g := c.graphOf(body)
	sn := g.nodeOf(st.cur)
	if sn == nil {
		return
	}
	for k, loop := range loops {
		lb, ok := g.loops[loop]
		if !ok || lb.body == nil {
			return
		}
		if !g.reach(sn, &search{goals: lb.next(), stops: lb.next()}) {
			continue // the loop starts at most one goroutine: look outward
		}
		tr := c.trips(loop)
		accept := tr.kind == tripAccept
		if c.boundedIn(g, loop, lb, sn, accept) {
			return
		}
		switch tr.kind {
		case tripConst:
			if c.cfg.MinTrips > 0 && tr.n >= int64(c.cfg.MinTrips) && !c.inTest(loop) {
				c.report(st, loop, tr, "unbounded")
				return
			}
			continue // a few goroutines per iteration of an outer loop
		case tripPool:
			return
		case tripData:
			if !c.dispatch(loop, tr) {
				why := c.exempt(st, g, loops[k:], tr)
				if debugExempt {
					println("DEBUG", c.pass.Fset.Position(st.node.Pos()).String(), why)
				}
				if why == "" {
					c.report(st, loop, tr, "unbounded")
				}
				if why == "state" && podContainers(c.info.TypeOf(tr.coll)) {
					// A few goroutines per element of an outer
					// loop, as for a constant trip count: the
					// containers of every pod listed.
					continue
				}
				return
			}
			// A batch of received requests: a handler per request, as
			// an accept loop starts one per connection.
			fallthrough
		case tripAccept:
			if c.cfg.Accept && tr.what != "" && !c.inTest(loop) && c.perIteration(st, loop, tr.src) {
				c.report(st, loop, tr, "accept")
			}
			return
		}
	}
}

// exempt returns why a goroutine per element of data is not reported, or
// "" to report it. loops[0] is the data loop, the others enclose it.
func (c *checker) exempt(st start, g *graph, loops []ast.Stmt, tr trip) string {
	loop := loops[0]
	// A goroutine that takes a semaphore first was given a limit by its
	// author, who expects more elements than slots: where the collection
	// comes from and what it is named say nothing more.
	limited := c.lateLimited(st)
	origin := c.originOf(tr.coll, 0)
	switch {
	case c.inTest(loop):
		return "test" // the test's own data
	case origin == originCode:
		return "code" // a literal's, or what the code embeds: as long as the code makes it
	case c.batched(g, loop, loops[1:]):
		return "batched" // an outer loop waits for each batch
	case c.dependent(st, tr):
		return "dependent" // waits on the goroutines of other elements
	case !limited && origin != originInput:
		return "state" // the receiver's, a global's, a literal's
	case c.lenGuarded(st.cur, tr.coll):
		return "guarded" // if len(xs) > max { return }
	case c.indexGuarded(st, loop, tr):
		return "guarded" // if i >= max { break }
	case c.handlePerElement(st, loop):
		return "follower" // m[id] = cancel: lives until its element goes
	case !c.perIteration(st, loop, nil):
		return "signal" // go notify(): nothing of the iteration
	case releases(st):
		return "release" // go ref.Release(ctx): frees what the program holds
	case c.constantKind(st, loop):
		return "kind" // case PingA, PingB: go ping(pt): one of a few constants
	case c.serviceLoop(st):
		return "service" // a long-lived goroutine per listener or peer
	case c.serviceTask(st, loop):
		return "service" // s.wg.Add(1); go s.resume(p): joined at shutdown
	case c.deferredLimited(st):
		return "deferred" // go func() { start.Wait(); throttle.Do() ... }()
	case c.waiter(st):
		return "waiter" // go func() { <-sub.Err(); ... }(): waits, then reacts
	case c.staggered(st, loop):
		return "staggered" // go func() { time.Sleep(time.Duration(i) * d); ... }()
	case c.coordinator(st):
		return "coordinator" // its own loop of starts is judged on its own
	case c.cheap(st):
		return "cheap" // go func() { mu.Lock(); out[k] = m[k]; mu.Unlock() }()
	case !limited && c.distinct(st, loop):
		return "distinct" // if seen[t.App] { continue }: one per application of the tokens
	case !limited && c.topology(st, loop, tr):
		return "topology" // per peer, node, shard, disk; hooks; open resources
	}
	return ""
}

// perIteration reports whether the goroutine started at st uses a
// variable of the loop's iteration (its key, value or counter, or a
// variable declared in its body, or src, the scanner or iterator whose
// method fetches the work). A goroutine that uses none (go
// checkHealth()) is a signal or a one-off task, not work per element.
func (c *checker) perIteration(st start, loop ast.Stmt, src types.Object) bool {
	return len(c.iterationUses(st, loop, src)) > 0
}

// iterationUses returns the variables of the loop's iteration (declared in
// the loop outside the start, or extra) that the start st uses.
func (c *checker) iterationUses(st start, loop ast.Stmt, extra types.Object) map[types.Object]bool {
	defined := map[types.Object]bool{extra: extra != nil}
	ast.Inspect(loop, func(n ast.Node) bool {
		if n == st.node {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if obj := c.info.Defs[id]; obj != nil {
				defined[obj] = true
			}
		}
		return true
	})
	used := make(map[types.Object]bool)
	ast.Inspect(st.node, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && defined[c.info.Uses[id]] {
			used[c.info.Uses[id]] = true
		}
		return true
	})
	return used
}

// inTest reports whether n is in a _test.go file, whose collections are
// the test's own data (tables, testdata files), fixed by its author.
func (c *checker) inTest(n ast.Node) bool {
	if c.testPkg {
		return true
	}
	f := c.pass.Fset.File(n.Pos())
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// inside reports whether n lies within outer.
func inside(outer, n ast.Node) bool {
	return outer != nil && outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// batched reports whether the data loop ranges over a batch (a slice
// expression or a variable of an outer loop) of an outer loop that waits
// for its goroutines in every iteration.
func (c *checker) batched(g *graph, loop ast.Stmt, outer []ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok || len(outer) == 0 {
		return false
	}
	for _, o := range outer {
		lb, ok := g.loops[o]
		if !ok || lb.body == nil || !c.waitsInBody(g, o, lb, nil, false) {
			continue
		}
		if _, ok := ast.Unparen(rs.X).(*ast.SliceExpr); ok {
			return true
		}
		if ors, ok := o.(*ast.RangeStmt); ok && usesAny(c.info, rs.X, ors.Key, ors.Value) {
			return true
		}
	}
	return false
}

// usesAny reports whether e refers to the variable declared by one of ids.
func usesAny(info *types.Info, e ast.Expr, ids ...ast.Expr) bool {
	var objs []types.Object
	for _, id := range ids {
		if id, ok := id.(*ast.Ident); ok && id.Name != "_" {
			if obj := info.ObjectOf(id); obj != nil {
				objs = append(objs, obj)
			}
		}
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			for _, o := range objs {
				if info.Uses[id] == o {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// report reports st, a goroutine start per iteration of loop.
func (c *checker) report(st start, loop ast.Stmt, tr trip, category string) {
	// A loop that starts goroutines in several places (the cases of a
	// switch) is fixed once: report its first start only.
	if c.loopsReported[loop] {
		return
	}
	c.loopsReported[loop] = true
	pos, end := st.node.Pos(), st.node.End()
	switch n := st.node.(type) {
	case *ast.GoStmt:
		pos, end = n.Go, n.Go+token.Pos(len("go"))
	case *ast.CallExpr:
		pos, end = n.Fun.Pos(), n.Fun.End()
	}
	related := []analysis.RelatedInformation{{
		Pos: loop.Pos(), End: loopstmt.Body(loop).Lbrace, Message: "the loop over " + tr.over(),
	}}
	var msg string
	fix := "use errgroup.SetLimit or a semaphore"
	if category == "accept" {
		fix = "acquire a semaphore before the go statement to cap concurrent handlers"
	}
	if fn := c.goroutineBody(st); fn != nil && category != "accept" {
		if l, ok := c.lateAcquire(fn); ok {
			category = "late-acquire"
			msg = fmt.Sprintf("goroutine per %s waits for %s inside the goroutine, so they all start at once and pile up blocked; acquire %s before starting the goroutine",
				tr.what, l.sem, l.sem)
			related = append(related, analysis.RelatedInformation{Pos: l.at.Pos(), End: l.at.End(), Message: l.sem + " acquired inside the goroutine"})
		}
	}
	if msg == "" && category != "accept" {
		// The semaphore is taken further down: in a function the
		// goroutine calls first, maybe of another package, or in the
		// goroutine a helper starts (getProxyLogs, whose goroutine
		// calls kubectlcmd.Logs).
		body := c.goroutineBody(st)
		if st.kind == startHelper {
			body = c.helperBody(st)
		}
		if a, ok := c.leadingAcquire(body, 0); ok {
			category = "late-acquire"
			if st.kind == startHelper {
				msg = fmt.Sprintf("%s starts a goroutine per %s that waits for %s inside it, so they all start at once and pile up blocked; bound the loop with a semaphore or a worker pool before the call",
					exprName(st.node.(*ast.CallExpr).Fun), tr.what, a)
			} else {
				msg = fmt.Sprintf("goroutine per %s waits for %s inside the goroutine, so they all start at once and pile up blocked; bound the loop with a semaphore or a worker pool before the go statement",
					tr.what, a)
			}
			related = append(related, analysis.RelatedInformation{Pos: a.at.Pos(), End: a.at.End(), Message: a.String() + " acquired inside the goroutine"})
		}
	}
	if msg == "" {
		switch st.kind {
		case startGroup:
			g := "g"
			if sel, ok := ast.Unparen(st.node.(*ast.CallExpr).Fun).(*ast.SelectorExpr); ok {
				g = types.ExprString(sel.X)
			}
			msg = fmt.Sprintf("%s.Go per %s on an errgroup with no limit; call %s.SetLimit before the loop", g, tr.what, g)
		case startHelper:
			msg = fmt.Sprintf("%s starts a goroutine per %s with no concurrency limit; %s",
				exprName(st.node.(*ast.CallExpr).Fun), tr.what, fix)
		default:
			msg = fmt.Sprintf("goroutine per %s with no concurrency limit; %s", tr.what, fix)
		}
	}
	c.r.Report(analysis.Diagnostic{Pos: pos, End: end, Category: category, Message: msg, Related: related})
}

// exprName is a short rendering of e for messages.
func exprName(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
			s = types.ExprString(call.Fun) + "(...)"
		}
	}
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

// coordinator reports whether the goroutine st starts itself starts
// goroutines in a loop (one goroutine per set, which fans out per drive of
// the set): the fan-out is its inner loop, which is judged, and reported,
// on its own, so the outer one is not reported a second time.
func (c *checker) coordinator(st start) bool {
	body := c.goroutineBody(st)
	if body == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		s, ok := n.(ast.Stmt)
		loopBody := loopstmt.Body(s)
		if !ok || loopBody == nil {
			return !found
		}
		ast.Inspect(loopBody, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.GoStmt:
				found = true
			case *ast.CallExpr:
				if fn, ok := typeutil.Callee(c.info, m).(*types.Func); ok &&
					(isMethod(fn, "sync", "WaitGroup", "Go") || isMethod(fn, errgroupPath, "Group", "Go") || c.spawnsCall(fn)) {
					found = true
				}
			}
			return !found
		})
		return false
	})
	return found
}

// indexGuarded reports whether a statement of the range loop's body before
// the start leaves the loop, or skips the iteration, once the index passes
// a bound that is not the collection's size: if i >= max { break } lets
// max goroutines start; if i < len(xs)-max { continue } (telegraf's
// jenkins sub-jobs) keeps the last max.
func (c *checker) indexGuarded(st start, loop ast.Stmt, tr trip) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok || rs.Key == nil {
		return false
	}
	if c.info.TypeOf(rs.X) == nil || c.isMap(rs.X) {
		return false // a map's key counts nothing
	}
	key, ok := c.info.ObjectOf(identOf(rs.Key)).(*types.Var)
	if !ok {
		return false
	}
	isKey := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && c.info.Uses[id] == key
	}
	// notData reports whether e is a bound not derived from a size.
	notData := func(e ast.Expr) bool { return c.boundOf(e, 0).kind != tripData }
	// lenMinus reports whether e is len(coll) less such bounds.
	lenMinus := func(e ast.Expr) bool {
		for {
			be, ok := ast.Unparen(e).(*ast.BinaryExpr)
			if !ok || be.Op != token.SUB || !notData(be.Y) {
				return false
			}
			if c.isLenOf(be.X, c.key(tr.coll)) {
				return true
			}
			e = be.X
		}
	}
	for _, s := range loopstmt.Body(loop).List {
		if inside(s, st.node) {
			return false
		}
		is, ok := s.(*ast.IfStmt)
		if !ok || is.Init != nil || is.Else != nil || len(is.Body.List) != 1 {
			continue
		}
		br, ok := is.Body.List[0].(*ast.BranchStmt)
		_, ret := is.Body.List[0].(*ast.ReturnStmt)
		be, isBin := ast.Unparen(is.Cond).(*ast.BinaryExpr)
		if !isBin {
			continue
		}
		// The comparison with the index on the left: i op bound.
		op, bound := be.Op, be.Y
		switch {
		case isKey(be.Y):
			op, bound = mirror(be.Op), be.X
		case !isKey(be.X):
			continue
		}
		switch {
		case ret || ok && br.Tok == token.BREAK && br.Label == nil:
			// if i >= max { break }, if max <= i { return }
			if (op == token.GEQ || op == token.GTR) && notData(bound) {
				return true
			}
		case ok && br.Tok == token.CONTINUE && br.Label == nil:
			// if i < len(xs)-max { continue }
			if (op == token.LSS || op == token.LEQ) && lenMinus(bound) {
				return true
			}
		}
	}
	return false
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// handlePerElement reports whether the loop keeps a handle on each
// goroutine it starts: the cancel function of its context (m[c.ID] =
// cancel), or the value made in the iteration whose method the goroutine
// runs (active[job.ID] = exec; go exec.Run(ctx)), stored in a map or
// appended to a list of the receiver or of the package (archs =
// append(archs, a); go a.hash()), by the loop or by a function of this
// package it passes the handle to (which keeps its parameter so:
// p.addActive(job.ID, exec)). Each goroutine gets a lifetime of its own,
// ended when its element goes away, or finishes in the background a
// value the program keeps anyway. That is a follower of the element (a
// log tail, a watch), a service loop per container or stream, a task its
// owner tracks and counts (a job queue's executors, fetched up to the
// free slots), whose number is what is being followed (telegraf's
// docker_log, river's producer), or the rest of setting up an element
// the program registers (cloudnative-pg's hash per architecture).
func (c *checker) handlePerElement(st start, loop ast.Stmt) bool {
	body := loopstmt.Body(loop)
	var runner types.Object // go exec.Run(ctx): exec, made in the iteration
	if gs, ok := st.node.(*ast.GoStmt); ok {
		if sel, ok := ast.Unparen(gs.Call.Fun).(*ast.SelectorExpr); ok {
			if id := identOf(sel.X); id != nil {
				if v, ok := c.info.Uses[id].(*types.Var); ok && declaredIn(body, v) {
					runner = v
				}
			}
		}
	}
	handle := func(e ast.Expr) bool {
		if t := c.info.TypeOf(e); t != nil && typematch.IsNamed(t, "context", "CancelFunc") {
			return true
		}
		id := identOf(e)
		return id != nil && runner != nil && c.info.Uses[id] == runner
	}
	if c.keeps(body, handle) {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			return true
		}
		d := c.declOf(fn.Origin())
		if d == nil || d.Body == nil {
			return true
		}
		params := fn.Origin().Signature().Params()
		for i, a := range call.Args {
			if i < params.Len() && handle(a) {
				p := params.At(i)
				found = found || c.keeps(d.Body, func(e ast.Expr) bool {
					id := identOf(e)
					return id != nil && c.info.Uses[id] == p
				})
			}
		}
		return !found
	})
	return found
}

// isMap reports whether e is a map.
func (c *checker) isMap(e ast.Expr) bool {
	t := c.info.TypeOf(e)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

// keeps reports whether body, outside function literals, keeps a value
// for which stored is true: assigns it to an element of a map
// (p.active[id] = v) or appends it to a list of the receiver or of the
// package (s.archs = append(s.archs, v)).
func (c *checker) keeps(body *ast.BlockStmt, stored func(ast.Expr) bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 {
				break
			}
			if ix, ok := ast.Unparen(n.Lhs[0]).(*ast.IndexExpr); ok && c.isMap(ix.X) {
				found = stored(n.Rhs[0])
			} else if c.appendsTo(n.Rhs[0], n.Lhs[0], stored) {
				found = c.stateHeld(n.Lhs[0])
			}
		}
		return !found
	})
	return found
}

// appendsTo reports whether e is append(list, ...) with an appended value
// for which stored is true.
func (c *checker) appendsTo(e, list ast.Expr, stored func(ast.Expr) bool) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() {
		return false
	}
	if b, ok := c.info.Uses[identOf(call.Fun)].(*types.Builtin); !ok || b.Name() != "append" {
		return false
	}
	if types.ExprString(call.Args[0]) != types.ExprString(list) {
		return false
	}
	for _, a := range call.Args[1:] {
		if stored(a) {
			return true
		}
	}
	return false
}

// constantKind reports whether the only value of the iteration that the
// goroutine uses is the tag of a switch whose case, around the start,
// lists constants (switch pt := Kind(t); pt { case A, B: go ping(pt) }):
// every goroutine gets one of a few constants, so the loop starts one per
// kind it is asked for, not per item (tailscale's ping types).
func (c *checker) constantKind(st start, loop ast.Stmt) bool {
	// The switch and case clause around the start, inside the loop.
	var tag types.Object
	for p := range st.cur.Enclosing((*ast.CaseClause)(nil)) {
		cc := p.Node().(*ast.CaseClause)
		sw, ok := p.Parent().Parent().Node().(*ast.SwitchStmt)
		if !ok || !inside(loopstmt.Body(loop), sw) || len(cc.List) == 0 {
			return false
		}
		for _, e := range cc.List {
			if tv, ok := c.info.Types[e]; !ok || tv.Value == nil {
				return false
			}
		}
		if id, ok := ast.Unparen(sw.Tag).(*ast.Ident); ok {
			tag = c.info.Uses[id]
		}
		break
	}
	if tag == nil {
		return false
	}
	for obj := range c.iterationUses(st, loop, nil) {
		if obj != tag {
			return false
		}
	}
	return true
}

// releases reports whether the goroutine only closes, releases, stops or
// destroys a value (go ref.Release(ctx), go conn.Close(), go
// invoker.Destroy()): it frees, in the background, a resource the program
// already holds one of per element, and a limit would only keep it longer
// (buildkit's results and cache mounts, dubbo's stale invokers).
func releases(st start) bool {
	gs, ok := st.node.(*ast.GoStmt)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(gs.Call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	switch sel.Sel.Name {
	case "Close", "Release", "Destroy", "Stop", "Shutdown":
		return true
	}
	return false
}
