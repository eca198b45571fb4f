// Package generics puts the shapes conclint looks at behind type parameters.
package generics

import (
	"context"
	"io"
	"sync"
)

// Closer is any value with Close, a type parameter's constraint.
type Closer interface{ Close() error }

// CloseAll defers Close of a type-parameter value in a loop.
func CloseAll[C Closer](cs []C) {
	for _, c := range cs {
		defer c.Close()
	}
}

// Locker is satisfied by *sync.Mutex and *sync.RWMutex.
type Locker interface {
	Lock()
	Unlock()
}

// Guard locks in a loop through a type parameter.
func Guard[L Locker](ls []L, f func()) {
	for _, l := range ls {
		l.Lock()
		defer l.Unlock()
		f()
	}
}

// Pool runs work on one goroutine per item, with a generic result channel.
type Pool[T, R any] struct {
	wg  sync.WaitGroup
	out chan R
	fn  func(T) R
}

func NewPool[T, R any](fn func(T) R, n int) *Pool[T, R] {
	return &Pool[T, R]{out: make(chan R, n), fn: fn}
}

func (p *Pool[T, R]) Run(items []T) []R {
	for _, it := range items {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.out <- p.fn(it)
		}()
	}
	p.wg.Wait()
	close(p.out)
	var rs []R
	for r := range p.out {
		rs = append(rs, r)
	}
	return rs
}

// Send sends on a channel of a type parameter's type, with or without a
// receiver; the caller decides.
func Send[T any, C ~chan T](c C, v T) {
	go func() { c <- v }()
}

// Ctx is a generic function with a context and a cancel func.
func Ctx[K comparable, V any](ctx context.Context, m map[K]V, f func(context.Context, K, V)) {
	for k, v := range m {
		cctx, cancel := context.WithCancel(ctx)
		f(cctx, k, v)
		cancel()
	}
}

// Instantiations, so that SSA builds the generic bodies' instances.
var (
	_ = NewPool(func(i int) string { return "" }, 1).Run
	_ = CloseAll[io.ReadCloser]
	_ = Guard[*sync.Mutex]
	_ = Send[int, chan int]
	_ = Ctx[string, int]
)

// Recursive generic type with a method value handed to a goroutine.
type Tree[T any] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Walk(ch chan<- T) {
	if t == nil {
		return
	}
	t.Left.Walk(ch)
	ch <- t.Val
	t.Right.Walk(ch)
}

func Values[T any](t *Tree[T]) []T {
	ch := make(chan T)
	go func() {
		t.Walk(ch)
		close(ch)
	}()
	var out []T
	for v := range ch {
		out = append(out, v)
	}
	return out
}

var walk = (*Tree[int]).Walk
