package app

import (
	"strings"
	"testing"
)

// Renaming a document to invisible characters alone (a zero-width space, a
// soft hyphen) passed the dialog's check, which knew only white space: the
// dialog closed and the store's "A document needs a title" came after it.
// Rename and Document details now keep their dialog open, saying why, and
// the title is unchanged.
func TestRenamingToInvisibleCharactersKeepsTheDialog(t *testing.T) {
	for _, c := range []struct {
		title, button string
		open          func(u *testUI)
	}{
		{"Rename document", "Rename", func(u *testUI) { u.renameDocument(u.library.docs[0]) }},
		{"Document details", "Save", func(u *testUI) { u.showDocumentDetails(u.library.docs[0]) }},
	} {
		t.Run(c.button, func(t *testing.T) {
			u := newTestUI(t)
			before := u.library.docs[0].Title
			u.do(func() { c.open(u) })
			fields := findAll[*fieldEntry](u.dialog(t, c.title))
			u.do(func() { fields[0].SetText("\u200b\u00ad\u2060") })
			u.tapDialogButton(t, c.title, c.button)
			u.work.wait()
			if got := overlayTexts(u.w); !strings.Contains(got, c.title) || !strings.Contains(got, "A document needs a title") {
				t.Errorf("after %s with a title of invisible characters, dialogs say %q; want %q still open, saying the title is needed", c.button, got, c.title)
			}
			if got := u.library.docs[0].Title; got != before {
				t.Errorf("title %q; want %q", got, before)
			}
		})
	}
}
