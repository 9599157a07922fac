package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// A large import whose automatic backup fails ends with a summary that
// says so (title and a warning line), not with a plain "Import finished".
func TestImportSummaryWarnsWhenTheBackupFailed(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	blocker := filepath.Join(t.TempDir(), "a file")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	st.SetBackupDir(filepath.Join(blocker, "backups"))
	st.EnableAutoBackups()
	var b strings.Builder
	for i := range 1100 {
		fmt.Fprintf(&b, "Paragraph %d about the campaign.\n\n", i)
	}
	path := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.importPaths([]string{path}) })
	summary := u.dialog(t, "Import finished, backup failed")
	if got := strings.Join(texts(summary), "\n"); !strings.Contains(got, "Warning: the documents are stored, but the automatic backup after this import failed") {
		t.Errorf("summary %q", got)
	}
}

// The restore list says a cut-short backup is damaged, not merely
// "cannot be read".
func TestBackupLabelSaysACutShortBackupIsDamaged(t *testing.T) {
	at := time.Date(2026, 12, 4, 10, 0, 0, 0, time.Local)
	damaged := backupLabel(store.BackupInfo{Time: at, Size: 4096, Err: fmt.Errorf("backup x is %w (cut short)", store.ErrDamagedBackup)})
	unreadable := backupLabel(store.BackupInfo{Time: at, Size: 4096, Err: errors.New("disk I/O error")})
	if !strings.Contains(damaged, "damaged") || strings.Contains(unreadable, "damaged") || !strings.Contains(unreadable, "cannot be read") {
		t.Errorf("labels %q and %q", damaged, unreadable)
	}
}

// Two backups made in the same minute are told apart by their times in
// the restore list, as their file names and the CLI's list tell them.
func TestBackupLabelsOfOneMinuteDiffer(t *testing.T) {
	first := time.Date(2026, 12, 7, 6, 50, 3, 0, time.Local)
	second := first.Add(41 * time.Second)
	a := backupLabel(store.BackupInfo{Time: first, Size: 4500000, Documents: 2, Bookmarks: 1})
	b := backupLabel(store.BackupInfo{Time: second, Size: 4500000, Documents: 2, Bookmarks: 1})
	if a == b || !strings.Contains(a, "06:50:03") || !strings.Contains(b, "06:50:44") {
		t.Errorf("labels %q and %q", a, b)
	}
	if n := backupNamed(store.BackupInfo{Time: second, Documents: 2, Bookmarks: 1}); !strings.Contains(n, "06:50:44") {
		t.Errorf("named %q", n)
	}
}
