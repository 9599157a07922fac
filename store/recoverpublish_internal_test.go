package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A recovery builds its file under a hidden name and gives it the asked
// name only once whole: a recovery killed part-way left at the name a file
// that opened as a sound, new research file holding only the built-in
// article (check: ok), and a second recovery to that name was refused.
// Found by a hostile pass.
func TestRecoverGivesTheNameOnlyToAWholeFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "damaged.dossier")
	st, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(txt, []byte("Report\n\nFirst paragraph.\n\nSecond paragraph.\n"), 0o644)
	if _, err := st.ImportFile(ctx, txt); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(dir, "rescued.dossier")
	seen := false
	beforeRecoverPublish = func(hidden string) error {
		seen = true
		if _, err := os.Lstat(out); err == nil {
			t.Errorf("%s exists before the recovery is whole", out)
		}
		if !strings.HasPrefix(filepath.Base(hidden), ".rescued.dossier.") || filepath.Dir(hidden) != dir {
			t.Errorf("built in %s, not a hidden file beside %s", hidden, out)
		}
		return nil
	}
	t.Cleanup(func() { beforeRecoverPublish = nil })
	if _, err := Recover(ctx, src, out); err != nil {
		t.Fatal(err)
	}
	if !seen {
		t.Fatal("the hook did not run")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s left beside the recovered file", e.Name())
		}
	}
	r, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(ctx, SearchRequest{Query: "paragraph"})
	if err != nil || res.Total != 2 {
		t.Fatalf("the recovered file finds %v passages (%v), want 2", res, err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o644 {
		t.Errorf("recovered file mode %v", fi.Mode().Perm())
	}

	// A recovery that fails at the last moment leaves neither the name nor
	// its hidden file.
	failed := filepath.Join(dir, "failed.dossier")
	beforeRecoverPublish = func(string) error { return errors.New("stopped") }
	if _, err := Recover(ctx, src, failed); err == nil {
		t.Fatal("a recovery stopped before it was whole succeeded")
	}
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "failed") {
			t.Errorf("%s left by a failed recovery", e.Name())
		}
	}
}

// What a recovery killed part-way leaves beside its output (its hidden file
// is a WAL database: -wal and -shm beside it) goes with the next recovery
// to that name once stale: only the hidden file itself went, and its -wal,
// tens of megabytes, stayed for ever (found by a hostile pass).
func TestStaleRecoveryTempsGoWithTheirSideFiles(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rescued.dossier")
	old := time.Now().Add(-2 * time.Hour)
	var left []string
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		p := filepath.Join(dir, ".rescued.dossier.dossier-part-123456"+suffix)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, old, old)
		left = append(left, p)
	}
	fresh := filepath.Join(dir, ".rescued.dossier.dossier-part-777-wal") // another recovery's, under way
	os.WriteFile(fresh, []byte("x"), 0o644)
	running := filepath.Join(dir, ".rescued.dossier.dossier-part-777") // its main file, untouched since it began
	os.WriteFile(running, []byte("x"), 0o644)
	os.Chtimes(running, old, old)
	removeStaleTemps(dir, time.Now(), tempsOf(out))
	for _, p := range left {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was left", filepath.Base(p))
		}
	}
	for _, p := range []string{fresh, running} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("a recovery under way lost %s: %v", filepath.Base(p), err)
		}
	}
}
