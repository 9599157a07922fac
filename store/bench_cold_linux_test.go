//go:build linux

package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// evictFromOSCache asks the kernel to drop path's clean pages from its
// cache (posix_fadvise DONTNEED): the next read of them comes from the
// disk, as after a reboot, without dropping every file's cache (which
// needs root) nor touching other files.
func evictFromOSCache(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil { // dirty pages are not dropped
		return err
	}
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}

// diskReadOf is how many bytes reading path whole fetched from the disk.
func diskReadOf(t *testing.T, path string) int64 {
	t.Helper()
	count := ioCounter(0)
	before, ok := count()
	if !ok {
		t.Skip("no /proc/self/io here")
	}
	if _, err := os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	after, _ := count()
	return after.minus(before).fromDisk
}

func TestEvictFromOSCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	const size = 1 << 20
	if err := os.WriteFile(path, bytes.Repeat([]byte("dossier "), size/8), 0o644); err != nil {
		t.Fatal(err)
	}
	diskReadOf(t, path) // in the cache now, if it was not
	if n := diskReadOf(t, path); n > size/4 {
		t.Skipf("a cached file read %d bytes from the disk: this file system does not count them", n)
	}
	if err := evictFromOSCache(path); err != nil {
		t.Fatal(err)
	}
	if n := diskReadOf(t, path); n < size/2 {
		t.Errorf("reading the evicted file fetched %d bytes from the disk, want most of its %d", n, size)
	}
	if err := evictFromOSCache(filepath.Join(t.TempDir(), "none")); err != nil {
		t.Errorf("a missing file: %v, want nothing to do", err)
	}
}
