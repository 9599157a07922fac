package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapHint is a short message in the theme's dimmed colour, centred in
// the room it is given and wrapped at spaces only: the empty reader's
// "Select a result or a document to read it here.". As a word-wrapped
// Label in a narrow reader it was broken between letters ("Selec|t a
// resul|t", found under Xvfb at 560×480 and the largest text), and its
// wrapped height, a word a line, counted in the window's: the window grew
// past the foot of a 480-pixel screen. Here the hint asks for a line's
// height and its longest word's width: a reader too narrow for a word is
// too narrow to read in, and without a least width the empty reader was
// squeezed to two letters beside the Library there. Where its lines do
// not all fit, the last one shown ends in "…"; a word wider than the
// whole width (only then) is cut, with "…".
type wrapHint struct {
	widget.BaseWidget
	text string
	// cut: the hint asks only for its first word's width, the rest cut
	// with "…" where the reader is narrower. "Opening NAME…" asked for a
	// long file name's width: at the largest text on an 800×600 screen
	// the window grew to 938 pixels while the file opened, its File menu
	// and the banner's start off the screen (a hostile UI pass).
	cut bool
}

func newWrapHint(text string) *wrapHint {
	h := &wrapHint{text: text}
	h.ExtendBaseWidget(h)
	return h
}

// setText shows text instead.
func (h *wrapHint) setText(text string) {
	if h.text != text || h.cut {
		h.text, h.cut = text, false
		h.Refresh()
	}
}

// setTextCut shows text, which may hold a long name, asking only for its
// first word's width (see cut).
func (h *wrapHint) setTextCut(text string) {
	if h.text != text || !h.cut {
		h.text, h.cut = text, true
		h.Refresh()
	}
}

func (h *wrapHint) CreateRenderer() fyne.WidgetRenderer {
	return &wrapHintRenderer{h: h}
}

// wrapWords breaks text into lines no wider than width, at spaces; a
// word wider than width on its own ends in "…" (just "…" where not even
// its first letter fits).
func wrapWords(text string, width, size float32, style fyne.TextStyle) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" {
			if measureText(line+" "+word, size, style).Width <= width {
				line += " " + word
				continue
			}
			lines = append(lines, line)
		}
		line = fitWord(word, width, size, style)
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fitWord is word, or as much of it as fits width followed by "…".
func fitWord(word string, width, size float32, style fyne.TextStyle) string {
	if measureText(word, size, style).Width <= width {
		return word
	}
	ell := measureText("…", size, style).Width
	return word[:fitPrefix(word, width-ell, size, style)] + "…"
}

type wrapHintRenderer struct {
	h     *wrapHint
	texts []*canvas.Text
	objs  []fyne.CanvasObject
}

func (r *wrapHintRenderer) lineHeight() float32 {
	return measureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
}

// MinSize is a line's height and the longest word's width, with the
// padding a Label has.
func (r *wrapHintRenderer) MinSize() fyne.Size {
	w := float32(0)
	for _, word := range strings.Fields(r.h.text) {
		w = max(w, measureText(word, theme.TextSize(), fyne.TextStyle{}).Width)
		if r.h.cut {
			break
		}
	}
	return fyne.NewSize(w+2*theme.InnerPadding(), r.lineHeight()+2*theme.InnerPadding())
}

func (r *wrapHintRenderer) Layout(size fyne.Size) {
	pad := theme.InnerPadding()
	tsize := theme.TextSize()
	lines := wrapWords(r.h.text, size.Width-2*pad, tsize, fyne.TextStyle{})
	lh := r.lineHeight()
	room := max(int((size.Height-2*pad)/lh), 1)
	if len(lines) > room {
		lines = lines[:room]
		lines[room-1] = withEllipsisAt(strings.TrimSuffix(lines[room-1], "…"), size.Width-2*pad, tsize)
	}
	for len(r.texts) < len(lines) {
		t := canvas.NewText("", nil)
		r.texts = append(r.texts, t)
		r.objs = append(r.objs, t)
	}
	c := theme.Color(theme.ColorNameDisabled)
	top := (size.Height - float32(len(lines))*lh) / 2
	for i, t := range r.texts {
		if i >= len(lines) {
			t.Hide()
			continue
		}
		w := measureText(lines[i], tsize, fyne.TextStyle{}).Width
		t.Text, t.TextSize, t.Color = lines[i], tsize, c
		t.Move(fyne.NewPos((size.Width-w)/2, top+float32(i)*lh))
		t.Resize(fyne.NewSize(w, lh))
		t.Show()
		t.Refresh()
	}
}

// withEllipsisAt is line ended with "…" within width: whole words are
// dropped from its end until it fits; a first word that does not fit is
// cut.
func withEllipsisAt(line string, width, size float32) string {
	for {
		line = strings.TrimRight(line, ",;: ")
		if measureText(line+"…", size, fyne.TextStyle{}).Width <= width {
			return line + "…"
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			return fitWord(line+"…", width, size, fyne.TextStyle{})
		}
		line = line[:i]
	}
}

func (r *wrapHintRenderer) Refresh()                     { r.Layout(r.h.Size()) }
func (r *wrapHintRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *wrapHintRenderer) Destroy()                     {}
