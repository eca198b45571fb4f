package loopgo

// Functions that start goroutines or block, and semaphores taken late.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/chanops"
	"github.com/conclint/conclint/internal/loopstmt"
	"github.com/conclint/conclint/internal/noreturn"
	"github.com/conclint/conclint/internal/typematch"
	gocfg "golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// spawns reports whether fn, a function of this package, starts a
// goroutine on every path that returns and does not wait for it: no Wait
// call, receive, send, select or blocking call in its body, outside the
// goroutines it starts (a send would be a semaphore: p.sem <- token).
func (c *checker) spawns(fn *types.Func) bool {
	fn = fn.Origin()
	if s, ok := c.spawn[fn]; ok {
		return s
	}
	c.spawn[fn] = false // while in progress, recursive calls say no
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	has, waits := false, false
	service := true // every goroutine it starts serves or watches
	var callees []*types.Func
	// Waits count anywhere but in the goroutines it starts, deferred
	// function literals included (defer func() { out = <-c }()).
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			has = true
			service = service && (c.goServes(n.Call) || c.waits(c.funcBody(n.Call.Fun), decl.Body, n))
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok && c.holdsSemaphore(lit.Body) {
				// go func() { <-g.bucket; defer func() { g.bucket <- t }() ... }():
				// a limit, if a late one (minio's errgroup).
				waits = true
			}
			for _, a := range n.Call.Args {
				ast.Inspect(a, func(m ast.Node) bool {
					if u, ok := m.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
						waits = true
					}
					_, lit := m.(*ast.FuncLit)
					return !lit
				})
			}
			return false
		case *ast.SelectStmt, *ast.SendStmt:
			waits = true // a send blocks when a pool is full: p.sem <- token
		case *ast.RangeStmt:
			if t := c.info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					waits = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				waits = true
			}
		case *ast.CallExpr:
			if f, ok := typeutil.Callee(c.info, n).(*types.Func); ok {
				switch {
				case isMethod(f, "sync", "WaitGroup", "Go"):
					has = true
					service = service && len(n.Args) == 1 && c.funcServes(n.Args[0])
					return false
				case f.Pkg() != c.pass.Pkg && c.spawnsCall(f):
					has = true
					service = service && c.servesCall(f)
				case c.isWaitCall(n) || c.blockingCall(n) || c.readsPipe(n):
					waits = true
				case f.Pkg() == c.pass.Pkg:
					callees = append(callees, f)
				}
			}
		}
		return !waits
	})
	if waits {
		return false
	}
	if !has {
		for _, f := range callees {
			if c.spawns(f) {
				has = true
				service = service && c.service[f.Origin()]
			}
		}
	}
	if !has {
		return false
	}
	g := c.graphOf(decl.Body)
	isStart := func(n ast.Node) bool {
		if _, ok := n.(*ast.GoStmt); ok {
			return true
		}
		if _, ok := n.(*ast.DeferStmt); ok {
			return false
		}
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if f, ok := typeutil.Callee(c.info, m).(*types.Func); ok {
					if isMethod(f, "sync", "WaitGroup", "Go") || c.spawnsCall(f) {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	always := !g.reachFrom(g.cfg.Blocks[0], 0, &search{exits: true, blocked: isStart, noReturn: c.noReturnNode})
	c.spawn[fn] = always
	c.service[fn] = always && service
	return always
}

// goServes reports whether the goroutine go call starts runs a service
// loop (see serviceLoop).
func (c *checker) goServes(call *ast.CallExpr) bool {
	if body := c.funcBody(call.Fun); body != nil {
		return isServe(call) || c.loopsForever(body, 0)
	}
	return c.serveCall(call, 0, false) // another package's: Serve, or its servesFact
}

// funcServes reports whether fun, a function literal or a function of this
// package, runs a service loop.
func (c *checker) funcServes(fun ast.Expr) bool {
	body := c.funcBody(fun)
	return body != nil && c.loopsForever(body, 0)
}

// funcBody returns the body of fun, a function literal or a function of
// this package, or nil.
func (c *checker) funcBody(fun ast.Expr) *ast.BlockStmt {
	var id *ast.Ident
	switch f := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return f.Body
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return nil
	}
	switch obj := c.info.Uses[id].(type) {
	case *types.Func:
		if obj.Pkg() == c.pass.Pkg {
			if d := c.declOf(obj.Origin()); d != nil {
				return d.Body
			}
		}
	case *types.Var:
		// build := func(...) {...}; go build(x): a local assigned a
		// function literal once and never again.
		if defs := c.varIndex().defs[obj]; len(defs) == 1 && isLocal(obj) {
			if lit, ok := ast.Unparen(defs[0]).(*ast.FuncLit); ok {
				return lit.Body
			}
		}
	}
	return nil
}

// servesCall reports whether fn starts goroutines that all run a service
// loop or watch for an event: a function of this package, or one whose
// spawnsFact says so.
func (c *checker) servesCall(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.spawns(fn) && c.service[fn]
	}
	var f spawnsFact
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, &f) && f.Background
}

func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}

// goroutineFunc returns the function that st runs in a new goroutine:
// what a go statement calls, or the one argument of wg.Go(f) and
// g.Go(f). It is nil for a helper, which starts goroutines of its own.
func goroutineFunc(st start) ast.Expr {
	switch n := st.node.(type) {
	case *ast.GoStmt:
		return n.Call.Fun
	case *ast.CallExpr:
		if st.kind != startHelper && len(n.Args) == 1 {
			return n.Args[0]
		}
	}
	return nil
}

// goroutineBody returns the body of the function that st runs in a new
// goroutine, when it is a function literal or a function of this package.
func (c *checker) goroutineBody(st start) *ast.BlockStmt {
	return c.funcBody(goroutineFunc(st))
}

// A late is a semaphore that a goroutine acquires inside its body.
type late struct {
	sem string   // the semaphore, for messages
	at  ast.Node // where it is acquired
	// barrier is the WaitGroup the goroutine waits on before it
	// acquires (wg.Wait(), a start barrier), or nil.
	barrier []types.Object
}

// lateAcquire looks in the top-level statements of a goroutine's body for
// a semaphore acquired there: a send on a channel the body also receives
// from (or the reverse, for a pool of tokens), an Acquire call on a value
// that has a Release method, or a call that blocks on every path (learnt
// across packages through facts) of a method of a value that has a Release
// or Done method (throttle.Do()). Statements before it that wait on a
// WaitGroup are a start barrier, not work.
func (c *checker) lateAcquire(body *ast.BlockStmt) (l late, ok bool) {
	sends, recvs := c.chanOps(body)
	sem, at := "", ast.Node(nil)
	// shared reports whether the channel with key k is declared outside
	// the goroutine: one made inside it (depsCh := make(chan bool, 1);
	// depsCh <- true) is its own, not a semaphore of all of them.
	shared := func(k []types.Object) bool {
		return k != nil && !declaredIn(body, k[0])
	}
	check := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if k := c.key(n.Chan); shared(k) && hasKey(recvs, k) {
				sem, at, ok = types.ExprString(n.Chan), n, true
			}
		case *ast.ExprStmt, *ast.AssignStmt, ast.Expr:
			ast.Inspect(n, func(m ast.Node) bool {
				if ok {
					return false
				}
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.UnaryExpr:
					if m.Op == token.ARROW {
						if k := c.key(m.X); shared(k) && hasKey(sends, k) {
							sem, at, ok = types.ExprString(m.X), m, true
						}
					}
				case *ast.CallExpr:
					if s, found := c.acquireCall(m); found {
						sem, at, ok = s, m, true
					} else if s, found := c.limiterCall(m); found {
						sem, at, ok = s, m, true
					} else if s, found := c.pairedCall(m, body); found {
						sem, at, ok = s, m, true
					}
				}
				return true
			})
		}
		return ok
	}
	// Only the leading statements count: an acquire after the goroutine
	// has done its work is a lock around a result, not a semaphore.
	var barrier []types.Object
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt, *ast.DeclStmt:
			continue
		case *ast.IfStmt:
			if (s.Init != nil && check(s.Init)) || check(s.Cond) {
				return late{sem, at, barrier}, true
			}
		default:
			if check(s) {
				return late{sem, at, barrier}, true
			}
			if wg := c.waitGroupWait(s); wg != nil {
				barrier = wg
				continue
			}
		}
		if c.works(s) {
			break
		}
	}
	return late{}, false
}

// waitCall returns the call and its selector when s is a statement that
// only calls a method x.WaitSomething(...) that blocks (a WaitGroup's or a
// tomb's Wait).
func (c *checker) waitCall(s ast.Stmt) (*ast.CallExpr, *ast.SelectorExpr) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil, nil
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(sel.Sel.Name, "Wait") || c.info.Selections[sel] == nil {
		return nil, nil
	}
	if !c.isWaitCall(call) && !c.blockingCall(call) {
		return nil, nil
	}
	return call, sel
}

// waitGroupWait returns the key of the WaitGroup that s waits on, when s
// is a call of (*sync.WaitGroup).Wait.
func (c *checker) waitGroupWait(s ast.Stmt) []types.Object {
	call, sel := c.waitCall(s)
	if call == nil {
		return nil
	}
	if fn, _ := typeutil.Callee(c.info, call).(*types.Func); fn == nil || !isMethod(fn, "sync", "WaitGroup", "Wait") {
		return nil
	}
	return c.key(sel.X)
}

// deferredLimited reports whether the goroutine st starts waits on a start
// barrier that its starting function releases (wg.Done() there, deferred
// or after the loop), then acquires a limiter: dgraph's index builds, which
// run once the schema update returns, a throttle's worth at a time. The
// work is bounded, the goroutines wait by design, and acquiring before the
// go statement would deadlock, since the barrier opens only after the
// loop.
func (c *checker) deferredLimited(st start) bool {
	body := c.goroutineBody(st)
	if body == nil {
		return false
	}
	l, ok := c.lateAcquire(body)
	if !ok || l.barrier == nil {
		return false
	}
	fbody := enclosingBody(st)
	return fbody != nil && c.callsOn(fbody, "Done", l.barrier)
}

// declaredIn reports whether obj is declared within n.
func declaredIn(n ast.Node, obj types.Object) bool {
	return n.Pos() <= obj.Pos() && obj.Pos() < n.End()
}

// lateLimited reports whether the goroutine st starts begins by taking a
// semaphore, with no start barrier before it: its author bounded the
// work, expecting more elements than slots, and only the goroutines are
// left unbounded.
func (c *checker) lateLimited(st start) bool {
	body := c.goroutineBody(st)
	if body == nil {
		return false
	}
	l, ok := c.lateAcquire(body)
	return ok && l.barrier == nil
}

// dependent reports whether the goroutine st, started per element of the
// loop's collection, waits on a channel it looks up under a key found
// inside it: a container started once the containers it links to are
// (for _, child := range links(c) { n := restarting[child]; <-n }). Such
// goroutines wait on each other, so a limit taken before the go statement
// could leave every slot to a goroutine waiting for one that cannot
// start. A look-up of its own element (restarting[c], with c the loop's
// key) is not waiting on the others.
func (c *checker) dependent(st start, tr trip) bool {
	body := c.goroutineBody(st)
	k := c.key(tr.coll)
	if body == nil || k == nil {
		return false
	}
	// other reports whether e is coll[key] with a key declared in the body.
	other := func(e ast.Expr) bool {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		if !ok || !equalKeys(c.key(ix.X), k) {
			return false
		}
		id, ok := ast.Unparen(ix.Index).(*ast.Ident)
		if !ok {
			return false
		}
		obj := c.info.Uses[id]
		return obj != nil && declaredIn(body, obj)
	}
	looked := make(map[types.Object]bool) // n := restarting[child]
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && other(n.Rhs[0]) {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					looked[c.info.ObjectOf(id)] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				id, _ := ast.Unparen(n.X).(*ast.Ident)
				found = found || other(n.X) || id != nil && looked[c.info.Uses[id]]
			}
		}
		return !found
	})
	return found
}

// callsOn reports whether body calls the method name on the value with
// key k (wg.Done()), outside function literals.
func (c *checker) callsOn(body *ast.BlockStmt, name string, k []types.Object) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == name {
				found = equalKeys(c.key(sel.X), k)
			}
		}
		return !found
	})
	return found
}

// limiterCall reports whether call is x.M(...), a method that blocks on
// every path, on a value whose type also has a Release or Done method to
// give back what M took: badger's throttle.Do() and look-alikes. A Wait
// method (a WaitGroup's, a tomb's) waits for an event, it takes nothing.
func (c *checker) limiterCall(call *ast.CallExpr) (string, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || strings.HasPrefix(sel.Sel.Name, "Wait") || c.info.Selections[sel] == nil || !c.blockingCall(call) {
		return "", false
	}
	t := c.info.TypeOf(sel.X)
	if t == nil || typematch.IsNamed(t, "sync", "WaitGroup") {
		return "", false
	}
	for _, name := range []string{"Release", "Done"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, name); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc && obj.Name() != sel.Sel.Name {
				return types.ExprString(sel.X), true
			}
		}
	}
	return "", false
}

// pairedCall reports whether call is f(), a package-level function that
// blocks on every path, released by a deferred g() of the same package
// that blocks too, at the top level of body: esbuild's
// fs.BeforeFileOpen(); defer fs.AfterFileClose(), a send and a receive on
// the package's limit channel.
func (c *checker) pairedCall(call *ast.CallExpr, body *ast.BlockStmt) (string, bool) {
	f, _ := typeutil.Callee(c.info, call).(*types.Func)
	if f == nil || f.Pkg() == nil || f.Signature().Recv() != nil || !c.blockingCall(call) {
		return "", false
	}
	for _, st := range body.List {
		d, ok := st.(*ast.DeferStmt)
		if !ok {
			continue
		}
		g, _ := typeutil.Callee(c.info, d.Call).(*types.Func)
		if g != nil && g != f && g.Pkg() == f.Pkg() && g.Signature().Recv() == nil && c.blockingCall(d.Call) {
			return types.ExprString(call.Fun), true
		}
	}
	return "", false
}

// works reports whether the statement (or expression) s calls a function
// or operates on a channel (outside function literals): after it, the
// goroutine is working.
func (c *checker) works(s ast.Node) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, ok := c.info.Types[n.Fun]; !ok || !tv.IsType() && !tv.IsBuiltin() {
				found = true
			}
		case *ast.SendStmt:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}

// acquireCall reports whether call is x.Acquire(...) on a value whose type
// also has a Release method (semaphore.Weighted and look-alikes).
func (c *checker) acquireCall(call *ast.CallExpr) (string, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Acquire" {
		return "", false
	}
	t := c.info.TypeOf(sel.X)
	if t == nil {
		return "", false
	}
	if obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, "Release"); obj == nil {
		return "", false
	}
	return types.ExprString(sel.X), true
}

// key identifies the variable or field chain e denotes, or nil.
func (c *checker) key(e ast.Expr) []types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := c.info.ObjectOf(e); obj != nil {
			return []types.Object{obj}
		}
	case *ast.SelectorExpr:
		if base := c.key(e.X); base != nil {
			if obj := c.info.ObjectOf(e.Sel); obj != nil {
				return append(base, obj)
			}
		}
	}
	return nil
}

func equalKeys(a, b []types.Object) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// noReturnNode reports whether the cfg node n is a call that never returns.
func (c *checker) noReturnNode(n ast.Node) bool {
	if es, ok := n.(*ast.ExprStmt); ok {
		if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
			return !noreturn.MayReturn(c.info)(call)
		}
	}
	return false
}

// spawnsCall reports whether fn starts a goroutine on every path and does
// not wait for it: a function of this package, or one with a spawnsFact.
func (c *checker) spawnsCall(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.hasGo && c.spawns(fn)
	}
	if fn.Pkg() == nil || fn.Pkg().Path() == errgroupPath {
		return false // Go is a start of its own; TryGo is bounded
	}
	return c.pass.ImportObjectFact(fn, new(spawnsFact))
}

// blockingCall reports whether call is to a function that blocks on every
// path (see blocksFact).
func (c *checker) blockingCall(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.blocks(fn)
	}
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, new(blocksFact))
}

// readsPipe reports whether call reads from an io.Pipe: the reader's Read
// method, or a function or ReadFrom method that reads what it is given to
// the end (io.Copy(dst, r), io.ReadAll(r), buf.ReadFrom(r)). A read waits
// for the writer, so a function that starts a goroutine writing to the
// pipe and reads the other end waits for it (go func() {
// w.CloseWithError(build(w)) }(); return io.Copy(io.Discard, r)).
// Closing the reader, or handing it on (bufio.NewReader(r)), is no read,
// but a method called on what wraps it is (tr := tar.NewReader(r);
// tr.Next(), as kuberay's log download reads a remote tar).
func (c *checker) readsPipe(call *ast.CallExpr) bool {
	var isReader func(e ast.Expr, depth int) bool
	isReader = func(e ast.Expr, depth int) bool {
		if t := c.info.TypeOf(e); t != nil && typematch.IsNamedOrPointer(t, "io", "PipeReader") {
			return true
		}
		// A local variable defined once as a wrapper of the reader.
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok || depth > 3 {
			return false
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !isLocal(v) {
			return false
		}
		defs := c.varIndex().defs[v]
		if len(defs) != 1 || defs[0] == nil {
			return false
		}
		wrap, ok := ast.Unparen(defs[0]).(*ast.CallExpr)
		if !ok {
			return false
		}
		for _, a := range wrap.Args {
			if isReader(a, depth+1) {
				return true
			}
		}
		return false
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil && !strings.HasPrefix(fn.Name(), "Close") && isReader(sel.X, 0) {
		return true // r.Read(p), tr.Next()
	}
	switch {
	case fn.Name() == "ReadFrom" && fn.Signature().Recv() != nil:
	case fn.Pkg() != nil && fn.Pkg().Path() == "io" && fn.Signature().Recv() == nil:
		switch fn.Name() {
		case "Copy", "CopyBuffer", "CopyN", "ReadAll", "ReadFull", "ReadAtLeast":
		default:
			return false
		}
	default:
		return false
	}
	for _, a := range call.Args {
		if isReader(a, 0) {
			return true
		}
	}
	return false
}

// exportFacts exports a blocksFact or a spawnsFact for each exported
// function or method of the package that blocks, or starts a goroutine,
// on every path.
func (c *checker) exportFacts() {
	spawner := false
	for _, f := range c.pass.Files {
		if c.inTest(f) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !fd.Name.IsExported() {
				continue // other packages can call only exported functions
			}
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if c.blocks(fn) {
				c.pass.ExportObjectFact(fn, new(blocksFact))
			}
			if handsOff(fd.Body) {
				c.pass.ExportObjectFact(fn, new(handsOffFact))
			}
			if c.serves(fn, 0) {
				c.pass.ExportObjectFact(fn, new(servesFact))
			}
			c.exportAcquires(fd, fn)
			if c.hasGo && c.spawns(fn) {
				c.pass.ExportObjectFact(fn, &spawnsFact{Background: c.service[fn]})
				if !spawner {
					c.pass.ExportPackageFact(new(pkgSpawnsFact))
					spawner = true
				}
			}
		}
	}
}

// blocks reports whether fn, a function of this package, blocks on a
// channel operation, a Wait or Acquire call or a blocking function on
// every path from its entry to a return.
func (c *checker) blocks(fn *types.Func) bool {
	if b, ok := c.block[fn]; ok {
		return b
	}
	c.block[fn] = false // while in progress, recursive calls say no
	decl := c.declOf(fn)
	if decl == nil || decl.Body == nil {
		return false
	}
	// Cheap test: some blocking operation, outside function literals.
	maybe := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.SendStmt, *ast.SelectStmt:
			maybe = true
		case *ast.UnaryExpr:
			maybe = maybe || n.Op == token.ARROW
		case *ast.CallExpr:
			maybe = maybe || c.isWaitCall(n) || c.blockingCall(n)
		}
		return !maybe
	})
	if !maybe {
		return false
	}
	g := c.graphOf(decl.Body)
	const blocking = opSend | opRecv | opRecvValue | opWait | opAcquire | opSleep
	b := !g.reachFrom(g.cfg.Blocks[0], 0, &search{
		exits:        true,
		blocked:      func(n ast.Node) bool { return c.ops(g, n)&blocking != 0 },
		blockedEntry: func(b *gocfg.Block) bool { return c.entryOps(b)&blocking != 0 },
		noReturn:     c.noReturnNode,
		bodyOnly:     c.countedByParam(g, fn),
	})
	c.block[fn] = b
	return b
}

// countedByParam returns the heads of fn's loops that count from zero up
// to one of its parameters (for i := 0; i < delta; i++): for blocks, they
// run at least once, as in a call that asks for one or more of something.
// A bounded wait group's Add(delta) sends delta tokens, so Add(1) blocks.
func (c *checker) countedByParam(g *graph, fn *types.Func) map[*gocfg.Block]bool {
	sig := fn.Signature()
	isParam := func(e ast.Expr) bool {
		obj := c.info.ObjectOf(identOf(e))
		for p := range sig.Params().Variables() {
			if obj != nil && obj == p {
				return true
			}
		}
		return false
	}
	var heads map[*gocfg.Block]bool
	for loop, lb := range g.loops {
		fs, ok := loop.(*ast.ForStmt)
		if !ok || lb.head == nil || lb.head == lb.body {
			continue
		}
		init, ok := fs.Init.(*ast.AssignStmt)
		cond, ok2 := fs.Cond.(*ast.BinaryExpr)
		if !ok || !ok2 || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			continue
		}
		if tv, ok := c.info.Types[init.Rhs[0]]; !ok || tv.Value == nil || tv.Value.String() != "0" {
			continue
		}
		ctr, ok := init.Lhs[0].(*ast.Ident)
		if !ok {
			continue
		}
		isCtr := func(e ast.Expr) bool {
			obj := c.info.ObjectOf(identOf(e))
			return obj != nil && obj == c.info.ObjectOf(ctr)
		}
		if cond.Op == token.LSS && isCtr(cond.X) && isParam(cond.Y) ||
			cond.Op == token.GTR && isParam(cond.X) && isCtr(cond.Y) {
			if heads == nil {
				heads = make(map[*gocfg.Block]bool)
			}
			heads[lb.head] = true
		}
	}
	return heads
}

// holdsSemaphore reports whether body takes and gives back a token: it
// sends on a channel and receives from the same one, or calls Acquire on a
// value that has a Release method.
func (c *checker) holdsSemaphore(body *ast.BlockStmt) bool {
	sends, recvs := c.chanOps(body)
	for _, k := range sends {
		if hasKey(recvs, k) {
			return true
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			_, found = c.acquireCall(call)
		}
		return !found
	})
	return found
}

// chanOps returns the channels (by key) that body sends on and receives
// from, function literals included.
func (c *checker) chanOps(body ast.Node) (sends, recvs [][]types.Object) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if k := c.key(n.Chan); k != nil {
				sends = append(sends, k)
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				if k := c.key(n.X); k != nil {
					recvs = append(recvs, k)
				}
			}
		}
		return true
	})
	return sends, recvs
}

// hasKey reports whether list holds the key k.
func hasKey(list [][]types.Object, k []types.Object) bool {
	for _, l := range list {
		if equalKeys(l, k) {
			return true
		}
	}
	return false
}

// waiter reports whether the goroutine st starts begins by waiting for an
// event: its first statement receives from a channel, selects over
// receives only, or calls a blocking Wait method, and the function that
// starts it does not close that channel or release that WaitGroup (which
// would make it a start barrier releasing every goroutine at once). Such a goroutine does no work while it waits (a watcher per
// subscription, a cancel per call), its number is the number of things to
// watch, and a limit on it would deadlock: the watchers not started could
// never see their event.
func (c *checker) waiter(st start) bool {
	if st.kind == startHelper {
		return false
	}
	if gs, ok := st.node.(*ast.GoStmt); ok {
		// go ch.Write(logger, resp), a method of another package
		// that only sends what it is given.
		var f handsOffFact
		if fn, _ := typeutil.Callee(c.info, gs.Call).(*types.Func); fn != nil && fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn.Origin(), &f) {
			return true
		}
	}
	return c.waits(c.goroutineBody(st), enclosingBody(st), st.node)
}

// waits reports whether a goroutine whose function has the given body
// begins by waiting for an event (see waiter); outer is the body of the
// function that starts it at the node at.
func (c *checker) waits(body, outer *ast.BlockStmt, at ast.Node) bool {
	if body == nil || outer == nil {
		return false
	}
	if _, ok := c.lateAcquire(body); ok {
		return false // <-tokens: a semaphore, taken late
	}
	if handsOff(body) {
		return true // go func() { ch <- v }(): an asynchronous send
	}
	var chans []ast.Expr // the channels it waits on
	recvStmt := func(s ast.Stmt) bool {
		ch := chanops.Received(s)
		if ch != nil {
			chans = append(chans, ch)
		}
		return ch != nil
	}
	waits := false
first:
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt, *ast.DeclStmt:
			continue
		case *ast.SelectStmt:
			waits = !hasDefault(s) && len(s.Body.List) > 0
			for _, cc := range s.Body.List {
				waits = waits && recvStmt(cc.(*ast.CommClause).Comm)
			}
		default:
			if _, sel := c.waitCall(s); sel != nil {
				// t.Wait(): a watcher, unless it is a WaitGroup
				// the starting function releases (a start barrier).
				k := c.key(sel.X)
				return k != nil && !c.callsOn(outer, "Done", k)
			}
			waits = recvStmt(s)
		}
		break first
	}
	if !waits {
		return false
	}
	// The function that starts it must not be the one that releases it:
	// a start barrier waits on channels the function closes, and at most
	// on shutdown signals besides (ctx.Done(), s.quit). A goroutine that
	// also waits for an event of its own (a spend notification, while
	// the function closes exit to stop the rest) is a watcher.
	closed := make([]bool, len(chans))
	ast.Inspect(outer, func(n ast.Node) bool {
		if n == at {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if b, ok := typeutil.Callee(c.info, call).(*types.Builtin); ok && b.Name() == "close" {
				for i, ch := range chans {
					if k := c.key(ch); k != nil && equalKeys(k, c.key(call.Args[0])) {
						closed[i] = true
					}
				}
			}
		}
		return true
	})
	barrier := false
	for i, ch := range chans {
		switch {
		case closed[i]:
			barrier = true
		case !c.isDoneChan(ch) && !c.stateHeld(ch):
			return true // an event of its own
		}
	}
	return !barrier
}

// staggered reports whether the goroutine started at st in loop begins
// (defers aside) by waiting for a delay that the loop's index scales:
// time.Sleep(d), a receive from time.After(d) or from a timer made with
// time.NewTimer(d), or a select of receives on such a delay and on Done
// channels, where d uses the index (time.Duration(i)*interval,
// postInterval(i, n, d)), directly or through the literal's parameter
// it is passed to. The i-th element's work starts i intervals after the
// first, one more per interval, as a sleep between the starts paces it.
func (c *checker) staggered(st start, loop ast.Stmt) bool {
	idx := loopIndex(c.info, loop)
	body := c.goroutineBody(st)
	if idx == nil || body == nil || st.kind == startHelper {
		return false
	}
	indexed := map[types.Object]bool{idx: true}
	if gs, ok := st.node.(*ast.GoStmt); ok {
		if lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit); ok {
			i := 0
			for _, f := range lit.Type.Params.List {
				for _, name := range f.Names {
					if obj := c.info.Defs[name]; obj != nil && i < len(gs.Call.Args) && c.refersTo(gs.Call.Args[i], indexed) {
						indexed[obj] = true
					}
					i++
				}
				if len(f.Names) == 0 {
					i++
				}
			}
		}
	}
	timers := make(map[types.Object]bool) // t := time.After(d), t := time.NewTimer(d)
	timerCall := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return false
		}
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		return typematch.IsFunc(fn, "time", "After", "NewTimer") && c.refersTo(call.Args[0], indexed)
	}
	delayed := func(e ast.Expr) bool { // the channel of a staggered delay
		switch e := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			return timerCall(e)
		case *ast.Ident:
			return timers[c.info.Uses[e]]
		case *ast.SelectorExpr:
			id, ok := ast.Unparen(e.X).(*ast.Ident)
			return ok && e.Sel.Name == "C" && timers[c.info.Uses[id]]
		}
		return false
	}
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt, *ast.DeclStmt:
			continue
		case *ast.AssignStmt:
			if len(s.Lhs) == 1 && len(s.Rhs) == 1 && timerCall(s.Rhs[0]) {
				if id, ok := s.Lhs[0].(*ast.Ident); ok && c.info.ObjectOf(id) != nil {
					timers[c.info.ObjectOf(id)] = true
					continue
				}
			}
			ch := chanops.Received(s)
			return ch != nil && delayed(ch)
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && len(call.Args) == 1 {
				fn, _ := typeutil.Callee(c.info, call).(*types.Func)
				if typematch.IsFunc(fn, "time", "Sleep") {
					return c.refersTo(call.Args[0], indexed)
				}
			}
			ch := chanops.Received(s)
			return ch != nil && delayed(ch)
		case *ast.SelectStmt:
			found := false
			for _, cc := range s.Body.List {
				switch ch := chanops.Received(cc.(*ast.CommClause).Comm); {
				case ch == nil:
					return false // a send or a default
				case delayed(ch):
					found = true
				case !c.isDoneChan(ch):
					return false
				}
			}
			return found
		}
		return false
	}
	return false
}

// loopIndex returns the index of a loop: the key of a range over a
// slice, array, string or integer, or the variable a counted loop steps.
func loopIndex(info *types.Info, loop ast.Stmt) types.Object {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		id, ok := l.Key.(*ast.Ident)
		if !ok || id.Name == "_" {
			return nil
		}
		if t := info.TypeOf(l.X); t != nil {
			if _, isMap := t.Underlying().(*types.Map); isMap {
				return nil
			}
		}
		return info.ObjectOf(id)
	case *ast.ForStmt:
		if v, _, ok := loopVar(info, l.Post); ok {
			return v
		}
	}
	return nil
}

// refersTo reports whether e refers to one of the objects.
func (c *checker) refersTo(e ast.Expr, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.info.Uses[id] != nil && objs[c.info.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// handsOff reports whether a goroutine with this body only hands a value
// it already has (no call computes it) to a channel: its one statement
// (defers aside) is a send, or a select without default of sends and
// receives, with at least one send, whose cases do nothing but return
// (select { case a.updates <- u: case <-a.quit: }). It does no work; it exists so that the sender never
// blocks on the receiver, and a limit would bring that blocking back.
func handsOff(body *ast.BlockStmt) bool {
	var stmts []ast.Stmt
	for _, s := range body.List {
		if _, ok := s.(*ast.DeferStmt); !ok {
			stmts = append(stmts, s)
		}
	}
	if len(stmts) != 1 {
		return false
	}
	// The value must be at hand: out <- compute(x) works before it sends.
	noCall := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			switch m.(type) {
			case *ast.CallExpr, *ast.FuncLit:
				found = true
			}
			return !found
		})
		return !found
	}
	switch s := stmts[0].(type) {
	case *ast.SendStmt:
		return noCall(s)
	case *ast.SelectStmt:
		sends := 0
		for _, cc := range s.Body.List {
			cc := cc.(*ast.CommClause)
			switch comm := cc.Comm.(type) {
			case nil:
				return false // default: it does not wait
			case *ast.SendStmt:
				if !noCall(comm) {
					return false
				}
				sends++
			case *ast.ExprStmt:
				if u, ok := ast.Unparen(comm.X).(*ast.UnaryExpr); !ok || u.Op != token.ARROW {
					return false
				}
			default:
				return false // v := <-ch: it goes on with what it got
			}
			for _, st := range cc.Body {
				if r, ok := st.(*ast.ReturnStmt); !ok || len(r.Results) > 0 {
					return false
				}
			}
		}
		return sends > 0
	}
	return false
}

// stateHeld reports whether e is held by the receiver or a package-level
// variable (s.quit, s.wg): it lives as long as the value or the program.
func (c *checker) stateHeld(e ast.Expr) bool {
	k := c.key(e)
	if len(k) == 0 {
		return false
	}
	v, ok := k[0].(*types.Var)
	return ok && (len(k) > 1 && c.varIndex().receivers[v] || v.Pkg() != nil && v.Parent() == v.Pkg().Scope())
}

// serviceTask reports whether the goroutine st starts in loop is a task of
// a long-lived value: the loop counts it in the receiver's (or a
// package-level) WaitGroup before the go statement (r.wg.Add(1); go
// r.resume(p)) and the function does not wait on that group. Such
// goroutines are joined when the value shuts down, one per live item (an
// in-flight payment resumed at start-up, a breach being punished), like
// the handlers of a server: their number is the service's design, and a
// limit would be a redesign (a queue), not a SetLimit.
func (c *checker) serviceTask(st start, loop ast.Stmt) bool {
	outer := enclosingBody(st)
	if _, ok := st.node.(*ast.GoStmt); !ok || outer == nil {
		return false
	}
	var wg []types.Object
	ast.Inspect(loopstmt.Body(loop), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if n.Pos() >= st.node.Pos() {
				return false
			}
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if fn, _ := typeutil.Callee(c.info, n).(*types.Func); fn != nil && isMethod(fn, "sync", "WaitGroup", "Add") && c.stateHeld(sel.X) {
				wg = c.key(sel.X)
			}
		}
		return wg == nil
	})
	return wg != nil && !c.callsOn(outer, "Wait", wg)
}

// enclosingBody returns the body of the function that holds the start st.
func enclosingBody(st start) *ast.BlockStmt {
	for p := range st.cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch f := p.Node().(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}
