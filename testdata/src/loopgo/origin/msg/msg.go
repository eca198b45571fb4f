// Package msg is a stand-in for a protobuf runtime: Clone takes the
// message it copies as an interface.
package msg

type Message interface{ Reset() }

type Group struct{ ID uint32 }

type State struct{ Groups map[uint32]*Group }

func (*State) Reset() {}

func (s *State) GetGroups() map[uint32]*Group { return s.Groups }

func Clone(m Message) Message { return m }
