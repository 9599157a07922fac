package store_test

import (
	"bytes"
	"context"
	"fmt"
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

// Exports go where the system puts the name, links followed where they
// stand: ".." after a link to a folder leaves the folder it leads to, and a
// chain of up to 40 links (as many as the system follows) reaches its end.
// Worked out by text, "sub/../victim.dossier" overwrote another research
// file beside sub, a link's "../y.md" target was written beside the link's
// folder, and a 17th link was replaced by a plain file (found by a hostile
// pass).
func TestWriteAtomicallyGoesWhereTheSystemWould(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll("elsewhere/deep", 0o755))
	if err := os.Symlink("elsewhere/deep", "sub"); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	research := filepath.Join(dir, "r.dossier")
	victim := mustCopyOfSeed(t, filepath.Join(dir, "victim.dossier"))
	before, _ := os.ReadFile(victim)
	must(os.Symlink("../y.md", "elsewhere/deep/x.md")) // the system: elsewhere/y.md
	must(os.MkdirAll("chain", 0o755))
	for i := 1; i <= maxLinksFollowed; i++ {
		must(os.Symlink(fmt.Sprintf("f%d.md", i+1), filepath.Join("chain", fmt.Sprintf("f%d.md", i))))
	}
	for _, c := range []struct{ name, lands string }{
		{"sub/../victim.dossier", "elsewhere/victim.dossier"},
		{"sub/x.md", "elsewhere/y.md"},
		{"chain/f1.md", fmt.Sprintf("chain/f%d.md", maxLinksFollowed+1)},
	} {
		if err := store.CheckOutput(research, c.name); err != nil {
			t.Errorf("CheckOutput(%s): %v", c.name, err)
		}
		if err := store.WriteAtomically(context.Background(), c.name, writeNotes); err != nil {
			t.Errorf("WriteAtomically(%s): %v", c.name, err)
		}
		if data, err := os.ReadFile(c.lands); err != nil || string(data) != "# Notes\n" {
			t.Errorf("%s: %s holds %q (%v), want the export", c.name, c.lands, data, err)
		}
	}
	// Absolute, the same; and where the system would not write at all (a
	// missing folder or a file on the way), nothing is written: tidied,
	// these named victim.dossier (found by a second hostile pass).
	if err := store.WriteAtomically(context.Background(), filepath.Join(dir, "sub")+"/../abs.md", writeNotes); err != nil {
		t.Errorf("an absolute path through sub: %v", err)
	}
	if _, err := os.Stat("elsewhere/abs.md"); err != nil {
		t.Errorf("an absolute path through sub did not land beside deep: %v", err)
	}
	must(os.WriteFile("notes.txt", []byte("notes"), 0o644))
	for _, name := range []string{"victim.dossier/", "victim.dossier/.", "missing/../victim.dossier", "notes.txt/../victim.dossier",
		"new.md/", "new.md/.", "sub/../new2.md/"} {
		if err := store.WriteAtomically(context.Background(), name, writeNotes); err == nil {
			t.Errorf("WriteAtomically(%s) wrote where the system would not", name)
		}
	}
	for _, made := range []string{"new.md", "elsewhere/new2.md"} {
		if _, err := os.Lstat(made); err == nil {
			t.Errorf("%s was made from a name asking for a folder", made)
		}
	}
	if after, _ := os.ReadFile(victim); !bytes.Equal(before, after) {
		t.Error("the research file beside sub was written over")
	}
	for i := 1; i <= maxLinksFollowed; i++ {
		if fi, err := os.Lstat(filepath.Join("chain", fmt.Sprintf("f%d.md", i))); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("link %d of the chain is no longer a link (%v)", i, err)
		}
	}
	// One more link than the system follows: refused, as a circle is.
	must(os.Symlink("f1.md", "chain/f0.md"))
	if err := store.WriteAtomically(context.Background(), "chain/f0.md", writeNotes); err == nil || !strings.Contains(err.Error(), "never reaches") {
		t.Errorf("a chain of %d links: %v", maxLinksFollowed+1, err)
	}
}

// maxLinksFollowed is how many links in a row Linux follows.
const maxLinksFollowed = 40

// mustCopyOfSeed makes a sound research file at path.
func mustCopyOfSeed(t *testing.T, path string) string {
	t.Helper()
	s, err := store.OpenResearchFile(path, store.Seed{ArticleName: "a.txt", Article: []byte("Kilimnik met Manafort.")})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// A new research file named through links is made where the system puts
// it, as its export would be: through a link whose "../" target sits in a
// linked folder, and at the end of a chain of 20 links. Both failed with
// "another file was put in its place" and left a stub behind (found by a
// hostile pass).
func TestNewResearchFileGoesWhereTheSystemWould(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("real/deep", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real/deep", "dlink"); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("../y.dossier", "real/deep/x.dossier"); err != nil {
		t.Fatal(err)
	}
	os.Mkdir("c", 0o755)
	for i := 1; i <= 20; i++ {
		if err := os.Symlink(fmt.Sprintf("f%d.dossier", i+1), filepath.Join("c", fmt.Sprintf("f%d.dossier", i))); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ name, lands string }{
		{"dlink/x.dossier", "real/y.dossier"},
		{"c/f1.dossier", "c/f21.dossier"},
	} {
		s, err := store.OpenResearchFile(c.name, store.Seed{ArticleName: "a.txt", Article: []byte("Kilimnik met Manafort.")})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		s.Close()
		if problems, err := store.CheckFile(context.Background(), c.lands); err != nil || len(problems) > 0 {
			t.Errorf("%s: %s is not a sound research file: %v %v", c.name, c.lands, problems, err)
		}
	}
}
