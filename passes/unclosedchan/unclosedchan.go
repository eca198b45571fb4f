package unclosedchan

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
)

//go:embed doc.go
var doc string

// Config holds unclosedchan's options; each is also a flag -unclosedchan.NAME.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is unclosedchan with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a unclosedchan analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "unclosedchan",
		Doc:      analyzerdoc.MustExtract(doc, "unclosedchan"),
		URL:      "https://github.com/conclint/conclint#unclosedchan",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

type checker struct {
	pass    *analysis.Pass
	r       *ignore.Reporter
	insp    *inspector.Inspector
	ix      *index
	loops   []*waitLoop
	objsOf  map[ssa.Value][]*object
	callees map[*ssa.Function][]*ssa.Function
	proc    map[*ssa.Function]bool // memo of oncePerProcess
	// fields already reported: a field set from several makes (say, in
	// a test) is one finding.
	reported map[*types.Var]bool
}

func run(pass *analysis.Pass, _ *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !mayContain(pass.TypesInfo, insp) {
		return
	}
	s := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{pass: pass, r: r, insp: insp, callees: make(map[*ssa.Function][]*ssa.Function), proc: make(map[*ssa.Function]bool), reported: make(map[*types.Var]bool)}
	funcs := withInitializer(s)
	for _, fn := range funcs {
		if fn.Blocks != nil {
			c.loops = append(c.loops, findWaitLoops(fn)...)
		}
	}
	if len(c.loops) == 0 {
		return
	}
	c.ix = newIndex(s.Pkg, funcs)
	c.objsOf = make(map[ssa.Value][]*object)
	var objs []*object
	for _, mk := range c.ix.makes {
		o := c.ix.follow(mk)
		objs = append(objs, o)
		for v := range o.vals {
			c.objsOf[v] = append(c.objsOf[v], o)
		}
	}
	for _, o := range objs {
		c.check(o)
	}
}

// withInitializer returns the source functions and the package
// initializer with its function literals (package-level variable
// initializers), which SrcFuncs leaves out.
func withInitializer(s *buildssa.SSA) []*ssa.Function {
	funcs := s.SrcFuncs
	init, _ := s.Pkg.Members["init"].(*ssa.Function)
	if init == nil || slices.Contains(funcs, init) {
		return funcs
	}
	funcs = slices.Clip(funcs)
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	add(init)
	return funcs
}

// mayContain reports whether the package has both a make(chan) and a
// receive that can wait for a close (a range over a channel or a
// two-value receive).
func mayContain(info *types.Info, insp *inspector.Inspector) bool {
	var recv, mk bool
	for cur := range insp.Root().Preorder((*ast.RangeStmt)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.RangeStmt:
			recv = recv || isChanType(info.TypeOf(n.X))
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if u, ok := ast.Unparen(n.Rhs[0]).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
					recv = true
				}
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "make" && len(n.Args) > 0 {
				mk = mk || isChanType(info.TypeOf(n.Args[0]))
			}
		}
		if recv && mk {
			return true
		}
	}
	return false
}

func isChanType(t types.Type) bool { return t != nil && isChan(t) }

func (c *checker) check(o *object) {
	if o.escaped || len(o.sends) == 0 || !o.make.Pos().IsValid() {
		return
	}
	var loops []*waitLoop
	for _, w := range c.loops {
		if o.vals[w.ch] {
			loops = append(loops, w)
		}
	}
	if len(loops) == 0 || c.oncePerProcess(o.make.Parent(), 0) {
		return // a channel of the program's lifetime (main, init, singletons)
	}
	for _, w := range loops {
		if isEntry(w.fn) {
			return // main's own loop, or the program ends with main
		}
	}
	for _, f := range o.fields {
		if c.reported[f] {
			return
		}
	}
	var reported bool
	if len(o.closes) == 0 {
		reported = c.noClose(o, loops)
	} else {
		reported = c.skippedClose(o, loops)
	}
	if reported {
		for _, f := range o.fields {
			c.reported[f] = true
		}
	}
}

// noClose reports a channel that is never closed, and whether it did.
func (c *checker) noClose(o *object, loops []*waitLoop) bool {
	if !c.someSenderReturns(o) {
		return false // the senders run forever: nothing is left behind
	}
	call := c.callAt(o.make.Pos())
	if call == nil {
		return false
	}
	name, simple := c.chanName(call)
	fix := "close it after the last send"
	if simple {
		fix = fmt.Sprintf("close(%s) after the last send", name)
	}
	w := loops[0]
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "noclose",
		Message:  fmt.Sprintf("%s is sent on but never closed, so the %s it in %s never ends; %s", name, loopPhrase(w), c.describe(w.fn), fix),
	}
	diag.Related = c.loopRelated(loops)
	n := 0
	for _, s := range o.sends {
		if s.pos.IsValid() && n < 3 {
			diag.Related = append(diag.Related, analysis.RelatedInformation{Pos: s.pos, Message: "sent here"})
			n++
		}
	}
	if f := c.deferCloseFix(o); f != nil {
		diag.SuggestedFixes = []analysis.SuggestedFix{*f}
	}
	c.r.Report(diag)
	return true
}

func loopPhrase(w *waitLoop) string {
	switch w.kind {
	case "range":
		return "range over"
	case "select loop":
		return "select loop receiving from"
	}
	return "receive loop on"
}

func (c *checker) loopRelated(loops []*waitLoop) []analysis.RelatedInformation {
	var rel []analysis.RelatedInformation
	for i, w := range loops {
		if i == 2 {
			break
		}
		rel = append(rel, analysis.RelatedInformation{Pos: w.pos, Message: fmt.Sprintf("this %s ends only when the channel is closed", w.kind)})
	}
	return rel
}

// someSenderReturns reports whether a send of o is followed by a path to a
// return of its function.
func (c *checker) someSenderReturns(o *object) bool {
	for _, s := range o.sends {
		if reaches(s.instr.Block(), nil, func(b *ssa.BasicBlock) bool {
			_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			return ok
		}) {
			return true
		}
	}
	return false
}

// reaches reports whether a block satisfying goal is reachable from
// start (start included), not passing through avoid.
func reaches(start, avoid *ssa.BasicBlock, goal func(*ssa.BasicBlock) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || b == avoid {
			continue
		}
		seen[b] = true
		if len(b.Instrs) > 0 && goal(b) {
			return true
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// once reports whether fn runs at most once per execution of o's make: it
// is the function of the make, or its only call is in that function and not
// in a loop that does not also make a new channel.
func (c *checker) once(fn *ssa.Function, o *object) bool {
	m := o.make.Parent()
	if fn == m {
		return true
	}
	if !c.ix.knownCallers(fn) {
		return false
	}
	calls := c.ix.callers[fn]
	if len(calls) != 1 || calls[0].Parent() != m {
		return false
	}
	cb, mb := calls[0].Block(), o.make.Block()
	if cb == mb {
		return true
	}
	for _, s := range cb.Succs {
		if reaches(s, mb, func(b *ssa.BasicBlock) bool { return b == cb }) {
			return false
		}
	}
	return true
}

// skippedClose reports returns of the closing function that skip the
// close, and whether it did.
func (c *checker) skippedClose(o *object, loops []*waitLoop) bool {
	var fn *ssa.Function
	for _, cl := range o.closes {
		if f := cl.Parent(); fn == nil {
			fn = f
		} else if f != fn {
			return false // several closers: who owns the close is not clear
		}
	}
	if fn == nil || fn.Blocks == nil || !c.once(fn, o) {
		return false
	}
	for _, w := range loops {
		if w.fn == fn {
			return false
		}
	}
	rets := c.unclosedReturns(fn, o, loops)
	if len(rets) == 0 {
		return false
	}
	ret := c.returnAt(rets[0].Pos())
	if ret == nil {
		return false
	}
	closeCall := c.callAt(o.closes[0].Pos())
	arg := "the channel"
	if closeCall != nil && len(closeCall.Args) == 1 {
		arg = types.ExprString(closeCall.Args[0])
	}
	fix := "close it on this path too"
	single := true
	for _, s := range o.sends {
		single = single && s.instr.Parent() == fn
	}
	if single {
		fix = fmt.Sprintf("use defer close(%s) so that every path closes it", arg)
	}
	w := loops[0]
	diag := analysis.Diagnostic{
		Pos:      ret.Pos(),
		End:      ret.End(),
		Category: "earlyreturn",
		Message:  fmt.Sprintf("return skips close(%s), so the %s it in %s never ends; %s", arg, loopPhrase(w), c.describe(w.fn), fix),
	}
	for _, cl := range o.closes {
		if call := c.callAt(cl.Pos()); call != nil {
			diag.Related = append(diag.Related, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: "the close this return skips"})
		}
	}
	for _, r := range rets[1:] { // explicit returns: their positions are valid
		diag.Related = append(diag.Related, analysis.RelatedInformation{Pos: r.Pos(), Message: "this return skips it too"})
	}
	diag.Related = append(diag.Related, c.loopRelated(loops)...)
	if f := c.deferCloseFix(o); f != nil {
		diag.SuggestedFixes = []analysis.SuggestedFix{*f}
	}
	c.r.Report(diag)
	return true
}

// unclosedReturns returns the explicit returns of fn reachable on a path
// that has not closed o, after the receiver is running (when fn made o,
// after the go statement that starts a receiving loop), and that does not
// hand the failure to the receiver another way.
func (c *checker) unclosedReturns(fn *ssa.Function, o *object, loops []*waitLoop) []*ssa.Return {
	isClose := make(map[ssa.Instruction]bool)
	for _, cl := range o.closes {
		isClose[cl] = true
	}
	loopFns := make(map[*ssa.Function]bool)
	for _, w := range loops {
		loopFns[w.fn] = true
	}
	needStart := fn == o.make.Parent()
	// u: the block may be reached with o open; s: with o open and a
	// receiving loop started.
	transfer := func(b *ssa.BasicBlock, u, s bool) (bool, bool) {
		for _, instr := range b.Instrs {
			if isClose[instr] {
				u, s = false, false
			}
			if g, ok := instr.(*ssa.Go); ok && u && c.startsLoop(g, loopFns) {
				s = true
			}
		}
		return u, s
	}
	n := len(fn.Blocks)
	inU, inS := make([]bool, n), make([]bool, n)
	inU[0], inS[0] = true, !needStart
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if !inU[b.Index] {
				continue
			}
			u, s := transfer(b, true, inS[b.Index])
			for _, succ := range b.Succs {
				if u && !inU[succ.Index] {
					inU[succ.Index], changed = true, true
				}
				if s && !inS[succ.Index] {
					inS[succ.Index], changed = true, true
				}
			}
		}
	}
	// Blocks reachable after a close: a return there is not an early
	// return that leaves before the close, and a path to it that skips
	// every close is often infeasible (closes under correlated conditions).
	afterClose := make([]bool, n)
	var stack []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if slices.ContainsFunc(b.Instrs, func(in ssa.Instruction) bool { return isClose[in] }) {
			stack = append(stack, b.Succs...)
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !afterClose[b.Index] {
			afterClose[b.Index] = true
			stack = append(stack, b.Succs...)
		}
	}
	var rets []*ssa.Return
	for _, b := range fn.Blocks {
		if !inU[b.Index] || afterClose[b.Index] || b == fn.Recover || len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || !ret.Pos().IsValid() {
			continue
		}
		if _, s := transfer(b, true, inS[b.Index]); !s {
			continue
		}
		if c.signalsReceiver(fn, b, o, loops, isClose) {
			continue
		}
		rets = append(rets, ret)
	}
	slices.SortFunc(rets, func(a, b *ssa.Return) int { return int(a.Pos() - b.Pos()) })
	return rets
}

// startsLoop reports whether the go statement g runs a function that is,
// or calls, one holding a receiving loop.
func (c *checker) startsLoop(g *ssa.Go, loopFns map[*ssa.Function]bool) bool {
	start := canon(g.Common().StaticCallee())
	if start == nil {
		return false
	}
	seen := map[*ssa.Function]bool{start: true}
	level := []*ssa.Function{start}
	for depth := 0; depth < 4 && len(level) > 0; depth++ {
		var next []*ssa.Function
		for _, f := range level {
			if loopFns[f] {
				return true
			}
			for _, g := range c.calleesOf(f) {
				if !seen[g] {
					seen[g] = true
					next = append(next, g)
				}
			}
		}
		level = next
	}
	return false
}

// calleesOf returns the same-package functions fn calls or starts.
func (c *checker) calleesOf(fn *ssa.Function) []*ssa.Function {
	if cs, ok := c.callees[fn]; ok {
		return cs
	}
	var cs []*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if ci, ok := instr.(ssa.CallInstruction); ok {
				if f := canon(ci.Common().StaticCallee()); c.ix.inPackage(f) && !slices.Contains(cs, f) {
					cs = append(cs, f)
				}
			}
		}
	}
	c.callees[fn] = cs
	return cs
}

// signalsReceiver reports whether, on the way to the return ending block
// rb, fn sends on or closes another channel (directly or in a callee of
// the package), and the receiving side may wait for that channel before it
// starts its loop: the failure is then handed over another way. Channels
// we cannot follow count as such a hand-over.
func (c *checker) signalsReceiver(fn *ssa.Function, rb *ssa.BasicBlock, o *object, loops []*waitLoop, isClose map[ssa.Instruction]bool) bool {
	closes := func(b *ssa.BasicBlock) bool {
		return slices.ContainsFunc(b.Instrs, func(in ssa.Instruction) bool { return isClose[in] })
	}
	var signals []ssa.Value
	var scan func(f *ssa.Function, blocks []*ssa.BasicBlock, depth int)
	scan = func(f *ssa.Function, blocks []*ssa.BasicBlock, depth int) {
		for _, b := range blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Send:
					if !o.vals[in.Chan] {
						signals = append(signals, in.Chan)
					}
				case *ssa.Select:
					for _, st := range in.States {
						if st.Dir == types.SendOnly && !o.vals[st.Chan] {
							signals = append(signals, st.Chan)
						}
					}
				case ssa.CallInstruction:
					com := in.Common()
					if bi, ok := com.Value.(*ssa.Builtin); ok {
						if bi.Name() == "close" && len(com.Args) == 1 && !o.vals[com.Args[0]] {
							signals = append(signals, com.Args[0])
						}
						continue
					}
					if g := canon(com.StaticCallee()); depth < 2 && c.ix.inPackage(g) {
						scan(g, g.Blocks, depth+1)
					}
				}
			}
		}
	}
	var region []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if b == rb || (reaches(b, nil, func(x *ssa.BasicBlock) bool { return x == rb }) && !reaches(b, nil, closes)) {
			region = append(region, b)
		}
	}
	scan(fn, region, 0)
	for _, sv := range signals {
		objs := c.objsOf[sv]
		if len(objs) == 0 {
			return true
		}
		for _, so := range objs {
			if so.escaped || c.receivedBefore(so, o, loops) {
				return true
			}
		}
	}
	return false
}

// receivedBefore reports whether the receiving side receives from so before
// a receiving loop of o starts: in the loop's function before the loop, or
// in the function that made o before the go statement starting the loop.
func (c *checker) receivedBefore(so, o *object, loops []*waitLoop) bool {
	m := o.make.Parent()
	for _, w := range loops {
		loopFns := map[*ssa.Function]bool{w.fn: true}
		if c.receivesBefore(w.fn, so, func(b *ssa.BasicBlock) bool { return b == w.head }) {
			return true
		}
		if w.fn != m && c.receivesBefore(m, so, func(b *ssa.BasicBlock) bool {
			return slices.ContainsFunc(b.Instrs, func(in ssa.Instruction) bool {
				g, ok := in.(*ssa.Go)
				return ok && c.startsLoop(g, loopFns)
			})
		}) {
			return true
		}
	}
	return false
}

func (c *checker) receivesBefore(fn *ssa.Function, so *object, target func(*ssa.BasicBlock) bool) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			recv := false
			switch in := instr.(type) {
			case *ssa.UnOp:
				recv = in.Op == token.ARROW && so.vals[in.X]
			case *ssa.Select:
				for _, st := range in.States {
					recv = recv || (st.Dir == types.RecvOnly && so.vals[st.Chan])
				}
			}
			if recv && reaches(b, nil, target) {
				return true
			}
		}
	}
	return false
}

// describe names the function holding a loop, for messages.
func (c *checker) describe(fn *ssa.Function) string {
	if fn.Parent() == nil {
		return funcName(fn)
	}
	top := fn
	for top.Parent() != nil {
		top = top.Parent()
	}
	for _, call := range c.ix.callers[fn] {
		if _, ok := call.(*ssa.Go); ok {
			return "the goroutine in " + funcName(top)
		}
	}
	return "the function literal in " + funcName(top)
}

func funcName(fn *ssa.Function) string {
	fn = canon(fn)
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// callAt returns the call expression whose parenthesis (or start) is at pos.
func (c *checker) callAt(pos token.Pos) *ast.CallExpr {
	if !pos.IsValid() {
		return nil
	}
	cur, ok := c.insp.Root().FindByPos(pos, pos)
	if !ok {
		return nil
	}
	for e := range cur.Enclosing((*ast.CallExpr)(nil)) {
		return e.Node().(*ast.CallExpr)
	}
	return nil
}

func (c *checker) returnAt(pos token.Pos) *ast.ReturnStmt {
	cur, ok := c.insp.Root().FindByPos(pos, pos)
	if !ok {
		return nil
	}
	for e := range cur.Enclosing((*ast.ReturnStmt)(nil)) {
		return e.Node().(*ast.ReturnStmt)
	}
	return nil
}

// chanName names the channel made by call from where it is stored, and
// reports whether the name is an expression usable in close(name).
func (c *checker) chanName(call *ast.CallExpr) (string, bool) {
	cur, ok := c.insp.Root().FindNode(call)
	if !ok {
		return "the channel", false
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == ast.Expr(call) && i < len(p.Lhs) && len(p.Lhs) == len(p.Rhs) {
				if s := types.ExprString(p.Lhs[i]); s != "_" {
					return s, true
				}
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == ast.Expr(call) && i < len(p.Names) && len(p.Names) == len(p.Values) {
				return p.Names[i].Name, true
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok {
			return "field " + id.Name, false
		}
	}
	return "the channel", false
}

// oncePerProcess reports whether fn runs at most once in the life of the
// program: main, an init function (which runs package variable
// initializers), a function run by a package-level sync.Once, a function
// wrapped by sync.OnceFunc/OnceValue/OnceValues in such a function, or a
// function called only from such functions.
func (c *checker) oncePerProcess(fn *ssa.Function, depth int) bool {
	fn = canon(fn)
	if fn == nil {
		return false
	}
	if isEntry(fn) {
		return true
	}
	if v, ok := c.proc[fn]; ok {
		return v
	}
	if depth > 5 {
		return false
	}
	c.proc[fn] = false // cycles are not once
	ok := c.oncePerProcessUncached(fn, depth)
	c.proc[fn] = ok
	return ok
}

func (c *checker) oncePerProcessUncached(fn *ssa.Function, depth int) bool {
	ix := c.ix
	if !ix.inPackage(fn) {
		return false
	}
	if ix.addrTaken[fn] {
		// Used as a value: only as the function of a sync once.
		for _, use := range ix.valueUses[fn] {
			call, ok := use.(ssa.CallInstruction)
			if !ok || !c.syncOnce(call, depth) {
				return false
			}
		}
	} else if fn.Parent() == nil {
		obj, _ := fn.Object().(*types.Func)
		if obj == nil || obj.Exported() || (fn.Signature.Recv() != nil && ix.invoked[obj.Name()]) {
			return false
		}
	}
	calls := ix.callers[fn]
	if len(calls) == 0 && !ix.addrTaken[fn] {
		return false
	}
	for _, call := range calls {
		if !c.oncePerProcess(call.Parent(), depth+1) {
			return false
		}
	}
	return true
}

// syncOnce reports whether call hands a function to a sync once that runs
// it at most once per process: Do of a package-level sync.Once, or
// sync.OnceFunc/OnceValue/OnceValues called once per process.
func (c *checker) syncOnce(call ssa.CallInstruction, depth int) bool {
	callee := call.Common().StaticCallee()
	if callee == nil {
		return false
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return false
	}
	switch obj.Name() {
	case "Do":
		args := call.Common().Args
		if len(args) == 0 {
			return false
		}
		_, global := args[0].(*ssa.Global)
		return global
	case "OnceFunc", "OnceValue", "OnceValues":
		return c.oncePerProcess(call.Parent(), depth+1)
	}
	return false
}
