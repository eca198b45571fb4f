package busyselect_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/busyselect"
)

func TestBusyselect(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, busyselect.Analyzer, "busyselect/...")
	analysistest.RunWithSuggestedFixes(t, dir, busyselect.Analyzer, "busyselect/fix")
}
