package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// "A document needs a title" (renaming a document to blanks) had no full
// stop, where the app's other messages end with one (a hostile UI pass);
// so had every error shown from the store, which writes none. An error's
// message now ends a sentence, in a dialog and on the status line.
func TestErrorMessagesEndWithAFullStop(t *testing.T) {
	u := newTestUI(t)
	doc := u.library.docs[0]
	u.do(func() { u.renameDocument(doc) })
	title := findAll[*fieldEntry](u.dialog(t, "Rename document"))[0]
	u.do(func() { title.SetText("   ") })
	u.press(t, fyne.KeyReturn, 0)
	if got := texts(u.w.Canvas().Overlays().Top()); !slices.Contains(got, "A document needs a title.") {
		t.Errorf("blank title: the message over the dialog is %q", got)
	}
	u.press(t, fyne.KeyEscape, 0)

	// The store's refusal of a title too long, shown by the same dialog.
	u.do(func() { title.SetText(strings.Repeat("t", 501)) })
	u.press(t, fyne.KeyReturn, 0)
	u.work.wait()
	want := "A title is at most 500 characters (this one has 501)."
	if got := overlayTexts(u.w); !strings.Contains(got, want+"\n") {
		t.Errorf("a title too long: dialogs say %q, want %q", got, want)
	}
}

func TestFullStop(t *testing.T) {
	for in, want := range map[string]string{
		"a document needs a title":              "a document needs a title.",
		"A document needs a title.":             "A document needs a title.",
		"at most 500 characters (this has 501)": "at most 500 characters (this has 501).",
		"saved (your note is safe.)":            "saved (your note is safe.)",
		"it is called “Reuters.”":               "it is called “Reuters.”",
		"really?":                               "really?",
		"cut…":                                  "cut…",
		"ends with a newline\n":                 "ends with a newline.",
		"":                                      "",
	} {
		if got := fullStop(in); got != want {
			t.Errorf("fullStop(%q) = %q, want %q", in, got, want)
		}
	}
}
