package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"dossier/store/query"
)

// Undo support. Each change the window can undo has a method here that makes
// it in one transaction and returns what inverts it exactly (same ids, same
// timestamps); the matching Undo/Redo method puts either side back, also in
// one transaction.

// EditBookmarkNote replaces a bookmark's note and returns the bookmark
// before and after; RestoreBookmark puts back either.
func (s *Store) EditBookmarkNote(ctx context.Context, id int64, note string) (before, after Bookmark, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return before, after, err
	}
	defer tx.Rollback()
	get := func() (Bookmark, error) {
		b, err := scanBookmark(tx.QueryRowContext(ctx, `SELECT `+bookmarkColumns+bookmarkFrom+` WHERE b.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return b, fmt.Errorf("bookmark %d: %w", id, ErrNotFound)
		}
		return b, err
	}
	if before, err = get(); err != nil {
		return before, after, err
	}
	if _, err = tx.ExecContext(ctx, `UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?`, note, s.stamp(), id); err != nil {
		return before, after, err
	}
	if after, err = get(); err != nil {
		return before, after, err
	}
	return before, after, s.fileErr(tx.Commit())
}

// TaggingKey names a passage tagging.
type TaggingKey struct{ PassageID, TagID int64 }

// TaggingChange holds the taggings a change touched (of passages and of
// whole documents) as they were before and after it. A tagging missing from
// a side did not exist then.
type TaggingChange struct {
	Before, After TaggingState
}

// TaggingState is a set of taggings, with the removals of them remembered
// then (migration 0014), so that undo and redo put those back too.
type TaggingState struct {
	Passages  []Tagging
	Documents []DocumentTagging
	removals  []tagRemoval
}

// tagRemoval is a remembered removal of a tag from a passage (or, with
// document set, a document).
type tagRemoval struct {
	document  bool
	id, tagID int64
	at        string
}

// Empty reports whether the change touched nothing.
func (c TaggingChange) Empty() bool {
	return len(c.Before.Passages)+len(c.After.Passages)+len(c.Before.Documents)+len(c.After.Documents) == 0
}

// trackTaggings runs change in one transaction and records the given
// taggings before and after it. keys runs first, inside the transaction.
func (s *Store) trackTaggings(ctx context.Context, keys func(q querier) ([]TaggingKey, [][2]int64, error),
	change func(q querier) error) (TaggingChange, error) {
	var c TaggingChange
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	pk, dk, err := keys(tx)
	if err != nil {
		return c, err
	}
	if c.Before, err = readTaggings(ctx, tx, pk, dk); err != nil {
		return c, err
	}
	if err := change(tx); err != nil {
		return c, err
	}
	if c.After, err = readTaggings(ctx, tx, pk, dk); err != nil {
		return c, err
	}
	return c, s.fileErr(tx.Commit())
}

func readTaggings(ctx context.Context, q querier, pk []TaggingKey, dk [][2]int64) (TaggingState, error) {
	var st TaggingState
	for _, k := range pk {
		tg, err := scanTagging(q.QueryRowContext(ctx, `SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at
			FROM passage_tags WHERE passage_id = ? AND tag_id = ?`, k.PassageID, k.TagID))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return st, err
		}
		st.Passages = append(st.Passages, tg)
	}
	for _, k := range dk {
		dts, err := queryDocumentTaggings(ctx, q, `SELECT document_id, tag_id, created_at FROM document_tags
			WHERE document_id = ? AND tag_id = ?`, k[0], k[1])
		if err != nil {
			return st, err
		}
		st.Documents = append(st.Documents, dts...)
	}
	var err error
	st.removals, err = readTagRemovals(ctx, q, pk, dk)
	return st, err
}

// readTagRemovals reads the removals remembered of the given taggings: a
// query per tag, not per tagging (deciding every suggestion of a tag may
// touch a hundred thousand).
func readTagRemovals(ctx context.Context, q querier, pk []TaggingKey, dk [][2]int64) ([]tagRemoval, error) {
	want := map[tagRemoval]bool{}
	tags := map[[2]int64]bool{} // {1 for documents, tag}
	for _, k := range pk {
		want[tagRemoval{id: k.PassageID, tagID: k.TagID}] = true
		tags[[2]int64{0, k.TagID}] = true
	}
	for _, k := range dk {
		want[tagRemoval{document: true, id: k[0], tagID: k[1]}] = true
		tags[[2]int64{1, k[1]}] = true
	}
	var out []tagRemoval
	for tag := range tags {
		query := `SELECT passage_id, removed_at FROM passage_tag_removals WHERE tag_id = ?`
		if tag[0] == 1 {
			query = `SELECT document_id, removed_at FROM document_tag_removals WHERE tag_id = ?`
		}
		rows, err := q.QueryContext(ctx, query, tag[1])
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r := tagRemoval{document: tag[0] == 1, tagID: tag[1]}
			var at string
			if err := rows.Scan(&r.id, &at); err != nil {
				rows.Close()
				return nil, err
			}
			if want[r] {
				r.at = at
				out = append(out, r)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func onePassage(passageID, tagID int64) func(querier) ([]TaggingKey, [][2]int64, error) {
	return func(querier) ([]TaggingKey, [][2]int64, error) {
		return []TaggingKey{{passageID, tagID}}, nil, nil
	}
}

func oneDocument(documentID, tagID int64) func(querier) ([]TaggingKey, [][2]int64, error) {
	return func(querier) ([]TaggingKey, [][2]int64, error) {
		return nil, [][2]int64{{documentID, tagID}}, nil
	}
}

// TagPassageUndoable is TagPassage, returning the change for undo.
func (s *Store) TagPassageUndoable(ctx context.Context, passageID, tagID int64, span *Range) (TaggingChange, error) {
	if err := s.checkTagSpan(ctx, passageID, span); err != nil {
		return TaggingChange{}, err
	}
	return s.trackTaggings(ctx, onePassage(passageID, tagID), func(q querier) error {
		return tagPassage(ctx, q, passageID, tagID, span, s.now())
	})
}

// UntagPassageUndoable is UntagPassage, returning the change for undo.
func (s *Store) UntagPassageUndoable(ctx context.Context, passageID, tagID int64) (TaggingChange, error) {
	return s.trackTaggings(ctx, onePassage(passageID, tagID), func(q querier) error {
		return untagPassage(ctx, q, passageID, tagID, s.now())
	})
}

// SetTaggingStateUndoable is SetTaggingState, returning the change for undo.
func (s *Store) SetTaggingStateUndoable(ctx context.Context, passageID, tagID int64, state string) (TaggingChange, error) {
	return s.trackTaggings(ctx, onePassage(passageID, tagID), func(q querier) error {
		return setTaggingState(ctx, q, passageID, tagID, state)
	})
}

// TagDocumentUndoable is TagDocument, returning the change for undo.
func (s *Store) TagDocumentUndoable(ctx context.Context, documentID, tagID int64) (TaggingChange, error) {
	return s.trackTaggings(ctx, oneDocument(documentID, tagID), func(q querier) error {
		return tagDocument(ctx, q, documentID, tagID, s.now())
	})
}

// UntagDocumentUndoable is UntagDocument, returning the change for undo.
func (s *Store) UntagDocumentUndoable(ctx context.Context, documentID, tagID int64) (TaggingChange, error) {
	return s.trackTaggings(ctx, oneDocument(documentID, tagID), func(q querier) error {
		return untagDocument(ctx, q, documentID, tagID, s.now())
	})
}

// DecideSuggestionsUndoable is DecideSuggestions, returning the change for
// undo (every suggestion it decided).
func (s *Store) DecideSuggestionsUndoable(ctx context.Context, tagID int64, state string) (TaggingChange, error) {
	return s.trackTaggings(ctx, func(q querier) ([]TaggingKey, [][2]int64, error) {
		rows, err := q.QueryContext(ctx, `SELECT passage_id FROM passage_tags WHERE tag_id = ? AND state = 'pending' ORDER BY passage_id`, tagID)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		var keys []TaggingKey
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, nil, err
			}
			keys = append(keys, TaggingKey{id, tagID})
		}
		return keys, nil, rows.Err()
	}, func(q querier) error {
		_, err := decideSuggestions(ctx, q, tagID, state, s.now())
		return err
	})
}

// UndoTaggings puts the taggings a change touched back as they were before.
func (s *Store) UndoTaggings(ctx context.Context, c TaggingChange) error {
	return s.putTaggings(ctx, c, c.After, c.Before)
}

// RedoTaggings puts the taggings a change touched back as they were after.
func (s *Store) RedoTaggings(ctx context.Context, c TaggingChange) error {
	return s.putTaggings(ctx, c, c.Before, c.After)
}

// putTaggings puts the taggings c touched from as they are (from) to as
// they were (to).
func (s *Store) putTaggings(ctx context.Context, c TaggingChange, from, to TaggingState) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Only over the taggings as the change left them: an undo wrote over a
	// decision another window made since, without a word, and one undo
	// of "reject in every result" may cover thousands (hostile data pass
	// data11).
	pk, dk := taggingKeys(c)
	if now, err := readTaggings(ctx, tx, pk, dk); err != nil {
		return err
	} else if !sameTaggingSet(now, from) {
		return fmt.Errorf("cannot put the tags back as they were: %w; they are left as they are now", ErrChangedSince)
	}
	for _, side := range []TaggingState{c.Before, c.After} {
		for _, tg := range side.Passages {
			if _, err := tx.ExecContext(ctx, `DELETE FROM passage_tags WHERE passage_id = ? AND tag_id = ?`, tg.PassageID, tg.TagID); err != nil {
				return err
			}
		}
		for _, dt := range side.Documents {
			if _, err := tx.ExecContext(ctx, `DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?`, dt.DocumentID, dt.TagID); err != nil {
				return err
			}
		}
	}
	// The removals remembered of these taggings become those of the side
	// put back, time and all.
	for _, side := range []TaggingState{c.Before, c.After} {
		for _, r := range side.removals {
			if err := forgetTagRemoval(ctx, tx, r); err != nil {
				return err
			}
		}
	}
	for _, r := range to.removals {
		var err error
		if r.document {
			err = rememberDocumentTagRemoval(ctx, tx, r.id, r.tagID, parseTime(r.at))
		} else {
			err = rememberPassageTagRemoval(ctx, tx, r.id, r.tagID, parseTime(r.at))
		}
		if err != nil {
			return friendlyFK(err, "passage, document or tag")
		}
	}
	// A tagging an undo or redo takes away (not a mere suggestion) is
	// remembered as removed then: a bundle exported between the change
	// and its undo put it back (a hostile pass).
	now := s.now()
	for _, side := range []TaggingState{c.Before, c.After} {
		for _, tg := range side.Passages {
			if tg.State == StatePending || slices.ContainsFunc(to.Passages, func(x Tagging) bool { return x.PassageID == tg.PassageID && x.TagID == tg.TagID }) {
				continue
			}
			if err := rememberPassageTagRemoval(ctx, tx, tg.PassageID, tg.TagID, now); err != nil {
				return friendlyFK(err, "passage or tag")
			}
		}
		for _, dt := range side.Documents {
			if slices.ContainsFunc(to.Documents, func(x DocumentTagging) bool { return x.DocumentID == dt.DocumentID && x.TagID == dt.TagID }) {
				continue
			}
			if err := rememberDocumentTagRemoval(ctx, tx, dt.DocumentID, dt.TagID, now); err != nil {
				return friendlyFK(err, "document or tag")
			}
		}
	}
	for _, tg := range to.Passages {
		var start, end any
		if tg.Span != nil {
			start, end = tg.Span.Start, tg.Span.End
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tg.PassageID, tg.TagID, tg.Origin, tg.State, start, end, formatTime(tg.Created), tg.decided); err != nil {
			return friendlyFK(err, "passage or tag")
		}
	}
	for _, dt := range to.Documents {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
			dt.DocumentID, dt.TagID, formatTime(dt.Created)); err != nil {
			return friendlyFK(err, "document or tag")
		}
	}
	return s.fileErr(tx.Commit())
}

func forgetTagRemoval(ctx context.Context, q querier, r tagRemoval) error {
	query := `DELETE FROM passage_tag_removals WHERE passage_id = ? AND tag_id = ?`
	if r.document {
		query = `DELETE FROM document_tag_removals WHERE document_id = ? AND tag_id = ?`
	}
	_, err := q.ExecContext(ctx, query, r.id, r.tagID)
	return err
}

// SavedSearchChange is a saved search before and after a change; nil where
// it did not exist.
type SavedSearchChange struct {
	ID            int64
	Before, After *SavedSearch
	// names are the names the change gave up or took: those no saved
	// search has after it, or after its undo or redo, are remembered as
	// removed then (migration 0015).
	names []string
}

func savedSearchByID(ctx context.Context, q querier, id int64) (*SavedSearch, error) {
	ss, err := scanSavedSearch(q.QueryRowContext(ctx, `SELECT id, name, query, created_at FROM saved_searches WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &ss, err
}

// trackSavedSearch runs change in one transaction; id finds the saved search
// it changes (before it runs, or after if that found none). name is the
// name it gives the saved search ("" for a delete). The name it had is
// remembered as removed when it goes, and the name it gets forgotten.
func (s *Store) trackSavedSearch(ctx context.Context, name string, id func(q querier) (int64, error), change func(q querier) error) (SavedSearchChange, error) {
	var c SavedSearchChange
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	if c.ID, err = id(tx); err != nil {
		return c, err
	}
	if c.Before, err = savedSearchByID(ctx, tx, c.ID); err != nil {
		return c, err
	}
	if c.Before != nil {
		c.names = append(c.names, c.Before.Name)
	}
	// SQLite's NOCASE folds ASCII only: "österreich" renamed
	// "Österreich" gives up a name (a hostile pass).
	if name != "" && (c.Before == nil || !sameNoCase(name, c.Before.Name)) {
		c.names = append(c.names, name)
	}
	if err := change(tx); err != nil {
		return c, err
	}
	if err := settleSavedSearchNames(ctx, tx, c.names, s.stamp()); err != nil {
		return c, err
	}
	if c.ID == 0 {
		if c.ID, err = id(tx); err != nil {
			return c, err
		}
	}
	if c.After, err = savedSearchByID(ctx, tx, c.ID); err != nil {
		return c, err
	}
	return c, s.fileErr(tx.Commit())
}

// SaveSearchUndoable is SaveSearch, returning the change for undo.
func (s *Store) SaveSearchUndoable(ctx context.Context, name, q string) (SavedSearchChange, error) {
	name = strings.TrimSpace(name)
	if name == "" || q == "" {
		return SavedSearchChange{}, errors.New("a saved search needs a name and a query")
	}
	if err := checkSavedSearch(name, q); err != nil {
		return SavedSearchChange{}, err
	}
	byName := func(tx querier) (int64, error) {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM saved_searches WHERE name = ?`, name).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	}
	return s.trackSavedSearch(ctx, name, byName, func(tx querier) error {
		now := s.stamp()
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (name, query, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
			ON CONFLICT (name) DO UPDATE SET query = excluded.query,
				updated_at = CASE WHEN query = excluded.query THEN updated_at ELSE ?3 END`, name, q, now)
		return err
	})
}

// RenameSavedSearch renames a saved search; names are unique, ignoring case.
func (s *Store) RenameSavedSearch(ctx context.Context, id int64, name string) (SavedSearchChange, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return SavedSearchChange{}, errors.New("a saved search needs a name")
	}
	if err := checkSavedSearch(name, ""); err != nil {
		return SavedSearchChange{}, err
	}
	return s.trackSavedSearch(ctx, name, func(querier) (int64, error) { return id, nil }, func(tx querier) error {
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM saved_searches WHERE name = ? AND id <> ?`, name, id).Scan(&other)
		if err == nil {
			return fmt.Errorf("there is already a saved search called “%s”", query.Clip(name))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE saved_searches SET name = ?1,
			updated_at = CASE WHEN name = ?1 COLLATE BINARY THEN updated_at ELSE ?3 END WHERE id = ?2`, name, id, s.stamp())
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("saved search %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// DeleteSavedSearchUndoable is DeleteSavedSearch, returning the change for
// undo.
func (s *Store) DeleteSavedSearchUndoable(ctx context.Context, id int64) (SavedSearchChange, error) {
	return s.trackSavedSearch(ctx, "", func(querier) (int64, error) { return id, nil }, func(tx querier) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("saved search %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// UndoSavedSearch puts a saved search back as it was before the change.
func (s *Store) UndoSavedSearch(ctx context.Context, c SavedSearchChange) error {
	return s.putSavedSearch(ctx, c.ID, c.Before, c.After, c.names)
}

// RedoSavedSearch puts a saved search back as it was after the change.
func (s *Store) RedoSavedSearch(ctx context.Context, c SavedSearchChange) error {
	return s.putSavedSearch(ctx, c.ID, c.After, c.Before, c.names)
}

// Undo and redo are changes made now, and dated so: bundles date a saved
// search by their export only, and one exported between an undo and its
// redo put back what the redo had done (a hostile pass).
//
// left is the saved search as the change left it: one given another name
// or query since by another writer (a bundle's newer query) is not written
// over, and the undo or redo is refused (it wrote over the bundle's query,
// unsaid; a hostile data pass).
func (s *Store) putSavedSearch(ctx context.Context, id int64, ss, left *SavedSearch, names []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if left != nil {
		now, err := savedSearchByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if now != nil && (now.Name != left.Name || now.Query != left.Query) {
			return fmt.Errorf("cannot put the saved search “%s” back as it was: %w; it is left as it is now", query.Clip(now.Name), ErrChangedSince)
		}
	}
	if ss != nil {
		if err := refuseIfPlaceTaken(ctx, tx, "saved_searches", ss.ID, ss.Created, fmt.Sprintf("saved search “%s”", query.Clip(ss.Name))); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ?`, id); err != nil {
		return err
	}
	if ss != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (id, name, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			ss.ID, ss.Name, ss.Query, formatTime(ss.Created), s.stamp()); err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return fmt.Errorf("another saved search is now called “%s”; rename it first", query.Clip(ss.Name))
			}
			return err
		}
	}
	if err := settleSavedSearchNames(ctx, tx, names, s.stamp()); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}

// taggingKeys are the passage and document taggings c touched.
func taggingKeys(c TaggingChange) (pk []TaggingKey, dk [][2]int64) {
	seenP, seenD := map[TaggingKey]bool{}, map[[2]int64]bool{}
	for _, side := range []TaggingState{c.Before, c.After} {
		for _, tg := range side.Passages {
			if k := (TaggingKey{tg.PassageID, tg.TagID}); !seenP[k] {
				seenP[k] = true
				pk = append(pk, k)
			}
		}
		for _, dt := range side.Documents {
			if k := [2]int64{dt.DocumentID, dt.TagID}; !seenD[k] {
				seenD[k] = true
				dk = append(dk, k)
			}
		}
	}
	return pk, dk
}

// sameTaggingSet tells whether a and b hold the same taggings, each as it
// was (origin, state, span, times), whatever their order.
func sameTaggingSet(a, b TaggingState) bool {
	if len(a.Passages) != len(b.Passages) || len(a.Documents) != len(b.Documents) {
		return false
	}
	look := func(tg Tagging) string {
		span := ""
		if tg.Span != nil {
			span = fmt.Sprint(*tg.Span)
		}
		return fmt.Sprintf("%s|%s|%s|%s|%v", tg.Origin, tg.State, span, formatTime(tg.Created), tg.decided)
	}
	passages := make(map[TaggingKey]string, len(a.Passages))
	for _, tg := range a.Passages {
		passages[TaggingKey{tg.PassageID, tg.TagID}] = look(tg)
	}
	for _, tg := range b.Passages {
		if got, ok := passages[TaggingKey{tg.PassageID, tg.TagID}]; !ok || got != look(tg) {
			return false
		}
	}
	docs := make(map[[2]int64]string, len(a.Documents))
	for _, dt := range a.Documents {
		docs[[2]int64{dt.DocumentID, dt.TagID}] = formatTime(dt.Created)
	}
	for _, dt := range b.Documents {
		if got, ok := docs[[2]int64{dt.DocumentID, dt.TagID}]; !ok || got != formatTime(dt.Created) {
			return false
		}
	}
	return true
}
