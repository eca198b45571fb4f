package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

func init() {
	steps = append(steps, step{"checksum files", func() error {
		if _, err := ucChecksums(os.Args[1:]); err != nil {
			return err
		}
		_, err := ucChecksumsSafe(os.Args[1:])
		return err
	}})
}

type ucSum struct {
	name string
	sum  string
	err  error
}

// ucChecksums hashes the files in a goroutine and collects the sums. When a
// file cannot be read the goroutine returns without closing sums, so the
// range below waits forever.
func ucChecksums(names []string) (map[string]string, error) {
	sums := make(chan ucSum)
	go func() {
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				return // unclosedchan: skips close(sums)
			}
			h := sha256.Sum256(data)
			sums <- ucSum{name: name, sum: hex.EncodeToString(h[:])}
		}
		close(sums)
	}()
	out := make(map[string]string)
	for s := range sums {
		out[s.name] = s.sum
	}
	return out, nil
}

// ucChecksumsSafe is the correct twin: defer close(sums) closes on every
// path, and a read error travels with the results.
func ucChecksumsSafe(names []string) (map[string]string, error) {
	sums := make(chan ucSum)
	go func() {
		defer close(sums)
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				sums <- ucSum{name: name, err: err}
				return
			}
			h := sha256.Sum256(data)
			sums <- ucSum{name: name, sum: hex.EncodeToString(h[:])}
		}
	}()
	out := make(map[string]string)
	var firstErr error
	for s := range sums {
		if s.err != nil && firstErr == nil {
			firstErr = fmt.Errorf("checksum %s: %w", s.name, s.err)
		}
		out[s.name] = s.sum
	}
	return out, firstErr
}
