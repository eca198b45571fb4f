package loopgo

// Loops that receive their work (for {} and condition loops).

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// acceptTrip classifies a for loop that runs on a condition or forever:
// its work is what it receives before starting a goroutine, if anything.
func (c *checker) acceptTrip(fs *ast.ForStmt) trip {
	t := trip{kind: tripAccept}
	if !c.cfg.Accept {
		return t
	}
	find := func(n ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if t.what != "" {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
				return false
			case *ast.AssignStmt:
				for _, r := range m.Rhs {
					if u, ok := ast.Unparen(r).(*ast.UnaryExpr); ok && u.Op == token.ARROW && !c.isDoneChan(u.X) {
						t.what = "value received from " + exprName(u.X)
					}
				}
			case *ast.CallExpr:
				sel, ok := ast.Unparen(m.Fun).(*ast.SelectorExpr)
				if !ok {
					break
				}
				if c.workMethod(sel) {
					t.what = "result of " + exprName(m.Fun) + "()"
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
						t.src = c.info.Uses[id]
					}
					if strings.HasPrefix(sel.Sel.Name, "Accept") {
						t.what = "connection accepted from " + exprName(sel.X)
					}
				}
			}
			return t.what == ""
		})
	}
	if fs.Cond != nil {
		find(fs.Cond)
	}
	find(fs.Body)
	return t
}

// workMethods are prefixes of methods that receive a unit of work.
var workMethods = []string{"Accept", "Recv", "Receive", "Read", "Next", "Scan", "Fetch"}

// workMethod reports whether sel is a method whose name says it receives
// a unit of work: Accept, Recv, Receive, Read, Next, Scan or Fetch...
func (c *checker) workMethod(sel *ast.SelectorExpr) bool {
	fn, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Type().(*types.Signature).Recv() == nil {
		return false
	}
	for _, p := range workMethods {
		if strings.HasPrefix(sel.Sel.Name, p) {
			return true
		}
	}
	return false
}
