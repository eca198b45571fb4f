package main

import (
	"bufio"
	"os"
	"sync"
)

func init() {
	steps = append(steps, step{"count lines", func() error {
		_, err := countLines(os.Args[1:])
		return err
	}})
}

// countLines counts the lines of every file. Its defer runs only when
// countLines returns, so every file stays open until the last is read.
func countLines(names []string) (int, error) {
	total := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // deferloop: files pile up
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			total++
		}
	}
	return total, nil
}

// lineStats is the correct twin: the function literal's defer runs at the
// end of each iteration.
type lineStats struct {
	mu     sync.Mutex
	counts map[string]int
}

func (s *lineStats) countAll(names []string) error {
	for _, name := range names {
		if err := func() error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			n := 0
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				n++
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			s.counts[name] = n
			return nil
		}(); err != nil {
			return err
		}
	}
	return nil
}
