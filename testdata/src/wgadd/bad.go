package wgadd

import (
	"log"
	"sync"
)

func process(int) {}

// Add anywhere in the go func literal, not only as its first statement.
func addNotFirst(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			log.Printf("job %d", job)
			wg.Add(1) // want `wg.Add called inside the goroutine it counts, so Wait can return before it runs; call it before the go statement`
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// The textbook shape, as vet and SA2000 see it.
func addFirst(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// Add after a condition, Done at the end without defer.
func addConditional(jobs []int, verbose bool) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			if verbose {
				log.Print(job)
			}
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			process(job)
			wg.Done()
		}()
	}
	wg.Wait()
}

// A pointer to a WaitGroup, captured.
func addPointer(jobs []int) {
	wg := &sync.WaitGroup{}
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			process(job)
		}()
	}
	wg.Wait()
}

// A function started with go, the WaitGroup passed by pointer.
func worker(wg *sync.WaitGroup, job int) {
	wg.Add(1) // want `wg.Add in worker runs inside the goroutine it counts \(go worker\), so Wait can return before it runs; call it before the go statement`
	defer wg.Done()
	process(job)
}

func startWorkers(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go worker(&wg, job)
	}
	wg.Wait()
}

// A method started with go, the WaitGroup a struct field.
type server struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	conns chan int
}

func (s *server) run() {
	s.wg.Add(1) // want `s.wg.Add in run runs inside the goroutine it counts \(go s.run\)`
	defer s.wg.Done()
	for c := range s.conns {
		process(c)
	}
}

func (s *server) Start() {
	go s.run()
}

func (s *server) Stop() {
	close(s.conns)
	s.wg.Wait()
}

// Through a same-package call: the goroutine's helper calls Add.
type pool struct {
	wg sync.WaitGroup
}

func (p *pool) register() {
	p.wg.Add(1) // want `p.wg.Add in register runs inside the goroutine it counts \(go p.serve\)`
}

func (p *pool) serve(job int) {
	p.register()
	defer p.wg.Done()
	process(job)
}

func (p *pool) submit(job int) {
	go p.serve(job)
}

func (p *pool) close() { p.wg.Wait() }

// Add after the go statement.
func addAfter(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			process(job)
		}()
		wg.Add(1) // want `wg.Add called after the go statement that starts the goroutine it counts, so the goroutine's Done can run first; call it before the go statement`
	}
	wg.Wait()
}

// Add after starting a method, with a struct field.
func (s *server) startLate() {
	go s.serveConns()
	s.wg.Add(1) // want `s.wg.Add called after the go statement`
}

func (s *server) serveConns() {
	defer s.wg.Done()
	for c := range s.conns {
		process(c)
	}
}

// A package-level WaitGroup.
var globalWG sync.WaitGroup

func startGlobal() {
	go func() {
		globalWG.Add(1) // want `globalWG.Add called inside the goroutine it counts`
		defer globalWG.Done()
	}()
}

// The WaitGroup embedded in a struct.
type group struct {
	sync.WaitGroup
	n int
}

func (g *group) spawn() {
	go func() {
		g.Add(1) // want `g.Add called inside the goroutine it counts`
		defer g.Done()
		g.n++
	}()
	g.Wait()
}

// Generics: the goroutine in a generic function.
func each[T any](items []T, f func(T)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			f(it)
		}()
	}
	wg.Wait()
}

// A method value started with go.
type tasks struct {
	wg sync.WaitGroup
}

func (t *tasks) one() {
	t.wg.Add(1) // want `t.wg.Add in one runs inside the goroutine it counts \(go f\)`
	defer t.wg.Done()
}

func (t *tasks) start() {
	f := t.one
	go f()
	t.wg.Wait()
}

// A closure started with go through a variable, WaitGroup passed as argument.
func closureVar(jobs []int) {
	var wg sync.WaitGroup
	run := func(w *sync.WaitGroup, job int) {
		w.Add(1) // want `w.Add in a function literal in closureVar runs inside the goroutine it counts \(go run\)`
		defer w.Done()
		process(job)
	}
	for _, job := range jobs {
		go run(&wg, job)
	}
	wg.Wait()
}

// Add(-1) as Done.
func addMinusOne(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Add(-1)
			process(job)
		}()
	}
	wg.Wait()
}

// Add(len(x)) inside the goroutine, Done once at the end.
func addLen(batches [][]int) {
	var wg sync.WaitGroup
	for _, batch := range batches {
		go func() {
			wg.Add(len(batch)) // want `wg.Add called inside the goroutine it counts`
			for _, j := range batch {
				process(j)
			}
			wg.Add(-len(batch))
		}()
	}
	wg.Wait()
}

// A function literal that only calls the worker: the worker is the goroutine.
func wrappedWorker(jobs []int) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() { worker2(&wg, job) }()
	}
	wg.Wait()
}

func worker2(wg *sync.WaitGroup, job int) {
	wg.Add(1) // want `wg.Add in worker2 runs inside the goroutine it counts \(go func\(\) \{\.\.\.\}\)`
	defer wg.Done()
	process(job)
}

// A generic function started with go.
func genericWorker[T any](wg *sync.WaitGroup, v T, f func(T)) {
	wg.Add(1) // want `wg.Add in genericWorker runs inside the goroutine it counts \(go genericWorker\[int\]\)`
	defer wg.Done()
	f(v)
}

func startGeneric(f func(int)) {
	var wg sync.WaitGroup
	go genericWorker[int](&wg, 1, f)
	go genericWorker(&wg, 2, f)
	wg.Wait()
}
