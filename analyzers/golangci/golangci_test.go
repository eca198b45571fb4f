package golangci_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"

	"github.com/conclint/conclint/analyzers"
	_ "github.com/conclint/conclint/analyzers/golangci"
	"github.com/conclint/conclint/internal/analyzerdoc"
	"github.com/conclint/conclint/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite .golangci.example.yml")

// build calls the plugin constructor golangci-lint would call for name.
func build(t *testing.T, name string, settings any) (*analysis.Analyzer, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin(name)
	if err != nil {
		t.Fatalf("plugin %s is not registered: %v", name, err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("%s: load mode %q, want %q", name, mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("%s: BuildAnalyzers: %v", name, err)
	}
	if len(as) != 1 || as[0].Name != name {
		t.Fatalf("%s: BuildAnalyzers returned %v, want the one analyzer %s", name, as, name)
	}
	return as[0], nil
}

func TestPlugins(t *testing.T) {
	for _, e := range analyzers.Entries() {
		t.Run(e.Name, func(t *testing.T) {
			def := e.New()
			for _, settings := range []any{nil, map[string]any{}} {
				a, err := build(t, e.Name, settings)
				if err != nil {
					t.Fatalf("settings %#v: %v", settings, err)
				}
				if a == def {
					t.Errorf("the plugin shares its analyzer with analyzers.All()")
				}
				def.Flags.VisitAll(func(f *flag.Flag) {
					if got := a.Flags.Lookup(f.Name).Value.String(); got != f.DefValue {
						t.Errorf("settings %#v: %s = %s, want the default %s", settings, f.Name, got, f.DefValue)
					}
				})
			}

			// Strict: an unknown key is an error that names it.
			_, err := build(t, e.Name, map[string]any{"no-such-setting": true})
			if err == nil || !strings.Contains(err.Error(), "no-such-setting") || !strings.Contains(err.Error(), e.Name) {
				t.Errorf("unknown key: want an error naming %s and no-such-setting, got %v", e.Name, err)
			}

			// Each setting reaches the analyzer's flag of the same name.
			def.Flags.VisitAll(func(f *flag.Flag) {
				v, ok := otherValue(f)
				if !ok {
					return
				}
				a, err := build(t, e.Name, map[string]any{f.Name: v})
				if err != nil {
					t.Errorf("setting %s: %v", f.Name, err)
					return
				}
				if got, want := a.Flags.Lookup(f.Name).Value.String(), fmt.Sprint(v); got != want {
					t.Errorf("setting %s: %v gives flag value %s", f.Name, v, got)
				}
			})
		})
	}
}

// otherValue returns a value other than f's default, of f's type, for the
// types whose flag text and YAML value agree.
func otherValue(f *flag.Flag) (any, bool) {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return nil, false
	}
	switch v := g.Get().(type) {
	case bool:
		return !v, true
	case int:
		return v + 1, true
	case string:
		return v + "x", true
	}
	return nil, false
}

// TestExampleConfig keeps .golangci.example.yml equal to what the suite
// generates: every analyzer enabled, every setting shown at its default with
// its flag's usage as comment.
func TestExampleConfig(t *testing.T) {
	path := filepath.Join(fixture.Root(t), ".golangci.example.yml")
	want := exampleConfig(t)
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date; run: go test ./analyzers/golangci -run TestExampleConfig -update\n--- want:\n%s", path, want)
	}

	// It is a golangci-lint v2 config whose settings the plugins accept
	// as they are, after golangci-lint's YAML decoding.
	var cfg struct {
		Version string
		Linters struct {
			Enable   []string
			Settings struct {
				Custom map[string]struct {
					Type        string
					Description string
					OriginalURL string `yaml:"original-url"`
					Settings    map[string]any
				}
			}
		}
	}
	if err := yaml.Unmarshal(got, &cfg); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if cfg.Version != "2" {
		t.Errorf("version %q, want \"2\"", cfg.Version)
	}
	for i, e := range analyzers.Entries() {
		if i >= len(cfg.Linters.Enable) || cfg.Linters.Enable[i] != e.Name {
			t.Errorf("linters.enable %v does not list %s at %d", cfg.Linters.Enable, e.Name, i)
		}
		c, ok := cfg.Linters.Settings.Custom[e.Name]
		if !ok || c.Type != "module" || c.Description == "" {
			t.Errorf("linters.settings.custom.%s = %+v, want type module and a description", e.Name, c)
			continue
		}
		a, err := build(t, e.Name, c.Settings)
		if err != nil {
			t.Errorf("%s settings %v: %v", e.Name, c.Settings, err)
			continue
		}
		e.New().Flags.VisitAll(func(f *flag.Flag) {
			if _, ok := c.Settings[f.Name]; !ok {
				t.Errorf("%s: setting %s is not shown", e.Name, f.Name)
			}
			if got := a.Flags.Lookup(f.Name).Value.String(); got != f.DefValue {
				t.Errorf("%s: example setting %s gives %s, want the default %s", e.Name, f.Name, got, f.DefValue)
			}
		})
	}
}

func exampleConfig(t *testing.T) []byte {
	var b bytes.Buffer
	b.WriteString(`# golangci-lint v2 configuration that enables every conclint analyzer and
# shows every setting at its default value. A setting is the analyzer's flag
# without the NAME. prefix: -deferloop.all is deferloop's "all".
#
# golangci-lint loads conclint as a module plugin: build a custom binary
# first, with this .custom-gcl.yml next to your go.mod,
#
#   version: v2.15.0
#   plugins:
#     - module: github.com/conclint/conclint
#       import: github.com/conclint/conclint/analyzers/golangci
#       version: latest
#
# then run "golangci-lint custom" and use ./custom-gcl in place of
# golangci-lint. Each analyzer is a linter of its own: enable the ones you
# want, and silence one line with //nolint:NAME (or, under every driver,
# //conclint:ignore NAME reason).
#
# Generated by: go test ./analyzers/golangci -run TestExampleConfig -update
version: "2"

linters:
  enable:
`)
	es := analyzers.Entries()
	for _, e := range es {
		fmt.Fprintf(&b, "    - %s\n", e.Name)
	}
	b.WriteString("  settings:\n    custom:\n")
	for _, e := range es {
		a := e.New()
		fmt.Fprintf(&b, "      %s:\n", e.Name)
		fmt.Fprintf(&b, "        type: module\n")
		fmt.Fprintf(&b, "        description: %s\n", yamlString(analyzerdoc.Title(a.Doc)))
		fmt.Fprintf(&b, "        original-url: %s\n", yamlString(a.URL))
		n := 0
		a.Flags.VisitAll(func(*flag.Flag) { n++ })
		if n == 0 {
			fmt.Fprintf(&b, "        # %s has no settings.\n", e.Name)
			continue
		}
		b.WriteString("        settings:\n")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(&b, "          # -%s.%s: %s\n", e.Name, f.Name, f.Usage)
			fmt.Fprintf(&b, "          %s: %s\n", f.Name, yamlValue(t, e.Name, f))
		})
	}
	b.WriteString(`
issues:
  # golangci-lint shows only the first issue of a line by default, so a
  # conclint finding on a line that another linter also reports (errcheck on
  # defer f.Close(), say) would be hidden. Show them all.
  uniq-by-line: false
`)
	return b.Bytes()
}

// yamlValue is f's default as a YAML scalar of the type the analyzer's
// Config decodes.
func yamlValue(t *testing.T, name string, f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return yamlString(f.DefValue)
	}
	switch v := g.Get().(type) {
	case bool:
		return strconv.FormatBool(v)
	case int, int64, uint, uint64, float64:
		return fmt.Sprint(v)
	case string:
		return yamlString(v)
	case time.Duration:
		t.Errorf("%s.%s: a time.Duration setting decodes from integer nanoseconds in golangci-lint; use an int of seconds or milliseconds", name, f.Name)
		return fmt.Sprint(int64(v))
	}
	return yamlString(f.DefValue)
}

// yamlString quotes s as a YAML double-quoted scalar (a JSON string is one).
func yamlString(s string) string {
	return strconv.Quote(s)
}
