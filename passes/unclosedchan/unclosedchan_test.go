package unclosedchan_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/unclosedchan"
)

func TestUnclosedchan(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, unclosedchan.Analyzer, "unclosedchan/...")
	analysistest.RunWithSuggestedFixes(t, dir, unclosedchan.Analyzer, "unclosedchan/fix")
}
