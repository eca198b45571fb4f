package main

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/internal/analyzerdoc"
)

// The subset of SARIF 2.1.0 that conclint writes, in the order GitHub code
// scanning documents it. cmd/conclint's tests validate the output against
// the OASIS JSON schema in testdata/sarif.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	srcRoot      = "%SRCROOT%"
	infoURI      = "https://github.com/conclint/conclint"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	ShortDescription     sarifMultiformat  `json:"shortDescription"`
	FullDescription      *sarifMultiformat `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformat `json:"help,omitempty"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           *sarifRuleProps   `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags      []string `json:"tags,omitempty"`
	Precision string   `json:"precision,omitempty"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ExitCode                   int                 `json:"exitCode"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	WorkingDirectory           *sarifArtifactLoc   `json:"workingDirectory,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID           string            `json:"ruleId"`
	RuleIndex        int               `json:"ruleIndex"`
	Level            string            `json:"level"`
	Message          sarifMessage      `json:"message"`
	Locations        []sarifLocation   `json:"locations"`
	RelatedLocations []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix        `json:"fixes,omitempty"`
	Properties       *sarifResultProps `json:"properties,omitempty"`
}

type sarifResultProps struct {
	Category string `json:"category,omitempty"`
	URL      string `json:"url,omitempty"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent sarifContent `json:"insertedContent"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// writeSARIF writes res as a SARIF 2.1.0 log with one run: a rule per
// analyzer that ran (its title, doc and URL) and a result per finding with
// its region, related locations and suggested fixes.
func writeSARIF(w io.Writer, res *results, ok bool) error {
	return newSARIFWriter(baseDir()).write(w, res, ok)
}

type sarifWriter struct {
	base string // the directory of %SRCROOT%
	cols columns
}

func newSARIFWriter(base string) *sarifWriter { return &sarifWriter{base: base} }

func (s *sarifWriter) write(w io.Writer, res *results, ok bool) error {
	log := s.log(res, ok)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func (s *sarifWriter) log(res *results, ok bool) *sarifLog {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "conclint",
			Version:        version(),
			InformationURI: infoURI,
			Rules:          []sarifRule{},
		}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	inv := sarifInvocation{ExecutionSuccessful: ok, ExitCode: exitCode(res, ok)}
	if s.base != "" {
		root := sarifArtifactLoc{URI: fileURI(s.base)}
		if !strings.HasSuffix(root.URI, "/") {
			root.URI += "/" // a base URI must end with a slash
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: root}
		inv.WorkingDirectory = &root
	}
	for _, e := range res.errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifMessage{Text: e}})
	}
	run.Invocations = []sarifInvocation{inv}

	index := make(map[*analysis.Analyzer]int)
	for i, a := range res.analyzers {
		index[a] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}
	for _, f := range res.findings {
		run.Results = append(run.Results, s.result(f, index[f.analyzer]))
	}
	return &sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
}

func exitCode(res *results, ok bool) int {
	switch {
	case !ok:
		return 1
	case len(res.findings) > 0:
		return 3
	}
	return 0
}

// rule describes analyzer a: its title, the paragraph after it, its whole
// doc (Go doc comments read as Markdown: tab-indented code, # headings) and
// its README section.
func rule(a *analysis.Analyzer) sarifRule {
	title := analyzerdoc.Title(a.Doc)
	body := strings.TrimSpace(strings.TrimPrefix(a.Doc, title))
	r := sarifRule{
		ID:                   a.Name,
		ShortDescription:     sarifMultiformat{Text: title},
		HelpURI:              a.URL,
		DefaultConfiguration: sarifRuleConfig{Level: "warning"},
		Properties:           &sarifRuleProps{Tags: []string{"concurrency", "go"}, Precision: "high"},
	}
	if body != "" {
		first, _, _ := strings.Cut(body, "\n\n")
		r.FullDescription = &sarifMultiformat{Text: strings.Join(strings.Fields(first), " ")}
		md := body
		if a.URL != "" {
			md += "\n\n[Documentation](" + a.URL + ")"
		}
		r.Help = &sarifMultiformat{Text: body, Markdown: md}
	}
	return r
}

func (s *sarifWriter) result(f finding, ruleIndex int) sarifResult {
	d := f.diag
	r := sarifResult{
		RuleID:    f.analyzer.Name,
		RuleIndex: ruleIndex,
		Level:     "warning",
		Message:   sarifMessage{Text: d.Message},
		Locations: []sarifLocation{{PhysicalLocation: s.physical(f.fset, d.Pos, d.End)}},
	}
	for i, rel := range d.Related {
		loc := sarifLocation{ID: i + 1, PhysicalLocation: s.physical(f.fset, rel.Pos, rel.End)}
		if rel.Message != "" {
			loc.Message = &sarifMessage{Text: rel.Message}
		}
		r.RelatedLocations = append(r.RelatedLocations, loc)
	}
	for _, fix := range d.SuggestedFixes {
		if sf, ok := s.fix(f.fset, fix); ok {
			r.Fixes = append(r.Fixes, sf)
		}
	}
	if d.Category != "" || d.URL != "" {
		r.Properties = &sarifResultProps{Category: d.Category, URL: d.URL}
	}
	return r
}

// fix converts a suggested fix, grouping its edits by file. A fix with no
// edits has nothing to apply and is left out.
func (s *sarifWriter) fix(fset *token.FileSet, fix analysis.SuggestedFix) (sarifFix, bool) {
	sf := sarifFix{Description: sarifMessage{Text: fix.Message}}
	byFile := make(map[string]int)
	for _, e := range fix.TextEdits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		loc := s.artifact(fset.Position(e.Pos).Filename)
		i, ok := byFile[loc.URI]
		if !ok {
			i = len(sf.ArtifactChanges)
			byFile[loc.URI] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: loc})
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
			DeletedRegion:   s.region(fset, e.Pos, end),
			InsertedContent: sarifContent{Text: string(e.NewText)},
		})
	}
	return sf, len(sf.ArtifactChanges) > 0
}

func (s *sarifWriter) physical(fset *token.FileSet, pos, end token.Pos) sarifPhysicalLocation {
	return sarifPhysicalLocation{
		ArtifactLocation: s.artifact(fset.Position(pos).Filename),
		Region:           s.region(fset, pos, end),
	}
}

// region is the range pos-end; an end that is missing or in another file
// leaves the region at its start position. Lines and columns count from 1.
func (s *sarifWriter) region(fset *token.FileSet, pos, end token.Pos) sarifRegion {
	p := fset.Position(pos)
	r := sarifRegion{StartLine: max(p.Line, 1), StartColumn: max(s.cols.column(fset, pos), 1)}
	if end.IsValid() && end >= pos {
		if e := fset.Position(end); e.Filename == p.Filename && e.Line >= p.Line {
			r.EndLine = e.Line
			r.EndColumn = max(s.cols.column(fset, end), 1)
		}
	}
	return r
}

// artifact is the location of a file: relative to %SRCROOT% when the file
// is inside the base directory, else an absolute file URI.
func (s *sarifWriter) artifact(filename string) sarifArtifactLoc {
	if rel, ok := relPath(s.base, filename); ok {
		return sarifArtifactLoc{URI: (&url.URL{Path: rel}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLoc{URI: fileURI(filename)}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// version is conclint's module version, or "(devel)" for a build from a
// source tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
