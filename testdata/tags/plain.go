// Package tags has a finding only in a file built with the build tag
// conclinttag: conclint -tags=conclinttag reports it, conclint does not.
package tags

// Count is built whatever the tags.
func Count(xs []int) int { return len(xs) }
