//go:build !cgo

package cgo

// Twice doubles each element (the pure-Go variant).
func Twice(xs []int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = 2 * x
	}
	return out
}
