package store

import (
	"strings"
	"testing"
)

// UndoStateCheck rolls migrations 0018 (UndoDocumentVersions) and 0017
// back, for tests that roll a file back to an older schema: passage_tags with its state's check as an IN
// list again, its text as migrations 0002 and 0013 left it (a file's
// schema must be its version's word for word, see schemaguard.go).
func UndoStateCheck(t testing.TB) []string {
	t.Helper()
	body, err := migrationFS.ReadFile("migrations/0002_annotations.sql")
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	start := strings.Index(text, "CREATE TABLE passage_tags (")
	end := strings.Index(text[start:], ") WITHOUT ROWID;")
	if start < 0 || end < 0 {
		t.Fatal("migration 0002 no longer makes passage_tags as this test expects")
	}
	trigger, err := migrationFS.ReadFile("migrations/0013_tag_decisions.sql")
	if err != nil {
		t.Fatal(err)
	}
	tr := string(trigger)
	tr = tr[strings.Index(tr, "CREATE TRIGGER"):]
	return append(UndoDocumentVersions(), []string{
		`ALTER TABLE passage_tags RENAME TO passage_tags_0017`,
		text[start : start+end+len(") WITHOUT ROWID")],
		`ALTER TABLE passage_tags ADD COLUMN decided_at TEXT`,
		`INSERT INTO passage_tags SELECT * FROM passage_tags_0017`,
		`DROP TABLE passage_tags_0017`,
		`CREATE INDEX passage_tags_tag ON passage_tags (tag_id, state)`,
		strings.TrimSpace(tr),
		`PRAGMA user_version = 16`,
	}...)
}

// UndoDocumentVersions rolls migration 0018 back: a file of schema 17, its
// documents without versions.
func UndoDocumentVersions() []string {
	return []string{
		`DROP TABLE document_former_versions`,
		`DROP TABLE title_versions`,
		`ALTER TABLE documents DROP COLUMN version`,
		`PRAGMA user_version = 17`,
	}
}
