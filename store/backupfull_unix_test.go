//go:build linux

package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/store"
)

// A backup that fails because the disk is full must leave nothing behind:
// neither its temporary file nor that file's rollback journal (which VACUUM
// INTO writes beside it). The full disk is a file-size limit set in a child
// process, so the rest of the tests keep writing freely.
func TestBackupOnAFullDiskLeavesNoTemporaryFiles(t *testing.T) {
	if dir := os.Getenv("DOSSIER_TEST_FULL_BACKUP"); dir != "" {
		fullDiskBackupChild(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestBackupOnAFullDiskLeavesNoTemporaryFiles$")
	cmd.Env = append(os.Environ(), "DOSSIER_TEST_FULL_BACKUP="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "backup failed as expected") {
		t.Fatalf("the backup did not fail on the full disk:\n%s", out)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "backups"))
	for _, e := range entries {
		t.Errorf("left in the backup folder after a failed backup: %s", e.Name())
	}
}

func fullDiskBackupChild(dir string) {
	s, err := store.Open(filepath.Join(dir, "research.dossier"))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	var text strings.Builder
	for i := range 8000 {
		fmt.Fprintf(&text, "Paragraph %d about the election, the campaign and the office number %d.\n\n", i, i*7)
	}
	if _, err := s.ImportText(context.Background(), "Big", "big.txt", text.String()); err != nil {
		fmt.Println("import:", err)
		os.Exit(1)
	}
	s.SetBackupDir(filepath.Join(dir, "backups"))
	// Room for small files only: the backup's copy cannot grow past 64 KB.
	lim := syscall.Rlimit{Cur: 64 << 10, Max: 64 << 10}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		fmt.Println("setrlimit:", err)
		os.Exit(1)
	}
	if _, err := s.RollingBackup(context.Background(), time.Now()); err != nil {
		fmt.Println("backup failed as expected:", err)
	}
	os.Exit(0)
}
