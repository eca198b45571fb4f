package ctxignore_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/ctxignore"
)

func TestCtxignore(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, ctxignore.Analyzer, "ctxignore", "ctxignore/kv", "ctxignore/testutil")
	analysistest.RunWithSuggestedFixes(t, dir, ctxignore.Analyzer, "ctxignore/fix")
}

// TestTests checks -ctxignore.tests: test files and test-support packages
// are reported.
func TestTests(t *testing.T) {
	cfg := ctxignore.DefaultConfig()
	cfg.Tests = true
	analysistest.Run(t, fixture.Dir(t), ctxignore.New(cfg), "ctxignore/testfiles")
}

// TestMinSleep checks -ctxignore.min-sleep.
func TestMinSleep(t *testing.T) {
	cfg := ctxignore.DefaultConfig()
	cfg.MinSleep = "1h"
	analysistest.Run(t, fixture.Dir(t), ctxignore.New(cfg), "ctxignore/minsleep")
}

// TestGoVersion runs on a module at go1.21 with a go1.20 file: only the
// go1.21 file's message offers context.WithoutCancel.
func TestGoVersion(t *testing.T) {
	analysistest.Run(t, filepath.Join(fixture.Dir(t), "mod", "ctxignore"), ctxignore.Analyzer, "./...")
}
