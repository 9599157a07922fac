package app

import (
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
