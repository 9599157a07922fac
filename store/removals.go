package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Removals made here are kept with their time (migration 0014): an
// annotation bundle made before a tag was taken off or a bookmark deleted
// put it back on restore, without a word (found by a hostile pass). The
// bundle's copy is restored only when it was made or changed after the
// removal.

func rememberPassageTagRemoval(ctx context.Context, q querier, passageID, tagID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO passage_tag_removals (passage_id, tag_id, removed_at) VALUES (?, ?, ?)
		ON CONFLICT (passage_id, tag_id) DO UPDATE SET removed_at = excluded.removed_at`, passageID, tagID, formatTime(at))
	return err
}

func rememberDocumentTagRemoval(ctx context.Context, q querier, documentID, tagID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO document_tag_removals (document_id, tag_id, removed_at) VALUES (?, ?, ?)
		ON CONFLICT (document_id, tag_id) DO UPDATE SET removed_at = excluded.removed_at`, documentID, tagID, formatTime(at))
	return err
}

// rememberBookmarkRemoval keeps what a bundle knows the bookmark by: its
// passage, span and creation time as stored.
func rememberBookmarkRemoval(ctx context.Context, q querier, bookmarkID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO bookmark_removals (passage_id, span_start, span_end, created_at, removed_at)
		SELECT passage_id, span_start, span_end, created_at, ? FROM bookmarks WHERE id = ?`, formatTime(at), bookmarkID)
	return err
}

// removedAfter reports whether the removal the query finds (its time in the
// first column) is as late as made or later: a bundle's copy made then
// stays removed. A copy with no time (made is zero) stays removed too: the
// removal here is known to have come after it was last seen here.
func removedAfter(ctx context.Context, q querier, made time.Time, query string, args ...any) (bool, error) {
	var removed string
	err := q.QueryRowContext(ctx, query, args...).Scan(&removed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return !made.After(parseTime(removed)), nil
}

func passageTagRemovedAfter(ctx context.Context, q querier, passageID, tagID int64, made time.Time) (bool, error) {
	return removedAfter(ctx, q, made, `SELECT removed_at FROM passage_tag_removals WHERE passage_id = ? AND tag_id = ?`, passageID, tagID)
}

func documentTagRemovedAfter(ctx context.Context, q querier, documentID, tagID int64, made time.Time) (bool, error) {
	return removedAfter(ctx, q, made, `SELECT removed_at FROM document_tag_removals WHERE document_id = ? AND tag_id = ?`, documentID, tagID)
}

// bookmarkRemovedAfter looks for the removal of the bookmark made on the
// passage at created (the latest, if it was put back and deleted again),
// whatever its span became (one edited before it was deleted came back; a
// hostile pass); for a bundle's bookmark with no time, of any bookmark on
// the same span.
func bookmarkRemovedAfter(ctx context.Context, q querier, passageID int64, span *BundleSpan, created, made time.Time) (bool, error) {
	start, end := spanArgs(span)
	rows, err := q.QueryContext(ctx, `SELECT created_at, removed_at, span_start IS ? AND span_end IS ? FROM bookmark_removals
		WHERE passage_id = ? ORDER BY removed_at DESC`, start, end, passageID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var c, removed string
		var sameSpan bool
		if err := rows.Scan(&c, &removed, &sameSpan); err != nil {
			return false, err
		}
		if created.IsZero() && sameSpan || !created.IsZero() && parseTime(c).Equal(created) {
			return !made.After(parseTime(removed)), nil
		}
	}
	return false, rows.Err()
}
