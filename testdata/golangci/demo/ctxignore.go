package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

func init() {
	steps = append(steps, step{"fetch status", func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if _, err := ciFetchStatus(ctx, "http://127.0.0.1:9/status"); err != nil {
			return err
		}
		_, err := ciFetchStatusCtx(ctx, "http://127.0.0.1:9/status")
		return err
	}})
}

// ciFetchStatus builds its request without ctx: when the caller's deadline
// passes, the request goes on until the client's own timeout, if any.
func ciFetchStatus(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // ctxignore: noctxapi
	if err != nil {
		return "", err
	}
	return ciDo(req)
}

// ciFetchStatusCtx is the correct twin: the request carries ctx, so
// cancelling ctx aborts it.
func ciFetchStatusCtx(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	return ciDo(req)
}

func ciDo(req *http.Request) (string, error) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: %s", resp.Status, b), nil
}
