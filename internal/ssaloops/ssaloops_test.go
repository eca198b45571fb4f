package ssaloops

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

const src = `package p

func straight(x int) int {
	if x > 0 {
		return 1
	}
	return 2
}

func loop(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}
`

func TestBlocks(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	count := func(name string) (on, all int) {
		fn := pkg.Func(name)
		for i, in := range Blocks(fn) {
			all++
			if in {
				on++
				if len(fn.Blocks[i].Succs) == 0 {
					t.Errorf("%s: block %d has no successor but lies on a cycle", name, i)
				}
			}
		}
		return on, all
	}
	if on, all := count("straight"); on != 0 {
		t.Errorf("straight: %d of %d blocks on a cycle, want 0", on, all)
	}
	// The range loop's head and body form a cycle; the entry and the
	// exit do not.
	if on, all := count("loop"); on < 2 || on >= all {
		t.Errorf("loop: %d of %d blocks on a cycle, want at least 2 and not all", on, all)
	}
}
