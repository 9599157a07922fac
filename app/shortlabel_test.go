package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The reader's hit count shows the longest of its forms that fits: at the
// largest text, beside the claims ledger, "Hit 73 of 157" was cut to
// "Hit …" (found by a UI pass).
func TestShortLabelShowsTheLongestFormThatFits(t *testing.T) {
	test.NewTempApp(t)
	s := newShortLabel(fyne.TextAlignTrailing)
	forms := []string{"Hit 73 of 157", "73 of 157", "73/157"}
	s.SetForms(forms...)
	width := func(f string) float32 {
		return measureText(f, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	}
	for i, f := range forms {
		s.Resize(fyne.NewSize(width(f)+1, 40))
		if s.Shown() != f {
			t.Errorf("width for %q: shows %q", f, s.Shown())
		}
		if i > 0 {
			s.Resize(fyne.NewSize(width(forms[i-1])-1, 40))
			if s.Shown() != f {
				t.Errorf("just too narrow for %q: shows %q, want %q", forms[i-1], s.Shown(), f)
			}
		}
	}
	s.Resize(fyne.NewSize(5, 40))
	if s.Shown() != forms[2] || s.Text() != forms[0] {
		t.Errorf("too narrow for any: shows %q (text %q)", s.Shown(), s.Text())
	}
	s.SetForms()
	if s.Shown() != "" || s.Text() != "" {
		t.Errorf("no forms: shows %q", s.Shown())
	}
}

// The reader's hit count, at any width it can be given (its least width
// or more), shows a whole form: a number cut short ("38…" for hit 389 of
// 711) read as a wrong number (found by a UI pass). Its shortest form is
// the count still ("389/711", "711"): it was nothing, and a narrow
// reader showed its hit arrows with no count (a UI pass).
func TestHitCountNeverCutsANumber(t *testing.T) {
	test.NewTempApp(t)
	s := newShortLabel(fyne.TextAlignTrailing)
	for _, c := range [][2]int{{388, 711}, {-1, 711}} {
		forms := hitForms(c[0], c[1])
		s.SetForms(forms...)
		s.SetLeast(hitCountLeast(c[1]))
		if last := forms[len(forms)-1]; !strings.Contains(last, "711") {
			t.Errorf("hit %d of %d: the shortest form %q has not the count", c[0]+1, c[1], last)
		}
		least := s.MinSize().Width
		for w := least; w < 400; w += 3 {
			s.Resize(fyne.NewSize(w, 40))
			shown := s.Shown()
			need := measureText(shown, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
			if !slices.Contains(forms, shown) || shown == "" || need > w {
				t.Errorf("hit %d of %d at %v px (least %v): shows %q, needing %v px", c[0]+1, c[1], w, least, shown, need)
			}
		}
	}
}

// A text-size change takes down a tip drawn at the old size: it stayed, a
// large empty box over the reader (found by a UI pass).
func TestTextSizeChangeHidesTips(t *testing.T) {
	u := newTestUI(t)
	owner := &hoverTip{}
	u.do(func() {
		u.tips.show(owner, "Russian interference in 2020 included influencing Trump associates", fyne.NewPos(10, 10))
	})
	var shown bool
	u.do(func() { shown = u.tips.panel.Visible() })
	if !shown {
		t.Fatal("the tip did not show")
	}
	u.do(func() { u.setTextScale(maxTextScale) })
	u.do(func() { shown = u.tips.panel.Visible() })
	if shown {
		t.Error("a tip stayed after the text size changed")
	}
}

// The library's heading shortens to a form that keeps its count where the
// results pane is narrow: it was cut to "Library — 3 docum…" (found by a
// UI pass).
func TestLibraryHeadingKeepsItsCount(t *testing.T) {
	u := newTestUI(t)
	h := u.results.heading
	if h.Text() != "Library — 1 document" {
		t.Fatalf("heading %q", h.Text())
	}
	bold := fyne.TextStyle{Bold: true}
	need := measureText("Library — 1 document", theme.TextSize(), bold).Width + 2*theme.InnerPadding()
	u.do(func() { h.Resize(fyne.NewSize(need-2, h.Size().Height)) })
	if got := h.Shown(); got != "Library (1)" {
		t.Errorf("just too narrow for the whole heading: shows %q, want Library (1)", got)
	}
}
