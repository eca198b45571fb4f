package ctxignorego

import "context"

// Before go1.21 there is no context.WithoutCancel to offer.
func store(ctx context.Context) {
	use(context.Background()) // want `context.Background\(\) in store discards ctx, so the caller's cancellation and deadline stop here; use ctx$`
}
