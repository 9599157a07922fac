package cli_test

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

func TestDocsRenameAndDelete(t *testing.T) {
	db := newDB(t)
	docs := docsJSON(t, db)
	id := docs[0].ID
	sid := itoa

	r := run(t, db, "docs", "--rename", sid(id), "  Interference   report ")
	if r.code != cli.ExitOK || r.stdout != "Renamed document "+sid(id)+" “"+seedTitle+"” to “Interference report”.\n" {
		t.Errorf("rename: %d %q %q", r.code, r.stdout, r.stderr)
	}
	type renamed struct {
		ID       int64  `json:"id"`
		Title    string `json:"title"`
		OldTitle string `json:"old_title"`
	}
	got := runJSON[renamed](t, db, "docs", "--rename", sid(id), "Second title", "--json")
	if got != (renamed{id, "Second title", "Interference report"}) {
		t.Errorf("rename --json: %+v", got)
	}
	if d := docsJSON(t, db); d[0].Title != "Second title" {
		t.Errorf("after renaming, docs lists %q", d[0].Title)
	}

	// Annotate, then delete: the message counts what went with it.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ps, _ := st.Passages(ctx, id)
	if _, err := st.AddBookmark(ctx, ps[6].ID, nil, "n"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r = run(t, db, "docs", "--delete", sid(id))
	if r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "Deleted document "+sid(id)+" “Second title”: 19 passages, 1 bookmark, 0 tags on passages and 0 tags on the document.") {
		t.Errorf("delete: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// Its suggestions went with it, and it says so (there is no undo here).
	if !regexp.MustCompile(` Its [0-9,]+ suggested tags and [0-9,]+ suggested claims went with it: suggestions come back when it is imported again\.\n$`).MatchString(r.stdout) {
		t.Errorf("delete does not say the suggestions went: %q", r.stdout)
	}
	if d := docsJSON(t, db); len(d) != 0 {
		t.Errorf("after deleting, docs lists %+v", d)
	}
	if r := run(t, db, "search", "kilimnik"); !strings.HasPrefix(r.stdout, "0 passages match") {
		t.Errorf("the deleted document is still found: %q", r.stdout)
	}

	// Errors: no such document (exit 1), bad use (exit 2), nothing changed.
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"docs", "--delete", sid(id)}, cli.ExitError, "there is no document " + sid(id)},
		{[]string{"docs", "--rename", "77", "x"}, cli.ExitError, "there is no document 77"},
		{[]string{"docs", "--delete", "abc"}, cli.ExitUsage, `"abc" is not a document id`},
		{[]string{"docs", "--delete", "-3"}, cli.ExitUsage, "is not a document id"},
		{[]string{"docs", "--rename", "1"}, cli.ExitUsage, "one new title"},
		{[]string{"docs", "--rename", "1", "a", "b"}, cli.ExitUsage, "one new title"},
		{[]string{"docs", "--rename", "1", "a", "--delete", "1"}, cli.ExitUsage, "not both"},
		{[]string{"docs", "--delete", "1", "extra"}, cli.ExitUsage, `unexpected "extra"`},
		{[]string{"docs", "--delete"}, cli.ExitUsage, "flag needs an argument"},
	} {
		r := run(t, db, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit %d and %q", c.args, r.code, r.stderr, r.stdout, c.code, c.want)
		}
	}
}

func TestDocsDeleteJSON(t *testing.T) {
	db := newDB(t)
	id := docsJSON(t, db)[0].ID
	type deleted struct {
		ID           int64  `json:"id"`
		Title        string `json:"title"`
		Passages     int    `json:"passages"`
		Bookmarks    int    `json:"bookmarks"`
		Tags         int    `json:"tags"`
		DocumentTags int    `json:"document_tags"`
		Suggestions  int    `json:"suggestions"`
		Claims       int    `json:"claims"`
		// The seed's claims are suggested when the file is made.
		SuggestedClaims int `json:"suggested_claims"`
	}
	got := runJSON[deleted](t, db, "docs", "--json", "--delete", itoa(id))
	if got.ID != id || got.Title != seedTitle || got.Passages != 19 || got.Suggestions == 0 || got.SuggestedClaims == 0 || got.Bookmarks != 0 {
		t.Errorf("delete --json: %+v", got)
	}
	// A read-only research file is refused with a clear message.
	db2 := newDB(t)
	id2 := docsJSON(t, db2)[0].ID
	if err := os.Chmod(db2, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only files")
	}
	r := run(t, db2, "docs", "--delete", itoa(id2))
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "cannot delete document") {
		t.Errorf("deleting in a read-only file: %d %q", r.code, r.stderr)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// --delete or --rename given twice is refused, changing nothing: `docs
// --delete 1 --delete 2` deleted document 2 alone (the flag's last value
// wins), and document 1, asked for too, stayed without a word; there is
// no undo here (found by a hostile pass).
func TestDocsChangeFlagTwiceIsRefused(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		os.WriteFile(dir+"/"+name, []byte("Report "+name+"\n\nKilimnik met Manafort in "+name+".\n"), 0o644)
		if r := run(t, db, "import", dir+"/"+name); r.code != cli.ExitOK {
			t.Fatalf("import: %+v", r)
		}
	}
	docs := docsJSON(t, db)
	a, b := itoa(docs[0].ID), itoa(docs[1].ID)
	for _, args := range [][]string{
		{"docs", "--delete", a, "--delete", b},
		{"docs", "--delete=" + a, "--json", "--delete", b},
		{"docs", "--rename", a, "New", "--rename", b},
	} {
		r := run(t, db, args...)
		if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "given twice") {
			t.Errorf("%v: %+v; want it refused as given twice", args, r)
		}
		if got := docsJSON(t, db); len(got) != len(docs) || got[0].Title != docs[0].Title || got[1].Title != docs[1].Title {
			t.Errorf("%v changed the documents: %+v", args, got)
		}
	}
}
