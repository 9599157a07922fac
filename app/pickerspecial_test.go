//go:build unix

package app

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The path field says at once what cannot be imported or reached, in
// words: a pipe was ticked (refused only once imported), a circle of
// links said "stat PATH: too many levels of symbolic links" after the
// path, and Enter on an emptied field left the last path's error showing
// (a hostile pass).
func TestImportPickerPathFieldSaysWhatIsWrong(t *testing.T) {
	root := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.txt"), 0o644); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(root, "l2"), filepath.Join(root, "l1")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "l1"), filepath.Join(root, "l2")); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	u.a.Preferences().SetString(prefImportFolder, root)
	u.do(u.showImportDialog)
	d := u.dialog(t, "Import documents")
	loc := findAll[*locationField](d)[0]
	enter := func(typed string) string {
		t.Helper()
		u.do(func() {
			loc.SetText(typed)
			loc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
		u.do(func() {})
		var said string
		u.do(func() {
			for _, l := range findAll[*widget.Label](d) {
				if l.Visible() && l.Importance == widget.DangerImportance {
					said = l.Text
				}
			}
		})
		return said
	}
	if said := enter("pipe.txt"); !strings.Contains(said, "is not a file but a pipe") {
		t.Errorf("a pipe: the picker says %q", said)
	}
	u.do(func() {
		for _, b := range findAll[*dialogButton](d) {
			if b.Text == "Import 1 file" {
				t.Error("the pipe gone to is ticked")
			}
		}
	})
	said := enter("l1")
	if !strings.Contains(said, "never reaches a file") || strings.Count(said, root) != 1 {
		t.Errorf("a circle of links: the picker says %q", said)
	}
	if said := enter("  "); said != "" {
		t.Errorf("Enter on an empty field: the picker still says %q", said)
	}
	// A path of thousands of characters is said cut in its middle: said
	// whole, the message grew taller than the dialog.
	long := filepath.Join(root, strings.Repeat("abcdefghij/", 500), "x.txt")
	if said := enter(long); !strings.Contains(said, "x.txt”") || !strings.Contains(said, "…") || len([]rune(said)) > 400 {
		t.Errorf("a path of %d characters: the picker says %d characters, %.80q", len(long), len([]rune(said)), said)
	}
	if said := enter("file://far" + strings.Repeat("/abcdefghij", 500)); !strings.Contains(said, "another computer") || len([]rune(said)) > 400 {
		t.Errorf("a long address of another computer: the picker says %d characters, %.80q", len([]rune(said)), said)
	}
}
