package golangci

import (
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestWithoutRelated(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "fake",
		Doc:  "report fake things",
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Report(analysis.Diagnostic{Pos: 1, Message: "direct", Related: []analysis.RelatedInformation{{Pos: 2, Message: "there"}}})
			pass.Reportf(3, "via %s", "Reportf")
			return "result", nil
		},
	}
	w := withoutRelated(a)
	if w == a || w.Name != a.Name || w.Doc != a.Doc {
		t.Fatalf("withoutRelated must return a copy with the same name and doc")
	}
	var got []analysis.Diagnostic
	res, err := w.Run(&analysis.Pass{Analyzer: w, Report: func(d analysis.Diagnostic) { got = append(got, d) }})
	if err != nil || res != "result" {
		t.Fatalf("Run = %v, %v; want the analyzer's own result", res, err)
	}
	if len(got) != 2 || got[0].Message != "direct" || got[0].Related != nil || got[1].Message != "via Reportf" {
		t.Errorf("diagnostics %+v: want both, without related locations", got)
	}
}
