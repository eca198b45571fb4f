package loopgo

import (
	"os"
	"sync"

	"loopgo/fdlimit"
)

// Issue 27 (esbuild's output files): a goroutine per file, each taking
// the open-file limit inside through a package-level function that a
// deferred one of the same package gives back. The files are written a
// limit's worth at a time, but every goroutine starts at once and waits:
// a late acquire, not an unbounded start.

type issue27File struct {
	Path     string
	Contents []byte
}

func issue27Write(files []issue27File) {
	var wg sync.WaitGroup
	wg.Add(len(files))
	for _, f := range files {
		go func() { // want `goroutine per element of files waits for fdlimit.Before inside the goroutine, so they all start at once and pile up blocked; acquire fdlimit.Before before starting the goroutine`
			defer wg.Done()
			fdlimit.Before()
			defer fdlimit.After()
			_ = os.WriteFile(f.Path, f.Contents, 0o644)
		}()
	}
	wg.Wait()
}

// Without the deferred release the blocking call is no semaphore: the
// goroutines are reported as unbounded.
func issue27WriteUnpaired(files []issue27File) {
	var wg sync.WaitGroup
	wg.Add(len(files))
	for _, f := range files {
		go func() { // want `goroutine per element of files with no concurrency limit`
			defer wg.Done()
			fdlimit.Before()
			defer fdlimit.Log(f.Path)
			_ = os.WriteFile(f.Path, f.Contents, 0o644)
		}()
	}
	wg.Wait()
}
