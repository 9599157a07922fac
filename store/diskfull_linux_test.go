package store_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// A sound research file on a full disk was called damaged ("restore a
// backup or recover"): SQLite cannot make its -shm there even to read it.
// It is now "the disk holding it is full", by the open and by check, and
// opens again once there is room. Found by a hostile pass. Needs a small
// disk of its own: a tmpfs, which only root may mount.
func TestFullDiskIsNotDamage(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	ctx := context.Background()
	path := filepath.Join(dir, "r.dossier")
	s := mustOpenAt(t, path)
	if _, err := s.ImportText(ctx, "Report", "", "Kilimnik met Manafort.\n\nA second paragraph."); err != nil {
		t.Fatal(err)
	}
	s.Close()
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

	_, err = store.Open(path)
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
