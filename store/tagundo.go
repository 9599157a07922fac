package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"dossier/store/query"
)

// Tag edits that can be undone: each returns a snapshot that Restore puts back.

// TagSnapshot holds tags with everything attached to them, so that rename,
// merge and delete can be undone exactly.
type TagSnapshot struct {
	Tags      []Tag
	Passages  []Tagging
	Documents []DocumentTagging
	Claims    []claimTag // claims the tags are the source of, or about
	// removals of the tags remembered (migration 0014): they go with the
	// tag's row, which Restore deletes and puts back (an edit undone
	// forgot them all, and an older bundle put the removed taggings back;
	// found by a hostile pass).
	removals []tagRemoval
	// formerNames are the names the tags had, and the former names of
	// other tags that they have (migration 0015): the first go with the
	// tag's row as the removals do, the second may be taken over by a
	// rename.
	formerNames []tagFormerName
	// aliasRemovals are the aliases taken off the tags (migration 0016),
	// which go with the tag's row as the removals do.
	aliasRemovals []tagAliasRemoval
	// byHand are the tags made by hand (migration 0016).
	byHand []int64
	// nameRemovals are the deletes remembered of the tags' names
	// (tag_removals, one a name): a tag made again under a deleted tag's
	// name keeps that delete, and a restore puts the record back as it
	// was, not forgotten.
	nameRemovals []tagNameRemoval
	// updated is each tag's updated_at (migration 0015), by id: put back
	// as the tag was, or an older bundle took it for never edited.
	updated map[int64]sql.NullString
	// made is the same tags just after the change this snapshot undoes
	// or redoes (EditTag, MergeTags), if known. A tagging or claim on
	// them now that the change did not touch — one neither snapshot
	// holds (restored by a bundle, suggested in a document imported
	// since), or one both hold alike — is kept as it is now: the undo of
	// a tag's new colour took away every tagging a bundle had restored
	// onto it since, and remembered them as removed (a hostile data pass).
	made *TagSnapshot
}

// untouchedTagging, untouchedDocument and untouchedClaim report whether
// the change between snap and snap.made left a passage tagging, a
// document tagging or a claim's tag alone: both snapshots hold it alike,
// or neither does.
func (snap *TagSnapshot) untouchedTagging(tg Tagging) bool {
	find := func(in *TagSnapshot) (Tagging, bool) {
		i := slices.IndexFunc(in.Passages, func(x Tagging) bool { return x.PassageID == tg.PassageID && x.TagID == tg.TagID })
		if i < 0 {
			return Tagging{}, false
		}
		return in.Passages[i], true
	}
	a, inA := find(snap)
	b, inB := find(snap.made)
	return inA == inB && (!inA || sameTagging(a, b))
}

// decidedSince reports whether tg, a tagging on a tag now, was decided
// since the change: snap.made holds it otherwise (a suggestion the change
// made, accepted or rejected since). The decision is kept: the undo of an
// edit that gave the tag an alias took away the suggestion it made, which
// the user had accepted since, and remembered it as removed (the hostile
// data pass data6).
func (snap *TagSnapshot) decidedSince(tg Tagging) bool {
	if tg.State == StatePending {
		return false
	}
	i := slices.IndexFunc(snap.made.Passages, func(x Tagging) bool { return x.PassageID == tg.PassageID && x.TagID == tg.TagID })
	return i >= 0 && !sameTagging(snap.made.Passages[i], tg)
}

func sameTagging(a, b Tagging) bool {
	return a.Origin == b.Origin && a.State == b.State && a.Created.Equal(b.Created) && a.decided == b.decided &&
		(a.Span == nil) == (b.Span == nil) && (a.Span == nil || *a.Span == *b.Span)
}

func (snap *TagSnapshot) untouchedDocument(dt DocumentTagging) bool {
	has := func(in *TagSnapshot) bool {
		return slices.ContainsFunc(in.Documents, func(x DocumentTagging) bool { return x.DocumentID == dt.DocumentID && x.TagID == dt.TagID })
	}
	return has(snap) == has(snap.made)
}

func (snap *TagSnapshot) untouchedClaim(ct claimTag) bool {
	has := func(in *TagSnapshot) bool { return slices.Contains(in.Claims, ct) }
	return has(snap) == has(snap.made)
}

// tagNameRemoval is a tag's delete remembered by its family and name.
type tagNameRemoval struct{ family, name, at string }

// claimTag is a tag on a claim: its source (about false) or an actor it is
// about, at position.
type claimTag struct {
	ClaimID, TagID int64
	About          bool
	Position       int
}

func scanClaimTag(sc scanner) (claimTag, error) {
	var c claimTag
	return c, sc.Scan(&c.ClaimID, &c.TagID, &c.About, &c.Position)
}

func snapshot(ctx context.Context, q querier, ids ...int64) (*TagSnapshot, error) {
	snap := &TagSnapshot{}
	for _, id := range ids {
		t, err := scanTag(q.QueryRowContext(ctx, `SELECT `+tagColumns+` FROM tags t WHERE t.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("tag %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		snap.Tags = append(snap.Tags, t)
		var byHand bool
		var updated sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT by_hand, updated_at FROM tags WHERE id = ?`, id).Scan(&byHand, &updated); err != nil {
			return nil, err
		}
		if snap.updated == nil {
			snap.updated = map[int64]sql.NullString{}
		}
		snap.updated[id] = updated
		nrs, err := queryAll(ctx, q, func(sc scanner) (tagNameRemoval, error) {
			var r tagNameRemoval
			return r, sc.Scan(&r.family, &r.name, &r.at)
		}, `SELECT family, name, removed_at FROM tag_removals WHERE family = ? AND name = ?`, t.Family, t.Name)
		if err != nil {
			return nil, err
		}
		snap.nameRemovals = append(snap.nameRemovals, nrs...)
		if byHand {
			snap.byHand = append(snap.byHand, id)
		}
		tgs, err := queryAll(ctx, q, scanTagging,
			`SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags WHERE tag_id = ?`, id)
		if err != nil {
			return nil, err
		}
		snap.Passages = append(snap.Passages, tgs...)
		docs, err := queryDocumentTaggings(ctx, q, `SELECT document_id, tag_id, created_at FROM document_tags WHERE tag_id = ?`, id)
		if err != nil {
			return nil, err
		}
		snap.Documents = append(snap.Documents, docs...)
		cts, err := queryAll(ctx, q, scanClaimTag, `SELECT id, source_id, 0, 0 FROM claims WHERE source_id = ?1
			UNION ALL SELECT claim_id, tag_id, 1, position FROM claim_actors WHERE tag_id = ?1`, id)
		if err != nil {
			return nil, err
		}
		snap.Claims = append(snap.Claims, cts...)
		rms, err := queryAll(ctx, q, scanTagRemoval, `SELECT 0, passage_id, tag_id, removed_at FROM passage_tag_removals WHERE tag_id = ?1
			UNION ALL SELECT 1, document_id, tag_id, removed_at FROM document_tag_removals WHERE tag_id = ?1`, id)
		if err != nil {
			return nil, err
		}
		snap.removals = append(snap.removals, rms...)
		fns, err := queryAll(ctx, q, func(sc scanner) (tagFormerName, error) {
			var f tagFormerName
			return f, sc.Scan(&f.family, &f.name, &f.tagID, &f.since)
		}, `SELECT family, name, tag_id, since FROM tag_former_names WHERE tag_id = ?1
			UNION SELECT f.family, f.name, f.tag_id, f.since FROM tag_former_names f JOIN tags t ON t.family = f.family AND t.name = f.name WHERE t.id = ?1`, id)
		if err != nil {
			return nil, err
		}
		snap.formerNames = append(snap.formerNames, fns...)
		ars, err := queryAll(ctx, q, func(sc scanner) (tagAliasRemoval, error) {
			var r tagAliasRemoval
			return r, sc.Scan(&r.tagID, &r.alias, &r.at)
		}, `SELECT tag_id, alias, removed_at FROM tag_alias_removals WHERE tag_id = ?`, id)
		if err != nil {
			return nil, err
		}
		snap.aliasRemovals = append(snap.aliasRemovals, ars...)
	}
	return snap, nil
}

func scanTagRemoval(sc scanner) (tagRemoval, error) {
	var r tagRemoval
	return r, sc.Scan(&r.document, &r.id, &r.tagID, &r.at)
}

// Restore puts tags back exactly as a snapshot holds them: it undoes a
// rename, merge or delete made after the snapshot was taken.
func (s *Store) Restore(ctx context.Context, snap *TagSnapshot) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return restoreTags(ctx, tx, snap, s.now()) })
}

// restoreTags is Restore in tx.
func restoreTags(ctx context.Context, tx *sql.Tx, snap *TagSnapshot, at time.Time) error {
	// What the tags are now, which putting them back may take away: a
	// name, taggings. An undo is a change made now, and an older bundle
	// (one exported between the change and its undo) must not undo it: it
	// made a renamed tag again under its undone name, and put a merge's
	// taggings back on the survivor (a hostile pass).
	type now struct {
		id           int64
		family, name string
		renamed      bool // the name it is put back with is another
		changed      bool // its name, kind, description or colour too
		taggings     []tagRemoval
		// removals: the taggings remembered as taken off now, which go
		// with the tag's row below; those taken off since the snapshot
		// are put back after it (see removedSince).
		removals []tagRemoval
		aliases  []string
		// kept: what the undone change did not touch, as it is now
		// (snap.made); put back after the snapshot's.
		keptPassages  []Tagging
		keptDocuments []DocumentTagging
		keptClaims    []claimTag
	}
	var current []now
	// holds: what the snapshot's tags that are still here hold now, by
	// what it is on (a passage 0, a document 1, a claim as its source 2
	// or an actor 3), and the removals remembered now (see takenOffSince).
	type hold struct {
		kind      int
		id, tagID int64
	}
	holds, removedNow := map[hold]bool{}, map[hold]string{}
	if snap.made != nil {
		// A tag the change left (edited, or a merge's survivor) deleted
		// since, by another window: the undo or redo is refused. It made
		// the tag again, with the taggings taken off before the delete,
		// and forgot the delete (the hostile data pass data6).
		for _, t := range snap.made.Tags {
			var here bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tags WHERE id = ?)`, t.ID).Scan(&here); err != nil {
				return err
			}
			if !here {
				return fmt.Errorf("cannot put the %s “%s” back as it was: %w (it was deleted since); nothing was changed",
					t.Family, query.Clip(t.Name), ErrChangedSince)
			}
		}
	}
	for _, t := range snap.Tags {
		if err := refuseIfPlaceTaken(ctx, tx, "tags", t.ID, t.Created, fmt.Sprintf("%s %q", t.Family, query.Clip(t.Name))); err != nil {
			return err
		}
	}
	for _, t := range snap.Tags {
		var n now
		var kind, desc, color string
		err := tx.QueryRowContext(ctx, `SELECT family, name, kind, description, color FROM tags WHERE id = ?`, t.ID).
			Scan(&n.family, &n.name, &kind, &desc, &color)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		if n.taggings, err = queryAll(ctx, tx, scanTagRemoval, `SELECT 0, passage_id, tag_id, '' FROM passage_tags WHERE tag_id = ?1 AND state <> 'pending'
			UNION ALL SELECT 1, document_id, tag_id, '' FROM document_tags WHERE tag_id = ?1`, t.ID); err != nil {
			return err
		}
		if n.removals, err = queryAll(ctx, tx, scanTagRemoval, `SELECT 0, passage_id, tag_id, removed_at FROM passage_tag_removals WHERE tag_id = ?1
			UNION ALL SELECT 1, document_id, tag_id, removed_at FROM document_tag_removals WHERE tag_id = ?1`, t.ID); err != nil {
			return err
		}
		for _, r := range n.removals {
			removedNow[hold{map[bool]int{false: 0, true: 1}[r.document], r.id, r.tagID}] = r.at
		}
		hs, err := queryAll(ctx, tx, func(sc scanner) (hold, error) {
			h := hold{tagID: t.ID}
			return h, sc.Scan(&h.kind, &h.id)
		}, `SELECT 0, passage_id FROM passage_tags WHERE tag_id = ?1
			UNION ALL SELECT 1, document_id FROM document_tags WHERE tag_id = ?1
			UNION ALL SELECT 2, id FROM claims WHERE source_id = ?1
			UNION ALL SELECT 3, claim_id FROM claim_actors WHERE tag_id = ?1`, t.ID)
		if err != nil {
			return err
		}
		for _, h := range hs {
			holds[h] = true
		}
		if n.aliases, err = tagAliasList(ctx, tx, t.ID); err != nil {
			return err
		}
		if snap.made != nil {
			if err := keepUntouched(ctx, tx, snap, t.ID, &n.keptPassages, &n.keptDocuments, &n.keptClaims); err != nil {
				return err
			}
		}
		n.id, n.renamed = t.ID, !sameNoCase(n.name, t.Name)
		n.changed = n.name != t.Name || kind != t.Kind || desc != t.Description || color != t.Color
		current = append(current, n)
	}
	for _, t := range snap.Tags {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, t.ID); err != nil {
			return err
		}
	}
	for _, t := range snap.Tags {
		if _, err := insertTag(ctx, tx, t, at); err != nil {
			return err
		}
	}
	for _, id := range snap.byHand {
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET by_hand = 1 WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, t := range snap.Tags {
		// The name's delete remembered as it was when the snapshot was
		// taken: forgotten, the redo of a tag made again under a deleted
		// tag's name forgot that tag's delete too (its own undo had written
		// over it; a review).
		if err := forgetDeletedTag(ctx, tx, t.Family, t.Name); err != nil {
			return err
		}
	}
	for _, r := range snap.nameRemovals {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO tag_removals (family, name, removed_at) VALUES (?, ?, ?)`,
			r.family, r.name, r.at); err != nil {
			return err
		}
	}
	for id, updated := range snap.updated {
		// insertTag dated it as made: an edit here before the snapshot
		// was forgotten, and an older bundle's colour replaced it (a
		// review). A change the undo makes now is dated below.
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET updated_at = ? WHERE id = ?`, updated, id); err != nil {
			return err
		}
	}
	// What the change left alone and is not on the tag now was taken off
	// since (by another window, a bundle): it stays off (the undo of a
	// colour change put a tagging removed since back, and forgot its
	// removal; a hostile data pass). What is on it now is kept below.
	exists := map[int64]bool{}
	for _, n := range current {
		exists[n.id] = true
	}
	removedSince := func(tagID int64, untouched func() bool) bool { return snap.made != nil && exists[tagID] && untouched() }
	// takenOffSince: the change put it on a tag still here (a merge, on
	// the survivor), which no longer holds it: taken off since, it stays
	// off, and off the merged-away tag put back too (the undo of a merge
	// put a tagging taken off the survivor since back on the merged-away
	// tag, and a claim given another source since back to it; the hostile
	// data pass data6). It returns that tag.
	takenOffSince := func(kind int, id int64) (int64, bool) {
		if snap.made == nil {
			return 0, false
		}
		var on []int64
		for _, x := range snap.made.Passages {
			if kind == 0 && x.PassageID == id {
				on = append(on, x.TagID)
			}
		}
		for _, x := range snap.made.Documents {
			if kind == 1 && x.DocumentID == id {
				on = append(on, x.TagID)
			}
		}
		for _, x := range snap.made.Claims {
			if kind >= 2 && x.ClaimID == id && x.About == (kind == 3) {
				on = append(on, x.TagID)
			}
		}
		for _, tagID := range on {
			if exists[tagID] && !holds[hold{kind, id, tagID}] {
				return tagID, true
			}
		}
		return 0, false
	}
	// offToo: the removals of what takenOffSince leaves off a tag put
	// back, dated as the removal it follows (or now): an older bundle put
	// it back on the merged-away tag.
	var offToo []tagRemoval
	leaveOff := func(kind int, id, tagID, offTag int64) {
		if exists[tagID] {
			return // its removal, if remembered, is kept below
		}
		when, ok := removedNow[hold{kind, id, offTag}]
		if !ok {
			when = formatTime(at)
		}
		offToo = append(offToo, tagRemoval{document: kind == 1, id: id, tagID: tagID, at: when})
	}
	for _, tg := range snap.Passages {
		if removedSince(tg.TagID, func() bool { return snap.untouchedTagging(tg) }) {
			continue
		}
		if off, ok := takenOffSince(0, tg.PassageID); ok {
			if tg.State != StatePending {
				leaveOff(0, tg.PassageID, tg.TagID, off)
			}
			continue
		}
		var start, end any
		if tg.Span != nil {
			start, end = tg.Span.Start, tg.Span.End
		}
		// A passage deleted meanwhile is skipped, not an error.
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
			SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM passages WHERE id = ?)`,
			tg.PassageID, tg.TagID, tg.Origin, tg.State, start, end, formatTime(tg.Created), tg.decided, tg.PassageID); err != nil {
			return err
		}
	}
	for _, dt := range snap.Documents {
		if removedSince(dt.TagID, func() bool { return snap.untouchedDocument(dt) }) {
			continue
		}
		if off, ok := takenOffSince(1, dt.DocumentID); ok {
			leaveOff(1, dt.DocumentID, dt.TagID, off)
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO document_tags (document_id, tag_id, created_at)
			SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)`,
			dt.DocumentID, dt.TagID, formatTime(dt.Created), dt.DocumentID); err != nil {
			return err
		}
	}
	for _, ct := range snap.Claims {
		if removedSince(ct.TagID, func() bool { return snap.untouchedClaim(ct) }) {
			continue
		}
		if _, ok := takenOffSince(map[bool]int{false: 2, true: 3}[ct.About], ct.ClaimID); ok {
			continue
		}
		// A claim deleted meanwhile is skipped, as passages are above.
		q := `UPDATE claims SET source_id = ?2 WHERE id = ?1`
		if ct.About {
			q = `INSERT OR REPLACE INTO claim_actors (claim_id, tag_id, position)
				SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1)`
		}
		if _, err := tx.ExecContext(ctx, q, ct.ClaimID, ct.TagID, ct.Position); err != nil {
			return err
		}
	}
	for _, n := range current {
		for _, tg := range n.keptPassages {
			var start, end any
			if tg.Span != nil {
				start, end = tg.Span.Start, tg.Span.End
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tg.PassageID, tg.TagID, tg.Origin, tg.State, start, end,
				formatTime(tg.Created), tg.decided); err != nil {
				return err
			}
		}
		for _, dt := range n.keptDocuments {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
				dt.DocumentID, dt.TagID, formatTime(dt.Created)); err != nil {
				return err
			}
		}
		for _, ct := range n.keptClaims {
			q := `UPDATE claims SET source_id = ?2 WHERE id = ?1`
			if ct.About {
				q = `INSERT OR REPLACE INTO claim_actors (claim_id, tag_id, position) VALUES (?1, ?2, ?3)`
			}
			if _, err := tx.ExecContext(ctx, q, ct.ClaimID, ct.TagID, ct.Position); err != nil {
				return err
			}
		}
	}
	for _, r := range snap.removals {
		// Of a passage or document deleted meanwhile: skipped.
		q := `INSERT OR REPLACE INTO passage_tag_removals (passage_id, tag_id, removed_at)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM passages WHERE id = ?1)`
		if r.document {
			q = `INSERT OR REPLACE INTO document_tag_removals (document_id, tag_id, removed_at)
				SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)`
		}
		if _, err := tx.ExecContext(ctx, q, r.id, r.tagID, r.at); err != nil {
			return err
		}
	}
	for _, r := range offToo {
		if err := rememberRemovalIfOff(ctx, tx, r); err != nil {
			return err
		}
	}
	for _, n := range current {
		// The removals remembered now, of taggings the tag does not have
		// after all this: newer than the snapshot's or the same.
		for _, r := range n.removals {
			if err := rememberRemovalIfOff(ctx, tx, r); err != nil {
				return err
			}
		}
		for _, r := range n.taggings {
			kept := slices.ContainsFunc(snap.Passages, func(x Tagging) bool { return !r.document && x.PassageID == r.id && x.TagID == r.tagID }) ||
				slices.ContainsFunc(snap.Documents, func(x DocumentTagging) bool { return r.document && x.DocumentID == r.id && x.TagID == r.tagID }) ||
				slices.ContainsFunc(n.keptPassages, func(x Tagging) bool { return !r.document && x.PassageID == r.id && x.TagID == r.tagID }) ||
				slices.ContainsFunc(n.keptDocuments, func(x DocumentTagging) bool { return r.document && x.DocumentID == r.id && x.TagID == r.tagID })
			if kept {
				continue
			}
			q := `INSERT OR REPLACE INTO passage_tag_removals (passage_id, tag_id, removed_at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?2)`
			if r.document {
				q = `INSERT OR REPLACE INTO document_tag_removals (document_id, tag_id, removed_at) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?2)`
			}
			if _, err := tx.ExecContext(ctx, q, r.id, r.tagID, formatTime(at)); err != nil {
				return err
			}
		}
	}
	for _, f := range snap.formerNames {
		// Of a tag deleted meanwhile: skipped.
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO tag_former_names (family, name, tag_id, since)
			SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?3)`,
			f.family, f.name, f.tagID, f.since); err != nil {
			return err
		}
	}
	for _, r := range snap.aliasRemovals {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO tag_alias_removals (tag_id, alias, removed_at)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?1)
				AND NOT EXISTS (SELECT 1 FROM tag_aliases WHERE tag_id = ?1 AND alias = ?2)`, r.tagID, r.alias, r.at); err != nil {
			return err
		}
	}
	for _, n := range current {
		// An alias the tag had and loses now is taken off now.
		if err := settleAliases(ctx, tx, n.id, n.aliases, at); err != nil {
			return err
		}
		if n.renamed {
			if err := rememberFormerName(ctx, tx, n.family, n.name, n.id, at); err != nil {
				return err
			}
		}
		if n.changed {
			if _, err := tx.ExecContext(ctx, `UPDATE tags SET updated_at = ? WHERE id = ?`, formatTime(at), n.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteTag removes a tag and its taggings (never a passage); the snapshot
// undoes it.
func (s *Store) DeleteTag(ctx context.Context, id int64) (*TagSnapshot, error) {
	var snap *TagSnapshot
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if snap, err = snapshot(ctx, tx, id); err != nil {
			return err
		}
		// Remembered: an older bundle made it again, taggings and all
		// (a hostile pass).
		if err := rememberDeletedTag(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, id)
		return err
	})
	return snap, err
}

// UncreateTag takes back the creation of the tag snap holds (the undo of
// CreateTagUndoable): DeleteTag, unless work was put on the tag since — a
// tagging decided or a document tagged that snap does not hold (a bundle
// restored a colleague's), a claim's source or actor — which the delete
// would take with it, remembered as a deleted tag's, so that restoring the
// bundle again left it out (a hostile data pass). Then it is refused,
// changing nothing.
func (s *Store) UncreateTag(ctx context.Context, snap *TagSnapshot) error {
	t := snap.Tags[0]
	var since bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		nowP, err := queryAll(ctx, tx, scanTagging,
			`SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags WHERE tag_id = ? AND state <> 'pending'`, t.ID)
		if err != nil {
			return err
		}
		since = slices.ContainsFunc(nowP, func(tg Tagging) bool {
			return !slices.ContainsFunc(snap.Passages, func(x Tagging) bool { return x.PassageID == tg.PassageID && sameTagging(x, tg) })
		})
		if !since {
			err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM document_tags WHERE tag_id = ?1)
				OR EXISTS (SELECT 1 FROM claims WHERE source_id = ?1)`, t.ID).Scan(&since)
		}
		if err != nil || since {
			return err
		}
		// The suggested claims naming a new actor are about it from its
		// creation (snap holds them); any other claim put on it since is
		// the user's work.
		nowC, err := queryAll(ctx, tx, scanClaimTag, `SELECT claim_id, tag_id, 1, position FROM claim_actors WHERE tag_id = ?`, t.ID)
		if err != nil {
			return err
		}
		if since = slices.ContainsFunc(nowC, func(c claimTag) bool { return !slices.Contains(snap.Claims, c) }); since {
			return nil
		}
		if err := rememberDeletedTag(ctx, tx, t.ID, s.now()); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, t.ID)
		return err
	})
	if err == nil && since {
		err = fmt.Errorf("cannot take back the %s “%s”: %w (taggings or claims were put on it); nothing was changed",
			t.Family, query.Clip(t.Name), ErrChangedSince)
	}
	return err
}

// MergeTags moves every tagging and alias of loser onto survivor (the
// loser's name becomes an alias) and deletes loser. Where both tagged the
// same passage, the stronger state wins (accepted over pending over
// rejected). The snapshot undoes it.
func (s *Store) MergeTags(ctx context.Context, survivor, loser int64) (*TagSnapshot, error) {
	if survivor == loser {
		return nil, errors.New("cannot merge a tag into itself")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	snap, err := snapshot(ctx, tx, survivor, loser)
	if err != nil {
		return nil, err
	}
	if snap.Tags[0].Family != snap.Tags[1].Family {
		return nil, fmt.Errorf("cannot merge %s %q into %s %q: they are of different families",
			snap.Tags[1].Family, query.Clip(snap.Tags[1].Name), snap.Tags[0].Family, query.Clip(snap.Tags[0].Name))
	}
	stmts := []string{
		// Strengthen the survivor's state where the loser's was stronger.
		`UPDATE passage_tags AS s SET state = l.state, origin = CASE WHEN l.origin = 'manual' THEN 'manual' ELSE s.origin END,
		   decided_at = l.decided_at
		 FROM passage_tags AS l
		 WHERE s.tag_id = ?1 AND l.tag_id = ?2 AND l.passage_id = s.passage_id
		   AND (CASE l.state WHEN 'accepted' THEN 2 WHEN 'pending' THEN 1 ELSE 0 END) >
		       (CASE s.state WHEN 'accepted' THEN 2 WHEN 'pending' THEN 1 ELSE 0 END)`,
		`INSERT OR IGNORE INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
		 SELECT passage_id, ?1, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at)
		 SELECT document_id, ?1, created_at FROM document_tags WHERE tag_id = ?2`,
		// The loser's removals become the survivor's (they went with the
		// loser, and an older bundle put its removed taggings back).
		`INSERT INTO passage_tag_removals (passage_id, tag_id, removed_at)
		 SELECT passage_id, ?1, removed_at FROM passage_tag_removals WHERE tag_id = ?2
		 ON CONFLICT (passage_id, tag_id) DO UPDATE SET removed_at = max(removed_at, excluded.removed_at)`,
		`INSERT INTO document_tag_removals (document_id, tag_id, removed_at)
		 SELECT document_id, ?1, removed_at FROM document_tag_removals WHERE tag_id = ?2
		 ON CONFLICT (document_id, tag_id) DO UPDATE SET removed_at = max(removed_at, excluded.removed_at)`,
		`UPDATE claims SET source_id = ?1 WHERE source_id = ?2`,
		`INSERT OR IGNORE INTO claim_actors (claim_id, tag_id, position) SELECT claim_id, ?1, position FROM claim_actors WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO tag_aliases (tag_id, alias) SELECT ?1, alias FROM tag_aliases WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO tag_aliases (tag_id, alias) SELECT ?1, name FROM tags WHERE id = ?2`,
		`DELETE FROM tag_aliases WHERE tag_id = ?1 AND alias = (SELECT name FROM tags WHERE id = ?1)`,
		// The loser's aliases taken off become the survivor's, but for
		// those it has now.
		`INSERT INTO tag_alias_removals (tag_id, alias, removed_at)
		 SELECT ?1, alias, removed_at FROM tag_alias_removals WHERE tag_id = ?2
		 ON CONFLICT (tag_id, alias) DO UPDATE SET removed_at = max(removed_at, excluded.removed_at)`,
		`DELETE FROM tag_alias_removals WHERE tag_id = ?1 AND alias IN (SELECT alias FROM tag_aliases WHERE tag_id = ?1)`,
		// The loser's names, now and before, are the survivor's past: an
		// older bundle's tag of that name is the survivor (it was created
		// again, its taggings with it; found by a hostile pass).
		`UPDATE tag_former_names SET tag_id = ?1 WHERE tag_id = ?2`,
		`INSERT INTO tag_former_names (family, name, tag_id, since) SELECT family, name, ?1, ?3 FROM tags WHERE id = ?2
		 ON CONFLICT (family, name) DO UPDATE SET tag_id = excluded.tag_id, since = excluded.since`,
		`DELETE FROM tags WHERE id = ?2`,
	}
	at := formatTime(s.now())
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, survivor, loser, at); err != nil {
			return nil, err
		}
	}
	if snap.made, err = snapshot(ctx, tx, survivor); err != nil {
		return nil, err
	}
	return snap, s.fileErr(tx.Commit())
}

// CreateTagUndoable is CreateTag, also returning a snapshot of the new tag
// (with the suggestions it made), taken in the same transaction:
// DeleteTag undoes it, Restore redoes it.
func (s *Store) CreateTagUndoable(ctx context.Context, t Tag) (Tag, *TagSnapshot, error) {
	var snap *TagSnapshot
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := createTag(ctx, tx, t, s.now())
		if err != nil {
			return err
		}
		snap, err = snapshot(ctx, tx, id)
		return err
	})
	if err != nil {
		return t, nil, err
	}
	return snap.Tags[0], snap, nil
}

// EditTag changes a tag's name, kind, description, colour and aliases (a
// tag's family cannot change; t.Family may be left empty) and suggests it
// again. It returns snapshots of the tag before and after, taken in the
// same transaction: Restore with either undoes or redoes it.
func (s *Store) EditTag(ctx context.Context, t Tag) (before, after *TagSnapshot, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if before, err = snapshot(ctx, tx, t.ID); err != nil {
			return err
		}
		if err = updateTag(ctx, tx, t, s.now()); err != nil {
			return err
		}
		after, err = snapshot(ctx, tx, t.ID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	before.made, after.made = after, before
	return before, after, nil
}

// inTx runs fn in a write transaction and commits it if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}

// rememberRemovalIfOff remembers r, a tagging's removal, unless the
// tagging is on its passage or document now (a suggestion aside) or they
// are gone.
func rememberRemovalIfOff(ctx context.Context, tx *sql.Tx, r tagRemoval) error {
	q := `INSERT OR REPLACE INTO passage_tag_removals (passage_id, tag_id, removed_at)
		SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM passages WHERE id = ?1)
			AND NOT EXISTS (SELECT 1 FROM passage_tags WHERE passage_id = ?1 AND tag_id = ?2 AND state <> 'pending')`
	if r.document {
		q = `INSERT OR REPLACE INTO document_tag_removals (document_id, tag_id, removed_at)
			SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)
				AND NOT EXISTS (SELECT 1 FROM document_tags WHERE document_id = ?1 AND tag_id = ?2)`
	}
	_, err := tx.ExecContext(ctx, q, r.id, r.tagID, r.at)
	return err
}

// keepUntouched lists what tag id holds now that the change between snap
// and snap.made did not touch (see TagSnapshot.made).
func keepUntouched(ctx context.Context, tx *sql.Tx, snap *TagSnapshot, id int64, tgs *[]Tagging, dts *[]DocumentTagging, cts *[]claimTag) error {
	nowP, err := queryAll(ctx, tx, scanTagging,
		`SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags WHERE tag_id = ?`, id)
	if err != nil {
		return err
	}
	for _, tg := range nowP {
		if snap.untouchedTagging(tg) || snap.decidedSince(tg) {
			*tgs = append(*tgs, tg)
		}
	}
	nowD, err := queryDocumentTaggings(ctx, tx, `SELECT document_id, tag_id, created_at FROM document_tags WHERE tag_id = ?`, id)
	if err != nil {
		return err
	}
	for _, dt := range nowD {
		if snap.untouchedDocument(dt) {
			*dts = append(*dts, dt)
		}
	}
	nowC, err := queryAll(ctx, tx, scanClaimTag, `SELECT id, source_id, 0, 0 FROM claims WHERE source_id = ?1
		UNION ALL SELECT claim_id, tag_id, 1, position FROM claim_actors WHERE tag_id = ?1`, id)
	if err != nil {
		return err
	}
	for _, ct := range nowC {
		if snap.untouchedClaim(ct) {
			*cts = append(*cts, ct)
		}
	}
	return nil
}
