// Package tags has files for several build tags; robust_test.go loads it
// with and without -tags=robusttag.
package tags

import "sync"

var mu sync.Mutex

// Run is always built; impl comes from a tag-dependent file.
func Run(n int) int {
	mu.Lock()
	defer mu.Unlock()
	return impl(n)
}
