package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
// rememberClaimRemoval remembers the claim as removed at at, before it is
// deleted (migration 0016).
func rememberClaimRemoval(ctx context.Context, q querier, claimID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO claim_removals (passage_id, span_start, span_end, created_at, removed_at)
		SELECT passage_id, span_start, span_end, created_at, ? FROM claims WHERE id = ?`, formatTime(at), claimID)
	return err
}

// forgetClaimRemoval forgets the removal of a claim put back as r holds it.
func forgetClaimRemoval(ctx context.Context, q querier, r claimRow) error {
	_, err := q.ExecContext(ctx, `DELETE FROM claim_removals WHERE passage_id = ? AND span_start = ? AND span_end = ? AND created_at = ?`,
		r.passageID, r.spanStart, r.spanEnd, r.created)
	return err
}

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
	return spanRemovedAfter(ctx, q, "bookmark_removals", passageID, span, created, made)
}

// claimRemovedAfter is bookmarkRemovedAfter for a claim (migration 0016).
func claimRemovedAfter(ctx context.Context, q querier, passageID int64, span BundleSpan, created, made time.Time) (bool, error) {
	return spanRemovedAfter(ctx, q, "claim_removals", passageID, &span, created, made)
}

// spanRemovedAfter looks in table (bookmark_removals or claim_removals)
// as bookmarkRemovedAfter says.
func spanRemovedAfter(ctx context.Context, q querier, table string, passageID int64, span *BundleSpan, created, made time.Time) (bool, error) {
	start, end := spanArgs(span)
	rows, err := q.QueryContext(ctx, `SELECT created_at, removed_at, span_start IS ? AND span_end IS ? FROM `+table+`
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

// Saved searches (migration 0015) are known to a bundle by name only, and a
// bundle gives them no time but its own export time: a saved search deleted
// here, or renamed away from a name, after the bundle was exported stays
// gone; one whose query or name changed here since keeps them.

// settleSavedSearchNames remembers as removed at now those of names no
// saved search has, and forgets the removal of those one has.
func settleSavedSearchNames(ctx context.Context, q querier, names []string, now string) error {
	for _, n := range names {
		if _, err := q.ExecContext(ctx, `DELETE FROM saved_search_removals WHERE name = ?`, n); err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO saved_search_removals (name, removed_at) SELECT ?1, ?2
			WHERE NOT EXISTS (SELECT 1 FROM saved_searches WHERE name = ?1)`, n, now); err != nil {
			return err
		}
	}
	return nil
}

// Claim links (migration 0015): a link taken off here stays off when a
// bundle's copy of it was made before the removal.

// claimLinkRemoval is a link between claims a < b taken off at at.
type claimLinkRemoval struct {
	a, b int64
	at   string
}

func rememberClaimLinkRemoval(ctx context.Context, q querier, a, b int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO claim_link_removals (claim_a, claim_b, removed_at) VALUES (?, ?, ?)
		ON CONFLICT (claim_a, claim_b) DO UPDATE SET removed_at = excluded.removed_at`, min(a, b), max(a, b), formatTime(at))
	return err
}

func forgetClaimLinkRemoval(ctx context.Context, q querier, a, b int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM claim_link_removals WHERE claim_a = ? AND claim_b = ?`, min(a, b), max(a, b))
	return err
}

func claimLinkRemovedAfter(ctx context.Context, q querier, a, b int64, made time.Time) (bool, error) {
	return removedAfter(ctx, q, made, `SELECT removed_at FROM claim_link_removals WHERE claim_a = ? AND claim_b = ?`, min(a, b), max(a, b))
}

// Tags deleted here (migration 0015): a bundle's copy of one made before
// the delete stays deleted, with its taggings; one made after it (a tag
// of that name made again elsewhere) is created.

// errTagGone is a bundle's tag that was deleted here since.
var errTagGone = errors.New("the tag was deleted here since")

func rememberDeletedTag(ctx context.Context, q querier, id int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO tag_removals (family, name, removed_at) SELECT family, name, ? FROM tags WHERE id = ?
		ON CONFLICT (family, name) DO UPDATE SET removed_at = excluded.removed_at`, formatTime(at), id)
	return err
}

func forgetDeletedTag(ctx context.Context, q querier, family, name string) error {
	_, err := q.ExecContext(ctx, `DELETE FROM tag_removals WHERE family = ? AND name = ?`, family, name)
	return err
}

// Tag former names (migration 0015): a tag merged away or renamed here is
// still known by its old name to a bundle made before, which would create
// it again, its taggings with it.

// tagFormerName is a name the tag tagID had (in its family) until since.
type tagFormerName struct {
	family, name string
	tagID        int64
	since        string
}

// rememberFormerName keeps name as tag id's former name from at (the name
// was another tag's before: the latest holder is the one a bundle means).
func rememberFormerName(ctx context.Context, q querier, family, name string, id int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO tag_former_names (family, name, tag_id, since) VALUES (?, ?, ?, ?)
		ON CONFLICT (family, name) DO UPDATE SET tag_id = excluded.tag_id, since = excluded.since`, family, name, id, formatTime(at))
	return err
}

// formerNameTag finds the tag that was called name in family until since,
// if any.
func formerNameTag(ctx context.Context, q querier, family, name string) (id int64, since time.Time, ok bool, err error) {
	var at string
	err = q.QueryRowContext(ctx, `SELECT tag_id, since FROM tag_former_names WHERE family = ? AND name = ?`, family, name).Scan(&id, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, false, nil
	}
	return id, parseTime(at), err == nil, err
}

// noCaseKey is s as SQLite's NOCASE compares it: ASCII letters in lower
// case, every other character as it is.
func noCaseKey(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// sameNoCase reports whether SQLite's NOCASE takes a and b for the same
// name: it folds ASCII letters only, so "österreich" and "Österreich" are
// two names to it (and a rename between them must be remembered).
func sameNoCase(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Tag aliases (migration 0016): an alias taken off a tag here stays off
// when a bundle exported before then is restored; a bundle's alias never
// here is added. A removal is remembered only while the tag lacks the
// alias.

// tagAliasRemoval is an alias taken off tag tagID at at.
type tagAliasRemoval struct {
	tagID     int64
	alias, at string
}

// settleAliases remembers as removed at at those of tag id's aliases in
// before (its aliases before a change) it no longer has, and forgets the
// removal of every alias it has.
func settleAliases(ctx context.Context, q querier, id int64, before []string, at time.Time) error {
	for _, a := range before {
		if _, err := q.ExecContext(ctx, `INSERT INTO tag_alias_removals (tag_id, alias, removed_at)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?1)
				AND NOT EXISTS (SELECT 1 FROM tag_aliases WHERE tag_id = ?1 AND alias = ?2)
			ON CONFLICT (tag_id, alias) DO UPDATE SET removed_at = excluded.removed_at`, id, a, formatTime(at)); err != nil {
			return err
		}
	}
	return forgetHeldAliasRemovals(ctx, q, id)
}

// forgetHeldAliasRemovals forgets the removal of every alias tag id has.
func forgetHeldAliasRemovals(ctx context.Context, q querier, id int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM tag_alias_removals WHERE tag_id = ?1
		AND alias IN (SELECT alias FROM tag_aliases WHERE tag_id = ?1)`, id)
	return err
}

// aliasRemovedAfter says whether alias was taken off tag id here no
// earlier than exported (zero: not known, so it stays off).
func aliasRemovedAfter(ctx context.Context, q querier, id int64, alias string, exported time.Time) (bool, error) {
	return removedAfter(ctx, q, exported, `SELECT removed_at FROM tag_alias_removals WHERE tag_id = ? AND alias = ?`, id, alias)
}

// ErrPlaceTaken is in the chain of a refusal to bring back, by an undo or
// a redo, a bookmark, claim, tag or saved search whose number (its row id)
// another one took meanwhile: an import (a bundle's, or the claims found
// in new documents) adds rows without clearing the undo history, and a
// row deleted last leaves its number free. Put back by number, the undone
// one wrote over the new one, or deleted it (a hostile data pass).
var ErrPlaceTaken = errors.New("another one added since (by an import, say) took its place")

// refuseIfPlaceTaken refuses to bring back what (a bookmark, say) when
// table's row id is another's than the one made at created (its
// created_at); a free id, or the same row, is no refusal.
func refuseIfPlaceTaken(ctx context.Context, q querier, table string, id int64, created time.Time, what string) error {
	var c string
	err := q.QueryRowContext(ctx, `SELECT created_at FROM `+table+` WHERE id = ?`, id).Scan(&c)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case !parseTime(c).Equal(created):
		return fmt.Errorf("cannot bring back the %s: %w; nothing was changed", what, ErrPlaceTaken)
	}
	return nil
}
