package main

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// githubLine is the documented -format=github line.
var githubLine = regexp.MustCompile(`^::warning file=([^,:]+),line=([1-9][0-9]*),col=([1-9][0-9]*),title=([a-z]+)::(.+)$`)

func TestGitHubDemo(t *testing.T) {
	t.Parallel()
	r := conclint(t, "-format=github", "./testdata/demo")
	if r.code != 3 || r.stderr != "" {
		t.Fatalf("want exit 3 and nothing on stderr, got %v", r)
	}
	var got []jsonFinding
	for line := range strings.Lines(r.stdout) {
		m := githubLine.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		if m == nil {
			t.Errorf("line %q does not match %s", line, githubLine)
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		got = append(got, jsonFinding{m[4], unescape(m[1]), l, c, unescape(m[5])})
	}
	if want := jsonFindings(t); !slices.Equal(sortedUnique(got), want) {
		t.Errorf("-format=github findings differ from -json:\n got %v\nwant %v", got, want)
	}
	for _, name := range expectedDemo(t) {
		if !strings.Contains(r.stdout, ",title="+name+"::") {
			t.Errorf("no %s line in the demo's -format=github output", name)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	res, base := synthetic(t)
	var buf bytes.Buffer
	t.Setenv("GITHUB_WORKSPACE", base)
	if err := writeGitHub(&buf, res); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=p.go,line=3,col=25,title=demo::x: 100%25 wrong,%0Areally: yes\n" +
		"::warning file=/elsewhere/q.go,line=2,col=11,title=other::elsewhere\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	if got := escapeProperty("a,b:c%d\r\n"); got != "a%2Cb%3Ac%25d%0D%0A" {
		t.Errorf("escapeProperty: %q", got)
	}
}

func unescape(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}
