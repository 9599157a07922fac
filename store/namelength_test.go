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

// A research file named a few bytes short of the file system's limit was
// refused in SQLite's words ("unable to open database file (14)"): its
// side files, named after it, cannot exist. The refusal now says why and
// what to do, and keeps nothing.
func TestResearchFileNameLeavesRoomForSideFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("names are counted otherwise there")
	}
	dir := t.TempDir()
	named := func(n int) string { return filepath.Join(dir, strings.Repeat("n", n-len(".dossier"))+".dossier") }

	// A new file: SQLite makes it through NAME-journal.
	long := named(248)
	_, err := store.OpenResearchFile(long, store.Seed{})
	if !errors.Is(err, store.ErrNameTooLong) {
		t.Fatalf("248-byte name: got %v, want ErrNameTooLong", err)
	}
	for _, want := range []string{"cannot be created", "248 bytes", `"-journal"`, "247 bytes or fewer", "nothing was kept"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	if strings.Contains(err.Error(), "(14)") || strings.Count(err.Error(), "research file") > 1 {
		t.Errorf("message in SQLite's words or doubled: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left behind: %v", entries)
	}

	// The longest name that fits is made, and opens again.
	fits := named(247)
	st, err := store.OpenResearchFile(fits, store.Seed{})
	if err != nil {
		t.Fatalf("247-byte name: %v", err)
	}
	st.Close()
	if st, err = store.Open(fits); err != nil {
		t.Fatalf("247-byte name reopened: %v", err)
	}
	st.Close()

	// A file already made, given a longer name: it needs NAME-wal.
	renamed := named(252)
	if err := os.Rename(fits, renamed); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(renamed)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(renamed)
	if !errors.Is(err, store.ErrNameTooLong) {
		t.Fatalf("252-byte name of a made file: got %v, want ErrNameTooLong", err)
	}
	for _, want := range []string{"cannot be opened", "252 bytes", `"-wal"`, "251 bytes or fewer", "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	if after, err := os.ReadFile(renamed); err != nil || string(after) != string(before) {
		t.Errorf("the file changed (%v)", err)
	}
	// Through a link with a short name, the name counted is the file's it
	// leads to, which the message names: the link's is not too long.
	link := filepath.Join(dir, "short.dossier")
	if err := os.Symlink(renamed, link); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(link)
	if !errors.Is(err, store.ErrNameTooLong) {
		t.Fatalf("a link to a 252-byte name: got %v, want ErrNameTooLong", err)
	}
	for _, want := range []string{"it leads to " + renamed + ", whose name is 252 bytes long", "give that file a name of 251 bytes or fewer"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	os.Remove(link)
	// 251 bytes leaves room for "-wal".
	if err := os.Rename(renamed, named(251)); err != nil {
		t.Fatal(err)
	}
	if st, err = store.Open(named(251)); err != nil {
		t.Fatalf("251-byte name of a made file: %v", err)
	}
	st.Close()
}

// A research file not yet in WAL mode (a backup: VACUUM INTO leaves it in
// rollback mode) is made WAL through NAME-journal, so a name of 248-251
// bytes, which leaves room for NAME-wal, was refused in SQLite's words
// ("unable to open database file (14)") (hostile data pass data9).
func TestABackupsNameLeavesRoomForItsJournal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("names are counted otherwise there")
	}
	dir := t.TempDir()
	made := filepath.Join(dir, "made.dossier")
	st, err := store.OpenResearchFile(made, store.Seed{})
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.dossier")
	if err := st.Backup(context.Background(), backup); err != nil {
		st.Close()
		t.Skipf("no backup here: %v", err)
	}
	st.Close()
	long := filepath.Join(dir, strings.Repeat("b", 250-len(".dossier"))+".dossier")
	if err := os.Rename(backup, long); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(long)
	_, err = store.Open(long)
	if !errors.Is(err, store.ErrNameTooLong) {
		t.Fatalf("250-byte name of a backup: got %v, want ErrNameTooLong", err)
	}
	for _, want := range []string{"cannot be opened", "250 bytes", `"-journal"`, "247 bytes or fewer", "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %v", want, err)
		}
	}
	if after, _ := os.ReadFile(long); string(after) != string(before) {
		t.Error("the file changed")
	}
}

// A research file named with the most bytes that work (247) can have a
// backup restored over it: the restore's hidden copy, ".NAME.restore-"
// and digits, was past the 255 bytes a name may have, and every restore
// failed "file name too long" (hostile data pass data9). The copy's name
// is cut as a long name's temporary files are, and none is left.
func TestARestoreIntoTheLongestNameThatWorks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("names are counted otherwise there")
	}
	ctx := context.Background()
	dir := t.TempDir()
	long := filepath.Join(dir, strings.Repeat("r", 247-len(".dossier"))+".dossier")
	st, err := store.OpenResearchFile(long, store.Seed{})
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "kept.dossier")
	if err := st.Backup(ctx, backup); err != nil {
		st.Close()
		t.Fatal(err)
	}
	if err := st.SaveSearch(ctx, "after the backup", "kilimnik"); err != nil {
		st.Close()
		t.Fatal(err)
	}
	st.Close()
	if err := store.RestoreFile(ctx, long, backup, t.TempDir()); err != nil {
		t.Fatalf("restore into a 247-byte name: %v", err)
	}
	st, err = store.Open(long)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := st.SavedSearches(ctx)
	st.Close()
	if err != nil || len(saved) != 0 {
		t.Errorf("after the restore: saved searches %+v (%v); want the backup's none", saved, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".restore-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
