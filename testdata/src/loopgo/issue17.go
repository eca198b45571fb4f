package loopgo

import (
	"bytes"
	"io"
	"net"
	"os"
	"strings"
)

// Issue 17 (mediamtx's MoQ source): a goroutine per track that only
// drains the stream the iteration opened (go io.Copy(io.Discard, bidi))
// runs as long as the stream does, as a read loop per connection does.
// A limit would stall the streams beyond it.

type track struct{ name string }

type stream interface {
	io.ReadWriteCloser
}

func subscribeTrack(c net.Conn, name string) (stream, error) { return nil, nil }

func issue17Subscribe(c net.Conn, tracks []track) error {
	for _, t := range tracks {
		bidi, err := subscribeTrack(c, t.name)
		if err != nil {
			return err
		}
		go io.Copy(io.Discard, bidi) //nolint:errcheck
	}
	return nil
}

// A pump between two connections, per pair, in a literal that closes
// both when one side ends.
func issue17Proxy(pairs [][2]net.Conn) {
	for _, p := range pairs {
		go func() {
			defer p[0].Close()
			defer p[1].Close()
			_, _ = io.CopyBuffer(p[0], p[1], nil)
		}()
	}
}

// A pump per subscribed stream into one writer, with a buffer each:
// go io.CopyBuffer directly.
func issue17Forward(dst io.Writer, c net.Conn, ids []string) {
	for _, id := range ids {
		s, err := subscribeTrack(c, id)
		if err != nil {
			continue
		}
		buf := make([]byte, 32<<10)
		go io.CopyBuffer(dst, s, buf)
	}
}

// A drain per subscription that closes the stream when done and tells
// its caller.
func issue17Drain(c net.Conn, tracks []track, done func()) error {
	for _, t := range tracks {
		s, err := subscribeTrack(c, t.name)
		if err != nil {
			return err
		}
		go func() {
			defer done()
			defer s.Close()
			_, _ = io.Copy(io.Discard, s)
		}()
	}
	return nil
}

// A copy of a file per path is work per element: reported.
func issue17CopyFiles(dst io.Writer, paths []string) {
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			continue
		}
		go io.Copy(dst, f) // want `goroutine per element of paths with no concurrency limit`
	}
}

// So is a copy of in-memory data.
func issue17CopyBuffers(dst io.Writer, bufs [][]byte) {
	for _, b := range bufs {
		go io.Copy(dst, bytes.NewReader(b)) // want `goroutine per element of bufs with no concurrency limit`
	}
	for _, s := range strings.Fields(string(bufs[0])) {
		go io.Copy(dst, strings.NewReader(s)) // want `goroutine per element of strings.Fields`
	}
}

// A goroutine that fetches before it drains does work per element:
// reported.
func issue17Fetch(c net.Conn, names []string) {
	for _, n := range names {
		go func() { // want `goroutine per element of names with no concurrency limit`
			s, err := subscribeTrack(c, n)
			if err != nil {
				return
			}
			io.Copy(io.Discard, s)
		}()
	}
}
