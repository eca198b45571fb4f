package syntaxerr

import "sync"

// Broken stops parsing half-way: analyzers that run despite errors get a
// partial syntax tree.
func Broken(wg *sync.WaitGroup, items []int) {
	for _, it := range items {
		wg.Add(1)
		go func( {
			defer wg.Done(
			_ = it
		}
	defer func() { for { select { case <-
}

func After() {}
