package busyselect

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
	"github.com/conclint/conclint/internal/loopstmt"
)

//go:embed doc.go
var doc string

// Config holds busyselect's options; each is also a flag -busyselect.NAME.
// busyselect has none yet.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is busyselect with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a busyselect analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "busyselect",
		Doc:      analyzerdoc.MustExtract(doc, "busyselect"),
		URL:      "https://github.com/conclint/conclint#busyselect",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

const (
	msgSpin    = "select in loop has a non-blocking default, so the loop spins a CPU; remove the default or wait in it"
	msgGosched = "select in loop has a default that only yields with runtime.Gosched, so the loop still spins a CPU; remove the default or wait in it"
)

// A candidate is a select statement with a default clause whose innermost
// enclosing loop is in the same function.
type candidate struct {
	sel  *ast.SelectStmt
	def  *ast.CommClause
	loop ast.Stmt
	file *ast.File
}

type checker struct {
	pass *analysis.Pass
	r    *ignore.Reporter
	pkg  *ssa.Package
	sums map[*ssa.Function]*summary
}

func run(pass *analysis.Pass, _ *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()

	cands := candidates(pass)
	if len(cands) == 0 {
		return
	}
	res, _ := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	if res == nil || res.Pkg == nil {
		return
	}
	c := &checker{pass: pass, r: r, pkg: res.Pkg, sums: make(map[*ssa.Function]*summary)}
	reported := make(map[ast.Stmt]bool) // one report per loop
	for _, fn := range res.SrcFuncs {
		for _, b := range fn.Blocks {
			for i, instr := range b.Instrs {
				sel, ok := instr.(*ssa.Select)
				if !ok || sel.Blocking || !sel.Pos().IsValid() {
					continue
				}
				cand := cands[sel.Pos()]
				if cand == nil || reported[cand.loop] {
					continue
				}
				if c.check(cand, sel, b, i) {
					reported[cand.loop] = true
				}
			}
		}
	}
}

// candidates indexes, by the position of their select keyword, the select
// statements with a default clause that lie in the body of a loop of the same
// function. A package without one cannot contain the pattern.
func candidates(pass *analysis.Pass) map[token.Pos]*candidate {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var cands map[token.Pos]*candidate
	for cur := range insp.Root().Preorder((*ast.SelectStmt)(nil)) {
		sel := cur.Node().(*ast.SelectStmt)
		var def *ast.CommClause
		for _, s := range sel.Body.List {
			if cc, ok := s.(*ast.CommClause); ok && cc.Comm == nil {
				def = cc
			}
		}
		if def == nil {
			continue
		}
		var loop ast.Stmt
		var file *ast.File
	outer:
		for p := range cur.Enclosing() {
			switch n := p.Node().(type) {
			case *ast.FuncLit, *ast.FuncDecl:
				if loop == nil {
					break outer
				}
			case *ast.ForStmt:
				if loop == nil && n.Body != nil && within(n.Body, sel) {
					loop = n
				}
			case *ast.RangeStmt:
				if loop == nil && n.Body != nil && within(n.Body, sel) {
					loop = n
				}
			case *ast.File:
				file = n
			}
		}
		if loop == nil || file == nil {
			continue
		}
		if cands == nil {
			cands = make(map[token.Pos]*candidate)
		}
		cands[sel.Select] = &candidate{sel: sel, def: def, loop: loop, file: file}
	}
	return cands
}

func within(outer, inner ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}

// check reports cand if the default of its select, the SSA instruction sel
// at index k of block bs, leads back to the select on a path that neither
// blocks nor leaves the loop. It reports whether it reported.
func (c *checker) check(cand *candidate, sel *ssa.Select, bs *ssa.BasicBlock, k int) bool {
	rg := newRegion(sel, bs, k)
	if rg == nil {
		return false
	}
	// Everything on the way back must be free of blocking: a path that
	// waits (sleep, receive, lock, I/O, unknown call) anywhere between the
	// default and the next select means the author waits, and whether the
	// non-waiting path repeats depends on data we cannot see.
	fx := &regionEffects{}
	for instr := range rg.instrs() {
		if !c.effectOf(instr, fx, rg) {
			return false
		}
	}
	// Another poll on the way back that receives from a channel the select
	// sends to (or the reverse) changes what the select will find: the
	// drain-and-retry pattern ("send the latest value, dropping a stale
	// one") ends in a few trips.
	for instr := range rg.instrs() {
		if other, ok := instr.(*ssa.Select); ok && other != sel && actsOn(other, sel) {
			return false
		}
	}
	// A loop inside the way back (here or in a function it calls) is
	// work: the select checks for cancellation between pieces of a
	// CPU-bound job, which is what it is for.
	if fx.loops || rg.hasInnerLoop() {
		return false
	}
	// Exits: a branch on the way back that can leave the loop. If the
	// region itself can change its condition (a counter, an iterator, a
	// variable or field it writes), the loop is bounded by its own work;
	// otherwise it spins until another goroutine or a select case changes
	// the world.
	v := c.varying(rg, fx)
	localExits := true
	for cond := range rg.exitConds() {
		if v[cond] {
			return false
		}
		if localExits && !rg.local(cond) {
			localExits = false
		}
	}

	diag := analysis.Diagnostic{
		Pos:      cand.def.Case,
		End:      cand.def.Colon + 1,
		Category: "spin",
		Message:  msgSpin,
		Related: []analysis.RelatedInformation{
			{Pos: cand.loop.Pos(), End: loopstmt.Body(cand.loop).Lbrace, Message: "the loop"},
		},
	}
	if fx.gosched {
		diag.Category, diag.Message = "gosched", msgGosched
	}
	if len(cand.def.Body) == 0 && len(sel.States) > 0 && localExits {
		if edit, ok := removeDefault(c.pass, cand); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Remove the empty default so that the select blocks until a case is ready",
				TextEdits: []analysis.TextEdit{edit},
			}}
		}
	}
	c.r.Report(diag)
	return true
}

// removeDefault returns the edit that deletes an empty default clause, from
// the end of what precedes it to its colon, with a comment on its line.
func removeDefault(pass *analysis.Pass, cand *candidate) (analysis.TextEdit, bool) {
	list := cand.sel.Body.List
	start := cand.sel.Body.Lbrace + 1
	next := cand.sel.Body.Rbrace
	for i, s := range list {
		if s == cand.def {
			if i > 0 {
				start = list[i-1].End()
			}
			if i+1 < len(list) {
				next = list[i+1].Pos()
			}
		}
	}
	end := cand.def.Colon + 1
	tf := pass.Fset.File(end)
	if tf == nil {
		return analysis.TextEdit{}, false
	}
	line := tf.Line(end)
	for _, cg := range cand.file.Comments {
		for _, cm := range cg.List {
			if cm.Pos() < start || cm.Pos() >= next {
				continue
			}
			if cm.Pos() < end {
				// A comment before the colon or between the
				// previous clause and default: keep the code as
				// written rather than guess what it belongs to.
				return analysis.TextEdit{}, false
			}
			if tf.Line(cm.Pos()) == line && cm.End() > end {
				end = cm.End()
			}
		}
	}
	return analysis.TextEdit{Pos: start, End: end}, true
}

// A region is the part of a function's control flow that runs between the
// default clause of a non-blocking select and the next execution of the
// select: every block on some path from the start of the default back to
// the select.
type region struct {
	sel    *ssa.Select
	bs     *ssa.BasicBlock // block of the select
	k      int             // index of the select in bs
	zero   bool            // select without cases: the default starts in bs after the select
	entry  *ssa.BasicBlock // first block of the default (bs if zero)
	disp   *ssa.BasicBlock // last dispatch block, whose false edge enters the default (nil if zero)
	blocks map[*ssa.BasicBlock]bool
}

// newRegion returns the region of the default of sel, or nil if the
// default cannot reach the select again.
func newRegion(sel *ssa.Select, bs *ssa.BasicBlock, k int) *region {
	rg := &region{sel: sel, bs: bs, k: k, blocks: make(map[*ssa.BasicBlock]bool)}
	if len(sel.States) == 0 {
		rg.zero, rg.entry = true, bs
	} else {
		rg.disp, rg.entry = defaultEntry(sel, bs)
		if rg.entry == nil {
			return nil
		}
	}

	// Forward from the default, stopping at the select's block.
	fwd := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	reached := false
	if rg.zero {
		stack = append(stack, bs.Succs...)
	} else {
		stack = append(stack, rg.entry)
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == bs {
			reached = true
			continue
		}
		if fwd[b] {
			continue
		}
		fwd[b] = true
		stack = append(stack, b.Succs...)
	}
	if !reached {
		return nil
	}
	// Backward from the select's block, not through it.
	back := make(map[*ssa.BasicBlock]bool)
	stack = append(stack[:0], bs.Preds...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == bs || back[b] {
			continue
		}
		back[b] = true
		if fwd[b] {
			rg.blocks[b] = true
		}
		stack = append(stack, b.Preds...)
	}
	return rg
}

// defaultEntry follows the if-else chain by which go/ssa dispatches on the
// index of a select (if idx == 0 {...} else if idx == 1 {...} else
// {default}) and returns its last block and the block where the default
// starts. It returns nils if the code does not have that shape.
func defaultEntry(sel *ssa.Select, bs *ssa.BasicBlock) (disp, entry *ssa.BasicBlock) {
	n := len(sel.States)
	cur := bs
	for i := range n {
		if len(cur.Instrs) == 0 {
			return nil, nil
		}
		switch t := cur.Instrs[len(cur.Instrs)-1].(type) {
		case *ssa.If:
			if !isIndexTest(t.Cond, sel, i) || len(cur.Succs) != 2 {
				return nil, nil
			}
			if i == n-1 {
				return cur, cur.Succs[1]
			}
			cur = cur.Succs[1]
		case *ssa.Jump:
			// The last case and the default both do nothing:
			// go/ssa turned their if into a jump.
			if i == n-1 && len(cur.Succs) == 1 {
				return cur, cur.Succs[0]
			}
			return nil, nil
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// isIndexTest reports whether v is idx == i, idx being the index that sel
// chose.
func isIndexTest(v ssa.Value, sel *ssa.Select, i int) bool {
	bin, ok := v.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return false
	}
	ext, ok := bin.X.(*ssa.Extract)
	if !ok || ext.Tuple != sel || ext.Index != 0 {
		return false
	}
	k, ok := bin.Y.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	n, exact := constant.Int64Val(k.Value)
	return exact && n == int64(i)
}

// inRegion reports whether instr runs on the way from the default back to
// the select.
func (rg *region) inRegion(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == nil {
		return false
	}
	if b == rg.bs {
		idx := indexOf(b, instr)
		return idx < rg.k || (rg.zero && idx > rg.k)
	}
	return rg.blocks[b]
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, in := range b.Instrs {
		if in == instr {
			return i
		}
	}
	return -1
}

// instrs yields the instructions of the region.
func (rg *region) instrs() func(func(ssa.Instruction) bool) {
	return func(yield func(ssa.Instruction) bool) {
		for i, in := range rg.bs.Instrs {
			if i < rg.k || (rg.zero && i > rg.k) {
				if !yield(in) {
					return
				}
			}
		}
		for b := range rg.blocks {
			for _, in := range b.Instrs {
				if !yield(in) {
					return
				}
			}
		}
	}
}

// actsOn reports whether select a receives from a channel that b sends to,
// or sends to one b receives from.
func actsOn(a, b *ssa.Select) bool {
	for _, x := range a.States {
		for _, y := range b.States {
			if x.Dir != y.Dir && sameValue(x.Chan, y.Chan) {
				return true
			}
		}
	}
	return false
}

// sameValue reports whether a and b are the same SSA value or loads of the
// same variable or field path (n.leadc evaluated twice).
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	switch x := a.(type) {
	case *ssa.UnOp:
		y, ok := b.(*ssa.UnOp)
		return ok && x.Op == token.MUL && y.Op == token.MUL && sameValue(x.X, y.X)
	case *ssa.FieldAddr:
		y, ok := b.(*ssa.FieldAddr)
		return ok && x.Field == y.Field && sameValue(x.X, y.X)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.Field == y.Field && sameValue(x.X, y.X)
	}
	return false
}

// hasInnerLoop reports whether the region has a cycle that passes neither
// through the select nor through another select with a default (which
// would be the same kind of spin).
func (rg *region) hasInnerLoop() bool {
	keep := make(map[*ssa.BasicBlock]bool, len(rg.blocks))
	blocks := make([]*ssa.BasicBlock, 0, len(rg.blocks))
	for b := range rg.blocks {
		if !hasPoll(b) {
			keep[b] = true
			blocks = append(blocks, b)
		}
	}
	return hasCycle(blocks, keep)
}

func hasPoll(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if sel, ok := instr.(*ssa.Select); ok && !sel.Blocking {
			return true
		}
	}
	return false
}

// inside reports whether control that reaches b stays on the way back to
// the select.
func (rg *region) inside(b *ssa.BasicBlock) bool { return b == rg.bs || rg.blocks[b] }

// exitConds yields the conditions of the branches in the region that can
// leave it: leave the loop, return, or panic.
func (rg *region) exitConds() func(func(ssa.Value) bool) {
	return func(yield func(ssa.Value) bool) {
		terms := make([]*ssa.BasicBlock, 0, len(rg.blocks)+1)
		if rg.zero {
			terms = append(terms, rg.bs)
		}
		for b := range rg.blocks {
			terms = append(terms, b)
		}
		for _, b := range terms {
			if len(b.Instrs) == 0 {
				continue
			}
			t, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			for _, s := range b.Succs {
				if !rg.inside(s) {
					if !yield(t.Cond) {
						return
					}
					break
				}
			}
		}
	}
}

// regionEdge reports whether the edge from the i-th predecessor of b into b
// lies on the way back to the select.
func (rg *region) regionEdge(b *ssa.BasicBlock, i int) bool {
	if !rg.inside(b) && b != rg.entry {
		return false
	}
	p := b.Preds[i]
	switch {
	case rg.blocks[p]:
		return true
	case rg.zero && p == rg.bs:
		return true
	case p == rg.disp && b == rg.entry:
		return true
	}
	return false
}

// local reports whether v depends only on constants, parameters and
// variables of the function (no memory load, no call), so that only the
// select's own cases can change it.
func (rg *region) local(v ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if v == nil || seen[v] {
			return true
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Const, *ssa.Parameter, *ssa.Function, *ssa.Extract, *ssa.Phi,
			*ssa.BinOp, *ssa.Convert, *ssa.ChangeType, *ssa.MakeInterface, *ssa.TypeAssert,
			*ssa.Field, *ssa.Index, *ssa.Slice, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan:
		case *ssa.Select:
			return true // a case fired: changed only by the select itself
		case *ssa.UnOp:
			if v.Op == token.MUL || v.Op == token.ARROW {
				return false
			}
		default:
			return false
		}
		instr, ok := v.(ssa.Instruction)
		if !ok {
			return true
		}
		var ops [8]*ssa.Value
		for _, op := range instr.Operands(ops[:0]) {
			if !walk(*op) {
				return false
			}
		}
		return true
	}
	return walk(v)
}
