//go:build ignore

// This file is never built: it redeclares impl and does not type-check.
package tags

func impl(n int) string { return undefined }
