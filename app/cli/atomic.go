package cli

import (
	"context"
	"io"
	"os/signal"

	"dossier/store"
)

// writeAtomically is store.WriteAtomically, also cancelled when the export
// is interrupted (Ctrl+C, SIGTERM): nothing is then written, and the hidden
// temporary file goes. SIGKILL cannot be caught and leaves the hidden file,
// which a later export to the same name removes once it is an hour old.
func writeAtomically(ctx context.Context, out string, write func(context.Context, io.Writer) error) error {
	ctx, stop := signal.NotifyContext(ctx, stopSignals()...)
	defer stop()
	return store.WriteAtomically(ctx, out, write)
}
