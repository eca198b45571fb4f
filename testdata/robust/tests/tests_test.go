package tests

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestLoop(t *testing.T) {
	for _, name := range []string{"a", "b", "c"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := Dial()
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
		})
	}
	for i := 0; i < 3; i++ {
		c, _ := Dial()
		defer c.Close()
		t.Cleanup(func() { c.Close() })
	}
}

func TestGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i < 0 {
				t.Error("negative") // t.Error, not t.Fatal, from a goroutine
			}
			errs <- nil
		}()
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	select {
	case <-ctx.Done():
	case <-errs:
	}
}

func BenchmarkLoop(b *testing.B) {
	for b.Loop() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
}

func FuzzX(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		ch := make(chan string)
		go func() { ch <- s }()
		<-ch
	})
}
