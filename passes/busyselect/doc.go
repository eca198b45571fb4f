// Package busyselect defines an Analyzer: see the section below.
//
// # Analyzer busyselect
//
// busyselect: report loops whose select default spins a CPU
//
// Work in progress: this analyzer reports nothing yet.
package busyselect
