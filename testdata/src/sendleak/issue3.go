package sendleak

import "sync"

// From runtime's benchmarks: the receive loop over range n is skipped when
// n is zero; then no goroutine was started either.
func sumAll(procs int) int {
	var wg sync.WaitGroup
	results := make(chan int)
	for range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- 1
		}()
	}
	total := 0
	for range procs {
		total += <-results
	}
	return total
}
