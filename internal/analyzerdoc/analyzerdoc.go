// Package analyzerdoc extracts an analyzer's documentation from the package
// comment of its doc.go, so that the same text serves pkg.go.dev, `conclint
// help NAME` and the README.
//
// A doc.go holds one section per analyzer:
//
//	// # Analyzer wgadd
//	//
//	// wgadd: report WaitGroup.Add calls that race with Wait
//	//
//	// Full description, Bad:, Good:, Not reported:, Related: ...
//	//
//	// # Category inside
//	//
//	// Sub-kinds of the finding get their own headings; they stay part of
//	// the section, which runs to the next "# Analyzer" heading.
//	package wgadd
//
// Unlike x/tools' internal helper, a section is not cut at the first
// heading, so analyzers can document each Category under its own heading.
package analyzerdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract is like [Extract] but panics on error. It is meant for
// package initialisation, where a malformed doc.go is a programming error.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(fmt.Sprintf("analyzerdoc: %s: %v", name, err))
	}
	return doc
}

// Extract returns the section "# Analyzer NAME" of the package comment in
// content (the source of a doc.go file) without the leading "NAME: ", as
// analysis.Analyzer.Doc expects: its first paragraph is the title.
func Extract(content, name string) (string, error) {
	if content == "" {
		return "", fmt.Errorf("empty Go source file")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("not a Go source file: %v", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("no package doc comment")
	}
	text := "\n" + f.Doc.Text()
	const heading = "\n# Analyzer "
	for section := range strings.SplitSeq(text, heading) {
		body, ok := strings.CutPrefix(section, name)
		if !ok || body == "" || (body[0] != '\n' && body[0] != '\r') {
			continue
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, name+":")
		if !ok {
			return "", fmt.Errorf("heading 'Analyzer %s' is not followed by a '%s: title' line", name, name)
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("package doc comment has no 'Analyzer %s' heading", name)
}

// Title returns the first paragraph of an analyzer's Doc: its one-line title.
func Title(doc string) string {
	title, _, _ := strings.Cut(doc, "\n\n")
	return strings.TrimSpace(title)
}
