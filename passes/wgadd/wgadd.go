package wgadd

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
	"github.com/conclint/conclint/internal/ssaloops"
)

//go:embed doc.go
var doc string

// Config holds wgadd's options; each is also a flag -wgadd.NAME.
// wgadd has none: what it reports is always a race.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is wgadd with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a wgadd analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "wgadd",
		Doc:      analyzerdoc.MustExtract(doc, "wgadd"),
		URL:      "https://github.com/conclint/conclint#wgadd",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		run(pass, &cfg)
		return nil, nil
	}
	return a
}

// The analysis works on SSA. Every function gets a summary: the WaitGroup
// operations it performs (Add, Done, Wait, starting a goroutine that calls
// Done, letting the WaitGroup escape), each on a key that names the
// WaitGroup relative to the function's parameters, free variables and
// globals (e.g. "parameter 0, field 3"). At a call or go statement the
// callee's keys are rewritten in the caller's terms, so "the same
// WaitGroup" survives pointer parameters, closures and struct fields.
//
// For each go statement, the started goroutine's summary is read in the
// starting function's terms. A WaitGroup the goroutine calls Done on once
// is reported when the goroutine also calls Add on it (category inside),
// or when the starting function calls Add after the go statement
// (category after), unless an Add before the go statement already counts
// the goroutine.

type opKind uint8

const (
	opAdd       opKind = iota // Add with a positive constant or len(...) delta
	opAddOther                // Add with another delta (sign unknown)
	opDone                    // Done, or Add with a negative delta
	opWait                    // Wait
	opFanout                  // starts a goroutine (go or WaitGroup.Go) that calls Done
	opEscape                  // the WaitGroup's address goes where we cannot follow
	opSignal                  // a send on or close of a channel
	opRecv                    // a receive from a channel
	opUnknownGo               // starts a goroutine we cannot see into (any WaitGroup)
)

// anyKey is the key of opUnknownGo: it stands for every WaitGroup and
// survives substitution unchanged.
var anyKey = key{kind: baseGlobal, path: "?"}

type baseKind uint8

const (
	baseLocal   baseKind = iota // a value of the function itself
	baseParam                   // parameter index
	baseFreeVar                 // free variable index
	baseGlobal                  // package-level variable val
)

// A key names a WaitGroup (or a pointer leading to one) relative to a
// function: a base and a path of field selections (".3") and loads (".*").
type key struct {
	kind  baseKind
	index int
	val   ssa.Value // for baseLocal and baseGlobal
	path  string
}

// An op is one WaitGroup operation, seen from the function whose summary
// holds it.
type op struct {
	kind   opKind
	k      key
	pos    token.Pos     // Lparen of the WaitGroup method call
	fn     *ssa.Function // function that holds the WaitGroup method call
	inLoop bool          // may run more than once per call of the summarized function
	locked bool          // an Add made while its function holds a mutex
}

type funcInfo struct {
	byInstr map[ssa.Instruction][]op // every op, keys relative to the function
	summary []op                     // the ops whose keys a caller can see
}

type checker struct {
	pass     *analysis.Pass
	r        *ignore.Reporter
	insp     *inspector.Inspector
	addCalls map[token.Pos]inspector.Cursor // WaitGroup.Add calls by Lparen
	goStmts  map[token.Pos]inspector.Cursor // go statements by the go keyword
	infos    map[*ssa.Function]*funcInfo
	methods  map[*ssa.Function]string // WaitGroup method name, "" for others
	reported map[token.Pos]bool
}

func run(pass *analysis.Pass, _ *Config) {
	r := ignore.NewReporter(pass)
	defer r.Finish()
	c := &checker{
		pass:     pass,
		r:        r,
		insp:     pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		addCalls: make(map[token.Pos]inspector.Cursor),
		goStmts:  make(map[token.Pos]inspector.Cursor),
		infos:    make(map[*ssa.Function]*funcInfo),
		methods:  make(map[*ssa.Function]string),
		reported: make(map[token.Pos]bool),
	}
	// Cheap candidate test: the package must have both a go statement and
	// a call of sync.WaitGroup.Add.
	for cur := range c.insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			c.goStmts[n.Go] = cur
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Func); ok && waitGroupMethod(fn) == "Add" {
				c.addCalls[n.Lparen] = cur
			}
		}
	}
	if len(c.goStmts) == 0 || len(c.addCalls) == 0 {
		return
	}
	ssainfo, _ := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	if ssainfo == nil {
		return
	}
	for _, fn := range ssainfo.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && g.Pos().IsValid() {
					c.checkGo(fn, g)
				}
			}
		}
	}
}

// waitGroupMethod returns the name of fn if it is a method of
// sync.WaitGroup, and "" otherwise.
func waitGroupMethod(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return ""
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !isWaitGroup(sig.Recv().Type()) {
		return ""
	}
	return fn.Name()
}

// isWaitGroup reports whether t is sync.WaitGroup or a pointer to it.
func isWaitGroup(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "sync" && obj.Name() == "WaitGroup"
}

// isWaitGroupRef reports whether t is *sync.WaitGroup or **sync.WaitGroup:
// the types of the values through which a WaitGroup can escape.
func isWaitGroupRef(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	return isWaitGroup(p.Elem()) // isWaitGroup accepts *WaitGroup too
}

func (c *checker) method(fn *ssa.Function) string {
	if name, ok := c.methods[fn]; ok {
		return name
	}
	obj, _ := fn.Object().(*types.Func)
	name := waitGroupMethod(obj)
	c.methods[fn] = name
	return name
}

// keyOf names v relative to fn.
func (c *checker) keyOf(fn *ssa.Function, v ssa.Value) (key, bool) {
	return c.keyOfDepth(fn, v, 0)
}

func (c *checker) keyOfDepth(fn *ssa.Function, v ssa.Value, depth int) (key, bool) {
	path := ""
	for range 32 {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			path = "." + strconv.Itoa(x.Field) + path
			v = x.X
		case *ssa.Field:
			path = "." + strconv.Itoa(x.Field) + path
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return key{}, false
			}
			path = ".*" + path
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Parameter:
			for i, p := range fn.Params {
				if p == x {
					return key{kind: baseParam, index: i, path: path}, true
				}
			}
			return key{}, false
		case *ssa.FreeVar:
			for i, p := range fn.FreeVars {
				if p == x {
					return key{kind: baseFreeVar, index: i, path: path}, true
				}
			}
			return key{}, false
		case *ssa.Global:
			return key{kind: baseGlobal, val: x, path: path}, true
		case *ssa.Phi:
			// The same WaitGroup on every edge (e.g. a loop-carried
			// variable that is never reassigned).
			if depth > 4 {
				return key{}, false
			}
			var k key
			found := false
			for _, e := range x.Edges {
				if e == x {
					continue
				}
				ek, ok := c.keyOfDepth(fn, e, depth+1)
				if !ok || (found && ek != k) {
					return key{}, false
				}
				k, found = ek, true
			}
			if !found {
				return key{}, false
			}
			k.path += path
			return k, true
		case *ssa.Const, *ssa.IndexAddr, *ssa.Index, *ssa.Lookup:
			// nil, or one of many WaitGroups: cannot follow.
			return key{}, false
		default:
			return key{kind: baseLocal, val: v, path: path}, true
		}
	}
	return key{}, false
}

// callee resolves the function a call, go or defer runs, when it has a
// body we can read (this package, or a synthetic wrapper around it).
func callee(common *ssa.CallCommon) (fn *ssa.Function, bindings []ssa.Value) {
	if common.IsInvoke() {
		return nil, nil
	}
	switch v := common.Value.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn, _ = v.Fn.(*ssa.Function)
		bindings = v.Bindings
	}
	if fn == nil || len(fn.Blocks) == 0 {
		return nil, nil
	}
	return fn, bindings
}

// info returns fn's operations, computing them once. A function that is
// being computed (recursion) is seen with what is known so far.
func (c *checker) info(fn *ssa.Function) *funcInfo {
	if fi, ok := c.infos[fn]; ok {
		return fi
	}
	fi := &funcInfo{byInstr: make(map[ssa.Instruction][]op)}
	c.infos[fn] = fi
	loops := ssaloops.Blocks(fn)
	seen := make(map[op]bool) // the same op reached by several calls is summarized once
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ops := c.instrOps(fn, instr)
			if len(ops) == 0 {
				continue
			}
			for i := range ops {
				if loops[b.Index] {
					ops[i].inLoop = true
				}
				if ops[i].kind == opAdd && ops[i].fn == fn && holdsLock(instr) {
					ops[i].locked = true
				}
				if ops[i].k.kind != baseLocal && !seen[ops[i]] {
					seen[ops[i]] = true
					fi.summary = append(fi.summary, ops[i])
				}
			}
			fi.byInstr[instr] = ops
		}
	}
	return fi
}

// instrOps returns the WaitGroup operations of one instruction of fn,
// with keys relative to fn.
func (c *checker) instrOps(fn *ssa.Function, instr ssa.Instruction) []op {
	var ops []op
	escape := func(v ssa.Value) {
		if v == nil || !isWaitGroupRef(v.Type()) {
			return
		}
		if k, ok := c.keyOf(fn, v); ok {
			ops = append(ops, op{kind: opEscape, k: k})
		}
	}
	switch instr := instr.(type) {
	case *ssa.Call, *ssa.Defer:
		common := instr.(ssa.CallInstruction).Common()
		if f, ok := common.Value.(*ssa.Function); ok && !common.IsInvoke() && len(common.Args) > 0 {
			if name := c.method(f); name != "" {
				k, ok := c.keyOf(fn, common.Args[0])
				if !ok {
					return nil
				}
				o := op{k: k, pos: common.Pos(), fn: fn}
				switch name {
				case "Add":
					if len(common.Args) != 2 {
						return nil
					}
					o.kind = deltaKind(common.Args[1])
				case "Done":
					o.kind = opDone
				case "Wait":
					o.kind = opWait
				case "Go":
					o.kind = opFanout
				default:
					return nil
				}
				return []op{o}
			}
		}
		if b, ok := common.Value.(*ssa.Builtin); ok {
			if b.Name() == "close" && len(common.Args) == 1 {
				if k, ok := c.keyOf(fn, common.Args[0]); ok {
					return []op{{kind: opSignal, k: k}}
				}
			}
			return nil
		}
		g, bindings := callee(common)
		if g == nil {
			for _, a := range common.Args {
				escape(a)
			}
			if mc, ok := common.Value.(*ssa.MakeClosure); ok {
				for _, b := range mc.Bindings {
					escape(b)
				}
			}
			return ops
		}
		for _, o := range c.info(g).summary {
			if o, ok := c.subst(fn, common.Args, bindings, o); ok {
				ops = append(ops, o)
			}
		}
	case *ssa.Go:
		common := instr.Common()
		g, bindings := callee(common)
		if g == nil {
			for _, a := range common.Args {
				escape(a)
			}
			return append(ops, op{kind: opUnknownGo, k: anyKey})
		}
		for _, o := range c.info(g).summary {
			switch o.kind {
			case opDone, opFanout:
				o.kind = opFanout
			case opEscape, opUnknownGo:
			default:
				continue // the child's own Adds and Waits
			}
			if o, ok := c.subst(fn, common.Args, bindings, o); ok {
				ops = append(ops, o)
			}
		}
	case *ssa.MakeClosure:
		if closureEscapes(instr) {
			for _, b := range instr.Bindings {
				escape(b)
			}
		}
	case *ssa.Store:
		escape(instr.Val)
	case *ssa.MakeInterface:
		escape(instr.X)
	case *ssa.Send:
		escape(instr.X)
		if k, ok := c.keyOf(fn, instr.Chan); ok {
			ops = append(ops, op{kind: opSignal, k: k})
		}
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			if k, ok := c.keyOf(fn, instr.X); ok {
				ops = append(ops, op{kind: opRecv, k: k})
			}
		}
	case *ssa.Select:
		if instr.Blocking {
			for _, st := range instr.States {
				if st.Dir == types.RecvOnly {
					if k, ok := c.keyOf(fn, st.Chan); ok {
						ops = append(ops, op{kind: opRecv, k: k})
					}
				}
			}
		}
	case *ssa.MapUpdate:
		escape(instr.Value)
	}
	return ops
}

// holdsLock reports whether a mutex is held at instr: walking back through
// its block and the blocks that dominate it, a Lock or RLock call comes
// before any Unlock or RUnlock.
func holdsLock(instr ssa.Instruction) bool {
	b := instr.Block()
	i := indexOf(b, instr)
	for steps := 0; b != nil && steps < 1000; {
		for i--; i >= 0; i-- {
			steps++
			call, ok := b.Instrs[i].(*ssa.Call)
			if !ok {
				continue
			}
			switch lockMethod(call.Common()) {
			case "Lock", "RLock":
				return true
			case "Unlock", "RUnlock":
				return false
			}
		}
		b = b.Idom()
		if b != nil {
			i = len(b.Instrs)
		}
	}
	return false
}

// lockMethod returns the name of a Lock, RLock, Unlock or RUnlock call on
// a sync.Mutex, sync.RWMutex or sync.Locker, and "" for other calls.
func lockMethod(common *ssa.CallCommon) string {
	var obj *types.Func
	if common.IsInvoke() {
		obj = common.Method
	} else if f, ok := common.Value.(*ssa.Function); ok {
		obj, _ = f.Object().(*types.Func)
	}
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return ""
	}
	switch obj.Name() {
	case "Lock", "RLock", "Unlock", "RUnlock":
		return obj.Name()
	}
	return ""
}

// deltaKind classifies the delta of an Add.
func deltaKind(v ssa.Value) opKind {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil || v.Value.Kind() != constant.Int {
			return opAddOther
		}
		switch constant.Sign(v.Value) {
		case 1:
			return opAdd
		case -1:
			return opDone
		}
		return opAddOther
	case *ssa.UnOp:
		if v.Op == token.SUB {
			return opDone
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" {
			return opAdd
		}
	case *ssa.Convert:
		return deltaKind(v.X)
	}
	return opAddOther
}

// closureEscapes reports whether mc is used other than as the function of
// a call, go or defer.
func closureEscapes(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		call, ok := r.(ssa.CallInstruction)
		if !ok || call.Common().Value != mc {
			return true
		}
		for _, a := range call.Common().Args {
			if a == mc {
				return true
			}
		}
	}
	return false
}

// subst rewrites o, relative to a callee, in the terms of its caller fn,
// given the call's arguments and the closure's bindings.
func (c *checker) subst(fn *ssa.Function, args, bindings []ssa.Value, o op) (op, bool) {
	var v ssa.Value
	switch o.k.kind {
	case baseGlobal:
		return o, true
	case baseParam:
		if o.k.index >= len(args) {
			return o, false
		}
		v = args[o.k.index]
	case baseFreeVar:
		if o.k.index >= len(bindings) {
			return o, false
		}
		v = bindings[o.k.index]
	default:
		return o, false
	}
	k, ok := c.keyOf(fn, v)
	if !ok {
		return o, false
	}
	k.path += o.k.path
	o.k = k
	return o, true
}

// keyOps groups a goroutine's operations on one WaitGroup.
type keyOps struct {
	adds      []op // Add with a known positive delta, once per goroutine
	otherAdds bool // any other Add
	dones     []op // Done, once per goroutine
	loopDones bool // a Done that may run many times
	blocked   bool // Wait, fan-out or escape: not ours to judge
}

// unwrap returns the function a wrapper delegates to: a synthetic wrapper
// (bound method, thunk, generic instance) or a function literal whose only
// call is to that function (go func() { worker(&wg, job) }()). Otherwise
// it returns fn.
func unwrap(fn *ssa.Function) *ssa.Function {
	for range 4 {
		if fn.Synthetic == "" && fn.Parent() == nil {
			return fn
		}
		var next *ssa.Function
		calls := 0
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				calls++
				if _, isCall := instr.(*ssa.Call); isCall {
					next, _ = callee(call.Common())
				}
			}
		}
		if calls != 1 || next == nil {
			return fn
		}
		fn = next
	}
	return fn
}

// dropBrackets removes the Adds and Dones of helpers (functions other than
// the goroutine's own) that call both on the WaitGroup: such a helper
// brackets its own work (an in-flight count), and its Add pays for its own
// Done, not for the goroutine.
func (ko *keyOps) dropBrackets(child *ssa.Function) {
	bracket := make(map[*ssa.Function]bool)
	for _, a := range ko.adds {
		for _, d := range ko.dones {
			if a.fn == d.fn && a.fn != child {
				bracket[a.fn] = true
			}
		}
	}
	if len(bracket) == 0 {
		return
	}
	drop := func(ops []op) []op {
		var kept []op
		for _, o := range ops {
			if !bracket[o.fn] {
				kept = append(kept, o)
			}
		}
		return kept
	}
	ko.adds, ko.dones = drop(ko.adds), drop(ko.dones)
}

// checkGo checks the goroutine started by g in fn.
func (c *checker) checkGo(fn *ssa.Function, g *ssa.Go) {
	child, bindings := callee(g.Common())
	if child == nil {
		return
	}
	byKey := make(map[key]*keyOps)
	var order []key
	signals := make(map[key]bool) // WaitGroups and channels the goroutine signals
	unknownGo := false            // the goroutine starts goroutines we cannot see into
	for _, o := range c.info(child).summary {
		if o.kind == opUnknownGo {
			unknownGo = true
			continue
		}
		o, ok := c.subst(fn, g.Common().Args, bindings, o)
		if !ok {
			continue
		}
		if o.kind == opSignal || o.kind == opDone {
			signals[o.k] = true
		}
		ko := byKey[o.k]
		if ko == nil {
			ko = &keyOps{}
			byKey[o.k] = ko
			order = append(order, o.k)
		}
		switch o.kind {
		case opAdd:
			if o.inLoop || o.locked {
				ko.otherAdds = true
			} else {
				ko.adds = append(ko.adds, o)
			}
		case opAddOther:
			ko.otherAdds = true
		case opDone:
			if o.inLoop {
				ko.loopDones = true
			} else {
				ko.dones = append(ko.dones, o)
			}
		case opWait, opFanout, opEscape:
			ko.blocked = true
		}
	}
	for _, k := range order {
		ko := byKey[k]
		ko.dropBrackets(unwrap(child))
		if ko.blocked || ko.loopDones || len(ko.dones) == 0 {
			continue
		}
		if c.countingAdd(fn, g, k) != nil {
			continue // counted before the go statement
		}
		switch {
		case len(ko.adds) > 0 && !ko.otherAdds:
			if unknownGo || c.handshake(fn, g, k, signals) {
				continue
			}
			for _, a := range ko.adds {
				c.reportInside(g, child, a, ko.dones[0])
			}
		case len(ko.adds) == 0 && !ko.otherAdds:
			if add := c.addAfter(fn, g, k); add != nil {
				c.reportAfter(g, add, ko.dones[0])
			}
		}
	}
}

// countingAdd returns the Add that counts the goroutine started by g on
// the WaitGroup k: the nearest Add on k before g in g's block or the
// blocks that dominate it, with no other go statement for k in between.
func (c *checker) countingAdd(fn *ssa.Function, g ssa.Instruction, k key) ssa.Instruction {
	fi := c.info(fn)
	b := g.Block()
	i := indexOf(b, g)
	for b != nil {
		for i--; i >= 0; i-- {
			instr := b.Instrs[i]
			add, fanout := false, false
			for _, o := range fi.byInstr[instr] {
				if o.k != k {
					continue
				}
				switch o.kind {
				case opAdd, opAddOther:
					add = true
				case opFanout:
					fanout = true
				}
			}
			if fanout {
				return nil // an earlier goroutine takes the earlier Add
			}
			if add {
				return instr
			}
		}
		b = b.Idom()
		if b != nil {
			i = len(b.Instrs)
		}
	}
	return nil
}

// handshake reports whether, after starting the goroutine g, fn waits for
// a signal of the goroutine (a receive from a channel it sends on or
// closes, a Wait on another WaitGroup it calls Done on) and then calls
// Wait on k: the goroutine's Add is then ordered before that Wait.
func (c *checker) handshake(fn *ssa.Function, g *ssa.Go, k key, signals map[key]bool) bool {
	fi := c.info(fn)
	found := false
	c.reachableAfter(g, func(a ssa.Instruction) bool {
		for _, o := range fi.byInstr[a] {
			if o.k != k && signals[o.k] && (o.kind == opRecv || o.kind == opWait) {
				c.reachableAfter(a, func(w ssa.Instruction) bool {
					for _, o := range fi.byInstr[w] {
						if o.k == k && o.kind == opWait {
							found = true
						}
					}
					return found
				})
			}
		}
		return found
	})
	return found
}

// reachableAfter calls visit on each instruction that can run after from
// in its function, until visit returns true.
func (c *checker) reachableAfter(from ssa.Instruction, visit func(ssa.Instruction) bool) {
	b := from.Block()
	for _, instr := range b.Instrs[min(indexOf(b, from)+1, len(b.Instrs)):] {
		if visit(instr) {
			return
		}
	}
	seen := make(map[*ssa.BasicBlock]bool)
	queue := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if seen[b] {
			continue
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if visit(instr) {
				return
			}
		}
		queue = append(queue, b.Succs...)
	}
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}

// addAfter returns the WaitGroup.Add call on k that fn makes after the go
// statement g, on every path from g (later in g's block or in a block g's
// block dominates), and that counts no other goroutine.
func (c *checker) addAfter(fn *ssa.Function, g *ssa.Go, k key) *ssa.Call {
	fi := c.info(fn)
	var found *ssa.Call
	var walk func(b *ssa.BasicBlock, from int) bool
	walk = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			for _, o := range fi.byInstr[instr] {
				if o.k != k {
					continue
				}
				if o.kind == opFanout {
					return true // stop: a later goroutine comes first
				}
				call, ok := instr.(*ssa.Call)
				if o.kind == opAdd && ok && o.fn == fn {
					found = call
					return true
				}
			}
		}
		for _, d := range b.Dominees() {
			if walk(d, 0) {
				return true
			}
		}
		return false
	}
	walk(g.Block(), min(indexOf(g.Block(), g)+1, len(g.Block().Instrs)))
	if found == nil {
		return nil
	}
	// The Add must not be the one that counts a later goroutine.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			other, ok := instr.(*ssa.Go)
			if !ok || other == g {
				continue
			}
			for _, o := range fi.byInstr[other] {
				if o.k == k && o.kind == opFanout && c.countingAdd(fn, other, k) == found {
					return nil
				}
			}
		}
	}
	return found
}

// funcName names fn for a message.
func funcName(fn *ssa.Function) string {
	if fn.Parent() == nil {
		return fn.Name()
	}
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return "a function literal in " + fn.Name()
}

func (c *checker) reportInside(g *ssa.Go, child *ssa.Function, add, done op) {
	if c.reported[add.pos] {
		return
	}
	addCur, ok := c.addCalls[add.pos]
	if !ok {
		return
	}
	goCur, ok := c.goStmts[g.Pos()]
	if !ok {
		return
	}
	c.reported[add.pos] = true
	call := addCur.Node().(*ast.CallExpr)
	goStmt := goCur.Node().(*ast.GoStmt)
	recv := recvText(call)
	lit, _ := ast.Unparen(goStmt.Call.Fun).(*ast.FuncLit)
	inLit := lit != nil && add.fn.Syntax() == lit
	var msg string
	if inLit {
		msg = fmt.Sprintf("%s.Add called inside the goroutine it counts, so Wait can return before it runs; call it before the go statement", recv)
	} else {
		started := types.ExprString(goStmt.Call.Fun)
		if lit != nil {
			started = "func() {...}"
		}
		msg = fmt.Sprintf("%s.Add in %s runs inside the goroutine it counts (go %s), so Wait can return before it runs; call it before the go statement",
			recv, funcName(add.fn), started)
	}
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "inside",
		Message:  msg,
		Related:  c.related(goStmt, done),
	}
	if inLit {
		diag.SuggestedFixes = c.insideFixes(goCur, addCur, lit)
	}
	c.r.Report(diag)
}

func (c *checker) reportAfter(g *ssa.Go, add *ssa.Call, done op) {
	pos := add.Common().Pos()
	if c.reported[pos] {
		return
	}
	addCur, ok := c.addCalls[pos]
	if !ok {
		return
	}
	goCur, ok := c.goStmts[g.Pos()]
	if !ok {
		return
	}
	c.reported[pos] = true
	call := addCur.Node().(*ast.CallExpr)
	goStmt := goCur.Node().(*ast.GoStmt)
	c.r.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "after",
		Message: fmt.Sprintf("%s.Add called after the go statement that starts the goroutine it counts, so the goroutine's Done can run first; call it before the go statement",
			recvText(call)),
		Related:        c.related(goStmt, done),
		SuggestedFixes: c.afterFixes(goCur, addCur),
	})
}

func (c *checker) related(goStmt *ast.GoStmt, done op) []analysis.RelatedInformation {
	rel := []analysis.RelatedInformation{{Pos: goStmt.Go, End: goStmt.Go + token.Pos(len("go")), Message: "the goroutine starts here"}}
	if done.pos.IsValid() {
		rel = append(rel, analysis.RelatedInformation{Pos: done.pos, Message: "and calls Done here"})
	}
	return rel
}

// recvText is the WaitGroup expression of wg.Add(...), as written.
func recvText(call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return types.ExprString(sel.X)
	}
	return "WaitGroup"
}

// ---- suggested fixes ----

// insideFixes moves wg.Add(n) from the top of the go statement's function
// literal to just before the go statement, and at go1.25 also offers
// wg.Go(func() { ... }).
func (c *checker) insideFixes(goCur, addCur inspector.Cursor, lit *ast.FuncLit) []analysis.SuggestedFix {
	goStmt := goCur.Node().(*ast.GoStmt)
	call := addCur.Node().(*ast.CallExpr)
	stmt, ok := addCur.Parent().Node().(*ast.ExprStmt)
	if !ok || len(call.Args) != 1 || !c.positiveConst(call.Args[0]) || !c.declaredOutside(call, lit) {
		return nil
	}
	// The Add must run exactly once, first: a top-level statement of the
	// literal preceded only by defers.
	idx := -1
	for i, s := range lit.Body.List {
		if s == stmt {
			idx = i
			break
		}
		if _, ok := s.(*ast.DeferStmt); !ok {
			return nil
		}
	}
	if idx < 0 {
		return nil
	}
	src := c.source(goStmt.Pos())
	if src == nil {
		return nil
	}
	text := c.nodeText(src, call)
	fixes := []analysis.SuggestedFix{{
		Message: fmt.Sprintf("Move %s before the go statement", text),
		TextEdits: append(c.deleteStmt(src, stmt),
			analysis.TextEdit{Pos: goStmt.Pos(), End: goStmt.Pos(), NewText: []byte(text + "\n" + c.indent(src, goStmt.Pos()))}),
	}}
	if idx <= 1 && len(lit.Body.List) >= 2 {
		other := lit.Body.List[1-idx]
		if fix, ok := c.goFix(src, goCur, lit, call, stmt, other); ok {
			fixes = append(fixes, fix)
		}
	}
	return fixes
}

// afterFixes moves wg.Add(n) from after the go statement to just before it,
// and at go1.25 also offers wg.Go(func() { ... }).
func (c *checker) afterFixes(goCur, addCur inspector.Cursor) []analysis.SuggestedFix {
	goStmt := goCur.Node().(*ast.GoStmt)
	call := addCur.Node().(*ast.CallExpr)
	stmt, ok := addCur.Parent().Node().(*ast.ExprStmt)
	if !ok || len(call.Args) != 1 || !c.positiveConst(call.Args[0]) {
		return nil
	}
	list := stmtList(goCur.Parent().Node())
	gi, ai := -1, -1
	for i, s := range list {
		switch s {
		case goStmt:
			gi = i
		case stmt:
			ai = i
		}
	}
	if gi < 0 || ai <= gi {
		return nil
	}
	// The statements between must not change what the receiver means,
	// leave the block, or use a WaitGroup.
	objs := c.usedObjects(call)
	for _, o := range objs {
		if o.Pos() >= goStmt.Pos() {
			return nil
		}
	}
	for _, s := range list[gi+1 : ai] {
		if !c.movableAcross(s, objs) {
			return nil
		}
	}
	src := c.source(goStmt.Pos())
	if src == nil {
		return nil
	}
	text := c.nodeText(src, call)
	fixes := []analysis.SuggestedFix{{
		Message: fmt.Sprintf("Move %s before the go statement", text),
		TextEdits: append(c.deleteStmt(src, stmt),
			analysis.TextEdit{Pos: goStmt.Pos(), End: goStmt.Pos(), NewText: []byte(text + "\n" + c.indent(src, goStmt.Pos()))}),
	}}
	lit, ok := ast.Unparen(goStmt.Call.Fun).(*ast.FuncLit)
	if ok && ai == gi+1 && len(lit.Body.List) >= 1 {
		if fix, ok := c.goFix(src, goCur, lit, call, stmt, lit.Body.List[0]); ok {
			fixes = append(fixes, fix)
		}
	}
	return fixes
}

// goFix rewrites go func() { defer wg.Done(); ... }() and its wg.Add(1)
// as wg.Go(func() { ... }), when the file is at go1.25 or later.
func (c *checker) goFix(src *fileSource, goCur inspector.Cursor, lit *ast.FuncLit, add *ast.CallExpr, addStmt *ast.ExprStmt, doneStmt ast.Stmt) (analysis.SuggestedFix, bool) {
	goStmt := goCur.Node().(*ast.GoStmt)
	if len(goStmt.Call.Args) != 0 || lit.Type.Params.NumFields() != 0 || lit.Type.Results.NumFields() != 0 {
		return analysis.SuggestedFix{}, false
	}
	if tv, ok := c.pass.TypesInfo.Types[add.Args[0]]; !ok || tv.Value == nil || tv.Value.String() != "1" {
		return analysis.SuggestedFix{}, false
	}
	d, ok := doneStmt.(*ast.DeferStmt)
	if !ok || len(d.Call.Args) != 0 {
		return analysis.SuggestedFix{}, false
	}
	if fn, ok := typeutil.Callee(c.pass.TypesInfo, d.Call).(*types.Func); !ok || waitGroupMethod(fn) != "Done" {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := ast.Unparen(d.Call.Fun).(*ast.SelectorExpr)
	addSel, ok2 := ast.Unparen(add.Fun).(*ast.SelectorExpr)
	if !ok || !ok2 || types.ExprString(sel.X) != types.ExprString(addSel.X) {
		return analysis.SuggestedFix{}, false
	}
	if !c.atLeastGo125(goCur) || !c.hasGoMethod(addSel.X) {
		return analysis.SuggestedFix{}, false
	}
	recv := c.nodeText(src, addSel.X)
	edits := c.deleteStmt(src, addStmt)
	edits = append(edits, c.deleteStmt(src, d)...)
	edits = append(edits,
		analysis.TextEdit{Pos: goStmt.Go, End: lit.Pos(), NewText: []byte(recv + ".Go(")},
		analysis.TextEdit{Pos: goStmt.Call.Lparen, End: goStmt.Call.Rparen + 1, NewText: []byte(")")},
	)
	return analysis.SuggestedFix{Message: fmt.Sprintf("Use %s.Go", recv), TextEdits: edits}, true
}

func (c *checker) positiveConst(e ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) > 0
}

// usedObjects returns the objects the identifiers of n refer to.
func (c *checker) usedObjects(n ast.Node) []types.Object {
	var objs []types.Object
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := c.pass.TypesInfo.Uses[id]; obj != nil {
				if _, ok := obj.(*types.Var); ok {
					objs = append(objs, obj)
				}
			}
		}
		return true
	})
	return objs
}

// declaredOutside reports whether the variables call uses are declared
// outside lit, so that call means the same before the go statement.
func (c *checker) declaredOutside(call *ast.CallExpr, lit *ast.FuncLit) bool {
	for _, o := range c.usedObjects(call) {
		if lit.Pos() <= o.Pos() && o.Pos() < lit.End() {
			return false
		}
	}
	return true
}

// movableAcross reports whether an Add using objs can move before s: s
// assigns none of objs, does not leave the block and calls no WaitGroup
// method.
func (c *checker) movableAcross(s ast.Stmt, objs []types.Object) bool {
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			ok = false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, isID := ast.Unparen(l).(*ast.Ident); isID {
					for _, o := range objs {
						if c.pass.TypesInfo.ObjectOf(id) == o {
							ok = false
						}
					}
				}
			}
		case *ast.CallExpr:
			if fn, isFn := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func); isFn && waitGroupMethod(fn) != "" {
				ok = false
			}
			if b, isB := typeutil.Callee(c.pass.TypesInfo, n).(*types.Builtin); isB && b.Name() == "panic" {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

func (c *checker) atLeastGo125(cur inspector.Cursor) bool {
	for f := range cur.Enclosing((*ast.File)(nil)) {
		v := c.pass.TypesInfo.FileVersions[f.Node().(*ast.File)]
		return version.IsValid(v) && version.Compare(v, "go1.25") >= 0
	}
	return false
}

// hasGoMethod reports whether x's type has sync.WaitGroup's Go method.
func (c *checker) hasGoMethod(x ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, "Go")
	fn, ok := obj.(*types.Func)
	return ok && waitGroupMethod(fn) == "Go"
}

// fileSource is the text of the file being fixed.
type fileSource struct {
	tf  *token.File
	src []byte
}

func (c *checker) source(pos token.Pos) *fileSource {
	tf := c.pass.Fset.File(pos)
	if tf == nil || c.pass.ReadFile == nil {
		return nil
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil
	}
	return &fileSource{tf: tf, src: src}
}

func (c *checker) nodeText(s *fileSource, n ast.Node) string {
	return string(s.src[s.tf.Offset(n.Pos()):s.tf.Offset(n.End())])
}

// indent returns the whitespace that precedes pos on its line.
func (c *checker) indent(s *fileSource, pos token.Pos) string {
	off := s.tf.Offset(pos)
	start := off
	for start > 0 && (s.src[start-1] == ' ' || s.src[start-1] == '\t') {
		start--
	}
	if start > 0 && s.src[start-1] != '\n' {
		return ""
	}
	return string(s.src[start:off])
}

// deleteStmt deletes stmt and, when it is alone on its line, the line.
func (c *checker) deleteStmt(s *fileSource, stmt ast.Stmt) []analysis.TextEdit {
	start, end := s.tf.Offset(stmt.Pos()), s.tf.Offset(stmt.End())
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' }
	for end < len(s.src) && isSpace(s.src[end]) {
		end++
	}
	if end < len(s.src) && s.src[end] == ';' {
		end++
		for end < len(s.src) && isSpace(s.src[end]) {
			end++
		}
	}
	ls := start
	for ls > 0 && isSpace(s.src[ls-1]) {
		ls--
	}
	if (ls == 0 || s.src[ls-1] == '\n') && end < len(s.src) && s.src[end] == '\n' {
		start, end = ls, end+1
	}
	return []analysis.TextEdit{{Pos: s.tf.Pos(start), End: s.tf.Pos(end)}}
}
