package busyselect

import (
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/promptcall"
	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/ssa"
)

// A memKey names, approximately, the memory a load or store touches: a
// local variable or global (root), a field of a struct type, an element, or
// anything of a type reached through a pointer of unknown origin.
type memKey struct {
	root  ssa.Value  // *ssa.Alloc or *ssa.Global, or nil when unknown
	fresh bool       // root is allocated anew on each trip around the region
	strct types.Type // struct type of the field, or nil
	field int
	isMap bool
	elem  types.Type // type of the value stored or loaded
}

// mayAlias reports whether two keys may name the same memory. It errs on
// the side of yes.
func mayAlias(a, b memKey) bool {
	if a.isMap || b.isMap {
		return a.isMap && b.isMap && types.Identical(a.elem, b.elem)
	}
	if a.root != nil && b.root != nil {
		if a.root != b.root {
			return false
		}
		if a.strct != nil && b.strct != nil && types.Identical(a.strct, b.strct) {
			return a.field == b.field
		}
		return true
	}
	// A variable allocated on the way back cannot be reached through a
	// pointer that existed before.
	if (a.root != nil && a.fresh) || (b.root != nil && b.fresh) {
		return false
	}
	if a.strct != nil && b.strct != nil {
		if types.Identical(a.strct, b.strct) {
			return a.field == b.field
		}
		// Fields of different struct types never overlap, unless one
		// is nested in the other: compare what they hold.
		return types.Identical(a.elem, b.elem) || types.Identical(a.elem, b.strct) || types.Identical(b.elem, a.strct)
	}
	return types.Identical(a.elem, b.elem) ||
		(a.strct != nil && types.Identical(a.strct, b.elem)) ||
		(b.strct != nil && types.Identical(b.strct, a.elem))
}

// keyOf returns the key of the memory at address addr.
func keyOf(addr ssa.Value) memKey {
	k := memKey{field: -1, root: rootOf(addr)}
	if p, ok := addr.Type().Underlying().(*types.Pointer); ok {
		k.elem = p.Elem()
	} else {
		k.elem = addr.Type()
	}
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		if p, ok := fa.X.Type().Underlying().(*types.Pointer); ok {
			k.strct, k.field = p.Elem(), fa.Field
		}
	}
	return k
}

func rootOf(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.Alloc, *ssa.Global:
			return x
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			if _, ok := x.X.Type().Underlying().(*types.Pointer); !ok {
				return nil // element of a slice
			}
			v = x.X
		default:
			return nil
		}
	}
}

func mapKey(m ssa.Value) memKey {
	return memKey{isMap: true, elem: m.Type(), field: -1}
}

// A summary is what a call to a function of the package may do.
type summary struct {
	done    bool
	blocks  bool // may block, or cannot be seen into
	gosched bool
	loops   bool // has a loop: does work, not just a step
	reads   []memKey
	writes  []memKey
}

// regionEffects accumulates the effects of the instructions of a region.
type regionEffects struct {
	gosched bool
	loops   bool // calls a function of the package that loops
	writes  []memKey
}

func (fx *regionEffects) writesTo(k memKey) bool {
	for _, w := range fx.writes {
		if mayAlias(w, k) {
			return true
		}
	}
	return false
}

func (fx *regionEffects) writesAny(ks []memKey) bool {
	for _, k := range ks {
		if fx.writesTo(k) {
			return true
		}
	}
	return false
}

// effectOf adds the effects of instr, which runs in region rg, to fx, and
// reports false if instr may block.
func (c *checker) effectOf(instr ssa.Instruction, fx *regionEffects, rg *region) bool {
	fresh := func(k memKey) memKey {
		if a, ok := k.root.(*ssa.Alloc); ok && rg.inRegion(a) {
			k.fresh = true
		}
		return k
	}
	switch in := instr.(type) {
	case *ssa.Send, *ssa.RunDefers:
		return false
	case *ssa.UnOp:
		return in.Op != token.ARROW
	case *ssa.Select:
		return !in.Blocking
	case *ssa.Store:
		fx.writes = append(fx.writes, fresh(keyOf(in.Addr)))
	case *ssa.MapUpdate:
		fx.writes = append(fx.writes, mapKey(in.Map))
	case *ssa.Call:
		s := c.callEffect(in.Common())
		if s.blocks {
			return false
		}
		fx.gosched = fx.gosched || s.gosched
		fx.loops = fx.loops || s.loops
		for _, w := range s.writes {
			fx.writes = append(fx.writes, fresh(w))
		}
	}
	return true
}

// summarize returns what calling fn, a function of the package (or a
// wrapper go/ssa made for one), may do.
func (c *checker) summarize(fn *ssa.Function) *summary {
	if s := c.sums[fn]; s != nil {
		if !s.done {
			// Recursion: assume the worst rather than cache a
			// result computed on a guess.
			return &summary{blocks: true}
		}
		return s
	}
	s := &summary{}
	c.sums[fn] = s
	defer func() { s.done = true }()
	if fn.Blocks == nil {
		s.blocks = true
		return s
	}
	local := func(k memKey) bool {
		a, ok := k.root.(*ssa.Alloc)
		return ok && a.Parent() == fn
	}
	s.loops = hasCycle(fn.Blocks, nil)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Send:
				s.blocks = true
			case *ssa.RunDefers:
				s.blocks = s.blocks || deferBlocks(c, fn)
			case *ssa.UnOp:
				switch in.Op {
				case token.ARROW:
					s.blocks = true
				case token.MUL:
					if k := keyOf(in.X); !local(k) {
						s.reads = append(s.reads, k)
					}
				}
			case *ssa.Select:
				s.blocks = s.blocks || in.Blocking
			case *ssa.Store:
				if k := keyOf(in.Addr); !local(k) {
					s.writes = append(s.writes, k)
				}
			case *ssa.MapUpdate:
				s.writes = append(s.writes, mapKey(in.Map))
			case *ssa.Lookup:
				if _, ok := in.X.Type().Underlying().(*types.Map); ok {
					s.reads = append(s.reads, mapKey(in.X))
				}
			case *ssa.Call:
				e := c.callEffect(in.Common())
				s.blocks = s.blocks || e.blocks
				s.gosched = s.gosched || e.gosched
				s.loops = s.loops || e.loops
				for _, k := range e.reads {
					if !local(k) {
						s.reads = append(s.reads, k)
					}
				}
				for _, k := range e.writes {
					if !local(k) {
						s.writes = append(s.writes, k)
					}
				}
			}
			if s.blocks {
				return s
			}
		}
	}
	return s
}

// deferBlocks reports whether the deferred calls of fn may block.
func deferBlocks(c *checker, fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && c.callEffect(d.Common()).blocks {
				return true
			}
		}
	}
	return false
}

// callEffect returns what a call may do. A call it cannot see into may block.
func (c *checker) callEffect(call *ssa.CallCommon) *summary {
	blocking := &summary{blocks: true}
	if call.IsInvoke() {
		return externalEffect(call.Method, call, true)
	}
	switch v := call.Value.(type) {
	case *ssa.Builtin:
		return builtinEffect(v.Name(), call)
	case *ssa.MakeClosure, *ssa.Function:
	default:
		if typematch.IsNamed(call.Value.Type(), "context", "CancelFunc") {
			return &summary{}
		}
		return blocking
	}
	fn := call.StaticCallee()
	if fn == nil {
		return blocking
	}
	if orig := fn.Origin(); orig != nil {
		fn = orig
	}
	switch {
	case fn.Pkg == c.pkg:
		return c.summarize(fn)
	case fn.Pkg == nil && fn.Synthetic != "" && fn.Blocks != nil:
		// A wrapper (bound method, thunk): what it calls decides.
		return c.summarize(fn)
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return blocking
	}
	return externalEffect(obj, call, false)
}

func builtinEffect(name string, call *ssa.CallCommon) *summary {
	switch name {
	case "len", "cap", "append", "min", "max", "real", "imag", "complex", "close",
		"recover", "print", "println", "ssa:wrapnilchk",
		"Add", "Alignof", "Offsetof", "Sizeof", "Slice", "SliceData", "String", "StringData":
		return &summary{}
	case "copy":
		if len(call.Args) > 0 {
			if sl, ok := call.Args[0].Type().Underlying().(*types.Slice); ok {
				return &summary{writes: []memKey{{field: -1, elem: sl.Elem()}}}
			}
		}
		return &summary{}
	case "delete", "clear":
		if len(call.Args) > 0 {
			switch t := call.Args[0].Type().Underlying().(type) {
			case *types.Map:
				return &summary{writes: []memKey{mapKey(call.Args[0])}}
			case *types.Slice:
				return &summary{writes: []memKey{{field: -1, elem: t.Elem()}}}
			}
		}
		return &summary{}
	}
	return &summary{blocks: true}
}

// externalEffect classifies a call to fn, a function or method of another
// package, by a short list of functions known not to wait. Anything else
// may block.
func externalEffect(fn *types.Func, call *ssa.CallCommon, invoke bool) *summary {
	if fn == nil || fn.Pkg() == nil {
		return &summary{blocks: true}
	}
	pkg, name := fn.Pkg().Path(), fn.Name()
	recv := ""
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
		recv = typeName(sig.Recv().Type())
	}
	// The address a receiver or first argument names, for atomics and
	// locks that read or write it.
	addr := func() []memKey {
		var v ssa.Value
		switch {
		case invoke:
			return nil
		case len(call.Args) > 0:
			v = call.Args[0]
		default:
			return nil
		}
		if _, ok := v.Type().Underlying().(*types.Pointer); !ok {
			return nil
		}
		return []memKey{keyOf(v)}
	}
	none := &summary{}
	switch pkg {
	case "strings", "strconv", "bytes", "math", "math/bits", "unicode", "unicode/utf8", "unicode/utf16", "errors":
		if recv == "" {
			return none
		}
		if recv == "Builder" || recv == "Buffer" || recv == "Reader" {
			return &summary{writes: addr()}
		}
	case "fmt":
		switch name {
		case "Sprint", "Sprintf", "Sprintln", "Errorf", "Append", "Appendf", "Appendln",
			"Print", "Printf", "Println": // logging to standard output
			return none
		}
	case "log":
		switch name {
		case "Print", "Printf", "Println", "Output", "Prefix", "Flags", "Writer", "Default":
			return none
		}
	case "log/slog":
		switch name {
		case "Debug", "Info", "Warn", "Error", "Log", "LogAttrs",
			"DebugContext", "InfoContext", "WarnContext", "ErrorContext",
			"With", "WithGroup", "Enabled", "Default",
			"String", "Int", "Int64", "Uint64", "Float64", "Bool", "Duration", "Time", "Any", "Group":
			return none
		}
	case "go.uber.org/zap", "github.com/sirupsen/logrus", "k8s.io/klog/v2", "k8s.io/klog":
		if promptcall.LogName(name) || recv == "" && isField(fn) {
			return none
		}
	case "testing":
		switch name {
		case "Log", "Logf", "Error", "Errorf", "Fail", "Failed", "Helper", "Name", "Context", "Output":
			return none
		}
	case "time":
		switch name {
		case "Sleep":
		case "Now", "Since", "Until", "Unix", "UnixMilli", "UnixMicro", "Date", "After", "Tick",
			"NewTimer", "NewTicker", "AfterFunc", "ParseDuration":
			if recv == "" {
				return none
			}
		}
		switch recv {
		case "Time", "Duration", "Month", "Weekday", "Timer", "Ticker", "Location":
			return none
		}
	case "runtime":
		switch name {
		case "Gosched":
			return &summary{gosched: true}
		case "NumGoroutine", "NumCPU", "KeepAlive", "Caller", "Callers", "FuncForPC":
			return none
		}
	case "context":
		switch name {
		case "Done", "Err", "Value", "Deadline", "Cause",
			"Background", "TODO", "WithCancel", "WithCancelCause", "WithTimeout", "WithDeadline",
			"WithValue", "WithoutCancel":
			return none
		}
	case "math/rand", "math/rand/v2":
		return none
	case "sync/atomic", "internal/runtime/atomic":
		switch {
		case strings.HasPrefix(name, "Load"):
			return &summary{reads: addr()}
		case strings.HasPrefix(name, "Store"):
			return &summary{writes: addr()}
		default:
			a := addr()
			return &summary{reads: a, writes: a}
		}
	case "sync":
		switch recv + "." + name {
		case "Mutex.TryLock", "RWMutex.TryLock", "RWMutex.TryRLock", "Map.LoadOrStore",
			"Map.LoadAndDelete", "Map.Swap", "Map.CompareAndSwap", "Map.CompareAndDelete":
			a := addr()
			return &summary{reads: a, writes: a}
		case "Map.Load":
			return &summary{reads: addr()}
		case "Mutex.Unlock", "RWMutex.Unlock", "RWMutex.RUnlock", "WaitGroup.Add", "WaitGroup.Done",
			"Map.Store", "Map.Delete", "Map.Clear":
			return &summary{writes: addr()}
		case "Cond.Signal", "Cond.Broadcast", "Pool.Put":
			return none
		}
	}
	return &summary{blocks: true}
}

// isField reports whether fn builds a structured-logging field: its one
// result is a type named Field (zap.String, zap.Error, ...).
func isField(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Results().Len() == 1 && typeName(sig.Results().At(0).Type()) == "Field"
}

// hasCycle reports whether the blocks, restricted to those in keep if it
// is not nil, contain a cycle.
func hasCycle(blocks []*ssa.BasicBlock, keep map[*ssa.BasicBlock]bool) bool {
	const (
		white = iota
		grey
		black
	)
	color := make(map[*ssa.BasicBlock]int, len(blocks))
	var visit func(b *ssa.BasicBlock) bool
	visit = func(b *ssa.BasicBlock) bool {
		color[b] = grey
		for _, s := range b.Succs {
			if keep != nil && !keep[s] {
				continue
			}
			switch color[s] {
			case grey:
				return true
			case white:
				if visit(s) {
					return true
				}
			}
		}
		color[b] = black
		return false
	}
	for _, b := range blocks {
		if b == nil || (keep != nil && !keep[b]) {
			continue
		}
		if color[b] == white && visit(b) {
			return true
		}
	}
	return false
}

// typeName returns the name of the named type t or *t, or "".
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.Obj().Name()
	case *types.Interface:
		return "interface"
	}
	return ""
}

// varying returns the values of the region that the region itself may
// change from one trip to the next: induction variables, iterators, loads
// of memory it writes, results of calls that read memory it writes.
func (c *checker) varying(rg *region, fx *regionEffects) map[ssa.Value]bool {
	var vals []ssa.Value
	for instr := range rg.instrs() {
		if v, ok := instr.(ssa.Value); ok {
			vals = append(vals, v)
		}
	}
	in := make(map[ssa.Value]bool, len(vals))
	for _, v := range vals {
		in[v] = true
	}
	isRegionPhi := func(v ssa.Value) bool {
		_, ok := v.(*ssa.Phi)
		return ok && in[v]
	}
	// dependsOnPhi reports whether the region value v is computed from a
	// phi of the region (i+1 from i).
	memo := make(map[ssa.Value]bool)
	var dependsOnPhi func(v ssa.Value) bool
	dependsOnPhi = func(v ssa.Value) bool {
		if !in[v] {
			return false
		}
		if isRegionPhi(v) {
			return true
		}
		if r, ok := memo[v]; ok {
			return r
		}
		memo[v] = false
		instr, ok := v.(ssa.Instruction)
		if !ok {
			return false
		}
		var ops [8]*ssa.Value
		for _, op := range instr.Operands(ops[:0]) {
			if *op != nil && dependsOnPhi(*op) {
				memo[v] = true
				return true
			}
		}
		return false
	}

	vary := make(map[ssa.Value]bool)
	// Seeds.
	for _, v := range vals {
		switch x := v.(type) {
		case *ssa.Next:
			vary[v] = true
		case *ssa.UnOp:
			if x.Op == token.MUL && fx.writesTo(keyOf(x.X)) {
				vary[v] = true
			}
		case *ssa.Lookup:
			if _, ok := x.X.Type().Underlying().(*types.Map); ok && fx.writesTo(mapKey(x.X)) {
				vary[v] = true
			}
		case *ssa.Call:
			if e := c.callEffect(x.Common()); fx.writesAny(e.reads) {
				vary[v] = true
			}
		case *ssa.Phi:
			for i, e := range x.Edges {
				if e == x || !rg.regionEdge(x.Block(), i) {
					continue
				}
				switch {
				case isRegionPhi(e):
				case !in[e]:
					// Set to a value from outside: a constant
					// (done = true) or a variable.
					vary[v] = true
				case dependsOnPhi(e):
					vary[v] = true
				}
			}
		}
	}
	// Propagate to a fixed point.
	for changed := true; changed; {
		changed = false
		for _, v := range vals {
			if vary[v] {
				continue
			}
			if phi, ok := v.(*ssa.Phi); ok {
				for i, e := range phi.Edges {
					if rg.regionEdge(phi.Block(), i) && vary[e] {
						vary[v], changed = true, true
						break
					}
				}
				continue
			}
			instr := v.(ssa.Instruction)
			var ops [8]*ssa.Value
			for _, op := range instr.Operands(ops[:0]) {
				if *op != nil && vary[*op] {
					vary[v], changed = true, true
					break
				}
			}
		}
	}
	return vary
}
