package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// An export to a full disk names the file asked for, not the hidden one it
// writes first ("write full/.x.json.3020702787: no space left on device",
// found by a re-attack). Needs a small disk of its own: a tmpfs, which
// only root may mount.
func TestExportToAFullDiskSaysSo(t *testing.T) {
	full := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", full).Run() })
	f, err := os.Create(filepath.Join(full, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for block := make([]byte, 4096); ; {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	f.Close()
	db := newDB(t)
	out := filepath.Join(full, "x.json")
	r := run(t, db, "export", "--format", "json", "--out", out)
	if r.code == 0 || !strings.Contains(r.stderr, "cannot write "+out+": the disk holding it is full") || strings.Contains(r.stderr, "/.x.json.") {
		t.Errorf("export to a full disk: %+v", r)
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("left on the full disk: %v", entries)
	}
}
