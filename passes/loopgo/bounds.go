package loopgo

// Bounds: what stops a loop from starting goroutines without limit.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/conclint/conclint/internal/loopstmt"
	"github.com/conclint/conclint/internal/typematch"
	gocfg "golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// boundedIn reports whether an iteration of loop bounds the goroutines it
// starts at sn: a blocking operation (channel send or receive, Acquire,
// Wait) on every path from the top of the iteration to the start or from
// the start to the next iteration, or a Wait or receive anywhere in the
// body (waiting for a batch).
func (c *checker) boundedIn(g *graph, loop ast.Stmt, lb *loopBlocks, sn ast.Node, accept bool) bool {
	blocking := func(n ast.Node) bool { return c.ops(g, n)&blockingOps(accept) != 0 }
	entry := func(b *gocfg.Block) bool { return c.entryOps(b)&blockingOps(accept) != 0 }
	// An acquire on every path from the top of the iteration to the start.
	if !g.reachFrom(lb.body, 0, &search{goal: sn, stops: lb.next(), blocked: blocking, blockedEntry: entry}) {
		return true
	}
	// A wait on every path from the start to the next iteration.
	if !g.reach(sn, &search{goals: lb.next(), blocked: blocking, blockedEntry: entry}) {
		return true
	}
	return c.waitsInBody(g, loop, lb, sn, accept)
}

type opSet uint8

const (
	opSend      opSet = 1 << iota // ch <- v
	opRecv                        // <-ch, value discarded
	opRecvValue                   // v := <-ch
	opWait                        // x.Wait(), a call of a function that blocks
	opAcquire                     // x.Acquire(...), x.TryAcquire(...)
	opSleep                       // time.Sleep
)

func blockingOps(accept bool) opSet {
	if accept {
		// In a loop that receives its work, the receive of the work
		// item does not bound anything.
		return opSend | opRecv | opWait | opAcquire | opSleep
	}
	return opSend | opRecv | opRecvValue | opWait | opAcquire | opSleep
}

var waitMethods = map[string]bool{"Wait": true, "WaitN": true, "Acquire": true, "TryAcquire": true}

// ops returns the blocking operations that evaluating the cfg node n
// performs (not counting function literals, deferred calls and the comm
// clauses of select statements, which count at the top of their case).
func (c *checker) ops(g *graph, n ast.Node) opSet {
	if g.comms[n] {
		return 0
	}
	if g.rangeChan[n] {
		return opRecv // for v := range ch: draining a channel
	}
	if g.optional[n] {
		return opAcquire // if sem != nil { sem.Acquire(ctx, 1) }
	}
	switch n := n.(type) {
	case *ast.DeferStmt:
		return 0
	case *ast.GoStmt:
		var set opSet
		for _, a := range n.Call.Args {
			set |= c.exprOps(a, nil)
		}
		return set
	case *ast.SendStmt:
		return opSend | c.exprOps(n.Chan, nil) | c.exprOps(n.Value, nil)
	}
	return c.exprOps(n, n)
}

// exprOps returns the blocking operations in n; stmt is the statement
// that holds n, to tell whether a received value is used.
func (c *checker) exprOps(n ast.Node, stmt ast.Node) opSet {
	var set opSet
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && !c.isDoneChan(m.X) {
				if discarded(stmt, m) {
					set |= opRecv
				} else {
					set |= opRecvValue
				}
			}
		case *ast.CallExpr:
			set |= c.callOps(m)
		}
		return true
	})
	return set
}

// entryOps returns the operation of the select case whose body b is.
func (c *checker) entryOps(b *gocfg.Block) opSet {
	if b.Kind != gocfg.KindSelectCaseBody {
		return 0
	}
	cc, ok := b.Stmt.(*ast.CommClause)
	if !ok || cc.Comm == nil {
		return 0
	}
	switch comm := cc.Comm.(type) {
	case *ast.SendStmt:
		return opSend
	case *ast.ExprStmt:
		return c.exprOps(comm, comm)
	case *ast.AssignStmt:
		return c.exprOps(comm, comm)
	}
	return 0
}

// discarded reports whether stmt throws away the value of the receive r.
func discarded(stmt ast.Node, r *ast.UnaryExpr) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		return ast.Unparen(s.X) == r
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 || ast.Unparen(s.Rhs[0]) != r {
			return false
		}
		for _, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
				return false
			}
		}
		return true
	}
	return false
}

// isDoneChan reports whether e is x.Done() (a cancellation signal, which
// does not wait for anything the loop started).
func (c *checker) isDoneChan(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Done"
}

// callOps returns the blocking operation of a call.
func (c *checker) callOps(call *ast.CallExpr) opSet {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		if c.sleeper(call) {
			return opSleep
		}
		return 0
	}
	switch {
	case !c.isWaitCall(call):
		if c.blockingCall(call) {
			return opWait
		}
		return 0
	case fn.Name() == "Sleep":
		return opSleep
	case fn.Name() == "Acquire" || fn.Name() == "TryAcquire" || isThrottle(fn):
		return opAcquire
	}
	return opWait
}

// sleeper reports whether call calls a function value of type
// func(time.Duration), with no result: a sleep that tests can replace
// (sleep(d), p.sleep(time.Second)).
func (c *checker) sleeper(call *ast.CallExpr) bool {
	if tv, ok := c.info.Types[call.Fun]; !ok || !tv.IsValue() {
		return false
	}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if _, ok := c.info.Uses[fun].(*types.Var); !ok {
			return false
		}
	case *ast.SelectorExpr:
		if s := c.info.Selections[fun]; s == nil || s.Kind() != types.FieldVal {
			return false
		}
	default:
		return false
	}
	sig, ok := c.info.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() != 0 || sig.Params().Len() != 1 || sig.Variadic() {
		return false
	}
	return typematch.IsNamed(sig.Params().At(0).Type(), "time", "Duration")
}

// isThrottle reports whether fn is (*throttler.Throttler).Throttle of
// github.com/nozzle/throttler, which waits while its workers are all
// busy: called after each go statement, it bounds them as an Acquire
// before it would.
func isThrottle(fn *types.Func) bool {
	return isMethod(fn, "github.com/nozzle/throttler", "Throttler", "Throttle")
}

// isWaitCall reports whether call waits or acquires: a method named Wait,
// WaitN, Acquire or TryAcquire (sync.WaitGroup, errgroup.Group, sync.Cond,
// semaphore.Weighted, rate.Limiter and look-alikes), a throttler's
// Throttle, or time.Sleep.
func (c *checker) isWaitCall(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		return waitMethods[fn.Name()] || isThrottle(fn)
	}
	return typematch.IsFunc(fn, "time", "Sleep")
}

// waitsInBody reports whether the loop waits for what it started, in an
// iteration that goes on to the next one: a Wait call (or a call of a
// function that blocks) or a receive anywhere in the body, outside
// function literals and selects with a default case. That is a loop that
// waits every iteration or every batch. A wait on a path that leaves the
// loop (if err != nil { wg.Wait(); return err }) does not count. A sleep
// counts on a path through the start sn (nil: none does): it paces them.
func (c *checker) waitsInBody(g *graph, loop ast.Stmt, lb *loopBlocks, sn ast.Node, accept bool) bool {
	want := opRecv | opWait
	if !accept {
		want |= opRecvValue
	}
	body := loopstmt.Body(loop)
	next := &search{goals: lb.next()}
	for _, b := range g.cfg.Blocks {
		if !b.Live {
			continue
		}
		if b.Kind == gocfg.KindSelectCaseBody && inside(body, b.Stmt) && !g.nonBlocking[b.Stmt] &&
			c.entryOps(b)&want != 0 && g.reachFrom(b, 0, next) {
			return true
		}
		for i, n := range b.Nodes {
			if !inside(body, n) || !g.reachFrom(b, i+1, next) {
				continue
			}
			ops := c.ops(g, n)
			if ops&want != 0 {
				return true
			}
			// A sleep on a path through the start paces the starts
			// (a pause every hundred, a wait for the next slot); a
			// backoff on a path that starts nothing does not.
			if ops&opSleep != 0 && sn != nil && (g.reach(sn, &search{goal: n, stops: lb.next()}) || g.reachFrom(b, i+1, &search{goal: sn, stops: lb.next()})) {
				return true
			}
		}
	}
	return false
}

func hasDefault(s *ast.SelectStmt) bool {
	for _, cc := range s.Body.List {
		if cc.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// optionalSemaphore reports whether s is if sem != nil { ... } (with no
// else) whose body acquires sem: a limit the caller may pass or leave nil
// (containerd's images.Dispatch). Both ways through the condition count
// as taking the limit the caller chose.
func (c *checker) optionalSemaphore(s *ast.IfStmt) bool {
	if s.Init != nil || s.Else != nil {
		return false
	}
	be, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.NEQ {
		return false
	}
	x := be.X
	if isNil(c.info, x) {
		x = be.Y
	} else if !isNil(c.info, be.Y) {
		return false
	}
	k := c.key(x)
	if k == nil {
		return false
	}
	found := false
	ast.Inspect(s.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			found = found || equalKeys(c.key(n.Chan), k)
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW && equalKeys(c.key(n.X), k)
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && equalKeys(c.key(sel.X), k) {
				found = found || c.callOps(n)&opAcquire != 0
			}
		}
		return !found
	})
	return found
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}
