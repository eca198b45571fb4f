package busyselect

// issue1: nats-server's raft.updateLeadChange (server/raft.go). The default
// makes room by draining one stale value from the channel it sends to, so
// the next trip's send succeeds: a replace-the-latest-value pattern that
// loops at most a few times, not a spin.
type leader struct {
	leadc chan bool
}

func (n *leader) updateLeadChange(isLeader bool) {
	for {
		select {
		case n.leadc <- isLeader:
			return
		default:
			select {
			case <-n.leadc:
			default:
				// Consumed by the reader meanwhile: send again.
			}
		}
	}
}

// The same with a channel parameter and the drain after the select.
func sendLatest(ch chan int, v int) {
	for {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}
