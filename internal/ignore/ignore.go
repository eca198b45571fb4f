// Package ignore implements conclint's suppression directives inside the
// analyzers themselves, so that they are honoured under every driver: the
// conclint binary, go vet -vettool, golangci-lint and gopls-style drivers.
//
//	//conclint:ignore NAME[,NAME...] reason   on the reported line or the line before
//	//conclint:file-ignore NAME[,NAME...] reason   anywhere in the file
//
// The reason is required. A directive without one, or naming an analyzer that
// does not exist, suppresses nothing and is itself reported; so is a directive
// that suppressed nothing (it has gone stale). Findings in generated files
// ("// Code generated ... DO NOT EDIT.") are never reported.
//
// golangci-lint's //nolint:NAME is golangci-lint's own and is not parsed here.
//
// An analyzer requires [Analyzer] and reports through a [Reporter]:
//
//	r := ignore.NewReporter(pass)
//	defer r.Finish()
//	r.Report(analysis.Diagnostic{...})
package ignore

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Known returns the names of conclint's analyzers, in suite order. A test in
// package analyzers keeps it equal to the names of analyzers.All().
func Known() []string {
	return []string{"deferloop", "wgadd", "busyselect", "loopgo", "unclosedchan", "ctxignore", "sendleak"}
}

func known(name string) bool { return slices.Contains(Known(), name) }

// Analyzer parses the directives of a package's files once; every conclint
// analyzer requires it and reads its *Index through a Reporter.
var Analyzer = &analysis.Analyzer{
	Name:             "conclintignore",
	Doc:              "parse //conclint:ignore and //conclint:file-ignore directives and find generated files",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Index](),
}

// A Directive is one //conclint:ignore or //conclint:file-ignore comment.
type Directive struct {
	Pos      token.Pos
	End      token.Pos
	FileWide bool
	Names    []string // analyzer names, as written
	Reason   string
	Line     int // line of the comment in its file (unadjusted by //line)
}

// Valid reports whether the directive has a reason and names only known analyzers.
func (d *Directive) Valid() bool {
	if d.Reason == "" || len(d.Names) == 0 {
		return false
	}
	for _, n := range d.Names {
		if !known(n) {
			return false
		}
	}
	return true
}

func (d *Directive) names(name string) bool { return slices.Contains(d.Names, name) }

type fileInfo struct {
	generated  bool
	directives []*Directive
}

// Index is the per-package result of Analyzer: directives by file.
type Index struct {
	files map[*token.File]*fileInfo
}

const (
	linePrefix = "//conclint:ignore"
	filePrefix = "//conclint:file-ignore"
)

func run(pass *analysis.Pass) (any, error) {
	idx := &Index{files: make(map[*token.File]*fileInfo, len(pass.Files))}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		fi := &fileInfo{generated: ast.IsGenerated(f)}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if d := parse(c); d != nil {
					d.Line = tf.PositionFor(c.Slash, false).Line
					fi.directives = append(fi.directives, d)
				}
			}
		}
		idx.files[tf] = fi
	}
	return idx, nil
}

// parse returns the directive in c, or nil if c is not one.
func parse(c *ast.Comment) *Directive {
	var rest string
	d := &Directive{Pos: c.Slash, End: c.End()}
	switch {
	case strings.HasPrefix(c.Text, filePrefix):
		rest = c.Text[len(filePrefix):]
		d.FileWide = true
	case strings.HasPrefix(c.Text, linePrefix):
		rest = c.Text[len(linePrefix):]
	default:
		return nil
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil // e.g. //conclint:ignored, not ours
	}
	// As with //go: directives, a trailing "// ..." is a comment on the
	// directive, not part of it (analysistest's "// want" lives there too).
	if i := strings.Index(rest, "//"); i >= 0 {
		rest = rest[:i]
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return d
	}
	for n := range strings.SplitSeq(fields[0], ",") {
		if n = strings.TrimSpace(n); n != "" {
			d.Names = append(d.Names, n)
		}
	}
	d.Reason = strings.Join(fields[1:], " ")
	return d
}

// A Reporter reports one analyzer's diagnostics for one pass, dropping those
// in generated files or covered by a valid directive naming the analyzer.
// Finish reports the directives naming the analyzer that are malformed or
// that suppressed nothing.
type Reporter struct {
	pass *analysis.Pass
	name string
	idx  *Index
	used map[*Directive]bool
}

// NewReporter returns a Reporter for pass, whose analyzer must require Analyzer.
func NewReporter(pass *analysis.Pass) *Reporter {
	idx, _ := pass.ResultOf[Analyzer].(*Index)
	if idx == nil {
		idx = &Index{}
	}
	return &Reporter{pass: pass, name: pass.Analyzer.Name, idx: idx, used: make(map[*Directive]bool)}
}

// Report reports d unless it is suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Suppressed(d.Pos) {
		return
	}
	if d.Category != "" && d.URL == "" && r.pass.Analyzer.URL != "" {
		d.URL = r.pass.Analyzer.URL
	}
	r.pass.Report(d)
}

// Reportf is the Reporter's analogue of pass.Reportf.
func (r *Reporter) Reportf(pos token.Pos, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// Suppressed reports whether a finding of this analyzer at pos would be
// dropped, and marks the directive that drops it as used. Analyzers may call
// it before expensive work for a candidate.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	tf := r.pass.Fset.File(pos)
	fi := r.idx.files[tf]
	if fi == nil {
		return false
	}
	if fi.generated {
		return true
	}
	line := tf.PositionFor(pos, false).Line
	hit := false
	for _, d := range fi.directives {
		if !d.Valid() || !d.names(r.name) {
			continue
		}
		if d.FileWide || d.Line == line || d.Line == line-1 {
			r.used[d] = true
			hit = true
		}
	}
	return hit
}

// Finish reports this analyzer's malformed and unused directives. Each
// problem is reported by exactly one analyzer: a directive's missing reason
// and staleness by each analyzer it names, an unknown name by the known
// analyzer whose name is nearest to it.
func (r *Reporter) Finish() {
	for _, fi := range r.idx.files {
		if fi.generated {
			continue
		}
		for _, d := range fi.directives {
			r.check(d)
		}
	}
}

func (r *Reporter) check(d *Directive) {
	kind := "conclint:ignore"
	if d.FileWide {
		kind = "conclint:file-ignore"
	}
	if len(d.Names) == 0 {
		if r.name == Known()[0] {
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive",
				Message: fmt.Sprintf("%s directive names no analyzer; write //%s NAME reason", kind, kind)})
		}
		return
	}
	for _, n := range d.Names {
		if !known(n) && nearest(n) == r.name {
			r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive",
				Message: fmt.Sprintf("%s directive names unknown analyzer %q, so it suppresses nothing; did you mean %s", kind, n, r.name)})
		}
	}
	if !d.names(r.name) {
		return
	}
	switch {
	case d.Reason == "":
		r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive",
			Message: fmt.Sprintf("%s directive for %s has no reason, so it suppresses nothing; say why after the names", kind, r.name)})
	case d.Valid() && !r.used[d]:
		r.pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: "directive",
			Message: fmt.Sprintf("%s directive for %s matches no finding; remove it", kind, r.name)})
	}
}

// nearest returns the known analyzer name closest to n by edit distance,
// the first in suite order on a tie.
func nearest(n string) string {
	best, bestDist := "", -1
	for _, k := range Known() {
		if d := distance(n, k); bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
