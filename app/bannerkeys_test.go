package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// A banner's button focused by Tab is pressed by Enter, as by Space: Tab
// to "Try again" on the banner of a file that could not be opened, then
// Enter, did nothing (hostile UI pass ui10); a dialog's buttons answer
// Enter.
func TestBannerButtonAnswersEnter(t *testing.T) {
	u := newTestUI(t)
	pressed := 0
	u.do(func() {
		u.banner.show("Could not open the research file.", bannerAction{"Try again", func() { pressed++ }})
	})
	b := u.banner.actions.Objects[0].(fyne.Focusable)
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace} {
		before := pressed
		u.do(func() {
			u.w.Canvas().Focus(b)
			b.TypedKey(&fyne.KeyEvent{Name: k})
		})
		if pressed != before+1 {
			t.Errorf("%s on the focused banner button: pressed %d times; want once", k, pressed-before)
		}
	}
}

// Try again on the banner of a file that still cannot be opened says, in
// the status line, that it tried: the banner and the status line came back
// as they were, and nothing on screen showed the press had done anything
// (hostile UI pass ui10: a foreign -wal still beside the file).
func TestTryAgainSaysItTried(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "notes.dossier")
	os.WriteFile(path, bytes.Repeat([]byte("not sqlite "), 500), 0o644)
	_, openErr := openSeeded(path)
	if openErr == nil {
		t.Fatal("a file of text opened")
	}
	u := newTestUIOnStandIn(t, BrokenFile{Path: path, Err: openErr}, "")
	before := u.status.message.Text
	u.do(func() { u.switchTo(path) }) // what Try again does
	u.do(func() {})
	if got := u.status.message.Text; got == before || !strings.Contains(got, "Tried again") || !strings.Contains(got, "notes.dossier") {
		t.Errorf("after trying again the status line says %q (before: %q); want that it tried again, and with what file", got, before)
	}
}

// The status line's messages about the sidebar end with a full stop, as
// the others do ("Sidebar hidden: Ctrl+B shows it" did not; hostile UI
// pass ui10).
func TestSidebarMessagesEndWithAFullStop(t *testing.T) {
	for _, m := range []string{sidebarHiddenMessage, sidebarNoRoomMessage, sidebarNarrowMessage} {
		if fullStop(m) != m || !strings.HasSuffix(m, ".") {
			t.Errorf("%q: no full stop", m)
		}
	}
}
