package sendleak

import "io"

// From compress/gzip's example: a helper literal sends at most once,
// guarded by a flag it sets, however often the goroutine calls it. One
// receive and a buffer of one are enough.
func pipeCompress(w io.WriteCloser, r io.Reader, wait func()) error {
	errch := make(chan error, 1)
	go func() {
		defer close(errch)
		sentErr := false
		sendErr := func(err error) {
			if !sentErr {
				errch <- err
				sentErr = true
			}
		}
		if _, err := io.Copy(w, r); err != nil {
			sendErr(err)
		}
		if err := w.Close(); err != nil {
			sendErr(err)
		}
	}()
	wait()
	return <-errch
}
