package busyselect

import (
	"context"
	"log"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"go.uber.org/zap"
)

// The textbook shape: an empty default in for {}.
func waitDone(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default: // want `select in loop has a non-blocking default, so the loop spins a CPU; remove the default or wait in it`
		}
	}
}

// The loop condition is not a way out: stopped changes only when quit is
// ready, so until then the loop spins.
func untilQuit(quit <-chan struct{}, in <-chan int) int {
	total := 0
	stopped := false
	for !stopped {
		select {
		case <-quit:
			stopped = true
		case v := <-in:
			total += v
		default: // want `non-blocking default, so the loop spins`
		}
	}
	return total
}

// Counting in the default does not wait.
func countIdle(in <-chan int, done <-chan struct{}) (sum, idle int) {
	for {
		select {
		case v := <-in:
			sum += v
		case <-done:
			return sum, idle
		default: // want `non-blocking default`
			idle++
		}
	}
}

type poller struct {
	in    chan int
	done  chan struct{}
	idle  bool
	spins int
	last  int
}

// Setting a flag in the default does not wait.
func (p *poller) run() {
	for {
		select {
		case v := <-p.in:
			p.last = v
			p.idle = false
		case <-p.done:
			return
		default: // want `non-blocking default`
			p.idle = true
		}
	}
}

// Logging does not wait either.
func logWhileWaiting(ready <-chan bool) bool {
	for {
		select {
		case ok := <-ready:
			return ok
		default: // want `non-blocking default`
			log.Println("not ready yet")
		}
	}
}

// continue goes straight back to the select.
func withContinue(jobs <-chan func(), done <-chan struct{}) {
	for {
		select {
		case job := <-jobs:
			job()
			continue
		case <-done:
			return
		default: // want `non-blocking default`
			continue
		}
	}
}

// runtime.Gosched lets other goroutines run but the loop still burns its
// CPU: reported with its own wording.
func yieldLoop(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default: // want `default that only yields with runtime.Gosched, so the loop still spins a CPU`
			runtime.Gosched()
		}
	}
}

// Checking ctx between iterations of a loop that does nothing else.
func waitCtx(ctx context.Context, n *int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default: // want `non-blocking default`
		}
		*n++
	}
}

// An atomic flag read in the loop condition: another goroutine sets it,
// and the loop spins until then.
type worker struct {
	closed atomic.Bool
	in     chan int
	total  int
}

func (w *worker) loop() {
	for !w.closed.Load() {
		select {
		case x := <-w.in:
			w.total += x
		default: // want `non-blocking default`
		}
	}
}

// The default calls a helper of the same package that only counts.
func (p *poller) noteSpin() { p.spins++ }

func (p *poller) runHelper() {
	for {
		select {
		case <-p.done:
			return
		default: // want `non-blocking default`
			p.noteSpin()
		}
	}
}

// A method value of the same package, called in the default.
func (p *poller) runMethodValue() {
	note := p.noteSpin
	for {
		select {
		case <-p.done:
			return
		default: // want `non-blocking default`
			note()
		}
	}
}

// Generic code spins the same way.
func drain[T any](ch <-chan T, stop <-chan struct{}) []T {
	var out []T
	for {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-stop:
			return out
		default: // want `non-blocking default`
		}
	}
}

// In a goroutine's function literal.
func startSpinner(done chan struct{}) {
	go func() {
		for {
			select {
			case <-done:
				return
			default: // want `non-blocking default`
			}
		}
	}()
}

// A three-clause loop without a condition never ends by itself.
func numbered(done <-chan struct{}) int {
	for i := 0; ; i++ {
		select {
		case <-done:
			return i
		default: // want `non-blocking default`
		}
	}
}

// A deadline in the loop condition: a busy wait of up to timeout.
func waitResult(res <-chan int, timeout time.Duration) (int, bool) {
	start := time.Now()
	for time.Since(start) < timeout {
		select {
		case r := <-res:
			return r, true
		default: // want `non-blocking default`
		}
	}
	return 0, false
}

// Two non-blocking selects in one loop: one report for the loop.
func twoPolls(a, b <-chan int, done <-chan struct{}) (x, y int) {
	for {
		select {
		case x = <-a:
		case <-done:
			return
		default: // want `non-blocking default`
		}
		select {
		case y = <-b:
		default:
		}
	}
}

// A counter the loop condition does not read does not bound the loop.
func untilQuitCounting(quit <-chan struct{}) int {
	misses := 0
	done := false
	for !done {
		select {
		case <-quit:
			done = true
		default: // want `non-blocking default`
			misses++
		}
	}
	return misses
}

// A closure that only sets a captured variable.
func closureDefault(done <-chan struct{}) bool {
	idle := false
	markIdle := func() { idle = true }
	for {
		select {
		case <-done:
			return idle
		default: // want `non-blocking default`
			markIdle()
		}
	}
}

// The select is reached on every iteration through a switch.
func inSwitch(mode int, done <-chan struct{}) {
	for {
		switch mode {
		case 0:
			select {
			case <-done:
				return
			default: // want `non-blocking default`
			}
		default:
			select {
			case <-done:
				return
			default:
			}
		}
	}
}

// Logging through zap does not wait.
func zapIdle(lg *zap.Logger, in <-chan string) string {
	for {
		select {
		case s := <-in:
			return s
		default: // want `non-blocking default`
			lg.Debug("no input", zap.String("queue", "in"))
		}
	}
}

// A poll with runtime.Gosched after the select: the test helper shape
// (crypto/tls in the standard library).
func pollLoaded(m *sync.Map, key string, timeout <-chan time.Time) bool {
	for {
		select {
		case <-timeout:
			return false
		default: // want `only yields with runtime.Gosched`
			if _, ok := m.Load(key); ok {
				return true
			}
		}
		runtime.Gosched()
	}
}
