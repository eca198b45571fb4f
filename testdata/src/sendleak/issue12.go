package sendleak

import "context"

// From go-kit's retry: each iteration starts one goroutine and receives its
// response or its error (it sends one or the other) before the next; on
// timeout only the goroutine in flight is left, and the buffers of one hold
// its send.
func retry(ctx context.Context, call func() (any, error)) (any, error) {
	responses := make(chan any, 1)
	errs := make(chan error, 1)
	for {
		go func() {
			r, err := call()
			if err != nil {
				errs <- err
				return
			}
			responses <- r
		}()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case r := <-responses:
			return r, nil
		case <-errs:
			continue
		}
	}
}
