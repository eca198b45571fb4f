//go:build !robusttag

package tags

func impl(n int) int { return n * (n - 1) / 2 }
