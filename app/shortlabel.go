package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortLabel is a one-line label with several forms of its text, longest
// first ("Hit 73 of 157", "73 of 157", "73/157"): it shows the longest that
// fits its width, and only the last is cut with "…". The reader's hit
// count, cut to "Hit …" when the reader was narrow (the largest text, the
// claims ledger open beside it), told nothing (found by a UI pass).
type shortLabel struct {
	widget.BaseWidget
	forms []string
	label *widget.Label
	// least, if set, is a text the label's least width is wide enough
	// for: its shortest form is then never cut. Unset, the least width is
	// an ellipsis's.
	least string
}

func newShortLabel(align fyne.TextAlign) *shortLabel {
	l := widget.NewLabel("")
	l.Alignment = align
	l.Truncation = fyne.TextTruncateEllipsis
	s := &shortLabel{label: l}
	s.ExtendBaseWidget(s)
	return s
}

// SetForms sets the text's forms, longest first.
func (s *shortLabel) SetForms(forms ...string) {
	s.forms = forms
	s.fit(s.Size().Width)
}

// SetLeast sets the text the label's least width is wide enough for.
func (s *shortLabel) SetLeast(text string) {
	if s.least != text {
		s.least = text
		s.Refresh()
	}
}

// Text is the text's longest form, "" when it has none.
func (s *shortLabel) Text() string {
	if len(s.forms) == 0 {
		return ""
	}
	return s.forms[0]
}

// Shown is the form the label shows.
func (s *shortLabel) Shown() string { return s.label.Text }

// fit shows the longest form that fits width (the last if none does).
func (s *shortLabel) fit(width float32) {
	text := ""
	for i, f := range s.forms {
		text = f
		if i == len(s.forms)-1 || s.formWidth(f) <= width {
			break
		}
	}
	if s.label.Text != text {
		s.label.SetText(text)
	}
}

// formWidth is the width the label needs to show text whole. A pixel
// spare: the painter rounds to whole pixels, and a text a fraction too
// wide is cut to an ellipsis.
func (s *shortLabel) formWidth(text string) float32 {
	return measureText(text, theme.TextSize(), s.label.TextStyle).Width + 2*theme.InnerPadding() + 1
}

func (s *shortLabel) CreateRenderer() fyne.WidgetRenderer { return &shortLabelRenderer{s} }

type shortLabelRenderer struct{ s *shortLabel }

func (r *shortLabelRenderer) Layout(size fyne.Size) {
	r.s.fit(size.Width)
	r.s.label.Resize(size)
}

func (r *shortLabelRenderer) MinSize() fyne.Size {
	m := r.s.label.MinSize()
	if r.s.least != "" {
		m.Width = max(m.Width, r.s.formWidth(r.s.least))
	}
	return m
}

func (r *shortLabelRenderer) Refresh()                     { r.Layout(r.s.Size()); r.s.label.Refresh() }
func (r *shortLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.s.label} }
func (r *shortLabelRenderer) Destroy()                     {}
