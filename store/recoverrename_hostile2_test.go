package store_test

// A second hostile pass on recover of renamed columns: the replay of the
// renames of the tables a table refers to skipped every table visited once,
// cycles among Dossier's names were read by name even where the statement
// showed renames (or missed in capitals), and check called indexes and
// triggers SQLite rewrote with a rename foreign SQL. Each test failed
// before.

import (
	"context"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// claimActorsFile is a research file with 35 claim actors (every claim
// with every tag, position claim+tag), then alter.
func claimActorsFile(t *testing.T, alter string) (path string, actors []string) {
	t.Helper()
	path, _ = alteredFile(t, `INSERT INTO claim_actors (claim_id, tag_id, position) SELECT c.id, t.id, c.id + t.id FROM claims c, tags t`)
	_, actors = queryLines(t, rawDB(t, path), `SELECT * FROM claim_actors ORDER BY 1, 2`)
	db := rawDB(t, path)
	if _, err := db.Exec(alter + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatalf("%s: %v", alter, err)
	}
	db.Close()
	return path, actors
}

// claim_actors refers to claims and to tags, and claims refers to tags
// too. renamedColumnsIn marks every table it visits in one seen set shared
// by the whole walk, and skips (does not even replay) a parent already
// seen. For claim_actors the walk visits tags first (its renames are
// replayed), then claims, whose own walk finds tags seen and does not
// replay it in claims' scratch copy: claims' statement (REFERENCES
// tags(tid)) no longer matches, claims' renames come back nil, are not
// replayed in claim_actors' scratch copy, and claim_actors' statement
// (REFERENCES claims(cid)) does not match either. So with tags.id and
// claims.id renamed (which each alone is handled), claim_actors' own
// renames are read by name: tag_id renamed skips EVERY claim actor (35 of
// 35: who made each claim is lost); position renamed sets every position
// to 0 (the actors' order is lost). seen should guard the current path
// (cycles), not every table visited; or the replay should not be skipped.
func TestRecoverClaimActorsBelowTwoRenamedParents(t *testing.T) {
	for _, alter := range []string{
		`ALTER TABLE tags RENAME COLUMN id TO tid; ALTER TABLE claims RENAME COLUMN id TO cid; ALTER TABLE claim_actors RENAME COLUMN tag_id TO actor`,
		`ALTER TABLE tags RENAME COLUMN id TO tid; ALTER TABLE claims RENAME COLUMN id TO cid; ALTER TABLE claim_actors RENAME COLUMN position TO ord`,
	} {
		t.Run(alter, func(t *testing.T) {
			path, want := claimActorsFile(t, alter)
			out, rep := recoverInto(t, path)
			if _, got := queryLines(t, rawDB(t, out), `SELECT * FROM claim_actors ORDER BY 1, 2`); !slices.Equal(got, want) {
				t.Errorf("claim actors recovered %d, first %q; the damaged file holds %d, first %q (%s)", len(got), got[:min(1, len(got))], len(want), want[:1], rep)
			}
		})
	}
}

// The cycle guard drops names that "only change places" among Dossier's
// own, on the ground that a table rebuilt with its columns in another
// order cannot be told from renames. It can when the two columns'
// definitions differ: a rebuild moves a column's whole definition with
// its name, RENAME COLUMN leaves definitions in place and rewrites the
// names in the table's CHECKs and REFERENCES. The replay in the scratch
// copy matched the file's statement word for word, so the file went
// through renames, not a rebuild, yet the mapping is dropped and the
// columns are read by name, i.e. swapped:
//   - passages.start and "end" swapped (with ordinal renamed, or not): the
//     swapped values fail Dossier's CHECK (end >= start), so all 19
//     passages are skipped, and with them every tagging, bookmark and
//     claim: 50 of 57 rows lost;
//   - passages.document_id and ordinal swapped: 18 of 19 passages skipped
//     (document_id read from the ordinals), 45 of 57 rows lost.
//
// Only when the definitions are the same text (created_at and updated_at,
// both TEXT NOT NULL) is the statement ambiguous.
func TestRecoverACycleTheStatementProvesIsRenames(t *testing.T) {
	for _, alter := range []string{
		`ALTER TABLE passages RENAME COLUMN start TO x; ALTER TABLE passages RENAME COLUMN "end" TO start; ALTER TABLE passages RENAME COLUMN x TO "end"`,
		`ALTER TABLE passages RENAME COLUMN start TO x; ALTER TABLE passages RENAME COLUMN "end" TO start; ALTER TABLE passages RENAME COLUMN x TO "end"; ALTER TABLE passages RENAME COLUMN ordinal TO ord`,
		`ALTER TABLE passages RENAME COLUMN document_id TO x; ALTER TABLE passages RENAME COLUMN ordinal TO document_id; ALTER TABLE passages RENAME COLUMN x TO ordinal`,
	} {
		t.Run(alter, func(t *testing.T) {
			path, _ := alteredFile(t, `SELECT 1`)
			counts := `SELECT (SELECT count(*) FROM passages), (SELECT count(*) FROM bookmarks), (SELECT count(*) FROM passage_tags), (SELECT count(*) FROM claims)`
			_, want := queryLines(t, rawDB(t, path), counts)
			db := rawDB(t, path)
			if _, err := db.Exec(alter + `; PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			out, rep := recoverInto(t, path)
			if _, got := queryLines(t, rawDB(t, out), counts); !slices.Equal(got, want) {
				t.Errorf("passages, bookmarks, taggings, claims recovered: %q; the damaged file holds %q (%s)", got, want, rep)
			}
		})
	}
}

// The cycle guard compares names case-sensitively, but SQLite's names are
// not: created_at renamed to UPDATED_AT and updated_at to CREATED_AT (a
// table rebuilt by a tool that writes names in capitals, columns
// reordered) is not seen as names changing places, so it is read by
// place: every bookmark's created_at and updated_at are swapped, and the
// report calls them renames. The same swap in lower case is read by name.
// The two spellings of one swap should be read alike.
func TestRecoverASwapInCapitalsIsNotSeenAsACycle(t *testing.T) {
	read := func(alter string) []string {
		path, _ := alteredFile(t, `UPDATE bookmarks SET updated_at = '2026-12-04T10:00:00Z'; `+alter)
		out, _ := recoverInto(t, path)
		_, got := queryLines(t, rawDB(t, out), `SELECT created_at || ' ' || updated_at FROM bookmarks ORDER BY id`)
		return got
	}
	lower := read(`ALTER TABLE bookmarks RENAME COLUMN created_at TO x; ALTER TABLE bookmarks RENAME COLUMN updated_at TO created_at; ALTER TABLE bookmarks RENAME COLUMN x TO updated_at`)
	upper := read(`ALTER TABLE bookmarks RENAME COLUMN created_at TO x; ALTER TABLE bookmarks RENAME COLUMN updated_at TO CREATED_AT; ALTER TABLE bookmarks RENAME COLUMN x TO UPDATED_AT`)
	if !slices.Equal(lower, upper) {
		t.Errorf("the same swap read differently: in lower case %q…, in capitals %q…", lower[:1], upper[:1])
	}
}

// CheckFile (and the read-only reason Open gives) call a file with one of
// Dossier's columns renamed "changed by another program ... recover copies
// its rows" only when the table alone differs. A renamed column that an
// index or trigger of Dossier's names (bookmarks.passage_id, any
// passage_tags column, passages.id) makes SQLite rewrite that index or
// trigger too, and then the file is said to carry SQL "SQLite would run
// with every change ... (recover makes a copy without it)", naming "table
// bookmarks": the user is told recover drops the bookmarks, while it
// copies every one (the rename is read). With passages.id renamed,
// CheckFile adds "cannot be read: SQL logic error: no such column: p.id",
// SQLite's words for its own query, as if the file were unreadable, while
// recover reads all 57 rows.
func TestCheckDescribesARenamedIndexedColumnAsSQLRecoverDrops(t *testing.T) {
	for _, alter := range []string{
		`ALTER TABLE bookmarks RENAME COLUMN passage_id TO pas`,
		`ALTER TABLE passage_tags RENAME COLUMN state TO st`,
		`ALTER TABLE passages RENAME COLUMN id TO pid`,
	} {
		t.Run(alter, func(t *testing.T) {
			path, _ := alteredFile(t, alter)
			problems, err := store.CheckFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(problems, "\n")
			if strings.Contains(all, "makes a copy without it") || strings.Contains(all, "cannot be read") {
				t.Errorf("CheckFile: %q", problems)
			}
			if s, err := store.Open(path); err == nil {
				if r := s.ReadOnlyReason(); strings.Contains(r, "makes a copy without it") {
					t.Errorf("Open: read-only because %q", r)
				}
				s.Close()
			}
			if _, rep := recoverInto(t, path); rep.Skipped() > 0 {
				t.Errorf("recover skipped rows: %s", rep)
			}
		})
	}
}
