//go:build !loopgodebug

package loopgo

// debugExempt is off: see debug_on.go.
const debugExempt = false
