// Package sendleak defines an Analyzer: see the section below.
//
// # Analyzer sendleak
//
// sendleak: report goroutines that block forever on a send
//
// Work in progress: this analyzer reports nothing yet.
package sendleak
