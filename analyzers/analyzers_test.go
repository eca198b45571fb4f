package analyzers_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers"
	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/fixture"
	"github.com/conclint/conclint/internal/ignore"
)

func TestSuite(t *testing.T) {
	all := analyzers.All()
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
	}
	if !slices.Equal(names, ignore.Known()) {
		t.Errorf("analyzer names %v differ from ignore.Known() %v", names, ignore.Known())
	}
	// All returns fresh analyzers: configuring one must not change another.
	again := analyzers.All()
	for i := range all {
		if all[i] == again[i] {
			t.Errorf("All() returned the same *Analyzer for %s twice", all[i].Name)
		}
	}
}

var titleRE = regexp.MustCompile(`^[a-z][A-Za-z0-9 ,./()'-]*[A-Za-z0-9)]$`)

func TestDocs(t *testing.T) {
	for _, a := range analyzers.All() {
		title := analyzerdoc.Title(a.Doc)
		if len(title) > 60 || !titleRE.MatchString(title) || strings.Contains(title, "\n") {
			t.Errorf("%s: title %q must be a lowercase verb phrase of at most 60 characters without a period", a.Name, title)
		}
		for _, section := range []string{"\nBad:\n", "\nGood:\n", "\nNot reported:", "\nRelated:"} {
			if !strings.Contains(a.Doc, section) {
				t.Errorf("%s: doc has no %q section", a.Name, strings.TrimSpace(section))
			}
		}
		if a.URL == "" {
			t.Errorf("%s: no URL", a.Name)
		}
	}
}

// TestReadmeTable checks that the README's table of analyzers lists exactly
// the suite's analyzers, in order, with their titles.
func TestReadmeTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixture.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| \\[`([a-z]+)`\\]\\(#[a-z]+\\) \\| ([^|]+) \\|")
	var got [][2]string
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		got = append(got, [2]string{m[1], strings.TrimSpace(m[2])})
	}
	var want [][2]string
	for _, a := range analyzers.All() {
		want = append(want, [2]string{a.Name, analyzerdoc.Title(a.Doc)})
	}
	if !slices.Equal(got, want) {
		t.Errorf("README table rows (name, title):\n got %q\nwant %q", got, want)
	}
	for _, a := range analyzers.All() {
		if !strings.Contains(string(data), "\n### "+a.Name+"\n") {
			t.Errorf("README has no section \"### %s\" (the analyzers' URL anchor)", a.Name)
		}
	}
}

func TestFromSettingsStrict(t *testing.T) {
	for _, e := range analyzers.Entries() {
		if _, err := e.FromSettings(map[string]any{"no-such-option": true}); err == nil || !strings.Contains(err.Error(), "no-such-option") {
			t.Errorf("%s: unknown setting accepted or not named: %v", e.Name, err)
		}
		if _, err := e.FromSettings(nil); err != nil {
			t.Errorf("%s: nil settings: %v", e.Name, err)
		}
	}
	e := analyzers.Entries()[0]
	a, err := e.FromSettings(map[string]any{"all": true})
	if err != nil {
		t.Fatal(err)
	}
	if f := a.Flags.Lookup("all"); f == nil || f.Value.String() != "true" {
		t.Errorf("deferloop all setting not applied: %v", f)
	}
}
