// Package ssaloops finds the blocks of an SSA function that lie on a
// cycle of its control-flow graph: the blocks of its loops.
package ssaloops

import "golang.org/x/tools/go/ssa"

// Blocks returns, by block index, whether each block of fn lies on a
// cycle of its control-flow graph: it jumps to itself, or it belongs to a
// strongly connected component of more than one block (Tarjan's
// algorithm).
func Blocks(fn *ssa.Function) []bool {
	n := len(fn.Blocks)
	in := make([]bool, n)
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next := 0
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		i := b.Index
		index[i], low[i] = next, next
		next++
		stack = append(stack, i)
		onStack[i] = true
		for _, s := range b.Succs {
			j := s.Index
			if index[j] < 0 {
				visit(s)
				low[i] = min(low[i], low[j])
			} else if onStack[j] {
				low[i] = min(low[i], index[j])
			}
			if j == i {
				in[i] = true
			}
		}
		if low[i] == index[i] {
			var scc []int
			for {
				j := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[j] = false
				scc = append(scc, j)
				if j == i {
					break
				}
			}
			if len(scc) > 1 {
				for _, j := range scc {
					in[j] = true
				}
			}
		}
	}
	for _, b := range fn.Blocks {
		if index[b.Index] < 0 {
			visit(b)
		}
	}
	return in
}
