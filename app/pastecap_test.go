package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"dossier/store/ingest"
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
		if msg := u.status.message.Text; !strings.Contains(msg, "Pasted the first 1,000 characters of 1,000,000") {
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

// The other one-line fields take the start of a huge paste too, each as
// much as the store keeps, saying so: Document details' Address (an
// import keeps 2048 characters) and its other details, a tag's
// Description, the tag picker's filter. A page pasted there was drawn
// slowly or as a black bar (ui19's L5); the picker's "Create …" button
// stays short.
func TestOneLineFieldsTakeTheStartOfAHugePaste(t *testing.T) {
	u := newTestUI(t)
	huge := strings.Repeat("https://example.org/a/very/long/path?q=", 25000)
	paste := func(f *fieldEntry, want int, why string) {
		t.Helper()
		u.a.Clipboard().SetContent(huge)
		u.do(func() {
			u.w.Canvas().Focus(f)
			f.SetText("")
			f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.a.Clipboard()})
		})
		if n := utf8.RuneCountInString(f.value()); n != want || !strings.HasPrefix(huge, f.value()) {
			t.Errorf("%s: the field holds %d characters of the paste; want its first %d", why, n, want)
		}
		if msg := u.status.message.Text; !strings.Contains(msg, fmt.Sprintf("Pasted the first %s characters of %s: %s.", thousands(want), thousands(len(huge)), why)) {
			t.Errorf("the status says %q", msg)
		}
	}
	u.openPassage(t, "putin directed", 1)
	u.do(func() { u.showDocumentDetails(u.reader.doc) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	if len(fields) != 5 {
		t.Fatalf("%d fields", len(fields))
	}
	paste(fields[4], ingest.MaxURLLen, "an address is at most 2,048")
	paste(fields[1], pasteCap, "no detail is that long")
	u.press(t, fyne.KeyEscape, 0)

	u.do(func() { u.showNewTagDialog("", nil) })
	fields = findAll[*fieldEntry](u.dialog(t, "New actor or source"))
	paste(fields[len(fields)-1], pasteCap, "a description is one line")
	u.press(t, fyne.KeyEscape, 0)

	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	paste(findAll[*fieldEntry](d)[0], pasteCap, "no name is that long")
	for _, b := range findAll[*dialogButton](d) {
		if strings.HasPrefix(b.Text, "Create") && utf8.RuneCountInString(b.Text) > 80 {
			t.Errorf("the picker offers a button %d characters long", utf8.RuneCountInString(b.Text))
		}
	}
	u.press(t, fyne.KeyEscape, 0)
}
