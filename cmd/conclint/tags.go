package main

import (
	"os"
	"strings"
)

// applyTags makes -tags work in a standalone run. multichecker lists the
// flag but ignores it, and the build tags that go/packages uses come from
// the go command's own flags, so a -tags value among the flags (before the
// first package pattern) is added to GOFLAGS: conclint -tags=integration
// ./... analyses the files built with that tag. Under go vet, vet passes
// -tags to the go command itself and never to its tool.
func applyTags(args []string) {
	tags, ok := "", false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "tags" {
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				break
			}
			i++
			value = args[i]
		}
		tags, ok = value, true // the last one wins, as with any flag
	}
	if !ok {
		return
	}
	// The go command takes a comma-separated list; a space-separated one
	// is its old form, and GOFLAGS splits on spaces.
	tags = strings.Join(strings.FieldsFunc(tags, func(r rune) bool { return r == ',' || r == ' ' }), ",")
	flags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -tags=" + tags)
	os.Setenv("GOFLAGS", flags)
}
