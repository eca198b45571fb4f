// Package noreturn tells which calls never return, for building go/cfg
// control-flow graphs (cfg.New's mayReturn argument).
package noreturn

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// MayReturn returns a cfg.New mayReturn function for info: panic, os.Exit,
// runtime.Goexit, log.Fatal*, log.Panic* and testing's Fatal/FailNow/Skip
// never return; every other call may.
func MayReturn(info *types.Info) func(*ast.CallExpr) bool {
	return func(call *ast.CallExpr) bool {
		switch fn := typeutil.Callee(info, call).(type) {
		case *types.Builtin:
			return fn.Name() != "panic"
		case *types.Func:
			if fn.Pkg() == nil {
				return true
			}
			switch fn.Pkg().Path() + "." + fn.Name() {
			case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln":
				return false
			}
			if fn.Pkg().Path() == "testing" {
				switch fn.Name() {
				case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
					return false
				}
			}
		}
		return true
	}
}
