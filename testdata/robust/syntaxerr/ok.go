package syntaxerr

import "sync"

// Fine is correct; its sibling file is not.
func Fine(wg *sync.WaitGroup, ch chan int) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		ch <- 1
	}()
}
