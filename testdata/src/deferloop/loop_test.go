package deferloop

import (
	"os"
	"sync"
	"testing"
)

func TestFiles(t *testing.T) {
	for _, name := range listFiles(t) {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close() // resources in tests are reported only with -deferloop.tests
	}
}

func listFiles(t *testing.T) []string { return nil }

// A test table spelled out in the code bounds what piles up.
var table = []string{"a", "b"}

func TestTable(t *testing.T) {
	for _, name := range table {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
	}
}

func TestSubtests(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		t.Run(name, func(t *testing.T) {
			f, _ := os.Open(name)
			defer f.Close() // runs when the subtest returns
		})
	}
}

// Locks are reported in tests too: the test would hang.
func TestLocks(t *testing.T) {
	var mu sync.Mutex
	for _, name := range listFiles(t) {
		mu.Lock()
		defer mu.Unlock() // want `the next iteration's mu.Lock\(\) deadlocks`
		_ = name
	}
}
