package store

import (
	"bytes"
	"context"
)

// defaultAutomerge is FTS5's automerge setting when none is stored.
const defaultAutomerge = 4

// mergeWork is the number of index pages one merge step writes at most:
// about 4 MB, a fraction of a second, so a cancelled import stops soon.
const mergeWork = 1000

// maxMergeSteps bounds one merge (about 40 GB of index writes): a guard, never
// reached by a real import.
const maxMergeSteps = 10000

// mergeIndex merges the full-text index's segments after an import, as
// FTS5's automerge would have done batch by batch (see indexDocuments), one
// step per transaction until a step changes nothing. Searching many small
// segments reads every one of them for each term; merged, a term is one
// read. A merge left unfinished (cancelled, or the file went away) is
// harmless: the index is whole at every step, and the next import goes on
// with it.
func (s *Store) mergeIndex(ctx context.Context) error {
	var before []byte
	for step := 0; step < maxMergeSteps && ctx.Err() == nil; step++ {
		structure, err := s.indexStructure(ctx)
		if err != nil {
			return err
		}
		if before != nil && bytes.Equal(structure, before) {
			return nil // the last step found nothing to merge
		}
		before = structure
		if _, err := s.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('merge', ?)`, mergeWork); err != nil {
			return s.fileErr(err)
		}
	}
	return ctx.Err() // nil after maxMergeSteps: the next import goes on
}

// indexStructure returns FTS5's structure record (its list of segments;
// id 10 in the data table), which every merge step rewrites.
func (s *Store) indexStructure(ctx context.Context) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT block FROM passages_fts_data WHERE id = 10`).Scan(&b)
	return b, err
}
