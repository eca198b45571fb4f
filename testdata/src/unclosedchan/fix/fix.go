package fix

import "strconv"

func gen(xs []int) <-chan int {
	out := make(chan int) // want `out is sent on but never closed`
	go func() {
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

func total(xs []int) int {
	t := 0
	for v := range gen(xs) {
		t += v
	}
	return t
}

func parse(lines []string) []int {
	out := make(chan int)
	go func() {
		for _, l := range lines {
			n, err := strconv.Atoi(l)
			if err != nil {
				return // want `return skips close\(out\)`
			}
			out <- n
		}
		close(out)
	}()
	var ns []int
	for n := range out {
		ns = append(ns, n)
	}
	return ns
}

type stage struct{ out chan string }

func runStage(in []string) []string {
	s := &stage{out: make(chan string)}
	go func() {
		for _, x := range in {
			if x == "" {
				return // want `return skips close\(s.out\)`
			}
			s.out <- x
		}
		close(s.out)
	}()
	var res []string
	for x := range s.out {
		res = append(res, x)
	}
	return res
}

// noFix: the close is followed by more work, so deferring it would change
// the order; reported without a fix.
func noFix(lines []string, done func()) []int {
	out := make(chan int)
	go func() {
		for _, l := range lines {
			n, err := strconv.Atoi(l)
			if err != nil {
				return // want `return skips close\(out\)`
			}
			out <- n
		}
		close(out)
		done()
	}()
	var ns []int
	for n := range out {
		ns = append(ns, n)
	}
	return ns
}
