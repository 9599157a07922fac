package cli_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// TestExportNeverOverwritesResearchFile: --out naming the research file, a
// link to it, one of its side files or another research file is refused
// with a message naming the path, and the file is left as it was.
func TestExportNeverOverwritesResearchFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.dossier")
	annotateForExport(t, db)
	other := filepath.Join(dir, "old.csv")
	if r := run(t, other, "docs"); r.code != cli.ExitOK { // a research file named like an export
		t.Fatal(r.stderr)
	}
	if err := os.Symlink(db, filepath.Join(dir, "alias.md")); err != nil {
		t.Fatal(err)
	}
	before := map[string][]byte{}
	for _, f := range []string{db, other} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		before[f] = data
	}
	for _, out := range []string{db, filepath.Join(dir, ".", "r.dossier"), filepath.Join(dir, "alias.md"),
		db + "-wal", db + "-shm", db + "-journal", other} {
		for _, format := range []string{"csv", "md", "json"} {
			r := run(t, db, "export", "--format", format, "--out", out)
			if r.code != cli.ExitError || !strings.Contains(r.stderr, "refusing to overwrite "+out) {
				t.Errorf("export --format %s --out %s: exit %d, %q", format, out, r.code, r.stderr)
			}
		}
	}
	for f, data := range before {
		if after, _ := os.ReadFile(f); !bytes.Equal(after, data) {
			t.Errorf("%s changed", f)
		}
	}
	if _, err := os.Stat(db + "-journal"); !os.IsNotExist(err) {
		t.Errorf("a -journal file was written: %v", err)
	}
	// The research file still opens with its work in it.
	if r := run(t, db, "export", "--format", "csv"); r.code != cli.ExitOK || !strings.Contains(r.stdout, "Paul Manafort") {
		t.Errorf("research file damaged: %d %q", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a refused export left %s", e.Name())
		}
	}
}

// TestExportDamagedFile: export of a research file whose passage offsets lie
// past the text (it used to panic in charRange) writes what can be read,
// warns on stderr naming the damaged passage, and exits 0.
func TestExportDamagedFile(t *testing.T) {
	db := newDB(t)
	annotateForExport(t, db) // bookmarks on passages 13 and 7
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		p7 := passage(t, st, seed, 7)
		raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE passages SET end = end + 100000 WHERE id = ?`, p7.ID); err != nil {
			t.Fatal(err)
		}
	})
	for _, format := range []string{"md", "csv", "json"} {
		out := filepath.Join(t.TempDir(), "x."+format)
		for _, args := range [][]string{{"export", "--format", format}, {"export", "--format", format, "--out", out}} {
			r := run(t, db, args...)
			if r.code != cli.ExitOK || !strings.Contains(r.stderr, "warning: damaged research file: passage 7 of “"+seedTitle+"” lies outside the document") {
				t.Errorf("%q: exit %d, %q", args, r.code, r.stderr)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil || !bytes.Contains(data, []byte("Manafort")) {
			t.Errorf("--out %s: %v\n%.300s", out, err, data)
		}
	}
}

// TestTerminalEscapes: control characters in titles, passages and tag
// names reach the terminal escaped, never raw, in docs, search and tags;
// JSON output keeps them exactly (escaped by the encoder).
func TestTerminalEscapes(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	evil := filepath.Join(dir, "evil.md")
	title := "Evil \x1b]0;pwned\x07 title\x1b[31m"
	body := "The kumquat \x1b[2J report\u009b6n was \x07filed\x7f here.\r\n"
	padding := "\n" + strings.Repeat("An ordinary paragraph, so the file is mostly text. ", 20) + "\n"
	if err := os.WriteFile(evil, []byte("# "+title+"\n\n"+body+padding), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "import", evil); r.code != cli.ExitOK {
		t.Fatalf("import: %s %s", r.stdout, r.stderr)
	}
	titleAsOfOld(t, db, "evil.md", title)
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		if _, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Blink\x1b[5m\u009b Man"}); err != nil {
			t.Fatal(err)
		}
	})
	raw := func(s string) bool { return strings.ContainsAny(s, "\x1b\x07\x7f\u009b\u0085\r") }
	for _, args := range [][]string{{"docs"}, {"search", "kumquat"}, {"tags"}} {
		r := run(t, db, args...)
		if r.code != cli.ExitOK || raw(r.stdout) || raw(r.stderr) {
			t.Errorf("%q printed control characters raw: %q", args, r.stdout)
		}
	}
	if r := run(t, db, "docs"); !strings.Contains(r.stdout, `Evil \x1b]0;pwned\x07 title\x1b[31m`) {
		t.Errorf("docs does not show the escapes visibly:\n%s", r.stdout)
	}
	if r := run(t, db, "search", "kumquat"); !strings.Contains(r.stdout, `[kumquat] \x1b[2J report\u009b6n was \x07filed\x7f here.`) {
		t.Errorf("search does not show the escapes visibly:\n%s", r.stdout)
	}
	if r := run(t, db, "tags"); !strings.Contains(r.stdout, `Blink\x1b[5m\u009b Man`) {
		t.Errorf("tags does not show the escapes visibly:\n%s", r.stdout)
	}
	// JSON stays exact.
	docs := docsJSON(t, db)
	found := false
	for _, d := range docs {
		found = found || d.Title == title
	}
	if !found {
		t.Errorf("docs --json lost the exact title: %+v", docs)
	}
	if res := searchJSONOut(t, db, "kumquat"); len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Text, "\x1b[2J report\u009b6n was \x07filed\x7f") {
		t.Errorf("search --json lost the exact text: %+v", res.Hits)
	}
	if tags := tagsJSON(t, db); tags["actor/Blink\x1b[5m\u009b Man"].Name == "" {
		t.Errorf("tags --json lost the exact name")
	}
}

// A right-to-left override in a title reordered the rest of the line in
// `docs` and `search` (the import line already showed it as \u202e);
// Arabic text itself is printed as it is, and JSON stays exact.
func TestHumanOutputEscapesBidiOverrides(t *testing.T) {
	db := newDB(t)
	evil := filepath.Join(t.TempDir(), "rtl.md")
	title := "Invoice \u202efdp.exe\u202c \u2067isolated\u2069"
	body := "The kumquat report in Arabic: مرحبا بالعالم, with \u202eoverride\u202c.\n"
	if err := os.WriteFile(evil, []byte("# "+title+"\n\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "import", evil); r.code != cli.ExitOK {
		t.Fatalf("import: %s %s", r.stdout, r.stderr)
	}
	raw := func(s string) bool {
		return strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
	}
	for _, args := range [][]string{{"docs"}, {"search", "kumquat"}} {
		r := run(t, db, args...)
		if r.code != cli.ExitOK || raw(r.stdout) || !strings.Contains(r.stdout, `\u202e`) {
			t.Errorf("%q printed bidi controls raw or dropped them: %q", args, r.stdout)
		}
		if args[0] == "search" && !strings.Contains(r.stdout, "مرحبا بالعالم") {
			t.Errorf("search mangled Arabic text: %q", r.stdout)
		}
	}
	found := false
	for _, d := range docsJSON(t, db) {
		found = found || d.Title == title
	}
	if !found {
		t.Errorf("docs --json lost the exact title")
	}
}

// `docs --rename` and `--delete` printed the document's title (from an
// imported, possibly hostile, file) raw in their confirmation line.
func TestDocsChangeConfirmationsEscapeTitles(t *testing.T) {
	db := newDB(t)
	evil := filepath.Join(t.TempDir(), "evil.md")
	title := "Evil \x1b]0;pwned\x07 \u202etitle"
	if err := os.WriteFile(evil, []byte("# "+title+"\n\nThe kumquat report.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "import", evil); r.code != cli.ExitOK {
		t.Fatalf("import: %s %s", r.stdout, r.stderr)
	}
	titleAsOfOld(t, db, "evil.md", title)
	var id int64
	for _, d := range docsJSON(t, db) {
		if d.Title == title {
			id = d.ID
		}
	}
	if id == 0 {
		t.Fatal("imported document not found")
	}
	raw := func(s string) bool { return strings.ContainsAny(s, "\x1b\x07\u202e") }
	r := run(t, db, "docs", "--rename", fmt.Sprint(id), "New \x1b[31mname")
	// The new title is stored without its control characters (as
	// Document details leaves them out); the old one is printed escaped.
	if r.code != cli.ExitOK || raw(r.stdout) || !strings.Contains(r.stdout, `Evil \x1b]0;pwned\x07 \u202etitle`) || !strings.Contains(r.stdout, `to “New [31mname”`) {
		t.Errorf("rename printed %q", r.stdout)
	}
	r = run(t, db, "docs", "--delete", fmt.Sprint(id))
	if r.code != cli.ExitOK || raw(r.stdout) || !strings.Contains(r.stdout, `“New [31mname”`) {
		t.Errorf("delete printed %q", r.stdout)
	}
}

// titleAsOfOld gives the document imported from file the title as an
// earlier Dossier kept it, control characters and all: an import now
// leaves them out of titles (hostile data pass data10), and what the
// command line prints of a file made before must still be escaped.
func titleAsOfOld(t *testing.T, db, file, title string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if r, err := raw.Exec(`UPDATE documents SET title = ? WHERE file_name = ?`, title, file); err != nil {
		t.Fatal(err)
	} else if n, _ := r.RowsAffected(); n != 1 {
		t.Fatalf("no document imported from %s", file)
	}
}
