package sendleak

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/ssa"
)

// A graph holds the natural loops of a function.
type graph struct {
	loops []*loop
	of    [][]int // per block index: the loops that contain the block
}

type loop struct {
	header *ssa.BasicBlock
	body   []bool // per block index
}

func (c *checker) graph(fn *ssa.Function) *graph {
	if g, ok := c.graphs[fn]; ok {
		return g
	}
	n := len(fn.Blocks)
	g := &graph{of: make([][]int, n)}
	byHeader := make(map[*ssa.BasicBlock]*loop)
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue
			}
			// b -> h is a back edge: the loop is h and every block
			// that reaches b without passing through h.
			l := byHeader[h]
			if l == nil {
				l = &loop{header: h, body: make([]bool, n)}
				l.body[h.Index] = true
				byHeader[h] = l
				g.loops = append(g.loops, l)
			}
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.body[x.Index] {
					continue
				}
				l.body[x.Index] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	for i, l := range g.loops {
		for b, in := range l.body {
			if in {
				g.of[b] = append(g.of[b], i)
			}
		}
	}
	c.graphs[fn] = g
	return g
}

// Edge kinds of F's control-flow graph, for one channel.
const (
	edgePlain   = iota
	edgeRecv    // the select case that receives from the channel
	edgeCase    // a select case on something else (a timer, ctx.Done(), a quit channel)
	edgeDrain   // F has received everything: the channel is closed, or a receive loop is done
	edgeSibling // a select case on a channel a sender uses instead of this one
	edgeDead    // a path that does not matter: a test's timeout case
)

// A flow is the pending-sends analysis of one channel in F.
type flow struct {
	src      *source
	u        *fuses
	g        *graph
	total    int  // the most sends all goroutines can make (inf: unbounded)
	stream   bool // some goroutine sends more than once
	waitsAll bool // every goroutine calls WaitGroup.Done
	inTest   bool // F is in a _test.go file

	signals    map[ssa.Value]bool // channels whose receive means the senders are done
	siblings   map[ssa.Value]int  // channels whose receive means one sender is done, and its sends
	loopRecv   []bool             // the loop receives from the channel
	loopSource []bool             // the loop makes the channel (a new one per iteration)
	loopDrain  []bool             // the loop has a drain exit
	kinds      map[[2]int]int
}

// A leak is a way for F to stop receiving while sends are pending.
type leak struct {
	kind    string          // category
	at      ssa.Instruction // the return, or the make that starts over
	sel     *ssa.Select     // kindSelect: the select and its case
	caseIdx int
}

const (
	kindSelect  = "select"
	kindEarly   = "early"
	kindPartial = "partial"
)

// leak computes, for every block of F, the most sends that may be pending
// (made, or about to be made by started goroutines, and not received) and
// returns a way out of F (or into the next make of the channel) with more
// pending sends than the buffer holds, or nil.
func (c *checker) leak(src *source, u *fuses, capacity, total int) *leak {
	fn := src.fn
	fl := &flow{src: src, u: u, g: c.graph(fn), total: total, kinds: make(map[[2]int]int)}
	fl.waitsAll = true
	for _, st := range u.starts {
		fl.waitsAll = fl.waitsAll && st.info.done
		if st.info.max > 1 {
			fl.stream = true
		}
	}
	if f := c.pass.Fset.File(fn.Pos()); f != nil {
		fl.inTest = strings.HasSuffix(f.Name(), "_test.go")
	}
	fl.siblings = make(map[ssa.Value]int)
	fl.signals = c.signals(fl, src, u, fl.waitsAll)
	nl := len(fl.g.loops)
	fl.loopRecv, fl.loopSource, fl.loopDrain = make([]bool, nl), make([]bool, nl), make([]bool, nl)
	for _, b := range fn.Blocks {
		recv := false
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.UnOp:
				recv = recv || u.recvs[instr]
			case *ssa.Select:
				recv = recv || u.selects[instr] != nil
			}
		}
		for _, l := range fl.g.of[b.Index] {
			fl.loopRecv[l] = fl.loopRecv[l] || recv
			fl.loopSource[l] = fl.loopSource[l] || b == src.at.Block()
		}
	}
	for l, lp := range fl.g.loops {
		for bi, in := range lp.body {
			if !in {
				continue
			}
			b := fn.Blocks[bi]
			for i, s := range b.Succs {
				if !lp.body[s.Index] && fl.baseKind(b, i) == edgeDrain {
					fl.loopDrain[l] = true
				}
			}
		}
	}

	n := len(fn.Blocks)
	in := make([]int, n)
	pred := make([]int, n)
	for i := range in {
		in[i], pred[i] = -1, -1
	}
	in[0] = 0
	work := []int{0}
	queued := make([]bool, n)
	queued[0] = true
	raises := make([]int, n)
	for len(work) > 0 {
		bi := work[len(work)-1]
		work = work[:len(work)-1]
		queued[bi] = false
		b := fn.Blocks[bi]
		v, live := fl.transfer(b, in[bi], nil)
		if !live {
			continue
		}
		for i, s := range b.Succs {
			w := v
			switch fl.kind(b, i) {
			case edgeDead:
				continue
			case edgeDrain:
				w = 0
			case edgeRecv:
				w = sub1(w)
			case edgeSibling:
				sel, k, _ := selectTest(ifCond(b))
				w = fl.otherRecv(w, sel.States[k].Chan)
			}
			if w > in[s.Index] {
				// A loop that starts goroutines raises the count once per
				// trip; after a few, jump to the most there can be.
				if raises[s.Index]++; raises[s.Index] > 64 {
					w = fl.total
				}
				in[s.Index], pred[s.Index] = w, bi
				if !queued[s.Index] {
					queued[s.Index] = true
					work = append(work, s.Index)
				}
			}
		}
	}

	for _, b := range fn.Blocks {
		if in[b.Index] < 0 {
			continue
		}
		var at ssa.Instruction
		fl.transfer(b, in[b.Index], func(instr ssa.Instruction, v int) {
			if at == nil && v > capacity {
				at = instr
			}
		})
		if at != nil {
			return fl.describe(at, pred)
		}
	}
	return nil
}

// otherRecv returns the pending sends after a receive from another
// channel ch: none if the senders are done, fewer if one sender is.
func (fl *flow) otherRecv(v int, ch ssa.Value) int {
	r := rootOf(ch)
	if fl.signals[r] {
		return 0
	}
	if k := fl.siblings[r]; k > 0 && v != inf && k != inf {
		return max(v-k, 0)
	}
	return v
}

func sub1(v int) int {
	if v == inf || v <= 0 {
		return v
	}
	return v - 1
}

// transfer returns the pending sends at the end of b given those at its
// start, and whether the end is reached. check, if not nil, is called at
// each point where F abandons the channel.
func (fl *flow) transfer(b *ssa.BasicBlock, v int, check func(ssa.Instruction, int)) (int, bool) {
	for _, instr := range b.Instrs {
		switch instr := instr.(type) {
		case *ssa.Return:
			if check != nil {
				check(instr, v)
			}
		case *ssa.Panic:
			return v, false
		case *ssa.UnOp:
			if fl.u.recvs[instr] {
				v = sub1(v)
			} else if instr.Op == token.ARROW {
				v = fl.otherRecv(v, instr.X)
			}
		case *ssa.Call:
			if stops(&instr.Call) {
				return v, false
			}
			if fl.waitsAll && isMethod(&instr.Call, "sync", "WaitGroup", "Wait") {
				// Every goroutine has finished, so every send was
				// received or buffered; if one could not be, Wait
				// deadlocks (a different bug).
				v = 0
			}
		}
		if instr == fl.src.at {
			// A new channel: the previous one is abandoned.
			if check != nil {
				check(instr, v)
			}
			v = 0
		}
		if st := fl.u.startAt[instr]; st != nil {
			if w := add(st.info.max, st.info.once); st.serial {
				v = max(v, w) // the previous goroutine is done
			} else {
				v = min(add(v, w), fl.total)
			}
		}
	}
	return v, true
}

// stops reports calls after which F's path does not matter: the test has
// failed or been skipped, or the program or goroutine ends.
func stops(call *ssa.CallCommon) bool {
	var obj *types.Func
	if call.IsInvoke() {
		obj = call.Method
	} else if f := call.StaticCallee(); f != nil {
		obj, _ = f.Object().(*types.Func)
	}
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	name := obj.Name()
	method := obj.Signature().Recv() != nil
	switch obj.Pkg().Path() {
	case "testing":
		switch name {
		case "Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow", "Skip", "Skipf", "SkipNow":
			return method
		}
	case "github.com/stretchr/testify/require", "github.com/stretchr/testify/assert":
		switch name {
		case "Fail", "FailNow", "Failf", "FailNowf":
			return true
		}
	case "os":
		return name == "Exit" && !method
	case "log":
		switch name {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "runtime":
		return name == "Goexit"
	}
	return false
}

// kind classifies the edge from b to its i-th successor.
func (fl *flow) kind(b *ssa.BasicBlock, i int) int {
	key := [2]int{b.Index, i}
	if k, ok := fl.kinds[key]; ok {
		return k
	}
	k := fl.baseKind(b, i)
	if k == edgePlain && fl.stream {
		// A receive loop whose only exits test the received values,
		// fed by a goroutine that sends many: the value tested is an
		// end-of-stream marker, and the loop has received everything.
		if cond := ifCond(b); cond != nil && !isSelectTest(cond) {
			s := b.Succs[i]
			for _, l := range fl.g.of[b.Index] {
				if !fl.g.loops[l].body[s.Index] && fl.loopRecv[l] && !fl.loopSource[l] && !fl.loopDrain[l] {
					k = edgeDrain
				}
			}
		}
	}
	fl.kinds[key] = k
	return k
}

func ifCond(b *ssa.BasicBlock) ssa.Value {
	if len(b.Instrs) == 0 {
		return nil
	}
	if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
		return ifi.Cond
	}
	return nil
}

func (fl *flow) baseKind(b *ssa.BasicBlock, i int) int {
	cond := ifCond(b)
	if cond == nil || len(b.Succs) != 2 {
		return edgePlain
	}
	if sel, k, ok := selectTest(cond); ok {
		if i != 0 {
			return edgePlain
		}
		if states := fl.u.selects[sel]; states != nil && states[k] {
			return edgeRecv
		}
		if st := sel.States[k]; st.Dir == types.RecvOnly {
			if fl.inTest && isTimer(st.Chan) {
				return edgeDead // a test that times out fails
			}
			if fl.signals[rootOf(st.Chan)] {
				return edgeDrain // the senders are done
			}
			if fl.siblings[rootOf(st.Chan)] > 0 {
				return edgeSibling
			}
		}
		return edgeCase
	}
	if neg, ok := fl.commaOk(cond); ok {
		if (i == 1) != neg {
			return edgeDrain // the channel is closed: every send was received
		}
		return edgePlain
	}
	// Leaving a loop that receives from the channel (and does not make
	// it) on a condition that does not look at the received values: the
	// loop has run its count (for range jobs, got == n).
	s := b.Succs[i]
	for _, l := range fl.g.of[b.Index] {
		if !fl.g.loops[l].body[s.Index] && fl.loopRecv[l] && !fl.loopSource[l] && !fl.depends(cond) {
			return edgeDrain
		}
	}
	// Skipping such a loop: the guard that SSA puts before a rotated loop
	// (for range n) when it runs zero times.
	other := b.Succs[1-i]
	for l, lp := range fl.g.loops {
		if lp.header == other && !lp.body[b.Index] && !lp.body[s.Index] && fl.loopRecv[l] && !fl.loopSource[l] && !fl.depends(cond) {
			return edgeDrain
		}
	}
	return edgePlain
}

// selectTest matches the test "index == k" that SSA emits for each case
// of a select.
func selectTest(cond ssa.Value) (*ssa.Select, int, bool) {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return nil, 0, false
	}
	ex, ok := bin.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil, 0, false
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	if !ok {
		return nil, 0, false
	}
	k, ok := bin.Y.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	idx, exact := constant.Int64Val(k.Value)
	if !exact || idx < 0 || int(idx) >= len(sel.States) {
		return nil, 0, false
	}
	return sel, int(idx), true
}

func isSelectTest(cond ssa.Value) bool {
	_, _, ok := selectTest(cond)
	return ok
}

// commaOk matches ok or !ok, where ok reports whether a receive from the
// channel got a value (false: the channel is closed and empty).
func (fl *flow) commaOk(cond ssa.Value) (neg, ok bool) {
	for {
		u, isNot := cond.(*ssa.UnOp)
		if !isNot || u.Op != token.NOT {
			break
		}
		neg = !neg
		cond = u.X
	}
	ex, isEx := cond.(*ssa.Extract)
	if !isEx || ex.Index != 1 {
		return false, false
	}
	switch t := ex.Tuple.(type) {
	case *ssa.UnOp:
		return neg, t.Op == token.ARROW && t.CommaOk && fl.u.recvs[t]
	case *ssa.Select:
		return neg, fl.u.selects[t] != nil
	}
	return false, false
}

// depends reports whether v is computed from a value received from the
// channel (or from the choice of a select that receives from it).
func (fl *flow) depends(v ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	budget := 400
	var walk func(v ssa.Value) bool
	stores := func(addr ssa.Value) bool {
		for _, ref := range *addr.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Addr == addr && walk(ref.Val) {
					return true
				}
			case *ssa.FieldAddr, *ssa.IndexAddr:
				for _, r2 := range *ref.(ssa.Value).Referrers() {
					if st, ok := r2.(*ssa.Store); ok && st.Addr == ref.(ssa.Value) && walk(st.Val) {
						return true
					}
				}
			}
		}
		return false
	}
	walk = func(v ssa.Value) bool {
		if v == nil || seen[v] {
			return false
		}
		seen[v] = true
		if budget--; budget < 0 {
			return false
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				return fl.u.recvs[x]
			}
			return walk(x.X)
		case *ssa.Select:
			return fl.u.selects[x] != nil
		case *ssa.Call:
			if b, ok := x.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
				return false // a count, not the values
			}
			for _, a := range x.Call.Args {
				if walk(a) {
					return true
				}
			}
			return false
		case *ssa.Alloc:
			return x.Referrers() != nil && stores(x)
		case *ssa.Phi, *ssa.BinOp, *ssa.Extract, *ssa.ChangeType, *ssa.Convert, *ssa.MakeInterface,
			*ssa.TypeAssert, *ssa.Field, *ssa.FieldAddr, *ssa.Index, *ssa.IndexAddr, *ssa.Lookup,
			*ssa.Slice, *ssa.ChangeInterface, *ssa.SliceToArrayPointer:
			for _, op := range x.(ssa.Instruction).Operands(nil) {
				if walk(*op) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// describe classifies the leak found at instruction at by walking back
// along the path that brought the most pending sends there.
func (fl *flow) describe(at ssa.Instruction, pred []int) *leak {
	lk := &leak{at: at}
	fn := fl.src.fn
	received := false
	hasRecv := func(b *ssa.BasicBlock, upTo ssa.Instruction) (recv, started bool) {
		for _, instr := range b.Instrs {
			if instr == upTo {
				break
			}
			if u, ok := instr.(*ssa.UnOp); ok && fl.u.recvs[u] {
				recv = true
			}
			if fl.u.startAt[instr] != nil {
				started, recv = true, false // receives before the start do not count
			}
		}
		return recv, started
	}
	cur := at.Block()
	r, started := hasRecv(cur, at)
	received = r
	seen := make(map[int]bool)
	for !started && !seen[cur.Index] {
		seen[cur.Index] = true
		p := pred[cur.Index]
		if p < 0 {
			break
		}
		pb := fn.Blocks[p]
		for i, s := range pb.Succs {
			if s != cur {
				continue
			}
			switch fl.kind(pb, i) {
			case edgeCase:
				if sel, k, _ := selectTest(ifCond(pb)); lk.sel == nil && fl.u.selects[sel] != nil {
					lk.sel, lk.caseIdx = sel, k
				}
			case edgeRecv:
				received = true
			}
			break
		}
		r, started = hasRecv(pb, nil)
		received = received || r
		cur = pb
	}
	switch {
	case lk.sel != nil:
		lk.kind = kindSelect
	case received:
		lk.kind = kindPartial
	default:
		lk.kind = kindEarly
	}
	return lk
}

// isTimer reports whether ch is a channel of time.Time (time.After,
// a Timer's or a Ticker's C).
func isTimer(ch ssa.Value) bool {
	t, ok := ch.Type().Underlying().(*types.Chan)
	return ok && typematch.IsNamed(t.Elem(), "time", "Time")
}

// rootOf returns the make (or the variable) behind a channel value.
func rootOf(v ssa.Value) ssa.Value {
	for range 16 {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
	return v
}

// signals returns the channels of F (by root) that are closed once the
// senders are done: each sending goroutine defers its close, or a goroutine
// closes it after WaitGroup.Wait when every sender calls Done. Receiving
// from one means no send is pending.
func (c *checker) signals(fl *flow, src *source, u *fuses, waitsAll bool) map[ssa.Value]bool {
	self := rootOf(src.root)
	closed := make(map[ssa.Value]int)
	goroutines := 0
	for _, st := range u.starts {
		g := st.goStmt()
		if g == nil {
			return nil // a helper's goroutines: not followed
		}
		goroutines++
		for d := range closes(g, true) {
			closed[d]++
		}
	}
	sig := make(map[ssa.Value]bool)
	for d, n := range closed {
		if n == goroutines && d != self {
			sig[d] = true
		}
	}
	if len(u.starts) == 1 {
		st := u.starts[0]
		if g := st.goStmt(); g != nil {
			for d := range sentAfter(g, st.info.sites, st.pacedLoop) {
				switch {
				case d == self:
				case st.mult == 1:
					sig[d] = true
				case st.info.max != inf:
					// One goroutine of many is done with the channel.
					fl.siblings[d] = st.info.max
				}
			}
		}
	}
	if waitsAll {
		for _, b := range src.fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && u.startAt[g] == nil {
					if fn := g.Call.StaticCallee(); fn != nil && callsWait(fn) {
						for d := range closes(g, false) {
							if d != self {
								sig[d] = true
							}
						}
					}
				}
			}
		}
	}
	return sig
}

func callsWait(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok && isMethod(ci.Common(), "sync", "WaitGroup", "Wait") {
				return true
			}
		}
	}
	return false
}

// sentAfter returns the roots, in the function that runs g, of the other
// channels that g's goroutine sends on only after its last send on the
// channel (at sites) or instead of it: receiving from one means the
// goroutine will not send on the channel again (if err != nil { errc <- err;
// return }; resc <- v). Nil when some sends are in helpers.
func sentAfter(g *ssa.Go, sites []token.Pos, stop *ssa.BasicBlock) map[ssa.Value]bool {
	fn := g.Call.StaticCallee()
	if fn == nil {
		return nil
	}
	ours := make(map[token.Pos]bool)
	for _, p := range sites {
		ours[p] = true
	}
	mine := make(map[*ssa.BasicBlock]int) // block -> index of its last send on the channel
	found := 0
	type other struct {
		b *ssa.BasicBlock
		i int
		d ssa.Value
	}
	var others []other
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok {
				continue
			}
			if ours[send.Pos()] {
				mine[b] = i
				found++
				continue
			}
			if outer := outerValue(g, rootOf(send.Chan)); outer != nil {
				others = append(others, other{b, i, rootOf(outer)})
			}
		}
	}
	if found != len(ours) {
		return nil
	}
	out := make(map[ssa.Value]bool)
	bad := make(map[ssa.Value]bool)
	for _, o := range others {
		if reachesSend(o.b, o.i, mine, stop) {
			bad[o.d] = true
		} else {
			out[o.d] = true
		}
	}
	for d := range bad {
		delete(out, d)
	}
	return out
}

// reachesSend reports whether a send of mine follows instruction i of b,
// before the path reaches stop (the next request of a paced goroutine).
func reachesSend(b *ssa.BasicBlock, i int, mine map[*ssa.BasicBlock]int, stop *ssa.BasicBlock) bool {
	if j, ok := mine[b]; ok && j > i {
		return true
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || x == stop {
			continue
		}
		seen[x] = true
		if _, ok := mine[x]; ok {
			return true
		}
		stack = append(stack, x.Succs...)
	}
	return false
}

// closes returns the roots, in the function that runs g, of the channels
// that g's goroutine closes (only with defer if deferred).
func closes(g *ssa.Go, deferred bool) map[ssa.Value]bool {
	fn := g.Call.StaticCallee()
	if fn == nil {
		return nil
	}
	out := make(map[ssa.Value]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isDefer := instr.(*ssa.Defer); deferred && !isDefer {
				continue
			}
			call := ci.Common()
			if bi, ok := call.Value.(*ssa.Builtin); !ok || bi.Name() != "close" || len(call.Args) != 1 {
				continue
			}
			if outer := outerValue(g, rootOf(call.Args[0])); outer != nil {
				out[rootOf(outer)] = true
			}
		}
	}
	return out
}

// outerValue returns the value in the function that runs g that is bound
// to inner, a free variable or parameter of the goroutine's function.
func outerValue(g *ssa.Go, inner ssa.Value) ssa.Value {
	fn := g.Call.StaticCallee()
	if fn == nil {
		return nil
	}
	switch x := inner.(type) {
	case *ssa.FreeVar:
		if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
			if i := slices.Index(fn.FreeVars, x); i >= 0 && i < len(mc.Bindings) {
				return mc.Bindings[i]
			}
		}
	case *ssa.Parameter:
		if i := slices.Index(fn.Params, x); i >= 0 && i < len(g.Call.Args) {
			return g.Call.Args[i]
		}
	}
	return nil
}

// pacedBy returns the root (in F) of the channel R when the goroutine
// that g starts sends on the channel once per value it receives from R
// (for req := range R { ch <- handle(req) }), or nil.
func (c *checker) pacedBy(g *ssa.Go, info *sendInfo) (ssa.Value, *ssa.BasicBlock) {
	fn := g.Call.StaticCallee()
	if fn == nil || len(info.sites) != 1 || info.once > 0 {
		return nil, nil
	}
	var send *ssa.Send
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := instr.(*ssa.Send); ok && s.Pos() == info.sites[0] {
				send = s
			}
		}
	}
	if send == nil {
		return nil, nil
	}
	gr := c.graph(fn)
	inner, size := -1, 0
	for _, l := range gr.of[send.Block().Index] {
		n := 0
		for _, in := range gr.loops[l].body {
			if in {
				n++
			}
		}
		if inner < 0 || n < size {
			inner, size = l, n
		}
	}
	if inner < 0 {
		return nil, nil
	}
	for _, instr := range gr.loops[inner].header.Instrs {
		if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.ARROW && u.CommaOk {
			if outer := outerValue(g, rootOf(u.X)); outer != nil {
				return rootOf(outer), gr.loops[inner].header
			}
		}
	}
	return nil, nil
}

// serialized reports whether the go statement g runs only while a channel
// variable is nil that the goroutine closes when done (if done == nil {
// done = make(chan struct{}); go func() { ...; close(done) }() }): one
// goroutine at a time.
func serialized(g *ssa.Go) bool {
	closed := closes(g, false)
	if len(closed) == 0 {
		return false
	}
	b := g.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		bin, ok := ifCond(d).(*ssa.BinOp)
		if !ok || bin.Op != token.EQL || !d.Succs[0].Dominates(b) {
			continue
		}
		x := bin.X
		if k, ok := x.(*ssa.Const); ok && k.IsNil() {
			x = bin.Y
		} else if k, ok := bin.Y.(*ssa.Const); !ok || !k.IsNil() {
			continue
		}
		r := rootOf(x)
		if closed[r] {
			return true
		}
		if phi, ok := r.(*ssa.Phi); ok {
			for _, e := range phi.Edges {
				if closed[rootOf(e)] {
					return true
				}
			}
		}
	}
	return false
}
