package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"dossier/internal/wording"
	"dossier/store/query"
)

// Deleting a document keeps, in memory, every row that goes with it, so that
// the delete can be undone exactly: the document, its passages (and their
// full-text index entries, rebuilt from them), taggings of its passages and
// of itself, bookmarks, and claims with their actors and links. Rows are copied column by column as the table
// has them (SELECT *), so columns added by later migrations come back too.
// This was chosen over a soft delete (a deleted_at column) because a soft
// delete would have to be excluded from every query — search, filters,
// counts, export — and kept the content hash, so re-importing the file
// would silently do nothing.

// documentTables are the tables holding a document's rows, parents first,
// with the condition selecting its rows (the document's id is the one
// argument).
var documentTables = []struct{ name, where string }{
	{"documents", `id = ?1`},
	{"document_former_versions", `document_id = ?1`},
	{"passages", `document_id = ?1`},
	{"passage_tags", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"document_tags", `document_id = ?1`},
	{"bookmarks", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"passage_tag_removals", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"document_tag_removals", `document_id = ?1`},
	{"bookmark_removals", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"claims", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"claim_actors", `claim_id IN (` + documentClaims + `)`},
	{"claim_links", `claim_a IN (` + documentClaims + `) OR claim_b IN (` + documentClaims + `)`},
	{"claim_removals", `passage_id IN (SELECT id FROM passages WHERE document_id = ?1)`},
	{"claim_link_removals", `claim_a IN (` + documentClaims + `) OR claim_b IN (` + documentClaims + `)`},
}

// documentClaims selects the ids of the claims on a document's passages.
const documentClaims = `SELECT c.id FROM claims c JOIN passages p ON p.id = c.passage_id WHERE p.document_id = ?1`

// tableRows are rows of one table, column by column.
type tableRows struct {
	Table   string
	Columns []string
	Rows    [][]any
}

// DocumentSnapshot is a deleted document with everything that went with it.
type DocumentSnapshot struct {
	Document Document
	tables   []tableRows
}

// Size is roughly how many bytes the snapshot holds.
func (s *DocumentSnapshot) Size() int {
	if s == nil {
		return 0
	}
	n := 0
	for _, t := range s.tables {
		for _, r := range t.Rows {
			for _, v := range r {
				switch v := v.(type) {
				case string:
					n += len(v)
				case []byte:
					n += len(v)
				default:
					n += 8
				}
			}
		}
	}
	return n
}

// AnnotationCounts says what annotations a document holds.
type AnnotationCounts struct {
	Bookmarks    int // bookmarks on its passages
	Tags         int // accepted tags on its passages
	Suggestions  int // pending suggestions on its passages
	DocumentTags int // tags on the document as a whole
	Claims       int // claims on its passages accepted, or with a note written on them (a rejected claim keeps its note)
	// SuggestedClaims are the suggested claims on its passages with no
	// note: suggestions, as Suggestions are, that a new import of its
	// file makes again.
	SuggestedClaims int
}

// DocumentAnnotations counts what deleting a document would delete with it.
func (s *Store) DocumentAnnotations(ctx context.Context, id int64) (AnnotationCounts, error) {
	var c AnnotationCounts
	if _, err := s.Document(ctx, id); err != nil {
		return c, err
	}
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM bookmarks b JOIN passages p ON p.id = b.passage_id WHERE p.document_id = ?1),
		(SELECT count(*) FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id WHERE p.document_id = ?1 AND pt.state = 'accepted'),
		(SELECT count(*) FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id WHERE p.document_id = ?1 AND pt.state = 'pending'),
		(SELECT count(*) FROM document_tags WHERE document_id = ?1),
		(SELECT count(*) FROM claims c JOIN passages p ON p.id = c.passage_id WHERE p.document_id = ?1 AND (c.state = 'accepted' OR c.note <> '')),
		(SELECT count(*) FROM claims c JOIN passages p ON p.id = c.passage_id WHERE p.document_id = ?1 AND c.state = 'suggested' AND c.note = '')`, id).
		Scan(&c.Bookmarks, &c.Tags, &c.Suggestions, &c.DocumentTags, &c.Claims, &c.SuggestedClaims)
	return c, err
}

// RemoveDocument deletes a document with its passages, index entries,
// taggings and bookmarks, and returns a snapshot from which RestoreDocument
// puts it all back.
func (s *Store) RemoveDocument(ctx context.Context, id int64) (*DocumentSnapshot, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cols, err := documentColumnsIn(ctx, tx)
	if err != nil {
		return nil, s.fileErr(err)
	}
	doc, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+cols+` FROM documents d WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	snap := &DocumentSnapshot{Document: doc}
	for _, t := range documentTables {
		rows, err := readTableRows(ctx, tx, t.name, t.where, id)
		if err != nil {
			return nil, err
		}
		snap.tables = append(snap.tables, rows)
	}
	var lo, hi *int64
	if err := tx.QueryRowContext(ctx, `SELECT min(id), max(id) FROM passages WHERE document_id = ?`, id).Scan(&lo, &hi); err != nil {
		return nil, s.fileErr(err)
	}
	// The cascades remove passages, taggings and bookmarks; the passages'
	// delete triggers remove their index entries and length blocks, which
	// the other passages of those blocks need back.
	if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
		return nil, s.fileErr(err)
	}
	if lo != nil {
		if err := refreshLengths(ctx, tx, *lo, *hi); err != nil {
			return nil, s.fileErr(err)
		}
	}
	return snap, s.fileErr(tx.Commit())
}

func readTableRows(ctx context.Context, q querier, table, where string, id int64) (tableRows, error) {
	out := tableRows{Table: table}
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table+` WHERE `+where, id)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	if out.Columns, err = rows.Columns(); err != nil {
		return out, err
	}
	for rows.Next() {
		vals := make([]any, len(out.Columns))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return out, err
		}
		out.Rows = append(out.Rows, vals)
	}
	return out, rows.Err()
}

// RestoreDocument puts a deleted document back exactly as it was, with the
// same ids. It fails, changing nothing, if the same file was imported again
// meanwhile, or if documents imported since took its ids.
func (s *Store) RestoreDocument(ctx context.Context, snap *DocumentSnapshot) error {
	title := query.Clip(snap.Document.Title)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var other string
	err = tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE content_hash = ?`, snap.Document.Hash).Scan(&other)
	if err == nil {
		return fmt.Errorf("cannot bring back “%s”: the same file was imported again since (as “%s”)", title, query.Clip(other))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	for _, t := range snap.tables {
		if len(t.Rows) == 0 {
			continue
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Columns)), ", ")
		stmt := `INSERT INTO ` + t.Table + ` (` + strings.Join(t.Columns, ", ") + `) VALUES (` + marks + `)`
		for _, r := range t.Rows {
			if _, err := tx.ExecContext(ctx, stmt, r...); err != nil {
				if strings.HasSuffix(t.Table, "_removals") && strings.Contains(err.Error(), "FOREIGN KEY") {
					continue // the removal of a tag deleted since: nothing to remember (a hostile pass)
				}
				if strings.Contains(err.Error(), "UNIQUE") || strings.Contains(err.Error(), "PRIMARY KEY") {
					return fmt.Errorf("cannot bring back “%s”: documents imported since it was deleted took its place", title)
				}
				return s.fileErr(friendlyFK(err, "tag"))
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO passages_fts (rowid, text)
		SELECT id, text FROM passages WHERE document_id = ? ORDER BY id`, snap.Document.ID); err != nil {
		return err
	}
	if err := refreshDocumentLengths(ctx, tx, snap.Document.ID); err != nil {
		return s.fileErr(err)
	}
	return s.fileErr(tx.Commit())
}

// maxTitle bounds a document's title, in characters.
const maxTitle = 500

// RenameDocument gives a document a new title and returns the old one.
func (s *Store) RenameDocument(ctx context.Context, id int64, title string) (old string, err error) {
	// One line, without control characters, as Document details leaves a
	// title (a NUL went into every citation and export; a hostile data
	// pass).
	title = DocumentDetails{Title: title}.tidy().Title
	if wording.Blank(title) {
		return "", errors.New("a document needs a title")
	}
	if !utf8.ValidString(title) {
		// Only `dossier docs --rename` can give such bytes (a shell's
		// argument): stored, they became U+FFFD in every JSON export.
		return "", errors.New("a title must be text: this one holds bytes that are not UTF-8")
	}
	if n := utf8.RuneCountInString(title); n > maxTitle {
		return "", fmt.Errorf("a title is at most %d characters (this one has %d)", maxTitle, n)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, id).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ? WHERE id = ?`, title, id); err != nil {
		return "", err
	}
	if err := retitled(ctx, tx, id, old, title); err != nil {
		return "", s.fileErr(err)
	}
	return old, s.fileErr(tx.Commit())
}

// SetDocumentTitle puts back a title exactly (undoing or redoing a rename).
func (s *Store) SetDocumentTitle(ctx context.Context, id int64, title string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fileErr(err)
	}
	defer tx.Rollback()
	var old string
	err = tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, id).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return s.fileErr(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ? WHERE id = ?`, title, id); err != nil {
		return s.fileErr(err)
	}
	if err := retitled(ctx, tx, id, old, title); err != nil {
		return s.fileErr(err)
	}
	return s.fileErr(tx.Commit())
}

// SetDocumentTitleOver is SetDocumentTitle for the undo or redo of a
// rename that left the title as over: a title renamed since (in another
// window on the file) is refused with ErrChangedSince, changing nothing
// (the undo wrote over it without a word; a hostile data pass).
func (s *Store) SetDocumentTitleOver(ctx context.Context, id int64, title, over string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.fileErr(err)
	}
	defer tx.Rollback()
	var now string
	err = tx.QueryRowContext(ctx, `SELECT title FROM documents WHERE id = ?`, id).Scan(&now)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return s.fileErr(err)
	}
	if now != over {
		return fmt.Errorf("cannot put the title of “%s” back as it was: %w; it is left as it is now", query.Clip(now), ErrChangedSince)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = ? WHERE id = ?`, title, id); err != nil {
		return s.fileErr(err)
	}
	if err := retitled(ctx, tx, id, now, title); err != nil {
		return s.fileErr(err)
	}
	return s.fileErr(tx.Commit())
}
