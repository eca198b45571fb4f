package ignore

import (
	"go/ast"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text     string
		isDir    bool
		fileWide bool
		names    []string
		reason   string
	}{
		{"// ordinary comment", false, false, nil, ""},
		{"//conclint:ignored deferloop x", false, false, nil, ""},
		{"//conclint:ignore deferloop bounded by caller", true, false, []string{"deferloop"}, "bounded by caller"},
		{"//conclint:ignore deferloop,wgadd  two  spaces", true, false, []string{"deferloop", "wgadd"}, "two spaces"},
		{"//conclint:ignore deferloop", true, false, []string{"deferloop"}, ""},
		{"//conclint:ignore deferloop // trailing comment", true, false, []string{"deferloop"}, ""},
		{"//conclint:ignore", true, false, nil, ""},
		{"//conclint:file-ignore loopgo fixed pool upstream", true, true, []string{"loopgo"}, "fixed pool upstream"},
	} {
		d := parse(&ast.Comment{Text: tc.text})
		if (d != nil) != tc.isDir {
			t.Errorf("%q: directive = %v, want %v", tc.text, d != nil, tc.isDir)
			continue
		}
		if d == nil {
			continue
		}
		if d.FileWide != tc.fileWide || !slices.Equal(d.Names, tc.names) || d.Reason != tc.reason {
			t.Errorf("%q: got %+v", tc.text, d)
		}
	}
}

func TestValid(t *testing.T) {
	if !(&Directive{Names: []string{"wgadd"}, Reason: "r"}).Valid() {
		t.Error("known name with reason should be valid")
	}
	if (&Directive{Names: []string{"wgadd"}}).Valid() {
		t.Error("directive without reason should be invalid")
	}
	if (&Directive{Names: []string{"wgad"}, Reason: "r"}).Valid() {
		t.Error("unknown name should be invalid")
	}
}

func TestNearest(t *testing.T) {
	for in, want := range map[string]string{
		"wgad":        "wgadd",
		"deferlop":    "deferloop",
		"ctx-ignore":  "ctxignore",
		"unclosedch":  "unclosedchan",
		"busy-select": "busyselect",
	} {
		if got := nearest(in); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
