package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// craftDamage bookmarks and tags passages of the seed article, then damages
// the file with raw SQL as a crafted or corrupted file could be (checks and
// foreign keys off): passage 2 ends past the text, passage 3 ends before it
// starts, passage 4 starts before 0, passage 5 belongs to no document, a
// bookmark span and a tag span lie outside their passages, and a document
// tagging names a missing document. Passage 1 stays sound.
func craftDamage(t *testing.T, s *store.Store, seed int64) {
	t.Helper()
	ctx := context.Background()
	tag, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Crafted Person"})
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 5; n++ {
		p := passageAt(t, s, seed, n)
		if _, err := s.AddBookmark(ctx, p.ID, nil, "note on passage "+string(rune('0'+n))); err != nil {
			t.Fatal(err)
		}
		if err := s.TagPassage(ctx, p.ID, tag.ID, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.TagDocument(ctx, seed, tag.ID); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, s.Path())
	db.SetMaxOpenConns(1) // the pragma below is per connection
	id := func(n int) int64 { return passageAt(t, s, seed, n).ID }
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`PRAGMA ignore_check_constraints = 1`, nil},
		{`UPDATE passages SET end = end + 1000000 WHERE id = ?`, []any{id(2)}},
		{`UPDATE passages SET start = end + 5 WHERE id = ?`, []any{id(3)}},
		{`UPDATE passages SET start = -40 WHERE id = ?`, []any{id(4)}},
		{`UPDATE passages SET document_id = 424242 WHERE id = ?`, []any{id(5)}},
		{`UPDATE bookmarks SET span_start = 5, span_end = 99999 WHERE passage_id = ?`, []any{id(1)}},
		{`UPDATE passage_tags SET span_start = -3, span_end = 99999 WHERE passage_id = ?`, []any{id(1)}},
		{`INSERT INTO document_tags (document_id, tag_id, created_at) VALUES (777, ?, '2024-01-01T00:00:00Z')`, []any{tag.ID}},
	} {
		if _, err := db.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
}

// TestDamagedOffsetsNeverPanic: exports of a file whose passage offsets lie
// past the text (which crashed charRange) write what can be read and report
// each damaged passage; the reader's calls and listings do not panic, and
// the reader is told which passages are damaged.
func TestDamagedOffsetsNeverPanic(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	craftDamage(t, s, seed)

	exports := map[string]func(context.Context, *bytes.Buffer) error{
		"md":   func(ctx context.Context, b *bytes.Buffer) error { return s.ExportMarkdown(ctx, b, "") },
		"csv":  func(ctx context.Context, b *bytes.Buffer) error { return s.ExportCSV(ctx, b, "") },
		"json": func(ctx context.Context, b *bytes.Buffer) error { return s.ExportJSON(ctx, b, "") },
		"md query": func(ctx context.Context, b *bytes.Buffer) error {
			return s.ExportMarkdown(ctx, b, `actor:"Crafted Person"`)
		},
	}
	for name, export := range exports {
		var buf bytes.Buffer
		err := export(ctx, &buf)
		var problems *store.ExportProblems
		if !errors.As(err, &problems) {
			t.Errorf("%s: error %v; want *store.ExportProblems", name, err)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"passage 2 of “" + seedTitle + "” lies outside the document",
			"passage 3 of", "passage 4 of", "passage 5 belongs to no document"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: problems %q lack %q", name, msg, want)
			}
		}
		out := buf.String()
		if !strings.Contains(out, "note on passage 1") {
			t.Errorf("%s: the sound bookmark is missing:\n%.600s", name, out)
		}
		leftOut := !strings.HasPrefix(name, "json")
		if strings.Contains(out, "note on passage 2") == leftOut {
			t.Errorf("%s: damaged passage 2's bookmark: left out should be %v", name, leftOut)
		}
		if strings.Contains(out, "note on passage 5") {
			t.Errorf("%s: a bookmark on a passage of no document was exported", name)
		}
	}

	// Opening the document, as the reader does.
	doc, err := s.Document(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Passages(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: seed})
	if err != nil {
		t.Fatal(err)
	}
	problems := store.PassageProblems(doc, rd.Text, ps)
	if len(problems) != 3 || !strings.Contains(strings.Join(problems, "\n"), "passage 2 of") {
		t.Errorf("PassageProblems = %q; want passages 2, 3 and 4", problems)
	}
	if _, err := s.DocumentMatches(ctx, seed, "trump"); err != nil {
		t.Error(err)
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bms {
		_ = b.Quote() // the span past the passage falls back to the passage
	}
	tag := tagNamed(t, s, store.FamilyActor, "Crafted Person")
	hits, err := s.TagPassages(ctx, tag.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		for _, r := range h.SnippetRanges {
			if r.Start < 0 || r.End > len(h.Snippet) || r.Start >= r.End {
				t.Errorf("TagPassages: snippet range %v outside %q", r, h.Snippet)
			}
		}
	}
	if _, err := s.Search(ctx, store.SearchRequest{Query: "trump", Limit: 50}); err != nil {
		t.Error(err)
	}
}

// A research file whose header is damaged (a field no SQLite writes) is
// refused as damaged before SQLite reads it, with the ways out, and one
// that SQLite cannot read past its header ("malformed") the same, rather
// than with SQLite's "file is not a database (26)"; the file is left as it
// was, and the read-only path and the check say the same.
func TestOpenCallsAnUnreadableFileDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	importText(t, s, "note.txt", "A passage about the committee.\n")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sound := readFile(t, path)
	for _, c := range []struct {
		name   string
		offset int
		bytes  []byte
		says   string
		// a read-only open reads only the header, and shows what it can
		readOnlyOpens bool
	}{
		{"page size", 16, []byte{0x12, 0x34}, "its header's page size reads 4660", false},
		{"format versions", 18, []byte{7, 7}, "its header's format versions read 7 and 7", false},
		{"payload fractions", 21, []byte{0}, "its header's payload fractions are not SQLite's", false},
		{"first page", 100, []byte{0xff}, "SQLite cannot read it: database disk image is malformed", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := bytes.Clone(sound)
			copy(data[c.offset:], c.bytes)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, open := range []struct {
				name string
				fn   func(string) (*store.Store, error)
			}{
				{"Open", store.Open},
				{"OpenReadOnly", func(p string) (*store.Store, error) { return store.OpenReadOnly(p, "checking") }},
			} {
				st, err := open.fn(path)
				if err == nil && c.readOnlyOpens && open.name == "OpenReadOnly" {
					st.Close()
					assertUntouched(t, path, data)
					continue
				}
				if err == nil {
					st.Close()
					t.Fatalf("%s: opened a damaged file", open.name)
				}
				if !errors.Is(err, store.ErrDamaged) {
					t.Errorf("%s: %v is not ErrDamaged", open.name, err)
				}
				msg := err.Error()
				for _, want := range []string{"is damaged (" + c.says + ")", "restore a backup", "dossier recover"} {
					if !strings.Contains(msg, want) {
						t.Errorf("%s: %q does not say %q", open.name, msg, want)
					}
				}
				if strings.Contains(msg, "(26)") || strings.Contains(msg, "(11)") {
					t.Errorf("%s: %q shows SQLite's error code", open.name, msg)
				}
				assertUntouched(t, path, data)
			}
			problems, err := store.CheckFile(context.Background(), path)
			says := strings.TrimPrefix(c.says, "SQLite cannot read it: ") // the check's own words
			if err != nil || len(problems) != 1 || !strings.Contains(problems[0], says) || strings.Contains(problems[0], "(11)") {
				t.Errorf("CheckFile = %q, %v; want %q", problems, err, says)
			}
			assertUntouched(t, path, data)
		})
	}
}

// Recovering a file whose header is damaged reads it through a copy with
// SQLite's values put back (the page size found by trying), and recovers
// every row; the damaged file is only read, and the copy is removed.
func TestRecoverReadsPastADamagedHeader(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir()) // where the repaired copy goes, to see it removed
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, doc := mustSeed(t)
	want, err := s.Passages(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data := readFile(t, s.Path())
	data[16], data[17] = 0x12, 0x34 // the page size
	data[21] = 0                    // and the payload fractions
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.String(), "page size reads 4660") || !strings.Contains(rep.String(), "page size 4096") {
		t.Errorf("report %q does not say how the header was read", rep)
	}
	if rep.Skipped() != 0 {
		t.Errorf("report %q: rows skipped", rep)
	}
	assertUntouched(t, path, data)
	if left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "dossier-recover-*")); len(left) != 0 {
		t.Errorf("the repaired copy was left: %v", left)
	}
	r := mustOpenAt(t, out)
	if p, err := r.Check(ctx); err != nil || len(p) != 0 {
		t.Fatalf("recovered file: %q %v", p, err)
	}
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("recovered documents %v, %v", docs, err)
	}
	got, err := r.Passages(ctx, docs[0].ID)
	if err != nil || len(got) != len(want) || got[len(got)-1].Text != want[len(want)-1].Text {
		t.Errorf("recovered %d passages (%v), want %d", len(got), err, len(want))
	}
}

// A header whose page size is one SQLite writes, but not the file's (8192
// for a file of 4096-byte pages): opening it is refused as damaged, saying
// which page size the file holds, and recovery reads it with that size and
// recovers every row.
func TestWrongButValidPageSizeIsFoundAndRecovered(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "research.dossier")
	s, doc := mustSeed(t)
	want, err := s.Passages(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data := readFile(t, s.Path())
	if data[16] != 0x10 || data[17] != 0 {
		t.Fatalf("the seeded file's pages are not 4096 bytes: %x", data[16:18])
	}
	data[16] = 0x20 // 8192: a size SQLite writes
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(path)
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "page size reads 8192, but it holds the") ||
		!strings.Contains(err.Error(), "pages its header counts of 4096 bytes") {
		t.Errorf("Open: %v; want it called damaged, with the page size the file holds", err)
	}
	assertUntouched(t, path, data)

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	rep, err := store.Recover(ctx, path, out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.String(), "page size 4096") || rep.Skipped() != 0 {
		t.Errorf("report %q: want every row, read with page size 4096", rep)
	}
	assertUntouched(t, path, data)
	r := mustOpenAt(t, out)
	docs, err := r.Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("recovered documents %v, %v", docs, err)
	}
	if got, err := r.Passages(ctx, docs[0].ID); err != nil || len(got) != len(want) {
		t.Errorf("recovered %d passages (%v), want %d", len(got), err, len(want))
	}
}
