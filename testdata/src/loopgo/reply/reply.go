// Package reply stands in for nuclio's common.ChannelWithRecover: the
// channel on which one caller waits for its response.
package reply

import (
	"context"
	"fmt"
)

type Channel struct {
	context.Context
	C chan any
}

// Write hands v to the waiting caller, unless it gave up.
func (c *Channel) Write(v any) { // want Write:"hands off"
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("write on a closed channel", r)
		}
	}()
	select {
	case <-c.Done():
		return
	case c.C <- v:
		return
	}
}

// Render formats v before it hands it over: work first.
func (c *Channel) Render(v any) { // want Render:"blocks"
	c.C <- fmt.Sprint(v)
}
