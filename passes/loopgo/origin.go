package loopgo

// Where a collection comes from, and collections that are small by design.

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/ctxapi"
	"github.com/conclint/conclint/internal/loopstmt"
	"github.com/conclint/conclint/internal/testcode"
	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// An origin says where a collection comes from.
type origin int

const (
	originCode  origin = iota // fixed by the code: literals, constants, data embedded in the binary
	originNone                // nothing known to vary: parameters whose callers are out of view
	originState               // the receiver or package-level variables: long-lived configuration
	originInput               // parameters, results of calls, received values: data
)

// originOf tells where the collection e comes from, following local
// variables to their definitions. Collections held by the receiver or by
// package-level variables (listeners, peers, shards, hooks) are state
// sized by configuration; what the function is given or fetches is input.
func (c *checker) originOf(e ast.Expr, depth int) origin {
	if depth > 40 {
		return originNone
	}
	info := c.info
	if podContainers(info.TypeOf(e)) {
		return originState // pod.Spec.Containers: what the pod's spec declares
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v.Pkg() == nil {
			return originCode // nil, a constant, a function
		}
		vi := c.varIndex()
		switch {
		case vi.embedded[v]:
			return originCode // //go:embed scopes.json: part of the code
		case v.Pkg() != c.pass.Pkg || v.Parent() == v.Pkg().Scope():
			return originState
		case vi.receivers[v]:
			return originState
		}
		if o, ok := c.origins[v]; ok {
			return o
		}
		c.origins[v] = originCode // while in progress: x = append(x, ...)
		if p, ok := vi.params[v]; ok {
			o := c.paramOrigin(v, p)
			c.origins[v] = o
			return o
		}
		o := originCode
		for _, d := range vi.defs[v] {
			if d == nil {
				o = originInput // filled through a pointer, an increment...
				break
			}
			o = max(o, c.originOf(d, depth+1))
			if o == originInput {
				break
			}
		}
		if vi.filled[v] {
			// m := make(map[K]V); m[k] = v: its elements are not in
			// its definitions, so the code does not show how many.
			o = max(o, originNone)
		}
		c.origins[v] = o
		return o
	case *ast.SelectorExpr:
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			if _, ok := info.Uses[id].(*types.PkgName); ok {
				if _, ok := info.Uses[e.Sel].(*types.Var); ok {
					return originState // os.Args and other packages' variables
				}
				return originCode
			}
		}
		return c.originOf(e.X, depth+1)
	case *ast.IndexExpr:
		return c.originOf(e.X, depth+1)
	case *ast.SliceExpr:
		// xs[:n], xs[i:i+16]: at most n elements, whatever xs holds.
		if e.High != nil && c.boundOf(e.High, 0).kind != tripData {
			return originNone
		}
		return c.originOf(e.X, depth+1)
	case *ast.StarExpr:
		return c.originOf(e.X, depth+1)
	case *ast.TypeAssertExpr:
		return c.originOf(e.X, depth+1)
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			return originInput
		}
		return c.originOf(e.X, depth+1)
	case *ast.BinaryExpr:
		return max(c.originOf(e.X, depth+1), c.originOf(e.Y, depth+1))
	case *ast.CompositeLit, *ast.BasicLit, *ast.FuncLit:
		return originCode
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() {
			if len(e.Args) == 1 {
				return c.originOf(e.Args[0], depth+1) // conversion
			}
			return originCode
		}
		args := originCode
		var sig *types.Signature
		if t := info.TypeOf(e.Fun); t != nil {
			sig, _ = t.Underlying().(*types.Signature)
		}
		fetch := false
		ignored := true // every context passed is one the callee never uses
		calleeObj := typeutil.Callee(info, e)
		callee, _ := calleeObj.(*types.Func)
		local := callee != nil && callee.Pkg() == c.pass.Pkg
		for i, a := range e.Args {
			if tv, ok := info.Types[a]; ok && (tv.IsType() || tv.Value != nil) {
				continue // make([]T, n), f(3)
			}
			if t := info.TypeOf(a); t != nil && ctxapi.IsContext(t) {
				fetch = true // client.List(ctx), s.load(ctx, id)
				ignored = ignored && local && c.ignoresParam(callee, i)
				continue
			}
			if sig != nil && sink(paramType(sig, i), local) {
				continue
			}
			args = max(args, c.originOf(a, depth+1))
		}
		if b, ok := calleeObj.(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				// A slice built by append has as many elements as the
				// loops around the appends run, whatever the elements
				// are: append(out, newExecutor(job)) in a loop over the
				// configured jobs is as long as the configuration.
				if len(e.Args) == 0 {
					return originCode
				}
				o := c.originOf(e.Args[0], depth+1)
				switch {
				case e.Ellipsis.IsValid() && len(e.Args) == 2:
					o = max(o, c.originOf(e.Args[1], depth+1))
				case len(e.Args) > 1:
					o = max(o, c.repeatOrigin(e, depth))
				}
				return o
			case "len", "cap", "min", "max", "make":
				return args
			}
			return originCode
		}
		if callee != nil && callee.Pkg() != nil && transform(callee.Pkg().Path()) {
			// slices.Sorted(maps.Keys(s.Clients)): as many elements as
			// what it is given, fetched by nothing.
			return args
		}
		if callee != nil && c.nameLabels(callee, e) {
			return originState // strings.Split(name, "."): a DNS name's few labels
		}
		if callee != nil && hostConfig(callee) {
			return originState // net.Interfaces(): the host's configuration
		}
		if callee != nil && callee.Pkg() != nil && callee.Pkg() != c.pass.Pkg && testcode.SupportPackage(callee.Pkg().Path()) {
			// testutil.AllContainers(prefix): what the tests set up,
			// as many as they chose, like a _test.go file's tables.
			return originState
		}
		base := args
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
			if s := info.Selections[sel]; s != nil && s.Kind() != types.MethodExpr {
				// A method or a function field: s.peers(), er.getDisks().
				base = max(base, c.originOf(sel.X, depth+1))
			}
		}
		// A call that takes a context fetches data (client.List(ctx)),
		// whatever it returns (resp.Items). A call of nothing that varies
		// and returns a collection fetches data too (os.ReadDir("."),
		// client.List()); of state only, it derives from state
		// (maps.Keys(s.m), r.Perm(len(s.disks))).
		if d := c.localDecl(callee); fetch && ignored && d != nil && d.Body != nil {
			// A function of the package that never uses the contexts it
			// is passed fetches nothing with them. A setter (a result of
			// error at most: h.SetSubscriptions(context.Background(),
			// cfg.Subs), a definition of h) fills from its arguments; a
			// getter returning a copy of the receiver's list
			// (f.Subscriptions(ctx)) returns state. Any other result (a
			// stub's nil, a parameter's data) is still taken for the
			// fetch its context announces.
			switch {
			case errorOnly(callee.Signature()):
				fetch = false
			case !c.returnsLiteral(d) && c.resultOrigin(callee.Origin(), d) == originState:
				return max(base, originState)
			}
		}
		if fetch {
			return originInput
		}
		if callee != nil && callee.Pkg() == c.pass.Pkg {
			// A function of this package: what it returns, which may
			// be derived from its arguments (prefixes(path)), unless
			// it always returns a literal list or map, whose size the
			// code fixes whatever goes in it (map[Kind]string{P50:
			// q(50, labels), P99: q(99, labels)}).
			if d := c.declOf(callee.Origin()); d != nil && d.Body != nil {
				if c.returnsLiteral(d) {
					return originCode
				}
				return max(base, c.resultOrigin(callee.Origin(), d))
			}
		}
		if base <= originNone && returnsCollection(info.TypeOf(e)) {
			return originInput
		}
		return base
	}
	return originInput
}

// localDecl returns the declaration of fn if it is a function of this
// package, or nil.
func (c *checker) localDecl(fn *types.Func) *ast.FuncDecl {
	if fn == nil {
		return nil
	}
	return c.declOf(fn.Origin())
}

// ignoresParam reports whether fn, a function of this package, never
// refers to its i-th parameter (a context: unnamed, _ or unused).
func (c *checker) ignoresParam(fn *types.Func, i int) bool {
	params := fn.Origin().Signature().Params()
	return i < params.Len() && !c.varIndex().ctxUsed[params.At(i)]
}

// repeatOrigin tells where the number of times the expression e runs
// comes from: the collections of the loops around it in its function, a
// loop on a condition (for rows.Next()) or a function literal (a callback
// of filepath.Walk, not one called where it stands) being input, a
// constant or worker-pool count nothing.
//
// For append(parts, p), a loop that encloses the declaration of parts
// makes a new list each time round, so it and the loops outside it add
// nothing; a loop on len(parts) < max (for more && len(parts) < max)
// appends at most max times.
func (c *checker) repeatOrigin(e ast.Expr, depth int) origin {
	cur, ok := c.insp.Root().FindByPos(e.Pos(), e.End())
	if !ok {
		return originInput
	}
	var list []types.Object // the key of the list appended to
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) > 0 {
		list = c.key(call.Args[0])
	}
	o := originCode
	for p := range cur.Enclosing((*ast.RangeStmt)(nil), (*ast.ForStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := p.Node().(type) {
		case *ast.FuncLit:
			// A literal called where it stands (defer func() {...}(),
			// go func() {...}()) runs once each time its statement
			// does: look outward. Others are callbacks that run as
			// often as their caller likes.
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok {
				return originInput // a callback stored or returned
			}
			if call.Fun == n {
				continue
			}
			// The callback of m.Range(func(k, v) bool {...}) runs once
			// per entry of m: as often as m is long.
			if sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr); isSel && sel.Sel.Name == "Range" && len(call.Args) == 1 && call.Args[0] == n {
				if s := c.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
					o = max(o, c.originOf(sel.X, depth+1))
					if o == originInput {
						return o
					}
					continue
				}
			}
			return originInput
		case *ast.FuncDecl:
			return o
		case *ast.RangeStmt, *ast.ForStmt:
			if !inside(loopstmt.Body(n.(ast.Stmt)), e) {
				continue
			}
			if len(list) == 1 && isLocal(list[0]) && declaredIn(loopstmt.Body(n.(ast.Stmt)), list[0]) {
				return o // parts := make(...) in the body: a new list each time round
			}
			if fs, ok := n.(*ast.ForStmt); ok && list != nil && fs.Cond != nil && c.lenCmp(fs.Cond, list, false) {
				continue // for len(parts) < max: at most max appends
			}
			switch tr := c.trips(n.(ast.Stmt)); tr.kind {
			case tripData:
				o = max(o, c.originOf(tr.coll, depth+1))
			case tripPool:
				o = max(o, originNone) // a count the code does not fix
			case tripAccept:
				if fs, ok := n.(*ast.ForStmt); !ok || c.loopReads(fs) {
					return originInput // for rows.Next() { out = append(out, row) }
				}
				// A loop that computes (the prefixes of a path): as long
				// as what it walks, which it does not fetch.
			}
		}
		if o == originInput {
			return o
		}
	}
	return o
}

// loopReads reports whether the loop fs, which has no counted bound,
// reads something each time round: it receives from a channel (not a
// Done channel), calls a method whose name begins with Read, Next, Scan,
// Recv, Receive, Accept or Fetch, or makes a call that takes a context.
func (c *checker) loopReads(fs *ast.ForStmt) bool {
	found := false
	ast.Inspect(fs, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW && !c.isDoneChan(n.X)
		case *ast.CallExpr:
			for _, a := range n.Args {
				if t := c.info.TypeOf(a); t != nil && ctxapi.IsContext(t) {
					found = true
				}
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && c.workMethod(sel) {
				found = true
			}
		}
		return !found
	})
	return found
}

// resultOrigin tells where the first result of fn, a function of this
// package declared by d, comes from: the join of its return statements'
// first values (or of its first named result's definitions), its
// parameters followed to its callers.
func (c *checker) resultOrigin(fn *types.Func, d *ast.FuncDecl) origin {
	if o, ok := c.results[fn]; ok {
		return o
	}
	c.results[fn] = originCode // while in progress: recursive calls
	o := originCode
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) > 0:
				o = max(o, c.originOf(n.Results[0], 1))
			case d.Type.Results != nil && len(d.Type.Results.List) > 0 && len(d.Type.Results.List[0].Names) > 0:
				o = max(o, c.originOf(d.Type.Results.List[0].Names[0], 1))
			}
		}
		return o != originInput
	})
	c.results[fn] = o
	return o
}

// returnsLiteral reports whether every return statement of the function
// declared by d returns, as its first result, a composite literal of a
// slice, array or map type, or nil, and at least one is a literal: a
// collection as long as the code writes it. A struct literal may hold
// data in a field, so it does not count.
func (c *checker) returnsLiteral(d *ast.FuncDecl) bool {
	lits, literal := 0, true
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				literal = false // a named result, set anywhere
				break
			}
			switch r := ast.Unparen(n.Results[0]).(type) {
			case *ast.CompositeLit:
				switch c.info.TypeOf(r).Underlying().(type) {
				case *types.Slice, *types.Array, *types.Map:
					lits++
				default:
					literal = false
				}
			case *ast.Ident:
				if _, isNil := c.info.Uses[r].(*types.Nil); !isNil {
					literal = false
				}
			default:
				literal = false
			}
		}
		return literal
	})
	return lits > 0 && literal
}

// hostConfig reports whether fn lists the host's network interfaces or
// their addresses, or the devices that answer a UPnP discovery on its
// local network (goupnp.DiscoverDevices, used to find the gateway): a few,
// fixed by the machine and its network, not by data.
func hostConfig(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "net":
		switch fn.Name() {
		case "Interfaces", "InterfaceAddrs", "Addrs", "MulticastAddrs":
			return true
		}
	case "github.com/huin/goupnp":
		return strings.HasPrefix(fn.Name(), "DiscoverDevices")
	}
	return dnsLookup(fn)
}

// nameLabels reports whether call splits one string on dots
// (strings.Split(name, "."), SplitN, SplitAfter, SplitAfterN): the labels
// of a DNS name or of a dotted identifier, at most 127 and in practice a
// handful. A split on any other separator (a list on commas, lines) is
// data.
func (c *checker) nameLabels(fn *types.Func, call *ast.CallExpr) bool {
	if !typematch.IsFunc(fn, "strings", "Split", "SplitN", "SplitAfter", "SplitAfterN") || len(call.Args) < 2 {
		return false
	}
	tv := c.info.Types[call.Args[1]]
	return tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == "."
}

// dnsLookup reports whether fn looks up a DNS name's records: net's
// LookupHost, LookupIP, LookupSRV... or a method of the same name, as
// caching resolvers that wrap net.Resolver have. A name has a few
// addresses, as many as its zone lists.
func dnsLookup(fn *types.Func) bool {
	switch fn.Name() {
	case "LookupHost", "LookupIP", "LookupIPAddr", "LookupNetIP", "LookupAddr",
		"LookupMX", "LookupNS", "LookupSRV", "LookupTXT":
		return fn.Pkg().Path() == "net" || fn.Signature().Recv() != nil
	}
	return false
}

// transform reports whether the functions of the package at path build
// collections from their arguments only: the slices and maps packages.
func transform(path string) bool {
	switch path {
	case "slices", "maps", "golang.org/x/exp/slices", "golang.org/x/exp/maps":
		return true
	}
	return false
}

// podContainers reports whether t is a list of a Kubernetes pod's
// containers or their statuses (pod.Spec.Containers,
// pod.Status.ContainerStatuses): as many as the pod's spec declares, a
// few. The pods themselves, or the containers of a node, are data.
func podContainers(t types.Type) bool {
	s, ok := types.Unalias(t).(*types.Slice)
	if !ok {
		return false
	}
	n, ok := types.Unalias(s.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "k8s.io/api/core/v1" {
		return false
	}
	switch n.Obj().Name() {
	case "Container", "EphemeralContainer", "ContainerStatus":
		return true
	}
	return false
}

// paramType returns the type of the parameter that the i'th argument of
// a call of sig is passed to.
func paramType(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	switch {
	case n == 0:
		return nil
	case sig.Variadic() && i >= n-1:
		if s, ok := sig.Params().At(n - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	case i < n:
		return sig.Params().At(i).Type()
	}
	return nil
}

// sink reports whether a parameter of type t receives a place where the
// callee puts its output, or a service it uses, rather than data that
// sizes its result: a send-only channel, or, for a function of this
// package (local), an interface with methods (an accumulator, a logger, a
// client). Another package's interface parameter may well be the data
// (proto.Clone(m proto.Message)), so it counts. A context is neither: its
// presence makes the call a fetch.
func sink(t types.Type, local bool) bool {
	if t == nil || ctxapi.IsContext(t) {
		return false
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return local && u.NumMethods() > 0 && u.IsMethodSet()
	case *types.Chan:
		return u.Dir() == types.SendOnly
	}
	return false
}

// outOfView tells where a parameter whose callers are out of view comes
// from. Most callers of an exported method pass configuration (its peers,
// drives, plugins), so only two kinds of parameter count as data: one
// whose type is built from a type parameter of an exported generic
// function (lo.Map's collection []T: a helper over any data) whose
// constraint has no methods, and, with
// -loopgo.params, every one.
func (c *checker) outOfView(v *types.Var, p param) origin {
	if c.cfg.Params {
		return originInput
	}
	if p.fn != nil && p.fn.Exported() && hasTypeParam(v.Type(), 0) {
		return originInput
	}
	return originNone
}

// hasTypeParam reports whether t is, or holds elements of, a type
// parameter: T, []T, map[K]V, S ~[]E, chan T, *T.
func hasTypeParam(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam:
		// Any data: T any, comparable, cmp.Ordered, ~[]E. A
		// constraint with methods (T Component) makes a helper for
		// one kind of value, which the package's own callers pass
		// as other functions' parameters are passed.
		iface, ok := t.Constraint().Underlying().(*types.Interface)
		return ok && iface.NumMethods() == 0
	case *types.Slice:
		return hasTypeParam(t.Elem(), depth+1)
	case *types.Array:
		return hasTypeParam(t.Elem(), depth+1)
	case *types.Chan:
		return hasTypeParam(t.Elem(), depth+1)
	case *types.Pointer:
		return hasTypeParam(t.Elem(), depth+1)
	case *types.Map:
		return hasTypeParam(t.Key(), depth+1) || hasTypeParam(t.Elem(), depth+1)
	case *types.Named:
		for a := range t.TypeArgs().Types() {
			if hasTypeParam(a, depth+1) {
				return true
			}
		}
	}
	return false
}

// returnsCollection reports whether t, or the first result of a tuple t,
// is a slice, map, channel or function (an iterator).
func returnsCollection(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// paramOrigin tells where the values of the parameter v come from: the
// join of the arguments at its call sites when every caller is in view (an
// unexported function, or any function of package main, that is only ever
// called), and otherwise, when the callers are out of view, nothing that
// is known to vary (see outOfView).
func (c *checker) paramOrigin(v *types.Var, p param) origin {
	vi := c.varIndex()
	if p.variadic && p.fn != nil {
		// Callers list the elements of a variadic parameter one by one
		// (RunChecks(ctx, a, b, c)), so the code fixes their number,
		// unless a call in view spreads a slice into it (f(xs...)).
		o := originCode
		for _, call := range vi.calls[p.fn] {
			if call.Ellipsis != token.NoPos && p.index < len(call.Args) {
				o = max(o, c.originOf(call.Args[p.index], 0))
			}
		}
		return o
	}
	if p.fn == nil || (p.fn.Exported() && c.pass.Pkg.Name() != "main") || vi.valueUse[p.fn] || len(vi.calls[p.fn]) == 0 {
		return c.outOfView(v, p)
	}
	o := originCode
	for _, call := range vi.calls[p.fn] {
		var args []ast.Expr
		switch {
		case p.index < len(call.Args):
			args = call.Args[p.index : p.index+1]
		default:
			continue
		}
		for _, a := range args {
			if tv, ok := c.info.Types[a]; ok && tv.Value != nil {
				continue
			}
			if cur, ok := c.insp.Root().FindByPos(a.Pos(), a.End()); ok && c.lenGuarded(cur, a) {
				continue // if len(xs) < max { f(xs) }
			}
			o = max(o, c.originOf(a, 0))
		}
		if o == originInput {
			break
		}
	}
	return o
}

// lenGuarded reports whether the length of the collection coll, used at
// cur, is checked against a bound that is not itself a length: cur lies in
// the body of if len(coll) < max { ... } (or the else of len(coll) > max),
// or follows if len(coll) > max { return ... } or if len(coll) > max {
// coll = coll[:max] } in its function.
func (c *checker) lenGuarded(cur inspector.Cursor, coll ast.Expr) bool {
	k := c.key(coll)
	if k == nil {
		return false
	}
	child := cur
	for p := cur.Parent(); p.Index() >= 0; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if child.Node() == n.Body && c.lenCmp(n.Cond, k, false) {
				return true
			}
			if n.Else != nil && child.Node() == n.Else && c.lenCmp(n.Cond, k, true) {
				return true
			}
		case *ast.BlockStmt:
			for _, st := range n.List {
				if st == child.Node() {
					break
				}
				if is, ok := st.(*ast.IfStmt); ok && c.lenCmp(c.optionalLimit(is.Cond), k, true) && (is.Else == nil && c.terminates(is.Body) || c.truncates(is.Body, k)) {
					return true
				}
			}
		}
		child = p
	}
	return false
}

// lenCmp reports whether cond bounds the length of the collection with key
// k from above (len(k) > max, when above) or below (len(k) < max): in one
// conjunct of &&, or for above, one disjunct of ||.
// optionalLimit returns the comparison of an optional limit's check,
// limit > 0 && len(subs) > limit (or limit != 0), whose limit is off only
// when the operator sets it so, as an optional semaphore is: the length's
// comparison. Any other condition is returned as it is.
func (c *checker) optionalLimit(cond ast.Expr) ast.Expr {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || be.Op != token.LAND {
		return cond
	}
	set, ok := ast.Unparen(be.X).(*ast.BinaryExpr)
	if !ok || set.Op != token.GTR && set.Op != token.NEQ {
		return cond
	}
	if tv, ok := c.info.Types[set.Y]; !ok || tv.Value == nil || tv.Value.Kind() != constant.Int || constant.Sign(tv.Value) != 0 {
		return cond
	}
	cmp, ok := ast.Unparen(be.Y).(*ast.BinaryExpr)
	limit := c.key(set.X)
	if !ok || limit == nil || !equalKeys(c.key(cmp.X), limit) && !equalKeys(c.key(cmp.Y), limit) {
		return cond
	}
	return be.Y
}

// truncates reports whether body cuts the collection with key k down to a
// bound that is not a size: if len(jobs) > free { jobs = jobs[:free] }.
func (c *checker) truncates(body *ast.BlockStmt, k []types.Object) bool {
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || !equalKeys(c.key(as.Lhs[0]), k) {
			continue
		}
		if se, ok := ast.Unparen(as.Rhs[0]).(*ast.SliceExpr); ok && se.High != nil && equalKeys(c.key(se.X), k) && c.boundOf(se.High, 0).kind != tripData {
			return true
		}
	}
	return false
}

func (c *checker) lenCmp(cond ast.Expr, k []types.Object, above bool) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch be.Op {
	case token.LAND:
		return !above && (c.lenCmp(be.X, k, above) || c.lenCmp(be.Y, k, above))
	case token.LOR:
		return above && (c.lenCmp(be.X, k, above) || c.lenCmp(be.Y, k, above))
	}
	op := be.Op
	x, y := be.X, be.Y
	if !c.isLenOf(x, k) {
		x, y, op = y, x, mirror(op) // max > len(k) is len(k) < max
	}
	if !c.isLenOf(x, k) || c.boundOf(y, 0).kind == tripData {
		return false
	}
	if above {
		return op == token.GTR || op == token.GEQ
	}
	return op == token.LSS || op == token.LEQ
}

// isLenOf reports whether e is len(x), or a variable set once to len(x),
// where x has key k.
func (c *checker) isLenOf(e ast.Expr, k []types.Object) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		defs := c.varIndex().defs[v]
		if len(defs) != 1 || defs[0] == nil {
			return false
		}
		e = ast.Unparen(defs[0])
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if b, ok := typeutil.Callee(c.info, call).(*types.Builtin); !ok || b.Name() != "len" {
		return false
	}
	return equalKeys(c.key(call.Args[0]), k)
}

// terminates reports whether the block always leaves: its last statement
// returns, branches, or calls a function that does not return.
func (c *checker) terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		return c.noReturnNode(last)
	}
	return false
}

// topologyWords name the members of a deployment: a loop over them runs
// once per peer, node, shard or disk the deployment has, a number fixed by
// its configuration rather than by the data it serves.
var topologyWords = map[string]bool{
	"peer": true, "node": true, "member": true, "server": true, "host": true,
	"addr": true, "address": true, "endpoint": true, "shard": true, "partition": true,
	"replica": true, "disk": true, "drive": true, "volume": true, "pool": true,
	"site": true, "region": true, "zone": true, "cluster": true, "broker": true,
	"backend": true, "upstream": true, "listener": true, "target": true, "tgt": true,
	"locker": true, "sink": true, "instance": true, "datacenter": true, "voter": true,
	"follower": true, "tier": true, "remote": true, "gateway": true, "mirror": true,
	"worker": true, "master": true, "cpu": true, "core": true, "interface": true, "iface": true, "intf": true, "nic": true,
}

// registeredWords name code the program registers, and configurations: a
// loop over hooks, configs or specs runs once per registration. They count
// only for the collection, its element type, the loop's variables and
// the functions whose results define the collection (ctx.Modules(kind)):
// a goroutine function named itemHandler handles items.
var registeredWords = map[string]bool{
	"hook": true, "callback": true, "plugin": true, "handler": true, "decorator": true,
	"observer": true, "interceptor": true, "middleware": true, "notifier": true,
	"config": true, "cfg": true, "conf": true, "spec": true, "module": true,
}

// dispatchWords name units of work received from outside: a loop over a
// batch of them that starts a goroutine per unit dispatches handlers.
var dispatchWords = map[string]bool{
	"request": true, "req": true, "packet": true, "pkt": true, "message": true, "msg": true,
}

// dispatch reports whether loop runs over a batch of received requests,
// packets or messages (the collection, its element type or the loop's
// value is named so): a handler per request is how servers work, so, like
// accept loops, such loops are reported only with -loopgo.accept.
func (c *checker) dispatch(loop ast.Stmt, tr trip) bool {
	// The collection's own name, not its owner's: the items of a
	// request (req.Items) are data, the requests of a batch
	// (batch.Requests) are work.
	var names []string
	switch e := ast.Unparen(tr.coll).(type) {
	case *ast.Ident:
		names = append(names, e.Name)
	case *ast.SelectorExpr:
		names = append(names, e.Sel.Name)
	}
	if t := c.info.TypeOf(tr.coll); t != nil {
		switch u := t.Underlying().(type) {
		case *types.Slice:
			names = append(names, namedTypes(u.Elem())...)
		case *types.Array:
			names = append(names, namedTypes(u.Elem())...)
		}
	}
	if rs, ok := loop.(*ast.RangeStmt); ok {
		if id := identOf(rs.Value); id != nil {
			names = append(names, id.Name)
		}
	}
	return anyWord(names, dispatchWords)
}

// topology reports whether the loop runs over members of the deployment's
// topology: its collection, element type, loop variables, or the
// goroutine's function or parameters are named for peers, nodes, shards,
// disks, listeners, targets, hooks or configurations.
func (c *checker) topology(st start, loop ast.Stmt, tr trip) bool {
	var names []string
	for fd := range st.cur.Enclosing((*ast.FuncDecl)(nil)) {
		names = append(names, fd.Node().(*ast.FuncDecl).Name.Name) // closeStorageDisks
	}
	dataStart := len(names) // the collection's names begin here
	data, notData := c.dataNames(loop, tr)
	if notData {
		return true
	}
	names = append(names, data...)
	dataNames := len(names) // names so far are the collection's
	typeName := func(t types.Type) { names = append(names, namedTypes(t)...) }
	// The function the goroutine runs, or the helper that starts it: its
	// name and its parameters.
	fun := goroutineFunc(st)
	if call, ok := st.node.(*ast.CallExpr); ok && fun == nil {
		fun = call.Fun
	}
	switch f := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		// The parameters that receive this loop's variables: go
		// func(disk string) { ... }(it). One that receives an outer
		// loop's variable (the target whose pods this loop ranges
		// over) says nothing about this loop's elements.
		var args []ast.Expr
		if gs, ok := st.node.(*ast.GoStmt); ok {
			args = gs.Call.Args
		}
		loopVar := func(i int) bool {
			rs, ok := loop.(*ast.RangeStmt)
			if !ok || i >= len(args) {
				return false
			}
			id, ok := ast.Unparen(args[i]).(*ast.Ident)
			if !ok {
				return false
			}
			obj := c.info.Uses[id]
			for _, e := range []ast.Expr{rs.Key, rs.Value} {
				if kid := identOf(e); kid != nil && obj != nil && c.info.ObjectOf(kid) == obj {
					return true
				}
			}
			return false
		}
		i := 0
		for _, fld := range f.Type.Params.List {
			for _, n := range fld.Names {
				if loopVar(i) {
					names = append(names, n.Name)
					if t := c.info.TypeOf(fld.Type); t != nil {
						typeName(t)
					}
				}
				i++
			}
		}
	case *ast.Ident:
		names = append(names, f.Name)
	case *ast.SelectorExpr:
		names = append(names, f.Sel.Name)
	}
	registered := append(names[dataStart:dataNames:dataNames], c.definerFuncs(tr.coll)...)
	return anyWord(names, topologyWords) || anyWord(registered, registeredWords)
}

// anyWord reports whether a word of one of the identifiers names (see
// words), or that word without a plural ending, is in set.
func anyWord(names []string, set map[string]bool) bool {
	for _, n := range names {
		for _, w := range words(n) {
			if set[w] || set[strings.TrimSuffix(w, "s")] || set[strings.TrimSuffix(w, "es")] {
				return true
			}
		}
	}
	return false
}

// namedTypes returns the name of t, or of what t points to (up to three
// pointers), when it is a named type.
func namedTypes(t types.Type) []string {
	for range 3 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Named:
			return []string{u.Obj().Name()}
		}
		break
	}
	return nil
}

// dataNames returns the names that tell what a loop's elements are: the
// identifiers of its collection, the names of its key and element types,
// and its loop variables. notData says the elements are code or open
// resources (see handle) or members one dials (see addressed), whatever
// they are called.
func (c *checker) dataNames(loop ast.Stmt, tr trip) (names []string, notData bool) {
	ident := func(n ast.Node) {
		if n == nil {
			return
		}
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.Ident:
				names = append(names, m.Name)
			case *ast.FuncLit:
				return false
			}
			return true
		})
	}
	ident(tr.coll)
	names = append(names, c.definerNames(tr.coll)...)
	if t := c.info.TypeOf(tr.coll); t != nil {
		var elem types.Type
		switch u := t.Underlying().(type) {
		case *types.Slice:
			elem = u.Elem()
		case *types.Array:
			elem = u.Elem()
		case *types.Map:
			names = append(names, namedTypes(u.Key())...)
			elem = u.Elem()
		case *types.Chan:
			elem = u.Elem()
		}
		if elem != nil {
			if handle(elem) || addressed(elem) {
				return nil, true
			}
			names = append(names, namedTypes(elem)...)
		}
	}
	if rs, ok := loop.(*ast.RangeStmt); ok {
		ident(rs.Key)
		ident(rs.Value)
	}
	return names, false
}

// definerNames returns, for a local variable coll, the names of the first
// named results of the functions of this package whose results define it:
// paths, err = parseDiskPath(cfg) with func parseDiskPath(...) (disks
// []string, err error) gives disks. The function's own name is not used:
// podsOnNode returns pods.
func (c *checker) definerNames(coll ast.Expr) []string {
	var names []string
	for _, fn := range c.definers(coll) {
		if fn.Pkg() != c.pass.Pkg {
			continue
		}
		if res := fn.Signature().Results(); res.Len() > 0 && res.At(0).Name() != "" {
			names = append(names, res.At(0).Name())
		}
	}
	return names
}

// definerFuncs returns, for a local variable coll, the head nouns of the
// names of the functions and methods, of any package, whose results
// define it: apps, err := ctx.Modules(new(App)) gives modules,
// r.EnabledPlugins() plugins. The head noun is the last word before a
// preposition: podsOnNode gives pods, ListByConfig list. They tell only
// what the program registers (see registeredWords).
func (c *checker) definerFuncs(coll ast.Expr) []string {
	var names []string
	for _, fn := range c.definers(coll) {
		if n := headNoun(fn.Name()); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// headNoun returns the last word of the identifier id before its first
// preposition (see words), or "".
func headNoun(id string) string {
	head := ""
	for _, w := range words(id) {
		switch w {
		case "by", "for", "of", "on", "in", "from", "with", "to", "at":
			return head
		}
		head = w
	}
	return head
}

// definers returns the functions whose calls define the local variable
// coll.
func (c *checker) definers(coll ast.Expr) []*types.Func {
	id, ok := ast.Unparen(coll).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok || !isLocal(v) {
		return nil
	}
	var fns []*types.Func
	for _, d := range c.varIndex().defs[v] {
		call, ok := ast.Unparen(d).(*ast.CallExpr)
		if !ok {
			continue
		}
		if fn, _ := typeutil.Callee(c.info, call).(*types.Func); fn != nil {
			fns = append(fns, fn)
		}
	}
	return fns
}

// addressed reports whether t, or what it points to, is a struct with a
// string field named Address, Addr or Endpoint: a member of the
// deployment that one dials (TiKV's metapb.Store, a peer's record),
// whatever its type is called.
func addressed(t types.Type) bool {
	st := structOf(t)
	if st == nil {
		return false
	}
	for f := range st.Fields() {
		switch f.Name() {
		case "Address", "Addr", "Endpoint":
			if b, ok := f.Type().Underlying().(*types.Basic); ok && b.Kind() == types.String {
				return true
			}
		}
	}
	return false
}

// handle reports whether elements of type t are code or open resources
// rather than data: functions (hooks, callbacks, commands) and structs
// that begin with one (see registration), which the program's code
// registers, and values with a Close method, maybe
// taking a context (disks, clients, connections, files, scalers), of which
// the program already holds one each.
func handle(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Signature); ok {
		return true
	}
	if registration(t) {
		return true
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Close")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	// Close() or Close(ctx): a scaler that holds a client closes it
	// with a context.
	params := fn.Type().(*types.Signature).Params()
	return params.Len() == 0 || params.Len() == 1 && ctxapi.IsContext(params.At(0).Type())
}

// registration reports whether t, or what it points to, is a struct
// whose first field is a function: code registered with what it needs,
// as scorecard's checker.Check{Fn, SupportedRequestTypes} is. A struct
// that begins with data (a file's Path, then an OnDone callback) is data.
func registration(t types.Type) bool {
	st := structOf(t)
	if st == nil || st.NumFields() == 0 {
		return false
	}
	_, ok := st.Field(0).Type().Underlying().(*types.Signature)
	return ok
}

// structOf returns the struct that t is, or points to, or nil.
func structOf(t types.Type) *types.Struct {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, _ := t.Underlying().(*types.Struct)
	return st
}

// words splits an identifier into lower-case words: storageDisks is
// storage, disks; tgtARNs is tgt, arns; peer_addrs is peer, addrs.
func words(id string) []string {
	var out []string
	rs := []rune(id)
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, strings.ToLower(string(rs[start:end])))
		}
		start = end
	}
	for i := 1; i <= len(rs); i++ {
		switch {
		case i == len(rs):
			flush(i)
		case rs[i] == '_' || rs[i] >= '0' && rs[i] <= '9':
			flush(i)
			start = i + 1
		case isUpper(rs[i]) && !isUpper(rs[i-1]):
			flush(i) // storageDisks
		case isUpper(rs[i-1]) && isUpper(rs[i]) && i+1 < len(rs) && !isUpper(rs[i+1]) && rs[i+1] != '_':
			flush(i) // HTTPServer: HTTP, Server
		}
	}
	return out
}

func isUpper(r rune) bool { return r >= 'A' && r <= 'Z' }

// serviceLoop reports whether the goroutine st starts runs a service loop
// (for {}, a loop on a condition, a range over a channel, a Serve call): a
// long-lived goroutine per listener, peer, shard or subscription, whose
// number is fixed by configuration rather than by the data.
func (c *checker) serviceLoop(st start) bool {
	if st.kind == startHelper {
		fn, _ := typeutil.Callee(c.info, st.node.(*ast.CallExpr)).(*types.Func)
		return fn != nil && c.servesCall(fn) // d.watchService(ctx, name)
	}
	if gs, ok := st.node.(*ast.GoStmt); ok && c.isPump(gs.Call) {
		return true // go io.Copy(io.Discard, bidi)
	}
	body := c.goroutineBody(st)
	if body == nil {
		if gs, ok := st.node.(*ast.GoStmt); ok {
			return c.goServes(gs.Call) // go relay.Run(host, port)
		}
		return false
	}
	if c.pumps(body) {
		return true
	}
	return c.loopsForever(body, 0)
}

// isPump reports whether call is io.Copy or io.CopyBuffer from a stream:
// a read loop until the stream ends, which lasts as long as the stream
// (a connection, a subscription). A file or an in-memory reader is data
// that ends, copied as work.
func (c *checker) isPump(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if !typematch.IsFunc(fn, "io", "Copy", "CopyBuffer") {
		return false
	}
	src := ast.Unparen(call.Args[1])
	if inner, ok := src.(*ast.CallExpr); ok {
		if tv, ok := c.info.Types[inner.Fun]; !ok || !tv.IsType() {
			return false // bytes.NewReader(b), io.LimitReader(r, n): a reader made of data
		}
	}
	t := c.info.TypeOf(src)
	if t == nil {
		return false
	}
	for _, r := range finiteReaders {
		if typematch.IsNamedOrPointer(t, r[0], r[1]) {
			return false
		}
	}
	return true
}

// finiteReaders are readers of data that ends: a file, memory.
var finiteReaders = [][2]string{{"os", "File"}, {"bytes", "Reader"}, {"bytes", "Buffer"}, {"strings", "Reader"}, {"bufio", "Reader"}}

// pumps reports whether body, a goroutine's, does nothing but copy a
// stream (see isPump), deferring closes around the copy.
func (c *checker) pumps(body *ast.BlockStmt) bool {
	copies := 0
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.DeferStmt:
		case *ast.ExprStmt:
			call, ok := ast.Unparen(s.X).(*ast.CallExpr)
			if !ok || !c.isPump(call) {
				return false
			}
			copies++
		case *ast.AssignStmt: // _, err = io.Copy(dst, src)
			call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			if !ok || !c.isPump(call) {
				return false
			}
			copies++
		default:
			return false
		}
	}
	return copies == 1
}

// loopsForever reports whether a top-level statement of body is a service
// loop, directly or in a function of this package it calls, or calls a
// function of another package that serves (see servesFact).
func (c *checker) loopsForever(body *ast.BlockStmt, depth int) bool {
	return c.runsForever(body, depth, false)
}

// everyBranch reports whether s has an else and f holds for each of its
// blocks, through else if.
func everyBranch(s *ast.IfStmt, f func(*ast.BlockStmt) bool) bool {
	if !f(s.Body) {
		return false
	}
	switch e := s.Else.(type) {
	case *ast.BlockStmt:
		return f(e)
	case *ast.IfStmt:
		return everyBranch(e, f)
	}
	return false
}

// unlabel returns the statement that s labels, or s.
func unlabel(s ast.Stmt) ast.Stmt {
	for {
		l, ok := s.(*ast.LabeledStmt)
		if !ok {
			return s
		}
		s = l.Stmt
	}
}

// callsIn reports whether s, a plain statement (a call, an assignment, a
// return, an if, a send or a declaration), makes a call for which pred
// holds, outside function literals and the blocks it holds.
func callsIn(s ast.Stmt, pred func(*ast.CallExpr) bool) bool {
	switch s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.IfStmt, *ast.SendStmt, *ast.DeclStmt:
	default:
		return false
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.BlockStmt:
			return false
		case *ast.CallExpr:
			found = pred(n)
		}
		return !found
	})
	return found
}

// isServe reports whether call is a Serve or ListenAndServe function or
// method (net/http, grpc and look-alikes), which runs until shutdown.
func isServe(call *ast.CallExpr) bool {
	var name string
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	}
	return strings.HasPrefix(name, "Serve") || strings.HasPrefix(name, "ListenAndServe")
}
