package main

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub writes one GitHub Actions workflow command per finding:
//
//	::warning file=PATH,line=L,col=C,title=NAME::MESSAGE
//
// PATH is relative to $GITHUB_WORKSPACE (else the current directory) when
// the file is inside it, C counts UTF-16 code units from 1, NAME is the
// analyzer. Values are escaped as the Actions runner expects: % CR LF in
// the message, and also : and , in properties.
func writeGitHub(w io.Writer, res *results) error {
	base := baseDir()
	var cols columns
	for _, f := range res.findings {
		path, _ := relPath(base, f.posn.Filename)
		_, err := fmt.Fprintf(w, "::warning file=%s,line=%d,col=%d,title=%s::%s\n",
			escapeProperty(path), f.posn.Line, cols.column(f.fset, f.diag.Pos),
			escapeProperty(f.analyzer.Name), escapeData(f.diag.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
