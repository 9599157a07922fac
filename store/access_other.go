//go:build !unix

package store

import "os"

// writeDenied: elsewhere, the permission bits checked by readOnlyReason decide.
func writeDenied(path string, dir bool) string { return "" }

// openDenied: elsewhere, SQLite's open says.
func openDenied(string, bool) bool { return false }

// hasOtherNames: hard links are not looked for elsewhere.
func hasOtherNames(os.FileInfo) bool { return false }

// freeBytes: unknown elsewhere.
func freeBytes(string) int64 { return -1 }

// fileSizeLimit: none elsewhere.
func fileSizeLimit() int64 { return -1 }

// processRunning: elsewhere a process is taken to run (an import it notes
// is not said to have stopped while it may still be writing).
func processRunning(int) bool { return true }
