package cli

import (
	"io"
	"os"
)

// SetBeforeOpen sets what runs just before a long command opens its
// research file, once it catches Ctrl+C, until the test ends.
func SetBeforeOpen(f func()) (restore func()) {
	old := beforeOpen
	beforeOpen = f
	return func() { beforeOpen = old }
}

// SetAfterSuggest sets what runs once claims --suggest has kept its
// suggestions, before it lists the claims, until the test ends.
func SetAfterSuggest(f func()) (restore func()) {
	old := afterSuggest
	afterSuggest = f
	return func() { afterSuggest = old }
}

// SetStdoutIsTerminal sets whether a command's standard output counts as a
// terminal, until the test ends.
func SetStdoutIsTerminal(is bool) (restore func()) {
	old := stdoutIsTerminal
	stdoutIsTerminal = func(io.Writer) bool { return is }
	return func() { stdoutIsTerminal = old }
}

// IsTerminal is the real terminal test, for tests of it.
func IsTerminal(f *os.File) bool { return isTerminal(f) }
