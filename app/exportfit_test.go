package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// At the largest text on an 800×600 screen the export dialog ran past the
// window's right edge, its bundle choice cut to "Annotation bundle for
// backup or another researc" (a UI pass); a long search in its "Only
// passages matching" choice did the same at any size. The dialog fits the
// window; the search is quoted, cut short, below the choices.
func TestExportDialogFitsASmallWindow(t *testing.T) {
	u := newTestUI(t)
	u.find(`"russian government" OR campaign OR kilimnik OR manafort OR deripaska`)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
	})
	u.do(u.showExportDialog)
	top := u.dialog(t, "Export your work")
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		forms := findAll[*widget.Form](top)
		if len(forms) != 1 {
			t.Fatalf("%d forms in the export dialog", len(forms))
		}
		form := forms[0]
		width := u.w.Canvas().Size().Width
		x := fyne.CurrentApp().Driver().AbsolutePositionForObject(form).X
		if x < 0 || x+form.Size().Width > width {
			t.Errorf("the export dialog's choices run from %v to %v, past the window's %v pixels", x, x+form.Size().Width, width)
		}
		for _, label := range []string{"Cancel", "Choose file…"} {
			b := button(t, top, label)
			if y := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Y + b.Size().Height; y > u.w.Canvas().Size().Height {
				t.Errorf("the export dialog's %s button reaches %v, below the window's foot at %v", label, y, u.w.Canvas().Size().Height)
			}
		}
		if least := form.MinSize().Width; form.Size().Width < least {
			t.Errorf("the export dialog's choices get %v pixels of the %v they need", form.Size().Width, least)
		}
		for _, r := range findAll[*radioField](form) {
			for _, o := range r.Options {
				if strings.Contains(o, "kilimnik") {
					t.Errorf("a choice quotes the long search: %q", o)
				}
			}
		}
		var said []string
		for _, l := range findAll[*widget.Label](top) {
			said = append(said, l.Text)
		}
		for _, want := range []string{"The search: “\"russian government\" OR"} {
			if !strings.Contains(strings.Join(said, "\n"), want) {
				t.Errorf("the dialog does not say %q: %q", want, said)
			}
		}
	})
}

// The export dialog scrolled at the largest text in the window an 800×600
// screen gives, with a search: the line quoting it was half hidden under
// the buttons (a UI pass, under Xvfb). That line gives way where the
// window has no room for it (the search box shows the search), and comes
// back where it has: at the default text, and after Ctrl+0.
func TestExportDialogQuoteGivesWayInASmallWindow(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	quote := func() *widget.Label {
		t.Helper()
		for _, l := range findAll[*widget.Label](u.dialog(t, "Export your work")) {
			if strings.HasPrefix(l.Text, "The search:") {
				return l
			}
		}
		t.Fatal("the export dialog does not quote the search")
		return nil
	}
	check := func(when string, shown bool) {
		t.Helper()
		u.do(func() { u.w.Canvas().Capture() })
		u.do(func() {
			if got := quote().Visible(); got != shown {
				t.Errorf("%s the search's quote is shown: %v, want %v", when, got, shown)
			}
			for _, s := range findAll[*container.Scroll](u.dialog(t, "Export your work")) {
				if need, has := s.Content.MinSize().Height, s.Size().Height; need > has+0.5 {
					t.Errorf("%s the export dialog scrolls: its body needs %v pixels, has %v", when, need, has)
				}
			}
		})
	}
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
	})
	u.do(u.showExportDialog)
	check("at the largest text on an 800×600 screen", false)
	u.do(func() { u.setTextScale(defaultTextScale) })
	check("back at the default text", true)
	u.press(t, fyne.KeyEscape, 0)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	u.do(u.showExportDialog)
	check("at the default text in a 1280×800 window", true)
}
