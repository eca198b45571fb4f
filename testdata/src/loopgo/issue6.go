package loopgo

import "context"

// Issue 6 (minio mc, listing): a helper starts a producer goroutine and
// returns its channel; the loop drains the channel before the next
// iteration, so one producer runs at a time.

func issue6List(ctx context.Context, bucket string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		out <- bucket
	}()
	return out
}

func issue6ListAll(ctx context.Context, buckets []string, emit func(string)) {
	for _, b := range buckets {
		for obj := range issue6List(ctx, b) {
			emit(obj)
		}
	}
}
