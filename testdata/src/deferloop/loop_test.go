package deferloop

import (
	"os"
	"testing"
)

func TestFiles(t *testing.T) {
	for _, name := range listFiles(t) {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close() // want `defer f.Close\(\) in loop runs only when TestFiles returns`
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
