// Package testfiles is checked with -ctxignore.tests: its _test.go file and
// the package itself (its name starts with "test") are reported.
package testfiles
