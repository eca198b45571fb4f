package unclosedchan

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A waitLoop is a loop that receives from a channel and whose only way out
// (other than a panic) is that the receive reports the channel closed: a
// range over the channel, for { v, ok := <-ch; if !ok { break } }, or a
// for { select { ... } } whose only exit is a case with !ok.
type waitLoop struct {
	ch   ssa.Value // the channel operand of the receive
	fn   *ssa.Function
	head *ssa.BasicBlock // the loop header
	pos  token.Pos       // the for of a range, else the <- of the receive
	kind string          // "range", "receive loop" or "select loop"
}

// natLoop is a natural loop of a function: its header and blocks.
type natLoop struct {
	head   *ssa.BasicBlock
	blocks []bool // by block index
	size   int
}

// naturalLoops returns the natural loops of fn (one per header).
func naturalLoops(fn *ssa.Function) []*natLoop {
	var loops []*natLoop
	for _, h := range fn.Blocks {
		var l *natLoop
		for _, t := range h.Preds {
			if !h.Dominates(t) {
				continue
			}
			if l == nil {
				l = &natLoop{head: h, blocks: make([]bool, len(fn.Blocks))}
				l.blocks[h.Index] = true
				l.size = 1
			}
			stack := []*ssa.BasicBlock{t}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.blocks[b.Index] {
					continue
				}
				l.blocks[b.Index] = true
				l.size++
				stack = append(stack, b.Preds...)
			}
		}
		if l != nil {
			loops = append(loops, l)
		}
	}
	return loops
}

// innermost returns the smallest loop containing b, or nil.
func innermost(loops []*natLoop, b *ssa.BasicBlock) *natLoop {
	var best *natLoop
	for _, l := range loops {
		if l.blocks[b.Index] && (best == nil || l.size < best.size) {
			best = l
		}
	}
	return best
}

// findWaitLoops returns the loops of fn that wait for a channel to be closed.
func findWaitLoops(fn *ssa.Function) []*waitLoop {
	type cand struct {
		recv ssa.Value // *ssa.UnOp or *ssa.Select
		b    *ssa.BasicBlock
	}
	var cands []cand
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.UnOp:
				if in.Op == token.ARROW && in.CommaOk {
					cands = append(cands, cand{in, b})
				}
			case *ssa.Select:
				if in.Blocking {
					cands = append(cands, cand{in, b})
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	loops := naturalLoops(fn)
	if len(loops) == 0 {
		return nil
	}
	var out []*waitLoop
	for _, c := range cands {
		l := innermost(loops, c.b)
		if l == nil {
			continue
		}
		oks := okValues(c.recv)
		if len(oks) == 0 {
			continue
		}
		ch, ok := loopExitsOnlyOnClose(l, c.recv, oks)
		if !ok {
			continue
		}
		w := &waitLoop{ch: ch, fn: fn, head: l.head}
		switch r := c.recv.(type) {
		case *ssa.UnOp:
			w.pos = r.Pos()
			w.kind = "receive loop"
			if l.head == c.b && c.b.Comment == "rangechan.loop" {
				w.kind = "range"
			}
		case *ssa.Select:
			w.kind = "select loop"
			for _, st := range r.States {
				if st.Chan == ch {
					w.pos = st.Pos
				}
			}
		}
		if !w.pos.IsValid() {
			continue
		}
		out = append(out, w)
	}
	return out
}

// okValues returns the values that hold the ok result of recv: its
// extracts #1 and their negations.
func okValues(recv ssa.Value) map[ssa.Value]bool {
	oks := make(map[ssa.Value]bool)
	refs := recv.Referrers()
	if refs == nil {
		return nil
	}
	for _, r := range *refs {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			oks[e] = false
			if er := e.Referrers(); er != nil {
				for _, rr := range *er {
					if n, ok := rr.(*ssa.UnOp); ok && n.Op == token.NOT {
						oks[n] = true // negated
					}
				}
			}
		}
	}
	return oks
}

// loopExitsOnlyOnClose reports whether every exit of loop l (other than to
// a panic) is taken only when the receive recv reported a closed channel,
// and there is at least one such exit. It returns the channel whose close
// the loop waits for.
func loopExitsOnlyOnClose(l *natLoop, recv ssa.Value, oks map[ssa.Value]bool) (ssa.Value, bool) {
	var ch ssa.Value
	exits := 0
	for _, x := range l.head.Parent().Blocks {
		if !l.blocks[x.Index] {
			continue
		}
		for _, y := range x.Succs {
			if l.blocks[y.Index] || endsInPanic(y) {
				continue
			}
			d, ok := closedGate(l, x, y, oks)
			if !ok {
				return nil, false
			}
			c := gatedChan(l, d, recv)
			if c == nil || (ch != nil && c != ch) {
				return nil, false
			}
			ch = c
			exits++
		}
	}
	return ch, exits > 0
}

// closedGate finds the block d, in l, ending in an if on ok such that the
// exit edge x->y is taken only when ok is false.
func closedGate(l *natLoop, x, y *ssa.BasicBlock, oks map[ssa.Value]bool) (*ssa.BasicBlock, bool) {
	if t, f, ok := okIf(x, oks); ok && t != f {
		if y == f {
			return x, true
		}
		return nil, false // exits while the channel is open
	}
	for d := x.Idom(); d != nil && l.blocks[d.Index]; d = d.Idom() {
		t, f, ok := okIf(d, oks)
		if !ok || t == f {
			continue
		}
		if len(f.Preds) == 1 && f.Dominates(x) {
			return d, true
		}
		if len(t.Preds) == 1 && t.Dominates(x) {
			return nil, false // exits while the channel is open
		}
	}
	return nil, false
}

// okIf returns the successors of b taken when ok is true and false, if b
// ends in an if on one of oks.
func okIf(b *ssa.BasicBlock, oks map[ssa.Value]bool) (t, f *ssa.BasicBlock, ok bool) {
	if len(b.Instrs) == 0 {
		return nil, nil, false
	}
	iff, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf || len(b.Succs) != 2 {
		return nil, nil, false
	}
	neg, found := oks[iff.Cond]
	if !found {
		return nil, nil, false
	}
	if neg {
		return b.Succs[1], b.Succs[0], true
	}
	return b.Succs[0], b.Succs[1], true
}

// gatedChan returns the channel whose closing the gate in block d tests:
// the operand of a receive, or for a select the channel of the case whose
// dispatch (index == i) dominates d.
func gatedChan(l *natLoop, d *ssa.BasicBlock, recv ssa.Value) ssa.Value {
	switch r := recv.(type) {
	case *ssa.UnOp:
		return r.X
	case *ssa.Select:
		for b := d; b != nil && l.blocks[b.Index]; b = b.Idom() {
			p := b.Idom()
			if p == nil || len(p.Instrs) == 0 {
				continue
			}
			iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
			if !ok || len(p.Succs) != 2 || p.Succs[0] != b || len(b.Preds) != 1 {
				continue
			}
			cmp, ok := iff.Cond.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL {
				continue
			}
			idx, ok := cmp.X.(*ssa.Extract)
			k, ok2 := cmp.Y.(*ssa.Const)
			if !ok || !ok2 || idx.Tuple != r || idx.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
				continue
			}
			i, exact := constant.Int64Val(k.Value)
			if !exact || i < 0 || int(i) >= len(r.States) {
				return nil
			}
			if st := r.States[i]; st.Dir == types.RecvOnly {
				return st.Chan
			}
			return nil
		}
	}
	return nil
}

// endsInPanic reports whether b ends in a panic (including the one go/ssa
// inserts after calls that never return, such as log.Fatal).
func endsInPanic(b *ssa.BasicBlock) bool {
	if len(b.Instrs) == 0 {
		return false
	}
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
	return ok
}
