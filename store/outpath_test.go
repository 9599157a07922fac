package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dossier/store"
)

// TestCheckOutputRefusesResearchFiles: no spelling of the open research file
// or its side files, and no other Dossier research file, may be written
// over; ordinary outputs may.
func TestCheckOutputRefusesResearchFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.dossier")
	s := mustOpenAt(t, db) // WAL mode: -wal and -shm exist while it is open
	if _, err := s.Stats(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + side); err != nil {
			t.Fatalf("expected %s to exist while open: %v", side, err)
		}
	}
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close() // checkpointed: its header carries the 'DOSS' mark
	disguised := filepath.Join(dir, "findings.csv")
	data, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(disguised, data, 0o644); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(db, filepath.Join(dir, "link.csv")))
	must(os.Link(db, filepath.Join(dir, "hard.csv")))
	must(os.Symlink(db+"-journal", filepath.Join(dir, "dangling.md"))) // the journal does not exist
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))

	refused := map[string]string{
		db: "the research file in use",
		filepath.Join(dir, "sub", "..", "r.dossier"): "the research file in use",
		filepath.Join(dir, "link.csv"):               "the research file in use",
		filepath.Join(dir, "hard.csv"):               "the research file in use",
		db + "-wal":                                  "write-ahead log",
		db + "-shm":                                  "shared-memory index",
		db + "-journal":                              "rollback journal", // not there yet: by resolved path
		filepath.Join(dir, "dangling.md"):            "rollback journal",
		other:                                        "a Dossier research file",
		disguised:                                    "a Dossier research file",
	}
	for out, why := range refused {
		err := s.CheckOutput(out)
		if !errors.Is(err, store.ErrProtectedFile) || !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), why) {
			t.Errorf("CheckOutput(%s) = %v; want a refusal naming it and %q", out, err, why)
		}
	}
	// Relative spellings too.
	t.Chdir(dir)
	if err := s.CheckOutput("r.dossier"); !errors.Is(err, store.ErrProtectedFile) {
		t.Errorf("relative path: %v", err)
	}

	plain := filepath.Join(dir, "notes.md")
	must(os.WriteFile(plain, []byte("# old export\n"), 0o644))
	for _, ok := range []string{plain, filepath.Join(dir, "new.csv"), filepath.Join(dir, "r.dossier.csv")} {
		if err := s.CheckOutput(ok); err != nil {
			t.Errorf("CheckOutput(%s) = %v; want nil", ok, err)
		}
	}
}

// A research file whose header lost Dossier's mark (which `dossier recover`
// reads whole) is no place for an export either, nor is any other SQLite
// database (found by a hostile pass: an export replaced one).
func TestCheckOutputRefusesAResearchFileThatLostItsMark(t *testing.T) {
	s, _ := mustSeed(t)
	dir := t.TempDir()
	copyOf := filepath.Join(dir, "damaged.dossier")
	if err := s.Backup(context.Background(), copyOf); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(copyOf, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(make([]byte, 40), 60) // the application id among them
	f.Close()
	if err := store.CheckOutput(s.Path(), copyOf); !errors.Is(err, store.ErrProtectedFile) {
		t.Errorf("an export over a research file without its mark: %v, want a refusal", err)
	}
	text := filepath.Join(dir, "notes.md")
	os.WriteFile(text, []byte("# old notes\n"), 0o644)
	if err := store.CheckOutput(s.Path(), text); err != nil {
		t.Errorf("an export over a Markdown file: %v, want it allowed", err)
	}
}

// A new research file named through a missing folder and "..", or through
// a file as a folder, is refused as the system refuses it: tidied, the
// file (and the missing folder) were made (found by a hostile pass).
func TestOpenRefusesANameTheSystemRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the system tidies such names there")
	}
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("keep"), 0o644)
	for _, name := range []string{
		dir + "/nodir/../x.dossier", // not Join: it tidies the ".." away
		notes + "/../x.dossier",
	} {
		s, err := store.Open(name)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded, want a refusal", name)
			continue
		}
		if !strings.Contains(err.Error(), "no such file") && !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("Open(%s) = %v, want the system's reason", name, err)
		}
	}
	for _, made := range []string{"x.dossier", "nodir"} {
		if _, err := os.Lstat(filepath.Join(dir, made)); err == nil {
			t.Errorf("%s was made", made)
		}
	}
}

// A file made read-only is not replaced by an export: the rename into
// place went past the protection any other write meets, and a report kept
// read-only was replaced without a word (a hostile data pass). Through a
// link too; a writable file is replaced as before.
func TestCheckOutputRefusesAReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenAt(t, filepath.Join(dir, "r.dossier"))
	kept := filepath.Join(dir, "final report.md")
	if err := os.WriteFile(kept, []byte("the final report\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.md")
	if err := os.Symlink(kept, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{kept, link} {
		err := s.CheckOutput(out)
		if !errors.Is(err, store.ErrProtectedFile) || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("CheckOutput(%s) = %v; want it refused as read-only", filepath.Base(out), err)
		}
	}
	if got, _ := os.ReadFile(kept); string(got) != "the final report\n" {
		t.Errorf("the read-only file now holds %q", got)
	}
	writable := filepath.Join(dir, "draft.md")
	if err := os.WriteFile(writable, []byte("draft\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckOutput(writable); err != nil {
		t.Errorf("a writable file is refused: %v", err)
	}
}
