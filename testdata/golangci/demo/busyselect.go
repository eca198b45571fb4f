package main

import (
	"fmt"
	"time"
)

func init() {
	steps = append(steps, step{"sum queued jobs", func() error {
		for _, sum := range []func(<-chan int, <-chan struct{}) int{bsSumJobs, bsSumJobsBlocking} {
			jobs, quit := make(chan int), make(chan struct{})
			go bsProduce(jobs, quit, 5)
			if got := sum(jobs, quit); got != 10 {
				return fmt.Errorf("sum of jobs = %d, want 10", got)
			}
		}
		return nil
	}})
}

// bsProduce sends jobs 0..n-1 a little apart, then says it is done.
func bsProduce(jobs chan<- int, quit chan<- struct{}, n int) {
	for i := range n {
		time.Sleep(time.Millisecond)
		jobs <- i
	}
	close(quit)
}

// bsSumJobs adds up the jobs until quit. Its default never waits: between
// two jobs the loop goes straight back to the select and burns a CPU.
func bsSumJobs(jobs <-chan int, quit <-chan struct{}) int {
	sum := 0
	for {
		select {
		case j := <-jobs:
			sum += j
		case <-quit:
			return sum
		default: // busyselect: the loop spins between jobs
		}
	}
}

// bsSumJobsBlocking is the correct twin: without a default the select
// waits until a job or quit is ready.
func bsSumJobsBlocking(jobs <-chan int, quit <-chan struct{}) int {
	sum := 0
	for {
		select {
		case j := <-jobs:
			sum += j
		case <-quit:
			return sum
		}
	}
}
