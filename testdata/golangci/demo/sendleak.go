package main

import (
	"errors"
	"os"
	"time"
)

func init() {
	steps = append(steps, step{"stat with timeout", func() error {
		if _, err := slStat(os.TempDir(), time.Second); err != nil {
			return err
		}
		_, err := slStatBuffered(os.TempDir(), time.Second)
		return err
	}})
}

var slErrTimeout = errors.New("stat timed out")

type slStatResult struct {
	info os.FileInfo
	err  error
}

// slStat gives up on a slow file system after d. The goroutine then blocks
// on its send forever: nobody will receive from result.
func slStat(name string, d time.Duration) (os.FileInfo, error) {
	result := make(chan slStatResult)
	go func() {
		info, err := os.Stat(name)
		result <- slStatResult{info, err} // sendleak: blocks forever after the timeout
	}()
	select {
	case r := <-result:
		return r.info, r.err
	case <-time.After(d):
		return nil, slErrTimeout
	}
}

// slStatBuffered is the correct twin: the one-slot buffer lets the send
// complete after the timeout, and the goroutine exits.
func slStatBuffered(name string, d time.Duration) (os.FileInfo, error) {
	result := make(chan slStatResult, 1)
	go func() {
		info, err := os.Stat(name)
		result <- slStatResult{info, err}
	}()
	select {
	case r := <-result:
		return r.info, r.err
	case <-time.After(d):
		return nil, slErrTimeout
	}
}
