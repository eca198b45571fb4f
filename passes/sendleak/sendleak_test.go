package sendleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/passes/sendleak"
)

func TestSendleak(t *testing.T) {
	dir := fixture.Dir(t)
	analysistest.Run(t, dir, sendleak.Analyzer, "sendleak/...")
	analysistest.RunWithSuggestedFixes(t, dir, sendleak.Analyzer, "sendleak/fix")
}
