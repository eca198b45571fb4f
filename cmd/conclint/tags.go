package main

import (
	"os"
	"strings"
)

// applyTags makes -tags work in a standalone run. multichecker lists the
// flag but ignores it, and the build tags that go/packages uses come from
// the go command's own flags, so parseReportArgs passes the value of -tags
// here and it is added to GOFLAGS: conclint -tags=integration ./...
// analyses the files built with that tag. Under go vet, vet passes -tags
// to the go command itself and never to its tool.
func applyTags(tags string) {
	// The go command takes a comma-separated list; a space-separated one
	// is its old form, and GOFLAGS splits on spaces.
	tags = strings.Join(strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' }), ",")
	if tags == "" {
		return
	}
	os.Setenv("GOFLAGS", strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+tags))
}
