package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne has no tooltips, and github.com/dweymouth/fyne-tooltip is not on the
// module proxy, so names cut short with an ellipsis (sidebar tags, result
// titles, tag lines, history) show in full in a small panel after the
// pointer rests on them for tipDelay. The panel is drawn in a layer above
// the window's content, not as a canvas overlay: an overlay would take the
// pointer from the name under it (which would hide the tip at once).

// tipDelay is how long the pointer rests on a cut name before its tip shows.
const tipDelay = 500 * time.Millisecond

// tipMaxWidth bounds a tip's width; longer names wrap.
const tipMaxWidth = 480

// tipLayer is the layer the tips are drawn in.
type tipLayer struct {
	box   *fyne.Container
	panel *fyne.Container
	bg    *canvas.Rectangle
	label *widget.Label
	line  *bidiLabel // label, or its text drawn right to left
	owner *hoverTip  // the tip shown, or nil
	// hidden counts hideAll calls: a tip whose pointer came in before the
	// last one does not show (its wait was for a view now gone: found by
	// a hostile pass, a tip appeared over the Sources list a second after
	// Ctrl+4).
	hidden int
}

func newTipLayer() *tipLayer {
	l := &tipLayer{label: widget.NewLabel("")}
	l.label.Wrapping = fyne.TextWrapWord
	l.line = newBidiLabel(l.label)
	l.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	l.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	l.bg.StrokeWidth = 1
	l.bg.CornerRadius = 4
	l.panel = container.NewStack(l.bg, l.line)
	l.panel.Hide()
	l.box = container.New(&freeLayout{}, l.panel)
	return l
}

// show puts text in the panel near at (a canvas position), inside the
// window.
func (l *tipLayer) show(owner *hoverTip, text string, at fyne.Position) {
	l.owner = owner
	l.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	l.bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	if owner != nil && owner.fit != nil && owner.fit.name != "" && owner.fit.full == text {
		// A chip's tag or source, ordered apart from the words around it
		// as on the chip: the tip's one string tore a Hebrew name's
		// brackets apart (a hostile UI pass).
		l.line.SetNamed(owner.fit.before, owner.fit.name, owner.fit.after)
	} else {
		l.line.SetText(text)
	}
	pad := 2 * theme.InnerPadding()
	need := measureText(text, theme.TextSize(), l.label.TextStyle).Width
	if l.line.paras.Visible() {
		need = max(need, oneLineWidth(l.line.flow.spans, theme.TextSize()))
	}
	w := min(need+pad, tipMaxWidth)
	l.line.Resize(fyne.NewSize(w, 0))
	size := fyne.NewSize(w, l.line.MinSize().Height)
	l.panel.Resize(size)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(l.box)
	pos := at.Subtract(origin).AddXY(0, 20) // below the pointer
	area := l.box.Size()
	pos.X = max(0, min(pos.X, area.Width-size.Width))
	if pos.Y+size.Height > area.Height {
		pos.Y = max(0, pos.Y-size.Height-28) // above it, near the bottom
	}
	l.panel.Move(pos)
	l.panel.Show()
	l.panel.Refresh()
}

// oneLineWidth is the width flow text needs to show spans on one line,
// padding aside: its words' and spaces' widths added up as placeFlow adds
// them, and the pixel of slack it keeps. A right-to-left tip as wide as
// its text measured whole broke its last word onto a second line, a
// single word between letters ("…הממשלתי" over "ת"; found by the hostile
// UI pass ui6).
func oneLineWidth(spans []flowSpan, size float32) float32 {
	w := float32(1)
	for _, word := range words(spans) {
		for _, p := range word {
			trimmed := strings.TrimRight(p.text, " ")
			style := textStyle(p.span)
			w += measureWord(trimmed, size, style) + float32(len(p.text)-len(trimmed))*measureWord(" ", size, style)
		}
	}
	return w
}

// hide hides owner's tip (another's stays).
func (l *tipLayer) hide(owner *hoverTip) {
	if l.owner == owner {
		l.owner = nil
		l.panel.Hide()
	}
}

// hideAll hides whatever tip is shown. A list re-filled under a resting
// pointer (new results, a changed library) recycles its rows, and a tip
// would go on naming what is no longer there.
func (l *tipLayer) hideAll() {
	l.hidden++
	if l.owner != nil {
		l.hide(l.owner)
	}
}

// freeLayout leaves its objects where they were put, and asks for no room.
type freeLayout struct{}

func (freeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
func (freeLayout) Layout([]fyne.CanvasObject, fyne.Size) {}

// hoverTip wraps a label that may be cut short; resting the pointer on it
// shows the full text when it is cut.
type hoverTip struct {
	widget.BaseWidget
	label     *widget.Label // or, for newFitTip, nil
	line      *bidiLabel    // label, or its text drawn right to left
	fit       *fitText
	layer     *tipLayer
	at        fyne.Position // the pointer, on the canvas
	work      *worker
	stopTimer func() bool
	since     int // the layer's hidden count when the pointer came in
	// whole, where set, is the text the tip shows and whether it is cut
	// short, for a label drawn as something shorter (the status line's
	// message with its path cut in the middle).
	whole func() (string, bool)
}

var _ desktop.Hoverable = (*hoverTip)(nil)

func newHoverTip(u *UI, l *widget.Label) *hoverTip {
	t := &hoverTip{label: l, line: newBidiLabel(l), layer: u.tips, work: &u.work}
	t.ExtendBaseWidget(t)
	return t
}

// setText sets the label's text (through line: see bidiLabel). A tip
// shown for other text goes: its list row was recycled under the resting
// pointer (scrolled), and the tip named a title no longer there.
func (t *hoverTip) setText(s string) {
	if t.layer.owner == t && t.label.Text != s {
		t.layer.hide(t)
	}
	t.line.SetText(s)
}

// newFitTip shows a fitText whole when it is cut short.
func newFitTip(u *UI, f *fitText) *hoverTip {
	t := &hoverTip{fit: f, layer: u.tips, work: &u.work}
	t.ExtendBaseWidget(t)
	return t
}

func (t *hoverTip) CreateRenderer() fyne.WidgetRenderer {
	if t.fit != nil {
		return widget.NewSimpleRenderer(t.fit)
	}
	return widget.NewSimpleRenderer(t.line)
}

// text is the whole text the tip shows.
func (t *hoverTip) text() string {
	if t.whole != nil {
		s, _ := t.whole()
		return s
	}
	if t.fit != nil {
		return t.fit.full
	}
	return t.label.Text
}

// cut reports whether the label is too narrow for its text.
func (t *hoverTip) cut() bool {
	if t.whole != nil {
		_, cut := t.whole()
		return cut
	}
	return t.labelCut()
}

// labelCut reports whether the label (or fitText) is too narrow for its
// text.
func (t *hoverTip) labelCut() bool {
	if t.fit != nil {
		return t.fit.cut()
	}
	if t.line.paras.Visible() { // drawn as flow text: cut as it lays its line out
		return t.line.flow.cutShort()
	}
	l := t.label
	if l.Text == "" {
		return false
	}
	need := measureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
	return need > l.Size().Width+0.5
}

func (t *hoverTip) MouseIn(ev *desktop.MouseEvent) {
	t.at = ev.AbsolutePosition
	t.since = t.layer.hidden
	t.stop()
	t.stopTimer = t.work.later(tipDelay, t.reveal)
}

func (t *hoverTip) MouseMoved(ev *desktop.MouseEvent) { t.at = ev.AbsolutePosition }

func (t *hoverTip) MouseOut() {
	t.stop()
	t.layer.hide(t)
}

func (t *hoverTip) stop() {
	if t.stopTimer != nil {
		t.stopTimer()
		t.stopTimer = nil
	}
}

// reveal shows the tip if the label is (still) cut short and on screen.
func (t *hoverTip) reveal() {
	t.stopTimer = nil
	if t.since != t.layer.hidden || !t.cut() || !t.Visible() || (t.line != nil && !t.line.Visible()) {
		return
	}
	// Under an open menu or dialog the tip would sit beside it, naming
	// something the user is no longer pointing at.
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c == nil || c.Overlays().Top() != nil {
		return
	}
	t.layer.show(t, t.text(), t.at)
}

// showMenu opens menu at pos (a canvas position) on c, taking down any tip
// first: the menu is what the user is reading now.
func (u *UI) showMenu(menu *fyne.Menu, c fyne.Canvas, pos fyne.Position) {
	u.tips.hideAll()
	widget.ShowPopUpMenuAtPosition(menu, c, pos)
}
