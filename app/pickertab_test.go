package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// Tab goes through the folder picker top to bottom: the path field and
// the buttons beside it, the list, then the buttons under it; the list
// came after the bottom buttons (a hostile UI pass).
func TestPickerTabsTopToBottom(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(u.closeDialogs)
	dir := t.TempDir()
	for _, sub := range []string{"a1", "a2"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	u.do(func() {
		u.chooseFolder(folderPick{name: "save-folder", title: "Choose a folder", action: "Choose this folder", start: dir, chosen: func(string) {}})
	})
	u.dialog(t, "Choose a folder")
	u.work.wait()
	var order []string
	for range 8 {
		u.press(t, fyne.KeyTab, 0)
		var name string
		u.do(func() {
			switch f := u.w.Canvas().Focused().(type) {
			case *locationField:
				name = "path"
			case *dialogButton:
				name = "button " + f.Text
			case *dialogList:
				name = "list"
			default:
				name = fmt.Sprintf("%T", f)
			}
		})
		order = append(order, name)
	}
	want := []string{"button ", "button ", "list", "button a1", "button a2", "button Cancel", "button Choose this folder", "path"} // Up, Home
	if !slices.Equal(order, want) {
		t.Errorf("Tab goes from the path field through %q, want %q", order, want)
	}
}
