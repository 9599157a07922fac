package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// flowMark is a byte range of a flowText drawn over a background colour: a
// bookmarked or tagged span, or the selection.
type flowMark struct {
	start, end int
	color      fyne.ThemeColorName
}

// show replaces text, marks and selection with one layout (the reader
// paints many passages at once).
func (t *flowText) show(spans []flowSpan, marks []flowMark, selStart, selEnd int) {
	spans = showableSpans(spans)
	t.mu.Lock()
	t.spans = spans
	t.width = -1
	t.mu.Unlock()
	t.marks = marks
	if selStart >= selEnd {
		selStart, selEnd = 0, 0
	}
	t.sel = flowMark{start: selStart, end: selEnd, color: theme.ColorNameSelection}
	t.Refresh()
}

// setSelection shows [start, end) as selected; an empty range clears it.
func (t *flowText) setSelection(start, end int) {
	if start >= end {
		start, end = 0, 0
	}
	if t.sel.start == start && t.sel.end == end {
		return
	}
	t.sel = flowMark{start: start, end: end, color: theme.ColorNameSelection}
	t.Refresh()
}

// box is a horizontal extent on one line.
type box struct {
	line int
	x, w float32
}

// rangeBoxes is where the bytes [start, end) of the text lie, line by line.
func rangeBoxes(lines [][]placedRun, start, end int, size float32) []box {
	if start >= end {
		return nil
	}
	var out []box
	for li, line := range lines {
		for k, run := range line {
			if run.start < 0 {
				continue
			}
			from, to := max(start-run.start, 0), min(end-run.start, len(run.text))
			if k == len(line)-1 { // no box over the spaces that end a line
				to = min(to, len(strings.TrimRight(run.text, " ")))
			}
			if from >= to {
				continue
			}
			style := textStyle(run.span)
			x0 := run.x + measureWord(run.text[:from], size, style)
			x1 := run.x + measureWord(run.text[:to], size, style)
			if run.rtl { // its first character is at its right
				w := measureWord(run.text, size, style)
				x0, x1 = run.x+w-(x1-run.x), run.x+w-(x0-run.x)
			}
			if n := len(out); n > 0 && out[n-1].line == li && out[n-1].x+out[n-1].w >= x0-0.5 {
				out[n-1].w = x1 - out[n-1].x // one box across style changes
				continue
			}
			out = append(out, box{li, x0, x1 - x0})
		}
	}
	return out
}

// offsetAt is the byte offset in the text nearest to pos (relative to the
// widget): between the characters on either side of the point.
func (t *flowText) offsetAt(pos fyne.Position) int {
	t.mu.Lock()
	t.breakLines(t.Size().Width)
	lines, size := t.lines, t.tsize
	t.mu.Unlock()
	if len(lines) == 0 {
		return 0
	}
	pad := theme.InnerPadding()
	li := min(max(int((pos.Y-pad)/flowLineHeight()), 0), len(lines)-1)
	px := pos.X - pad
	if pos.Y < pad {
		px = -1 // above the text: its start
	}
	after := -1
	for _, run := range lines[li] {
		if run.start < 0 {
			continue
		}
		// A right-to-left run (see reorderRow) starts at its right.
		if after < 0 && px < run.x {
			if run.rtl {
				return run.start + len(run.text)
			}
			return run.start
		}
		style := textStyle(run.span)
		text := strings.TrimRight(run.text, " ")
		w := measureWord(text, size, style)
		if px <= run.x+w {
			if run.rtl {
				return run.start + nearestBoundary(text, run.x+w-px, size, style)
			}
			return run.start + nearestBoundary(text, px-run.x, size, style)
		}
		after = run.start + len(run.text)
		if run.rtl {
			after = run.start
		}
	}
	if after < 0 {
		return 0
	}
	return after
}

// nearestBoundary is the character boundary of text closest to dx.
func nearestBoundary(text string, dx, size float32, style fyne.TextStyle) int {
	prevW := float32(0)
	for i, r := range text {
		next := i + utf8.RuneLen(r)
		w := measureText(text[:next], size, style).Width
		if dx < (prevW+w)/2 {
			return i
		}
		prevW = w
	}
	return len(text)
}

// selectableText is flowText that the mouse can select in: a drag selects,
// and onSelect hears the selected byte range, trimmed of spaces, when the
// drag ends. (Plain flowText leaves drags to what holds it, so result
// lists still scroll.)
type selectableText struct {
	flowText
	onSelect func(start, end int)
	onTap    func(offset int) // a click, at that byte offset of the text
	// plainMarks, if set, reports that the text's "<FN12>" marks are the
	// document's own words, not footnote references (store.NoteReferences):
	// a selection takes a mark it cuts whole rather than leaving it out.
	plainMarks func() bool
	dragging   bool
	anchor     int
}

var (
	_ fyne.Draggable     = (*selectableText)(nil)
	_ fyne.Tappable      = (*selectableText)(nil)
	_ desktop.Cursorable = (*selectableText)(nil)
)

func newSelectableText(onSelect func(start, end int)) *selectableText {
	t := &selectableText{onSelect: onSelect}
	t.outer = t
	t.ExtendBaseWidget(t)
	return t
}

func (t *selectableText) Cursor() desktop.Cursor { return desktop.TextCursor }

func (t *selectableText) Tapped(e *fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap(t.offsetAt(e.Position))
	}
}

func (t *selectableText) Dragged(e *fyne.DragEvent) {
	if !t.dragging {
		t.dragging = true
		t.anchor = t.offsetAt(e.Position.Subtract(e.Dragged))
	}
	cur := t.offsetAt(e.Position)
	t.setSelection(min(t.anchor, cur), max(t.anchor, cur))
}

func (t *selectableText) DragEnd() {
	t.dragging = false
	text := t.text()
	start, end := trimRange(text, t.sel.start, t.sel.end)
	start, end = wholeWords(text, start, end)
	if t.plainMarks != nil && t.plainMarks() {
		start, end = store.AroundNoteMarks(text, start, end)
	} else {
		start, end = store.OutsideNoteMarks(text, start, end)
	}
	start, end = trimRange(text, start, end)
	t.setSelection(start, end)
	if t.onSelect != nil {
		t.onSelect(start, end)
	}
}

// text is the whole text of the spans.
func (t *flowText) text() string {
	var b strings.Builder
	for _, s := range t.spans {
		b.WriteString(s.text)
	}
	return b.String()
}

// wholeWords widens a non-empty [start, end) of text to whole words: a
// quote that cuts a word in half is almost always a slip of the mouse. A
// character joined to the one before it (a mark, a zero-width joiner and
// what it joins, an emoji's skin tone) belongs to its word.
func wholeWords(text string, start, end int) (int, int) {
	if start >= end {
		return start, end
	}
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		next, _ := utf8.DecodeRuneInString(text[start:])
		if !isWordRune(r) && !joinsBefore(next) && r != zwj {
			break
		}
		start -= n
	}
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		prev, _ := utf8.DecodeLastRuneInString(text[:end])
		if !isWordRune(r) && !joinsBefore(r) && prev != zwj {
			break
		}
		end += n
	}
	return start, end
}

// zwj is the zero-width joiner, which joins the characters either side of
// it: "👨‍👩‍👧" is one family.
const zwj = '\u200d'

// isWordRune reports whether r is part of a word. Marks of every kind
// are: Hindi's vowel signs are spacing marks (Mc), and "किताब" was cut at
// "कि"'s; so is the zero-width non-joiner inside a Persian word ("می‌خواهد"
// was cut in two at it; a hostile data pass).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u200c' || r == '\'' || r == '’'
}

// joinsBefore reports whether r joins the character before it into one:
// a mark (a variation selector too), a zero-width joiner, or an emoji's
// skin tone. A selection that ended between them quoted half an emoji.
func joinsBefore(r rune) bool {
	return unicode.IsMark(r) || r == zwj || r >= 0x1f3fb && r <= 0x1f3ff
}

// trimRange narrows [start, end) of text to leave out white space at
// either end; an empty result is (0, 0).
func trimRange(text string, start, end int) (int, int) {
	start, end = max(start, 0), min(end, len(text))
	for start < end && (text[start] == ' ' || text[start] == '\n') {
		start++
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\n') {
		end--
	}
	if start >= end {
		return 0, 0
	}
	return start, end
}
