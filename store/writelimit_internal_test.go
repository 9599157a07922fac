package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A failed write to a file within a few pages of 4 GB is put down to a
// FAT32 disk's limit, not to a failing disk; a small file's is not.
func TestWriteLimitKnowsFAT32s(t *testing.T) {
	if fileSizeLimit() >= 0 {
		t.Skip("a file size limit is set for this process")
	}
	dir := t.TempDir()
	for _, c := range []struct {
		size int64
		want int
	}{{fat32Max - 4096, fat32Limit}, {64 << 20, failedWrite}} {
		path := filepath.Join(dir, "r.dossier")
		f, err := os.Create(path + "-wal")
		if err != nil || f.Truncate(c.size) != nil || f.Close() != nil { // sparse: no room taken
			t.Skip("cannot make a sparse file here:", err)
		}
		if kind, _ := writeLimit(path); kind != c.want {
			t.Errorf("a -wal of %d bytes: kind %d, want %d", c.size, kind, c.want)
		}
		msg := writeFailedErr(path, path, nil).Error()
		if (c.want == fat32Limit) != strings.Contains(msg, "it has reached 4 GB, the largest file a FAT32 disk") {
			t.Errorf("a -wal of %d bytes: %s", c.size, msg)
		}
	}
}
