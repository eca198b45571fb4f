package main

import (
	"fmt"
	"time"
)

func compute() int { return 42 }

// When main returns, the program ends with every goroutine.
func main() {
	ch := make(chan int)
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		fmt.Println(v)
	case <-time.After(time.Second):
		fmt.Println("timeout")
	}
	if err := run(); err != nil {
		fmt.Println(err)
	}
	go poll()
	time.Sleep(time.Second)
}

// From tailscale's containerboot: run is called by main only, and main
// ends when it returns.
func run() error {
	ch := make(chan int)
	go func() { ch <- compute() }()
	select {
	case v := <-ch:
		fmt.Println(v)
	case <-time.After(time.Second):
		return fmt.Errorf("timeout")
	}
	return nil
}

// poll runs as a goroutine: the program goes on after it returns.
func poll() {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `send on ch blocks forever if poll returns through the timeout case`
	select {
	case v := <-ch:
		fmt.Println(v)
	case <-time.After(time.Second):
	}
}
