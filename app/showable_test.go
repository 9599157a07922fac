package app

import (
	"context"
	"strings"
	"testing"
)

// Bidirectional controls are shown as marks, byte for byte, and nothing
// else changes (the direction marks of Arabic and Hebrew texts stay).
func TestShowable(t *testing.T) {
	for _, s := range []string{"plain text", "with \u202eRTL override\u202c", "\u2066isolate\u2069 \u202aembedded\u202c", "marks stay \u200e\u200f\u061c", "bad \xff byte \u202e", ""} {
		got := showable(s)
		if len(got) != len(s) {
			t.Errorf("%q: %d bytes shown for %d", s, len(got), len(s))
		}
		if strings.IndexFunc(got, isBidiControl) >= 0 {
			t.Errorf("%q shown as %q: a control is left", s, got)
		}
		if strings.IndexFunc(s, isBidiControl) < 0 && got != s {
			t.Errorf("%q shown as %q", s, got)
		}
	}
}

// A document whose text and title carry a right-to-left override reads in
// its stored order in the reader and the results: U+202E made "with RTL
// override" read "with edirrevo LTR" (found by a UI pass). The hit on the
// word after it is still marked where it stands.
func TestTextIsShownInStoredOrder(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	if _, err := st.ImportText(context.Background(), "Memo \u202etxt.exe", "", "Heading\n\nSigned with \u202ezyxwvut override\u202c by the clerk."); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.refreshLibrary() })
	u.openPassage(t, "zyxwvut", 1)
	row := u.focusedRow(t)
	shown := spansText(row.text.spans)
	if strings.IndexFunc(shown, isBidiControl) >= 0 || !strings.Contains(shown, "\ufffdzyxwvut override\ufffd by the clerk") {
		t.Errorf("reader shows %q", shown)
	}
	if got := boldSpans(row.text.spans); len(got) != 1 || got[0] != "zyxwvut" {
		t.Errorf("reader marks %q; want the hit zyxwvut", got)
	}
	if title := plainText(u.reader.title.Segments); strings.IndexFunc(title, isBidiControl) >= 0 {
		t.Errorf("reader title %q", title)
	}
	for _, r := range findAll[*flowText](u.results.list) {
		if strings.IndexFunc(spansText(r.spans), isBidiControl) >= 0 {
			t.Errorf("a result shows %q", spansText(r.spans))
		}
	}
}
