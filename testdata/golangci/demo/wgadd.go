package main

import (
	"fmt"
	"strings"
	"sync"
)

func init() {
	steps = append(steps, step{"index documents", func() error {
		docs := []string{"the quick brown fox", "jumps over the lazy dog"}
		ix := &wgaddIndex{words: make(map[string]int)}
		ix.indexAll(docs)
		st := &wgaddStats{lengths: make(map[string]int)}
		st.measureAll(docs)
		ix.mu.Lock() // the index goroutines may still be running
		words := len(ix.words)
		ix.mu.Unlock()
		if words == 0 || len(st.lengths) != len(docs) {
			return fmt.Errorf("indexed %d words of %d documents", words, len(st.lengths))
		}
		return nil
	}})
}

// wgaddIndex counts words across documents, one goroutine per document.
type wgaddIndex struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	words map[string]int
}

// index runs as a goroutine started by indexAll, and counts itself only
// once it runs: indexAll's Wait can return before any index has started.
func (ix *wgaddIndex) index(doc string) {
	ix.wg.Add(1) // wgadd: too late, the goroutine is already running
	defer ix.wg.Done()
	for _, w := range strings.Fields(doc) {
		ix.mu.Lock()
		ix.words[w]++
		ix.mu.Unlock()
	}
}

func (ix *wgaddIndex) indexAll(docs []string) {
	for _, doc := range docs {
		go ix.index(doc)
	}
	ix.wg.Wait()
}

// wgaddStats is the correct twin: measureAll counts each goroutine before
// it starts it.
type wgaddStats struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	lengths map[string]int
}

func (st *wgaddStats) measure(doc string) {
	defer st.wg.Done()
	n := len(strings.Fields(doc))
	st.mu.Lock()
	st.lengths[doc] = n
	st.mu.Unlock()
}

func (st *wgaddStats) measureAll(docs []string) {
	for _, doc := range docs {
		st.wg.Add(1)
		go st.measure(doc)
	}
	st.wg.Wait()
}
