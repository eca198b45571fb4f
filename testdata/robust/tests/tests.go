// Package tests has in-package and external tests with loops of subtests,
// goroutines and cleanups.
package tests

import "sync"

type Conn struct{ mu sync.Mutex }

func (c *Conn) Close() error { return nil }

func Dial() (*Conn, error) { return &Conn{}, nil }
