package deferloop

import "sync"

// From testing.(*common).destination in the standard library: each
// iteration locks a different mutex (the parent changes), holding the chain
// until return. Hand-over-hand locking, not a deadlock.
type node struct {
	mu     sync.Mutex
	done   bool
	parent *node
}

func (c *node) destination() *node {
	for parent := c.parent; parent != nil; parent = parent.parent {
		parent.mu.Lock()
		defer parent.mu.Unlock()
		if !parent.done {
			return parent
		}
	}
	return nil
}

// Same with a variable declared in the body.
func lockAll(mus []*sync.Mutex) {
	for i := range mus {
		m := mus[i]
		m.Lock()
		defer m.Unlock()
	}
}
