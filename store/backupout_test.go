package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A backup's name is followed as the system follows it, as export's and
// recover's are (found by hostile passes): a dangling link is written
// where it leads, not called "already exists"; a circle of links and a
// name asking for a folder are refused for what they are; and the refusal
// of the research file's own log names the log.
func TestBackupFollowsItsNameAsTheSystemDoes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	s, _ := mustSeed(t)
	ctx := context.Background()
	dir := t.TempDir()

	// A dangling link: the backup is made where it leads, the link kept.
	target := filepath.Join(dir, "kept", "b.dossier")
	os.Mkdir(filepath.Dir(target), 0o755)
	link := filepath.Join(dir, "link.dossier")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, link); err != nil {
		t.Fatalf("backup through a dangling link: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	notes(t, target) // fails unless a research file is where the link leads
	if leftovers := hiddenFiles(t, filepath.Dir(target)); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// Refusals: each says why, and nothing is made.
	a, b := filepath.Join(dir, "a.dossier"), filepath.Join(dir, "b.dossier")
	os.Symlink(b, a)
	os.Symlink(a, b)
	for _, c := range []struct{ out, want string }{
		{a, "circle of links"},
		{filepath.Join(dir, "new.dossier") + "/", "nothing was written"},
		{dir + "/missing/../x.dossier", "no such file"}, // not Join: it tidies the ".." away
		{s.Path() + "-wal", "write-ahead log"},
		{s.Path(), "research file in use"},
	} {
		err := s.Backup(ctx, c.out)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Backup(%s) = %v, want a refusal saying %q", c.out, err, c.want)
		}
	}
	for _, name := range []string{"new.dossier", "x.dossier", "missing"} {
		if hasFile(filepath.Join(dir, name)) {
			t.Errorf("%s was made", name)
		}
	}
}

// A backup into a folder it may not write to names that folder and the
// reason, not the hidden temporary file it tried (found by a hostile pass).
func TestBackupIntoAReadOnlyFolderNamesNoHiddenFile(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a folder this user cannot write to")
	}
	s, _ := mustSeed(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := s.Backup(context.Background(), filepath.Join(dir, "b.dossier"))
	if err == nil || strings.Contains(err.Error(), "dossier-part") || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v, want permission denied without the hidden name", err)
	}
}

func hasFile(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// hiddenFiles lists the files in dir whose names start with a dot.
func hiddenFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var hidden []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			hidden = append(hidden, e.Name())
		}
	}
	return hidden
}

// A cut-short backup is listed as damaged, and why, at any length: not
// with SQLite's raw "malformed" or "no such table", nor as "not a SQLite
// database" when it is cut inside its header (found by hostile passes);
// a damaged header is a damaged backup, not a "research file" to restore.
func TestListedBackupCutShortSaysSo(t *testing.T) {
	s, _ := mustSeed(t)
	s.SetBackupDir(t.TempDir())
	ctx := context.Background()
	made, err := s.RollingBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(made)
	if err != nil {
		t.Fatal(err)
	}
	badHeader := append([]byte(nil), whole...)
	badHeader[16], badHeader[17] = 0x7f, 0x66 // a page size no file has
	dir := t.TempDir()
	for i, c := range []struct {
		bytes []byte
		want  string
	}{
		{nil, "empty"},
		{whole[:1], "cut short: 1 byte, not even the 100 of its header"},
		{whole[:10], "cut short: 10 bytes, not even the 100 of its header"},
		{whole[:99], "not even the 100 of its header"},
		{whole[:len(whole)/2], "shorter than its header says"},
		{badHeader, "page size"},
	} {
		name := filepath.Join(dir, fmt.Sprintf("2026010%d-000000Z.dossier", i+1))
		if err := os.WriteFile(name, c.bytes, 0o644); err != nil {
			t.Fatal(err)
		}
		list, err := store.ListBackups(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		var got error
		for _, b := range list {
			if b.Path == name {
				got = b.Err
			}
		}
		if !errors.Is(got, store.ErrDamagedBackup) || !strings.Contains(fmt.Sprint(got), c.want) || strings.Contains(fmt.Sprint(got), "research file") {
			t.Errorf("%d bytes: Err = %v, want it damaged, saying %q", len(c.bytes), got, c.want)
		}
	}
}

// A research file named "link/../A.dossier" is the A beside where the link
// leads, and has that file's backups folder: tidied, it shared, pruned and
// restored from the backups of ./A.dossier, another file (found by a
// hostile pass), and that file's folder was moved away.
func TestBackupFolderOfANameThroughALink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "real", "deep"), 0o755)
	if err := os.Symlink(filepath.Join("real", "deep"), filepath.Join(dir, "sl")); err != nil {
		t.Fatal(err)
	}
	beside, err := store.DefaultBackupDir(filepath.Join(dir, "A.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(beside, 0o755)
	os.WriteFile(filepath.Join(beside, "20260101-000000Z.dossier"), []byte("kept"), 0o644)
	through, err := store.DefaultBackupDir(dir + "/sl/../A.dossier") // not Join: it tidies the ".." away
	if err != nil {
		t.Fatal(err)
	}
	want, _ := store.DefaultBackupDir(filepath.Join(dir, "real", "A.dossier"))
	if through != want || through == beside {
		t.Errorf("backups of sl/../A.dossier go to %s; want real/A.dossier's %s, not ./A.dossier's %s", through, want, beside)
	}
	if _, err := os.Stat(filepath.Join(beside, "20260101-000000Z.dossier")); err != nil {
		t.Errorf("./A.dossier's backups were moved: %v", err)
	}
	// Through a missing folder, the name reaches no file: tidied, it listed
	// ./A.dossier's backups (found by a hostile pass). A plain name whose
	// folder is gone keeps its backups.
	if got, err := store.DefaultBackupDir(dir + "/nodir/../A.dossier"); err == nil || !strings.Contains(err.Error(), "names no file the system can reach") {
		t.Errorf("backups of nodir/../A.dossier: %s, %v; want it refused", got, err)
	}
	if _, err := store.DefaultBackupDir(filepath.Join(dir, "gone", "A.dossier")); err != nil {
		t.Errorf("backups of a file whose folder is gone: %v", err)
	}
}

// A new research file named through a missing folder and ".." is refused
// without making, then removing, the file the tidied name names (and the
// message named that file, which the user never named).
func TestNewFileThroughAMissingFolderMakesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the system tidies such names there")
	}
	dir := t.TempDir()
	_, err := store.OpenResearchFile(dir+"/nodir/../x.dossier", store.Seed{ArticleName: "a.txt", Article: []byte("Kilimnik met Manafort.")})
	if err == nil || strings.Contains(err.Error(), filepath.Join(dir, "x.dossier")) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("err = %v, want the system's refusal, naming nodir, not x.dossier", err)
	}
}

// A backup or recovery to a path SQLite cannot open (its hidden temporary
// name past SQLite's 512 bytes) says the path is too long, naming the
// output, and leaves nothing: it said "unable to open database file" of
// the hidden name (found by a hostile pass).
func TestOutputPathTooLongForSQLite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a different limit there")
	}
	s, _ := mustSeed(t)
	dir := t.TempDir()
	deep := dir
	for len(deep) < 480 {
		deep = filepath.Join(deep, strings.Repeat("f", 40))
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(deep, "x.dossier")
	err := s.Backup(context.Background(), out)
	if err == nil || !strings.Contains(err.Error(), "too long for SQLite") || strings.Contains(err.Error(), "dossier-part") {
		t.Errorf("Backup = %v, want 'too long for SQLite' naming the output", err)
	}
	_, err = store.Recover(context.Background(), s.Path(), out)
	if err == nil || !strings.Contains(err.Error(), "too long for SQLite") || strings.Contains(err.Error(), "dossier-part") {
		t.Errorf("Recover = %v, want 'too long for SQLite' naming the output", err)
	}
	if entries, _ := os.ReadDir(deep); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	// In folders to make, past the system's own limit: none is made (the
	// 2,041 made up to the limit were left behind).
	far := filepath.Join(dir, strings.Repeat("d/", 2100)+"x.dossier")
	if err := s.Backup(context.Background(), far); err == nil {
		t.Error("a backup past the system's path limit succeeded")
	}
	if _, err := os.Lstat(filepath.Join(dir, "d")); err == nil {
		t.Error("folders were left behind")
	}
	// A name that leaves no room for NAME-journal: written, the file
	// could not be opened (hostile data pass data9). Refused, naming the
	// longest name that works; that one is written and opens.
	long := filepath.Join(dir, strings.Repeat("n", 248-len(".dossier"))+".dossier")
	for what, write := range map[string]func(string) error{
		"Backup":  func(out string) error { return s.Backup(context.Background(), out) },
		"Recover": func(out string) error { _, err := store.Recover(context.Background(), s.Path(), out); return err },
	} {
		if err := write(long); err == nil || !strings.Contains(err.Error(), "247 bytes or fewer") || !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("%s to a 248-byte name = %v, want a refusal naming 247 bytes", what, err)
		}
		if _, err := os.Lstat(long); err == nil {
			t.Errorf("%s to a 248-byte name left it", what)
		}
		fits := filepath.Join(t.TempDir(), strings.Repeat("n", 247-len(".dossier"))+".dossier")
		if err := write(fits); err != nil {
			t.Fatalf("%s to a 247-byte name: %v", what, err)
		}
		st, err := store.Open(fits)
		if err != nil {
			t.Fatalf("%s's 247-byte file does not open: %v", what, err)
		}
		st.Close()
	}
}

// A backup with a damaged page, whole in length, is listed as damaged and
// why: its counts were read, and it was listed as sound (found by a
// hostile pass). The others are listed as before.
func TestListedBackupWithADamagedPageSaysSo(t *testing.T) {
	s, _ := mustSeed(t)
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "Paragraph %d mentions the committee and witness number %d in some detail.\n\n", i, i)
	}
	importText(t, s, "long.txt", b.String())
	dir := t.TempDir()
	s.SetBackupDir(dir)
	ctx := context.Background()
	older, err := s.RollingBackup(ctx, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	newest, err := s.RollingBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	size := len(readFile(t, newest))
	corruptPage(t, newest, "passages")
	if len(readFile(t, newest)) != size {
		t.Fatal("the damage changed the backup's length")
	}
	list, err := store.ListBackups(ctx, dir)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListBackups = %v, %v", list, err)
	}
	if got := list[0]; got.Path != newest || !errors.Is(got.Err, store.ErrDamagedBackup) || strings.Contains(got.Err.Error(), "\n") ||
		!strings.Contains(got.Err.Error(), "page") {
		t.Errorf("the damaged backup: %s, %v; want it damaged, naming the page", got.Path, got.Err)
	}
	if got := list[1]; got.Path != older || got.Err != nil || got.Documents != 2 {
		t.Errorf("the sound backup: %s, %d documents, %v", got.Path, got.Documents, got.Err)
	}
}
