package ctxignore

import "context"

// issue2 (std net: goLookupIPCNAMEOrder -> ... -> DialUDP): the path to a
// Background context runs through an exported function, an API whose
// signature is a contract and which makes its own context for callers that
// have none. Not reported through it.
func DialLocal(addr string) { (&Store{}).fetch(context.Background(), addr) }

func srcAddr(addr string) { DialLocal(addr) }

func (s *Store) Lookup(ctx context.Context, addr string) {
	srcAddr(addr)
}
