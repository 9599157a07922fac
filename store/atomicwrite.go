package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// WriteAtomically writes the file out (an export) through a hidden
// temporary file beside it, synced to the disk and only then renamed into
// place: a failure, a cancelled ctx or a power cut never leaves a
// half-written file or clobbers a previous one. The temporary file is
// removed on every failure. A process killed half-way leaves it; the next
// write to the same name removes such leftovers once they are an hour old
// (a younger one may belong to a write still running).
//
// The caller checks out first (CheckOutput): this writes wherever asked.
func WriteAtomically(ctx context.Context, out string, write func(context.Context, io.Writer) error) error {
	// Written where a link leads, even to a file not made yet (renaming
	// over the link replaced it with a plain file), and where CheckOutput
	// looked; a failure is said of the name asked for.
	target, err := writeTarget(out)
	if err != nil {
		return err
	}
	return writeFailure(out, writeThrough(ctx, target, write))
}

// writeThrough is WriteAtomically to out, resolved.
func writeThrough(ctx context.Context, out string, write func(context.Context, io.Writer) error) (err error) {
	dir := filepath.Dir(out)
	removeStaleTemps(dir, time.Now(), tempsOf(out))
	tmp, err := os.CreateTemp(dir, TempPattern(out))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	err = write(ctx, tmp)
	if err == nil {
		// Renamed unsynced, a power cut could leave the new name on an
		// empty file, the previous export gone (found by a hostile pass).
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err() // cancelled after the last write: keep nothing
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), FileModeFor(out, "")) // not CreateTemp's 0600
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	if err == nil {
		syncDir(dir)
	}
	return err
}

// writeFailure says a failure to write out of the file asked for, not of
// the hidden one written first ("open …/.notes.md.dossier-part-1322199838:
// read-only file system"; found by a hostile pass).
func writeFailure(out string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.Is(err, syscall.ENOSPC):
		err = fmt.Errorf("cannot write %s: the disk holding it is full; free some space and try again (nothing was written)", out)
	case errors.As(err, &pe) && strings.Contains(pe.Path, tempMarker):
		err = fmt.Errorf("cannot write %s: %w (nothing was written)", out, pe.Err)
	case errors.As(err, &le):
		err = fmt.Errorf("cannot write %s: %w (nothing was written)", out, le.Err)
	}
	return err
}
