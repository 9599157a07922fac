package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dossier/assets"
	"dossier/store"
)

// migrationCount counts the schema migrations shipped in the package.
func migrationCount(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no migrations found")
	}
	return n
}

func pragmas(t *testing.T, path string) (appID, userVersion int64) {
	t.Helper()
	db := rawDB(t, path)
	if err := db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)`).
		Scan(&appID, &userVersion); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return appID, userVersion
}

func TestOpenCreatesMarkedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "research.dossier") // folders are created
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != migrationCount(t) {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, migrationCount(t))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	appID, userVersion := pragmas(t, path)
	if store.ApplicationID != 0x444F5353 || appID != store.ApplicationID {
		t.Errorf("application_id = %#x, want 0x444F5353", appID)
	}
	if int(userVersion) != migrationCount(t) {
		t.Errorf("user_version = %d, want %d (the number of migrations)", userVersion, migrationCount(t))
	}
	// The header on disk says so too (it is what checkExisting reads).
	h := readFile(t, path)[:100]
	if string(h[:16]) != "SQLite format 3\x00" || string(h[68:72]) != "DOSS" {
		t.Errorf("header: magic %q, application id bytes %q", h[:16], h[68:72])
	}

	// Reopening is fine, keeps the data and does not migrate again.
	s = mustOpenAt(t, path)
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = mustOpenAt(t, path)
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 1 || st.Passages == 0 {
		t.Errorf("after reopen: %+v, %v", st, err)
	}
	if v, _ := s.SchemaVersion(ctx); v != migrationCount(t) {
		t.Errorf("after reopen: schema version %d", v)
	}
}

// An empty (0-byte) file, e.g. made by a file dialog, becomes a research file.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.dossier")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustOpenAt(t, path)
	s.Close()
	if appID, v := pragmas(t, path); appID != store.ApplicationID || int(v) != migrationCount(t) {
		t.Errorf("application_id %#x, user_version %d", appID, v)
	}
}

func TestOpenRefusesNonSQLite(t *testing.T) {
	rnd := make([]byte, 8192)
	rand.New(rand.NewSource(1)).Read(rnd)
	cases := map[string][]byte{
		"random bytes":         rnd,
		"text":                 []byte(strings.Repeat("These are my notes, not a database.\n", 50)),
		"short text":           []byte("hello\n"),
		"truncated sqlite":     []byte("SQLite format 3\x00 and then nothing"),
		"almost sqlite header": append([]byte("SQLite format 4\x00"), make([]byte, 4080)...),
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "notes.dossier")
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a file that is not SQLite")
			}
			if !errors.Is(err, store.ErrNotDossier) {
				t.Errorf("error %v does not wrap ErrNotDossier", err)
			}
			if !strings.Contains(err.Error(), "not a SQLite database") || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name the file and say it is not a SQLite database", err)
			}
			assertUntouched(t, path, content)
		})
	}
}

// makeForeignDB creates a SQLite database of "another application".
func makeForeignDB(t *testing.T, path string, pragma string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)`,
		`INSERT INTO contacts (name) VALUES ('Ada'), ('Grace')`,
	}
	if pragma != "" {
		stmts = append(stmts, pragma)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesOtherApplications(t *testing.T) {
	cases := []struct{ name, pragma, want string }{
		{"plain tables", "", "another application"},
		{"own application_id", "PRAGMA application_id = 305419896", "another application"},
		{"own user_version", "PRAGMA user_version = 3", "another application"},
		// Regression: the read-only probe of a WAL-mode database created
		// -wal and -shm files next to it.
		{"WAL mode", "PRAGMA journal_mode = WAL", "another application"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "contacts.db")
			makeForeignDB(t, path, c.pragma)
			before := readFile(t, path)
			assertUntouched(t, path, before) // no side files to start with
			s, err := store.Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted another application's database")
			}
			if !errors.Is(err, store.ErrNotDossier) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q: want ErrNotDossier naming the file and saying %q", err, c.want)
			}
			assertUntouched(t, path, before)
			// Its data is still there.
			var n int
			if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM contacts`).Scan(&n); err != nil || n != 2 {
				t.Errorf("contacts: %d rows, %v", n, err)
			}
		})
	}
}

func TestOpenRefusesNewerDossier(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.dossier")
	s := mustOpenAt(t, path)
	s.Close()
	future := migrationCount(t) + 7
	db := rawDB(t, path)
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, future)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := readFile(t, path)

	s, err := store.Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a file from a newer Dossier")
	}
	msg := err.Error()
	if !strings.Contains(msg, "newer Dossier") || !strings.Contains(msg, fmt.Sprint(future)) || !strings.Contains(msg, path) {
		t.Errorf("error %q should name the file and say a newer Dossier (schema %d) wrote it", msg, future)
	}
	if errors.Is(err, store.ErrNotDossier) {
		t.Errorf("a newer Dossier file is still a Dossier file; got %v", err)
	}
	assertUntouched(t, path, before)
}

// Regression: a research file that another process (the window) holds open
// has its schema in the WAL, not yet in the main file's header, which still
// reads application_id 0 / user_version 0. Opening it a second time (the
// CLI while the window runs) was refused as "another application".
func TestOpenWhileOpenElsewhere(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	first := mustOpenAt(t, path)
	if err := first.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	second, err := store.Open(path)
	if err != nil {
		t.Fatalf("second Open while the first is open: %v", err)
	}
	defer second.Close()
	st, err := second.Stats(ctx)
	if err != nil || st.Documents != 1 {
		t.Errorf("second store sees %+v, %v", st, err)
	}
	// The second store must not re-import the seed either.
	if err := second.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	if st, _ := first.Stats(ctx); st.Documents != 1 {
		t.Errorf("documents after second EnsureDefaultCorpus: %d", st.Documents)
	}

	// The same stale header must not hide a newer schema version.
	db := rawDB(t, path)
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	if s, err := store.Open(path); err == nil {
		s.Close()
		t.Fatal("Open accepted user_version 99 while the file is open elsewhere")
	} else if !strings.Contains(err.Error(), "newer Dossier") {
		t.Errorf("error %q should say a newer Dossier wrote the file", err)
	}
}

// A research file left by a crash (a -wal file with every commit, a main
// file still at application_id 0) opens with its data.
func TestOpenAfterCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	live := mustOpenAt(t, path)
	if err := live.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	// Snapshot the files as a crash would leave them (no -shm: it is
	// rebuilt from the WAL).
	crashed := filepath.Join(t.TempDir(), "crashed.dossier")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatalf("%s%s: %v", path, suffix, err)
		}
		if err := os.WriteFile(crashed+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := mustOpenAt(t, crashed)
	if st, err := s.Stats(ctx); err != nil || st.Documents != 1 || st.Passages != 19 {
		t.Errorf("after crash: %+v, %v", st, err)
	}
}

func TestOpenFolderIsAnError(t *testing.T) {
	dir := t.TempDir()
	s, err := store.Open(dir)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a folder")
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q should name the path", err)
	}
}

func TestEnsureDefaultCorpus(t *testing.T) {
	ctx := context.Background()
	s, id := mustSeed(t)
	d, err := s.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != seedTitle {
		t.Errorf("Title = %q, want the headline %q", d.Title, seedTitle)
	}
	if d.Source != "Reuters" {
		t.Errorf("Source = %q, want Reuters", d.Source)
	}
	if d.PhotoCredit != "Reuters / Carlos Barria" {
		t.Errorf("PhotoCredit = %q, want %q", d.PhotoCredit, "Reuters / Carlos Barria")
	}
	if d.FileName != assets.SeedArticleName || d.Format != "text" || len(d.Hash) != 64 || d.ImportedAt.IsZero() {
		t.Errorf("metadata: %+v", d)
	}

	ps := checkStoredOffsets(t, s, id)
	if d.Passages != len(ps) {
		t.Errorf("Document.Passages = %d, Passages() returned %d", d.Passages, len(ps))
	}
	for _, p := range ps {
		if strings.Contains(p.Text, "REUTERS") || strings.Contains(p.Text, "CARLOS BARRIA") {
			t.Errorf("passage %d holds the photo credit: %q", p.Ordinal, p.Text)
		}
		if p.Text == seedTitle {
			t.Errorf("passage %d is the headline", p.Ordinal)
		}
	}

	// Every paragraph of the body is a passage, in order, verbatim: the
	// body is everything after the headline and the two credit lines.
	paras := strings.Split(strings.TrimSpace(string(assets.SeedArticle)), "\n\n")
	if paras[0] != seedTitle || !strings.Contains(paras[1], "REUTERS") || !strings.Contains(paras[2], "REUTERS") {
		t.Fatalf("unexpected seed layout: %q", paras[:3])
	}
	body := paras[3:]
	if len(ps) != len(body) {
		t.Fatalf("%d passages, %d body paragraphs", len(ps), len(body))
	}
	for i, want := range body {
		if ps[i].Text != strings.TrimSpace(want) {
			t.Errorf("passage %d = %q, want paragraph %q", i+1, clip(ps[i].Text), clip(want))
		}
	}

	// Again: nothing new.
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.Documents != 1 || st.Passages != len(body) {
		t.Errorf("after second EnsureDefaultCorpus: %+v", st)
	}

	// Deleted by the user: it stays deleted, across reopening too.
	if err := s.DeleteDocument(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	s = mustOpenAt(t, path)
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.Documents != 0 || st.Passages != 0 {
		t.Errorf("the deleted seed came back: %+v", st)
	}
}

// The embedded seed is the shared corpus file.
func TestSeedMatchesSharedCorpus(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "corpus", "seed-article.txt")
	b, err := os.ReadFile(shared)
	if err != nil {
		t.Skipf("shared corpus absent: %v", err)
	}
	if string(b) != string(assets.SeedArticle) {
		t.Error("assets/seed-article.txt differs from the shared corpus")
	}
}

// A seed that is already present (the user imported the same article
// before the seed ran) is not imported twice, and the seed is marked done.
func TestEnsureDefaultCorpusAlreadyImported(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	res := importText(t, s, "article.txt", string(assets.SeedArticle))
	if res.AlreadyPresent || res.Title != seedTitle {
		t.Fatalf("import: %+v", res)
	}
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDocument(ctx, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultCorpus(ctx, assets.SeedArticleName, assets.SeedArticle); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.Documents != 0 {
		t.Errorf("documents = %d, want 0", st.Documents)
	}
}

func TestEnsureDefaultCorpusBadData(t *testing.T) {
	s := mustOpen(t)
	err := s.EnsureDefaultCorpus(context.Background(), "seed.txt", []byte("  \n"))
	if err == nil || !strings.Contains(err.Error(), "default corpus") {
		t.Errorf("err = %v, want a default corpus error", err)
	}
	if st, _ := s.Stats(context.Background()); st.Documents != 0 {
		t.Errorf("documents = %d", st.Documents)
	}
}

func TestDocumentsAndLookups(t *testing.T) {
	ctx := context.Background()
	s, seedID := mustSeed(t)
	a := importText(t, s, "alpha.md", "# alpha notes\n\nFirst paragraph about zebras.\n")
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by title, case-insensitively: "alpha notes" before "Russian…".
	if len(docs) != 2 || docs[0].ID != a.DocumentID || docs[1].ID != seedID {
		t.Fatalf("Documents() = %+v", docs)
	}
	if docs[0].Passages != 1 || docs[0].Format != "markdown" {
		t.Errorf("alpha: %+v", docs[0])
	}
	if _, err := s.Document(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(9999): %v", err)
	}
	if _, err := s.DocumentText(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocumentText(9999): %v", err)
	}
	if _, err := s.Passage(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Passage(99999): %v", err)
	}
	if err := s.DeleteDocument(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteDocument(9999): %v", err)
	}
	ps, err := s.Passages(ctx, a.DocumentID)
	if err != nil || len(ps) != 1 {
		t.Fatal(ps, err)
	}
	p, err := s.Passage(ctx, ps[0].ID)
	if err != nil || p != ps[0] {
		t.Errorf("Passage(%d) = %+v, %v; want %+v", ps[0].ID, p, err, ps[0])
	}
}

// Concurrent readers and an importer on one store (run with -race).
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	dir := t.TempDir()
	done := make(chan error, 8)
	for i := 0; i < 4; i++ {
		go func(i int) {
			path := filepath.Join(dir, fmt.Sprintf("n%d.txt", i))
			if err := os.WriteFile(path, []byte(fmt.Sprintf("Note %d\n\nWord kumquat%d and Kilimnik.\n", i, i)), 0o644); err != nil {
				done <- err
				return
			}
			_, err := s.ImportFile(ctx, path)
			done <- err
		}(i)
		go func() {
			_, err := s.Search(ctx, store.SearchRequest{Query: "Kilimnik"})
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "Kilimnik"})
	if err != nil || res.Total != 6 {
		t.Errorf("Kilimnik after concurrent imports: %v, %v", res, err)
	}
}

// File names with URI syntax in them (the DSN is a file: URI) open the
// right file, and reopen.
func TestOpenAwkwardPaths(t *testing.T) {
	for _, name := range []string{"a b?c#d%e&f=g.dossier", "ümlaut ✓.dossier", "100%25.dossier", "file:x.dossier"} {
		dir := filepath.Join(t.TempDir(), "My Research #1")
		p := filepath.Join(dir, name)
		s := mustOpenAt(t, p)
		s.Close()
		ents, _ := os.ReadDir(dir)
		if len(ents) != 1 || ents[0].Name() != name {
			t.Errorf("%q: folder holds %v", name, ents)
		}
		s = mustOpenAt(t, p)
		if v, err := s.SchemaVersion(context.Background()); err != nil || v != migrationCount(t) {
			t.Errorf("%q reopened: version %d, %v", name, v, err)
		}
		s.Close()
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("DOSSIER_DB", "/x/y.dossier")
	if p, err := store.DefaultPath(); err != nil || p != "/x/y.dossier" {
		t.Errorf("DOSSIER_DB: %q, %v", p, err)
	}
	t.Setenv("DOSSIER_DB", "")
	p, err := store.DefaultPath()
	if err != nil || filepath.Base(p) != store.DefaultFileName || !filepath.IsAbs(p) {
		t.Errorf("default: %q, %v", p, err)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_DATA_HOME", "/data")
		if p, _ := store.DefaultPath(); p != "/data/dossier/research.dossier" {
			t.Errorf("XDG_DATA_HOME: %q", p)
		}
		// A relative XDG_DATA_HOME is ignored, as the XDG spec says: it
		// put the research file under the current folder, so started
		// from another folder Dossier showed a new, empty library (and
		// kept backups of it there); found by a hostile pass.
		t.Setenv("HOME", "/home/someone")
		t.Setenv("XDG_DATA_HOME", "data")
		if p, _ := store.DefaultPath(); p != "/home/someone/.local/share/dossier/research.dossier" {
			t.Errorf("relative XDG_DATA_HOME: %q; want it ignored", p)
		}
	}
}

// A data folder that cannot be made, for a file or a circle of links where
// it or a folder above it should be, is said in words, naming the
// obstacle and XDG_DATA_HOME (where its place comes from): backup,
// backups and restore said the system's "mkdir …: not a directory" or
// "too many levels of symbolic links", and the default research file's
// opening "open …: not a directory" (a hostile pass).
func TestADataFolderThatCannotBeMadeIsSaid(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_DATA_HOME is Linux's")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Setenv("DOSSIER_DB", "")
	for _, c := range []struct{ xdg, obstacle, is string }{
		{file, file, "is a file, not a folder"},
		{filepath.Join(file, "deeper"), file, "is a file, not a folder"},
		{loop, loop, "is a symbolic link that never reaches a folder"},
	} {
		t.Setenv("XDG_DATA_HOME", c.xdg)
		want := "the data folder " + filepath.Join(c.xdg, "dossier") + " (its place comes from XDG_DATA_HOME) cannot be made: " + c.obstacle + " " + c.is
		p, err := store.DefaultPath()
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "Set XDG_DATA_HOME to a folder (or leave it unset), or move "+c.obstacle+" away") {
			t.Errorf("XDG_DATA_HOME %s: the default research file: %v\nwant %q…", c.xdg, err, want)
		}
		if p != filepath.Join(c.xdg, "dossier", store.DefaultFileName) {
			t.Errorf("XDG_DATA_HOME %s: the default research file is said to be %q", c.xdg, p)
		}
		if _, err := store.DefaultBackupDir(filepath.Join(dir, "r.dossier")); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("XDG_DATA_HOME %s: the backups folder: %v\nwant %q…", c.xdg, err, want)
		}
	}
}

// A research file written by an older Dossier (schema 3: before bulk-import
// settings, the title index and heading passages) opens, is upgraded in
// place, and keeps every document, passage, index entry and bookmark.
func TestUpgradeFromSchema3KeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.dossier")
	db := rawDB(t, path)
	for v, name := range []string{"0001_init.sql", "0002_annotations.sql", "0003_bulk_fts_insert.sql"} {
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("BEGIN; " + string(body) + fmt.Sprintf("; PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;", store.ApplicationID, v+1)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := "Old title\n\nKilimnik met Manafort in Madrid.\n\nA second passage."
	for _, q := range []string{
		`INSERT INTO documents (id, title, content_hash, text, imported_at) VALUES (1, 'Old title', 'h1', '` + text + `', '2025-01-01T00:00:00Z')`,
		`INSERT INTO passages (id, document_id, ordinal, start, end, text) VALUES (1, 1, 1, 11, 43, 'Kilimnik met Manafort in Madrid.'), (2, 1, 2, 45, 62, 'A second passage.')`,
		`INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages`,
		`INSERT INTO bookmarks (passage_id, note, created_at, updated_at) VALUES (1, 'check the date', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s := mustOpenAt(t, path)
	ctx := context.Background()
	if v, err := s.SchemaVersion(ctx); err != nil || v != migrationCount(t) {
		t.Fatalf("after upgrade: schema %d, %v; want %d", v, err, migrationCount(t))
	}
	ps := checkStoredOffsets(t, s, 1)
	if len(ps) != 2 || ps[0].Heading || ps[1].Heading {
		t.Fatalf("passages after upgrade: %+v", ps)
	}
	res, err := s.Search(ctx, store.SearchRequest{Query: "doc:old madrid"})
	if err != nil || res.Total != 1 || res.Hits[0].PassageID != 1 {
		t.Fatalf("search after upgrade: %+v, %v", res, err)
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil || len(bms) != 1 || bms[0].Note != "check the date" {
		t.Fatalf("bookmarks after upgrade: %+v, %v", bms, err)
	}
	ftsIntegrity(t, path)
}
