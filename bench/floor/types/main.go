// Command floor-types is the benchmark's lowest floor: a multichecker whose
// one analyzer does nothing, so a run costs what the driver costs to load,
// parse and type-check the packages, and nothing more.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var analyzer = &analysis.Analyzer{
	Name: "floortypes",
	Doc:  "do nothing: measure loading and type-checking alone",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
