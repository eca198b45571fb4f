package loopgo

import (
	"strconv"
	"sync"
)

// Issue 18 (kubevirt's VM pool): scale-out asks a helper for count new
// names, one per iteration of a loop counted up to count, and creates a
// VM per name at once. The caller caps count at a burst; the names are as
// many as make([]string, count) would hold, a count the caller chose, not
// the size of a collection.

type vmPool struct {
	name  string
	taken map[string]bool
}

func (p *vmPool) create(name string) {}

// issue18Names finds count unused names, skipping the taken ones: the
// inner loop appends once and breaks.
func issue18Names(count int, base string, taken map[string]bool) []string {
	var names []string
	cur := 0
	for n := 0; n < count; n++ {
		i := cur
		for {
			name := base + "-" + strconv.Itoa(i)
			if !taken[name] {
				names = append(names, name)
				cur = i + 1
				break
			}
			i++
		}
	}
	return names
}

func issue18ScaleOut(p *vmPool, diff, burst int) {
	var wg sync.WaitGroup
	for _, name := range issue18Names(min(diff, burst), p.name, p.taken) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.create(name)
		}()
	}
	wg.Wait()
}

// A helper that counts with range over an int, made with a capacity.
func issue18IDs(count int) []string {
	ids := make([]string, 0, count)
	for i := range count {
		ids = append(ids, strconv.Itoa(i))
	}
	return ids
}

func issue18Batch(p *vmPool, size int) {
	ids := issue18IDs(size)
	for _, id := range ids {
		go p.create(id)
	}
}

// The same helper, asked through len for as many IDs as there are jobs.
func issue18Counted(p *vmPool, n int) {
	ids := issue18IDs(n)
	for i := 0; i < len(ids); i++ {
		go p.create(ids[i])
	}
}

// The same helpers asked for as many names as there are items: a
// goroutine per item.
func issue18PerItem(p *vmPool, items []string) {
	for _, name := range issue18Names(len(items), p.name, p.taken) {
		go p.create(name) // want `goroutine per element of issue18Names\(...\) with no concurrency limit`
	}
	ids := issue18IDs(len(items))
	for _, id := range ids {
		go p.create(id) // want `goroutine per element of ids with no concurrency limit`
	}
}

// A helper whose inner loop appends every element of its input on each
// round: the result is as long as the input, whatever count says.
func issue18Repeat(count int, items []string) []string {
	var out []string
	for n := 0; n < count; n++ {
		for _, it := range items {
			out = append(out, it)
		}
	}
	return out
}

func issue18Rounds(p *vmPool, items []string) {
	for _, s := range issue18Repeat(2, items) {
		go p.create(s) // want `goroutine per element of issue18Repeat\(2, items\) with no concurrency limit`
	}
}
