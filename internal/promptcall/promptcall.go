// Package promptcall knows calls of the standard library and of common
// logging packages that return promptly: they compute from their
// arguments, or they log, and never wait for another goroutine or for the
// world outside the process. busyselect uses it to tell a loop that spins
// from one that blocks, loopgo to tell a goroutine whose work is a few
// look-ups from one that may pile up.
package promptcall

import "strings"

// computePackages are the packages all of whose functions compute from
// their arguments. Their types' methods may write what their receiver
// points to (strings.Builder.WriteString), which callers that track
// memory tell apart themselves.
var computePackages = map[string]bool{
	"strings": true, "strconv": true, "bytes": true, "unicode": true, "unicode/utf8": true,
	"unicode/utf16": true, "math": true, "math/bits": true, "errors": true,
	"sort": true, "slices": true, "maps": true, "cmp": true, "path": true, "net/netip": true,
}

// ComputePackage reports whether every function of the package with this
// import path computes from its arguments without waiting: strings,
// strconv, bytes, math, sort, slices, maps and their kind.
func ComputePackage(path string) bool {
	return computePackages[path]
}

// LogName reports whether name is a logging method or function of a
// common logging package (log, slog, zap, logrus, klog): Debug, Info,
// Warn, Warning, Error, Print, Trace and their f, w, ln, S, Depth and
// Context variants, and the builders With, WithField(s), WithError,
// WithContext, Named, Sugar, V, L, S, Enabled and Check. Fatal and Panic
// are not: they leave.
func LogName(name string) bool {
	switch name {
	case "With", "WithField", "WithFields", "WithError", "WithContext", "Named", "Sugar", "V", "L", "S",
		"Enabled", "Check":
		return true
	}
	for _, p := range [...]string{"Debug", "Info", "Warn", "Warning", "Error", "Print", "Trace"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			switch rest {
			case "", "f", "w", "ln", "S", "Depth", "Context":
				return true
			}
		}
	}
	return false
}

// logPackages are the last path elements of logging packages whose name
// does not begin with log.
var logPackages = map[string]bool{
	"slog": true, "klog": true, "glog": true, "zap": true, "zerolog": true, "hclog": true,
	"xlog": true, "golog": true, "seelog": true,
}

// LogPackage reports whether the package with this import path is named
// for logging by its last path element: log, slog, klog, logrus, zap,
// logging, logutil, k8s.io/klog/v2 (a major version's element is skipped);
// not catalog or dialog.
func LogPackage(path string) bool {
	last := path[strings.LastIndex(path, "/")+1:]
	if majorVersion(last) && strings.Contains(path, "/") {
		path = path[:strings.LastIndex(path, "/")]
		last = path[strings.LastIndex(path, "/")+1:]
	}
	return logPackages[last] || strings.HasPrefix(last, "log")
}

// majorVersion reports whether elem is a module path's major version
// element: v2, v3, ...
func majorVersion(elem string) bool {
	if len(elem) < 2 || elem[0] != 'v' {
		return false
	}
	for _, r := range elem[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
