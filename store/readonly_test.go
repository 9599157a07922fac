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

// These tests decide read-only from permission bits, which the store honours
// for root too (root could write anyway), so they run as root in CI as well.

// seededFile makes a closed research file holding the built-in article in
// its own folder, and returns its path.
func seededFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ro", "research.dossier")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EnsureDefaultCorpus(context.Background(), "seed.md", []byte("# Seed\n\nKilimnik met Manafort in Madrid.\n")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertNoSideFiles fails if a -wal, -shm or -journal lies next to path.
func assertNoSideFiles(t *testing.T, path string) {
	t.Helper()
	for _, ext := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + ext); err == nil {
			t.Errorf("%s was left behind", filepath.Base(path+ext))
		}
	}
}

// assertReadOnlyErr checks a refused write: ErrReadOnly, and the one message
// naming the research file.
func assertReadOnlyErr(t *testing.T, what string, err error, path string) {
	t.Helper()
	if !errors.Is(err, store.ErrReadOnly) || err.Error() != "this research file is read-only: "+path {
		t.Errorf("%s on a read-only file: %v; want \"this research file is read-only: %s\"", what, err, path)
	}
}

// readOnlyFolder makes dir a folder that allows no new files, writable
// again when the test ends (so that the test's folder can be removed).
func readOnlyFolder(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
}

// seededFileRetitled is a seededFile whose document was retitled
// "Renamed" by a Dossier that then crashed: its path, its bytes before
// the change, and its -wal and -shm as the crash left them.
func seededFileRetitled(t *testing.T) (path string, before, wal, shm []byte) {
	t.Helper()
	path = seededFile(t)
	before = readFile(t, path)
	wal, shm = walOfARetitle(t, path, "Renamed")
	return path, before, wal, shm
}

// checkSaysWALNeedsShm fails t unless check of the research file at path
// lists no problems and says ErrWALNeedsShm. It returns check's error.
func checkSaysWALNeedsShm(t *testing.T, path string) error {
	t.Helper()
	problems, err := store.CheckFile(context.Background(), path)
	if len(problems) > 0 || !errors.Is(err, store.ErrWALNeedsShm) {
		t.Errorf("check: problems %q, error %v; want no problems and ErrWALNeedsShm", problems, err)
	}
	return err
}

// refusesWALNeedsShm fails t unless the open of the research file at
// path says ErrWALNeedsShm, and stops t if it opened.
func refusesWALNeedsShm(t *testing.T, path string) {
	t.Helper()
	if refused(t, store.Open, path, store.ErrWALNeedsShm, "ErrWALNeedsShm", "open") == nil {
		t.FailNow()
	}
}

// unopenableShm puts a -shm beside path that this user may not open.
func unopenableShm(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path+"-shm", make([]byte, 32768), 0o000); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlyFile(t *testing.T) {
	path := seededFile(t)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open of a read-only file: %v", err)
	}
	if !s.ReadOnly() || !strings.Contains(s.ReadOnlyReason(), "permissions") {
		t.Errorf("ReadOnly() = %v, reason %q", s.ReadOnly(), s.ReadOnlyReason())
	}
	if res := search(t, s, "kilimnik"); res.Total != 1 {
		t.Errorf("search on a read-only file found %d passages, want 1", res.Total)
	}
	doc := filepath.Join(t.TempDir(), "new.txt")
	if err := os.WriteFile(doc, []byte("A new document about Derkach.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var outcomes []store.FileOutcome
	err = s.ImportFiles(ctx, []string{doc}, func(o store.FileOutcome) { outcomes = append(outcomes, o) })
	assertReadOnlyErr(t, "ImportFiles", err, path)
	if len(outcomes) != 0 {
		t.Errorf("the input file was blamed: %+v", outcomes)
	}
	hits := search(t, s, "kilimnik").Hits
	_, err = s.AddBookmark(ctx, hits[0].PassageID, nil, "note")
	assertReadOnlyErr(t, "AddBookmark", err, path)
	_, err = s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Derkach"})
	assertReadOnlyErr(t, "CreateTag", err, path)
	_, err = s.ImportBundle(ctx, strings.NewReader(`{"format":"dossier-annotations","version":1}`))
	if err != nil && !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("ImportBundle on a read-only file: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertNoSideFiles(t, path)

	// Once writable again, nothing left behind stands in the way.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	w := mustOpenAt(t, path)
	if w.ReadOnly() {
		t.Fatalf("a writable file opened read-only: %s", w.ReadOnlyReason())
	}
	if _, err := w.ImportFile(ctx, doc); err != nil {
		t.Errorf("import after making the file writable: %v", err)
	}
}

func TestReadOnlyFolder(t *testing.T) {
	path := seededFile(t)
	readOnlyFolder(t, filepath.Dir(path))
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open of a file in a read-only folder: %v", err)
	}
	if !s.ReadOnly() || !strings.Contains(s.ReadOnlyReason(), "folder") {
		t.Errorf("ReadOnly() = %v, reason %q", s.ReadOnly(), s.ReadOnlyReason())
	}
	if res := search(t, s, "manafort"); res.Total != 1 {
		t.Errorf("search in a read-only folder found %d passages, want 1", res.Total)
	}
	docs, err := s.Documents(context.Background())
	if err != nil || len(docs) != 1 {
		t.Errorf("Documents: %v, %v", docs, err)
	}
	_, err = s.AddBookmark(context.Background(), search(t, s, "manafort").Hits[0].PassageID, nil, "")
	assertReadOnlyErr(t, "AddBookmark", err, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertNoSideFiles(t, path)
}

// A read-only file still written by another process (its -wal holds
// committed changes) is read through the WAL, not behind it.
func TestReadOnlyFileWithWAL(t *testing.T) {
	path := seededFile(t)
	w := mustOpenAt(t, path) // holds the WAL open
	doc := filepath.Join(t.TempDir(), "derkach.txt")
	if err := os.WriteFile(doc, []byte("Derkach spread claims.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ImportFile(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Error("not read-only")
	}
	if res := search(t, s, "derkach"); res.Total != 1 {
		t.Errorf("the read-only reader missed what is in the WAL: %d hits", res.Total)
	}
}

// A new research file in a folder that allows no new files is refused with
// a message saying so, and nothing is created.
func TestNewFileInReadOnlyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	path := filepath.Join(dir, "new.dossier")
	_, err := store.Open(path)
	if err == nil || !strings.Contains(err.Error(), "research file "+path+": cannot create it: its folder does not allow creating files") {
		t.Errorf("Open in a read-only folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("created %s", entries[0].Name())
	}
}

// OpenReadOnly opens a writable file read-only, with the reason given, and
// leaves nothing beside it.
func TestOpenReadOnly(t *testing.T) {
	path := seededFile(t)
	s, err := store.OpenReadOnly(path, "it is damaged")
	if err != nil {
		t.Fatal(err)
	}
	if !s.ReadOnly() || s.ReadOnlyReason() != "it is damaged" {
		t.Errorf("ReadOnly() = %v, reason %q", s.ReadOnly(), s.ReadOnlyReason())
	}
	if res := search(t, s, "kilimnik"); res.Total != 1 {
		t.Errorf("search: %d hits", res.Total)
	}
	err = s.SaveSearch(context.Background(), "k", "kilimnik")
	assertReadOnlyErr(t, "SaveSearch", err, path)
	s.Close()
	assertNoSideFiles(t, path)
	if _, err := store.OpenReadOnly(filepath.Join(t.TempDir(), "none.dossier"), "x"); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
}

// A sound file with its own -wal left beside it by a crash, but no -shm,
// in a folder where none may be made (a read-only disk, or a folder that
// does not allow creating files): SQLite reads a -wal only through a
// -shm, and failed with "unable to open database file", so check called
// the sound file damaged and the open said "cannot read schema version"
// (found by hostile data passes). Both say why it cannot be read there and
// what to do; made writable, it opens with its last change.
func TestAWALWithoutShmInAFolderThatMayNotBeWritten(t *testing.T) {
	_, before, wal, _ := seededFileRetitled(t)

	dir := filepath.Join(t.TempDir(), "crashed")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(dir, "research.dossier")
	putWAL(t, crashed, before, wal)
	readOnlyFolder(t, dir)

	err := checkSaysWALNeedsShm(t, crashed)
	if err != nil && !strings.Contains(err.Error(), "does not make the file damaged") {
		t.Errorf("check: %v; want it to say the file is not damaged", err)
	}
	refusesWALNeedsShm(t, crashed)
	if _, err := os.Lstat(crashed + "-shm"); err == nil {
		t.Errorf("a -shm was made in the folder that may not be written")
	}

	os.Chmod(dir, 0o755)
	s, err := store.Open(crashed)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	oneDocumentTitled(t, s, "Renamed", "made writable")
}

// A read-only file read through its own -wal (left by a crash) gets a -shm
// with its permissions, read-only, which stays; made writable again, the
// file could not be opened for writing by a user who is not root: SQLite
// took that -shm read-only, and the open said another file was put in its
// place while it was being opened, every time (found by hostile data pass
// data8). The writable open gives the -shm the file's permissions.
func TestAReadOnlyShmLeftByAReadOnlyOpenIsMadeWritable(t *testing.T) {
	path, before, wal, _ := seededFileRetitled(t)
	putWAL(t, path, before, wal)

	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReadOnly() {
		t.Fatal("the read-only file opened writable")
	}
	ro.Close()
	shm, err := os.Stat(path + "-shm")
	if err != nil {
		t.Skipf("no -shm left by the read-only open (%v): nothing to make writable", err)
	}
	if shm.Mode().Perm()&0o200 != 0 {
		t.Fatalf("the -shm the read-only open left is %v: the set-up no longer works", shm.Mode().Perm())
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatalf("made writable again: %v", err)
	}
	defer s.Close()
	if s.ReadOnly() {
		t.Fatalf("made writable again, it opened read-only: %s", s.ReadOnlyReason())
	}
	if shm, err := os.Stat(path + "-shm"); err != nil || shm.Mode().Perm()&0o200 == 0 {
		t.Errorf("the -shm while the file is open for writing: %v, %v; want the file's permissions (0644)", shm.Mode().Perm(), err)
	}
	oneDocumentTitled(t, s, "Renamed", "documents")
}

// A sound file with its own -wal, left by a crash, beside a -shm this user
// may not open (another user's, say, left by a Dossier run as that user):
// check called it damaged, and the open said "unable to open database
// file" (found by hostile data pass data8). Both say why it cannot be read
// and what to do. Root may open any -shm, so this runs for other users.
func TestAWALWhoseShmMayNotBeOpened(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may open any -shm")
	}
	path, before, wal, shm := seededFileRetitled(t)
	putWAL(t, path, before, wal)
	os.WriteFile(path+"-shm", shm, 0o644)
	if err := os.Chmod(path+"-shm", 0); err != nil {
		t.Fatal(err)
	}
	checkSaysWALNeedsShm(t, path)
	os.Chmod(path, 0o444) // opened read-only
	refusesWALNeedsShm(t, path)
	// Opened for writing, the user's own -shm is given the file's
	// permissions (writableShm), and the file opens.
	os.Chmod(path, 0o644)
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	oneDocumentTitled(t, s, "Renamed", "opened for writing")
}

// A -shm that is another name of another file (a hard link) is refused
// and left as it is: SQLite wrote over the other file, and writableShm
// gave it the research file's permissions, so that opening a research
// file beside a planted link made a private file (mode 0400) readable by
// all, and overwrote it (hostile data pass data9).
func TestWritableShmLeavesAHardLinksPermissionsAlone(t *testing.T) {
	path := seededFile(t)
	other := filepath.Join(t.TempDir(), "private")
	if err := os.WriteFile(other, []byte("private"), 0o400); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(other, path+"-shm"); err != nil {
		t.Skipf("no hard link here: %v", err)
	}
	if s, err := store.Open(path); err == nil {
		s.Close()
		t.Error("opened beside a -shm that is a hard link to another file")
	}
	if b, err := os.ReadFile(other); err != nil || string(b) != "private" {
		t.Errorf("the file the -shm is a hard link to holds %q (%v), not what it held", b, err)
	}
	if _, err := store.CheckFile(context.Background(), path); err == nil || !strings.Contains(err.Error(), "hard link") {
		t.Errorf("check beside a -shm that is a hard link: %v", err)
	}
	fi, err := os.Stat(other)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o400 {
		t.Fatalf("the file the -shm is a hard link to is now %v, was 0400", fi.Mode().Perm())
	}
}

// An empty -wal without a -shm, where none may be made (a read-only disk,
// a folder that does not allow creating files), holds no change and no
// program has the file open: the file is read alone. SQLite, which reads
// a -wal only through a -shm, failed with "unable to open database file",
// and check called the sound file damaged, sending the user to a backup
// (hostile data pass data9; as root, which may write any folder, SQLite
// made a -shm in it instead).
func TestAnEmptyWALWithoutShmInAFolderThatMayNotBeWritten(t *testing.T) {
	ctx := context.Background()
	path := seededFile(t)
	if err := os.WriteFile(path+"-wal", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	readOnlyFolder(t, filepath.Dir(path))
	problems, err := store.CheckFile(ctx, path)
	if err != nil || len(problems) > 0 {
		t.Fatalf("check: %v, %v", problems, err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx)
	s.Close()
	if err != nil || len(docs) != 1 || !s.ReadOnly() {
		t.Fatalf("documents: %+v, %v (read-only: %v)", docs, err, s.ReadOnly())
	}
	if _, err := os.Lstat(path + "-shm"); err == nil {
		t.Error("a -shm was made in a folder that does not allow creating files")
	}
}

// A -shm this user may not open beside a file with no change left in a
// -wal (none, or an empty one) is refused with why and the way out: the
// writable open said another file was put in its place (a read-only
// -shm) or "unable to open database file (14)", and check called the
// sound file damaged (hostile data pass data9). Root may open any -shm:
// run as another user.
func TestAShmThatMayNotBeOpenedWithNoChangeInAWAL(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may open any -shm")
	}
	ctx := context.Background()
	// Check of a writable file with no -wal (the writable open gives this
	// user's own -shm the file's permissions, writableShm).
	path := seededFile(t)
	unopenableShm(t, path)
	if _, err := store.CheckFile(ctx, path); !errors.Is(err, store.ErrWALNeedsShm) {
		t.Errorf("no -wal: check: %v, want ErrWALNeedsShm", err)
	}
	// A read-only file with an empty -wal.
	path = seededFile(t)
	os.WriteFile(path+"-wal", nil, 0o644)
	unopenableShm(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	refused(t, store.Open, path, store.ErrWALNeedsShm, "ErrWALNeedsShm", "empty -wal: open")
	if _, err := store.CheckFile(ctx, path); !errors.Is(err, store.ErrWALNeedsShm) {
		t.Errorf("empty -wal: check: %v, want ErrWALNeedsShm", err)
	}
}

// A research file reached through a symbolic link is read-only when the
// folder the link leads to may not be written, where SQLite keeps its
// side files, whatever the link's own folder allows: asked of the link's
// folder, the file was opened for writing and SQLite could make no -wal
// there ("this research file is read-only" for a mere listing), and check
// called the sound file damaged ("attempt to write a readonly
// database"); the other way round, a file in a writable folder linked
// from a read-only one opened read-only (hostile data pass data9).
func TestALinkIsReadOnlyAsTheFolderItLeadsTo(t *testing.T) {
	ctx := context.Background()
	path := seededFile(t)
	ro := filepath.Dir(path)
	rw := t.TempDir()
	link := filepath.Join(rw, "link.dossier")
	if err := os.Symlink(path, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	readOnlyFolder(t, ro)
	problems, err := store.CheckFile(ctx, link)
	if err != nil || len(problems) > 0 {
		t.Errorf("check through the link: %v, %v", problems, err)
	}
	s, err := store.Open(link)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx)
	s.Close()
	if err != nil || len(docs) != 1 || !s.ReadOnly() {
		t.Errorf("through the link into a read-only folder: documents %+v, %v; read-only %v", docs, err, s.ReadOnly())
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("the read-only folder holds %v", entries)
	}

	// The other way round: the link in a read-only folder, the file in a
	// writable one.
	os.Chmod(ro, 0o755)
	back := filepath.Join(ro, "back.dossier")
	moved := filepath.Join(rw, "moved.dossier")
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(moved, back); err != nil {
		t.Fatal(err)
	}
	os.Chmod(ro, 0o555)
	if s, err = store.Open(back); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ReadOnly() {
		t.Errorf("a file in a writable folder, linked from a read-only one, opened read-only: %s", s.ReadOnlyReason())
	}
}

// A new research file through a link that leads into a folder that may
// not be written is refused as one named there is: asked of the link
// (which is there), SQLite was left to say "unable to open database file
// (14)" (hostile data pass data9).
func TestANewFileThroughALinkIntoAFolderThatMayNotBeWritten(t *testing.T) {
	ro, rw := t.TempDir(), t.TempDir()
	link := filepath.Join(rw, "new.dossier")
	if err := os.Symlink(filepath.Join(ro, "new.dossier"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	readOnlyFolder(t, ro)
	s, err := store.Open(link)
	if err == nil {
		s.Close()
		t.Fatal("a new file was made in a folder that does not allow creating files")
	}
	if !strings.Contains(err.Error(), "cannot create it") || strings.Contains(err.Error(), "(14)") {
		t.Errorf("refused in SQLite's words: %v", err)
	}
}
