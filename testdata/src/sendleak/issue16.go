package sendleak

import (
	"context"
	"errors"
	"net"
	"net/http"
)

// From tailscale's API server proxy: Serve fails with ErrServerClosed once
// Shutdown is called, and the goroutine does not send that error; it sends
// only on a failure of its own, which then is received.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errs := make(chan error)
	go func() {
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			errs <- err
		}
	}()
	select {
	case <-ctx.Done():
	case err := <-errs:
		return err
	}
	return srv.Shutdown(context.Background())
}

// The same with errors.Is.
func serveUntilDoneIs(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errs := make(chan error)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errs <- err
		}
	}()
	select {
	case <-ctx.Done():
	case err := <-errs:
		return err
	}
	return srv.Shutdown(context.Background())
}
