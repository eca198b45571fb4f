package main

import (
	"os"
	"strings"
	"testing"
)

// TestApplyTags checks that the flags parsed as multichecker would parse
// them put -tags into GOFLAGS, whatever flags come before it.
func TestApplyTags(t *testing.T) {
	for _, tc := range []struct {
		goflags string
		args    []string
		want    string
	}{
		{"", []string{"./..."}, ""},
		{"", []string{"-tags=a", "./..."}, "-tags=a"},
		{"", []string{"--tags", "a,b", "./..."}, "-tags=a,b"},
		{"", []string{"-tags=a b", "./..."}, "-tags=a,b"},
		{"-mod=mod", []string{"-json", "-tags=a", "-tags=c", "./..."}, "-mod=mod -tags=c"},
		{"", []string{"-c", "3", "-debug", "t", "-tags=a", "./..."}, "-tags=a"}, // flags with values
		{"", []string{"-loopgo.min-trips", "10", "-tags", "a", "./..."}, "-tags=a"},
		{"", []string{"./...", "-tags=a"}, ""},    // after a pattern: a pattern
		{"", []string{"--", "-tags=a"}, ""},       // after --: a pattern
		{"", []string{"-deferloop", "-tags"}, ""}, // no value: multichecker's error
		{"", []string{"-tags=a", "-nosuchflag"}, ""},
		{"-mod=mod", []string{"./..."}, "-mod=mod"}, // untouched
	} {
		t.Setenv("GOFLAGS", tc.goflags)
		parseReportArgs(tc.args)
		if got := os.Getenv("GOFLAGS"); got != tc.want {
			t.Errorf("GOFLAGS=%q, args %q: GOFLAGS = %q, want %q", tc.goflags, tc.args, got, tc.want)
		}
	}
}

// TestTags runs the binary on a package whose only finding is in a file
// built with a tag: -tags must reach the go command in every format.
func TestTags(t *testing.T) {
	t.Parallel()
	if r := conclint(t, "./testdata/tags"); r.code != 0 {
		t.Fatalf("conclint ./testdata/tags, no tags: want exit 0\n%v", r)
	}
	for _, args := range [][]string{
		{"-tags=conclinttag"},
		{"-tags", "conclinttag"},
		{"-format=github", "-tags=conclinttag"},
	} {
		r := conclint(t, append(args, "./testdata/tags")...)
		if r.code != 3 || !strings.Contains(r.stdout+r.stderr, "tagged.go") {
			t.Errorf("conclint %s ./testdata/tags: want exit 3 and a finding in tagged.go\n%v", strings.Join(args, " "), r)
		}
	}
}
