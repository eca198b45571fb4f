// Package sync is not the standard library's sync: its names are the same,
// its signatures are not. Analyzers must match callees by package path and
// type, never by name alone, and must not assume a signature.
package sync

type WaitGroup struct{ n map[string]int }

func (wg *WaitGroup) Add(name string) int   { wg.n[name]++; return len(wg.n) }
func (wg *WaitGroup) Done(name ...string)   {}
func (wg *WaitGroup) Wait() <-chan struct{} { return nil }
func (wg *WaitGroup) Go(f func() error)     {}

type Mutex int

func (m *Mutex) Lock() bool        { return true }
func (m Mutex) Unlock(n int) error { return nil }

type Context interface{ Done() int }

func WithCancel(parent Context) (Context, func(bool), error) { return parent, func(bool) {}, nil }
