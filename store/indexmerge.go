package store

import (
	"bytes"
	"context"
	"database/sql"
)

// defaultAutomerge is FTS5's automerge setting when none is stored.
const defaultAutomerge = 4

// mergeWork is the number of index pages one merge step writes at most:
// about 4 MB, a fraction of a second, so a cancelled import stops soon.
const mergeWork = 1000

// mergeIndex merges the full-text index's segments after an import of
// passages, as FTS5's automerge would have done batch by batch (see
// indexDocuments), one step per transaction until a step changes nothing or
// the import's budget is spent. Searching many small segments reads every
// one of them for each term; merged, a term is one read.
//
// The budget is one index page (4 KB) per passage imported, three to four
// times what the import wrote, as automerge spends: a few passages added to
// a large library must not pay for merging all of it at once. What is left
// goes on at the next import (FTS5 keeps a level's merge in progress). A
// merge left unfinished — budget spent, cancelled, or the file went away —
// is harmless: the index is whole at every step.
func (s *Store) mergeIndex(ctx context.Context, passages int) error {
	if s.ReadOnly() {
		return s.readOnlyErr()
	}
	lost := false
	err := s.onConn(ctx, mergeCacheKiB, func(conn *sql.Conn) error {
		var before []byte
		for budget := max(passages, mergeWork); budget > 0 && ctx.Err() == nil; budget -= mergeWork {
			structure, err := indexStructure(ctx, conn)
			if err != nil {
				return err
			}
			if before != nil && bytes.Equal(structure, before) {
				return nil // the last step found nothing to merge
			}
			before = structure
			if !s.atPath() {
				// The name leads elsewhere: write nothing more. Making the
				// file safe (stillAtPath) needs a connection of the pool,
				// so it waits until this one is handed back.
				lost = true
				return nil
			}
			// In a transaction, which stamps meta (stampConn): after an
			// import large enough for SQLite to start its -wal again, the
			// merge's steps alone made a -wal without the page naming the
			// file, and another file's such -wal passed for this one's. A
			// step that merged nothing is not kept, stamp and all: it
			// wrote nothing before (a restored backup is the backup).
			tx, err := conn.BeginTx(ctx, nil)
			if err != nil {
				return s.fileErr(err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('merge', ?)`, mergeWork); err != nil {
				tx.Rollback()
				return s.fileErr(err)
			}
			after, err := indexStructure(ctx, tx)
			merged := err != nil || !bytes.Equal(after, structure)
			if !merged {
				tx.Rollback()
			} else if err := tx.Commit(); err != nil {
				return s.fileErr(err)
			}
			if afterMergeStep != nil {
				afterMergeStep(conn)
			}
			if !merged {
				return nil // nothing to merge
			}
		}
		return ctx.Err()
	})
	if lost {
		return s.stillAtPath()
	}
	return err
}

// afterMergeStep, set by a test, runs on the merge's connection after each
// step.
var afterMergeStep func(*sql.Conn)

// mergeCacheKiB is the page cache a merge runs with: each step re-reads
// the segments it merges. Single runs of the 1M import: 7.5k passages/s
// with 2 MB everywhere, 7.7k/s with the merge at 32 MB, 8.1–8.7k/s with
// every connection at 32 MB (which made searches slower; see dsn).
const mergeCacheKiB = 32 << 10

// indexStructure returns FTS5's structure record (its list of segments;
// id 10 in the data table), which every merge step rewrites.
func indexStructure(ctx context.Context, db querier) ([]byte, error) {
	var b []byte
	err := db.QueryRowContext(ctx, `SELECT block FROM passages_fts_data WHERE id = 10`).Scan(&b)
	return b, err
}
