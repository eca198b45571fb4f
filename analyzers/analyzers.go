// Package analyzers is the conclint suite: the one list of analyzers that the
// conclint binary, the golangci-lint plugin and the tests all use.
package analyzers

import (
	"bytes"
	"encoding/json"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/passes/busyselect"
	"github.com/conclint/conclint/passes/ctxignore"
	"github.com/conclint/conclint/passes/deferloop"
	"github.com/conclint/conclint/passes/loopgo"
	"github.com/conclint/conclint/passes/sendleak"
	"github.com/conclint/conclint/passes/unclosedchan"
	"github.com/conclint/conclint/passes/wgadd"
)

// An Entry describes one analyzer of the suite.
type Entry struct {
	// Name is the analyzer's name, also its golangci-lint plugin name and
	// the word used in //conclint:ignore and //nolint directives.
	Name string
	// Beyond names the existing checks this analyzer goes past (README table).
	Beyond string
	// New returns a fresh analyzer with the default configuration.
	New func() *analysis.Analyzer
	// FromSettings returns a fresh analyzer configured by settings, a
	// map decoded from YAML or JSON whose keys are the analyzer's flag
	// names. Unknown keys are an error that names them.
	FromSettings func(settings any) (*analysis.Analyzer, error)
}

func entry[C any](name, beyond string, def func() C, build func(C) *analysis.Analyzer) Entry {
	return Entry{
		Name:   name,
		Beyond: beyond,
		New:    func() *analysis.Analyzer { return build(def()) },
		FromSettings: func(settings any) (*analysis.Analyzer, error) {
			cfg := def()
			if err := decodeStrict(settings, &cfg); err != nil {
				return nil, fmt.Errorf("%s settings: %w", name, err)
			}
			return build(cfg), nil
		},
	}
}

// decodeStrict decodes settings into cfg through JSON, rejecting unknown keys.
func decodeStrict(settings, cfg any) error {
	if settings == nil {
		return nil
	}
	raw, err := json.Marshal(settings)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(cfg)
}

// Entries returns the suite's entries in their stable order.
func Entries() []Entry {
	return []Entry{
		entry("deferloop", "SA9001 (channel range only), go-critic deferInLoop (every loop)", deferloop.DefaultConfig, deferloop.New),
		entry("wgadd", "vet waitgroup, SA2000 (first statement of a go func literal only)", wgadd.DefaultConfig, wgadd.New),
		entry("busyselect", "SA5004 (empty default in for {} only)", busyselect.DefaultConfig, busyselect.New),
		entry("loopgo", "none shipped (prior attempts flag every go in a loop)", loopgo.DefaultConfig, loopgo.New),
		entry("unclosedchan", "none shipped (research tools GCatch, Gomela)", unclosedchan.DefaultConfig, unclosedchan.New),
		entry("ctxignore", "noctx, contextcheck, SA1012, vet lostcancel", ctxignore.DefaultConfig, ctxignore.New),
		entry("sendleak", "none shipped (research tools GCatch BMOC, Gomela)", sendleak.DefaultConfig, sendleak.New),
	}
}

// All returns a fresh analyzer for each pass of the suite, in a stable order.
func All() []*analysis.Analyzer {
	es := Entries()
	as := make([]*analysis.Analyzer, len(es))
	for i, e := range es {
		as[i] = e.New()
	}
	return as
}
