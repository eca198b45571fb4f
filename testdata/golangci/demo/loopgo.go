package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"sync"
)

func init() {
	steps = append(steps, step{"checksum files", func() error {
		entries, err := os.ReadDir(".")
		if err != nil {
			return err
		}
		var names []string
		for _, e := range entries {
			if e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
		_ = loopgoChecksums(names)
		_ = loopgoChecksumsBounded(names)
		return nil
	}})
}

// loopgoChecksums hashes every file at once: one goroutine per name, so a
// directory of 100,000 files starts 100,000 goroutines, each with an open
// file, and runs out of file descriptors.
func loopgoChecksums(names []string) map[string]string {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		sums = make(map[string]string, len(names))
	)
	for _, name := range names {
		wg.Add(1)
		go func() { // loopgo: no bound on concurrency
			defer wg.Done()
			if sum, err := loopgoHashFile(name); err == nil {
				mu.Lock()
				sums[name] = sum
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return sums
}

// loopgoChecksumsBounded is the correct twin: a semaphore acquired before
// the go statement keeps at most GOMAXPROCS files open at once.
func loopgoChecksumsBounded(names []string) map[string]string {
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		sums = make(map[string]string, len(names))
		sem  = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	for _, name := range names {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if sum, err := loopgoHashFile(name); err == nil {
				mu.Lock()
				sums[name] = sum
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return sums
}

func loopgoHashFile(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
