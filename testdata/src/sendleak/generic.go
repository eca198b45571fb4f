package sendleak

import (
	"context"
	"time"
)

// Generic code: the type parameter does not change the leak.
func withTimeout[T any](f func() T, d time.Duration) (T, bool) {
	ch := make(chan T)
	go func() { ch <- f() }() // want `send on ch blocks forever if withTimeout returns through the timeout case; make ch buffered \(make\(chan T, 1\)\)`
	select {
	case v := <-ch:
		return v, true
	case <-time.After(d):
		var zero T
		return zero, false
	}
}

// Its twin gives the channel a buffer.
func withTimeoutBuffered[T any](f func() T, d time.Duration) (T, bool) {
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(d):
		var zero T
		return zero, false
	}
}

// A generic sender function started with an explicit instantiation.
func deliver[T any](out chan<- T, v T) { out <- v } // want `send on out blocks forever if firstOf returns before receiving every value from ch`

func firstOf[T any](vs []T) T {
	ch := make(chan T)
	for _, v := range vs {
		go deliver[T](ch, v)
	}
	return <-ch
}

// The generic sender selects on the context that allOf cancels.
func deliverCtx[T any](ctx context.Context, out chan<- T, v T) {
	select {
	case out <- v:
	case <-ctx.Done():
	}
}

func allOf[T any](ctx context.Context, vs []T) T {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan T)
	for _, v := range vs {
		go deliverCtx(ctx, ch, v)
	}
	return <-ch
}
