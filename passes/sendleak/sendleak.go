package sendleak

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
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

// Config holds sendleak's options; each is also a flag -sendleak.NAME.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is sendleak with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a sendleak analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "sendleak",
		Doc:      analyzerdoc.MustExtract(doc, "sendleak"),
		URL:      "https://github.com/conclint/conclint#sendleak",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

// inf stands for a number of sends that the analysis cannot bound.
const inf = math.MaxInt32

func add(a, b int) int {
	if a == inf || b == inf || a+b >= inf {
		return inf
	}
	return a + b
}

func mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a == inf || b == inf || a > inf/b {
		return inf
	}
	return a * b
}

type checker struct {
	pass *analysis.Pass
	r    *ignore.Reporter
	insp *inspector.Inspector
	pkg  *ssa.Package

	senders  map[ssa.Value]*sendInfo   // per channel parameter or free variable of a sender
	busy     map[ssa.Value]bool        // sender analyses in progress (recursion)
	helpers  map[*ssa.Function]*helper // functions that return a channel they make
	graphs   map[*ssa.Function]*graph  // loops of the functions that make channels
	reported map[*ssa.MakeChan]bool    // one report per channel
	cycles   map[*ssa.Function][]bool  // blocks that lie on a cycle, per sender
}

func run(pass *analysis.Pass, _ *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Cheap candidate test: without a go statement nothing can leak.
	hasGo := false
	for range insp.Root().Preorder((*ast.GoStmt)(nil)) {
		hasGo = true
		break
	}
	if !hasGo {
		return
	}
	s := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass: pass, r: r, insp: insp, pkg: s.Pkg,
		senders:  make(map[ssa.Value]*sendInfo),
		busy:     make(map[ssa.Value]bool),
		helpers:  make(map[*ssa.Function]*helper),
		graphs:   make(map[*ssa.Function]*graph),
		reported: make(map[*ssa.MakeChan]bool),
		cycles:   make(map[*ssa.Function][]bool),
	}
	funcs := s.SrcFuncs
	// Function literals in package-level variables belong to init.
	if init := s.Pkg.Func("init"); init != nil {
		var addAnons func(f *ssa.Function)
		addAnons = func(f *ssa.Function) {
			for _, anon := range f.AnonFuncs {
				funcs = append(funcs, anon)
				addAnons(anon)
			}
		}
		funcs = slices.Clip(funcs)
		addAnons(init)
	}
	mainLike := mainOnly(s.Pkg, funcs)
	for _, fn := range funcs {
		if mainLike[fn] {
			continue // the program ends when main returns
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch v := instr.(type) {
				case *ssa.MakeChan:
					c.check(&source{fn: fn, at: v, root: v, mk: v})
				case *ssa.Call:
					if src := c.helperSource(fn, v); src != nil {
						c.check(src)
					}
				}
			}
		}
	}
}

func isMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil &&
		fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}

// mainOnly returns, in a main package, main and the functions that only
// main (or another such function) calls, directly and not in a goroutine:
// when they return, the program is about to end (func main() { if err :=
// run(); err != nil { log.Fatal(err) } }).
func mainOnly(pkg *ssa.Package, funcs []*ssa.Function) map[*ssa.Function]bool {
	out := make(map[*ssa.Function]bool)
	if pkg.Pkg.Name() != "main" {
		return out
	}
	callers := make(map[*ssa.Function][]*ssa.Function)
	escapes := make(map[*ssa.Function]bool) // used as a value, or started as a goroutine
	for _, fn := range funcs {
		if isMain(fn) {
			out[fn] = true
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Function
				if call, ok := instr.(*ssa.Call); ok && !call.Call.IsInvoke() {
					callee, _ = call.Call.Value.(*ssa.Function)
					if callee != nil {
						callers[callee] = append(callers[callee], fn)
					}
				}
				for _, op := range instr.Operands(nil) {
					if f, ok := (*op).(*ssa.Function); ok && f != callee {
						escapes[f] = true
					}
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			cs := callers[fn]
			if out[fn] || fn.Parent() != nil || escapes[fn] || len(cs) == 0 {
				continue
			}
			all := true
			for _, caller := range cs {
				all = all && out[caller]
			}
			if all {
				out[fn] = true
				changed = true
			}
		}
	}
	return out
}

// A source is one channel as seen by the function F that receives from it.
type source struct {
	fn     *ssa.Function   // F
	at     ssa.Instruction // the make, or the call of the helper that makes it, in F
	root   ssa.Value       // the channel value in F
	mk     *ssa.MakeChan   // the make (in F or in the helper)
	helper *helper         // the helper that makes it, or nil
}

// A helper is a same-package function that makes a channel, possibly
// starts goroutines that send on it, and returns it.
type helper struct {
	mk     *ssa.MakeChan
	index  int // result index
	starts []*start
}

// helperSource returns the source for a call of a helper, or nil.
func (c *checker) helperSource(fn *ssa.Function, call *ssa.Call) *source {
	callee := call.Call.StaticCallee()
	if callee == nil || callee == fn || callee.Pkg != c.pkg || len(callee.Blocks) == 0 {
		return nil
	}
	h := c.helper(callee)
	if h == nil {
		return nil
	}
	root := ssa.Value(call)
	if callee.Signature.Results().Len() > 1 {
		root = nil
		for _, ref := range *call.Referrers() {
			if ex, ok := ref.(*ssa.Extract); ok && ex.Index == h.index {
				if root != nil {
					return nil
				}
				root = ex
			}
		}
		if root == nil {
			return nil
		}
	}
	return &source{fn: fn, at: call, root: root, mk: h.mk, helper: h}
}

// helper reports whether fn makes a channel and returns it, using it for
// nothing else than starting goroutines that send on it.
func (c *checker) helper(fn *ssa.Function) *helper {
	if h, ok := c.helpers[fn]; ok {
		return h
	}
	c.helpers[fn] = nil // recursion guard
	res := fn.Signature.Results()
	index := -1
	for i := range res.Len() {
		if _, ok := res.At(i).Type().Underlying().(*types.Chan); ok {
			if index >= 0 {
				return nil
			}
			index = i
		}
	}
	if index < 0 {
		return nil
	}
	var mk *ssa.MakeChan
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if m, ok := instr.(*ssa.MakeChan); ok {
				if mk != nil {
					return nil
				}
				mk = m
			}
		}
	}
	if mk == nil {
		return nil
	}
	h := &helper{mk: mk, index: index}
	returns := make(map[*ssa.Return]bool)
	ok := c.walkRefs(fn, []ssa.Value{mk}, nil, func(instr ssa.Instruction, v ssa.Value, box bool) bool {
		switch instr := instr.(type) {
		case *ssa.Return:
			if box {
				return false
			}
			for i, r := range instr.Results {
				if r == v && i != index {
					return false
				}
			}
			returns[instr] = true
			return true
		case *ssa.Go:
			st := c.startFromGo(instr, v, box)
			if st == nil {
				return false
			}
			h.starts = append(h.starts, st)
			return true
		case *ssa.MakeClosure:
			sts := c.startsFromClosure(instr, v, box)
			if sts == nil {
				return false
			}
			h.starts = append(h.starts, sts...)
			return true
		}
		return false
	})
	if !ok || len(returns) == 0 {
		return nil
	}
	// Every return returns the channel.
	for _, b := range fn.Blocks {
		if ret, isRet := b.Instrs[len(b.Instrs)-1].(*ssa.Return); isRet && !returns[ret] {
			return nil
		}
	}
	for _, st := range h.starts {
		st.mult = c.repeats(fn, st, mk)
	}
	c.helpers[fn] = h
	return h
}

// walkRefs visits the uses of a channel in fn. roots are values that are
// the channel; boxes are pointers to variables that hold only the channel
// (captured variables are boxed). Conversions, loads of the boxes and nil
// comparisons are followed or skipped; every other use is passed to visit
// with the value it uses (box reports whether it is a box). walkRefs
// returns false if visit did, or if a box is assigned anything else.
func (c *checker) walkRefs(fn *ssa.Function, roots, boxes []ssa.Value, visit func(instr ssa.Instruction, v ssa.Value, box bool) bool) bool {
	aliases := make(map[ssa.Value]bool)
	isBox := make(map[ssa.Value]bool)
	var stores []*ssa.Store
	var work []ssa.Value
	push := func(v ssa.Value, box bool) {
		if aliases[v] || isBox[v] {
			return
		}
		if box {
			isBox[v] = true
		} else {
			aliases[v] = true
		}
		work = append(work, v)
	}
	for _, v := range roots {
		push(v, false)
	}
	for _, v := range boxes {
		push(v, true)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		box := isBox[v]
		for _, instr := range *refs {
			switch instr := instr.(type) {
			case *ssa.DebugRef:
				continue
			case *ssa.ChangeType:
				if !box {
					push(instr, false)
					continue
				}
			case *ssa.BinOp:
				if !box && (instr.Op == token.EQL || instr.Op == token.NEQ) {
					continue
				}
			case *ssa.UnOp:
				if box && instr.Op == token.MUL {
					push(instr, false)
					continue
				}
			case *ssa.Store:
				if box && instr.Addr == v {
					stores = append(stores, instr)
					continue
				}
				if !box && instr.Val == v {
					if a, ok := instr.Addr.(*ssa.Alloc); ok {
						stores = append(stores, instr)
						push(a, true)
						continue
					}
				}
				return false
			}
			if !visit(instr, v, box) {
				return false
			}
		}
	}
	for _, st := range stores {
		if !aliases[st.Val] {
			return false // the variable is assigned something else too
		}
	}
	return true
}

// repeats returns how many times st runs for one execution of at (the
// make of the channel, or the call that returns it): the trip count of
// the loops around st that do not also contain at.
func (c *checker) repeats(fn *ssa.Function, st *start, at ssa.Instruction) int {
	g := c.graph(fn)
	for _, l := range g.of[st.instr.Block().Index] {
		if !g.loops[l].body[at.Block().Index] {
			if n := c.tripCount(st, at.Pos()); n <= maxTrips {
				return n
			}
			return inf
		}
	}
	return 1
}

// maxTrips is the largest loop count taken as a number; above it, the
// count is as good as unbounded (and the analysis stays fast).
const maxTrips = 1024

// constCap returns the capacity of mk, or -1 if it is not a constant.
func constCap(mk *ssa.MakeChan) int {
	k, ok := mk.Size.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return -1
	}
	n, exact := constant.Int64Val(k.Value)
	if !exact || n < 0 || n >= inf {
		return -1
	}
	return int(n)
}

// check reports a send on src's channel that blocks forever.
func (c *checker) check(src *source) {
	if c.reported[src.mk] {
		return
	}
	capacity := constCap(src.mk)
	if capacity < 0 {
		return // a computed capacity (len(jobs)) is usually sized to fit
	}
	u := c.uses(src)
	if u == nil || len(u.starts) == 0 {
		return
	}
	total := 0
	for _, st := range u.starts {
		total = add(total, add(mul(st.mult, st.info.max), st.info.once))
	}
	if total <= capacity {
		return // the buffer holds every send
	}
	if capacity > 0 {
		for _, st := range u.starts {
			if st.info.watches {
				// The goroutine leaves its loop when F cancels it;
				// the buffer absorbs a send in progress.
				return
			}
		}
	}
	lk := c.leak(src, u, capacity, total)
	if lk == nil {
		return
	}
	if lk.kind == kindEarly {
		// The goroutine also waits for something from F before it
		// sends: if F returns first, the goroutine blocks there, not
		// on the send.
		for _, st := range u.starts {
			if st.info.waits {
				return
			}
		}
	}
	c.reported[src.mk] = true
	c.report(src, u, lk, capacity, total)
}

// A start is a go statement of F (or a call of a helper that starts
// goroutines) whose goroutines send on the channel.
type start struct {
	instr  ssa.Instruction // the go statement, the helper call, or F's send of a request
	info   *sendInfo
	mult   int // goroutines started in all (inf: one per iteration of an unbounded loop)
	loops  []ast.Stmt
	serial bool    // one goroutine at a time (see serialized)
	paced  *ssa.Go // the go statement of a goroutine that sends once per request

	pacedLoop *ssa.BasicBlock // the header of its loop over the requests
}

// goStmt returns the go statement that starts the goroutine, or nil.
func (st *start) goStmt() *ssa.Go {
	if st.paced != nil {
		return st.paced
	}
	g, _ := st.instr.(*ssa.Go)
	return g
}

// fuses are the uses of a channel in F.
type fuses struct {
	starts  []*start
	startAt map[ssa.Instruction]*start
	recvs   map[*ssa.UnOp]bool     // receives from the channel
	selects map[*ssa.Select][]bool // select states receiving from the channel
}

// uses returns the uses of src's channel in F, or nil if the channel
// escapes or is used in a way the analysis does not model.
func (c *checker) uses(src *source) *fuses {
	u := &fuses{
		startAt: make(map[ssa.Instruction]*start),
		recvs:   make(map[*ssa.UnOp]bool),
		selects: make(map[*ssa.Select][]bool),
	}
	addStart := func(st *start) {
		if st.info.max == 0 && st.info.once == 0 {
			return // closes the channel or only looks at it
		}
		if prev := u.startAt[st.instr]; prev != nil {
			prev.info = &sendInfo{max: add(prev.info.max, st.info.max), once: add(prev.info.once, st.info.once),
				sites: append(prev.info.sites, st.info.sites...), waits: prev.info.waits || st.info.waits,
				done: prev.info.done && st.info.done, watches: prev.info.watches || st.info.watches}
			return
		}
		u.startAt[st.instr] = st
		u.starts = append(u.starts, st)
	}
	if h := src.helper; h != nil {
		info := &sendInfo{done: true}
		for _, st := range h.starts {
			info.done = info.done && st.info.done
			info.watches = info.watches || st.info.watches
			info.max = add(info.max, add(mul(st.mult, st.info.max), st.info.once))
			info.sites = append(info.sites, st.info.sites...)
			info.waits = info.waits || st.info.waits
		}
		if info.max > 0 {
			addStart(&start{instr: src.at, info: info, mult: 1}) // the helper's sends, per call
		}
	}
	ok := c.walkRefs(src.fn, []ssa.Value{src.root}, nil, func(instr ssa.Instruction, v ssa.Value, box bool) bool {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op == token.ARROW && !box {
				u.recvs[instr] = true
				return true
			}
		case *ssa.Select:
			if box {
				return false
			}
			states := u.selects[instr]
			if states == nil {
				states = make([]bool, len(instr.States))
				u.selects[instr] = states
			}
			for i, st := range instr.States {
				if st.Chan == v {
					if st.Dir != types.RecvOnly {
						return false // F sends on it too
					}
					states[i] = true
				}
			}
			return true
		case *ssa.Go:
			if st := c.startFromGo(instr, v, box); st != nil {
				addStart(st)
				return true
			}
		case *ssa.MakeClosure:
			if sts := c.startsFromClosure(instr, v, box); sts != nil {
				for _, st := range sts {
					addStart(st)
				}
				return true
			}
		case *ssa.Call:
			if b, ok := instr.Call.Value.(*ssa.Builtin); ok && !box && (b.Name() == "len" || b.Name() == "cap") {
				return true
			}
		}
		return false // escapes, is closed or sent on by F, or is used otherwise
	})
	if !ok {
		return nil
	}
	for _, st := range u.starts {
		if st.mult == 0 {
			st.mult = 1
		}
		st.mult = mul(st.mult, c.repeats(src.fn, st, src.at))
	}
	c.pace(src, u)
	return u
}

// pace replaces the starts of goroutines that send once per request
// received from a channel R by F's sends on R, each of which allows one
// send; and marks goroutines started one at a time.
func (c *checker) pace(src *source, u *fuses) {
	var starts []*start
	paced := make(map[ssa.Value]bool)
	for _, st := range u.starts {
		g, ok := st.instr.(*ssa.Go)
		if !ok {
			starts = append(starts, st)
			continue
		}
		st.serial = st.mult == inf && serialized(g)
		r, loop := c.pacedBy(g, st.info)
		if r == nil {
			starts = append(starts, st)
			continue
		}
		if paced[r] {
			delete(u.startAt, g) // another worker on the same requests
			continue
		}
		var reqs []*ssa.Send
		for _, b := range src.fn.Blocks {
			for _, instr := range b.Instrs {
				if s, ok := instr.(*ssa.Send); ok && rootOf(s.Chan) == r {
					reqs = append(reqs, s)
				}
			}
		}
		if len(reqs) == 0 {
			starts = append(starts, st) // the requests come from elsewhere
			continue
		}
		paced[r] = true
		delete(u.startAt, g)
		for _, s := range reqs {
			info := *st.info
			info.max = 1
			ps := &start{instr: s, info: &info, paced: g, pacedLoop: loop}
			ps.mult = c.repeats(src.fn, ps, src.at)
			u.startAt[s] = ps
			starts = append(starts, ps)
		}
	}
	u.starts = starts
}

// startFromGo returns the start for a go statement that passes v to a
// same-package function, or nil.
func (c *checker) startFromGo(g *ssa.Go, v ssa.Value, box bool) *start {
	if box {
		return nil
	}
	callee := g.Call.StaticCallee()
	if !c.local(callee) || len(callee.Params) != len(g.Call.Args) {
		return nil
	}
	st := &start{instr: g, info: &sendInfo{}}
	for i, a := range g.Call.Args {
		if a != v {
			continue
		}
		info := c.sendInfo(callee, callee.Params[i], false)
		if info == nil {
			return nil
		}
		st.info.max = add(st.info.max, info.max)
		st.info.sites = append(st.info.sites, info.sites...)
	}
	goroutineTraits(callee, st.info)
	return st
}

// startsFromClosure returns the starts for a function literal that
// captures v and is only started as goroutines, or nil.
func (c *checker) startsFromClosure(mc *ssa.MakeClosure, v ssa.Value, box bool) []*start {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(fn.FreeVars) != len(mc.Bindings) {
		return nil
	}
	info := &sendInfo{}
	for j, b := range mc.Bindings {
		if b != v {
			continue
		}
		sub := c.sendInfo(fn, fn.FreeVars[j], box)
		if sub == nil {
			return nil
		}
		info.max = add(info.max, sub.max)
		info.sites = append(info.sites, sub.sites...)
	}
	goroutineTraits(fn, info)
	var starts []*start
	for _, ref := range *mc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Go:
			if ref.Call.Value == mc && !containsValue(ref.Call.Args, mc) {
				starts = append(starts, &start{instr: ref, info: info})
				continue
			}
		}
		return nil
	}
	return starts
}

func containsValue(vs []ssa.Value, v ssa.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// local reports whether fn's body is available and belongs to this
// package (or is a wrapper the SSA builder made for it).
func (c *checker) local(fn *ssa.Function) bool {
	return fn != nil && len(fn.Blocks) > 0 && (fn.Pkg == c.pkg || fn.Synthetic != "")
}
