package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitText is one line of text in a given size, style and colour that asks
// for its whole width but takes the width it is given: narrower, it ends in
// "…" (a chip at the largest text size, wider than the reader). Wrapped in
// a hoverTip (newFitTip), it shows whole when the pointer rests on it.
type fitText struct {
	widget.BaseWidget
	full string
	text *canvas.Text
	// flow draws the text instead while it holds a right-to-left letter:
	// Fyne draws a text's words in stored order, so a Hebrew tag's chip
	// read backwards word by word, and "Claim by ערוץ 12 (גרסה 2), likely"
	// tore the name's brackets apart. One line of flow text orders the
	// words, the name (see newFitTextNamed) apart from the words around it.
	flow *flowText
	// before, name, after: the text's parts (newFitTextNamed), the name
	// ordered apart in the tip too.
	before, name, after string
	// mark is a chip's state mark ending the text (" ?" suggested, " ✓"
	// accepted; a tag chip's with " (document)"), still shown after the
	// ellipsis when the text is cut: a suggested claim cut short lost its
	// "?", and a suggested document tag its " ? (document)" (hostile UI
	// passes).
	mark string
}

// stateMark is the state mark that ends s, if any.
func stateMark(s string) string {
	for _, m := range []string{" ? (document)", " (document)", " ?", " ✓"} {
		if strings.HasSuffix(s, m) {
			return m
		}
	}
	return ""
}

func newFitText(s string, size float32, style fyne.TextStyle, c color.Color) *fitText {
	f := &fitText{full: s, text: canvas.NewText(s, c)}
	f.text.TextSize, f.text.TextStyle = size, style
	f.ExtendBaseWidget(f)
	return f
}

// newFitTextNamed is newFitText of before+name+after in the theme's size
// sizeName, the name ordered apart from the words around it where the text
// reads right to left.
func newFitTextNamed(before, name, after string, sizeName fyne.ThemeSizeName, style fyne.TextStyle, c color.Color) *fitText {
	f := newFitText(before+name+after, theme.Size(sizeName), style, c)
	f.before, f.name, f.after = before, name, after
	f.mark = stateMark(after)
	if !hasRTL(f.full) {
		return f
	}
	flow := newFlowText()
	flow.sizeName, flow.leading, flow.labelSpacing, flow.ink = sizeName, true, true, c
	flow.setMaxLines(1)
	span := func(s string, isolate bool) flowSpan {
		return flowSpan{text: s, bold: style.Bold, italic: style.Italic, isolate: isolate}
	}
	var spans []flowSpan
	if before != "" {
		spans = append(spans, span(before, false))
	}
	if name != "" {
		spans = append(spans, span(name, true))
	}
	if body := strings.TrimSuffix(after, f.mark); body != "" {
		spans = append(spans, span(body, false))
	}
	if f.mark != "" {
		mark := span(f.mark, false)
		mark.kept = true
		spans = append(spans, mark)
	}
	flow.setSpans(spans)
	f.flow = flow
	return f
}

// whole is the width and height of the whole text. Drawn as flow text, it
// is as wide as the flow lays it out, word by word, where that is wider
// than the string measured at once (an italic emoji's space is measured
// apart): at the string's width, an italic "🕵️ מקורות 123 ?" was cut to
// "…" with room to spare (a hostile UI pass).
func (f *fitText) whole() fyne.Size {
	s := measureText(f.full, f.text.TextSize, f.text.TextStyle)
	if f.flow != nil {
		f.flow.mu.Lock()
		spans := f.flow.spans
		f.flow.mu.Unlock()
		if rows, _ := placeFlow(themeSizes(), spans, 1e6, f.text.TextSize, 1, nil); len(rows) > 0 && len(rows[0]) > 0 {
			end := rows[0][len(rows[0])-1]
			s.Width = max(s.Width, end.x+end.w)
		}
	}
	return s
}

// cut reports whether the text is cut short.
func (f *fitText) cut() bool {
	if f.flow != nil {
		return f.flow.cutShort()
	}
	return f.Size().Width+0.5 < f.whole().Width
}

func (f *fitText) CreateRenderer() fyne.WidgetRenderer { return &fitRenderer{f: f} }

type fitRenderer struct{ f *fitText }

func (r *fitRenderer) Layout(size fyne.Size) {
	f := r.f
	if f.flow != nil {
		// Flow text pads itself: drawn over the padding, its words sit
		// where the label's would, and a pixel of the slack it keeps for
		// rounding is given back, so a text that fits is not cut.
		pad := theme.InnerPadding()
		f.flow.Move(fyne.NewPos(-pad, -pad))
		f.flow.Resize(fyne.NewSize(size.Width+2*pad+1, size.Height+2*pad))
		return
	}
	f.text.Text = f.full
	if f.whole().Width > size.Width+0.5 {
		ell := measureText("…"+f.mark, f.text.TextSize, f.text.TextStyle).Width
		body := strings.TrimSuffix(f.full, f.mark)
		// Not "threa……" where the text was shortened already, nor "likely, …".
		kept := strings.TrimRight(body[:fitPrefix(body, size.Width-ell, f.text.TextSize, f.text.TextStyle)], "…,;: ")
		f.text.Text = kept + "…" + f.mark
	}
	f.text.Resize(size)
}

func (r *fitRenderer) MinSize() fyne.Size { return r.f.whole() }
func (r *fitRenderer) Refresh() {
	r.Layout(r.f.Size())
	if r.f.flow != nil {
		r.f.flow.Refresh()
		return
	}
	r.f.text.Refresh()
}

func (r *fitRenderer) Objects() []fyne.CanvasObject {
	if r.f.flow != nil {
		return []fyne.CanvasObject{r.f.flow}
	}
	return []fyne.CanvasObject{r.f.text}
}
func (r *fitRenderer) Destroy() {}
