package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/store/query"
)

// Help → Search syntax: every example is set in monospace and is a query
// the search box reads without complaint; the dialog is drawn with the
// reader's wrapping text (no RichText, whose inline segments crashed on a
// text-size change and broke lines inside "sanction*").
func TestSearchHelp(t *testing.T) {
	examples := helpExamples(searchHelp)
	if len(examples) < 20 {
		t.Fatalf("only %d examples: %q", len(examples), examples)
	}
	for _, ex := range examples {
		if _, err := query.Parse(ex); err != nil {
			t.Errorf("example %q: %v", ex, err)
		}
	}
	for _, want := range []string{"sanction*", "interfer*", "NEAR(putin biden, 10)", `"foo:bar"`} {
		found := false
		for _, ex := range examples {
			found = found || ex == want
		}
		if !found {
			t.Errorf("%q is not set as an example", want)
		}
	}
	for _, para := range helpParagraphs(searchHelp) {
		text := spansText(para)
		if strings.ContainsAny(text, "*`") && strings.Contains(text, "**") {
			t.Errorf("markup left in %q", text)
		}
		if !para[0].bold {
			t.Errorf("paragraph %q does not start with its bold label", text)
		}
	}

	u := newTestUI(t)
	u.do(u.showSearchHelp)
	d := u.dialog(t, "Search syntax")
	for _, rt := range findAll[*widget.RichText](d) { // a Label's own RichText has one segment
		if len(rt.Segments) > 1 {
			t.Errorf("the help uses a RichText of %d segments", len(rt.Segments))
		}
	}
	if n := len(findAll[*flowText](d)); n != len(helpParagraphs(searchHelp)) {
		t.Errorf("%d paragraphs drawn, want %d", n, len(helpParagraphs(searchHelp)))
	}
	u.do(func() { u.setTextScale(maxTextScale) })
	u.a.onUI(func() { u.w.Canvas().Capture() })
}

// The keyboard scrolls the Search syntax help, which is longer than its
// dialog: no field takes the keys there, and only the mouse wheel
// scrolled it (a UI pass, under Xvfb: Page Down and ↓ did nothing). Page
// Down goes a page, ↓ a line, End to the foot and Home back; the dialog
// stays open.
func TestSearchHelpScrollsWithTheKeys(t *testing.T) {
	u := newTestUI(t)
	u.do(u.showSearchHelp)
	d := u.dialog(t, "Search syntax")
	scrolls := findAll[*container.Scroll](d)
	if len(scrolls) != 1 {
		t.Fatalf("%d scrolls in the help", len(scrolls))
	}
	s := scrolls[0]
	var bottom float32
	u.do(func() { bottom = s.Content.MinSize().Height - s.Size().Height })
	if bottom <= 0 {
		t.Fatalf("the help fits its dialog (%v short): nothing to scroll", -bottom)
	}
	offset := func() float32 {
		var y float32
		u.do(func() { y = s.Offset.Y })
		return y
	}
	u.press(t, fyne.KeyPageDown, 0)
	page := offset()
	if page <= 0 {
		t.Fatalf("Page Down left the help at %v", page)
	}
	u.press(t, fyne.KeyDown, 0)
	if y := offset(); y <= page || y-page >= page {
		t.Errorf("↓ after Page Down moved the help from %v to %v: not a line", page, y)
	}
	u.press(t, fyne.KeyEnd, 0)
	if y := offset(); y != bottom {
		t.Errorf("End left the help at %v, its foot is at %v", y, bottom)
	}
	u.press(t, fyne.KeyHome, 0)
	if y := offset(); y != 0 {
		t.Errorf("Home left the help at %v", y)
	}
	u.dialog(t, "Search syntax")
}
