package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const findingsJSON = `{
 "example.com/a": {"deferloop": [
   {"posn": "/mod/example.com/a@v1.0.0/a.go:10:3", "message": "defer f.Close() in loop | piles up"},
   {"posn": "/mod/example.com/a@v1.0.0/a.go:2:1", "message": "second"}
 ]},
 "example.com/a [example.com/a.test]": {"deferloop": [
   {"posn": "/mod/example.com/a@v1.0.0/a.go:10:3", "message": "defer f.Close() in loop | piles up"}
 ], "wgadd": {"error": "boom"}}
}`

func TestTriageRoundTrip(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "f.json")
	if err := os.WriteFile(js, []byte(findingsJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	dirty, err := run(&out, js, dir, "/mod", []string{"deferloop", "loopgo"}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if !dirty {
		t.Error("new findings and an analysis error must make the run dirty")
	}
	for _, want := range []string{
		"ANALYSIS ERROR example.com/a [example.com/a.test]: wgadd: boom",
		"NEW     deferloop example.com/a@v1.0.0/a.go:2:1: second",
		"loopgo       findings 0",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "deferloop.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Deduplicated (package and test variant), sorted by line, bar escaped.
	if n := strings.Count(string(md), "| todo |"); n != 2 {
		t.Errorf("want 2 todo rows, got %d:\n%s", n, md)
	}
	if !strings.Contains(string(md), `defer f.Close() in loop \| piles up`) {
		t.Errorf("bar not escaped:\n%s", md)
	}
	if strings.Index(string(md), "a.go:2:1") > strings.Index(string(md), "a.go:10:3") {
		t.Errorf("rows not in position order:\n%s", md)
	}

	// Classify one row, then drop the other finding: verdict kept, one gone.
	edited := strings.Replace(string(md), "| todo | example.com/a@v1.0.0/a.go:10:3 |", "| real | example.com/a@v1.0.0/a.go:10:3 |", 1)
	edited = strings.Replace(edited, "piles up |  |", "piles up | opens one file per name |", 1)
	edited = strings.Replace(edited, "# deferloop:", "# deferloop:\n\nA note that must survive.\n\n#", 1)
	if err := os.WriteFile(filepath.Join(dir, "deferloop.md"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	one := strings.Replace(findingsJSON, `,
   {"posn": "/mod/example.com/a@v1.0.0/a.go:2:1", "message": "second"}`, "", 1)
	if err := os.WriteFile(js, []byte(one), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if _, err := run(&out, js, dir, "/mod", nil, []string{"deferloop"}, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "GONE    deferloop example.com/a@v1.0.0/a.go:2:1 [todo]: second") {
		t.Errorf("gone finding not reported:\n%s", out.String())
	}
	md, _ = os.ReadFile(filepath.Join(dir, "deferloop.md"))
	for _, want := range []string{"A note that must survive.", "| real | example.com/a@v1.0.0/a.go:10:3 |", "| opens one file per name |", "Precision: 1/1 = 100%."} {
		if !strings.Contains(string(md), want) {
			t.Errorf("deferloop.md lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "a.go:2:1") {
		t.Errorf("gone row kept:\n%s", md)
	}
	sum, _ := os.ReadFile(filepath.Join(dir, "SUMMARY.md"))
	if !strings.Contains(string(sum), "| deferloop | 1 | 1 | 0 | 0 | 0 | 1/1 = 100% |") || !strings.Contains(string(sum), "| loopgo | 0 |") {
		t.Errorf("SUMMARY.md:\n%s", sum)
	}
}

func TestSplitRow(t *testing.T) {
	got := splitRow(`| real | a.go:1:2 | x \| y | why |`)
	if len(got) != 4 || got[2] != "x | y" || got[3] != "why" {
		t.Errorf("splitRow = %q", got)
	}
}
