package store

import (
	"context"
	"database/sql"
	"dossier/store/ingest"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Functions only tests use: the window and the command line reach this
// behaviour through the calls that answer whole screens and imports.

// DecideSuggestions accepts or rejects every pending suggestion of a tag and
// returns how many changed.
func (s *Store) DecideSuggestions(ctx context.Context, tagID int64, state string) (int, error) {
	return decideSuggestions(ctx, s.db, tagID, state, s.now())
}

// DeleteDocument removes a document with its passages (and their index
// entries, through the triggers).
func (s *Store) DeleteDocument(ctx context.Context, id int64) error {
	r, err := s.db.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return nil
}

// DeleteSavedSearch removes a saved search.
func (s *Store) DeleteSavedSearch(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM saved_searches WHERE id = ?`, id)
	return err
}

// DocumentText returns a document's full text; a text that could not be
// put together whole is an error.
func (s *Store) DocumentText(ctx context.Context, id int64) (string, error) {
	text, problems, err := view{s.db}.documentText(ctx, id)
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("document %d: %s", id, strings.Join(problems, "; "))
	}
	return text, err
}

// RenameTag renames a tag; the snapshot undoes it.
func (s *Store) RenameTag(ctx context.Context, id int64, name string) (*TagSnapshot, error) {
	var snap *TagSnapshot
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if snap, err = snapshot(ctx, tx, id); err != nil {
			return err
		}
		t := snap.Tags[0]
		t.Name = name
		return updateTag(ctx, tx, t, s.now())
	})
	return snap, err
}

// SchemaVersion reports the file's schema version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
	return v, err
}

// TagPassage tags a passage by hand (accepted), with an optional mention
// span. Tagging a passage that had a suggestion accepts it.
func (s *Store) TagPassage(ctx context.Context, passageID, tagID int64, span *Range) error {
	if err := s.checkTagSpan(ctx, passageID, span); err != nil {
		return err
	}
	return tagPassage(ctx, s.db, passageID, tagID, span, s.now())
}

// UntagDocument removes a document tagging.
func (s *Store) UntagDocument(ctx context.Context, documentID, tagID int64) error {
	return untagDocument(ctx, s.db, documentID, tagID, s.now())
}

// UntagPassage removes a tagging. A suggested one is marked rejected
// instead, so that suggestions do not bring it back.
func (s *Store) UntagPassage(ctx context.Context, passageID, tagID int64) error {
	return untagPassage(ctx, s.db, passageID, tagID, s.now())
}

// DocumentTables names the tables a deleted document's snapshot holds.
// Tests check that every table referring to documents or passages is one.
func DocumentTables() []string {
	var out []string
	for _, t := range documentTables {
		out = append(out, t.name)
	}
	return out
}

func (s *Store) EnsureDefaultCorpus(ctx context.Context, name string, data []byte) error {
	return s.ensureDefaultCorpus(ctx, name, data)
}

func (s *Store) EnsureGazetteer(ctx context.Context, data []byte) error {
	return s.ensureGazetteer(ctx, data)
}

func (s *Store) ExportBundle(ctx context.Context, userQuery string) (*Bundle, error) {
	return s.exportBundle(ctx, userQuery)
}

func (s *Store) ImportBundle(ctx context.Context, r io.Reader) (BundleReport, error) {
	return s.restoreBundle(ctx, r)
}

func (s *Store) ImportDocuments(ctx context.Context, docs []*ingest.Document) (results []ImportResult, errs []error) {
	return s.importDocuments(ctx, docs, anyEarlier)
}

// MergeIndex merges the index segments as the end of an import of passages does.
func (s *Store) MergeIndex(ctx context.Context, passages int) error {
	return s.mergeIndex(ctx, passages)
}

func DataDir() (string, error) { return dataDir() }

func ReadBundleFile(path string) (data []byte, ok bool, err error) { return readBundleFile(path) }

func PassageProblems(doc Document, text string, passages []Passage) []string {
	return passageProblems(doc, text, passages)
}

// CreateTag adds a tag with optional aliases, and suggests it on every
// passage that mentions it.
func (s *Store) CreateTag(ctx context.Context, t Tag) (Tag, error) {
	created, _, err := s.CreateTagUndoable(ctx, t)
	if err != nil {
		return t, err
	}
	return created, nil
}

// ImportFile reads, parses and stores one file in a single transaction.
func (s *Store) ImportFile(ctx context.Context, path string) (ImportResult, error) {
	doc, err := ingest.ReadFile(path)
	if err != nil {
		return ImportResult{}, err
	}
	return s.ImportDocument(ctx, doc)
}

// Stats counts what the file holds.
type Stats struct{ Documents, Passages int }

// Stats returns document and passage counts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages)`).Scan(&st.Documents, &st.Passages)
	return st, err
}

// SaveSearch stores (or replaces, by name) a named query.
func (s *Store) SaveSearch(ctx context.Context, name, query string) error {
	if name == "" || query == "" {
		return errors.New("a saved search needs a name and a query")
	}
	if err := checkSavedSearch(name, query); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET query = excluded.query`, name, query, s.stamp())
	return err
}

// TagDocument tags a whole document.
func (s *Store) TagDocument(ctx context.Context, documentID, tagID int64) error {
	return tagDocument(ctx, s.db, documentID, tagID, s.now())
}

// SetTaggingState accepts or rejects one suggestion.
func (s *Store) SetTaggingState(ctx context.Context, passageID, tagID int64, state string) error {
	return setTaggingState(ctx, s.db, passageID, tagID, state)
}

// TagPassages lists the passages a tag applies to (accepted and pending,
// or only one state), in reading order.
func (s *Store) TagPassages(ctx context.Context, tagID int64, state string) ([]Hit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.document_id, d.title, p.ordinal, p.text, pt.span_start, pt.span_end
		FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id JOIN documents d ON d.id = p.document_id
		WHERE pt.tag_id = ? AND (? = '' AND pt.state <> 'rejected' OR pt.state = ?)
		ORDER BY d.title COLLATE NOCASE, d.id, p.ordinal`, tagID, state, state)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var start, end sql.NullInt64
		if err := rows.Scan(&h.PassageID, &h.DocumentID, &h.DocumentTitle, &h.Ordinal, &h.Text, &start, &end); err != nil {
			return nil, err
		}
		// A damaged or crafted span must not reach Snippet.
		if sp := (Range{int(start.Int64), int(end.Int64)}); start.Valid && end.Valid && checkSpan(h.Text, sp) {
			h.Matches = []Range{sp}
		}
		h.Snippet, h.SnippetRanges = Snippet(h.Text, h.Matches, SnippetLen)
		out = append(out, h)
	}
	return out, rows.Err()
}

// Suggest re-runs suggestions for every tag over the whole library.
func (s *Store) Suggest(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := suggestTx(ctx, tx, nil, nil, s.now()); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}

// FindTags returns the tags of a family ("" for both) named name or with
// that alias, ignoring case.
func (s *Store) FindTags(ctx context.Context, family, name string) ([]Tag, error) {
	return view{s.db}.findTags(ctx, family, name)
}

func IsBundle(data []byte) bool { return isBundle(data) }

func ReadBundle(r io.Reader) (*Bundle, error) { return readBundle(r) }

// OnRestoreReplacing sets a function RestoreFile runs once the current file
// is kept, just before it is replaced; the returned func unsets it.
func OnRestoreReplacing(f func(path string)) func() {
	beforeRestoreReplaces = f
	return func() { beforeRestoreReplaces = nil }
}

// OnRestoreBetweenSteps sets a function RestoreFile runs after the old
// side files are removed, just before the rename; the returned func unsets
// it.
func OnRestoreBetweenSteps(f func(path string)) func() {
	betweenRestoreSteps = f
	return func() { betweenRestoreSteps = nil }
}

// OnRecoverTable sets a function Recover runs once each table is copied;
// the returned func unsets it.
func OnRecoverTable(f func(table string)) func() {
	afterRecoverTable = f
	return func() { afterRecoverTable = nil }
}

// RowCount counts a table's rows (tests of what is remembered).
func RowCount(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
