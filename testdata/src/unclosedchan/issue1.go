package unclosedchan

import (
	"errors"
	"sync"
)

// issue1 (from a TSDB snapshot loader): the close sits under a condition
// correlated with later code (it closes when the last shard is reached, or
// after the loop if it never was). The returns come after both closes; a
// path that skips both is infeasible, and none of the returns is an early
// return that leaves before a close.
func issue1(recs []int, shards int) (map[int]int, error) {
	var (
		wg      sync.WaitGroup
		recCh   = make(chan int, shards)
		out     map[int]int
		partial = make([]map[int]int, shards)
	)
	wg.Add(shards)
	for i := range shards {
		go func() {
			defer wg.Done()
			partial[i] = make(map[int]int)
			for r := range recCh {
				partial[i][r]++
			}
		}()
	}
	for _, r := range recs {
		if r < 0 {
			// The last record: all shards are done.
			if out == nil {
				close(recCh)
				wg.Wait()
				out = merge(partial)
			}
			continue
		}
		recCh <- r
	}
	if out == nil {
		close(recCh)
		wg.Wait()
	}
	if len(recs) == 0 {
		return nil, errors.New("no records")
	}
	if out == nil {
		out = merge(partial)
	}
	return out, nil
}

func merge(ms []map[int]int) map[int]int {
	out := make(map[int]int)
	for _, m := range ms {
		for k, v := range m {
			out[k] += v
		}
	}
	return out
}
