package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A copy the system refused as too large (EFBIG) with no limit of the
// process's to meet met the disk's: a FAT32 disk's 4 GB. A restore said
// "copy_file_range: file too large" there, and a backup or a recovery
// SQLite's "disk I/O error (778)" alone (hostile data pass data22; the
// limit set by ulimit -f is TestABackupPastAFileSizeLimitSaysSo's).
func TestACopyPastAFAT32DisksLimitSaysSo(t *testing.T) {
	if fileSizeLimit() >= 0 {
		t.Skip("this test runs under a file size limit")
	}
	big := filepath.Join(t.TempDir(), "big.dossier")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	err = f.Truncate(5 << 30) // sparse: no room taken
	f.Close()
	if err != nil {
		t.Skip(err)
	}
	efbig := &os.PathError{Op: "write", Path: big + ".restore-1", Err: os.NewSyscallError("copy_file_range", syscall.EFBIG)}
	restore := copyTooLargeErr("restoring big.dossier", "the backup", big, efbig)
	if restore == nil || !strings.Contains(restore.Error(), "FAT32") || strings.Contains(restore.Error(), "too large") || strings.Contains(restore.Error(), "ulimit") {
		t.Errorf("restore: %v", restore)
	}
	if !errors.Is(restore, syscall.EFBIG) {
		t.Error("the system's error is not in the chain")
	}
	// Not the disk's either: said so, in words.
	small := filepath.Join(t.TempDir(), "small.dossier")
	os.WriteFile(small, make([]byte, 4096), 0o644)
	if err := copyTooLargeErr("restoring small.dossier", "the backup", small, efbig); err == nil || strings.Contains(err.Error(), "too large") || !strings.Contains(err.Error(), "largest file the disk") {
		t.Errorf("restore of a small backup: %v", err)
	}

	ioErr := errors.New("disk I/O error (778)")
	for size, want := range map[int64]string{
		5 << 30:  "FAT32",
		fat32Max: "FAT32",
		10 << 20: "",
	} {
		err := copyPastLimit("backup to b.dossier", size, -1, ioErr)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), "(nothing was written): disk I/O error (778)")) {
			t.Errorf("a copy of %d bytes, no limit: %v", size, err)
		}
	}
	if err := copyPastLimit("backup to b.dossier", 10<<20, 10<<20, ioErr); err == nil || !strings.Contains(err.Error(), "ulimit -f") {
		t.Errorf("a copy as large as the limit: %v", err)
	}
}
