// Package testcode tells the packages that exist for tests (helpers,
// fixtures, end-to-end suites) from the code they test. Analyzers that
// leave tests alone leave these alone too: their data is the tests'.
package testcode

import "strings"

// SupportPackage reports whether the import path names a package that
// exists for tests: one with an element test, tests, testing, testutil,
// e2e, or any element starting or ending with "test" (httptest, e2etest,
// testenv), other than testdata (fixtures and demos, checked like any
// code) and latest.
func SupportPackage(path string) bool {
	for el := range strings.SplitSeq(path, "/") {
		el = strings.ToLower(el)
		if el == "testdata" {
			continue
		}
		if el == "e2e" || strings.HasPrefix(el, "test") || strings.HasSuffix(el, "test") && el != "latest" {
			return true
		}
	}
	return false
}
