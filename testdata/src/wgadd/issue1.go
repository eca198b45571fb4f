package wgadd

import "sync"

// issue1: found in nats-server (jetstream_cluster_2_test.go). The goroutine
// adds to wg and then signals swg; the starting function waits on swg
// before it waits on wg, so every Add happens before wg.Wait. Not a race.
func issue1StartBarrier(names []string) {
	var wg, swg sync.WaitGroup
	startCh := make(chan bool)
	start := func(name string) {
		wg.Add(1)
		defer wg.Done()
		swg.Done()
		<-startCh
		_ = name
	}
	swg.Add(2)
	go start("foo")
	go start("bar")
	swg.Wait()
	close(startCh)
	wg.Wait()
}

// issue1, with a channel as the handshake: the goroutine sends after its
// Add and the starting function receives before Wait.
func issue1ChannelHandshake(jobs []int) {
	var wg sync.WaitGroup
	ready := make(chan struct{})
	for _, j := range jobs {
		go func() {
			wg.Add(1)
			defer wg.Done()
			ready <- struct{}{}
			process(j)
		}()
	}
	for range jobs {
		<-ready
	}
	wg.Wait()
}

// issue1's look-alike is still reported: the handshake comes after Wait,
// so it orders nothing.
func issue1HandshakeTooLate(jobs []int) {
	var wg sync.WaitGroup
	results := make(chan int)
	for _, j := range jobs {
		go func() {
			wg.Add(1) // want `wg.Add called inside the goroutine it counts`
			defer wg.Done()
			results <- j
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		process(r)
	}
}
