// Command benchtable turns the raw measurements of bench/run.sh into the
// markdown tables of bench/RESULTS.md: medians (with min and max) of wall
// time, CPU time and peak RSS per row, ratios to floor-ssa and staticcheck,
// the targets, the per-analyzer breakdown and the scale series.
//
//	benchtable -dir bench/out/std-20260101T000000Z
//
// The directory holds raw.tsv and meta.tsv, and scale.tsv when the scale
// section ran; all three are written by bench/run.sh.
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("dir", ".", "directory holding raw.tsv, meta.tsv and scale.tsv")
	flag.Parse()
	if err := run(os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// A sample is one timed run.
type sample struct {
	wall, cpu float64 // seconds; cpu is user+sys of the whole process tree
	rssKiB    float64 // peak resident set of the largest process in the tree
	exit      int
}

// A row gathers the runs of one tool (label) in one section, at one param.
type row struct {
	section, label, param string
	samples               []sample
}

func (r *row) median(f func(sample) float64) float64 {
	v := make([]float64, len(r.samples))
	for i, s := range r.samples {
		v[i] = f(s)
	}
	slices.Sort(v)
	n := len(v)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func (r *row) minmax(f func(sample) float64) (lo, hi float64) {
	for i, s := range r.samples {
		x := f(s)
		if i == 0 || x < lo {
			lo = x
		}
		if i == 0 || x > hi {
			hi = x
		}
	}
	return lo, hi
}

func (r *row) exits() string {
	var codes []string
	for _, s := range r.samples {
		c := strconv.Itoa(s.exit)
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	return strings.Join(codes, ",")
}

func wall(s sample) float64 { return s.wall }
func cpu(s sample) float64  { return s.cpu }
func rss(s sample) float64  { return s.rssKiB }

type table struct {
	rows  []*row
	meta  map[string]string
	scale [][3]string // packages, files, lines per subset
	notes []string
}

func (t *table) find(section, label, param string) *row {
	for _, r := range t.rows {
		if r.section == section && r.label == label && r.param == param {
			return r
		}
	}
	return nil
}

func (t *table) section(name string) []*row {
	var rs []*row
	for _, r := range t.rows {
		if r.section == name {
			rs = append(rs, r)
		}
	}
	return rs
}

func load(dir string) (*table, error) {
	t := &table{meta: make(map[string]string)}
	raw, err := readTSV(filepath.Join(dir, "raw.tsv"))
	if err != nil {
		return nil, err
	}
	for i, f := range raw {
		if i == 0 { // header
			continue
		}
		if len(f) != 9 {
			return nil, fmt.Errorf("raw.tsv line %d: %d fields, want 9", i+1, len(f))
		}
		var s sample
		var user, sys float64
		var perr error
		parse := func(str string) float64 {
			x, err := strconv.ParseFloat(str, 64)
			if err != nil && perr == nil {
				perr = fmt.Errorf("raw.tsv line %d: %v", i+1, err)
			}
			return x
		}
		s.wall, user, sys, s.rssKiB = parse(f[4]), parse(f[5]), parse(f[6]), parse(f[7])
		s.cpu = user + sys
		s.exit, _ = strconv.Atoi(f[8])
		if perr != nil {
			return nil, perr
		}
		r := t.find(f[0], f[1], f[2])
		if r == nil {
			r = &row{section: f[0], label: f[1], param: f[2]}
			t.rows = append(t.rows, r)
		}
		r.samples = append(r.samples, s)
	}
	meta, err := readTSV(filepath.Join(dir, "meta.tsv"))
	if err != nil {
		return nil, err
	}
	for _, f := range meta {
		if len(f) == 2 {
			t.meta[f[0]] = f[1]
		}
	}
	if sc, err := readTSV(filepath.Join(dir, "scale.tsv")); err == nil {
		for _, f := range sc {
			if len(f) == 3 {
				t.scale = append(t.scale, [3]string{f[0], f[1], f[2]})
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err == nil {
		for l := range strings.Lines(string(b)) {
			if l = strings.TrimSpace(l); l != "" {
				t.notes = append(t.notes, l)
			}
		}
	}
	return t, nil
}

func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			lines = append(lines, strings.Split(sc.Text(), "\t"))
		}
	}
	return lines, sc.Err()
}

// Formatting helpers.

func secs(x float64) string { return fmt.Sprintf("%.1f s", x) }

func gib(kib float64) string {
	if kib >= 1<<20 {
		return fmt.Sprintf("%.2f GiB", kib/(1<<20))
	}
	return fmt.Sprintf("%.0f MiB", kib/(1<<10))
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

func intWithCommas(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	str := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range str {
		if i > 0 && (len(str)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

const (
	floorLabel       = "floor-ssa"
	staticLabel      = "staticcheck (cold)"
	conclintLabel    = "conclint"
	vetFloorCold     = "go vet -vettool=floor-ssa (cold)"
	vetFloorCached   = "go vet -vettool=floor-ssa (cached)"
	vetConclintCold  = "go vet -vettool=conclint (cold)"
	vetConclintCache = "go vet -vettool=conclint (cached)"
)

func run(w io.Writer, dir string) error {
	t, err := load(dir)
	if err != nil {
		return err
	}
	m := t.meta
	fmt.Fprintf(w, "### Corpus `%s`: %s packages, %s files, %s lines (tests included)\n\n",
		m["corpus"], intWithCommas(m["packages"]), intWithCommas(m["files"]), intWithCommas(m["lines"]))
	fmt.Fprintf(w, "%s; commit %s; %s; %s.\n", m["date"], m["commit"], m["go"], m["machine"])
	load := "load average (1/5/15 min) " + m["load"] + " before the runs"
	if m["load_after"] != "" {
		load += ", " + m["load_after"] + " after"
	}
	fmt.Fprintf(w, "Median of %s runs (min–max); %s.\n\n", m["runs"], load)

	floor := t.find("main", floorLabel, "")
	static := t.find("main", staticLabel, "")
	if main := t.section("main"); len(main) > 0 {
		fmt.Fprintln(w, "| tool | wall | CPU | peak RSS | wall ÷ floor-ssa | CPU ÷ floor-ssa | RSS ÷ floor-ssa | wall ÷ staticcheck | exit |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, r := range main {
			lo, hi := r.minmax(wall)
			fmt.Fprintf(w, "| %s | %s (%.1f–%.1f) | %s | %s | %s | %s | %s | %s | %s |\n",
				r.label, secs(r.median(wall)), lo, hi, secs(r.median(cpu)), gib(r.median(rss)),
				ratioTo(r, floor, wall), ratioTo(r, floor, cpu), ratioTo(r, floor, rss), ratioTo(r, static, wall), r.exits())
		}
		fmt.Fprintln(w)
		targets(w, t)
	}
	if rs := t.section("analyzers"); len(rs) > 0 {
		breakdown(w, rs, floor)
	}
	if rs := t.section("scale"); len(rs) > 0 {
		scale(w, t, rs)
	}
	if len(t.notes) > 0 {
		fmt.Fprintln(w, "Notes from the run:")
		fmt.Fprintln(w)
		for _, n := range t.notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func ratioTo(r, base *row, f func(sample) float64) string {
	if base == nil {
		return "–"
	}
	return ratio(r.median(f), base.median(f))
}

// targets prints the targets with the measured ratios.
func targets(w io.Writer, t *table) {
	type target struct {
		what      string
		num, den  *row
		f         func(sample) float64
		limit     float64
		less      bool // the target is "<" rather than "<="
		numerator string
	}
	c, fl := t.find("main", conclintLabel, ""), t.find("main", floorLabel, "")
	ts := []target{
		{what: "conclint wall ÷ floor-ssa", num: c, den: fl, f: wall, limit: 1.3},
		{what: "conclint CPU ÷ floor-ssa", num: c, den: fl, f: cpu, limit: 1.3},
		{what: "conclint peak RSS ÷ floor-ssa", num: c, den: fl, f: rss, limit: 1.25},
		{what: "conclint wall ÷ staticcheck (cold)", num: c, den: t.find("main", staticLabel, ""), f: wall, limit: 0.5, less: true},
		{what: "vet -vettool=conclint ÷ vet -vettool=floor-ssa, cold", num: t.find("main", vetConclintCold, ""), den: t.find("main", vetFloorCold, ""), f: wall, limit: 1.3},
		{what: "vet -vettool=conclint ÷ vet -vettool=floor-ssa, cached", num: t.find("main", vetConclintCache, ""), den: t.find("main", vetFloorCached, ""), f: wall, limit: 1.2},
	}
	fmt.Fprintln(w, "| target | measured | limit | met |")
	fmt.Fprintln(w, "|---|---:|---:|---|")
	for _, tg := range ts {
		if tg.num == nil || tg.den == nil || tg.den.median(tg.f) == 0 {
			continue
		}
		x := tg.num.median(tg.f) / tg.den.median(tg.f)
		op, met := "≤", x <= tg.limit
		if tg.less {
			op, met = "<", x < tg.limit
		}
		verdict := "yes"
		if !met {
			verdict = "**no**"
		}
		fmt.Fprintf(w, "| %s | %.2fx | %s %.2fx | %s |\n", tg.what, x, op, tg.limit, verdict)
	}
	fmt.Fprintln(w)
}

// breakdown prints each analyzer alone against floor-ssa, the costliest first.
func breakdown(w io.Writer, rs []*row, floor *row) {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b *row) int { return cmp.Compare(b.median(cpu), a.median(cpu)) })
	fmt.Fprintln(w, "Each analyzer alone (`conclint -NAME`), costliest CPU first; \"+\" is the cost over floor-ssa.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| analyzer | wall | + wall | CPU | + CPU | peak RSS | wall ÷ floor-ssa | RSS ÷ floor-ssa | exit |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rs {
		dw, dc := "–", "–"
		if floor != nil {
			dw = fmt.Sprintf("%+.1f s", r.median(wall)-floor.median(wall))
			dc = fmt.Sprintf("%+.1f s", r.median(cpu)-floor.median(cpu))
		}
		lo, hi := r.minmax(wall)
		fmt.Fprintf(w, "| %s | %s (%.1f–%.1f) | %s | %s | %s | %s | %s | %s | %s |\n",
			strings.TrimPrefix(r.label, "conclint -"), secs(r.median(wall)), lo, hi, dw,
			secs(r.median(cpu)), dc, gib(r.median(rss)), ratioTo(r, floor, wall), ratioTo(r, floor, rss), r.exits())
	}
	fmt.Fprintln(w)
}

// scale prints conclint and floor-ssa on std subsets of growing size, then
// the whole corpus from the main section.
func scale(w io.Writer, t *table, rs []*row) {
	var params []string
	for _, r := range rs {
		if !slices.Contains(params, r.param) {
			params = append(params, r.param)
		}
	}
	slices.SortFunc(params, func(a, b string) int { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return cmp.Compare(x, y) })
	lines := make(map[string]string)
	for _, s := range t.scale {
		lines[s[0]] = s[2]
	}
	type point struct {
		pkgs, lines string
		floor, conc *row
	}
	var pts []point
	for _, p := range params {
		pts = append(pts, point{p, lines[p], t.find("scale", floorLabel, p), t.find("scale", conclintLabel, p)})
	}
	if f, c := t.find("main", floorLabel, ""), t.find("main", conclintLabel, ""); f != nil && c != nil {
		pts = append(pts, point{t.meta["packages"] + " (all)", t.meta["lines"], f, c})
	}
	fmt.Fprintln(w, "Scale: std subsets of growing size (packages in a fixed pseudo-random order, each subset containing the smaller ones).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| packages | lines | floor-ssa wall | conclint wall | ratio | floor-ssa RSS | conclint RSS | ratio | conclint RSS − floor-ssa |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range pts {
		if p.floor == nil || p.conc == nil {
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p.pkgs, intWithCommas(p.lines),
			secs(p.floor.median(wall)), secs(p.conc.median(wall)), ratio(p.conc.median(wall), p.floor.median(wall)),
			gib(p.floor.median(rss)), gib(p.conc.median(rss)), ratio(p.conc.median(rss), p.floor.median(rss)),
			gibSigned(p.conc.median(rss)-p.floor.median(rss)))
	}
	fmt.Fprintln(w)
}

func gibSigned(kib float64) string {
	if kib < 0 {
		return "−" + gib(-kib)
	}
	return "+" + gib(kib)
}
