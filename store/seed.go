package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Seed is what a new research file starts with: the gazetteer of actors and
// sources, and the built-in article. The bytes come from package assets,
// handed in by the entry point, so that the store does not embed them.
type Seed struct {
	Gazetteer   []byte // JSON; see GazetteerEntry
	ArticleName string // the file name the article is imported under
	Article     []byte
}

// OpenResearchFile opens (or creates) a research file and makes sure a new
// one holds the seed. The zero Seed opens the file as it is. A file it
// was creating and could not finish (a full disk) is removed: a stub left
// there said "cannot be opened … the file itself is not damaged" of a file
// the user never had (found by a hostile pass).
func OpenResearchFile(path string, seed Seed) (st *Store, err error) {
	if _, serr := os.Lstat(path); errors.Is(serr, fs.ErrNotExist) {
		defer func() {
			if err != nil {
				err = notCreated(path, err)
			}
		}()
	}
	return openResearchFile(path, seed)
}

// notCreated removes what a failed creation of the research file at path
// left, and says it was not created.
func notCreated(path string, err error) error {
	if heldByAnother(path) != "" {
		return err // another program made it meanwhile, and has it open: it is that program's
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		abs = path
	}
	if errors.Is(err, ErrDiskFull) || noRoomFor("", path, err) != nil {
		return &FileError{Path: abs, err: fmt.Errorf("%w: %w", ErrDiskFull, err),
			msg: "cannot be created: the disk it would be on is full; free some space and try again (nothing was written)"}
	}
	return fmt.Errorf("research file %s could not be created (nothing was kept): %w", abs, err)
}

func openResearchFile(path string, seed Seed) (*Store, error) {
	st, err := Open(path)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	// The gazetteer goes first, so that importing the seed article suggests
	// its actors and sources.
	if len(seed.Gazetteer) > 0 {
		if err := st.ensureGazetteer(ctx, seed.Gazetteer); err != nil {
			st.Close()
			return nil, err
		}
	}
	if len(seed.Article) > 0 {
		if err := st.ensureDefaultCorpus(ctx, seed.ArticleName, seed.Article); err != nil {
			st.Close()
			return nil, err
		}
	}
	return st, nil
}
