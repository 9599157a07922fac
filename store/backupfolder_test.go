package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A backups folder that cannot be made says what is in the way, rather
// than a bare "mkdir …: file exists" or "not a directory".
func TestBackupFolderInTheWaySaysWhat(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	base := t.TempDir()
	file := filepath.Join(base, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	nowhere := filepath.Join(base, "nowhere")
	toNowhere := filepath.Join(base, "to-nowhere")
	toFile := filepath.Join(base, "to-file")
	if err := os.Symlink(nowhere, toNowhere); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(file, toFile); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		toNowhere: "it is a link to " + nowhere + ", which does not exist",
		toFile:    "it is a link to " + file + ", which is not a folder",
		file:      "a file of that name is in the way",
	} {
		s.SetBackupDir(dir)
		_, err := s.RollingBackup(ctx, time.Now())
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("backups in %s: got %v, want it to name the folder and say %q", dir, err, want)
		}
		if dir == file {
			if b, err := os.ReadFile(file); err != nil || string(b) != "x" {
				t.Errorf("the file in the way was changed: %q %v", b, err)
			}
		}
	}
	if _, err := os.Lstat(nowhere); !os.IsNotExist(err) {
		t.Errorf("the link's target was created: %v", err)
	}
}
