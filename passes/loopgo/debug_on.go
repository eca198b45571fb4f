//go:build loopgodebug

package loopgo

// debugExempt, set by building with -tags loopgodebug, prints to stderr
// why each goroutine per element of data was not reported (an empty
// reason: it was), for triage of real code: go build -tags loopgodebug
// -o /tmp/conclint-dbg ./cmd/conclint.
const debugExempt = true
