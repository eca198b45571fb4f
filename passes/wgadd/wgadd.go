package wgadd

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

// Config holds wgadd's options; each is also a flag -wgadd.NAME.
type Config struct{}

// DefaultConfig returns the configuration used when no option is set.
func DefaultConfig() Config { return Config{} }

// Analyzer is wgadd with the default configuration.
var Analyzer = New(DefaultConfig())

// New returns a wgadd analyzer configured by cfg.
func New(cfg Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "wgadd",
		Doc:      analyzerdoc.MustExtract(doc, "wgadd"),
		URL:      "https://github.com/conclint/conclint#wgadd",
		Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer, ignore.Analyzer},
	}
	a.Run = func(pass *analysis.Pass) (any, error) {
		r := ignore.NewReporter(pass)
		defer r.Finish()
		return nil, nil
	}
	return a
}
