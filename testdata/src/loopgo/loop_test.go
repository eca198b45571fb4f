package loopgo

import (
	"sync"
	"testing"
)

// Tests spawning per case over a literal table are bounded.
func TestTable(t *testing.T) {
	tests := []struct {
		name string
		job  Job
	}{
		{"a", Job{1}},
		{"b", Job{2}},
	}
	var wg sync.WaitGroup
	for _, tc := range tests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(tc.job)
		}()
	}
	wg.Wait()
}

func loadJobs(t *testing.T) []Job { return nil }

// Any collection in a test is the test's own data, fixed by its author.
func TestLoaded(t *testing.T) {
	var wg sync.WaitGroup
	for _, j := range loadJobs(t) {
		wg.Add(1)
		go func() { defer wg.Done(); process(j) }()
	}
	wg.Wait()
}

func BenchmarkPool(b *testing.B) {
	for i := 0; i < b.N; i++ {
		go process(Job{ID: i})
	}
}

// A test takes the function's value: its callers in the package are still
// all of its callers (issue10.go).
var issue10SyncWidthForTest = issue10SyncWidth
