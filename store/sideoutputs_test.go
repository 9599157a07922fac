package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// An output named as another database's -wal, -shm or -journal is refused:
// SQLite reads that file with the database, so an export written there
// threw away the other research file's last commits (an import it had
// reported done), and a recovery written there was deleted the next time
// the file was opened. Found by a hostile pass.
func TestOutputsRefuseAnotherDatabasesSideFiles(t *testing.T) {
	dir := t.TempDir()
	cur := mustOpenAt(t, filepath.Join(dir, "cur.dossier"))
	other := filepath.Join(dir, "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	plain := filepath.Join(dir, "app.db") // another program's database
	p, err := store.Open(plain)
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	notes := filepath.Join(dir, "notes") // not a database: its "-wal" is a name like any other
	os.WriteFile(notes, []byte("plain text\n"), 0o644)
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		for _, base := range []string{other, plain} {
			out := base + suffix
			err := cur.CheckOutput(out)
			if !errors.Is(err, store.ErrProtectedFile) || !strings.Contains(err.Error(), base) {
				t.Errorf("CheckOutput(%s): %v; want it refused as %s's side file", filepath.Base(out), err, filepath.Base(base))
			}
			if _, err := os.Lstat(out); err == nil {
				t.Fatalf("%s was made", out)
			}
		}
		// A backup is a whole database: at that name it would be taken
		// for the other file's side file, and deleted or read into it.
		if err := cur.Backup(context.Background(), other+suffix); err == nil {
			t.Errorf("Backup to %s succeeded", filepath.Base(other+suffix))
		}
		os.Remove(other + suffix)
		if err := cur.CheckOutput(notes + suffix); err != nil {
			t.Errorf("CheckOutput(notes%s) beside a text file: %v", suffix, err)
		}
	}
	// A database whose header is damaged: its write-ahead log may be what
	// can still be saved of it.
	damaged := filepath.Join(dir, "damaged.dossier")
	os.WriteFile(damaged, []byte("not a header any more"), 0o644)
	os.WriteFile(damaged+"-wal", append([]byte{0x37, 0x7f, 0x06, 0x82}, make([]byte, 60)...), 0o644)
	if err := cur.CheckOutput(damaged + "-wal"); !errors.Is(err, store.ErrProtectedFile) {
		t.Errorf("CheckOutput(the -wal of a file with a damaged header): %v", err)
	}
	os.WriteFile(notes+"-wal", []byte("my notes' words\n"), 0o644) // a text file so named
	if err := cur.CheckOutput(notes + "-wal"); err != nil {
		t.Errorf("CheckOutput(a text file named notes-wal): %v", err)
	}
	// A link to another file's -wal is that -wal.
	os.WriteFile(other+"-wal", nil, 0o644)
	link := filepath.Join(dir, "export.md")
	if err := os.Symlink(other+"-wal", link); err != nil {
		t.Fatal(err)
	}
	if err := cur.CheckOutput(link); !errors.Is(err, store.ErrProtectedFile) {
		t.Errorf("CheckOutput(a link to other.dossier-wal): %v", err)
	}
}

// Recover refuses to write its rescue where SQLite would take it for a side
// file: the damaged file's own -wal named relative to the working folder
// (it compared an absolute output with a relative damaged path), and
// another research file's.
func TestRecoverRefusesSideFileOutputs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	st := mustOpenAt(t, "d.dossier")
	st.Close()
	other := mustOpenAt(t, "other.dossier")
	other.Close()
	for _, out := range []string{"d.dossier-wal", "d.dossier-shm", "./d.dossier-journal", "other.dossier-wal", filepath.Join(dir, "other.dossier-shm")} {
		if _, err := store.Recover(ctx, "d.dossier", out); err == nil {
			t.Errorf("Recover into %s succeeded", out)
		}
		if _, err := os.Lstat(out); err == nil {
			t.Errorf("Recover into %s left a file there", out)
		}
	}
}
