package app

import (
	"image/color"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowSpan is a run of text in one style.
type flowSpan struct {
	text      string
	bold      bool
	underline bool
	color     fyne.ThemeColorName // "" = foreground
}

// flowText is word-wrapped, styled, read-only text for the reader. It does
// what a wrapped RichText does for our needs, but wraps by adding up cached
// word widths instead of re-measuring growing substrings of every line:
// laying out a long report's passages drops from about a second to
// milliseconds, which keeps the UI goroutine free.
type flowText struct {
	widget.BaseWidget
	spans []flowSpan

	mu     sync.Mutex // guards the layout below; Fyne may ask for MinSize while laying out
	width  float32    // width the lines were broken for
	tsize  float32    // text size they were measured at
	lines  [][]placedRun
	height float32
}

// placedRun is a styled piece of one line at a horizontal offset.
type placedRun struct {
	x    float32
	text string
	span *flowSpan
}

func newFlowText() *flowText {
	t := &flowText{}
	t.ExtendBaseWidget(t)
	return t
}

// setSpans replaces the text.
func (t *flowText) setSpans(spans []flowSpan) {
	t.mu.Lock()
	t.spans = spans
	t.width = -1
	t.mu.Unlock()
	t.Refresh()
}

// assumedWidth is used to break lines before the widget has a size, so the
// first MinSize is a plausible height rather than one word per line.
const assumedWidth = 600

func (t *flowText) MinSize() fyne.Size {
	w := t.Size().Width
	if w <= 0 {
		w = assumedWidth
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.breakLines(w)
	return fyne.NewSize(0, t.height)
}

func textStyle(s *flowSpan) fyne.TextStyle {
	return fyne.TextStyle{Bold: s.bold, Underline: s.underline}
}

// wordWidths caches measured widths by text size, style and word, shared by
// every flowText: a report's vocabulary is measured once.
var wordWidths = struct {
	sync.Mutex
	m map[wordKey]float32
}{m: map[wordKey]float32{}}

type wordKey struct {
	size  float32
	style fyne.TextStyle
	word  string
}

func measureWord(word string, size float32, style fyne.TextStyle) float32 {
	k := wordKey{size, style, word}
	wordWidths.Lock()
	w, ok := wordWidths.m[k]
	wordWidths.Unlock()
	if ok {
		return w
	}
	w = fyne.MeasureText(word, size, style).Width
	wordWidths.Lock()
	if len(wordWidths.m) > 200_000 { // a crude bound; re-measuring is cheap enough
		clear(wordWidths.m)
	}
	wordWidths.m[k] = w
	wordWidths.Unlock()
	return w
}

// breakLines lays the spans out in lines no wider than width. t.mu is held.
func (t *flowText) breakLines(width float32) {
	size := theme.TextSize()
	if width == t.width && size == t.tsize && t.lines != nil {
		return
	}
	lineH := fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height + theme.LineSpacing()
	pad := theme.InnerPadding()
	avail := max(width-2*pad, 10)
	var lines [][]placedRun
	var line []placedRun
	x := float32(0)
	flush := func() {
		lines = append(lines, line)
		line = nil
		x = 0
	}
	for i := range t.spans {
		sp := &t.spans[i]
		style := textStyle(sp)
		spaceW := measureWord(" ", size, style)
		for _, word := range splitWords(sp.text) {
			trimmed := strings.TrimRight(word, " ")
			w := measureWord(trimmed, size, style)
			if x > 0 && x+w > avail && trimmed != "" {
				flush()
			}
			if x == 0 && trimmed == "" {
				continue // no leading spaces on a wrapped line
			}
			// Extend the previous run when the style continues.
			if n := len(line); n > 0 && line[n-1].span == sp {
				line[n-1].text += word
			} else {
				line = append(line, placedRun{x: x, text: word, span: sp})
			}
			x += w + spaceW*float32(len(word)-len(trimmed))
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		flush()
	}
	t.lines = lines
	t.width, t.tsize = width, size
	t.height = float32(len(lines))*lineH + 2*pad - theme.LineSpacing()
}

// splitWords cuts text after each run of spaces, keeping the spaces with
// the word before them ("a  b" → "a  ", "b").
func splitWords(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && (i+1 == len(s) || s[i+1] != ' ') {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func (t *flowText) CreateRenderer() fyne.WidgetRenderer {
	return &flowRenderer{t: t}
}

type flowRenderer struct {
	t       *flowText
	objects []fyne.CanvasObject
}

func (r *flowRenderer) Layout(size fyne.Size) {
	t := r.t
	t.mu.Lock()
	t.breakLines(size.Width)
	lines := t.lines
	t.mu.Unlock()

	textSize := theme.TextSize()
	lineH := fyne.MeasureText("Mg", textSize, fyne.TextStyle{}).Height + theme.LineSpacing()
	pad := theme.InnerPadding()
	objs := r.objects[:0]
	for li, line := range lines {
		for _, run := range line {
			txt := canvas.NewText(strings.TrimRight(run.text, " "), colorFor(run.span))
			txt.TextSize = textSize
			txt.TextStyle = textStyle(run.span)
			txt.Move(fyne.NewPos(pad+run.x, pad+float32(li)*lineH))
			txt.Resize(fyne.NewSize(max(size.Width-pad-run.x, 0), lineH))
			objs = append(objs, txt)
		}
	}
	r.objects = objs
}

func colorFor(s *flowSpan) color.Color {
	if s.color == "" {
		return theme.Color(theme.ColorNameForeground)
	}
	return theme.Color(s.color)
}

func (r *flowRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *flowRenderer) Refresh() {
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *flowRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *flowRenderer) Destroy() {}
