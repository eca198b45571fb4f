package analyzers_test

// TestRobust runs every analyzer of the suite, through the go/analysis
// checker that the conclint binary uses, over testdata/robust: packages with
// type errors and syntax errors, cgo, build tags, generics, range-over-func
// iterators, //line directives, look-alike packages, generated files, tests,
// and very large generated functions. It fails on a panic, on an analysis
// error other than "skipped because the package does not type-check", and
// on a diagnostic without a position.
//
// CONCLINT_ROBUST_BIG=N sets the number of blocks in the generated large
// function (default 300, about 4,000 lines); the test logs the slowest
// analyzer actions on that package.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/conclint/conclint/analyzers"
	"github.com/conclint/conclint/internal/fixture"
)

// robustBroken are the packages of testdata/robust that must fail to
// type-check; every other package must type-check, so that every analyzer
// runs on it.
var robustBroken = []string{"robust/typeerr", "robust/syntaxerr"}

func TestRobust(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(fixture.Dir(t), "robust"))); err != nil {
		t.Fatal(err)
	}
	blocks := 300
	if s := os.Getenv("CONCLINT_ROBUST_BIG"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("CONCLINT_ROBUST_BIG=%q: want a positive number", s)
		}
		blocks = n
	}
	if err := os.MkdirAll(filepath.Join(dir, "bigfunc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bigfunc", "big.go"), robustBigFunc(blocks), 0o644); err != nil {
		t.Fatal(err)
	}
	cgo := "0"
	if _, err := exec.LookPath("gcc"); err == nil {
		cgo = "1"
	}
	for _, tags := range []string{"", "robusttag"} {
		t.Run("tags="+tags+",cgo="+cgo, func(t *testing.T) {
			robustRun(t, dir, tags, cgo)
		})
	}
}

func robustRun(t *testing.T, dir, tags, cgo string) {
	as := analyzers.All()
	mode := packages.LoadSyntax
	if robustNeedFacts(as) {
		mode = packages.LoadAllSyntax // as the conclint binary does
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Dir:   dir,
		Tests: true,
		Env:   append(os.Environ(), "CGO_ENABLED="+cgo, "GOFLAGS=-mod=mod", "GOWORK=off"),
	}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[string]bool)
	for _, p := range pkgs {
		seen[p.PkgPath] = true
		broken := slices.Contains(robustBroken, p.PkgPath)
		switch {
		case broken && !p.IllTyped:
			t.Errorf("%s: type-checks, but it is meant to be broken", p.ID)
		case !broken && len(p.Errors) > 0:
			t.Errorf("%s: %v (only %v may fail to type-check)", p.ID, p.Errors, robustBroken)
		}
	}
	for _, want := range []string{"robust/generics", "robust/iters", "robust/cgo", "robust/bigfunc", "robust/typeerr"} {
		if !seen[want] {
			t.Errorf("package %s not loaded", want)
		}
	}

	graph, err := checker.Analyze(as, pkgs, &checker.Options{SanityCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	type slow struct {
		d    time.Duration
		name string
	}
	var slowest []slow
	counts := make(map[string]int)
	for act := range graph.All() {
		if act.Err != nil {
			msg := act.Err.Error()
			skipped := strings.Contains(msg, "analysis skipped due to errors in package") ||
				strings.HasPrefix(msg, "failed prerequisites")
			if !(act.Package.IllTyped && skipped) {
				t.Errorf("%s: %v", act, act.Err)
			}
			continue
		}
		if act.Package.PkgPath == "robust/bigfunc" {
			slowest = append(slowest, slow{act.Duration, act.String()})
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			counts[act.Analyzer.Name]++
			if !d.Pos.IsValid() || act.Package.Fset.File(d.Pos) == nil {
				t.Errorf("%s: diagnostic %q has no position", act, d.Message)
			}
			if d.Message == "" {
				t.Errorf("%s: diagnostic at %v has no message", act, act.Package.Fset.Position(d.Pos))
			}
		}
	}
	sort.Slice(slowest, func(i, j int) bool { return slowest[i].d > slowest[j].d })
	if len(slowest) > 5 {
		slowest = slowest[:5]
	}
	for _, s := range slowest {
		t.Logf("bigfunc: %v %s", s.d.Round(time.Millisecond), s.name)
	}
	t.Logf("diagnostics per analyzer: %v", counts)
}

// robustNeedFacts reports whether any analyzer, or one it requires, uses
// facts: then the drivers load every package from source.
func robustNeedFacts(as []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer) bool
	visit = func(a *analysis.Analyzer) bool {
		if seen[a] {
			return false
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		return slices.ContainsFunc(a.Requires, visit)
	}
	return slices.ContainsFunc(as, visit)
}

// robustBigFunc generates package bigfunc: one function made of n blocks,
// each with loops, defers, goroutines, a WaitGroup, a mutex, a select and a
// context; one function nesting 100 levels of blocks; one select with 200
// cases; and one chain of 40 closures, each starting a goroutine.
func robustBigFunc(n int) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// Not marked "Code generated": the analyzers must report in it.
	w("// Package bigfunc is written by analyzers/robust_test.go.")
	w("package bigfunc\n")
	w("import (\n\t\"context\"\n\t\"os\"\n\t\"sync\"\n\t\"time\"\n)\n")
	w("func Big(ctx context.Context, in []int, files []string, mu *sync.Mutex) (total int) {")
	w("\tvar wg sync.WaitGroup")
	w("\tch := make(chan int, %d)", n)
	for i := range n {
		w("\t// block %d", i)
		w("\tfor j, v := range in {")
		w("\t\tif (j+v)%%%d == %d {", 7+i%5, i%7)
		w("\t\t\ttotal += v")
		w("\t\t\tcontinue")
		w("\t\t}")
		switch i % 6 {
		case 0:
			w("\t\tmu.Lock()")
			w("\t\ttotal++")
			w("\t\tmu.Unlock()")
		case 1:
			w("\t\tif f, err := os.Open(files[j%%len(files)]); err == nil {")
			w("\t\t\tdefer f.Close()")
			w("\t\t}")
		case 2:
			w("\t\twg.Add(1)")
			w("\t\tgo func() {")
			w("\t\t\tdefer wg.Done()")
			w("\t\t\tch <- v + %d", i)
			w("\t\t}()")
		case 3:
			w("\t\tselect {")
			w("\t\tcase x := <-ch:")
			w("\t\t\ttotal += x")
			w("\t\tcase <-ctx.Done():")
			w("\t\t\treturn total")
			w("\t\tdefault:")
			w("\t\t}")
		case 4:
			w("\t\tcctx, cancel := context.WithTimeout(ctx, time.Duration(v)*time.Millisecond)")
			w("\t\t<-cctx.Done()")
			w("\t\tcancel()")
		case 5:
			w("\t\tif v < 0 {")
			w("\t\t\tbreak")
			w("\t\t}")
			w("\t\tgo func() { ch <- j }()")
		}
		w("\t}")
	}
	w("\twg.Wait()")
	w("\treturn total")
	w("}\n")

	w("func Deep(ch chan int, mu *sync.Mutex, x int) int {")
	for i := range 100 {
		ind := strings.Repeat("\t", i+1)
		switch i % 3 {
		case 0:
			w("%sif x > %d {", ind, i)
		case 1:
			w("%sfor i%d := 0; i%d < x; i%d++ {", ind, i, i, i)
		case 2:
			w("%sfunc() {", ind)
		}
	}
	w("%smu.Lock()", strings.Repeat("\t", 101))
	w("%sdefer mu.Unlock()", strings.Repeat("\t", 101))
	w("%sgo func() { ch <- x }()", strings.Repeat("\t", 101))
	for i := 99; i >= 0; i-- {
		ind := strings.Repeat("\t", i+1)
		if i%3 == 2 {
			w("%s}()", ind)
		} else {
			w("%s}", ind)
		}
	}
	w("\treturn x")
	w("}\n")

	w("func Wide(chs []chan int, done chan struct{}) int {")
	w("\tfor {")
	w("\t\tselect {")
	for i := range 200 {
		w("\t\tcase v := <-chs[%d]:", i)
		w("\t\t\tif v > %d {", i)
		w("\t\t\t\treturn v")
		w("\t\t\t}")
	}
	w("\t\tcase <-done:")
	w("\t\t\treturn -1")
	w("\t\t}")
	w("\t}")
	w("}\n")

	w("func Chain(ctx context.Context, out chan<- int) {")
	for i := range 40 {
		w("%sgo func(d int) {", strings.Repeat("\t", i+1))
		w("%sctx, cancel := context.WithCancel(ctx)", strings.Repeat("\t", i+2))
		w("%sdefer cancel()", strings.Repeat("\t", i+2))
		w("%sselect {\n%scase out <- d:\n%scase <-ctx.Done():\n%s}", strings.Repeat("\t", i+2), strings.Repeat("\t", i+2), strings.Repeat("\t", i+2), strings.Repeat("\t", i+2))
	}
	for i := 39; i >= 0; i-- {
		w("%s}(%d)", strings.Repeat("\t", i+1), i)
	}
	w("}")
	return []byte(b.String())
}
