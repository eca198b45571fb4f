// Package conclinte2e is the input of .ci/golangci-e2e.sh: one finding per
// analyzer (expected.txt lists them), checked through golangci-lint with the
// conclint plugin and through conclint itself.
package conclinte2e

import (
	"io"
	"os"
)

// readAll keeps every file open until it returns.
func readAll(names []string) ([]byte, error) {
	var out []byte
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}

// sizes has the same bug, silenced for golangci-lint only.
func sizes(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() //nolint:deferloop // e2e: golangci-lint must not report this line
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

// first has it too, silenced for every driver.
func first(names []string) (byte, error) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		//conclint:ignore deferloop e2e: the suppression must work under golangci-lint too
		defer f.Close()
		b := make([]byte, 1)
		if _, err := f.Read(b); err == nil {
			return b[0], nil
		}
	}
	return 0, io.EOF
}
