package deferloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/deferloop"
)

func TestDeferloop(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, deferloop.Analyzer, "deferloop")
	analysistest.RunWithSuggestedFixes(t, dir, deferloop.Analyzer, "deferloop/fix")
}

func TestAll(t *testing.T) {
	cfg := deferloop.DefaultConfig()
	cfg.All = true
	analysistest.Run(t, fixture.Dir(t), deferloop.New(cfg), "deferloop/all")
}

func TestTests(t *testing.T) {
	cfg := deferloop.DefaultConfig()
	cfg.Tests = true
	analysistest.Run(t, fixture.Dir(t), deferloop.New(cfg), "deferloop/tests")
}
