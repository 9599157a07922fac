//go:build linux

package store_test

import (
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dossier/store"
)

// A restore never replaces a file another process has open, whatever that
// process is doing (an import merging its index had its documents lost to
// a restore that took the file for free), and it names the process.
func TestRestoreRefusesAFileAnotherProcessHasOpen(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("other processes' locks are read from /proc/locks")
	}
	s, doc := mustSeed(t)
	ctx := context.Background()
	path := s.Path()
	backup := filepath.Join(t.TempDir(), "b.dossier")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	bookmarkFirst(t, s, doc, "written by the other process")
	s.Close()

	letGo := holdStoreOpen(t, path)
	err := store.RestoreFile(ctx, path, backup, t.TempDir())
	letGo()
	if err == nil || !strings.Contains(err.Error(), "is open in store.test (process ") {
		t.Fatalf("RestoreFile while another process has the file open = %v, want a refusal naming it", err)
	}
	r := mustOpenAt(t, path)
	if bms, err := r.Bookmarks(ctx); err != nil || len(bms) != 1 {
		t.Fatalf("the file lost its bookmark: %v %v", bms, err)
	}
	r.Close()
	// Once the other process has closed it, the restore goes ahead.
	if err := store.RestoreFile(ctx, path, backup, t.TempDir()); err != nil {
		t.Fatalf("RestoreFile once the file is closed: %v", err)
	}
}
