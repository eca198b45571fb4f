//go:build unix

package sendleak

import (
	"os"
	"time"
)

// A build-tagged file is analysed like any other.
func statTimeout(name string) (os.FileInfo, error) {
	type res struct {
		fi  os.FileInfo
		err error
	}
	ch := make(chan res)
	go func() {
		fi, err := os.Stat(name)
		ch <- res{fi, err} // want `send on ch blocks forever if statTimeout returns through the timeout case`
	}()
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.fi, r.err
	case <-t.C:
		return nil, errTimeout
	}
}
