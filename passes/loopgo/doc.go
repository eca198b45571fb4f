// Package loopgo defines an Analyzer: see the section below.
//
// # Analyzer loopgo
//
// loopgo: report goroutines started per element with no bound
//
// Work in progress: this analyzer reports nothing yet.
package loopgo
