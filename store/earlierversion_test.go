package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// An edited file imported again is a second document (its content
// differs), and the import says that the library holds the earlier one:
// a researcher re-importing an edited memo found two rows of one title
// and no word of why.
func TestAnEditedFileImportedAgainNamesItsEarlierVersion(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	memo := filepath.Join(dir, "memo.txt")
	other := filepath.Join(t.TempDir(), "other.txt")
	importOne := func(path, text string) store.ImportResult {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		var got []store.FileOutcome
		if err := st.ImportFiles(ctx, []string{path}, func(o store.FileOutcome) { got = append(got, o) }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Err != nil {
			t.Fatalf("import of %s: %+v", path, got)
		}
		return got[0].Result
	}

	first := importOne(memo, "Memo on the GRU\n\nFirst draft of the memo.\n")
	if first.Earlier != nil || first.EarlierNote() != "" {
		t.Fatalf("a first import names an earlier version: %+v", first.Earlier)
	}
	same := importOne(memo, "Memo on the GRU\n\nFirst draft of the memo.\n")
	if !same.AlreadyPresent || same.Earlier != nil {
		t.Fatalf("the same content again: present %v, earlier %+v", same.AlreadyPresent, same.Earlier)
	}
	second := importOne(memo, "Memo on the GRU\n\nSecond draft, with the indictment.\n")
	if second.AlreadyPresent || second.Earlier == nil || second.Earlier.DocumentID != first.DocumentID {
		t.Fatalf("the edited memo: present %v, earlier %+v, want document %d", second.AlreadyPresent, second.Earlier, first.DocumentID)
	}
	// Which version it is, and which are kept, by the labels the library's
	// rows show: "an earlier version" was said of a third draft too.
	if note, want := second.EarlierNote(), " as v2; v1 is kept as it was"; note != want {
		t.Errorf("the second draft's summary: %q, want %q", note, want)
	}
	third := importOne(memo, "Memo on the GRU\n\nThird draft.\n")
	if third.Earlier == nil || third.Earlier.DocumentID != second.DocumentID {
		t.Fatalf("a third draft's earlier version is the second (%d): %+v", second.DocumentID, third.Earlier)
	}
	if note, want := third.EarlierNote(), " as v3; v1 and v2 are kept as they were"; note != want {
		t.Errorf("the third draft's summary: %q, want %q", note, want)
	}
	// A file of another name, or a document of another title, is no
	// version of the memo.
	if r := importOne(other, "Memo on the GRU\n\nA colleague's memo.\n"); r.Earlier != nil {
		t.Errorf("another file's document of the same title: earlier %+v", r.Earlier)
	}
	if r := importOne(memo, "Notes on the IRA\n\nAnother text in the memo's file.\n"); r.Earlier != nil {
		t.Errorf("a document of another title from the same file name: earlier %+v", r.Earlier)
	}
	// The colleague's document of the title is its v4, which the library
	// lists among the memo's versions.
	fourth := importOne(memo, "Memo on the GRU\n\nFourth draft.\n")
	if note, want := fourth.EarlierNote(), " as v5; v1, v2, v3 and v4 are kept as they were"; note != want {
		t.Errorf("the fourth draft's summary: %q, want %q", note, want)
	}
	fifth := importOne(memo, "Memo on the GRU\n\nFifth draft.\n")
	if note, want := fifth.EarlierNote(), " as v6; the 5 earlier versions are kept as they were"; note != want {
		t.Errorf("the fifth draft's summary: %q, want %q", note, want)
	}
	// Every version is kept.
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 7 {
		t.Errorf("%d documents, want 7 (five drafts, the colleague's, the notes)", len(docs))
	}
	// Versions unknown (rows another program wrote): the earlier one is
	// named by its time.
	unknown := store.ImportResult{Earlier: &store.EarlierVersion{Imported: second.Earlier.Imported}}
	if note := unknown.EarlierNote(); !strings.Contains(note, "earlier version (imported "+second.Earlier.Imported.Local().Format("2006-01-02 15:04:05")+")") || !strings.Contains(note, "kept") {
		t.Errorf("the summary's words without versions: %q", note)
	}
}

// Two files of one name in different folders, imported together, are two
// files: neither is the other's earlier version ("b/notes.txt" was said to
// keep an earlier version imported the same minute, "a/notes.txt"). A
// version imported before them is still named, for each.
func TestFilesOfOneNameImportedTogetherAreNoEarlierVersions(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	dir := t.TempDir()
	write := func(rel, text string) string {
		t.Helper()
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	importAll := func(paths ...string) []store.FileOutcome {
		t.Helper()
		var got []store.FileOutcome
		if err := st.ImportFiles(ctx, paths, func(o store.FileOutcome) { got = append(got, o) }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(paths) {
			t.Fatalf("outcomes %+v", got)
		}
		return got
	}
	a := write("a/notes.txt", "Meeting notes\n\nAlice said the plan was ready.\n")
	b := write("b/notes.txt", "Meeting notes\n\nBob said the budget was late.\n")
	for _, o := range importAll(a, b) {
		if o.Err != nil || o.Result.Earlier != nil {
			t.Errorf("%s: err %v, earlier %+v (a file of the same import)", o.Path, o.Err, o.Result.Earlier)
		}
	}
	first := importAll(b)[0].Result // already present
	c := write("c/notes.txt", "Meeting notes\n\nCarol said the room was booked.\n")
	d := write("d/notes.txt", "Meeting notes\n\nDan said the minutes were sent.\n")
	for _, o := range importAll(c, d) {
		if o.Err != nil || o.Result.Earlier == nil || o.Result.Earlier.DocumentID != first.DocumentID {
			t.Errorf("%s: err %v, earlier %+v, want document %d (imported before)", o.Path, o.Err, o.Result.Earlier, first.DocumentID)
		}
	}
}
