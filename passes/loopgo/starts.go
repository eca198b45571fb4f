package loopgo

// Functions that start goroutines or block, and semaphores taken late.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/noreturn"
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
	var callees []*types.Func
	// Waits count anywhere but in the goroutines it starts, deferred
	// function literals included (defer func() { out = <-c }()).
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			has = true
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
					return false
				case f.Pkg() != c.pass.Pkg && c.spawnsCall(f):
					has = true
				case c.isWaitCall(n) || c.blockingCall(n):
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
				break
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
	return always
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

// goroutineBody returns the body of the function that st runs in a new
// goroutine, when it is a function literal or a function of this package.
func (c *checker) goroutineBody(st start) *ast.BlockStmt {
	var fun ast.Expr
	switch n := st.node.(type) {
	case *ast.GoStmt:
		fun = n.Call.Fun
	case *ast.CallExpr:
		if st.kind == startHelper || len(n.Args) != 1 {
			return nil
		}
		fun = n.Args[0]
	}
	switch f := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return f.Body
	case *ast.Ident, *ast.SelectorExpr:
		var obj types.Object
		if id, ok := f.(*ast.Ident); ok {
			obj = c.info.Uses[id]
		} else {
			obj = c.info.Uses[f.(*ast.SelectorExpr).Sel]
		}
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
			if d := c.declOf(fn.Origin()); d != nil {
				return d.Body
			}
		}
	}
	return nil
}

// lateAcquire looks in the top-level statements of a goroutine's body for
// a semaphore acquired there: a send on a channel the body also receives
// from (or the reverse, for a pool of tokens), or an Acquire call on a
// value that has a Release method.
func (c *checker) lateAcquire(body *ast.BlockStmt) (sem string, at ast.Node, ok bool) {
	var sends, recvs [][]types.Object
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
	has := func(list [][]types.Object, k []types.Object) bool {
		for _, l := range list {
			if equalKeys(l, k) {
				return true
			}
		}
		return false
	}
	check := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if k := c.key(n.Chan); k != nil && has(recvs, k) {
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
						if k := c.key(m.X); k != nil && has(sends, k) {
							sem, at, ok = types.ExprString(m.X), m, true
						}
					}
				case *ast.CallExpr:
					if s, found := c.acquireCall(m); found {
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
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt, *ast.DeclStmt:
			continue
		case *ast.IfStmt:
			if (s.Init != nil && check(s.Init)) || check(s.Cond) {
				return
			}
		default:
			if check(s) {
				return
			}
		}
		if c.works(s) {
			break
		}
	}
	return "", nil, false
}

// works reports whether the statement s calls a function or operates on a
// channel (outside function literals): after it, the goroutine is working.
func (c *checker) works(s ast.Stmt) bool {
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
			if c.hasGo && c.spawns(fn) {
				c.pass.ExportObjectFact(fn, new(spawnsFact))
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
	})
	c.block[fn] = b
	return b
}

// holdsSemaphore reports whether body takes and gives back a token: it
// sends on a channel and receives from the same one, or calls Acquire on a
// value that has a Release method.
func (c *checker) holdsSemaphore(body *ast.BlockStmt) bool {
	var sends, recvs [][]types.Object
	found := false
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
		case *ast.CallExpr:
			if _, ok := c.acquireCall(n); ok {
				found = true
			}
		}
		return !found
	})
	for _, s := range sends {
		for _, r := range recvs {
			if equalKeys(s, r) {
				return true
			}
		}
	}
	return found
}
