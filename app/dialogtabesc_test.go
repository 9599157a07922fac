package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// Esc closes every dialog wherever Tab has put the focus. Fyne's widgets
// swallowed it once focused: the licence list of Help → About, the import
// picker's list of files, and the drop-down button of the claim dialog's
// Source field (the first Tab from the field); only the mouse closed the
// dialog (found driving the window: Ctrl+K, Tab, Esc).
func TestEscClosesDialogsAfterAnyNumberOfTabs(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	joe, _, _ := tagRow(t, u.actors, "Joe Biden")
	for _, c := range []struct {
		title string
		open  func()
	}{
		{"Import documents", u.showImportDialog},
		{"Import folder", u.showImportFolderDialog}, // Fyne's folder and file dialogs took no Esc after Tab (ui24)
		{"Open research file", u.showOpenFileDialog},
		{"Save search", u.showSaveSearch},
		{"Bookmark passage", u.toggleBookmark},
		{"Tag with an actor or source", u.showTagPicker},
		{"New actor or source", func() { u.showNewTagDialog("", nil) }},
		{"Actor: Joe Biden", func() { u.showTagManager(joe) }},
		{"Mark as claim", u.markClaim},
		{"Search syntax", u.showSearchHelp},
		{"About Dossier", u.showAbout},
	} {
		for tabs := 0; tabs < 12; tabs++ {
			u.do(c.open)
			u.dialog(t, c.title)
			for range tabs {
				u.press(t, fyne.KeyTab, 0)
			}
			focused := fmt.Sprintf("%T", u.w.Canvas().Focused())
			u.press(t, fyne.KeyEscape, 0)
			if n := u.overlays(); n != 0 {
				t.Errorf("%s: after %d × Tab (focus on %s) Esc left %d dialogs open", c.title, tabs, focused, n)
				for u.overlays() > 0 {
					u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
				}
				break
			}
		}
	}
}
