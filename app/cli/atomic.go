package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"dossier/store"
)

// writeAtomically writes the file out through a hidden temporary file beside
// it, renamed into place only once write has succeeded: a failure never
// leaves a half-written file or clobbers a previous one. The temporary file
// is removed on every failure, and also when the export is interrupted
// (Ctrl+C, SIGTERM): write's context is then cancelled, and nothing is
// written. SIGKILL cannot be caught and leaves the hidden file; the next
// export to the same name removes such leftovers once they are an hour old
// (a younger one may belong to an export still running).
func writeAtomically(ctx context.Context, out string, write func(context.Context, io.Writer) error) (err error) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if real, err := filepath.EvalSymlinks(out); err == nil {
		// Write where a link points: renaming over the link replaced it
		// with a regular file and left its target as it was.
		out = real
	}
	removeStaleTemps(out, time.Hour)
	tmp, err := os.CreateTemp(filepath.Dir(out), store.TempPattern(out))
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
		err = os.Chmod(tmp.Name(), store.FileModeFor(out, "")) // not CreateTemp's 0600
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	if errors.Is(err, syscall.ENOSPC) {
		// Said of the file asked for, not of the hidden one written first.
		err = fmt.Errorf("cannot write %s: the disk holding it is full; free some space and try again (nothing was written)", out)
	}
	return err
}

// removeStaleTemps deletes the hidden temporary files that writeAtomically
// leaves for out when killed (store.TempPattern), if older than age.
func removeStaleTemps(out string, age time.Duration) {
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if !store.IsTempOf(out, e.Name()) {
			continue // not one of ours
		}
		m := filepath.Join(filepath.Dir(out), e.Name())
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > age {
			os.Remove(m)
		}
	}
}
