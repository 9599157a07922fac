package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Claim decisions that can be undone (the window's Edit → Undo): each makes
// its change in one transaction and returns the claims it touched as they
// were before and after, exactly (same ids, timestamps, actors and links);
// UndoClaims and RedoClaims put either side back.

// ClaimChange is the claims a change touched, before and after it. A claim
// missing from a side did not exist then. Sources holds the source tags the
// change created (undo deletes them, redo restores them), or is nil.
type ClaimChange struct {
	IDs           []int64
	Before, After []ClaimRecord
	Sources       *TagSnapshot
}

// ClaimRecord is a claim as stored, with its actors and links.
type ClaimRecord struct {
	row    claimRow
	actors []claimTag
	links  []claimLink
	// links taken off, remembered (migration 0015): undo of an unlink
	// forgets the removal, redo remembers it again.
	linkRemovals []claimLinkRemoval
}

// ID is the claim's id.
func (r ClaimRecord) ID() int64 { return r.row.id }

// Note is the claim's note as the record holds it.
func (r ClaimRecord) Note() string { return r.row.note }

type claimRow struct {
	id, passageID                                    int64
	spanStart, spanEnd                               int
	foundStart, foundEnd, sourceID, cueStart, cueEnd sql.NullInt64
	stance, cue, speaker, state, origin, rule, note  string
	likelihood, confidence                           int
	created, updated                                 string
}

type claimLink struct {
	a, b          int64
	kind, created string
}

const claimRowColumns = `id, passage_id, span_start, span_end, found_start, found_end, source_id, cue_start, cue_end,
	stance, cue, speaker, state, origin, rule, note, likelihood, confidence, created_at, updated_at`

func (r *claimRow) values() []any {
	return []any{r.id, r.passageID, r.spanStart, r.spanEnd, r.foundStart, r.foundEnd, r.sourceID, r.cueStart, r.cueEnd,
		r.stance, r.cue, r.speaker, r.state, r.origin, r.rule, r.note, r.likelihood, r.confidence, r.created, r.updated}
}

// readClaimRecords reads the claims ids that exist.
func readClaimRecords(ctx context.Context, q querier, ids []int64) ([]ClaimRecord, error) {
	var out []ClaimRecord
	for _, id := range ids {
		var rec ClaimRecord
		r := &rec.row
		err := q.QueryRowContext(ctx, `SELECT `+claimRowColumns+` FROM claims WHERE id = ?`, id).Scan(
			&r.id, &r.passageID, &r.spanStart, &r.spanEnd, &r.foundStart, &r.foundEnd, &r.sourceID, &r.cueStart, &r.cueEnd,
			&r.stance, &r.cue, &r.speaker, &r.state, &r.origin, &r.rule, &r.note, &r.likelihood, &r.confidence, &r.created, &r.updated)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if rec.actors, err = queryAll(ctx, q, scanClaimTag, `SELECT claim_id, tag_id, 1, position FROM claim_actors WHERE claim_id = ?`, id); err != nil {
			return nil, err
		}
		if rec.links, err = queryAll(ctx, q, func(sc scanner) (claimLink, error) {
			var l claimLink
			return l, sc.Scan(&l.a, &l.b, &l.kind, &l.created)
		}, `SELECT claim_a, claim_b, kind, created_at FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1`, id); err != nil {
			return nil, err
		}
		if rec.linkRemovals, err = queryAll(ctx, q, func(sc scanner) (claimLinkRemoval, error) {
			var r claimLinkRemoval
			return r, sc.Scan(&r.a, &r.b, &r.at)
		}, `SELECT claim_a, claim_b, removed_at FROM claim_link_removals WHERE claim_a = ?1 OR claim_b = ?1`, id); err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// trackClaims runs change in one transaction and records the claims ids
// (found in the transaction, before the change) and those change reports
// touching, before and after it; change also reports a source tag it
// created (0 for none).
func (s *Store) trackClaims(ctx context.Context, ids func(tx *sql.Tx) ([]int64, error),
	change func(tx *sql.Tx) (touched []int64, created int64, err error)) (ClaimChange, error) {
	var c ClaimChange
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := ids(tx)
		if err != nil {
			return err
		}
		if c.Before, err = readClaimRecords(ctx, tx, before); err != nil {
			return err
		}
		touched, created, err := change(tx)
		if err != nil {
			return err
		}
		c.IDs = before
		for _, id := range touched {
			if !slices.Contains(c.IDs, id) {
				c.IDs = append(c.IDs, id)
			}
		}
		if c.After, err = readClaimRecords(ctx, tx, c.IDs); err != nil {
			return err
		}
		if created != 0 {
			c.Sources, err = snapshot(ctx, tx, created)
		}
		return err
	})
	return c, err
}

func these(ids ...int64) func(*sql.Tx) ([]int64, error) {
	return func(*sql.Tx) ([]int64, error) { return ids, nil }
}

// MarkClaimUndoable is MarkClaim, also returning the change.
func (s *Store) MarkClaimUndoable(ctx context.Context, passageID int64, span Range, e ClaimEdit) (Claim, ClaimChange, error) {
	var id int64
	c, err := s.trackClaims(ctx, func(tx *sql.Tx) ([]int64, error) {
		// A rejected claim on these words comes back: it is touched.
		return queryAll(ctx, tx, func(sc scanner) (int64, error) {
			var id int64
			return id, sc.Scan(&id)
		}, `SELECT id FROM claims WHERE passage_id = ? AND span_start = ? AND span_end = ?`, passageID, span.Start, span.End)
	}, func(tx *sql.Tx) ([]int64, int64, error) {
		var created int64
		var err error
		id, created, err = s.markClaimTx(ctx, tx, passageID, span, e)
		return []int64{id}, created, err
	})
	if err != nil {
		return Claim{}, c, err
	}
	cl, err := s.Claim(ctx, id)
	return cl, c, err
}

// EditClaimUndoable is EditClaim, also returning the change.
func (s *Store) EditClaimUndoable(ctx context.Context, id int64, e ClaimEdit) (Claim, ClaimChange, error) {
	c, err := s.trackClaims(ctx, these(id), func(tx *sql.Tx) ([]int64, int64, error) {
		created, err := s.editClaimTx(ctx, tx, id, e)
		return nil, created, err
	})
	if err != nil {
		return Claim{}, c, err
	}
	cl, err := s.Claim(ctx, id)
	return cl, c, err
}

// SetClaimStateUndoable accepts (ClaimAccepted) or rejects (ClaimRejected)
// a claim, returning the change.
func (s *Store) SetClaimStateUndoable(ctx context.Context, id int64, state string) (ClaimChange, error) {
	return s.trackClaims(ctx, these(id), func(tx *sql.Tx) ([]int64, int64, error) {
		return nil, 0, s.setClaimStateTx(ctx, tx, id, state)
	})
}

// LinkClaimsUndoable is LinkClaims, returning the change.
func (s *Store) LinkClaimsUndoable(ctx context.Context, a, b int64, kind string) (ClaimChange, error) {
	return s.trackClaims(ctx, these(a, b), func(tx *sql.Tx) ([]int64, int64, error) {
		return nil, 0, s.linkClaimsTx(ctx, tx, a, b, kind)
	})
}

// UnlinkClaimsUndoable is UnlinkClaims, returning the change.
func (s *Store) UnlinkClaimsUndoable(ctx context.Context, a, b int64) (ClaimChange, error) {
	return s.trackClaims(ctx, these(a, b), func(tx *sql.Tx) ([]int64, int64, error) {
		return nil, 0, s.unlinkClaimsTx(ctx, tx, a, b)
	})
}

// UndoClaims puts the claims of a change back as they were before it, and
// deletes the source tags it created.
func (s *Store) UndoClaims(ctx context.Context, c ClaimChange) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		at := s.now()
		if err := refuseIfClaimsChanged(ctx, tx, c.IDs, c.After); err != nil {
			return err
		}
		if err := putClaims(ctx, tx, c.IDs, c.Before, at); err != nil {
			return err
		}
		if c.Sources != nil {
			for _, t := range c.Sources.Tags {
				// Kept where work was done on it since (a bundle restored
				// its colleague's taggings onto it, a claim took it as
				// source, it was edited): deleted, that work went with it,
				// and its delete, remembered, kept the bundle's copy away
				// for good (a review).
				if used, err := sourceTagUsed(ctx, tx, t.ID); err != nil || used {
					if err != nil {
						return err
					}
					continue
				}
				// Remembered as a tag's delete is: a bundle exported while
				// it stood made it again (a hostile data pass). The redo
				// puts it back and forgets it.
				if err := rememberDeletedTag(ctx, tx, t.ID, at); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, t.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// RedoClaims makes a change again: its source tags, then its claims as
// they were after it.
func (s *Store) RedoClaims(ctx context.Context, c ClaimChange) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := refuseIfClaimsChanged(ctx, tx, c.IDs, c.Before); err != nil {
			return err
		}
		if c.Sources != nil {
			kept, err := sourceTagsKept(ctx, tx, c.Sources)
			if err != nil {
				return err
			}
			if !kept {
				if err := restoreTags(ctx, tx, c.Sources, s.now()); err != nil {
					return err
				}
			}
		}
		return putClaims(ctx, tx, c.IDs, c.After, s.now())
	})
}

// refuseIfClaimsChanged refuses an undo or redo of a change that left the
// claims ids as left when one of them was changed since by another writer
// (a bundle restored a colleague's decision, note or links): putting the
// claim back wrote over that, and took the links the bundle had given it
// off for good, remembered as removed here (a hostile data pass). A claim
// gone since, or not there after the change, is left to putClaims.
func refuseIfClaimsChanged(ctx context.Context, tx *sql.Tx, ids []int64, left []ClaimRecord) error {
	now, err := readClaimRecords(ctx, tx, ids)
	if err != nil {
		return err
	}
	for _, n := range now {
		i := slices.IndexFunc(left, func(r ClaimRecord) bool { return r.row.id == n.row.id })
		if i < 0 {
			continue
		}
		if n.row != left[i].row || !sameClaimTags(n.actors, left[i].actors) || !sameClaimLinks(n.links, left[i].links) {
			return fmt.Errorf("cannot put the claim back as it was: %w; it is left as it is now", ErrChangedSince)
		}
	}
	return nil
}

func sameClaimTags(a, b []claimTag) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(x claimTag) bool { return !slices.Contains(b, x) })
}

// sameClaimLinks compares links by their claims and kind (an undo dates
// a link it gives another kind anew).
func sameClaimLinks(a, b []claimLink) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(x claimLink) bool {
		return !slices.ContainsFunc(b, func(y claimLink) bool { return x.a == y.a && x.b == y.b && x.kind == y.kind })
	})
}

// sourceTagUsed says whether the source tag a claim's marking made has
// had work done on it since, once the change is undone: a tagging decided
// (by hand, or a bundle's), a document tagged, a claim or an actor, an
// edit. A pending suggestion is not work.
func sourceTagUsed(ctx context.Context, tx *sql.Tx, id int64) (bool, error) {
	var used bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM passage_tags WHERE tag_id = ?1 AND state <> 'pending')
		OR EXISTS (SELECT 1 FROM document_tags WHERE tag_id = ?1)
		OR EXISTS (SELECT 1 FROM claims WHERE source_id = ?1)
		OR EXISTS (SELECT 1 FROM claim_actors WHERE tag_id = ?1)
		OR EXISTS (SELECT 1 FROM tags WHERE id = ?1 AND updated_at > created_at)`, id).Scan(&used)
	return used, err
}

// sourceTagsKept says whether every source tag of a claim change is still
// there, as made (kept by its undo, sourceTagUsed): its redo leaves them
// as they are, where putting the snapshot back would take the work done
// on them since.
func sourceTagsKept(ctx context.Context, tx *sql.Tx, snap *TagSnapshot) (bool, error) {
	for _, t := range snap.Tags {
		var created string
		err := tx.QueryRowContext(ctx, `SELECT created_at FROM tags WHERE id = ?`, t.ID).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if !parseTime(created).Equal(t.Created) {
			return false, nil
		}
	}
	return true, nil
}

// putClaims makes the claims ids as recs holds them: those missing from
// recs are deleted. A passage, tag or linked claim deleted meanwhile is left
// out rather than failing. An undo or redo is a change made at at: a link
// it takes off is remembered as removed then, and one it gives another
// kind is dated then (a bundle exported between the change and its undo
// put the undone link back; a hostile pass).
func putClaims(ctx context.Context, tx *sql.Tx, ids []int64, recs []ClaimRecord, at time.Time) error {
	// The links as they are, read before any is put back (two claims of
	// the change may share one).
	var had []claimLink
	for _, id := range ids {
		links, err := queryAll(ctx, tx, func(sc scanner) (claimLink, error) {
			var l claimLink
			return l, sc.Scan(&l.a, &l.b, &l.kind, &l.created)
		}, `SELECT claim_a, claim_b, kind, created_at FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1`, id)
		if err != nil {
			return err
		}
		had = append(had, links...)
	}
	var kept, takenOff []claimLinkRemoval // removals the records hold; links taken off now
	for _, id := range ids {
		i := slices.IndexFunc(recs, func(r ClaimRecord) bool { return r.row.id == id })
		if i < 0 {
			// Taken away (an undone marking): remembered, as a removed
			// link is.
			if err := rememberClaimRemoval(ctx, tx, id, at); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE id = ?`, id); err != nil {
				return err
			}
			continue
		}
		r := recs[i].row
		if err := refuseIfPlaceTaken(ctx, tx, "claims", r.id, parseTime(r.created), "claim"); err != nil {
			return err
		}
		if err := forgetClaimRemoval(ctx, tx, r); err != nil {
			return err
		}
		// An upsert, not a REPLACE: replacing the row would delete its
		// actors and links with it.
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims (`+claimRowColumns+`)
			SELECT ?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM tags WHERE id = ?7), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20
			WHERE EXISTS (SELECT 1 FROM passages WHERE id = ?2)
			ON CONFLICT (id) DO UPDATE SET passage_id = excluded.passage_id, span_start = excluded.span_start,
				span_end = excluded.span_end, found_start = excluded.found_start, found_end = excluded.found_end,
				source_id = excluded.source_id, cue_start = excluded.cue_start, cue_end = excluded.cue_end,
				stance = excluded.stance, cue = excluded.cue, speaker = excluded.speaker, state = excluded.state,
				origin = excluded.origin, rule = excluded.rule, note = excluded.note, likelihood = excluded.likelihood,
				confidence = excluded.confidence, created_at = excluded.created_at, updated_at = excluded.updated_at`,
			r.values()...); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM claim_actors WHERE claim_id = ?1`, `DELETE FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1`,
			`DELETE FROM claim_link_removals WHERE claim_a = ?1 OR claim_b = ?1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		for _, a := range recs[i].actors {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO claim_actors (claim_id, tag_id, position)
				SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM tags WHERE id = ?2)`,
				a.ClaimID, a.TagID, a.Position); err != nil {
				return err
			}
		}
		for _, l := range recs[i].links {
			created := l.created
			if j := slices.IndexFunc(had, func(h claimLink) bool { return h.a == l.a && h.b == l.b }); j >= 0 && had[j].kind != l.kind {
				created = formatTime(at)
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO claim_links (claim_a, claim_b, kind, created_at)
				SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM claims WHERE id = ?2)`,
				l.a, l.b, l.kind, created); err != nil {
				return err
			}
		}
		for _, h := range had {
			if (h.a == id || h.b == id) && !slices.ContainsFunc(recs[i].links, func(l claimLink) bool { return l.a == h.a && l.b == h.b }) {
				takenOff = append(takenOff, claimLinkRemoval{h.a, h.b, formatTime(at)})
			}
		}
		kept = append(kept, recs[i].linkRemovals...)
	}
	// Put back once every claim's old removals are cleared (a later
	// claim's clearing took off what an earlier one had put back), the
	// links taken off now last: theirs is the newer date for a pair.
	for _, r := range append(kept, takenOff...) {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO claim_link_removals (claim_a, claim_b, removed_at)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM claims WHERE id = ?2)`,
			r.a, r.b, r.at); err != nil {
			return err
		}
	}
	return nil
}
