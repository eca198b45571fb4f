package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers"
)

const formatUsage = "output `format`: text (the default), json (the same as -json), sarif or github"

var formats = []string{"text", "json", "sarif", "github"}

// formatFlag is the -format flag. Under multichecker, -format=json sets
// multichecker's own -json flag, so the two are the same thing.
type formatFlag struct{ value string }

func (f *formatFlag) String() string {
	if f == nil || f.value == "" {
		return "text"
	}
	return f.value
}

func (f *formatFlag) Set(s string) error {
	ok := false
	for _, v := range formats {
		ok = ok || s == v
	}
	if !ok {
		return fmt.Errorf("want one of %s", strings.Join(formats, ", "))
	}
	f.value = s
	if s == "json" {
		if j := flag.Lookup("json"); j != nil {
			return j.Value.Set("true")
		}
	}
	return nil
}

// triState is a boolean flag that knows whether it was set, like
// multichecker's -NAME flags: -NAME runs only the named analyzers,
// -NAME=false all but those.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }
func (ts *triState) Get() any         { return *ts == setTrue }
func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

// seenFlag records that -V was given, whatever its value: multichecker
// prints the version for -V=full and rejects any other value.
type seenFlag struct{ seen bool }

func (f *seenFlag) IsBoolFlag() bool { return true }
func (f *seenFlag) String() string   { return "" }
func (f *seenFlag) Set(string) error { f.seen = true; return nil }
func (f *seenFlag) Get() any         { return f.seen }

// reportOptions is a parsed command line of a -format=sarif|github run.
type reportOptions struct {
	format    string
	analyzers []*analysis.Analyzer // selected by -NAME flags
	all       []*analysis.Analyzer // the whole suite, in order
	patterns  []string
	test      bool
	debug     string
	cpuprof   string
	memprof   string
	trace     string
	conflict  string // a flag that cannot be combined with format, if set
	vetConfig bool   // the only argument is a go vet .cfg file
}

// parseReportArgs parses args as multichecker would, with a flag set that
// mirrors its flags. It returns nil, leaving the run to multichecker, unless
// the run is an analysis with -format=sarif or -format=github. It also
// returns nil when the flags do not parse, so that multichecker reports the
// error in its own words. Either way it applies -tags (see applyTags).
func parseReportArgs(args []string) *reportOptions {
	fs := flag.NewFlagSet("conclint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	o := &reportOptions{all: analyzers.All()}
	enabled := make([]*triState, len(o.all))
	for i, a := range o.all {
		enabled[i] = new(triState)
		fs.Var(enabled[i], a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}

	var format formatFlag
	fs.Var(&format, "format", formatUsage)
	printFlags := fs.Bool("flags", false, "print analyzer flags in JSON")
	version := new(seenFlag)
	fs.Var(version, "V", "print version and exit")
	jsonOut := fs.Bool("json", false, "emit JSON output")
	fs.Int("c", -1, "display offending line with this many lines of context")
	fix := fs.Bool("fix", false, "apply all suggested fixes")
	diff := fs.Bool("diff", false, "with -fix, don't update the files, but print a unified diff")
	fs.Bool("source", false, "no effect (deprecated)")
	fs.Bool("v", false, "no effect (deprecated)")
	fs.Bool("all", false, "no effect (deprecated)")
	tags := fs.String("tags", "", "analyse the files built with these comma-separated build tags (added to GOFLAGS)")
	fs.StringVar(&o.debug, "debug", "", `debug flags, any subset of "fpstv"`)
	fs.StringVar(&o.cpuprof, "cpuprofile", "", "write CPU profile to this file")
	fs.StringVar(&o.memprof, "memprofile", "", "write memory profile to this file")
	fs.StringVar(&o.trace, "trace", "", "write trace log to this file")
	fs.BoolVar(&o.test, "test", true, "indicates whether test files should be analyzed, too")

	if err := fs.Parse(args); err != nil {
		return nil
	}
	applyTags(*tags) // for multichecker's run too, which ignores -tags
	o.format = format.String()
	if o.format != "sarif" && o.format != "github" {
		return nil
	}
	o.patterns = fs.Args()
	if *printFlags || version.seen || len(o.patterns) == 0 || o.patterns[0] == "help" {
		return nil
	}
	o.vetConfig = len(o.patterns) == 1 && strings.HasSuffix(o.patterns[0], ".cfg")
	switch {
	case *fix:
		o.conflict = "-fix"
	case *diff:
		o.conflict = "-diff"
	case *jsonOut:
		o.conflict = "-json"
	}

	// Select analyzers as multichecker does: if any -NAME is true, run only
	// those; otherwise, if any -NAME is false, run all but those.
	var hasTrue, hasFalse bool
	for _, ts := range enabled {
		hasTrue = hasTrue || *ts == setTrue
		hasFalse = hasFalse || *ts == setFalse
	}
	for i, a := range o.all {
		switch {
		case hasTrue && *enabled[i] != setTrue:
		case !hasTrue && hasFalse && *enabled[i] == setFalse:
		default:
			o.analyzers = append(o.analyzers, a)
		}
	}
	return o
}
