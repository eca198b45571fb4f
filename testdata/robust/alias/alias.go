// Package alias reaches sync, context and channel types through aliases,
// generic aliases and named types.
package alias

import (
	"context"
	"sync"
)

type WG = sync.WaitGroup
type Mu = *sync.Mutex
type Cancel = context.CancelFunc
type Pipe[T any] = chan T
type Set[T comparable] = map[T]struct{}
type MyWG sync.WaitGroup
type Ch chan int

func Run(ctx context.Context, items Set[string], p Pipe[string], m Mu) {
	var wg WG
	for it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Lock()
			defer m.Unlock()
			p <- it
		}()
	}
	wg.Wait()
	var c Cancel
	ctx, c = context.WithCancel(ctx)
	defer c()
	_ = ctx
}

func (w *MyWG) Go(f func()) {
	(*sync.WaitGroup)(w).Go(f)
}

func (c Ch) Drain() {
	for range c {
	}
}
