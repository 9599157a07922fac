package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// The folder picker orders names as a file manager does: f1, f2, f10,
// f100, not f1, f10, f100, f2 (a hostile UI pass), whatever the case;
// folders first.
func TestPickerOrdersNamesAsAFileManagerDoes(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"f100", "f10", "F3", "f2", "f1"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"note10.txt", "Note2.txt", "note1.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("a note\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := listImportable(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.name)
	}
	if want := []string{"f1", "f2", "F3", "f10", "f100", "note1.txt", "Note2.txt", "note10.txt"}; !slices.Equal(got, want) {
		t.Errorf("the picker lists %q, want %q", got, want)
	}
}

// A folder chooser on a folder with no folders in it says so, and what
// its button does, over the blank list.
func TestFolderChooserSaysAFolderIsEmpty(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(u.closeDialogs)
	u.do(func() {
		u.chooseFolder(folderPick{name: "save-folder", title: "Choose a folder", action: "Choose this folder", start: t.TempDir(), chosen: func(string) {}})
	})
	u.work.wait()
	want := "No folders here: “Choose this folder” takes this one."
	var shown []string
	u.do(func() {
		for _, l := range findAll[*widget.Label](u.dialog(t, "Choose a folder")) {
			if l.Visible() && l.Text != "" {
				shown = append(shown, l.Text)
			}
		}
	})
	if !slices.Contains(shown, want) {
		t.Errorf("an empty folder's chooser shows %q; want %q", shown, want)
	}
}

// Open research file…'s Open has nothing to do until a path is typed (a
// file is opened by a tap): it is off, and says nothing in the red error
// line, where "Tap a file to open it" read as a failure (a hostile UI
// pass). A path typed turns it on.
func TestOpenResearchFileButtonWaitsForAPath(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(u.closeDialogs)
	u.do(u.showOpenFileDialog)
	d := u.dialog(t, "Open research file")
	u.work.wait()
	var open *dialogButton
	for _, b := range findAll[*dialogButton](d) {
		if b.Text == "Open" {
			open = b
		}
	}
	if open == nil {
		t.Fatal("no Open button")
	}
	if !open.Disabled() {
		t.Error("Open is on with no file chosen nor path typed")
	}
	u.do(func() { open.OnTapped() }) // as Enter in the path field would
	u.do(func() {
		for _, l := range findAll[*widget.Label](d) {
			if l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
				t.Errorf("the error line says %q with no file chosen", l.Text)
			}
		}
	})
	loc := findAll[*locationField](d)[0]
	u.do(func() { loc.SetText(filepath.Join(t.TempDir(), "other.dossier")) })
	if open.Disabled() {
		t.Error("Open is off with a path typed")
	}
}
