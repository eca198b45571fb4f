package loopgo

import "sync"

// Issue 8 (syncthing model): v, ok := s.m[k] takes its value from the
// receiver's map: state, like s.m itself.

type issue8Model struct {
	mu       sync.RWMutex
	connIDs  map[string][]string
	closeFns map[string]func(error)
}

func (m *issue8Model) pause(ids []string, err error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	for _, id := range ids {
		if conns, ok := m.connIDs[id]; ok {
			for _, c := range conns {
				go m.closeFns[c](err)
			}
		}
	}
}
