package cli

import (
	"io"
	"os"
)

// stdoutIsTerminal reports whether w, the command's standard output, is a
// terminal (not a file, not a pipe). Tests replace it.
var stdoutIsTerminal = func(w io.Writer) bool {
	if o, ok := w.(*outputWriter); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
