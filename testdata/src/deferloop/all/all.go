package all

import (
	"fmt"
	"os"
)

// With -deferloop.all, deferred calls that release nothing are reported too.
func logging(names []string) {
	for _, n := range names {
		defer fmt.Println("done", n) // want `defer fmt.Println\("done", n\) in loop runs only when logging returns, once per iteration; move it out of the loop`
	}
}

// A loop that runs once is still not reported.
func first(names []string) {
	for _, n := range names {
		defer fmt.Println(n)
		return
	}
}

// Release calls keep their category.
func files(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `files stay open`
	}
}
