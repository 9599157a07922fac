//go:build unix

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A research file or backup named by a circle of symbolic links is said
// so in words: docs said "open …: too many levels of symbolic links",
// check "stat loop: too many levels of symbolic links", restore "backup
// loop: stat loop: …" (found by a hostile pass).
func TestLinkLoopIsSaidInWords(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.dossier")
	if err := os.Symlink(filepath.Join(dir, "other"), loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(loop, filepath.Join(dir, "other")); err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	run(t, db, "docs")
	for _, r := range []result{
		run(t, loop, "docs"), run(t, loop, "check"), run(t, loop, "backup"),
		run(t, db, "restore", loop),
	} {
		if r.code == 0 || !strings.Contains(r.stderr, "is a symbolic link that never reaches a file") || strings.Contains(r.stderr, "too many levels") {
			t.Errorf("%+v; want the circle of links said in words", r)
		}
	}
}
