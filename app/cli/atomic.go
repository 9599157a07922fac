package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

// writeAtomically writes the file out through a hidden temporary file beside
// it, renamed into place only once write has succeeded: a failure never
// leaves a half-written file or clobbers a previous one. The temporary file
// is removed on every failure, and also when the export is interrupted
// (Ctrl+C, SIGTERM): write's context is then cancelled, and nothing is
// written. (SIGKILL cannot be caught; it leaves the hidden file.)
func writeAtomically(ctx context.Context, out string, write func(context.Context, io.Writer) error) (err error) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	err = write(ctx, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err() // interrupted after the last write: keep nothing
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	return err
}
