// Package testcode tells the packages that exist for tests (helpers,
// fixtures, end-to-end suites) from the code they test. Analyzers that
// leave tests alone leave these alone too: their data is the tests'.
package testcode

import "strings"

// SupportPackage reports whether the import path names a package that
// exists for tests or benchmarks: one with an element test, tests,
// testing, testutil, e2e, bench, benchmark(s), or any element starting or
// ending with "test" (httptest, e2etest, testenv, loadtest), other than
// testdata (fixtures and demos, checked like any code) and latest.
func SupportPackage(path string) bool {
	for el := range strings.SplitSeq(path, "/") {
		el = strings.ToLower(el)
		switch {
		case el == "testdata" || el == "latest":
			continue
		case el == "e2e" || el == "bench" || strings.HasPrefix(el, "benchmark"):
			return true
		case strings.HasPrefix(el, "test") || strings.HasSuffix(el, "test"):
			return true
		}
	}
	return false
}
