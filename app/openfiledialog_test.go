package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// File → Open research file… is Dossier's own picker, keyed as every
// dialog is: Fyne's file dialog sent keys to its own focused widget, and
// once Tab had focused its list Esc no longer closed it (ui24's pass). It
// starts in the open file's folder, lists folders and research files, and
// a research file tapped is opened.
func TestOpenResearchFileDialogKeys(t *testing.T) {
	u := newTestUI(t)
	dir := filepath.Dir(u.CurrentStore().Path())
	other := filepath.Join(dir, "other.dossier")
	st, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.WriteFile(filepath.Join(dir, "note.txt"), []byte("a note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(u.showOpenFileDialog)
	u.dialog(t, "Open research file")
	for range 3 {
		u.press(t, fyne.KeyTab, 0)
	}
	if _, ok := u.w.Canvas().Focused().(*locationField); ok {
		t.Fatal("Tab left the focus in the path field")
	}
	u.press(t, fyne.KeyEscape, 0)
	if n := u.overlays(); n != 0 {
		t.Fatalf("Esc after Tab left %d dialogs open", n)
	}

	u.do(u.showOpenFileDialog)
	d := u.dialog(t, "Open research file")
	var rows []string
	for _, b := range findAll[*dialogButton](d) {
		if b.Visible() && b.Text != "" && b.Text != "Cancel" && b.Text != "Open" {
			rows = append(rows, b.Text)
		}
	}
	if !slices.Contains(rows, "other.dossier") || slices.Contains(rows, "note.txt") {
		t.Errorf("the open dialog lists %q: want other.dossier, not note.txt", rows)
	}
	u.tapText(t, d, "other.dossier")
	if n := u.overlays(); n != 0 {
		t.Errorf("%d dialogs open after a research file was tapped", n)
	}
	if got := u.CurrentStore().Path(); got != other {
		t.Errorf("the window shows %s, want %s", got, other)
	}
}
