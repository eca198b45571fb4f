// Package wgadd defines an Analyzer: see the section below.
//
// # Analyzer wgadd
//
// wgadd: report WaitGroup.Add calls that race with Wait
//
// Work in progress: this analyzer reports nothing yet.
package wgadd
