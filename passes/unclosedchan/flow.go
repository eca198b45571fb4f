package unclosedchan

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An object is a channel made by one make(chan) of the package, with the
// SSA values that may hold it and what the package does with them.
type object struct {
	make    *ssa.MakeChan
	vals    map[ssa.Value]bool
	sends   []sendSite
	closes  []ssa.CallInstruction // close(ch), go close(ch) or defer close(ch)
	escaped bool                  // a send-capable value leaves what we can follow
	fields  []*types.Var          // unexported fields it is stored in
}

type sendSite struct {
	instr ssa.Instruction // *ssa.Send or *ssa.Select
	pos   token.Pos
}

// index holds per-package facts the flow needs, computed once.
type index struct {
	pkg        *ssa.Package
	callers    map[*ssa.Function][]ssa.CallInstruction // static call sites in the package
	addrTaken  map[*ssa.Function]bool                  // used as a value, not only called
	valueUses  map[*ssa.Function][]ssa.Instruction     // where it is used as a value
	invoked    map[string]bool                         // method names called through interfaces
	fieldLoads map[*types.Var][]ssa.Value              // loads of chan-typed fields
	fieldEsc   map[*types.Var]bool                     // the field's address escapes
	allocLoads map[*ssa.Alloc][]ssa.Value              // loads of chan-typed local variables
	allocEsc   map[*ssa.Alloc]bool                     // the variable's address escapes
	ptrAllocs  map[ssa.Value][]*ssa.Alloc              // pointers to chan-typed local variables
	makes      []*ssa.MakeChan
}

// canon returns the function whose body a call of fn runs: the generic
// origin of an instance.
func canon(fn *ssa.Function) *ssa.Function {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

func newIndex(pkg *ssa.Package, funcs []*ssa.Function) *index {
	ix := &index{
		pkg:        pkg,
		callers:    make(map[*ssa.Function][]ssa.CallInstruction),
		addrTaken:  make(map[*ssa.Function]bool),
		valueUses:  make(map[*ssa.Function][]ssa.Instruction),
		invoked:    make(map[string]bool),
		fieldLoads: make(map[*types.Var][]ssa.Value),
		fieldEsc:   make(map[*types.Var]bool),
		allocLoads: make(map[*ssa.Alloc][]ssa.Value),
		allocEsc:   make(map[*ssa.Alloc]bool),
		ptrAllocs:  make(map[ssa.Value][]*ssa.Alloc),
	}
	var rands []*ssa.Value
	// Scan the source functions and the wrappers they use (bound methods,
	// method expressions), whose calls are calls too.
	queue := slices.Clone(funcs)
	queued := make(map[*ssa.Function]bool)
	wrapper := func(f *ssa.Function) {
		if f != nil && f.Synthetic != "" && !queued[f] && ix.inPackage(f) {
			queued[f] = true
			queue = append(queue, f)
		}
	}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Value
				switch in := instr.(type) {
				case ssa.CallInstruction:
					com := in.Common()
					callee = &com.Value
					if com.IsInvoke() {
						ix.invoked[com.Method.Name()] = true
					} else if f := canon(com.StaticCallee()); f != nil {
						ix.callers[f] = append(ix.callers[f], in)
						wrapper(f)
					}
				case *ssa.MakeClosure:
					wrapper(in.Fn.(*ssa.Function))
					if refs := in.Referrers(); refs != nil {
						for _, r := range *refs {
							if ci, ok := r.(ssa.CallInstruction); !ok || ci.Common().Value != in {
								if _, ok := r.(*ssa.DebugRef); !ok {
									f := canon(in.Fn.(*ssa.Function))
									ix.addrTaken[f] = true
									ix.valueUses[f] = append(ix.valueUses[f], r)
								}
							}
						}
					}
				case *ssa.MakeChan:
					ix.makes = append(ix.makes, in)
				case *ssa.FieldAddr:
					if f := fieldOf(in.X.Type(), in.Field, true); f != nil && isChan(f.Type()) {
						ix.indexFieldAddr(in, f)
					}
				case *ssa.Field:
					if f := fieldOf(in.X.Type(), in.Field, false); f != nil && isChan(f.Type()) {
						ix.fieldLoads[f] = append(ix.fieldLoads[f], in)
					}
				case *ssa.Alloc:
					if p, ok := in.Type().Underlying().(*types.Pointer); ok && isChan(p.Elem()) {
						ix.indexAlloc(in)
					}
				}
				if _, ok := instr.(*ssa.MakeClosure); ok {
					continue // its Fn operand is handled above
				}
				rands = instr.Operands(rands[:0])
				for _, op := range rands {
					if op == callee || *op == nil {
						continue
					}
					if f, ok := (*op).(*ssa.Function); ok {
						ix.addrTaken[canon(f)] = true
						ix.valueUses[canon(f)] = append(ix.valueUses[canon(f)], instr)
					}
				}
			}
		}
	}
	return ix
}

func (ix *index) indexFieldAddr(fa *ssa.FieldAddr, f *types.Var) {
	refs := fa.Referrers()
	if refs == nil {
		return
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				ix.fieldLoads[f] = append(ix.fieldLoads[f], r)
				continue
			}
			ix.fieldEsc[f] = true
		case *ssa.Store:
			if r.Val == ssa.Value(fa) {
				ix.fieldEsc[f] = true
			}
		case *ssa.DebugRef:
		default:
			ix.fieldEsc[f] = true
		}
	}
}

// indexAlloc follows the address of a chan-typed local variable into
// closures and same-package callees.
func (ix *index) indexAlloc(a *ssa.Alloc) {
	seen := map[ssa.Value]bool{a: true}
	work := []ssa.Value{a}
	add := func(v ssa.Value) {
		if !seen[v] {
			seen[v] = true
			work = append(work, v)
		}
	}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		ix.ptrAllocs[p] = append(ix.ptrAllocs[p], a)
		refs := p.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.UnOp:
				if r.Op == token.MUL {
					ix.allocLoads[a] = append(ix.allocLoads[a], r)
				} else {
					ix.allocEsc[a] = true
				}
			case *ssa.Store:
				if r.Val == p {
					ix.allocEsc[a] = true
				}
			case *ssa.Phi:
				add(r)
			case *ssa.MakeClosure:
				fn := r.Fn.(*ssa.Function)
				for i, bnd := range r.Bindings {
					if bnd == p && i < len(fn.FreeVars) {
						add(fn.FreeVars[i])
					}
				}
			case ssa.CallInstruction:
				if !ix.argToParams(r, p, add) {
					ix.allocEsc[a] = true
				}
			case *ssa.DebugRef:
			default:
				ix.allocEsc[a] = true
			}
		}
	}
}

// argToParams adds the parameters of call's callee that receive v. It
// reports false if the callee's body is not in the package.
func (ix *index) argToParams(call ssa.CallInstruction, v ssa.Value, add func(ssa.Value)) bool {
	com := call.Common()
	if com.IsInvoke() {
		return false
	}
	callee := canon(com.StaticCallee())
	if !ix.inPackage(callee) {
		return false
	}
	for i, arg := range com.Args {
		if arg == v {
			if i >= len(callee.Params) {
				return false
			}
			add(callee.Params[i])
		}
	}
	return true
}

// inPackage reports whether fn's body is available: a function of the
// package, or a wrapper (bound method, method expression) of one.
func (ix *index) inPackage(fn *ssa.Function) bool {
	if fn == nil || fn.Blocks == nil {
		return false
	}
	if fn.Pkg == ix.pkg {
		return true
	}
	if fn.Synthetic == "" {
		return false
	}
	obj := fn.Object()
	return obj != nil && obj.Pkg() == ix.pkg.Pkg
}

// knownCallers reports whether every call of fn is a static call in the
// package.
func (ix *index) knownCallers(fn *ssa.Function) bool {
	if fn == nil || ix.addrTaken[fn] || !ix.inPackage(fn) {
		return false
	}
	if fn.Parent() != nil {
		return true // a function literal
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Exported() || obj.Name() == "main" || obj.Name() == "init" {
		return false
	}
	if fn.Signature.Recv() != nil && ix.invoked[obj.Name()] {
		return false
	}
	return true
}

// follow computes the values that may hold the channel made by mk.
func (ix *index) follow(mk *ssa.MakeChan) *object {
	o := &object{make: mk, vals: make(map[ssa.Value]bool)}
	var work []ssa.Value
	add := func(v ssa.Value) {
		if !o.vals[v] {
			o.vals[v] = true
			work = append(work, v)
		}
	}
	add(mk)
	for len(work) > 0 && !o.escaped {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		ix.uses(o, v, add)
	}
	return o
}

// uses records what the referrers of v, a value holding o, do with it.
func (ix *index) uses(o *object, v ssa.Value, add func(ssa.Value)) {
	escape := func() {
		if chanDir(v.Type()) != types.RecvOnly {
			o.escaped = true
		}
	}
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef, *ssa.BinOp:
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				escape()
			}
		case *ssa.Phi:
			add(r)
		case *ssa.ChangeType:
			add(r)
		case *ssa.MultiConvert:
			add(r)
		case *ssa.Send:
			if r.Chan == v {
				o.sends = append(o.sends, sendSite{r, r.Pos()})
			}
			if r.X == v {
				escape()
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Chan == v && st.Dir == types.SendOnly {
					o.sends = append(o.sends, sendSite{r, st.Pos})
				}
				if st.Send == v {
					escape()
				}
			}
		case *ssa.Store:
			if r.Val == v {
				ix.store(o, r.Addr, escape, add)
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			if !ix.inPackage(fn) {
				escape()
				continue
			}
			for i, bnd := range r.Bindings {
				if bnd == v && i < len(fn.FreeVars) {
					add(fn.FreeVars[i])
				}
			}
		case ssa.CallInstruction:
			com := r.Common()
			if b, ok := com.Value.(*ssa.Builtin); ok {
				switch b.Name() {
				case "close":
					o.closes = append(o.closes, r)
				case "len", "cap", "print", "println":
				default:
					escape()
				}
				continue
			}
			if !ix.argToParams(r, v, add) {
				escape()
			}
		case *ssa.Return:
			ix.returned(r, v, escape, add)
		default: // MakeInterface, MapUpdate, ...
			escape()
		}
	}
}

// store handles v stored at addr.
func (ix *index) store(o *object, addr ssa.Value, escape func(), add func(ssa.Value)) {
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		f := fieldOf(fa.X.Type(), fa.Field, true)
		if !ix.trackable(f) || ix.fieldEsc[f] {
			escape()
			return
		}
		if !slices.Contains(o.fields, f) {
			o.fields = append(o.fields, f)
		}
		for _, ld := range ix.fieldLoads[f] {
			add(ld)
		}
		return
	}
	allocs := ix.ptrAllocs[addr]
	if len(allocs) == 0 {
		escape() // a global, a slice or array element, a pointer from elsewhere
		return
	}
	for _, a := range allocs {
		if ix.allocEsc[a] {
			escape()
		}
		for _, ld := range ix.allocLoads[a] {
			add(ld)
		}
	}
}

// trackable reports whether only this package can read or write field f.
func (ix *index) trackable(f *types.Var) bool {
	return f != nil && !f.Exported() && f.Pkg() == ix.pkg.Pkg
}

// returned handles v returned by its function: it flows to the results of
// the function's calls, if they are all known.
func (ix *index) returned(ret *ssa.Return, v ssa.Value, escape func(), add func(ssa.Value)) {
	fn := canon(ret.Parent())
	if !ix.knownCallers(fn) {
		escape()
		return
	}
	for i, res := range ret.Results {
		if res != v {
			continue
		}
		for _, call := range ix.callers[fn] {
			cv := call.Value()
			if cv == nil {
				continue // go or defer: results are dropped
			}
			if len(ret.Results) == 1 {
				add(cv)
				continue
			}
			if refs := cv.Referrers(); refs != nil {
				for _, r := range *refs {
					if e, ok := r.(*ssa.Extract); ok && e.Index == i {
						add(e)
					}
				}
			}
		}
	}
}

// fieldOf returns the origin of field i of the struct type t (or *t if
// ptr), or nil.
func fieldOf(t types.Type, i int, ptr bool) *types.Var {
	if ptr {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok || i < 0 || i >= s.NumFields() {
		return nil
	}
	return s.Field(i).Origin()
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// chanDir returns the direction of channel type t (SendRecv if unknown).
func chanDir(t types.Type) types.ChanDir {
	if c, ok := t.Underlying().(*types.Chan); ok {
		return c.Dir()
	}
	return types.SendRecv
}

// isEntry reports whether fn runs once per process: main.main or an init.
func isEntry(fn *ssa.Function) bool {
	if fn == nil || fn.Parent() != nil || fn.Signature.Recv() != nil {
		return false
	}
	if fn.Name() == "init" || strings.HasPrefix(fn.Name(), "init#") {
		return true
	}
	return fn.Name() == "main" && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}
