package cli

// SetBeforeOpen sets what runs just before a long command opens its
// research file, once it catches Ctrl+C, until the test ends.
func SetBeforeOpen(f func()) (restore func()) {
	old := beforeOpen
	beforeOpen = f
	return func() { beforeOpen = old }
}
