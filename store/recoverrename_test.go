package store_test

// Regression tests from a hostile pass on a75e8b8 (recover reading a
// column another program renamed): each comment says what went wrong then.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// atkColumn reads one column of table (ordered by its first column) as text.
func atkColumn(t *testing.T, path, table, expr string) []string {
	t.Helper()
	_, lines := queryLines(t, rawDB(t, path), fmt.Sprintf(`SELECT %s FROM %s ORDER BY 1`, expr, table))
	return lines
}

// passages.lead renamed by another program (lead TO intro): the report says
// "renamed in the damaged file: lead (from its column intro)", but the
// passages special case in recoverTable overwrites the expression with
// coalesce("lead", ”), and SQLite reads the double-quoted name of a column
// that is not there as the string 'lead': every passage of the recovered
// file has the lead "lead", and check finds nothing wrong.
func TestRecoverRenamedLeadKeepsEveryLead(t *testing.T) {
	path, _ := alteredFile(t, `ALTER TABLE passages RENAME COLUMN lead TO intro`)
	want := atkColumn(t, path, "passages", "id, quote(intro)")
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := atkColumn(t, out, "passages", "id, quote(lead)"); !slices.Equal(got, want) {
		t.Errorf("recovered leads %q,\nthe damaged file's %q\n(%s)", got[:min(3, len(got))], want[:min(3, len(want))], rep)
	}
}

// Another program dropped a Dossier column and added its own column of the
// same type at the end (bookmarks.updated_at dropped, color TEXT added).
// A column SQLite renamed keeps its constraints (updated_at is NOT NULL);
// color is nullable, yet it is taken for updated_at: every bookmark's
// updated_at is "red" (read back as the zero time), and the report calls it
// a rename. It should say the file lacks updated_at (filled from
// created_at), as it does when no column was added.
func TestRecoverDoesNotTakeAnAddedColumnForADroppedOne(t *testing.T) {
	out, _, rep := recoverAltered(t, `ALTER TABLE bookmarks DROP COLUMN updated_at; ALTER TABLE bookmarks ADD COLUMN color TEXT; UPDATE bookmarks SET color = 'red'`)
	if got := atkColumn(t, out, "bookmarks", "DISTINCT updated_at"); slices.Contains(got, "[red]") {
		t.Errorf("bookmarks' updated_at recovered from another program's column color: %q (%s)", got, rep)
	}
	if s := rep.String(); !strings.Contains(s, "lacks its column updated_at") {
		t.Errorf("the report does not say the file lacks bookmarks.updated_at: %s", s)
	}
}

// A column dropped before another is renamed shifts the positions: with
// bookmarks.span_end dropped, updated_at renamed to modified and a column
// color TEXT added, the renamed column (modified) sits at index 5 and the
// added one at index 6, updated_at's place in Dossier's table. Recover
// takes color, a wrong column's values ("red"), while modified held them.
func TestRecoverShiftedPositionsDoNotTakeAnotherColumn(t *testing.T) {
	path, _ := alteredFile(t, `ALTER TABLE bookmarks DROP COLUMN span_end; ALTER TABLE bookmarks RENAME COLUMN updated_at TO modified;
		ALTER TABLE bookmarks ADD COLUMN color TEXT; UPDATE bookmarks SET color = 'red', modified = '2026-12-03T10:00:00Z'`)
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if got := atkColumn(t, out, "bookmarks", "DISTINCT updated_at"); slices.Contains(got, "[red]") {
		t.Errorf("bookmarks' updated_at recovered from the wrong column (color, not modified): %q (%s)", got, rep)
	}
}

// A renamed key column (the column recoverTable reads ranges by) is
// reported as read ("renamed in the damaged file: id (from its column
// bid)"), but keyBounds and the range reads still name id: SQLite says "no
// such column", and every row of the table is lost, said only as "1
// skipped (its end was unreadable)". passages.id renamed loses every
// passage, and with them every tagging, bookmark and claim; documents.id
// renamed keeps the document only as "Recovered document 1", its title,
// source and pages lost.
func TestRecoverARenamedKeyColumnKeepsTheRows(t *testing.T) {
	for _, c := range []struct{ alter, table, check string }{
		{`ALTER TABLE bookmarks RENAME COLUMN id TO bid`, "bookmarks", "note"},
		{`ALTER TABLE passages RENAME COLUMN id TO pid`, "passages", "text"},
		{`ALTER TABLE tags RENAME COLUMN id TO tid`, "tags", "name"},
		{`ALTER TABLE passage_tags RENAME COLUMN passage_id TO pid`, "passage_tags", "tag_id"},
		{`ALTER TABLE documents RENAME COLUMN id TO did`, "documents", "title"},
	} {
		t.Run(c.alter, func(t *testing.T) {
			path, _ := alteredFile(t, c.alter)
			want := atkColumn(t, path, c.table, c.check)
			out := filepath.Join(t.TempDir(), "recovered.dossier")
			rep, err := store.Recover(context.Background(), path, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := atkColumn(t, out, c.table, c.check); !slices.Equal(got, want) {
				t.Errorf("%s: %d rows recovered of %d (first %q, want %q): %s", c.table, len(got), len(want),
					got[:min(1, len(got))], want[:min(1, len(want))], rep)
			}
			if rep.Skipped() > 0 {
				t.Errorf("rows skipped: %s", rep)
			}
		})
	}
}

// Two renames in a row, each column moved one name along (passages.start
// to begin_at, then end to start; bookmarks.span_start to s0, then
// span_end to span_start): the column now named start holds Dossier's end,
// and begin_at, at start's place, Dossier's start. Recover matches by name
// first, so start is read from the column that holds the ends, and end is
// "lacking". For the passages, end is filled with 0, every passage fails
// CHECK (end > start): all 19 passages skipped, and with them every
// tagging, bookmark and claim (50 rows), reported as "lacks its column end
// (set to 0)". For the bookmarks, span_start silently takes the span's end
// (5 for a span 1–5), and the report mentions only span_end. The columns
// at Dossier's places (begin_at, s0) say what happened; at the least the
// rows and values must not be lost or swapped without a word.
func TestRecoverNamesMovedAlongAreNotTakenByName(t *testing.T) {
	t.Run("passages", func(t *testing.T) {
		path, _ := alteredFile(t, `ALTER TABLE passages RENAME COLUMN start TO begin_at; ALTER TABLE passages RENAME COLUMN "end" TO start`)
		want := atkColumn(t, path, "passages", "id, begin_at, start")
		out := filepath.Join(t.TempDir(), "recovered.dossier")
		rep, err := store.Recover(context.Background(), path, out)
		if err != nil {
			t.Fatal(err)
		}
		if got := atkColumn(t, out, "passages", `id, start, "end"`); !slices.Equal(got, want) {
			t.Errorf("recovered passages (id, start, end) %q, want %q: %s", got[:min(2, len(got))], want[:min(2, len(want))], rep)
		}
	})
	t.Run("bookmarks", func(t *testing.T) {
		path, _ := alteredFile(t, `UPDATE bookmarks SET span_start = 1, span_end = 5;
			ALTER TABLE bookmarks RENAME COLUMN span_start TO s0; ALTER TABLE bookmarks RENAME COLUMN span_end TO span_start`)
		out := filepath.Join(t.TempDir(), "recovered.dossier")
		rep, err := store.Recover(context.Background(), path, out)
		if err != nil {
			t.Fatal(err)
		}
		got := atkColumn(t, out, "bookmarks", "DISTINCT quote(span_start) || '-' || quote(span_end)")
		if !slices.Equal(got, []string{"[1-5]"}) && !strings.Contains(rep.String(), "s0") {
			t.Errorf("recovered spans %q (the file's spans are all 1–5), and the report says nothing of the column s0: %s", got, rep)
		}
	})
}

// A renamed column whose new name holds a double quote (note to
// `my "note"`) is put in the SELECT as "my "note"" — commonColumns
// quotes names without doubling the quotes inside — so every read of
// the table fails and every bookmark is skipped, though the report says
// the notes were read from the renamed column.
func TestRecoverARenamedColumnWithAQuoteInItsName(t *testing.T) {
	out, notes, rep := recoverAltered(t, `ALTER TABLE bookmarks RENAME COLUMN note TO "my ""note"""`)
	if got := notesAt(t, out); !slices.Equal(got, notes) {
		t.Errorf("%d of %d bookmarks recovered with their notes: %s", len(got), len(notes), rep)
	}
}

// A rename and then a column of the old name added (note to notes, then a
// new, empty note): the notes are in notes, and the added column is the
// file's own. Read by name, every note was lost (a hostile pass).
func TestRecoverKeepsNotesRenamedBeforeAColumnOfTheSameNameWasAdded(t *testing.T) {
	for _, alter := range []string{
		`ALTER TABLE bookmarks RENAME COLUMN note TO notes; ALTER TABLE bookmarks ADD COLUMN note TEXT`,
		`ALTER TABLE bookmarks RENAME COLUMN note TO notes; ALTER TABLE bookmarks ADD COLUMN note TEXT NOT NULL DEFAULT 'x'; ALTER TABLE bookmarks ADD COLUMN "odd, name" INT`,
	} {
		t.Run(alter, func(t *testing.T) {
			path, notes := alteredFile(t, alter)
			out := filepath.Join(t.TempDir(), "recovered.dossier")
			rep, err := store.Recover(context.Background(), path, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := notesAt(t, out); !slices.Equal(got, notes) {
				t.Errorf("recovered notes %q…, the damaged file's (in its column notes) %q…", got[:min(2, len(got))], notes[:min(2, len(notes))])
			}
			if s := rep.String(); !strings.Contains(s, "note (from its column notes)") || !strings.Contains(s, "not copied: note") {
				t.Errorf("the report does not say where the notes came from and which column was not copied: %s", s)
			}
		})
	}
}

// Columns added after a column dropped are not taken for renames: the
// statement, the renames replayed, must hold Dossier's definitions before
// the added ones.
func TestRecoverDoesNotTakeColumnsAddedAfterADropForRenames(t *testing.T) {
	path, _ := alteredFile(t, `ALTER TABLE bookmarks DROP COLUMN note; ALTER TABLE bookmarks ADD COLUMN colour TEXT; ALTER TABLE bookmarks ADD COLUMN note TEXT`)
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(context.Background(), path, out)
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.String(); strings.Contains(s, "renamed in the damaged file") {
		t.Errorf("a dropped column and added ones were taken for renames: %s", s)
	}
	for _, n := range notesAt(t, out) {
		if n != "" {
			t.Fatalf("a note %q came from a column another program added empty", n)
		}
	}
}
