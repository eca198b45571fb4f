package tests

import (
	"os"
	"testing"
)

func list() []string { return nil }

// With -deferloop.tests, resources in test loops are reported.
func TestFiles(t *testing.T) {
	for _, name := range list() {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close() // want `defer f.Close\(\) in loop runs only when TestFiles returns; files stay open until then`
	}
}
