package unclosedchan

import (
	"runtime"
	"sync"
)

// issue2 (from a blockchain node's signature cache): a process-wide worker
// pool, made once through sync.OnceValue, whose workers range over tasks for
// the life of the program. Nothing closes tasks, by design.
var recoverOnce = sync.OnceValue(func() *recoverer {
	return newRecoverer(runtime.NumCPU())
})

type recoverer struct {
	threads int
	tasks   chan []int
}

func newRecoverer(threads int) *recoverer {
	r := &recoverer{threads: threads, tasks: make(chan []int, threads)}
	for range threads {
		go r.work()
	}
	return r
}

func (r *recoverer) work() {
	for t := range r.tasks {
		_ = len(t)
	}
}

func (r *recoverer) submit(t []int) { r.tasks <- t }

func useRecoverer() { recoverOnce().submit([]int{1}) }

// The same with a package-level sync.Once and a package-level variable.
var (
	logOnce sync.Once
	logSink *sink
)

type sink struct{ lines chan string }

func startSink() {
	logSink = &sink{lines: make(chan string)}
	go func() {
		for l := range logSink.lines {
			_ = l
		}
	}()
}

func logLine(l string) {
	logOnce.Do(startSink)
	logSink.lines <- l
}

// A default instance made by a package-level variable initializer.
var defaultQueue = newQueue()

type queue struct{ jobs chan func() }

func newQueue() *queue {
	q := &queue{jobs: make(chan func(), 8)}
	go q.run()
	return q
}

func (q *queue) run() {
	for j := range q.jobs {
		j()
	}
}

func enqueue(j func()) { defaultQueue.jobs <- j }
