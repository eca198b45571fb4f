// Package odd gathers legal Go that is rare in real code: goto and labels,
// unreachable code, empty and nil selects, shadowed builtins, look-alike
// packages, method values and expressions, bodyless declarations, embedded
// sync types, channels of channels.
package odd

import (
	"context"
	"os"
	stdsync "sync"
	_ "unsafe"

	sync "robust/fakesync"
)

// LookAlike uses a package named sync that is not the standard library's.
func LookAlike(items []string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, it := range items {
		wg.Add(it)
		go func() {
			defer wg.Done(it)
			mu.Lock()
			defer mu.Unlock(1)
		}()
	}
	<-wg.Wait()
	ctx, cancel, _ := sync.WithCancel(nil)
	defer cancel(true)
	_ = ctx.Done() + 1
}

// Shadowed builtins and standard names.
func Shadowed(ch chan int) {
	close := func(chan int) {}
	len := 3
	panic := func(string) {}
	for i := 0; i < len; i++ {
		close(ch)
		panic("not really")
	}
	var context struct{ Background func() int }
	context.Background = func() int { return 0 }
	_ = context.Background()
}

// Goto jumps around defers and go statements.
func Goto(paths []string) (n int) {
	i := 0
loop:
	if i >= len(paths) {
		goto done
	}
	if f, err := os.Open(paths[i]); err == nil {
		defer f.Close()
		n++
	}
	i++
	goto loop
done:
	return n
}

// Unreachable code after a return, a panic and an infinite loop.
func Unreachable(ch chan int) int {
	for {
		select {
		case v := <-ch:
			return v
		}
	}
	go func() { ch <- 1 }()
	defer close(ch)
	panic("unreachable")
}

// EmptySelect blocks forever on purpose, in a goroutine.
func EmptySelect() {
	go func() { select {} }()
	var nilch chan int
	go func() { nilch <- 1 }()
	go func() { <-nilch }()
	go func() {
		for {
		}
	}()
}

// Embedded sync types with promoted methods, used through method values and
// method expressions.
type Guarded struct {
	stdsync.Mutex
	stdsync.WaitGroup
	items []int
}

func (g *Guarded) AddAll(xs []int) {
	lock, unlock := g.Lock, g.Unlock
	done := (*stdsync.WaitGroup).Done
	for _, x := range xs {
		g.Add(1)
		go func() {
			defer done(&g.WaitGroup)
			lock()
			defer unlock()
			g.items = append(g.items, x)
		}()
	}
	g.Wait()
}

// Channels of channels, send-only and receive-only, closed in a defer.
func Chans(reqs <-chan chan<- int, results chan chan int) {
	defer close(results)
	for r := range reqs {
		reply := make(chan int, 1)
		results <- reply
		go func() { r <- <-reply }()
	}
}

// Bodyless declaration, implemented elsewhere (linkname).
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

// Recursive closures and goroutines that start goroutines.
func Recursive(depth int, ctx context.Context) {
	var spawn func(int)
	spawn = func(d int) {
		if d == 0 {
			return
		}
		go spawn(d - 1)
		go func() {
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			<-ctx.Done()
		}()
	}
	spawn(depth)
}

// Many inits.
func init() {}
func init() { go func() {}() }

// Blank and anonymous things.
var _ = func() int {
	var _ stdsync.Mutex
	ch := make(chan struct{})
	go func() { defer close(ch) }()
	<-ch
	return 0
}()

// Struct{} channels in a map, ranged over.
func MapOfChans(m map[string]chan struct{}) {
	for k, ch := range m {
		delete(m, k)
		close(ch)
	}
}

// Labeled loops with a defer in a switch in a select.
func Labeled(chs []chan int, mu *stdsync.Mutex) {
Outer:
	for i, ch := range chs {
		select {
		case v, ok := <-ch:
			switch {
			case !ok:
				continue Outer
			case v == i:
				mu.Lock()
				defer mu.Unlock()
				break Outer
			}
		}
	}
}
