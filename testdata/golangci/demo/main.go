// Command demo is a copy of testdata/demo for the golangci-lint end-to-end test:
// concurrency bug conclint catches, next to correct code that looks alike.
// It is the input of the README's first command:
//
//	go run ./cmd/conclint ./testdata/demo
//
// Each analyzer's case lives in its own file (deferloop.go, wgadd.go, ...),
// which registers its steps in init.
package main

import (
	"fmt"
	"os"
)

// A step is one piece of the demo's work.
type step struct {
	name string
	run  func() error
}

var steps []step

func main() {
	for _, s := range steps {
		if err := s.run(); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", s.name, err)
		}
	}
}
