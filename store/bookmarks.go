package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"dossier/store/query"
)

// Bookmark marks a passage (optionally a span of it) with a note.
type Bookmark struct {
	ID            int64
	PassageID     int64
	DocumentID    int64
	DocumentTitle string
	Ordinal       int
	Page          int // the page the passage starts on in a paged document; 0 when unpaged
	PassageText   string
	Span          *Range // byte range within the passage, or nil for all of it
	Note          string
	Created       time.Time
	Updated       time.Time

	footnote   int  // the passage's footnote number; 0 for body text
	references bool // the document's note marks are references (NoteReferences)
}

// Printed is the bookmarked text as Copy with citation prints it
// (Quote.Printed): without a report's footnote references, which showed
// as "…ties to Russian intelligence.<FN860>" in the list of bookmarks.
func (b Bookmark) Printed() string {
	q, _, _ := quoteText(b.PassageText, b.Span, b.footnote, b.references)
	return q.Printed()
}

// Quote is the bookmarked text: the span, or the whole passage.
func (b Bookmark) Quote() string {
	if b.Span != nil && b.Span.Start >= 0 && b.Span.End <= len(b.PassageText) && b.Span.Start < b.Span.End {
		return b.PassageText[b.Span.Start:b.Span.End]
	}
	return b.PassageText
}

// timeLayout is how annotation timestamps are stored: RFC 3339 in UTC with
// a fixed nine-digit fraction, so that ordering the strings (ORDER BY
// created_at) orders the times. time.RFC3339Nano drops trailing zeros, and
// "…:05Z" sorts after "…:05.5Z" although it is earlier.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// checkSpan reports whether span is a non-empty byte range of text that
// starts and ends on character boundaries.
func checkSpan(text string, span Range) bool {
	return span.Start >= 0 && span.End <= len(text) && span.Start < span.End &&
		utf8.RuneStart(text[span.Start]) && (span.End == len(text) || utf8.RuneStart(text[span.End]))
}

// AddBookmark bookmarks a passage, or a span of it, with a note.
func (s *Store) AddBookmark(ctx context.Context, passageID int64, span *Range, note string) (Bookmark, error) {
	p, err := s.Passage(ctx, passageID)
	if err != nil {
		return Bookmark{}, err
	}
	var start, end any
	if span != nil {
		if !checkSpan(p.Text, *span) {
			return Bookmark{}, fmt.Errorf("bookmark span [%d,%d) is not a range of characters in passage %d", span.Start, span.End, p.Ordinal)
		}
		start, end = span.Start, span.End
	}
	t := s.stamp()
	r, err := s.db.ExecContext(ctx, `INSERT INTO bookmarks (passage_id, span_start, span_end, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, passageID, start, end, note, t, t)
	if err != nil {
		return Bookmark{}, err
	}
	id, _ := r.LastInsertId()
	return s.Bookmark(ctx, id)
}

const bookmarkColumns = `b.id, b.passage_id, p.document_id, d.title, p.ordinal, p.text, b.span_start, b.span_end,
	b.note, b.created_at, b.updated_at, coalesce(p.page, 0), p.footnote`

const bookmarkFrom = ` FROM bookmarks b JOIN passages p ON p.id = b.passage_id JOIN documents d ON d.id = p.document_id`

func scanBookmark(sc scanner) (Bookmark, error) {
	var b Bookmark
	var start, end sql.NullInt64
	var created, updated string
	err := sc.Scan(&b.ID, &b.PassageID, &b.DocumentID, &b.DocumentTitle, &b.Ordinal, &b.PassageText,
		&start, &end, &b.Note, &created, &updated, &b.Page, &b.footnote)
	if start.Valid && end.Valid {
		b.Span = &Range{int(start.Int64), int(end.Int64)}
	}
	b.Created, b.Updated = parseTime(created), parseTime(updated)
	return b, err
}

// Bookmark returns one bookmark.
func (s *Store) Bookmark(ctx context.Context, id int64) (Bookmark, error) {
	b, err := scanBookmark(s.db.QueryRowContext(ctx, `SELECT `+bookmarkColumns+bookmarkFrom+` WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("bookmark %d: %w", id, ErrNotFound)
	}
	if err == nil {
		marks := []Bookmark{b}
		err = s.learnBookmarkReferences(ctx, marks)
		b = marks[0]
	}
	return b, s.fileErr(err)
}

// learnBookmarkReferences sets whether the note marks of each bookmark's
// document are references, for Printed.
func (s *Store) learnBookmarkReferences(ctx context.Context, marks []Bookmark) error {
	refs := noteReferences{db: s.db}
	for i := range marks {
		var err error
		if marks[i].references, err = refs.of(ctx, marks[i].DocumentID, marks[i].PassageText); err != nil {
			return err
		}
	}
	return nil
}

// Bookmarks lists bookmarks, newest first.
func (s *Store) Bookmarks(ctx context.Context) ([]Bookmark, error) {
	return s.queryBookmarks(ctx, `SELECT `+bookmarkColumns+bookmarkFrom+` ORDER BY b.created_at DESC, b.id DESC`)
}

// PassageBookmarks lists the bookmarks on one passage.
func (s *Store) PassageBookmarks(ctx context.Context, passageID int64) ([]Bookmark, error) {
	return s.queryBookmarks(ctx, `SELECT `+bookmarkColumns+bookmarkFrom+` WHERE b.passage_id = ? ORDER BY b.id`, passageID)
}

// bookmarkedPassages returns the ids of bookmarked passages among ids.
func (v view) bookmarkedPassages(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := v.queryKept(ctx, `SELECT DISTINCT passage_id FROM bookmarks WHERE passage_id IN (SELECT value FROM json_each(?))`, idsJSON(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

func (s *Store) queryBookmarks(ctx context.Context, q string, args ...any) ([]Bookmark, error) {
	marks, err := queryAll(ctx, s.db, scanBookmark, q, args...)
	if err == nil {
		err = s.learnBookmarkReferences(ctx, marks)
	}
	return marks, s.fileErr(err)
}

// SetBookmarkNote replaces a bookmark's note.
func (s *Store) SetBookmarkNote(ctx context.Context, id int64, note string) error {
	r, err := s.db.ExecContext(ctx, `UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?`, note, s.stamp(), id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("bookmark %d: %w", id, ErrNotFound)
	}
	return nil
}

// UpdateBookmark sets a bookmark's span (nil: the whole passage) and note
// at once, as the window's new-bookmark dialog finishes a bookmark its
// autosave created.
func (s *Store) UpdateBookmark(ctx context.Context, id int64, span *Range, note string) error {
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		return err
	}
	var start, end any
	if span != nil {
		if !checkSpan(b.PassageText, *span) {
			return fmt.Errorf("bookmark span [%d,%d) is not a range of characters in passage %d", span.Start, span.End, b.Ordinal)
		}
		start, end = span.Start, span.End
	}
	r, err := s.db.ExecContext(ctx, `UPDATE bookmarks SET span_start = ?, span_end = ?, note = ?, updated_at = ? WHERE id = ?`,
		start, end, note, s.stamp(), id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("bookmark %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteBookmark removes a bookmark and returns it, so that the caller can
// offer undo with RestoreBookmark. The removal is remembered: a bundle
// made before it does not bring the bookmark back.
func (s *Store) DeleteBookmark(ctx context.Context, id int64) (Bookmark, error) {
	b, err := s.Bookmark(ctx, id)
	if err != nil {
		return b, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return b, err
	}
	defer tx.Rollback()
	if err := rememberBookmarkRemoval(ctx, tx, id, s.now()); err != nil {
		return b, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM bookmarks WHERE id = ?`, id); err != nil {
		return b, err
	}
	return b, s.fileErr(tx.Commit())
}

// UnaddBookmark takes back a bookmark just added (its undo). An undo is a
// change made then: the removal is remembered, so a bundle exported while
// the bookmark stood does not bring it back (the record names this
// bookmark alone, by its creation time; redo, RestoreBookmark, forgets
// it).
func (s *Store) UnaddBookmark(ctx context.Context, id int64) error {
	_, err := s.DeleteBookmark(ctx, id)
	return err
}

// DiscardBookmark removes a bookmark that was never kept (its dialog,
// which saved it as it was typed, cancelled): no removal is remembered,
// as of a bookmark never made (every cancel left a record, and every later
// bundle restore then looked them up; a review).
func (s *Store) DiscardBookmark(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM bookmarks WHERE id = ?`, id)
	return s.fileErr(err)
}

// RestoreBookmark puts a bookmark back exactly as b holds it: a deleted one
// is re-created with its id (and its removal forgotten), an edited one gets
// its note and times back.
func (s *Store) RestoreBookmark(ctx context.Context, b Bookmark) error {
	return s.restoreBookmark(ctx, b, nil)
}

// ErrChangedSince is in the chain of a refusal to undo or redo a change
// of something changed again since, by another writer (a bundle restored,
// another window).
var ErrChangedSince = errors.New("it was changed since (by an import, say)")

// RestoreBookmarkOver is RestoreBookmark for the undo or redo of a change
// that left the bookmark as over: if its note or span was changed since
// (a bundle restored a colleague's note over it), it is refused, changing
// nothing (the undo of a note edited here wrote over the colleague's note,
// without a word or a backup; a hostile data pass).
func (s *Store) RestoreBookmarkOver(ctx context.Context, b, over Bookmark) error {
	return s.restoreBookmark(ctx, b, &over)
}

func (s *Store) restoreBookmark(ctx context.Context, b Bookmark, over *Bookmark) error {
	var start, end any
	if b.Span != nil {
		start, end = b.Span.Start, b.Span.End
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := refuseIfPlaceTaken(ctx, tx, "bookmarks", b.ID, b.Created, "bookmark"); err != nil {
		return err
	}
	if over != nil {
		now, err := scanBookmark(tx.QueryRowContext(ctx, `SELECT `+bookmarkColumns+bookmarkFrom+` WHERE b.id = ?`, b.ID))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err == nil && (now.Note != over.Note || !now.Updated.Equal(over.Updated) || !sameRange(now.Span, over.Span)) {
			return fmt.Errorf("cannot put the bookmark back as it was: %w; it is left as it is now", ErrChangedSince)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO bookmarks (id, passage_id, span_start, span_end, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET passage_id = excluded.passage_id, span_start = excluded.span_start,
			span_end = excluded.span_end, note = excluded.note, created_at = excluded.created_at, updated_at = excluded.updated_at`,
		b.ID, b.PassageID, start, end, b.Note, formatTime(b.Created), formatTime(b.Updated))
	if err != nil {
		return friendlyFK(err, "passage")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM bookmark_removals WHERE passage_id = ? AND span_start IS ? AND span_end IS ? AND created_at = ?`,
		b.PassageID, start, end, formatTime(b.Created)); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}

// SavedSearch is a named query.
type SavedSearch struct {
	ID      int64
	Name    string
	Query   string
	Created time.Time
}

// maxSavedSearchName bounds a saved search's name, in characters.
const maxSavedSearchName = 200

// checkSavedSearch holds a saved search to the limits of search itself, so
// that what is saved can be run.
func checkSavedSearch(name, q string) error {
	if err := query.CheckLength(q); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(name); n > maxSavedSearchName {
		return fmt.Errorf("a saved search's name is at most %d characters (this one has %d)", maxSavedSearchName, n)
	}
	return nil
}

// SavedSearches lists saved searches by name.
func (s *Store) SavedSearches(ctx context.Context) ([]SavedSearch, error) {
	return queryAll(ctx, s.db, scanSavedSearch, `SELECT id, name, query, created_at FROM saved_searches ORDER BY name COLLATE NOCASE`)
}

func scanSavedSearch(sc scanner) (SavedSearch, error) {
	var ss SavedSearch
	var created string
	err := sc.Scan(&ss.ID, &ss.Name, &ss.Query, &created)
	ss.Created = parseTime(created)
	return ss, err
}

func sameRange(a, b *Range) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}
