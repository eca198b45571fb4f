// Package cgo calls C from goroutines and loops. When cgo is disabled (no C
// compiler), nocgo.go stands in for it.
package cgo

/*
#include <stdlib.h>
#include <string.h>

static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"sync"
	"unsafe"
)

// Twice calls C from one goroutine per element, each counted by wg.
func Twice(xs []int) []int {
	out := make([]int, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = int(C.twice(C.int(x)))
		}()
	}
	wg.Wait()
	return out
}

// Copies allocates C memory per element and frees it at each iteration's end.
func Copies(ss []string) int {
	n := 0
	for _, s := range ss {
		func() {
			cs := C.CString(s)
			defer C.free(unsafe.Pointer(cs))
			n += int(C.strlen(cs))
		}()
	}
	return n
}

// Leaky defers C.free in the loop: every string lives until Leaky returns.
func Leaky(ss []string) int {
	n := 0
	for _, s := range ss {
		cs := C.CString(s)
		defer C.free(unsafe.Pointer(cs))
		n += int(C.strlen(cs))
	}
	return n
}

//export GoCallback
func GoCallback(x C.int) C.int {
	ch := make(chan C.int, 1)
	go func() { ch <- x + 1 }()
	return <-ch
}
