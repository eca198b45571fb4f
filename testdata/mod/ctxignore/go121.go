//go:build go1.21

package ctxignorego

import "context"

func use(ctx context.Context) {}

// From go1.21 the message offers context.WithoutCancel for work that must
// outlive ctx.
func load(ctx context.Context) {
	use(context.Background()) // want `context.Background\(\) in load discards ctx, so the caller's cancellation and deadline stop here; use ctx, or context.WithoutCancel\(ctx\) if the work must outlive it$`
}
