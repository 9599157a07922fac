package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"dossier/assets"
	"dossier/store"
)

// A sound research file on a full disk was called damaged ("restore a
// backup or recover"): SQLite cannot make its -shm there even to read it.
// It is now "the disk holding it is full", by the open and by check, and
// opens again once there is room. Found by a hostile pass. Needs a small
// disk of its own: a tmpfs, which only root may mount.
func TestFullDiskIsNotDamage(t *testing.T) {
	dir := smallDisk(t)
	ctx := context.Background()
	path := filepath.Join(dir, "r.dossier")
	s := mustOpenAt(t, path)
	if _, err := s.ImportText(ctx, "Report", "", "Kilimnik met Manafort.\n\nA second paragraph."); err != nil {
		t.Fatal(err)
	}
	s.Close()
	filler := fill(t, dir)

	_, err := store.Open(path)
	var damaged *store.DamagedError
	if err == nil || errors.As(err, &damaged) || !errors.Is(err, store.ErrDiskFull) || !strings.Contains(err.Error(), "disk holding it is full") {
		t.Errorf("open on a full disk: %v; want the disk called full, not the file damaged", err)
	}
	problems, err := store.CheckFile(ctx, path)
	if len(problems) > 0 || err == nil || !strings.Contains(err.Error(), "disk holding it is full") {
		t.Errorf("check on a full disk: %q, %v; want the disk called full", problems, err)
	}

	os.Remove(filler)
	if problems, err := store.CheckFile(ctx, path); err != nil || len(problems) > 0 {
		t.Fatalf("check with room again: %q, %v", problems, err)
	}
	s = mustOpenAt(t, path)
	if hits, err := s.Search(ctx, store.SearchRequest{Query: "kilimnik"}); err != nil || hits.Total != 1 {
		t.Errorf("search with room again: %+v, %v", hits, err)
	}
}

// A research file made before files named themselves (no file_id in
// meta), on a disk with room for SQLite's -shm but not for the -wal's
// first frames, was refused ("the disk holding it is full ... for its
// -shm file, even to read it"): the open wrote its identity first, where
// the previous Dossier opened it. It opens, and is named once there is
// room (found by a hostile pass).
func TestAFileWithoutIdentityOpensOnANearlyFullDisk(t *testing.T) {
	dir := smallDisk(t)
	ctx := context.Background()
	path := filepath.Join(dir, "r.dossier")
	s := mustOpenAt(t, path)
	if _, err := s.ImportText(ctx, "Report", "", "Kilimnik met Manafort.\n\nA second paragraph."); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(`DELETE FROM meta WHERE key = 'file_id'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	filler := fill(t, dir)
	// Room for the -shm (32 KB) and one more page: not for a frame.
	fi, err := os.Stat(filler)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filler, fi.Size()-36<<10); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("open of a file without an identity, on a nearly full disk: %v; want it opened, as before", err)
	}
	if docs, err := s.Documents(ctx); err != nil || len(docs) != 1 {
		t.Errorf("documents: %+v, %v", docs, err)
	}
	s.Close()

	os.Remove(filler)
	s = mustOpenAt(t, path)
	s.Close()
	var id string
	if err := rawDB(t, path).QueryRow(`SELECT value FROM meta WHERE key = 'file_id'`).Scan(&id); err != nil || len(id) != 32 {
		t.Errorf("identity once there is room: %q, %v", id, err)
	}
}

// smallDisk mounts a 4 MB disk of the test's own (a tmpfs, which only root
// may mount), or skips the test.
func smallDisk(t *testing.T) string {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// fill leaves no room on dir's disk, and returns the file that takes it.
func fill(t *testing.T, dir string) string {
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	f.Close()
	return filler
}

// A backup or a recovery written to a full disk says so, of the file asked
// for: a backup gave SQLite's "database or disk is full (13)", and a
// recovery named the hidden file it builds in, "not damaged" (found by a
// re-attack).
func TestWritingToAFullDiskSaysSo(t *testing.T) {
	ctx := context.Background()
	full := smallDisk(t)
	fill(t, full)
	path := filepath.Join(t.TempDir(), "r.dossier")
	s := mustOpenAt(t, path)
	defer s.Close()
	for what, err := range map[string]error{
		"backup":  s.Backup(ctx, filepath.Join(full, "b.dossier")),
		"recover": func() error { _, err := store.Recover(ctx, path, filepath.Join(full, "rescued.dossier")); return err }(),
	} {
		if !errors.Is(err, store.ErrDiskFull) || !strings.Contains(err.Error(), "the disk holding "+full+" is full") || strings.Contains(err.Error(), "(13)") {
			t.Errorf("%s to a full disk: %v", what, err)
		}
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("left on the full disk: %v", entries)
	}
}

// A restore whose backups folder is on a full disk stops, says so, and
// calls nothing damaged: the sound file was kept raw as
// "…-before-restore.damaged" or named so in the error (found by a hostile
// pass).
func TestRestoreWithAFullBackupsDiskSaysSo(t *testing.T) {
	ctx := context.Background()
	s, _ := mustSeed(t)
	dir := t.TempDir()
	old := filepath.Join(dir, "old.dossier")
	if err := s.Backup(ctx, old); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	before := readFile(t, path)
	full := smallDisk(t)
	fill(t, full)
	err := store.RestoreFile(ctx, path, old, filepath.Join(full, "backups"))
	if err == nil || strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "full") {
		t.Errorf("restore with a full backups disk: %v; want a refusal that says the disk is full, calling nothing damaged", err)
	}
	entries, _ := os.ReadDir(filepath.Join(full, "backups"))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".damaged") {
			t.Errorf("a sound file was kept as %s", e.Name())
		}
	}
	assertUntouched(t, path, before)
}

// A new research file that cannot be made for want of room leaves nothing
// behind and says it was not created: a stub was left, "cannot be opened …
// the file itself is not damaged", of a file the user never had (found by
// a hostile pass). With room again, the same name makes a sound file.
func TestNewFileOnAFullDiskLeavesNothing(t *testing.T) {
	dir := smallDisk(t)
	// Room for a little, not for the seed: the file is begun, then fails.
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filler, os.O_WRONLY, 0)
	block := make([]byte, 4096)
	for free := int64(1 << 30); free > 96<<10; {
		if _, err := f.Write(block); err != nil {
			break
		}
		var st syscall.Statfs_t
		if syscall.Statfs(dir, &st) == nil {
			free = int64(st.Bavail) * st.Bsize
		}
	}
	f.Close()
	path := filepath.Join(dir, "new.dossier")
	s, err := store.OpenResearchFile(path, store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle})
	if err == nil {
		s.Close()
		t.Fatal("a new research file was made on a disk without room for it")
	}
	if !errors.Is(err, store.ErrDiskFull) || !strings.Contains(err.Error(), "cannot be created") || strings.Contains(err.Error(), "not damaged") {
		t.Errorf("error %q: want the disk called full and the file not created", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "filler" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	os.Remove(filler)
	s, err = store.OpenResearchFile(path, store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle})
	if err != nil {
		t.Fatalf("with room again: %v", err)
	}
	defer s.Close()
	if docs, err := s.Documents(context.Background()); err != nil || len(docs) != 1 {
		t.Errorf("with room again: %d documents, %v", len(docs), err)
	}
}

// A restore onto a full disk says so of the research file's disk, and that
// nothing was changed: it named the hidden copy it was writing ("write
// …/.r.dossier.restore-3181997220: copy_file_range: no space left on
// device"; found by a hostile pass).
func TestRestoreOntoAFullDiskSaysSo(t *testing.T) {
	ctx := context.Background()
	full := smallDisk(t)
	path := filepath.Join(full, "r.dossier")
	s := mustOpenAt(t, path)
	old := filepath.Join(t.TempDir(), "old.dossier")
	if err := s.Backup(ctx, old); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := readFile(t, path)
	fill(t, full)
	err := store.RestoreFile(ctx, path, old, filepath.Join(t.TempDir(), "backups"))
	if err == nil || !strings.Contains(err.Error(), "is full") || !strings.Contains(err.Error(), "nothing was changed") || strings.Contains(err.Error(), ".restore-") {
		t.Errorf("restore onto a full disk: %v", err)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the research file changed")
	}
}

// A recovery that runs out of room part-way says the disk is full: with
// room for the new file but not for every row, the rows past the full
// disk were counted as skipped (SQLite had rolled the copy back) and the
// recovery ended in "SQL logic error: cannot commit - no transaction is
// active (1)". Found by a hostile pass (`dossier recover --out` onto a
// small tmpfs).
func TestRecoverRunningOutOfRoomSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.dossier")
	s := mustOpenAt(t, path)
	var text strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&text, "Paragraph %d about the election, the campaign and the office number %d.\n\n", i, i*7)
	}
	if _, err := s.ImportText(ctx, "Big", "big.txt", text.String()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	full := smallDisk(t)
	leaveRoom(t, full, 1<<20) // the empty file fits, its rows do not
	_, err := store.Recover(ctx, path, filepath.Join(full, "rescued.dossier"))
	if !errors.Is(err, store.ErrDiskFull) || !strings.Contains(err.Error(), "the disk holding "+full+" is full") {
		t.Errorf("recover running out of room: %v; want the disk called full", err)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("left on the full disk: %v", entries)
	}
}

// leaveRoom fills dir's disk but for about room bytes.
func leaveRoom(t *testing.T, dir string, room int64) {
	filler := fill(t, dir)
	fi, err := os.Stat(filler)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filler, max(0, fi.Size()-room)); err != nil {
		t.Fatal(err)
	}
}
