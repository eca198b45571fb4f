// Package typeerr does not type-check: undefined names, mismatched types,
// wrong argument counts, around the shapes conclint looks at. Analyzers that
// run despite errors see nil types and objects here.
package typeerr

import (
	"context"
	"os"
	"sync"
)

func Undefined(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		defer undefinedRelease(f)
		go func() {
			wg.Add(undefinedCount)
			defer wg.Done()
			process(f)
		}()
	}
	wg.Wait(1)
}

func WrongTypes(ctx context.Context, ch chan int) {
	ctx, cancel := context.WithCancel(ctx, 3)
	defer cancel(ctx)
	for {
		select {
		case v := <-ch:
			ch <- "not an int"
			_ = v.Field
		case <-ctx.Done:
		default:
		}
	}
}

func MissingReturn(mu *sync.Mutex) int {
	for i := range mu {
		mu.Lock(i)
		defer mu.Unlock()
	}
}

type T struct{ undefinedType }

func (t *T) Close() error { return t.undefinedType.Close() }

func UseT(ts []T) {
	for _, t := range ts {
		defer t.Close()
		go t.Missing()
	}
	var x int = "string"
	_ = x
	unknownpkg.Call()
}
