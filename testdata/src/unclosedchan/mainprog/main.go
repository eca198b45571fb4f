// Package main: a receiver in main, or a channel made in main, lives as
// long as the program; the program ends when main returns.
package main

import "fmt"

func main() {
	// The goroutine ranging over lines dies when main returns.
	lines := make(chan string)
	go func() {
		for l := range lines {
			fmt.Println(l)
		}
	}()
	lines <- "hello"

	// main's own event loop runs for the life of the program.
	events := make(chan int)
	go watch(events)
	for e := range events {
		fmt.Println(e)
	}
}

func watch(events chan<- int) {
	for i := 0; i < 3; i++ {
		events <- i
	}
}
