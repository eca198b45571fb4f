package loopgo

import (
	"archive/tar"
	"context"
	"io"
)

// Issue 23 (kuberay's kubectl plugin, ray log): per node of a cluster (here, per run), a
// helper starts a goroutine that streams a tar of the node's logs into a
// pipe, then reads the archive through tar.NewReader to its end. It waits
// for its goroutine as a read of the pipe itself would: the loop runs one
// download at a time. A wrapper handed back unread does not wait.

type issue23Run struct{ Name string }

func issue23Stream(ctx context.Context, n issue23Run, w io.Writer) error {
	_, err := io.WriteString(w, n.Name)
	return err
}

func issue23Download(ctx context.Context, n issue23Run) error {
	r, w := io.Pipe()
	go func() {
		w.CloseWithError(issue23Stream(ctx, n, w))
	}()
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		_ = h.Name
	}
}

func issue23DownloadAll(ctx context.Context, runs []issue23Run) error {
	for _, n := range runs {
		if err := issue23Download(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// The archive's reader handed back: the caller reads it later, and the
// goroutine writes meanwhile.
func issue23Open(ctx context.Context, n issue23Run) *tar.Reader {
	r, w := io.Pipe()
	go func() {
		w.CloseWithError(issue23Stream(ctx, n, w))
	}()
	tr := tar.NewReader(r)
	return tr
}

func issue23OpenAll(ctx context.Context, runs []issue23Run) []*tar.Reader {
	var out []*tar.Reader
	for _, n := range runs {
		out = append(out, issue23Open(ctx, n)) // want `issue23Open starts a goroutine per element of runs with no concurrency limit`
	}
	return out
}
