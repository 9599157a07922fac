package store

import (
	"context"
	"database/sql"
	"dossier/store/ingest"
	"fmt"
	"io"
)

// Functions only tests use: the window and the command line reach this
// behaviour through the calls that answer whole screens and imports.

// DecideSuggestions accepts or rejects every pending suggestion of a tag and
// returns how many changed.
func (s *Store) DecideSuggestions(ctx context.Context, tagID int64, state string) (int, error) {
	return decideSuggestions(ctx, s.db, tagID, state)
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

// DocumentText returns a document's full text.
func (s *Store) DocumentText(ctx context.Context, id int64) (string, error) {
	return view{s.db}.documentText(ctx, id)
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
	return untagDocument(ctx, s.db, documentID, tagID)
}

// UntagPassage removes a tagging. A suggested one is marked rejected
// instead, so that suggestions do not bring it back.
func (s *Store) UntagPassage(ctx context.Context, passageID, tagID int64) error {
	return untagPassage(ctx, s.db, passageID, tagID)
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
	return s.importDocuments(ctx, docs)
}

func DataDir() (string, error) { return dataDir() }

func ReadBundleFile(path string) (data []byte, ok bool, err error) { return readBundleFile(path) }

func PassageProblems(doc Document, text string, passages []Passage) []string {
	return passageProblems(doc, text, passages)
}
