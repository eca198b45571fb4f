package loopgo

// Variables: their definitions and uses in the package.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/ctxapi"
	"golang.org/x/tools/go/types/typeutil"
)

// varIndex records, for the package's variables, the expressions assigned
// to them (nil for a value that cannot be seen: a tuple, a range, an
// increment, an address taken; the call of a method that fills a struct)
// and whether a slice or map is changed after its definition.
type varIndex struct {
	defs      map[*types.Var][]ast.Expr
	mutated   map[*types.Var]bool
	params    map[*types.Var]param // parameters of functions and function literals
	receivers map[*types.Var]bool
	calls     map[*types.Func][]*ast.CallExpr // static calls of the package's functions
	valueUse  map[*types.Func]bool            // functions used other than by a call
	embedded  map[*types.Var]bool             // package-level variables set by //go:embed
	filled    map[*types.Var]bool             // maps written (m[k] = v) or passed on after their definition
	ctxUsed   map[*types.Var]bool             // contexts used somewhere in the package
}

// A param is a parameter of a function (nil for a function literal).
type param struct {
	fn       *types.Func
	index    int
	variadic bool
}

func (c *checker) varIndex() *varIndex {
	if c.vars != nil {
		return c.vars
	}
	vi := &varIndex{
		defs:      make(map[*types.Var][]ast.Expr),
		mutated:   make(map[*types.Var]bool),
		params:    make(map[*types.Var]param),
		receivers: make(map[*types.Var]bool),
		calls:     make(map[*types.Func][]*ast.CallExpr),
		valueUse:  make(map[*types.Func]bool),
		embedded:  make(map[*types.Var]bool),
		filled:    make(map[*types.Var]bool),
		ctxUsed:   make(map[*types.Var]bool),
	}
	c.vars = vi
	info := c.info
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if !embedDirective(vs.Doc) && !(len(gd.Specs) == 1 && embedDirective(gd.Doc)) {
					continue
				}
				for _, id := range vs.Names {
					if v, ok := info.Defs[id].(*types.Var); ok {
						vi.embedded[v] = true
					}
				}
			}
		}
	}
	// decoded maps &v in json.Unmarshal(raw, &v), where raw is embedded
	// in the binary, to raw: v is filled from the code's own data.
	decoded := make(map[*ast.UnaryExpr]ast.Expr)
	params := func(fn *types.Func, ft *ast.FuncType) {
		if ft.Params == nil {
			return
		}
		i := 0
		for _, f := range ft.Params.List {
			_, variadic := f.Type.(*ast.Ellipsis)
			for _, n := range f.Names {
				if v, ok := info.Defs[n].(*types.Var); ok {
					vi.params[v] = param{fn: fn, index: i, variadic: variadic}
				}
				i++
			}
			if len(f.Names) == 0 {
				i++
			}
		}
	}
	calledAs := make(map[*ast.Ident]bool) // identifiers in the Fun of a call
	varOf := func(e ast.Expr) *types.Var {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			v, _ := info.ObjectOf(id).(*types.Var)
			return v
		}
		return nil
	}
	// mapWrite marks the map written by x[k] = v or x[k]++.
	mapWrite := func(e ast.Expr) {
		if ix, ok := ast.Unparen(e).(*ast.IndexExpr); ok && c.isMap(ix.X) {
			if v := varOf(ix.X); v != nil {
				vi.mutated[v] = true
				vi.filled[v] = true
			}
		}
	}
	// fill records a call of a pointer method with arguments and no result
	// but an error on a local struct (opts.FromQuery(r.URL.Query()),
	// req.Decode(body)) as a definition of it: the method fills it from
	// the arguments. A method with other results is a getter
	// (cfg.Connections(name)).
	fill := func(call *ast.CallExpr) {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || len(call.Args) == 0 {
			return
		}
		s := info.Selections[sel]
		v := varOf(sel.X)
		if s == nil || s.Kind() != types.MethodVal || v == nil || !isLocal(v) {
			return
		}
		sig := s.Obj().(*types.Func).Signature()
		if _, ptr := sig.Recv().Type().(*types.Pointer); !ptr {
			return
		}
		if !errorOnly(sig) {
			return
		}
		t := v.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		if _, ok := t.Underlying().(*types.Struct); ok {
			vi.defs[v] = append(vi.defs[v], call)
		}
	}
	// escape marks a map that is passed or copied elsewhere.
	escape := func(e ast.Expr) {
		if v := varOf(e); v != nil && c.isMap(e) {
			vi.mutated[v] = true
			vi.filled[v] = true
		}
	}
	for _, f := range c.pass.Files {
		// Calls and uses in tests (export_test.go's var F = f) do not
		// make a function's callers out of view or its data the tests'.
		test := c.inTest(f)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Recv != nil {
					for _, f := range n.Recv.List {
						for _, id := range f.Names {
							if v, ok := info.Defs[id].(*types.Var); ok {
								vi.receivers[v] = true
							}
						}
					}
				}
				fn, _ := info.Defs[n.Name].(*types.Func)
				params(fn, n.Type)
			case *ast.FuncLit:
				params(nil, n.Type)
			case *ast.Ident:
				switch obj := info.Uses[n].(type) {
				case *types.Func:
					if obj.Pkg() == c.pass.Pkg && !calledAs[n] && !test {
						vi.valueUse[obj.Origin()] = true
					}
				case *types.Var:
					if ctxapi.IsContext(obj.Type()) {
						vi.ctxUsed[obj] = true
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					mapWrite(l)
					v := varOf(l)
					if v == nil {
						continue
					}
					var val ast.Expr
					switch {
					case len(n.Lhs) == len(n.Rhs):
						val = n.Rhs[i]
					case len(n.Rhs) == 1:
						switch ast.Unparen(n.Rhs[0]).(type) {
						case *ast.CallExpr:
							val = n.Rhs[0] // v, err := f(): a result of the call
						case *ast.IndexExpr, *ast.TypeAssertExpr, *ast.UnaryExpr:
							if i == 0 {
								val = n.Rhs[0] // v, ok := m[k]
							}
						}
					}
					id := ast.Unparen(l).(*ast.Ident)
					if n.Tok != token.DEFINE || info.Defs[id] == nil {
						vi.mutated[v] = true
					}
					vi.defs[v] = append(vi.defs[v], val)
				}
				for _, r := range n.Rhs {
					escape(r)
				}
			case *ast.IncDecStmt:
				mapWrite(n.X)
				if v := varOf(n.X); v != nil {
					vi.mutated[v] = true
					vi.defs[v] = append(vi.defs[v], nil)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := varOf(n.X); v != nil {
						vi.mutated[v] = true
						vi.defs[v] = append(vi.defs[v], decoded[n]) // nil: filled with what cannot be seen
					}
				}
			case *ast.RangeStmt:
				for i, e := range []ast.Expr{n.Key, n.Value} {
					if v := varOf(e); v != nil {
						if n.Tok != token.DEFINE {
							vi.mutated[v] = true
						}
						var val ast.Expr
						if i == 1 {
							val = n.X // an element of X
						} else if c.isMap(n.X) {
							val = n.X // a key of X
						}
						vi.defs[v] = append(vi.defs[v], val)
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					v, ok := info.Defs[id].(*types.Var)
					if !ok || len(n.Values) == 0 {
						continue // the zero value
					}
					var val ast.Expr
					if len(n.Values) == len(n.Names) {
						val = n.Values[i]
					} else if len(n.Values) == 1 {
						val = n.Values[0]
					}
					vi.defs[v] = append(vi.defs[v], val)
				}
				for _, r := range n.Values {
					escape(r)
				}
			case *ast.CallExpr:
				switch f := ast.Unparen(n.Fun).(type) {
				case *ast.Ident:
					calledAs[f] = true
				case *ast.SelectorExpr:
					if sel := info.Selections[f]; sel == nil || sel.Kind() != types.MethodExpr {
						calledAs[f.Sel] = true
					}
				case *ast.IndexExpr: // f[T](x)
					if id, ok := ast.Unparen(f.X).(*ast.Ident); ok {
						calledAs[id] = true
					}
				}
				fill(n)
				if dst, src := c.decodesEmbedded(n, vi); dst != nil {
					decoded[dst] = src
				}
				if fn, ok := typeutil.Callee(info, n).(*types.Func); ok && fn.Pkg() == c.pass.Pkg && !test {
					vi.calls[fn.Origin()] = append(vi.calls[fn.Origin()], n)
				}
				for _, a := range n.Args {
					escape(a)
				}
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
					escape(sel.X) // a method of a named map type
				}
			case *ast.ReturnStmt:
				for _, r := range n.Results {
					escape(r)
				}
			case *ast.CompositeLit:
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						e = kv.Value
					}
					escape(e)
				}
			}
			return true
		})
	}
	return vi
}

var errorType = types.Universe.Lookup("error").Type()

// errorOnly reports whether sig returns nothing or only an error: a
// setter or a filler, whose effect is on its receiver or arguments.
func errorOnly(sig *types.Signature) bool {
	res := sig.Results()
	return res.Len() == 0 || res.Len() == 1 && types.Identical(res.At(0).Type(), errorType)
}

// embedDirective reports whether the comments hold a //go:embed line.
func embedDirective(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, cm := range doc.List {
		if strings.HasPrefix(cm.Text, "//go:embed ") {
			return true
		}
	}
	return false
}

// decodesEmbedded reports whether call is a function (not a method) that
// fills one variable through its address from data embedded in the
// binary (json.Unmarshal(scopesJSON, &scopes), yaml.Unmarshal([]byte(raw),
// &cfg)): every other argument is a constant or a //go:embed variable,
// converted or not, and one is such a variable. It returns the address
// expression and the embedded variable's expression.
func (c *checker) decodesEmbedded(call *ast.CallExpr, vi *varIndex) (*ast.UnaryExpr, ast.Expr) {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() != nil {
		return nil, nil
	}
	var dst *ast.UnaryExpr
	var src ast.Expr
	for _, a := range call.Args {
		a = ast.Unparen(a)
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if dst != nil {
				return nil, nil
			}
			dst = u
			continue
		}
		if tv, ok := c.info.Types[a]; ok && tv.Value != nil {
			continue
		}
		for { // []byte(raw)
			conv, ok := a.(*ast.CallExpr)
			if !ok || len(conv.Args) != 1 {
				break
			}
			if tv, ok := c.info.Types[conv.Fun]; !ok || !tv.IsType() {
				break
			}
			a = ast.Unparen(conv.Args[0])
		}
		id, ok := a.(*ast.Ident)
		if !ok {
			return nil, nil
		}
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || !vi.embedded[v] {
			return nil, nil
		}
		src = id
	}
	if dst == nil || src == nil {
		return nil, nil
	}
	return dst, src
}

// isLocal reports whether obj is declared in a function: neither a field
// nor at package level.
func isLocal(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope()
}
