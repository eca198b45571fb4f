// Package aws stands in for the AWS SDK's helpers that dereference
// optional fields.
package aws

// ToString returns the string p points to, or "".
func ToString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
