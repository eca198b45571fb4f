package sendleak

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/ignore"
)

//go:embed doc.go
var doc string

// Config holds sendleak's options; each is also a flag -sendleak.NAME.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is sendleak with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a sendleak analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "sendleak",
		Doc:      analyzerdoc.MustExtract(doc, "sendleak"),
		URL:      "https://github.com/conclint/conclint#sendleak",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		r := ignore.NewReporter(pass)
		defer r.Finish()
		return nil, nil
	}
	return a
}
