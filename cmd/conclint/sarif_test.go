package main

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers"
	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/fixture"
)

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// compiledSchema compiles testdata/sarif/sarif-schema-2.1.0.json, the OASIS
// schema, with format assertions on (uri, uri-reference, date-time...).
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join(fixture.Dir(t), "sarif", "sarif-schema-2.1.0.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		if schemaErr = c.AddResource(url, doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(url)
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	return schema
}

// validate reports whether data is a valid SARIF 2.1.0 log.
func validate(t *testing.T, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return compiledSchema(t).Validate(v)
}

// validSARIF fails the test unless data validates, and decodes it.
func validSARIF(t *testing.T, data []byte) *sarifLog {
	t.Helper()
	if err := validate(t, data); err != nil {
		t.Fatalf("SARIF output does not validate against the SARIF 2.1.0 schema: %v\n%s", err, data)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("want 1 run, got %d", len(log.Runs))
	}
	return &log
}

func TestSARIFDemo(t *testing.T) {
	t.Parallel()
	r := conclint(t, "-format=sarif", "./testdata/demo")
	if r.code != 3 {
		t.Fatalf("want exit 3 (findings), got %v", r)
	}
	log := validSARIF(t, []byte(r.stdout))
	run := log.Runs[0]

	// One rule per analyzer, in suite order, with its title and URL.
	all := analyzers.All()
	if len(run.Tool.Driver.Rules) != len(all) {
		t.Fatalf("want %d rules, got %d", len(all), len(run.Tool.Driver.Rules))
	}
	for i, a := range all {
		rule := run.Tool.Driver.Rules[i]
		if rule.ID != a.Name || rule.ShortDescription.Text != analyzerdoc.Title(a.Doc) || rule.HelpURI != a.URL || rule.HelpURI == "" {
			t.Errorf("rule %d = %+v; want id %s, title %q, helpUri %s", i, rule, a.Name, analyzerdoc.Title(a.Doc), a.URL)
		}
	}
	if inv := run.Invocations[0]; !inv.ExecutionSuccessful || inv.ExitCode != 3 {
		t.Errorf("invocation %+v: want successful, exit code 3", inv)
	}

	// The same findings as multichecker's -json, at the same places.
	var got []jsonFinding
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result of %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != srcRoot || !strings.HasPrefix(loc.ArtifactLocation.URI, "testdata/demo/") {
			t.Errorf("result location %+v: want a path under testdata/demo relative to %s", loc.ArtifactLocation, srcRoot)
		}
		got = append(got, jsonFinding{res.RuleID, loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, res.Message.Text})
	}
	want := jsonFindings(t)
	if got = sortedUnique(got); !slices.Equal(got, want) {
		t.Errorf("SARIF results differ from -json:\n got %v\nwant %v", got, want)
	}
	for _, name := range expectedDemo(t) {
		if !slices.ContainsFunc(run.Results, func(r sarifResult) bool { return r.RuleID == name }) {
			t.Errorf("no %s result in the demo's SARIF", name)
		}
	}
}

// synthetic returns results with the parts the demo may lack: a non-ASCII
// line, related locations, suggested fixes (a replacement and an insertion),
// a file outside the base directory, a diagnostic without End, and an error.
func synthetic(t *testing.T) (*results, string) {
	base := t.TempDir()
	src := "package p\n\nvar s = \"h\u00e9llo \U0001F600\"; var x = 1\n"
	name := filepath.Join(base, "p.go")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tf := fset.AddFile(name, -1, len(src))
	tf.SetLinesForContent([]byte(src))
	at := func(s string) token.Pos { return tf.Pos(strings.Index(src, s)) }
	other := fset.AddFile("/elsewhere/q.go", -1, 100)
	other.SetLines([]int{0, 50})

	a := &analysis.Analyzer{Name: "demo", Doc: "report demo things\n\nLonger text.\n\nBad:\n\n\tx()", URL: "https://example.com/demo"}
	b := &analysis.Analyzer{Name: "other", Doc: "report other things"}
	res := &results{
		analyzers: []*analysis.Analyzer{a, b},
		findings: []finding{{
			analyzer: a, fset: fset, posn: fset.Position(at("x = 1")),
			diag: analysis.Diagnostic{
				Pos: at("x = 1"), End: at("x = 1") + 1, Category: "cat",
				Message: "x: 100% wrong,\nreally: yes",
				Related: []analysis.RelatedInformation{{Pos: at("s ="), End: at("s =") + 1, Message: "s is here"}, {Pos: at("var s")}},
				SuggestedFixes: []analysis.SuggestedFix{
					{Message: "Use 2", TextEdits: []analysis.TextEdit{{Pos: at("1\n"), End: at("1\n") + 1, NewText: []byte("2")}}},
					{Message: "Add a comment", TextEdits: []analysis.TextEdit{{Pos: at("var s"), NewText: []byte("// c\n")}}},
					{Message: "Nothing to do"},
				},
			},
		}, {
			analyzer: b, fset: fset, posn: fset.Position(other.Pos(60)),
			diag: analysis.Diagnostic{Pos: other.Pos(60), Message: "elsewhere"},
		}},
		errors: []string{"p.go:1:1: something went wrong"},
	}
	return res, base
}

func TestSARIFSynthetic(t *testing.T) {
	t.Parallel()
	res, base := synthetic(t)
	var buf bytes.Buffer
	if err := newSARIFWriter(base).write(&buf, res, false); err != nil {
		t.Fatal(err)
	}
	log := validSARIF(t, buf.Bytes())
	run := log.Runs[0]

	if inv := run.Invocations[0]; inv.ExecutionSuccessful || inv.ExitCode != 1 || len(inv.ToolExecutionNotifications) != 1 {
		t.Errorf("invocation %+v: want unsuccessful, exit 1, one notification", inv)
	}
	if rule := run.Tool.Driver.Rules[0]; rule.FullDescription == nil || rule.FullDescription.Text != "Longer text." || rule.Help == nil || !strings.Contains(rule.Help.Markdown, "[Documentation](https://example.com/demo)") {
		t.Errorf("rule %+v: want fullDescription and help with the doc link", rule)
	}
	if rule := run.Tool.Driver.Rules[1]; rule.FullDescription != nil || rule.Help != nil || rule.HelpURI != "" {
		t.Errorf("rule %+v: a title-only doc without URL has no description, help or helpUri", rule)
	}

	r := run.Results[0]
	// In `var s = "héllo 😀"; var x = 1` x is at byte column 28 but at
	// UTF-16 column 25: é is 2 bytes and 1 unit, 😀 4 bytes and 2 units.
	wantRegion := sarifRegion{StartLine: 3, StartColumn: 25, EndLine: 3, EndColumn: 26}
	if loc := r.Locations[0].PhysicalLocation; loc.Region != wantRegion || loc.ArtifactLocation != (sarifArtifactLoc{URI: "p.go", URIBaseID: srcRoot}) {
		t.Errorf("location %+v, want p.go %+v", loc, wantRegion)
	}
	if len(r.RelatedLocations) != 2 || r.RelatedLocations[0].Message.Text != "s is here" || r.RelatedLocations[1].Message != nil {
		t.Errorf("related locations %+v", r.RelatedLocations)
	}
	if len(r.Fixes) != 2 {
		t.Fatalf("want 2 fixes (the one without edits left out), got %+v", r.Fixes)
	}
	repl := r.Fixes[0].ArtifactChanges[0].Replacements[0]
	if repl.DeletedRegion != (sarifRegion{StartLine: 3, StartColumn: 29, EndLine: 3, EndColumn: 30}) || repl.InsertedContent.Text != "2" {
		t.Errorf("replacement %+v", repl)
	}
	ins := r.Fixes[1].ArtifactChanges[0].Replacements[0]
	if ins.DeletedRegion != (sarifRegion{StartLine: 3, StartColumn: 1, EndLine: 3, EndColumn: 1}) || ins.InsertedContent.Text != "// c\n" {
		t.Errorf("insertion %+v", ins)
	}
	if r.Properties == nil || r.Properties.Category != "cat" {
		t.Errorf("properties %+v: want category", r.Properties)
	}

	r = run.Results[1]
	if loc := r.Locations[0].PhysicalLocation; loc.ArtifactLocation.URI != "file:///elsewhere/q.go" || loc.ArtifactLocation.URIBaseID != "" || loc.Region != (sarifRegion{StartLine: 2, StartColumn: 11}) {
		t.Errorf("location outside the base: %+v", loc)
	}
}

// TestSARIFSchemaRejects makes sure the validator is not vacuous: small
// breakages of a valid log must fail.
func TestSARIFSchemaRejects(t *testing.T) {
	t.Parallel()
	res, base := synthetic(t)
	var buf bytes.Buffer
	if err := newSARIFWriter(base).write(&buf, res, true); err != nil {
		t.Fatal(err)
	}
	if err := validate(t, buf.Bytes()); err != nil {
		t.Fatalf("the unbroken log must validate: %v", err)
	}
	breaks := map[string]func(run map[string]any){
		"startLine 0": func(run map[string]any) {
			runResults(run)[0]["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
		"result without message": func(run map[string]any) { delete(runResults(run)[0], "message") },
		"unknown level":          func(run map[string]any) { runResults(run)[0]["level"] = "severe" },
		"columnKind bytes":       func(run map[string]any) { run["columnKind"] = "bytes" },
		"driver without name": func(run map[string]any) {
			delete(run["tool"].(map[string]any)["driver"].(map[string]any), "name")
		},
		"fix without changes": func(run map[string]any) {
			runResults(run)[0]["fixes"].([]any)[0].(map[string]any)["artifactChanges"] = []any{}
		},
		"unknown property": func(run map[string]any) { run["resultz"] = []any{} },
	}
	for name, brk := range breaks {
		var log map[string]any
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		brk(log["runs"].([]any)[0].(map[string]any))
		data, err := json.Marshal(log)
		if err != nil {
			t.Fatal(err)
		}
		if validate(t, data) == nil {
			t.Errorf("%s: broken log validates", name)
		}
	}
}

func runResults(run map[string]any) []map[string]any {
	var out []map[string]any
	for _, r := range run["results"].([]any) {
		out = append(out, r.(map[string]any))
	}
	return out
}

// TestSARIFBrokenPackage checks that a package that does not type-check
// exits 1, like the text output, with a valid log that carries the error.
func TestSARIFBrokenPackage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":    "module example.com/broken\n\ngo 1.26\n",
		"broken.go": "package broken\n\nfunc f() int { return \"not an int\" }\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := runIn(t, dir, conclintBin(t), "./...")
	r := runIn(t, dir, conclintBin(t), "-format=sarif", "./...")
	if text.code != 1 || r.code != 1 {
		t.Fatalf("want exit 1 from both text and sarif, got\n%v\n---\n%v", text, r)
	}
	log := validSARIF(t, []byte(r.stdout))
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || inv.ExitCode != 1 || len(inv.ToolExecutionNotifications) == 0 ||
		!strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "broken.go:3") {
		t.Errorf("invocation %+v: want unsuccessful, exit 1, and the type error", inv)
	}
	if !strings.Contains(r.stderr, "broken.go:3") {
		t.Errorf("the type error must also go to stderr:\n%v", r)
	}
}
