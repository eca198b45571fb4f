package sendleak

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/ssaloops"
	"golang.org/x/tools/go/ssa"
)

// sendInfo describes what a goroutine does with the channel it is given.
type sendInfo struct {
	max   int         // most blocking sends along one run (inf: unbounded)
	once  int         // sends guarded so that they happen once, however often the code runs
	sites []token.Pos // the sends (their arrows)
	waits bool        // the goroutine receives from a channel of its caller
	// Properties of a goroutine's function, not of helpers it calls:
	done    bool // it calls WaitGroup.Done: a Wait in F waits for its sends
	watches bool // it selects on a done channel or ctx.Done() between sends
}

// sendInfo analyses the uses of the channel v (a parameter or free
// variable of fn; box if it holds a pointer to the channel's variable).
// It returns nil when the channel is used for anything else than plain
// sends, close, len and cap, directly or through same-package calls: a
// receive, a send in a select with other cases (a done channel), an escape.
func (c *checker) sendInfo(fn *ssa.Function, v ssa.Value, box bool) *sendInfo {
	if info, ok := c.senders[v]; ok {
		return info
	}
	if c.busy[v] {
		return nil // recursion
	}
	c.busy[v] = true
	defer delete(c.busy, v)

	weight := make(map[*ssa.BasicBlock]int)
	counted := make(map[*ssa.BasicBlock]bool) // weights of loop bodies, times the loop count
	cyclic := c.cyclic(fn)
	info := &sendInfo{}
	guards := make(map[ssa.Value]bool)
	addWeight := func(b *ssa.BasicBlock, pos token.Pos, w int) {
		if w > 0 && cyclic[b.Index] {
			// In a loop: a constant count (for range 2) bounds it.
			if n, _ := c.loopTrips(pos, token.NoPos); n <= maxTrips {
				w = mul(w, n)
				if _, seen := counted[b]; !seen {
					counted[b] = true
				}
			} else {
				counted[b] = false
			}
		}
		weight[b] = add(weight[b], w)
	}
	addSub := func(b *ssa.BasicBlock, pos token.Pos, sub *sendInfo) {
		addWeight(b, pos, sub.max)
		info.once = max(info.once, sub.once)
		info.sites = append(info.sites, sub.sites...)
	}
	addSend := func(b *ssa.BasicBlock, pos token.Pos) {
		if afterShutdownCheck(b) {
			return // the send is skipped when F shuts the server down
		}
		info.sites = append(info.sites, pos)
		if g := onceGuard(b); g != nil {
			guards[g] = true
			return
		}
		addWeight(b, pos, 1)
	}
	roots, boxes := []ssa.Value{v}, []ssa.Value(nil)
	if box {
		roots, boxes = nil, roots
	}
	ok := c.walkRefs(fn, roots, boxes, func(instr ssa.Instruction, v ssa.Value, box bool) bool {
		switch instr := instr.(type) {
		case *ssa.Send:
			if instr.Chan == v && !box && instr.X != v {
				addSend(instr.Block(), instr.Pos())
				return true
			}
		case *ssa.Select:
			// A select with one send case and no default is a send;
			// any other case (a done channel, ctx.Done(), a timer,
			// a default) gives the goroutine a way out.
			if st := instr.States; !box && instr.Blocking && len(st) == 1 && st[0].Dir == types.SendOnly && st[0].Chan == v && st[0].Send != v {
				addSend(instr.Block(), instr.States[0].Pos)
				return true
			}
		case *ssa.Call, *ssa.Defer, *ssa.Go:
			if box {
				return false
			}
			call := instr.(ssa.CallInstruction).Common()
			if b, ok := call.Value.(*ssa.Builtin); ok {
				switch b.Name() {
				case "close", "len", "cap":
					return true
				}
				return false
			}
			callee := call.StaticCallee()
			if call.Value == v || !c.local(callee) || len(callee.Params) != len(call.Args) {
				return false
			}
			for i, a := range call.Args {
				if a != v {
					continue
				}
				sub := c.sendInfo(callee, callee.Params[i], false)
				if sub == nil {
					return false
				}
				addSub(instr.Block(), instr.Pos(), sub)
			}
			return true
		case *ssa.MakeClosure:
			lit, ok := instr.Fn.(*ssa.Function)
			if !ok || len(lit.FreeVars) != len(instr.Bindings) {
				return false
			}
			sub := &sendInfo{}
			for j, b := range instr.Bindings {
				if b != v {
					continue
				}
				s := c.sendInfo(lit, lit.FreeVars[j], box)
				if s == nil {
					return false
				}
				sub.max = add(sub.max, s.max)
				sub.once = max(sub.once, s.once)
				sub.sites = append(sub.sites, s.sites...)
			}
			// The literal may be called, deferred or started, as
			// long as it goes nowhere else.
			for _, ref := range *instr.Referrers() {
				switch ref := ref.(type) {
				case *ssa.DebugRef:
					continue
				case ssa.CallInstruction:
					if call := ref.Common(); call.Value == instr && !containsValue(call.Args, instr) {
						addSub(ref.Block(), ref.Pos(), sub)
						continue
					}
				}
				return false
			}
			return true
		}
		return false
	})
	if !ok {
		c.senders[v] = nil
		return nil
	}
	info.max = maxPath(fn, weight, cyclic, counted)
	info.once = add(info.once, len(guards))
	c.senders[v] = info
	return info
}

// onceGuard returns what makes a send in b happen at most once however
// often b's code runs, or nil: the nearest condition that decides whether
// b runs tests a flag the function sets (if !sent { ch <- err; sent = true },
// if first { ...; first = false }), or the result of an atomic update
// (if atomic.AddInt32(&n, 1) == total: only the last goroutine sends).
func onceGuard(b *ssa.BasicBlock) ssa.Value {
	for d := b.Idom(); d != nil; d = d.Idom() {
		cond := ifCond(d)
		if cond == nil || len(d.Succs) != 2 {
			continue
		}
		if !d.Succs[0].Dominates(b) && !d.Succs[1].Dominates(b) {
			continue // b runs on both branches
		}
		for {
			u, ok := cond.(*ssa.UnOp)
			if !ok || u.Op != token.NOT {
				break
			}
			cond = u.X
		}
		switch x := cond.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL && storesConstBool(x.X) {
				return x.X
			}
		case *ssa.Phi:
			for _, e := range x.Edges {
				if k, ok := e.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool {
					return x
				}
			}
		case *ssa.BinOp:
			if isAtomic(x.X) || isAtomic(x.Y) {
				return x
			}
		case *ssa.Call:
			if isAtomic(x) {
				return x
			}
		}
		return nil
	}
	return nil
}

// afterShutdownCheck reports whether b runs only after a test that the
// error is not the one a server returns once shut down (err !=
// http.ErrServerClosed, !errors.Is(err, net.ErrClosed)): the goroutine
// sends only on a failure of its own, and F's shutdown does not cause one.
func afterShutdownCheck(b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		cond := ifCond(d)
		if cond == nil || len(d.Succs) != 2 || (!d.Succs[0].Dominates(b) && !d.Succs[1].Dominates(b)) {
			continue
		}
		if mentionsShutdownErr(cond, 4) {
			return true
		}
	}
	return false
}

func mentionsShutdownErr(v ssa.Value, depth int) bool {
	if depth == 0 {
		return false
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		if g, ok := x.X.(*ssa.Global); ok && x.Op == token.MUL {
			return isShutdownErr(g)
		}
		return mentionsShutdownErr(x.X, depth-1)
	case *ssa.BinOp:
		return mentionsShutdownErr(x.X, depth-1) || mentionsShutdownErr(x.Y, depth-1)
	case *ssa.Call:
		for _, a := range x.Call.Args {
			if mentionsShutdownErr(a, depth-1) {
				return true
			}
		}
	case *ssa.MakeInterface:
		return mentionsShutdownErr(x.X, depth-1)
	}
	return false
}

func isShutdownErr(g *ssa.Global) bool {
	obj := g.Object()
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	switch obj.Pkg().Path() + "." + obj.Name() {
	case "net/http.ErrServerClosed", "net.ErrClosed", "google.golang.org/grpc.ErrServerStopped":
		return true
	}
	return false
}

// storesConstBool reports whether a constant true or false is stored at addr.
func storesConstBool(addr ssa.Value) bool {
	refs := addr.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == addr {
			if k, ok := st.Val.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool {
				return true
			}
		}
	}
	return false
}

// isAtomic reports whether v is the result of a sync/atomic update.
func isAtomic(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	var obj *types.Func
	if f := call.Call.StaticCallee(); f != nil {
		obj, _ = f.Object().(*types.Func)
	} else if call.Call.IsInvoke() {
		obj = call.Call.Method
	}
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync/atomic" {
		return false
	}
	name := obj.Name()
	return strings.HasPrefix(name, "Add") || strings.HasPrefix(name, "CompareAndSwap") || strings.HasPrefix(name, "Swap")
}

// maxPath returns the largest sum of block weights along a path through
// fn, or inf if a block with weight lies on a cycle whose count is not
// known (counted blocks already hold their weight times the count).
func maxPath(fn *ssa.Function, weight map[*ssa.BasicBlock]int, cyclic []bool, counted map[*ssa.BasicBlock]bool) int {
	if len(weight) == 0 {
		return 0
	}
	for b, w := range weight {
		if w > 0 && cyclic[b.Index] && !counted[b] {
			return inf
		}
	}
	// The longest distance from the entry, ignoring back edges; the
	// rounds are bounded for irreducible graphs.
	n := len(fn.Blocks)
	dist := make([]int, n)
	for i := range dist {
		dist[i] = -1
	}
	dist[0] = weight[fn.Blocks[0]]
	for range n {
		changed := false
		for _, b := range fn.Blocks {
			if dist[b.Index] < 0 {
				continue
			}
			for _, s := range b.Succs {
				if s.Dominates(b) {
					continue // back edge: counted blocks include their trips
				}
				if d := add(dist[b.Index], weight[s]); d > dist[s.Index] {
					dist[s.Index] = d
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	best := 0
	for _, d := range dist {
		best = max(best, d)
	}
	return best
}

// goroutineTraits sets the traits of info that describe fn as the function
// of a goroutine.
func goroutineTraits(fn *ssa.Function, info *sendInfo) {
	info.waits = waitsOnCaller(fn)
	info.done = callsDone(fn, 2)
	info.watches = watches(fn)
}

// callsDone reports whether fn (or a literal it defers or calls, down to
// depth) calls sync.WaitGroup's Done.
func callsDone(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok && isMethod(ci.Common(), "sync", "WaitGroup", "Done") {
				return true
			}
		}
	}
	if depth > 0 {
		for _, anon := range fn.AnonFuncs {
			if callsDone(anon, depth-1) {
				return true
			}
		}
	}
	return false
}

// isMethod reports whether call statically calls the method pkg.T.name.
func isMethod(call *ssa.CallCommon, pkg, typ, name string) bool {
	f := call.StaticCallee()
	if f == nil {
		return false
	}
	obj, ok := f.Object().(*types.Func)
	if !ok || obj.Name() != name || obj.Pkg() == nil || obj.Pkg().Path() != pkg {
		return false
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == typ
}

// watches reports whether fn has a select that can leave on a done
// channel it was given or on a context's Done().
func watches(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || len(sel.States) < 2 && sel.Blocking {
				continue
			}
			for _, st := range sel.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				if fromCaller(st.Chan) {
					return true
				}
				if call, ok := st.Chan.(*ssa.Call); ok {
					if m := call.Call.Method; m != nil && m.Name() == "Done" {
						return true
					}
					if f := call.Call.StaticCallee(); f != nil && f.Name() == "Done" {
						return true
					}
				}
			}
		}
	}
	return false
}

// waitsOnCaller reports whether fn receives from a channel it was given
// (a parameter or a captured variable), as a worker reading jobs does.
func waitsOnCaller(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.UnOp:
				if instr.Op == token.ARROW && fromCaller(instr.X) {
					return true
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Dir == types.RecvOnly && fromCaller(st.Chan) {
						return true
					}
				}
			}
		}
	}
	return false
}

func fromCaller(v ssa.Value) bool {
	for range 8 {
		switch x := v.(type) {
		case *ssa.Parameter, *ssa.FreeVar:
			return true
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		default:
			return false
		}
	}
	return false
}

// cyclic returns, for each block of fn, whether it lies on a cycle of the
// control-flow graph, computed once per function.
func (c *checker) cyclic(fn *ssa.Function) []bool {
	cyc, ok := c.cycles[fn]
	if !ok {
		cyc = ssaloops.Blocks(fn)
		c.cycles[fn] = cyc
	}
	return cyc
}
