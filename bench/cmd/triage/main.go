// Command triage compares conclint's findings on the benchmark corpus with
// the stored triage in bench/triage/NAME.md, one file per analyzer, and
// prints which findings are new (not triaged yet) and which are gone (no
// longer reported), and each analyzer's precision. With -update it rewrites
// the files: new findings are added with the verdict "todo", gone ones are
// removed, changed messages are refreshed, and SUMMARY.md is regenerated.
// bench/triage/run.sh builds conclint, produces the JSON and runs this.
//
//	triage -json findings.json -dir bench/triage [-modcache DIR] [-analyzers NAME,...] [-only NAME,...] [-update] [-check]
//
// A triage file holds free text, then a generated summary, then one table
// row per finding:
//
//	| verdict | finding | message | reason |
//	|---|---|---|---|
//	| real | github.com/hashicorp/raft@v1.8.0/api.go:42:3 | defer f.Close() in loop ... | opens one file per snapshot |
//
// The verdict is one of real, false positive, unsure or todo; the finding is
// the position with the module cache prefix removed, so it is the same on
// every machine. Precision is real ÷ (real + false positive).
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	jsonFile := flag.String("json", "", "output of conclint -json on the corpus")
	dir := flag.String("dir", ".", "directory of the triage files NAME.md")
	modcache := flag.String("modcache", "", "module cache directory, removed from the start of positions (default: GOMODCACHE from the environment)")
	update := flag.Bool("update", false, "rewrite the triage files: add new findings as todo, drop gone ones, refresh SUMMARY.md")
	check := flag.Bool("check", false, "exit 1 if any finding is new or gone, or not triaged")
	only := flag.String("only", "", "comma-separated analyzer names: compare and update only these")
	all := flag.String("analyzers", "", "comma-separated names of every analyzer of the suite (conclint -json omits those without findings)")
	flag.Parse()
	if *jsonFile == "" {
		flag.Usage()
		os.Exit(2)
	}
	if *modcache == "" {
		*modcache = os.Getenv("GOMODCACHE")
	}
	var names []string
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	var suite []string
	if *all != "" {
		suite = strings.Split(*all, ",")
	}
	dirty, err := run(os.Stdout, *jsonFile, *dir, *modcache, suite, names, *update)
	if err != nil {
		fmt.Fprintln(os.Stderr, "triage:", err)
		os.Exit(1)
	}
	if *check && dirty {
		os.Exit(1)
	}
}

// A finding is one diagnostic, identified by analyzer and position.
type finding struct {
	Pos     string // file:line:col, module cache prefix removed
	Message string
}

// An entry is one row of a triage table.
type entry struct {
	Verdict, Pos, Message, Reason string
}

var verdicts = []string{"real", "false positive", "unsure", "todo"}

// jsonDiag is the part of conclint -json's diagnostics that triage reads.
type jsonDiag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// readFindings reads the JSON tree of conclint -json: package ID → analyzer →
// list of diagnostics, or {"error": ...}. It returns the findings per
// analyzer, deduplicated (a package and its test variant report the same
// ones), and the analysis errors.
func readFindings(path, modcache string) (map[string][]finding, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	// conclint -json prints one JSON object; tolerate several concatenated.
	byName := make(map[string][]finding)
	seen := make(map[string]bool)
	var errs []string
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				if _, ok := byName[name]; !ok {
					byName[name] = nil
				}
				var diags []jsonDiag
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct{ Error string }
					if json.Unmarshal(raw, &e) == nil && e.Error != "" {
						errs = append(errs, fmt.Sprintf("%s: %s: %s", pkg, name, e.Error))
						continue
					}
					return nil, nil, fmt.Errorf("%s: %s: %v", pkg, name, err)
				}
				for _, d := range diags {
					f := finding{Pos: trimCache(d.Posn, modcache), Message: d.Message}
					key := name + "\x00" + f.Pos + "\x00" + f.Message
					if !seen[key] {
						seen[key] = true
						byName[name] = append(byName[name], f)
					}
				}
			}
		}
	}
	for name := range byName {
		slices.SortFunc(byName[name], func(a, b finding) int {
			return cmp.Or(comparePos(a.Pos, b.Pos), cmp.Compare(a.Message, b.Message))
		})
	}
	slices.Sort(errs)
	return byName, errs, nil
}

func trimCache(pos, modcache string) string {
	if modcache != "" {
		if rest, ok := strings.CutPrefix(pos, filepath.Clean(modcache)+string(filepath.Separator)); ok {
			return filepath.ToSlash(rest)
		}
	}
	return filepath.ToSlash(pos)
}

// comparePos orders file:line:col positions by file, then numerically.
func comparePos(a, b string) int {
	fa, la, ca := splitPos(a)
	fb, lb, cb := splitPos(b)
	return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(la, lb), cmp.Compare(ca, cb))
}

func splitPos(p string) (file string, line, col int) {
	file = p
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		fmt.Sscan(file[i+1:], &col)
		file = file[:i]
	}
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		fmt.Sscan(file[i+1:], &line)
		file = file[:i]
	}
	return file, line, col
}

// A triageFile is NAME.md split into its parts.
type triageFile struct {
	head    string // free text before the summary
	entries []entry
}

const (
	summaryStart = "<!-- summary: generated by bench/triage/run.sh -update; edit the table, not this -->"
	summaryEnd   = "<!-- end summary -->"
	tableHeader  = "| verdict | finding | message | reason |"
	tableRule    = "|---|---|---|---|"
)

func readTriage(path, name string) (*triageFile, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return &triageFile{head: fmt.Sprintf("# %s: findings on the corpus module\n\n"+
			"Each finding of `conclint -%s` on bench/corpus, classified real, false positive or unsure,\n"+
			"with a one-line reason. Every false positive becomes a negative fixture\n"+
			"(testdata/src/%s/issueN.go) before it is fixed.\n", name, name, name)}, nil
	}
	if err != nil {
		return nil, err
	}
	tf := &triageFile{}
	var head strings.Builder
	inSummary, inTable := false, false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		switch {
		case line == summaryStart:
			inSummary = true
		case line == summaryEnd:
			inSummary = false
		case inSummary:
		case strings.TrimSpace(line) == tableHeader, strings.TrimSpace(line) == tableRule:
			inTable = true
		case inTable && strings.HasPrefix(line, "|"):
			cells := splitRow(line)
			if len(cells) != 4 || !slices.Contains(verdicts, cells[0]) {
				return nil, fmt.Errorf("%s:%d: want | verdict | finding | message | reason | with a verdict among %q", path, ln, verdicts)
			}
			tf.entries = append(tf.entries, entry{cells[0], cells[1], cells[2], cells[3]})
		case inTable:
			// The table ends at the first other line; text after it is not kept.
			inTable = false
		default:
			head.WriteString(line)
			head.WriteByte('\n')
		}
	}
	tf.head = strings.TrimRight(head.String(), "\n") + "\n"
	return tf, sc.Err()
}

// splitRow splits a markdown table row into trimmed cells; "\|" is a literal bar.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

// counts summarises one analyzer's triage.
type counts struct {
	findings, real, fp, unsure, todo int
}

func count(es []entry) counts {
	c := counts{findings: len(es)}
	for _, e := range es {
		switch e.Verdict {
		case "real":
			c.real++
		case "false positive":
			c.fp++
		case "unsure":
			c.unsure++
		default:
			c.todo++
		}
	}
	return c
}

func (c counts) precision() string {
	switch {
	case c.findings == 0:
		return "no findings"
	case c.real+c.fp == 0:
		return "–"
	}
	p := fmt.Sprintf("%d/%d = %.0f%%", c.real, c.real+c.fp, 100*float64(c.real)/float64(c.real+c.fp))
	if c.todo > 0 {
		p += " (incomplete)"
	}
	return p
}

func (c counts) String() string {
	return fmt.Sprintf("findings %d: real %d, false positive %d, unsure %d, todo %d; precision %s",
		c.findings, c.real, c.fp, c.unsure, c.todo, c.precision())
}

func run(w io.Writer, jsonFile, dir, modcache string, suite, only []string, update bool) (dirty bool, err error) {
	byName, errs, err := readFindings(jsonFile, modcache)
	if err != nil {
		return false, err
	}
	for _, name := range suite {
		if _, ok := byName[name]; !ok {
			byName[name] = nil // no findings
		}
	}
	for _, e := range errs {
		fmt.Fprintf(w, "ANALYSIS ERROR %s\n", e)
		dirty = true
	}
	// Triage files of analyzers that no longer report anything still count.
	if mds, _ := filepath.Glob(filepath.Join(dir, "*.md")); mds != nil {
		for _, md := range mds {
			name := strings.TrimSuffix(filepath.Base(md), ".md")
			if _, ok := byName[name]; !ok && name != "README" && name != "SUMMARY" {
				byName[name] = nil
			}
		}
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	slices.Sort(names)

	var summary strings.Builder
	summary.WriteString("# Triage summary\n\n")
	summary.WriteString("Generated by `bench/triage/run.sh -update` from the triage files beside it.\n")
	summary.WriteString("Precision is real ÷ (real + false positive); unsure findings count in neither.\n\n")
	summary.WriteString("| analyzer | findings | real | false positive | unsure | todo | precision |\n")
	summary.WriteString("|---|---:|---:|---:|---:|---:|---|\n")
	for _, name := range names {
		path := filepath.Join(dir, name+".md")
		tf, err := readTriage(path, name)
		if err != nil {
			return dirty, err
		}
		if len(only) > 0 && !slices.Contains(only, name) {
			// Not selected: its stored triage still counts in SUMMARY.md.
			if _, err := os.Stat(path); err == nil {
				c := count(tf.entries)
				fmt.Fprintf(&summary, "| %s | %d | %d | %d | %d | %d | %s |\n", name, c.findings, c.real, c.fp, c.unsure, c.todo, c.precision())
			}
			continue
		}
		old := make(map[string]*entry, len(tf.entries))
		for i := range tf.entries {
			old[tf.entries[i].Pos] = &tf.entries[i]
		}
		var next []entry
		var nNew, nGone, nChanged int
		current := make(map[string]bool)
		for _, f := range byName[name] {
			if current[f.Pos] {
				continue // two messages at one position: keep the first
			}
			current[f.Pos] = true
			e, ok := old[f.Pos]
			switch {
			case !ok:
				nNew++
				fmt.Fprintf(w, "NEW     %s %s: %s\n", name, f.Pos, f.Message)
				next = append(next, entry{"todo", f.Pos, f.Message, ""})
			case e.Message != f.Message:
				nChanged++
				fmt.Fprintf(w, "CHANGED %s %s: %s (was: %s)\n", name, f.Pos, f.Message, e.Message)
				next = append(next, entry{e.Verdict, f.Pos, f.Message, e.Reason})
			default:
				next = append(next, *e)
			}
		}
		for _, e := range tf.entries {
			if !current[e.Pos] {
				nGone++
				fmt.Fprintf(w, "GONE    %s %s [%s]: %s\n", name, e.Pos, e.Verdict, e.Message)
			}
		}
		c := count(next)
		fmt.Fprintf(w, "%-12s %s; new %d, gone %d, changed %d\n", name, c, nNew, nGone, nChanged)
		if nNew+nGone+nChanged > 0 || c.todo > 0 {
			dirty = true
		}
		fmt.Fprintf(&summary, "| %s | %d | %d | %d | %d | %d | %s |\n", name, c.findings, c.real, c.fp, c.unsure, c.todo, c.precision())
		if update {
			slices.SortStableFunc(next, func(a, b entry) int { return comparePos(a.Pos, b.Pos) })
			if err := writeTriage(path, tf.head, next, c); err != nil {
				return dirty, err
			}
		}
	}
	if update {
		return dirty, os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte(summary.String()), 0o644)
	}
	return dirty, nil
}

func writeTriage(path, head string, es []entry, c counts) error {
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n" + summaryStart + "\n")
	fmt.Fprintf(&b, "Findings %d: real %d, false positive %d, unsure %d, todo %d. Precision: %s.\n",
		c.findings, c.real, c.fp, c.unsure, c.todo, c.precision())
	b.WriteString(summaryEnd + "\n\n")
	if len(es) > 0 {
		b.WriteString(tableHeader + "\n" + tableRule + "\n")
		for _, e := range es {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", e.Verdict, cell(e.Pos), cell(e.Message), cell(e.Reason))
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
