package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A short button shows the longest form of its label that fits, and needs
// only the shortest form's width.
func TestShortButtonPicksTheLongestFormThatFits(t *testing.T) {
	test.NewTempApp(t)
	forms := []string{"Show later passages (4,421 more)", "Later passages (4,421)", "4,421 later"}
	l, box := newShortButton(nil)
	b := l.button
	l.setForms(forms...)
	width := func(s string) float32 { return widget.NewButton(s, nil).MinSize().Width }
	if got, want := box.MinSize().Width, width(forms[2]); got != want {
		t.Errorf("least width %v, want the shortest form's %v", got, want)
	}
	for _, c := range []struct {
		width float32
		want  string
	}{
		{width(forms[0]) + 50, forms[0]},
		{width(forms[0]) - 1, forms[1]},
		{width(forms[1]), forms[1]},
		{width(forms[1]) - 1, forms[2]},
		{width(forms[2]) - 20, forms[2]}, // narrower than allowed: the shortest, cut to the width
	} {
		box.Resize(fyne.NewSize(c.width, 40))
		if b.Text != c.want {
			t.Errorf("at %v pixels: %q, want %q", c.width, b.Text, c.want)
		}
		if b.Size().Width > c.width || b.Position().X < 0 {
			t.Errorf("at %v pixels the button is at %v, %v wide", c.width, b.Position().X, b.Size().Width)
		}
	}
}
