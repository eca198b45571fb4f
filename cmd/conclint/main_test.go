package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/conclint/conclint/internal/fixture"
)

// The tests build the conclint binary once and run it as users do, from the
// repository root, on ./testdata/demo.

var (
	buildOnce sync.Once
	binPath   string
	binErr    error
	binDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// conclintBin returns the path of a conclint binary built from this tree.
func conclintBin(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "conclint-test-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "conclint")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type runResult struct {
	stdout, stderr string
	code           int
}

// conclint runs the binary in the repository root with args.
func conclint(t *testing.T, args ...string) runResult {
	t.Helper()
	return runIn(t, fixture.Root(t), conclintBin(t), args...)
}

func runIn(t *testing.T, dir, prog string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	// Paths are relative to $GITHUB_WORKSPACE when it is set: keep the
	// tests independent of where they run.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GITHUB_WORKSPACE=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %v: %v", prog, args, err)
	}
	return runResult{stdout.String(), stderr.String(), code}
}

func (r runResult) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// A jsonFinding is one diagnostic of multichecker's -json output, the
// reference that -format=sarif and -format=github must agree with.
type jsonFinding struct {
	analyzer, file string
	line, col      int
	message        string
}

var (
	demoOnce sync.Once
	demoJSON []jsonFinding
)

// jsonFindings runs conclint -json on the demo, once, and flattens its
// output.
func jsonFindings(t *testing.T) []jsonFinding {
	t.Helper()
	demoOnce.Do(func() { demoJSON = loadJSONFindings(t) })
	if demoJSON == nil {
		t.Fatal("conclint -json on the demo failed")
	}
	return demoJSON
}

func loadJSONFindings(t *testing.T) []jsonFinding {
	t.Helper()
	r := conclint(t, "-json", "./testdata/demo")
	if r.code != 0 {
		t.Errorf("conclint -json: %v", r)
		return nil
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Errorf("conclint -json output: %v\n%s", err, r.stdout)
		return nil
	}
	root := fixture.Root(t)
	out := []jsonFinding{}
	for _, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if json.Unmarshal(raw, &diags) != nil {
				continue // {"error": ...}
			}
			for _, d := range diags {
				var f jsonFinding
				f.analyzer, f.message = name, d.Message
				file, lc, _ := strings.Cut(d.Posn, ".go:")
				if _, err := fmt.Sscanf(lc, "%d:%d", &f.line, &f.col); err != nil {
					t.Errorf("posn %q: %v", d.Posn, err)
					return nil
				}
				rel, _ := filepath.Rel(root, file+".go")
				f.file = filepath.ToSlash(rel)
				out = append(out, f)
			}
		}
	}
	return sortedUnique(out)
}

func sortedUnique(fs []jsonFinding) []jsonFinding {
	slices.SortFunc(fs, func(a, b jsonFinding) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
	return slices.Compact(fs)
}

// expectedDemo returns the analyzers whose finding the demo must show
// (testdata/demo/EXPECTED, kept by the lead), at least deferloop.
func expectedDemo(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join(fixture.Root(t), "testdata", "demo", "EXPECTED"))
	if err != nil {
		return []string{"deferloop"}
	}
	var names []string
	for line := range strings.Lines(string(data)) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	return names
}

func TestTextAndJSONAreMultichecker(t *testing.T) {
	t.Parallel()
	plain := conclint(t, "./testdata/demo")
	if plain.code != 3 {
		t.Fatalf("conclint ./testdata/demo: want exit 3, got %v", plain)
	}
	text := conclint(t, "-format=text", "./testdata/demo")
	if text != plain {
		t.Errorf("-format=text differs from the default:\n%v\n---\n%v", text, plain)
	}
	j1 := conclint(t, "-json", "./testdata/demo")
	j2 := conclint(t, "-format=json", "./testdata/demo")
	if j1 != j2 || j1.code != 0 {
		t.Errorf("-format=json differs from -json (which exits 0):\n%v\n---\n%v", j2, j1)
	}
}

func TestCommandLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args   []string
		code   int
		stdout string // substring, if not empty
		stderr string
	}{
		{args: []string{"help"}, stdout: "-format format\n    \toutput format: text (the default), json (the same as -json), sarif or github"},
		{args: []string{"help", "deferloop"}, stdout: "deferloop: "},
		{args: []string{"-format=sarif", "help", "deferloop"}, stdout: "deferloop: "},
		{args: []string{"-flags"}, stdout: `"Name": "format"`},
		{args: []string{"-format=github", "-flags"}, stdout: `"Name": "deferloop.all"`},
		{args: []string{"-V=full"}, stdout: " version "},
		{args: []string{"-format=xml", "./testdata/demo"}, code: 2, stderr: `invalid value "xml" for flag -format: want one of text, json, sarif, github`},
		{args: []string{"-format=github", "-nosuchflag", "./testdata/demo"}, code: 2, stderr: "flag provided but not defined: -nosuchflag"},
		{args: []string{"-format=sarif"}, code: 1, stderr: "Usage: conclint [-flag] [package]"},
		{args: []string{"-format=sarif", "-fix", "./testdata/demo"}, code: 1, stderr: "-format=sarif cannot be combined with -fix"},
		{args: []string{"-format=github", "-json", "./testdata/demo"}, code: 1, stderr: "-format=github cannot be combined with -json"},
		{args: []string{"-format=sarif", "x.cfg"}, code: 1, stderr: "-format=sarif does not work under go vet"},
		{args: []string{"-format=github", "./testdata/nosuchdir"}, code: 1},
		{args: []string{"./testdata/nosuchdir"}, code: 1},
		{args: []string{"-format=github", "./internal/fixture"}, code: 0},
		{args: []string{"-format=github", "-deferloop", "./testdata/demo"}, code: 3, stdout: "title=deferloop::"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			r := conclint(t, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("want exit %d, stdout containing %q, stderr containing %q; got %v", tt.code, tt.stdout, tt.stderr, r)
			}
		})
	}
}

// TestSelection checks that -NAME and -NAME=false choose analyzers in
// -format=github and sarif as they do in multichecker.
func TestSelection(t *testing.T) {
	t.Parallel()
	off := conclint(t, "-format=github", "-deferloop=false", "./testdata/demo")
	if strings.Contains(off.stdout, "title=deferloop::") {
		t.Errorf("-deferloop=false still reports deferloop:\n%v", off)
	}
	only := conclint(t, "-format=sarif", "-deferloop", "./testdata/demo")
	log := validSARIF(t, []byte(only.stdout))
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != 1 || rules[0].ID != "deferloop" {
		t.Errorf("-deferloop: want the one rule deferloop, got %+v", rules)
	}
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "deferloop" {
			t.Errorf("-deferloop: result of %s", r.RuleID)
		}
	}
}

func TestVetTool(t *testing.T) {
	t.Parallel()
	bin := conclintBin(t)
	root := fixture.Root(t)
	r := runIn(t, root, "go", "vet", "-vettool="+bin, "./testdata/demo")
	if r.code == 0 || !strings.Contains(r.stderr, "testdata/demo/deferloop.go:") {
		t.Errorf("go vet -vettool: want the deferloop finding and a failure, got %v", r)
	}
	r = runIn(t, root, "go", "vet", "-vettool="+bin, "-format=sarif", "./testdata/demo")
	if r.code == 0 || !strings.Contains(r.stderr, "-format=sarif does not work under go vet") {
		t.Errorf("go vet -vettool -format=sarif: want a clear error, got %v", r)
	}
}
