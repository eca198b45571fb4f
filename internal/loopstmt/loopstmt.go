// Package loopstmt gives the parts of Go's two loop statements, for and
// range, which the analyzers treat alike.
package loopstmt

import "go/ast"

// Body returns the body of a *ast.ForStmt or *ast.RangeStmt, or nil for
// any other statement.
func Body(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}
