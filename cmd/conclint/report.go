package main

import (
	"bufio"
	"cmp"
	"fmt"
	"go/token"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A finding is one diagnostic of a root package, with its analyzer and the
// file set that resolves its positions.
type finding struct {
	analyzer *analysis.Analyzer
	fset     *token.FileSet
	diag     analysis.Diagnostic
	posn     token.Position // diag.Pos, resolved
}

// results is what a run found, ready to be written in any format.
type results struct {
	analyzers []*analysis.Analyzer // the analyzers that ran, in suite order
	findings  []finding            // deduplicated, sorted by position
	errors    []string             // package load and analyzer errors
}

// run loads the packages, analyzes them, writes the results to stdout in
// o.format and returns the exit code: 0 clean, 3 findings, 1 error.
func (o *reportOptions) run() int {
	if o.vetConfig {
		log.Printf("-format=%s does not work under go vet; run conclint -format=%s PACKAGES directly", o.format, o.format)
		return 1
	}
	if o.conflict != "" {
		log.Printf("-format=%s cannot be combined with %s", o.format, o.conflict)
		return 1
	}
	stop, err := o.startProfiles()
	if err != nil {
		log.Print(err)
		return 1
	}
	defer stop()

	res, code := o.analyze()
	w := bufio.NewWriter(os.Stdout)
	switch o.format {
	case "sarif":
		err = writeSARIF(w, res, code != 1)
	case "github":
		err = writeGitHub(w, res)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		log.Print(err)
		return 1
	}
	return code
}

// analyze is multichecker's checker.Run up to the printing of results: the
// same loading, the same error handling and the same exit codes.
func (o *reportOptions) analyze() (*results, int) {
	res := &results{analyzers: o.analyzers}
	fail := func(format string, args ...any) (*results, int) {
		msg := fmt.Sprintf(format, args...)
		log.Print(msg)
		res.errors = append(res.errors, msg)
		return res, 1
	}

	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(o.analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	initial, err := packages.Load(&packages.Config{Mode: mode, Tests: o.test}, o.patterns...)
	if err != nil {
		return fail("%v", err)
	}
	if len(initial) == 0 {
		return fail("%s matched no packages", strings.Join(o.patterns, " "))
	}

	code := 0
	// Print package and module errors, like packages.PrintErrors, and keep
	// them for the SARIF invocation.
	seenMod := make(map[*packages.Module]bool)
	packages.Visit(initial, nil, func(pkg *packages.Package) {
		if m := pkg.Module; m != nil && m.Error != nil && !seenMod[m] {
			seenMod[m] = true
			fmt.Fprintln(os.Stderr, m.Error.Err)
			res.errors = append(res.errors, m.Error.Err)
		}
		for _, e := range pkg.Errors {
			fmt.Fprintln(os.Stderr, e)
			res.errors = append(res.errors, e.Error())
		}
	})
	if len(res.errors) > 0 {
		code = 1
	}

	var factLog io.Writer
	if strings.Contains(o.debug, "f") {
		factLog = os.Stderr
	}
	graph, err := checker.Analyze(o.analyzers, initial, &checker.Options{
		SanityCheck: strings.Contains(o.debug, "s"),
		Sequential:  strings.Contains(o.debug, "p"),
		FactLog:     factLog,
	})
	if err != nil {
		_, c := fail("%v", err)
		return res, max(code, c)
	}

	type key struct {
		pos, end token.Position
		a        *analysis.Analyzer
		msg      string
	}
	seen := make(map[key]bool)
	for act := range graph.All() {
		if act.Err != nil {
			msg := fmt.Sprintf("%s: %v", act.Analyzer.Name, act.Err)
			fmt.Fprintln(os.Stderr, msg)
			res.errors = append(res.errors, msg)
			code = 1
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			// The same file may belong to a package and its test
			// variant: report each diagnostic once.
			k := key{fset.Position(d.Pos), fset.Position(d.End), act.Analyzer, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			res.findings = append(res.findings, finding{act.Analyzer, fset, d, k.pos})
		}
	}
	slices.SortFunc(res.findings, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.posn.Filename, b.posn.Filename),
			cmp.Compare(a.posn.Line, b.posn.Line),
			cmp.Compare(a.posn.Column, b.posn.Column),
			cmp.Compare(a.analyzer.Name, b.analyzer.Name),
			cmp.Compare(a.diag.Message, b.diag.Message))
	})
	if code == 0 && len(res.findings) > 0 {
		code = 3
	}
	return res, code
}

// needFacts reports whether any analyzer in the graph uses facts; then the
// whole program must be loaded from source.
func needFacts(as []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	q := slices.Clone(as)
	for len(q) > 0 {
		a := q[0]
		q = q[1:]
		if seen[a] {
			continue
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		q = append(q, a.Requires...)
	}
	return false
}

// startProfiles starts the -cpuprofile and -trace recordings; the returned
// function stops them and writes -memprofile.
func (o *reportOptions) startProfiles() (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, f := range slices.Backward(stops) {
			f()
		}
	}
	create := func(name string) (*os.File, error) {
		f, err := os.Create(name)
		if err != nil {
			stop()
		}
		return f, err
	}
	if o.cpuprof != "" {
		f, err := create(o.cpuprof)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			stop()
			return nil, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if o.trace != "" {
		f, err := create(o.trace)
		if err != nil {
			return nil, err
		}
		if err := trace.Start(f); err != nil {
			stop()
			return nil, err
		}
		stops = append(stops, func() { trace.Stop(); f.Close() })
	}
	if o.memprof != "" {
		f, err := create(o.memprof)
		if err != nil {
			return nil, err
		}
		stops = append(stops, func() {
			runtime.GC()
			if err := pprof.WriteHeapProfile(f); err != nil {
				log.Print(err)
			}
			f.Close()
		})
	}
	return stop, nil
}

// baseDir is the directory that output paths are relative to: the
// repository root under GitHub Actions ($GITHUB_WORKSPACE), else the
// current directory.
func baseDir() string {
	if ws := os.Getenv("GITHUB_WORKSPACE"); filepath.IsAbs(ws) {
		return filepath.Clean(ws)
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// relPath returns filename relative to base, with forward slashes, and
// whether it is inside base at all.
func relPath(base, filename string) (string, bool) {
	if base == "" || !filepath.IsAbs(filename) {
		return filepath.ToSlash(filename), !filepath.IsAbs(filename)
	}
	rel, err := filepath.Rel(base, filename)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filename), false
	}
	return filepath.ToSlash(rel), true
}

// columns converts Go's byte columns to the UTF-16 code units that SARIF
// (by default) and GitHub count, reading each file at most once.
type columns struct {
	files map[string][]byte
}

// column returns the 1-based UTF-16 column of posn, or its byte column if
// the file cannot be read or posn is adjusted by a //line directive.
func (c *columns) column(fset *token.FileSet, pos token.Pos) int {
	posn := fset.Position(pos)
	raw := fset.PositionFor(pos, false)
	if posn.Filename != raw.Filename || posn.Line != raw.Line || posn.Column != raw.Column {
		return posn.Column
	}
	if c.files == nil {
		c.files = make(map[string][]byte)
	}
	data, ok := c.files[posn.Filename]
	if !ok {
		data, _ = os.ReadFile(posn.Filename)
		c.files[posn.Filename] = data
	}
	start := posn.Offset - (posn.Column - 1)
	if start < 0 || posn.Offset > len(data) {
		return posn.Column
	}
	n := 0
	for _, r := range string(data[start:posn.Offset]) {
		n++
		if r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n + 1
}
