// Command conclint runs the conclint analyzers: standalone over package
// patterns (conclint ./...), or as go vet's tool
// (go vet -vettool=$(command -v conclint) ./...).
//
// Run "conclint help" for the list of analyzers and "conclint help NAME" for
// one analyzer's documentation and flags.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint/analyzers"
)

func main() {
	multichecker.Main(analyzers.All()...)
}
