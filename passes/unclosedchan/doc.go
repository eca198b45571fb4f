// Package unclosedchan defines an Analyzer: see the section below.
//
// # Analyzer unclosedchan
//
// unclosedchan: report ranged-over channels that a sender never closes
//
// Work in progress: this analyzer reports nothing yet.
package unclosedchan
