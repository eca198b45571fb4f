// Package linedir has //line directives that map positions to files that do
// not exist, to line 1 of another name, and back: a diagnostic's position
// must survive them.
package linedir

import (
	"os"
	"sync"
)

//line template.tmpl:100
func FromTemplate(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer f.Close()
	}
}

//line /nonexistent/generated/dir/x.y:1:1
func Elsewhere(wg *sync.WaitGroup, ch chan int) {
	go func() {
		wg.Add(1)
		defer wg.Done()
		ch <- 1
	}()
	wg.Wait()
}

/*line :7:3*/ func Inline(mu *sync.Mutex) { mu.Lock(); /*line x.go:1*/ defer mu.Unlock() }

//line linedir.go:40
func Back(ch chan int) {
	for {
		select {
		case <-ch:
		default:
		}
	}
}
