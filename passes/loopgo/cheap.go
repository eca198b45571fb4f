package loopgo

// Goroutines whose work is a few look-ups: no limit to take.

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/conclint/conclint/internal/ctxapi"
	"github.com/conclint/conclint/internal/promptcall"
	"github.com/conclint/conclint/internal/typematch"
	"golang.org/x/tools/go/types/typeutil"
)

// cheap reports whether the goroutine st starts does only work that ends
// as soon as it starts: look-ups in maps, building values, locking a
// mutex to store a result, logging. It makes no call that could wait or
// reach outside the process: no channel operation, no select, no sleep,
// no call of an interface method or of a function value, and no call of
// another package's function beyond strings, strconv, fmt's formatting
// and their kind (see pureCall). The functions of this package it calls
// must be cheap too. Such goroutines never pile up, so a limit would
// not change what runs at once: the goroutine is pointless, not
// unbounded. A counted loop inside is work that may be long, so only a
// range over a slice, map, array or string of what it already holds is
// allowed.
func (c *checker) cheap(st start) bool {
	fun := goroutineFunc(st) // nil for a helper, which starts its own
	if fun == nil {
		return false
	}
	if gs, ok := st.node.(*ast.GoStmt); ok {
		if _, lit := ast.Unparen(fun).(*ast.FuncLit); !lit {
			// go p.lookup(id): the callee must be one of this
			// package's functions, judged as any call in a body is.
			return c.cheapCall(gs.Call, 0)
		}
	}
	body := c.funcBody(fun)
	return body != nil && c.cheapBody(body, 0)
}

// cheapBody reports whether body (with the function literals in it)
// does only cheap work; depth counts the calls followed into this
// package's functions.
func (c *checker) cheapBody(body *ast.BlockStmt, depth int) bool {
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt, *ast.SelectStmt, *ast.SendStmt, *ast.ForStmt:
			ok = false // starts, waits, or loops on a condition
		case *ast.UnaryExpr:
			ok = n.Op != token.ARROW
		case *ast.RangeStmt:
			t := c.info.TypeOf(n.X)
			if t == nil {
				ok = false
				break
			}
			switch u := t.Underlying().(type) {
			case *types.Slice, *types.Map, *types.Array, *types.Pointer:
				// Over what it already holds (an array through a pointer).
			case *types.Basic:
				ok = u.Info()&types.IsString != 0 // a range over an int counts
			default:
				ok = false // a channel or an iterator
			}
		case *ast.CallExpr:
			ok = c.cheapCall(n, depth)
		}
		return ok
	})
	return ok
}

// cheapCall reports whether call does only cheap work.
func (c *checker) cheapCall(call *ast.CallExpr, depth int) bool {
	if tv, ok := c.info.Types[call.Fun]; ok && tv.IsType() {
		return true // a conversion
	}
	for _, a := range call.Args {
		if t := c.info.TypeOf(a); t != nil && ctxapi.IsContext(t) {
			return false // what takes a context expects to wait
		}
	}
	switch fn := typeutil.Callee(c.info, call).(type) {
	case *types.Builtin:
		return true // len, append, delete, make; panic ends it
	case *types.Func:
		if fn.Pkg() == c.pass.Pkg {
			if depth >= 4 {
				return false
			}
			d := c.declOf(fn.Origin())
			if d == nil || d.Body == nil || c.stub(d.Body) {
				// Without a body, or with a stub's (one that a
				// build-tagged twin replaces), the work is elsewhere.
				return false
			}
			if v, ok := c.cheapFuncs[fn.Origin()]; ok {
				return v
			}
			c.cheapFuncs[fn.Origin()] = true // while in progress: recursion
			v := c.cheapBody(d.Body, depth+1)
			c.cheapFuncs[fn.Origin()] = v
			return v
		}
		if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
			// An interface's method may do anything, but err.Error()
			// and String() format, and a logger logs.
			return fn.Name() == "Error" || fn.Name() == "String" || logCall(fn)
		}
		return pureCall(fn) || logCall(fn) || valueHelper(fn)
	}
	return false // a function value: may do anything
}

// stub reports whether body does nothing but return constants or nil:
// func dial(string) error { return nil }, a placeholder for work that a
// build-tagged twin does.
func (c *checker) stub(body *ast.BlockStmt) bool {
	switch len(body.List) {
	case 0:
		return true
	case 1:
		ret, ok := body.List[0].(*ast.ReturnStmt)
		if !ok {
			return false
		}
		for _, r := range ret.Results {
			tv, ok := c.info.Types[r]
			if !ok || tv.Value == nil && !tv.IsNil() {
				return false
			}
		}
		return true
	}
	return false
}

// pureCall reports whether fn is a function or method of the standard
// library that computes, formats or locks only briefly (see
// promptcall.ComputePackage, sync/atomic, fmt's Sprint family and Errorf, time's clock reading, a mutex's Lock,
// a WaitGroup's Done).
func pureCall(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	if promptcall.ComputePackage(path) || path == "sync/atomic" {
		return true
	}
	if recv := fn.Signature().Recv(); recv != nil {
		switch {
		case typematch.IsNamedOrPointer(recv.Type(), "sync", "Mutex"), typematch.IsNamedOrPointer(recv.Type(), "sync", "RWMutex"):
			return true // Lock, Unlock: held around a store
		case typematch.IsNamedOrPointer(recv.Type(), "sync", "WaitGroup"):
			return name == "Done" || name == "Add"
		case typematch.IsNamedOrPointer(recv.Type(), "sync", "Map"):
			return name == "Load" || name == "Store" || name == "LoadOrStore" || name == "LoadAndDelete" || name == "Delete" || name == "Swap"
		case typematch.IsNamedOrPointer(recv.Type(), "time", "Time"), typematch.IsNamedOrPointer(recv.Type(), "time", "Duration"):
			return true
		}
		return false
	}
	switch path {
	case "fmt":
		return strings.HasPrefix(name, "Sprint") || name == "Errorf"
	case "time":
		switch name {
		case "Now", "Since", "Until", "Unix", "UnixMilli", "UnixMicro", "Date", "ParseDuration", "Parse":
			return true
		}
	case "path/filepath":
		switch name {
		case "Join", "Base", "Dir", "Ext", "Clean", "Split", "Rel", "IsAbs", "ToSlash", "FromSlash":
			return true
		}
	case "net":
		switch name {
		case "JoinHostPort", "SplitHostPort", "ParseIP", "ParseCIDR", "IPv4":
			return true
		}
	}
	return false
}

// logCall reports whether fn logs: a function or method named like
// Debugf or Errorf of a package whose last path element names logging
// (log, slog, klog, logrus, zap), or of a type named Logger or Entry.
// Logging writes, but it is not the goroutine's work.
func logCall(fn *types.Func) bool {
	if fn.Pkg() == nil || !promptcall.LogName(fn.Name()) {
		return false
	}
	if promptcall.LogPackage(fn.Pkg().Path()) {
		return true // log, logrus, logging, logutil; not catalog or dialog
	}
	if recv := fn.Signature().Recv(); recv != nil {
		for _, n := range namedTypes(recv.Type()) {
			if strings.HasSuffix(n, "Logger") || n == "Entry" {
				return true
			}
		}
	}
	return false
}

// valueHelper reports whether fn is a function (not a method) of another
// package whose parameters and results are all of basic types or pointers
// to them: aws.ToString(task.TaskArn), ptr.Deref. What it can do with a
// string or an int and return without an error is compute.
func valueHelper(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Results().Len() == 0 || sig.TypeParams().Len() > 0 {
		return false
	}
	basic := func(t types.Type) bool {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		b, ok := types.Unalias(t).(*types.Basic)
		return ok && b.Kind() != types.UnsafePointer // not a C function's pointer
	}
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tuple.Variables() {
			if !basic(v.Type()) {
				return false
			}
		}
	}
	return true
}
