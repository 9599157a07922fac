package app

import (
	"strings"
	"testing"

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
