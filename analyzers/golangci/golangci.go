// Package golangci registers conclint's analyzers as golangci-lint v2
// module plugins, one plugin per analyzer, so that
// `linters: enable: [wgadd]` and `//nolint:wgadd` work analyzer by analyzer.
//
// A custom golangci-lint is built with `golangci-lint custom` from a
// .custom-gcl.yml that imports this package:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/conclint/conclint
//	    import: github.com/conclint/conclint/analyzers/golangci
//	    version: latest
//
// and each analyzer is then enabled in .golangci.yml as a custom linter of
// type module (see .golangci.example.yml at the repository root). Its
// settings are the analyzer's flags, without the NAME. prefix; an unknown
// key is an error naming it.
//
// golangci-lint turns each related location of a diagnostic into an issue
// of its own ("NAME(related information): ..."), which //nolint:NAME on the
// finding's line does not silence. The plugin's analyzers therefore report
// their findings without related locations: through golangci-lint, a
// finding is one issue at its position with the same message as
// conclint's, and //nolint:NAME on that line silences all of it.
//
// The plugins are those of analyzers.Entries(): an analyzer added to the
// suite becomes a plugin with no change here.
package golangci

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers"
)

func init() {
	for _, e := range analyzers.Entries() {
		register.Plugin(e.Name, newPlugin(e))
	}
}

// newPlugin returns the constructor golangci-lint calls with the linter's
// settings (nil when it has none).
func newPlugin(e analyzers.Entry) register.NewPlugin {
	return func(settings any) (register.LinterPlugin, error) {
		a, err := e.FromSettings(settings)
		if err != nil {
			return nil, err
		}
		return plugin{withoutRelated(a)}, nil
	}
}

// withoutRelated returns a copy of a whose diagnostics carry no Related
// locations (see the package doc).
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return run(&p)
	}
	return &w
}

// plugin is one analyzer as a golangci-lint linter.
type plugin struct{ a *analysis.Analyzer }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.a}, nil
}

// GetLoadMode asks for type information: the analyzers use types, and
// some build SSA.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
