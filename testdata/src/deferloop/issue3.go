package deferloop

import (
	"context"
	"time"
)

// From net.(*Resolver).exchange in the standard library: the loop ranges
// over a list the code spells out (one or two networks), so at most two
// contexts pile up.
func exchange(ctx context.Context, useTCP bool, dial func(context.Context, string) error) error {
	var networks []string
	if useTCP {
		networks = []string{"tcp"}
	} else {
		networks = []string{"udp", "tcp"}
	}
	for _, network := range networks {
		ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
		defer cancel()
		if err := dial(ctx, network); err != nil {
			return err
		}
	}
	return nil
}

// Its twin appends: the list grows with the data, so it is reported.
func exchangeAll(ctx context.Context, extra []string, dial func(context.Context, string) error) error {
	networks := []string{"udp"}
	networks = append(networks, extra...)
	for _, network := range networks {
		ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
		defer cancel() // want `each iteration's context stays alive`
		if err := dial(ctx, network); err != nil {
			return err
		}
	}
	return nil
}
