//go:build !unix

package store

// writeDenied: elsewhere, the permission bits checked by readOnlyReason decide.
func writeDenied(path string, dir bool) string { return "" }
