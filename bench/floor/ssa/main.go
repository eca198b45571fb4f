// Command floor-ssa is the benchmark's reference floor: a multichecker whose
// one analyzer only requires buildssa, so a run costs loading, type-checking
// and building SSA once per package: what any SSA-based suite pays before its
// first check runs. conclint is measured as a ratio to it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

var analyzer = &analysis.Analyzer{
	Name:     "floorssa",
	Doc:      "build SSA and do nothing else: measure loading, type-checking and SSA construction",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
