package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/assets"
	"dossier/store"
	"dossier/store/ingest"

	_ "modernc.org/sqlite"
)

// seedTitle is the headline of the built-in article.
const seedTitle = "Russian interference in 2020 included influencing Trump associates"

// muellerPath is the shared corpus, reached from the package directory
// (/work/main/store -> /work/shared/corpus).
var muellerPath = filepath.Join("..", "..", "shared", "corpus", "mueller-report.txt")

// mustOpen opens a store on a fresh file in a temporary folder (never
// :memory:, so that WAL, file headers and reopening are exercised as in use).
func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	return mustOpenAt(t, filepath.Join(t.TempDir(), "research.dossier"))
}

func mustOpenAt(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustSeed opens a store holding the built-in article and returns it with
// the article's document id.
func mustSeed(t testing.TB) (*store.Store, int64) {
	t.Helper()
	s := mustOpen(t)
	ctx := context.Background()
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatalf("EnsureDefaultCorpus: %v", err)
	}
	docs, err := s.Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Documents after seeding: %v, %v", docs, err)
	}
	return s, docs[0].ID
}

// importText writes content to dir/name and imports it.
func importText(t testing.TB, s *store.Store, name, content string) store.ImportResult {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportFile(context.Background(), path)
	if err != nil {
		t.Fatalf("ImportFile(%s): %v", name, err)
	}
	return res
}

// checkStoredOffsets verifies a stored document: every passage is exactly
// text[start:end], ordinals run 1..n, passages are in order, do not overlap
// and fit in MaxPassageLen.
func checkStoredOffsets(t testing.TB, s *store.Store, docID int64) []store.Passage {
	t.Helper()
	ctx := context.Background()
	text, err := s.DocumentText(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Passages(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 {
		t.Fatalf("document %d has no passages", docID)
	}
	prevEnd := 0
	for i, p := range ps {
		if p.Ordinal != i+1 {
			t.Errorf("passage %d has ordinal %d", i+1, p.Ordinal)
		}
		if p.Start < prevEnd || p.End <= p.Start || p.End > len(text) {
			t.Fatalf("passage %d [%d,%d) out of order or out of range (previous end %d, text %d bytes)",
				p.Ordinal, p.Start, p.End, prevEnd, len(text))
		}
		if got := text[p.Start:p.End]; got != p.Text {
			t.Fatalf("passage %d: text[%d:%d] = %q, passage text %q", p.Ordinal, p.Start, p.End, clip(got), clip(p.Text))
		}
		if len(p.Text) > ingest.MaxPassageLen {
			t.Errorf("passage %d is %d bytes, over MaxPassageLen %d", p.Ordinal, len(p.Text), ingest.MaxPassageLen)
		}
		if strings.TrimSpace(p.Text) != p.Text {
			t.Errorf("passage %d has surrounding white space: %q", p.Ordinal, clip(p.Text))
		}
		prevEnd = p.End
	}
	return ps
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:60] + "…" + s[len(s)-60:]
	}
	return s
}

// rawDB opens the research file directly, bypassing the store, for checks
// the store API does not offer (pragmas, FTS5 commands).
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ftsIntegrity runs FTS5's own consistency check of the index against the
// content table.
func ftsIntegrity(t testing.TB, path string) {
	t.Helper()
	db := rawDB(t, path)
	if _, err := db.Exec(`INSERT INTO passages_fts(passages_fts) VALUES('integrity-check')`); err != nil {
		t.Fatalf("FTS5 integrity-check: %v", err)
	}
	// Every indexed row has a docsize entry: it must match the passages.
	var indexed, passages int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM passages_fts_docsize), (SELECT count(*) FROM passages)`).
		Scan(&indexed, &passages); err != nil {
		t.Fatal(err)
	}
	if indexed != passages {
		t.Fatalf("FTS index holds %d rows, passages table %d", indexed, passages)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertUntouched checks a refused file kept its bytes and grew no
// SQLite side files.
func assertUntouched(t testing.TB, path string, before []byte) {
	t.Helper()
	if after := readFile(t, path); !bytes.Equal(before, after) {
		t.Errorf("%s was modified (%d bytes before, %d after)", path, len(before), len(after))
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s%s was created", path, suffix)
		}
	}
}

// wholeTextSQL stores every document's text whole in its row, as Dossier
// did before migration 0011 (and still reads): the passages' leads are
// emptied, the text they held moves into documents.text, and the row has
// no deflated copy.
const wholeTextSQL = `UPDATE documents SET text = coalesce((SELECT group_concat(lead || text, '' ORDER BY ordinal)
		FROM passages WHERE document_id = documents.id), '') || text, text_length = NULL, text_z = NULL WHERE text_length IS NOT NULL;
	UPDATE passages SET lead = '' WHERE lead <> ''`

// storeTextsWhole turns the closed research file's documents into the
// form an older Dossier wrote (see wholeTextSQL).
func storeTextsWhole(t testing.TB, path string) {
	t.Helper()
	db := rawDB(t, path)
	if _, err := db.Exec(wholeTextSQL); err != nil {
		t.Fatalf("storing texts whole: %v", err)
	}
	db.Close()
}

// queryLines runs q on db and renders each row as one line ("%v" of its
// values), in the order q gives them.
func queryLines(t testing.TB, db *sql.DB, q string) (cols, lines []string) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ = rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%v", vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, lines
}

// walWhileOpen opens the research file at path, runs change on it (if
// not nil), and returns its -wal and -shm as they are while it is open,
// as a crash leaves them; the file is closed after. It fails t if there
// is no -wal.
func walWhileOpen(t testing.TB, path string, change func(*store.Store)) (wal, shm []byte) {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer s.Close()
	if change != nil {
		change(s)
	}
	wal, err = os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal beside %s while it is open: %v", filepath.Base(path), err)
	}
	shm, _ = os.ReadFile(path + "-shm")
	return wal, shm
}

// walOfARetitle is walWhileOpen of a change that gives the research
// file's one document the title title.
func walOfARetitle(t testing.TB, path, title string) (wal, shm []byte) {
	t.Helper()
	return walWhileOpen(t, path, func(s *store.Store) {
		t.Helper()
		ctx := context.Background()
		docs, err := s.Documents(ctx)
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s's documents: %+v, %v", filepath.Base(path), docs, err)
		}
		if err := s.SetDocumentTitle(ctx, docs[0].ID, title); err != nil {
			t.Fatal(err)
		}
	})
}

// putWAL puts file (if not nil) at path and wal beside it, with no -shm:
// as a crash leaves them.
func putWAL(t testing.TB, path string, file, wal []byte) {
	t.Helper()
	if file != nil {
		if err := os.WriteFile(path, file, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path+"-wal", wal, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-shm")
}

// oneDocumentTitled fails t unless s holds one document, titled title;
// what names the case.
func oneDocumentTitled(t testing.TB, s *store.Store, title, what string) {
	t.Helper()
	if docs, err := s.Documents(context.Background()); err != nil || len(docs) != 1 || docs[0].Title != title {
		t.Errorf("%s: %+v, %v; want one document, %q", what, docs, err, title)
	}
}

// opensTitled opens the research file at path, fails t unless it holds
// one document titled title (what names the case), and closes it.
func opensTitled(t testing.TB, path, title, what string) {
	t.Helper()
	s := mustOpenAt(t, path)
	defer s.Close()
	oneDocumentTitled(t, s, title, what)
}

// refused fails t unless open refuses the research file at path with an
// error that is want (named wantName in the messages; what names the
// case). It returns the refusal: nil if the file opened (it is closed
// again, its documents listed in the message).
func refused(t testing.TB, open func(string) (*store.Store, error), path string, want error, wantName, what string) error {
	t.Helper()
	s, err := open(path)
	if s != nil {
		docs, _ := s.Documents(context.Background())
		s.Close()
		t.Errorf("%s: opened, documents %+v; want %s", what, docs, wantName)
		return nil
	}
	if !errors.Is(err, want) {
		t.Errorf("%s: %v; want %s", what, err, wantName)
	}
	return err
}
