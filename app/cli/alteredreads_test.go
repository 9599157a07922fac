package cli_test

// Regression tests from a hostile pass (2026-12-05c): reads of files another
// program altered; each comment says what went wrong then.

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// atkAltered is a research file with the built-in article, two bookmarks, a
// tagging and a saved search, then changed by sql as another SQLite
// program would change it.
func atkAltered(t *testing.T, sqlText string) string {
	t.Helper()
	db := newDB(t)
	run(t, db, "docs")
	annotateForExport(t, db)
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(sqlText + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatalf("%s: %v", sqlText, err)
	}
	return db
}

// rawWords are SQLite's and database/sql's own words, which no message of
// Dossier's should pass on.
func atkRawWords(s string) bool {
	for _, w := range []string{"SQL logic error", "no such column", "no such table", "Scan error", "converting driver.Value", "converting NULL"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// a75e8b8 made export and the bookmarks say what is wrong with a file
// whose columns another program renamed or retyped, but tags and claims
// still give SQLite's words:
//
//	dossier tags: SQL logic error: no such column: t.color (1)
//	dossier tags: sql: Scan error on column index 4, name "description": converting NULL to string is unsupported
//	dossier claims: SQL logic error: no such column: c.speaker (1)
//	dossier claims: SQL logic error: no such column: p.text (1)   (passages.text renamed)
//	dossier search: SQL logic error (1)                            (passages.text renamed)
//	dossier tags: SQL logic error: no such column: alias (1)       (tag_aliases.alias renamed)
//	dossier tags: SQL logic error: no such column: pt.state (1)    (passage_tags.state renamed)
func TestTagsClaimsAndSearchOfAnAlteredFileSayWhy(t *testing.T) {
	for _, c := range []struct {
		alter string
		args  []string
	}{
		{`ALTER TABLE tags RENAME COLUMN color TO colour`, []string{"tags"}},
		{`ALTER TABLE tags RENAME COLUMN color TO colour`, []string{"tags", "--json"}},
		{`ALTER TABLE tags DROP COLUMN description; ALTER TABLE tags ADD COLUMN description INTEGER`, []string{"tags"}},
		{`ALTER TABLE claims RENAME COLUMN speaker TO who`, []string{"claims"}},
		{`ALTER TABLE claims RENAME COLUMN speaker TO who`, []string{"claims", "--json", "--state", "all"}},
		{`ALTER TABLE passages RENAME COLUMN text TO body`, []string{"claims"}},
		{`ALTER TABLE passages RENAME COLUMN text TO body`, []string{"search", "russia"}},
		{`ALTER TABLE passages RENAME COLUMN text TO body`, []string{"search", "--json", "russia"}},
		{`ALTER TABLE tag_aliases RENAME COLUMN alias TO other_name`, []string{"tags"}},
		{`ALTER TABLE passage_tags RENAME COLUMN state TO st`, []string{"tags", "--json"}},
	} {
		t.Run(c.alter+" "+strings.Join(c.args, " "), func(t *testing.T) {
			db := atkAltered(t, c.alter)
			r := run(t, db, c.args...)
			if r.code == 0 {
				return // read in spite of it: fine
			}
			if atkRawWords(r.stderr) || !strings.Contains(r.stderr, "recover") {
				t.Errorf("%s: %q; want what is wrong with the file and how to recover it", strings.Join(c.args, " "), r.stderr)
			}
		})
	}
}

// Another program wrote values of a type Dossier never writes into
// Dossier's own columns (no schema change): text in bookmarks.span_start,
// text in documents.pages, a fraction in passages.ordinal. check said "ok"
// for the span, or gave database/sql's words as the problem ("document 1
// cannot be read: sql: Scan error on column index 12, name "pages":
// converting driver.Value type string ("many") to a int: invalid syntax"),
// and docs, search, claims and every export format failed with the same
// words.
func TestHostileValuesInDossiersColumnsAreNamed(t *testing.T) {
	for _, c := range []struct {
		update string
		args   [][]string
	}{
		{`UPDATE bookmarks SET span_start = 'x' WHERE span_start IS NOT NULL`, [][]string{{"check"}, {"export"}, {"export", "--format", "csv"}, {"export", "--format", "json"}}},
		{`UPDATE documents SET pages = 'many'`, [][]string{{"check"}, {"docs"}, {"docs", "--json"}, {"export"}}},
		{`UPDATE passages SET ordinal = ordinal + 0.5`, [][]string{{"check"}, {"search", "russia"}, {"claims"}, {"export"}}},
		{`UPDATE claims SET cue_start = 'q', cue_end = 'r' WHERE cue_start IS NOT NULL`, [][]string{{"check"}, {"claims"}, {"claims", "--json"}, {"export", "--format", "json"}}},
	} {
		t.Run(c.update, func(t *testing.T) {
			db := atkAltered(t, c.update)
			for _, args := range c.args {
				r := run(t, db, args...)
				all := r.stdout + r.stderr
				if args[0] == "check" && r.code == 0 {
					t.Errorf("check of a file holding %s: %q; want the value named as damage", c.update, all)
				}
				if r.code != 0 && atkRawWords(all) {
					t.Errorf("%s: %q; want what the file holds that Dossier never writes, and how to recover it", strings.Join(args, " "), all)
				}
			}
		})
	}
}

// recover of such a file copies the hostile values as they are: the new
// file fails check again ("is damaged … recover what can be read"), and its
// export fails with the same Scan error, so the advice loops. The
// recovered file should be sound.
func TestRecoverOfHostileValuesMakesASoundFile(t *testing.T) {
	for _, update := range []string{
		`UPDATE bookmarks SET span_start = 'x' WHERE span_start IS NOT NULL`,
		`UPDATE documents SET pages = 'many'`,
		`UPDATE passages SET ordinal = ordinal + 0.5`,
	} {
		t.Run(update, func(t *testing.T) {
			db := atkAltered(t, update)
			out := filepath.Join(t.TempDir(), "recovered.dossier")
			if r := run(t, db, "recover", "--out", out); r.code != 0 {
				t.Fatalf("recover: %+v", r)
			}
			if r := run(t, out, "check"); r.code != 0 {
				t.Errorf("check of the recovered file: %q %q", r.stdout, r.stderr)
			}
			if r := run(t, out, "export"); r.code != 0 {
				t.Errorf("export of the recovered file: %q", r.stderr)
			}
		})
	}
}

// A backup into the backups folder of a file holding values Dossier never
// writes pushed a sound backup out, as a damaged file's did before the
// check it now makes first; such a file is refused there too.
func TestBackupOfAFileHoldingHostileValuesIsRefused(t *testing.T) {
	db := atkAltered(t, `UPDATE documents SET pages = 'many'`)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	r := run(t, db, "backup")
	if r.code == 0 || !strings.Contains(r.stderr, "column pages of table documents") || !strings.Contains(r.stderr, "would push a sound one out") {
		t.Errorf("backup: %d %q %q; want it refused, naming the column", r.code, r.stdout, r.stderr)
	}
}
