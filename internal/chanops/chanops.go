// Package chanops recognises channel operations in statements.
package chanops

import (
	"go/ast"
	"go/token"
)

// Received returns the channel that the statement s receives from, as a
// statement of its own or as a select case's communication: <-ch,
// v := <-ch, v, ok = <-ch. It returns nil for anything else: a send, a
// call, a nil case (default).
func Received(s ast.Stmt) ast.Expr {
	var x ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 {
			return nil
		}
		x = s.Rhs[0]
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}
