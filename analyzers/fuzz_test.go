package analyzers_test

// FuzzAnalyzers feeds Go source, seeded from the fixtures and mutated by the
// fuzzer, through parsing, type-checking and every analyzer of the suite,
// and fails on a panic, an analysis error on well-typed code, a malformed
// diagnostic or fact, or a suggested fix that breaks the syntax.
//
//	go test ./analyzers                                            # seeds only
//	go test -run='^$' -fuzz=FuzzAnalyzers -fuzztime=10m ./analyzers # by hand
//
// The analyzers run in a small in-test driver (fuzzDriver) that does what
// the go/analysis drivers do for one package held in memory: it runs each
// analyzer's Requires graph once, skips analyzers that do not allow type
// errors when there are some (as the drivers do), keeps facts in memory and
// checks that they survive gob encoding. Imports are type-checked from
// source, testdata/src first (the fixtures' stubs), then testdata (the
// robust module), then GOROOT; an import that resolves nowhere, or that no
// seed imports, fails like a missing package.

import (
	"bytes"
	"encoding/gob"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/txtar"

	"github.com/conclint/conclint/analyzers"
	"github.com/conclint/conclint/internal/fixture"
)

const (
	// fuzzMaxInput bounds the size of one input, to keep executions fast.
	fuzzMaxInput = 64 << 10
	// fuzzExecTimeout bounds one input's run while fuzzing: past it the
	// fuzz target crashes with every stack (the engine's limit is 10 s).
	fuzzExecTimeout = 8 * time.Second
)

func FuzzAnalyzers(f *testing.F) {
	if err := analysis.Validate(analyzers.All()); err != nil {
		f.Fatal(err)
	}
	seeds := fuzzSeeds(f, fixture.Dir(f))
	for _, seed := range seeds {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	// The fuzzing engine gives each input 10 seconds. Type-check every
	// import of the seeds now, outside that budget, and then refuse new
	// ones: an input that imports anything else fails to import it.
	imp := fuzzSharedImporter(fixture.Dir(f))
	imp.prewarm(seeds)
	// The fuzzing engine discards its workers' output; a worker that dies
	// outside the fuzz function (a hang, a stack overflow) leaves no trace
	// but "fuzzing process hung or terminated unexpectedly". With
	// CONCLINT_FUZZ_CRASHDIR set, each worker writes fatal errors there,
	// and a hung input too.
	crashDir := os.Getenv("CONCLINT_FUZZ_CRASHDIR")
	fuzzing := flag.Lookup("test.fuzz") != nil && flag.Lookup("test.fuzz").Value.String() != ""
	if crashDir != "" {
		out, err := os.CreateTemp(crashDir, "crash-*.txt")
		if err != nil {
			f.Fatal(err)
		}
		if err := debug.SetCrashOutput(out, debug.CrashOptions{}); err != nil {
			f.Fatal(err)
		}
		out.Close()
	}
	f.Fuzz(func(t *testing.T, archive []byte, allFlags bool) {
		if len(archive) > fuzzMaxInput {
			return
		}
		imp.mu.Lock()
		defer imp.mu.Unlock()
		// When fuzzing, a hang is a failure too: crash with every
		// goroutine's stack before the engine's own 10 s limit kills the
		// worker without one.
		if !fuzzing {
			fuzzCheck(t, imp, archive, allFlags)
			return
		}
		watchdog := time.AfterFunc(fuzzExecTimeout, func() {
			if crashDir != "" {
				os.WriteFile(filepath.Join(crashDir, fmt.Sprintf("hang-%d.txtar", os.Getpid())), archive, 0o644)
			}
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			panic(fmt.Sprintf("FuzzAnalyzers: one input ran for more than %v (allFlags=%v):\n%s", fuzzExecTimeout, allFlags, buf))
		})
		defer watchdog.Stop()
		fuzzCheck(t, imp, archive, allFlags)
	})
}

// fuzzSeeds returns one txtar archive per package of the fixtures: the .go
// files of one directory under testdata that share a package clause and
// match the default build context (cgo off).
func fuzzSeeds(tb testing.TB, testdata string) [][]byte {
	type key struct{ dir, pkg string }
	groups := make(map[key][]string)
	fset := token.NewFileSet()
	ctxt := build.Default
	ctxt.CgoEnabled = false
	err := filepath.WalkDir(testdata, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		if ok, err := ctxt.MatchFile(filepath.Dir(p), filepath.Base(p)); err == nil && !ok {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return nil // a deliberately broken fixture: its directory's other files still count
		}
		if slices.ContainsFunc(f.Imports, func(s *ast.ImportSpec) bool { return s.Path.Value == `"C"` }) {
			return nil // cgo is off, as in go/build
		}
		k := key{filepath.Dir(p), f.Name.Name}
		groups[k] = append(groups[k], p)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].dir < keys[j].dir || keys[i].dir == keys[j].dir && keys[i].pkg < keys[j].pkg
	})
	var seeds [][]byte
	for _, k := range keys {
		var ar txtar.Archive
		for _, p := range groups[k] {
			data, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			ar.Files = append(ar.Files, txtar.File{Name: filepath.Base(p), Data: data})
		}
		if seed := txtar.Format(&ar); len(seed) <= fuzzMaxInput {
			seeds = append(seeds, seed)
		}
	}
	if len(seeds) == 0 {
		tb.Fatalf("no fixtures under %s", testdata)
	}
	return seeds
}

// fuzzCheck runs one input: parse, type-check, analyze, validate.
func fuzzCheck(t *testing.T, imp *fuzzImporter, archive []byte, allFlags bool) {
	ar := txtar.Parse(archive)
	fset := imp.fset
	var files []*ast.File
	var typeErrs []types.Error
	var hardErrs []error // parse errors: not types.Error, but they make the package ill-typed too
	parsedOK := make(map[string]bool)
	contents := make(map[string][]byte)
	defer func() {
		// Forget this input's files: the shared FileSet keeps only imports.
		for _, f := range files {
			if tf := fset.File(f.FileStart); tf != nil {
				fset.RemoveFile(tf)
			}
		}
	}()
	for i, af := range ar.Files {
		name := path.Base(af.Name)
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		name = fmt.Sprintf("/fuzz/%d_%s", i, name) // unique, absolute, harmless
		f, err := parser.ParseFile(fset, name, af.Data, parser.ParseComments|parser.SkipObjectResolution)
		if f == nil {
			continue
		}
		if err != nil {
			hardErrs = append(hardErrs, err)
		} else {
			parsedOK[name] = true
		}
		contents[name] = af.Data
		files = append(files, f)
	}
	if len(files) == 0 {
		return
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	conf := types.Config{
		Importer:    imp,
		FakeImportC: true,
		GoVersion:   "go1.26",
		Sizes:       imp.sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				typeErrs = append(typeErrs, te)
			}
		},
	}
	pkg, _ := conf.Check("example.com/fuzz/"+files[0].Name.Name, fset, files, info)
	illTyped := len(typeErrs) > 0 || len(hardErrs) > 0

	as := analyzers.All()
	if allFlags {
		for _, a := range as {
			a.Flags.VisitAll(func(fl *flag.Flag) {
				if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
					fl.Value.Set("true")
				}
			})
		}
	}
	d := &fuzzDriver{
		t: t, fset: fset, files: files, pkg: pkg, info: info, sizes: imp.sizes,
		typeErrs: typeErrs, illTyped: illTyped, contents: contents, parsedOK: parsedOK,
		results:  make(map[*analysis.Analyzer]*fuzzResult),
		facts:    make(map[fuzzFactKey]analysis.Fact),
		reported: make(map[string]int),
	}
	for _, a := range as {
		d.exec(a)
	}
	if fuzzDebug {
		t.Logf("package %s: %d files, %d parse errors, %d type errors (first: %v), diagnostics %v",
			files[0].Name.Name, len(files), len(hardErrs), len(typeErrs), firstErr(typeErrs), d.reported)
	}
}

// fuzzDebug (CONCLINT_FUZZ_DEBUG=1) logs what each input produced.
var fuzzDebug = os.Getenv("CONCLINT_FUZZ_DEBUG") != ""

func firstErr(errs []types.Error) any {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}

// fuzzImporter type-checks imported packages from source, once each, into
// a FileSet shared by every input. Function bodies are skipped.
type fuzzImporter struct {
	mu       sync.Mutex // held for a whole input
	fset     *token.FileSet
	sizes    types.Sizes
	ctxt     build.Context
	testdata string
	pkgs     map[string]*types.Package
	errs     map[string]error
	frozen   bool // after prewarm: serve only what is cached
	warmed   bool
}

// prewarm imports every package the seeds import, then freezes the importer.
func (imp *fuzzImporter) prewarm(seeds [][]byte) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	if imp.warmed {
		return
	}
	imp.warmed = true
	fset := token.NewFileSet()
	for _, seed := range seeds {
		for _, af := range txtar.Parse(seed).Files {
			f, _ := parser.ParseFile(fset, af.Name, af.Data, parser.ImportsOnly)
			if f == nil {
				continue
			}
			for _, spec := range f.Imports {
				if p, err := strconv.Unquote(spec.Path.Value); err == nil {
					imp.Import(p)
				}
			}
		}
	}
	imp.frozen = true
}

var (
	fuzzImporterOnce sync.Once
	fuzzImporterInst *fuzzImporter
)

func fuzzSharedImporter(testdata string) *fuzzImporter {
	fuzzImporterOnce.Do(func() {
		ctxt := build.Default
		ctxt.CgoEnabled = false // pure-Go variants of std; "C" is faked
		fuzzImporterInst = &fuzzImporter{
			fset:     token.NewFileSet(),
			sizes:    types.SizesFor("gc", runtime.GOARCH),
			ctxt:     ctxt,
			testdata: filepath.Join(testdata, "src"),
			pkgs:     make(map[string]*types.Package),
			errs:     make(map[string]error),
		}
	})
	return fuzzImporterInst
}

func (imp *fuzzImporter) Import(p string) (*types.Package, error) { return imp.ImportFrom(p, "", 0) }

func (imp *fuzzImporter) ImportFrom(p, _ string, _ types.ImportMode) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if pkg, ok := imp.pkgs[p]; ok {
		return pkg, nil
	}
	if err, ok := imp.errs[p]; ok {
		return nil, err
	}
	if imp.frozen {
		return nil, fmt.Errorf("cannot find package %q (not imported by any seed)", p)
	}
	pkg, err := imp.load(p)
	if err != nil {
		imp.errs[p] = err
		return nil, err
	}
	imp.pkgs[p] = pkg
	return pkg, nil
}

func (imp *fuzzImporter) load(p string) (*types.Package, error) {
	if p == "" || p == "C" || path.Clean(p) != p || path.IsAbs(p) || strings.HasPrefix(p, ".") ||
		strings.ContainsAny(p, "\\:@ \t\n") || strings.Contains(p, "/testdata") || strings.HasPrefix(p, "cmd/") {
		return nil, fmt.Errorf("cannot find package %q", p)
	}
	goroot := filepath.Join(imp.ctxt.GOROOT, "src")
	for _, dir := range []string{
		filepath.Join(imp.testdata, filepath.FromSlash(p)),
		filepath.Join(filepath.Dir(imp.testdata), filepath.FromSlash(p)), // testdata/robust/... ("robust/x")
		filepath.Join(goroot, filepath.FromSlash(p)),
		filepath.Join(goroot, "vendor", filepath.FromSlash(p)),
	} {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		bp, err := imp.ctxt.ImportDir(dir, 0)
		if err != nil || len(bp.GoFiles) == 0 {
			continue
		}
		var files []*ast.File
		for _, name := range bp.GoFiles {
			f, err := parser.ParseFile(imp.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if f != nil && err == nil {
				files = append(files, f)
			}
		}
		conf := types.Config{
			Importer:         imp,
			FakeImportC:      true,
			IgnoreFuncBodies: true,
			Sizes:            imp.sizes,
			Error:            func(error) {}, // a stub may be incomplete: keep what checks
		}
		pkg, _ := conf.Check(p, imp.fset, files, nil)
		if pkg == nil {
			break
		}
		pkg.MarkComplete()
		return pkg, nil
	}
	return nil, fmt.Errorf("cannot find package %q", p)
}

// fuzzDriver runs analyzers on one type-checked package, like the
// go/analysis checker does for one package with no dependencies analysed.
type fuzzDriver struct {
	t        *testing.T
	fset     *token.FileSet
	files    []*ast.File
	pkg      *types.Package
	info     *types.Info
	sizes    types.Sizes
	typeErrs []types.Error
	illTyped bool
	contents map[string][]byte
	parsedOK map[string]bool
	results  map[*analysis.Analyzer]*fuzzResult
	facts    map[fuzzFactKey]analysis.Fact
	reported map[string]int // diagnostics per analyzer
}

type fuzzResult struct {
	value any
	err   error
}

type fuzzFactKey struct {
	obj types.Object   // nil for a package fact
	pkg *types.Package // nil for an object fact
	typ reflect.Type
}

var errFuzzSkipped = fmt.Errorf("analysis skipped due to errors in package")

func (d *fuzzDriver) exec(a *analysis.Analyzer) *fuzzResult {
	if r, ok := d.results[a]; ok {
		return r
	}
	r := &fuzzResult{}
	d.results[a] = r
	inputs := make(map[*analysis.Analyzer]any)
	for _, req := range a.Requires {
		rr := d.exec(req)
		if rr.err != nil {
			r.err = fmt.Errorf("failed prerequisite %s: %w", req.Name, rr.err)
			return r
		}
		inputs[req] = rr.value
	}
	if d.illTyped && !a.RunDespiteErrors {
		r.err = errFuzzSkipped
		return r
	}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       d.fset,
		Files:      d.files,
		Pkg:        d.pkg,
		TypesInfo:  d.info,
		TypesSizes: d.sizes,
		TypeErrors: d.typeErrs,
		Module:     &analysis.Module{Path: "example.com/fuzz", Main: true, GoVersion: "1.26.0"},
		ResultOf:   inputs,
		Report:     func(diag analysis.Diagnostic) { d.checkDiagnostic(a, diag) },
		ReadFile: func(name string) ([]byte, error) {
			if data, ok := d.contents[name]; ok {
				return data, nil
			}
			return nil, fmt.Errorf("ReadFile(%q): not a file of the package", name)
		},
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			return d.importFact(fuzzFactKey{obj: obj, typ: reflect.TypeOf(fact)}, fact)
		},
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
			return d.importFact(fuzzFactKey{pkg: pkg, typ: reflect.TypeOf(fact)}, fact)
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj == nil || obj.Pkg() != d.pkg {
				d.t.Errorf("%s: ExportObjectFact(%v) for an object of another package", a.Name, obj)
				return
			}
			d.exportFact(a, fuzzFactKey{obj: obj, typ: reflect.TypeOf(fact)}, fact)
		},
		ExportPackageFact: func(fact analysis.Fact) {
			d.exportFact(a, fuzzFactKey{pkg: d.pkg, typ: reflect.TypeOf(fact)}, fact)
		},
		AllObjectFacts: func() []analysis.ObjectFact {
			var out []analysis.ObjectFact
			for k, f := range d.facts {
				if k.obj != nil {
					out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
				}
			}
			return out
		},
		AllPackageFacts: func() []analysis.PackageFact {
			var out []analysis.PackageFact
			for k, f := range d.facts {
				if k.pkg != nil {
					out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
				}
			}
			return out
		},
	}
	r.value, r.err = a.Run(pass) // a panic fails the fuzz target with its stack
	if r.err != nil {
		if !d.illTyped {
			d.t.Errorf("%s on well-typed code: %v", a.Name, r.err)
		}
		return r
	}
	if got, want := reflect.TypeOf(r.value), a.ResultType; got != want {
		d.t.Errorf("%s returned a result of type %v, but declared ResultType %v", a.Name, got, want)
	}
	return r
}

func (d *fuzzDriver) importFact(k fuzzFactKey, ptr analysis.Fact) bool {
	f, ok := d.facts[k]
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
	}
	return ok
}

func (d *fuzzDriver) exportFact(a *analysis.Analyzer, k fuzzFactKey, fact analysis.Fact) {
	if !slices.ContainsFunc(a.FactTypes, func(ft analysis.Fact) bool { return reflect.TypeOf(ft) == k.typ }) {
		d.t.Errorf("%s exported a %v fact not among its FactTypes", a.Name, k.typ)
	}
	// The go vet driver serializes facts with gob: they must survive it.
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(fact); err != nil {
		d.t.Errorf("%s: %T fact does not gob-encode: %v", a.Name, fact, err)
	} else if back := reflect.New(k.typ.Elem()).Interface(); gob.NewDecoder(&buf).Decode(back) != nil {
		d.t.Errorf("%s: %T fact does not gob-decode", a.Name, fact)
	}
	d.facts[k] = fact
}

// checkDiagnostic asserts what every driver relies on: a message, a
// position in one of the package's files, an end after it, and suggested
// fixes whose edits fit their file, do not overlap, and leave a file that
// parsed still parsing.
func (d *fuzzDriver) checkDiagnostic(a *analysis.Analyzer, diag analysis.Diagnostic) {
	t := d.t
	d.reported[a.Name]++
	if diag.Message == "" {
		t.Errorf("%s: diagnostic with an empty message at %v", a.Name, d.fset.Position(diag.Pos))
	}
	file := d.fileOf(diag.Pos)
	if file == nil {
		t.Errorf("%s: diagnostic %q at %v, outside the package's files", a.Name, diag.Message, diag.Pos)
		return
	}
	if diag.End.IsValid() && (diag.End < diag.Pos || d.fileOf(diag.End) != file) {
		t.Errorf("%s: diagnostic %q ends at %v, before it starts (%v) or in another file",
			a.Name, diag.Message, d.fset.Position(diag.End), d.fset.Position(diag.Pos))
	}
	for _, fix := range diag.SuggestedFixes {
		d.checkFix(a, diag, fix)
	}
}

func (d *fuzzDriver) fileOf(pos token.Pos) *token.File {
	if !pos.IsValid() {
		return nil
	}
	tf := d.fset.File(pos)
	if tf == nil {
		return nil
	}
	if _, ok := d.contents[tf.Name()]; !ok {
		return nil
	}
	return tf
}

func (d *fuzzDriver) checkFix(a *analysis.Analyzer, diag analysis.Diagnostic, fix analysis.SuggestedFix) {
	t := d.t
	type span struct {
		start, end int
		text       []byte
	}
	byFile := make(map[*token.File][]span)
	for _, e := range fix.TextEdits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		tf := d.fileOf(e.Pos)
		if tf == nil || d.fileOf(end) != tf || end < e.Pos {
			t.Errorf("%s: fix %q of %q has an edit [%v, %v) outside a package file or reversed",
				a.Name, fix.Message, diag.Message, e.Pos, e.End)
			return
		}
		byFile[tf] = append(byFile[tf], span{tf.Offset(e.Pos), tf.Offset(end), e.NewText})
	}
	for tf, spans := range byFile {
		sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
		src := d.contents[tf.Name()]
		var out []byte
		last := 0
		for _, s := range spans {
			if s.start < last || s.end > len(src) {
				t.Errorf("%s: fix %q of %q has overlapping or out-of-range edits in %s", a.Name, fix.Message, diag.Message, tf.Name())
				return
			}
			out = append(out, src[last:s.start]...)
			out = append(out, s.text...)
			last = s.end
		}
		out = append(out, src[last:]...)
		if d.parsedOK[tf.Name()] {
			if _, err := parser.ParseFile(token.NewFileSet(), tf.Name(), out, parser.SkipObjectResolution); err != nil {
				t.Errorf("%s: fix %q of %q leaves a file that does not parse: %v\n%s", a.Name, fix.Message, diag.Message, err, out)
			}
		}
	}
}
