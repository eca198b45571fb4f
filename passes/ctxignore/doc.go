// Package ctxignore defines an Analyzer: see the section below.
//
// # Analyzer ctxignore
//
// ctxignore: report code that ignores the context in scope
//
// Work in progress: this analyzer reports nothing yet.
package ctxignore
