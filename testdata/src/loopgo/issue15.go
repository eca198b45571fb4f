package loopgo

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
)

// Issue 15 (cloudnative-pg's architectures): a value made per element,
// kept by the program for its lifetime (appended to a package-level
// list or to the receiver's), and a goroutine that runs its method. The
// program holds each element anyway; the goroutine finishes it in the
// background, as a follower kept in a map does.

type arch struct {
	path string
	hash []byte
}

func (a *arch) calculateHash() {
	f, err := os.Open(a.path)
	if err != nil {
		return
	}
	defer f.Close()
	h := sha256.New()
	_, _ = io.Copy(h, f)
	a.hash = h.Sum(nil)
}

var availableArchs []*arch

func issue15Detect(pattern string) error {
	binaries, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	for _, b := range binaries {
		a := &arch{path: b}
		availableArchs = append(availableArchs, a)
		go a.calculateHash()
	}
	return nil
}

type archRegistry struct {
	archs []*arch
}

// The same, kept by the receiver.
func (r *archRegistry) issue15Register(paths []string) {
	for _, p := range paths {
		a := &arch{path: p}
		r.archs = append(r.archs, a)
		go a.calculateHash()
	}
}

// Gathered in a local list, the values go when the function returns:
// a goroutine per element of the data, reported.
func issue15Local(paths []string) []*arch {
	var archs []*arch
	for _, p := range paths {
		a := &arch{path: p}
		archs = append(archs, a)
		go a.calculateHash() // want `goroutine per element of paths`
	}
	return archs
}

// The program keeps one value per element, but the goroutine runs the
// method of another, which nothing keeps: reported.
func (r *archRegistry) issue15Other(paths []string) {
	for _, p := range paths {
		a := &arch{path: p}
		sig := &arch{path: p + ".sig"}
		r.archs = append(r.archs, a)
		go sig.calculateHash() // want `goroutine per element of paths`
	}
}
