package wgadd_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/wgadd"
)

func TestWgadd(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, wgadd.Analyzer, "wgadd/...")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixture.Dir(t), wgadd.Analyzer, "wgadd/fix")
}

// TestGo125 runs on a module at go1.25, where the WaitGroup.Go rewrite is
// offered as a second fix (and not in its go1.24 file).
func TestGo125(t *testing.T) {
	dir := filepath.Join(fixture.Dir(t), "mod", "wgadd")
	analysistest.RunWithSuggestedFixes(t, dir, wgadd.Analyzer, "./...")
}
