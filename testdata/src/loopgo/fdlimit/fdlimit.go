// Package fdlimit stands in for esbuild's internal/fs: a limit on open
// files, taken and given back by two package-level functions.
package fdlimit

var limit = make(chan bool, 32)

// Before blocks while the number of open files is at the limit.
func Before() { // want Before:"blocks" Before:"hands off"
	limit <- false
}

// After gives back what Before took.
func After() { // want After:"blocks"
	<-limit
}

// Log writes a line; it does not wait.
func Log(string) {}
