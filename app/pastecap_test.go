package app

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// A name of a megabyte pasted into New actor or source held the window
// for over 30 s, growing by gigabytes, as its one line was drawn (one of
// 10,000 characters was drawn as a black bar; ui19's pass under Xvfb): the
// Name and Aliases fields take the first pasteCap characters of a longer
// paste, saying so, and a paste that fits goes in whole; so does the tag
// manager's Name.
func TestANameFieldTakesTheStartOfAHugePaste(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.showNewTagDialog("", nil) })
	fields := findAll[*fieldEntry](u.dialog(t, "New actor or source"))
	if len(fields) < 2 {
		t.Fatalf("%d fields", len(fields))
	}
	huge := strings.Repeat("Internet Research Agency ", 40000)
	for i, f := range fields[:2] {
		u.a.Clipboard().SetContent(huge)
		u.do(func() {
			u.w.Canvas().Focus(f)
			f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.a.Clipboard()})
		})
		if n := utf8.RuneCountInString(f.Text); n != pasteCap || !strings.HasPrefix(huge, f.Text) {
			t.Errorf("field %d holds %d characters of the paste; want its first %d", i, n, pasteCap)
		}
		if msg := u.status.message.Text; !strings.Contains(msg, "Pasted the first 1000 characters of 1000000") {
			t.Errorf("the status says %q", msg)
		}
		u.a.Clipboard().SetContent("Internet Research Agency")
		u.do(func() {
			f.SetText("")
			f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.a.Clipboard()})
		})
		if f.Text != "Internet Research Agency" {
			t.Errorf("field %d: a short paste gave %q", i, f.Text)
		}
	}
	// The tag manager's Name field too.
	u.do(func() { u.w.Canvas().Overlays().Top().Hide() })
	tags, err := u.CurrentStore().Tags(context.Background(), "actor")
	if err != nil || len(tags) == 0 {
		t.Fatalf("%d actors, %v", len(tags), err)
	}
	u.do(func() { u.showTagManager(tags[0]) })
	name := findAll[*fieldEntry](u.dialog(t, "Actor: "+tags[0].Name))[0]
	u.a.Clipboard().SetContent(huge)
	u.do(func() {
		name.SetText("")
		name.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.a.Clipboard()})
	})
	if n := utf8.RuneCountInString(name.Text); n != pasteCap {
		t.Errorf("the tag manager's Name holds %d characters of the paste; want %d", n, pasteCap)
	}
}
