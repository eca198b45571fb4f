//go:build robusttag

package tags

import "sync"

func impl(n int) int {
	var wg sync.WaitGroup
	results := make(chan int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	wg.Wait()
	close(results)
	total := 0
	for r := range results {
		total += r
	}
	return total
}
