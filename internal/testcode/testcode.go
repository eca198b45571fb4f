// Package testcode tells the packages that exist for tests (helpers,
// fixtures, end-to-end suites) from the code they test. Analyzers that
// leave tests alone leave these alone too: their data is the tests'.
package testcode

import "strings"

// SupportPackage reports whether the import path names a package that
// exists for tests or benchmarks: one with an element test, tests,
// testing, testutil, e2e, bench, benchmark(s), or any element starting or
// ending with "test" (httptest, e2etest, testenv, loadtest), other than
// testdata (fixtures and demos, checked like any code) and latest. An
// element of words joined by - or _ counts word by word
// (integration-tests, e2e_suite).
func SupportPackage(path string) bool {
	for el := range strings.SplitSeq(path, "/") {
		for w := range strings.FieldsFuncSeq(strings.ToLower(el), func(r rune) bool { return r == '-' || r == '_' }) {
			if supportWord(w) {
				return true
			}
		}
	}
	return false
}

func supportWord(w string) bool {
	switch {
	case w == "testdata" || w == "latest":
		return false
	case w == "e2e" || w == "bench" || strings.HasPrefix(w, "benchmark"):
		return true
	}
	return strings.HasPrefix(w, "test") || strings.HasSuffix(w, "test")
}
