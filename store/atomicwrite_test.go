package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

func writeNotes(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, "# Notes\n")
	return err
}

// An export to a name near the 255-byte limit is written: its hidden
// temporary file, 25 bytes longer, failed "file name too long" (found by a
// hostile pass). Two such names sharing their first 200 bytes keep their
// temporary files apart, and each recognises only its own.
func TestWriteAtomicallyTakesLongNames(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("é", 100) + strings.Repeat("n", 40) + ".md" // 243 bytes
	other := strings.Repeat("é", 100) + strings.Repeat("n", 39) + "x.md"
	for _, name := range []string{long, other} {
		out := filepath.Join(dir, name)
		if err := store.WriteAtomically(context.Background(), out, writeNotes); err != nil {
			t.Fatalf("%d-byte name: %v", len(name), err)
		}
		if data, err := os.ReadFile(out); err != nil || string(data) != "# Notes\n" {
			t.Errorf("%d-byte name: %q, %v", len(name), data, err)
		}
		stem := strings.TrimSuffix(store.TempPattern(out), "*")
		if len(stem)+10+len("-journal") > 255 {
			t.Errorf("a temporary name of %q is %d bytes before its digits", name, len(stem))
		}
		if !store.IsTempOf(out, stem+"123") {
			t.Errorf("%q does not recognise its own temporary file", name)
		}
	}
	if store.IsTempOf(filepath.Join(dir, long), strings.TrimSuffix(store.TempPattern(filepath.Join(dir, other)), "*")+"123") {
		t.Error("two long names share their temporary files")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files in the folder, want the two exports", len(entries))
	}
}

// A failed write names the file asked for, not the hidden one it writes
// first ("open …/.x.md.dossier-part-1322199838: read-only file system").
func TestWriteAtomicallyNamesTheFileAskedFor(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gone", "notes.md")
	err := store.WriteAtomically(context.Background(), out, writeNotes)
	if err == nil || !strings.Contains(err.Error(), out) || strings.Contains(err.Error(), "dossier-part") {
		t.Errorf("error %q: want it to name %s only", err, out)
	}
}

// An export to a link whose target is not there yet writes the target and
// keeps the link (it replaced the link with a plain file).
func TestWriteAtomicallyFollowsALinkToANewFile(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "latest.md")
	if err := os.Symlink("notes-2026.md", link); err != nil {
		t.Skip(err)
	}
	if err := store.WriteAtomically(context.Background(), link, writeNotes); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is now %v (%v)", fi.Mode(), err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "notes-2026.md")); err != nil || string(data) != "# Notes\n" {
		t.Errorf("the link's target holds %q, %v", data, err)
	}
}

// A name whose links lead round in a circle is refused, by the check the
// window and CLI make first and by the write itself, and the links are
// left as they were: the export replaced one with a plain file and said it
// had exported (found by a hostile pass).
func TestWriteAtomicallyRefusesALinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "loopa.md"), filepath.Join(dir, "loopb.md")
	if err := os.Symlink("loopb.md", a); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("loopa.md", b); err != nil {
		t.Fatal(err)
	}
	if err := store.CheckOutput(filepath.Join(dir, "r.dossier"), a); err == nil || !strings.Contains(err.Error(), "never reaches a file") {
		t.Errorf("CheckOutput of a link loop: %v", err)
	}
	if err := store.WriteAtomically(context.Background(), a, writeNotes); err == nil || !strings.Contains(err.Error(), "never reaches a file") {
		t.Errorf("WriteAtomically to a link loop: %v", err)
	}
	for link, target := range map[string]string{a: "loopb.md", b: "loopa.md"} {
		if got, err := os.Readlink(link); err != nil || got != target {
			t.Errorf("%s now leads to %q (%v), not %q", filepath.Base(link), got, err, target)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files, not the two links", len(entries))
	}
}
