// Command conclint runs the conclint analyzers: standalone over package
// patterns (conclint ./...), or as go vet's tool
// (go vet -vettool=$(command -v conclint) ./...).
//
// Run "conclint help" for the list of analyzers and "conclint help NAME" for
// one analyzer's documentation and flags.
//
// The -format flag selects the output of a standalone run:
//
//	-format=text    file:line:col: message on stderr (the default)
//	-format=json    the same as -json: go/analysis JSON on stdout
//	-format=sarif   a SARIF 2.1.0 log on stdout, for GitHub code scanning
//	-format=github  GitHub Actions workflow commands on stdout, one a line:
//	                ::warning file=PATH,line=L,col=C,title=NAME::MESSAGE
//
// In sarif and github output, paths are relative to $GITHUB_WORKSPACE when
// it is set, else to the current directory, and columns count UTF-16 code
// units (as GitHub and SARIF do; text and json count bytes, as go vet does).
//
// -tags=a,b analyses the files built with those build tags, in every
// format (it is added to GOFLAGS for the go command that lists packages).
//
// text and json are go/analysis' multichecker itself, with all of its flags
// and behaviour. sarif and github accept the same flags (-NAME, -NAME=false,
// -NAME.option, -test, -debug, profiles) and exit like text: 0 when there
// are no findings, 3 when there are, 1 on an error. They cannot be combined
// with -fix, -diff or -json, nor used under go vet.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/conclint/conclint/analyzers"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix(filepath.Base(os.Args[0]) + ": ")

	// sarif and github need the results as data, which multichecker keeps
	// to itself: such runs go through our own driver (report.go).
	if o := parseReportArgs(os.Args[1:]); o != nil {
		os.Exit(o.run())
	}

	// Everything else is multichecker's, including flag errors; -format
	// is registered so that it is accepted, listed by help and -flags, and
	// -format=json turns on -json.
	flag.Var(new(formatFlag), "format", formatUsage)
	multichecker.Main(analyzers.All()...)
}
