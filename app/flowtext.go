package app

import (
	"context"
	"image/color"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// flowSpan is a run of text in one style.
type flowSpan struct {
	text      string
	bold      bool
	italic    bool
	mono      bool // monospace: an example to type
	underline bool
	color     fyne.ThemeColorName // "" = foreground
	// kept: a closing mark (a suggestion's "?") still shown, after the
	// ellipsis, when the text is cut short; only trailing spans are kept.
	kept bool
	// breakBefore: a line may break before the span even where no space
	// comes before it (a footnote reference glued to its word).
	breakBefore bool
	// isolate: the span's words are ordered apart from the text around
	// them, in the direction of their first strong letter, as Unicode's
	// first-strong isolate orders them (a name quoted in a message: see
	// quotedIsolates).
	isolate bool
	// hyphens: a line may break after a hyphen between letters in the
	// span ("intelligence-|gathering"): documents' text, not the claims
	// ledger's, which sizes its columns for hyphenated words whole.
	hyphens bool
}

// flowText is word-wrapped, styled, read-only text: the reader's passages
// and the result rows' snippets. It wraps by adding up cached word widths
// instead of re-measuring growing substrings of every line (a long report's
// passages lay out in milliseconds, not a second), breaks lines only at
// spaces even where a word changes style part-way ("Trump's" with "Trump"
// highlighted), and, given maxLines, ends cut text with an ellipsis rather
// than drawing a line it has no room for.
type flowText struct {
	widget.BaseWidget
	spans    []flowSpan
	maxLines int // 0: as many lines as the text needs
	// sizeName is the text's size ("": the theme's text size). A heading's
	// flow text (see bidiLabel) is not selected, marked or underlined,
	// which are drawn at the text size.
	sizeName fyne.ThemeSizeName
	// leading: right-to-left lines start at the left too, as a label's
	// text does in a left-to-right window (a title in a list). Not for
	// text with marks, a selection or underlines.
	leading bool
	// labelSpacing: lines as far apart as a label's (a message, a tip in
	// place of one), not the reader's airier ones.
	labelSpacing bool
	// centered: each line is centred, as a centred label's are (a
	// message in place of results).
	centered bool
	// ink, if set, is every span's colour (a chip's text, in a colour
	// chosen against the chip's tint).
	ink   color.Color
	outer fyne.CanvasObject // what the canvas holds: t, or the widget embedding it

	marks      []flowMark      // spans drawn with a background (bookmarked, tagged)
	sel        flowMark        // the selection, if end > start
	underlines []flowUnderline // spans drawn with a line under them (claims)

	mu        sync.Mutex // guards the layout below; Fyne may ask for MinSize while laying out
	width     float32    // width the lines were broken for
	tsize     float32    // text size they were measured at
	lines     [][]placedRun
	truncated bool
}

// placedRun is a styled piece of one line at a horizontal offset; start is
// its byte offset in the whole text (-1 for an added ellipsis).
type placedRun struct {
	x     float32
	text  string
	span  *flowSpan
	start int
	rtl   bool // drawn right to left: its first character is at its right
}

func newFlowText() *flowText {
	t := &flowText{}
	t.outer = t
	t.ExtendBaseWidget(t)
	return t
}

// setSpans replaces the text (bidirectional controls shown, see showable).
func (t *flowText) setSpans(spans []flowSpan) {
	spans = showableSpans(spans)
	t.mu.Lock()
	t.spans = spans
	t.width = -1
	t.mu.Unlock()
	t.Refresh()
}

// showableSpans is spans with their texts showable (a copy if any was not:
// the caller's are left as they are).
func showableSpans(spans []flowSpan) []flowSpan {
	for i := range spans {
		if shown := showable(spans[i].text); shown != spans[i].text {
			spans = slices.Clone(spans)
			for j := i; j < len(spans); j++ {
				spans[j].text = showable(spans[j].text)
			}
			break
		}
	}
	return spans
}

// setMaxLines limits the text to n lines (0: no limit).
func (t *flowText) setMaxLines(n int) {
	t.mu.Lock()
	changed := t.maxLines != n
	t.maxLines = n
	if changed {
		t.width = -1
	}
	t.mu.Unlock()
	if changed {
		t.Refresh()
	}
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
	return fyne.NewSize(0, float32(max(len(t.lines), 1))*t.lineHeight()+2*theme.InnerPadding()-t.lastSpacing())
}

// textSize is the size the text is drawn at.
func (t *flowText) textSize() float32 {
	if t.sizeName != "" {
		return theme.Size(t.sizeName)
	}
	return theme.TextSize()
}

// lineHeight is the distance between two of t's lines' tops.
func (t *flowText) lineHeight() float32 {
	switch {
	case t.labelSpacing:
		return measureText("Mg", t.textSize(), fyne.TextStyle{}).Height
	case t.sizeName == "":
		return flowLineHeight()
	}
	return measureText("Mg", t.textSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
}

// lastSpacing is the line spacing that lineHeight counts after the last
// line, which the text's height leaves out.
func (t *flowText) lastSpacing() float32 {
	if t.labelSpacing {
		return 0
	}
	return theme.LineSpacing()
}

// flowLineHeight is the distance between two lines' tops.
func flowLineHeight() float32 {
	size, spacing := theme.TextSize(), theme.LineSpacing()
	lineHeight.Lock()
	defer lineHeight.Unlock()
	if lineHeight.size != size || lineHeight.spacing != spacing || lineHeight.h == 0 {
		// Asked by every flowText's MinSize in every frame: measured once
		// per text size, not each time (a thread-id check and a shaping
		// per row per frame kept the UI goroutine busy while the busy bar
		// spun).
		lineHeight.size, lineHeight.spacing = size, spacing
		lineHeight.h = measureText("Mg", size, fyne.TextStyle{}).Height + spacing
	}
	return lineHeight.h
}

var lineHeight struct {
	sync.Mutex
	size, spacing, h float32
}

// flowHeight is the height of n lines of flowText, padding included.
func flowHeight(n int) float32 {
	return float32(max(n, 1))*flowLineHeight() + 2*theme.InnerPadding() - theme.LineSpacing()
}

// flowLineCount is how many lines spans take at width (at most maxLines,
// if not 0) — what a flowText of that width will show.
func flowLineCount(spans []flowSpan, width float32, maxLines int) int {
	lines, _ := layoutFlow(spans, width, theme.TextSize(), maxLines)
	return max(len(lines), 1)
}

// textStyle is the style a span is measured in (an underline changes no
// width); drawStyle adds the underline.
func textStyle(s *flowSpan) fyne.TextStyle {
	return fyne.TextStyle{Bold: s.bold, Italic: s.italic, Monospace: s.mono}
}

func drawStyle(s *flowSpan) fyne.TextStyle {
	return fyne.TextStyle{Bold: s.bold, Italic: s.italic, Monospace: s.mono, Underline: s.underline}
}

// measuring serialises text measuring: rows are measured on worker
// goroutines too (the reader's passages, the claims ledger's rows), and
// Fyne's font-metrics cache is not safe for concurrent use.
var measuring sync.Mutex

// measureText is fyne.MeasureText, one call at a time.
func measureText(text string, size float32, style fyne.TextStyle) fyne.Size {
	var s fyne.Size
	shaping(func() { s = fyne.MeasureText(text, size, style) })
	return s
}

// shaping runs f, which measures text, where Fyne's font caches may be
// used: on the UI goroutine, waiting for it from a worker (shaping on a
// worker raced with the labels it draws: race detector), one call at a time.
func shaping(f func()) {
	if onWorker() {
		uiTrips.Add(1)
		fyne.DoAndWait(f)
		return
	}
	measuring.Lock()
	defer measuring.Unlock()
	f()
}

// uiTrips counts the trips workers made to the UI goroutine to measure.
var uiTrips atomic.Int64

// measureBatch is how many words a worker has measured per trip to the UI
// goroutine: a few milliseconds of its time, so typing stays smooth, and
// each trip waits for a frame (256 against 64: a first page 1.1 -> 0.8 s).
const measureBatch = 256

// measureWords caches the widths of the words of keys not measured yet.
// A worker measures them in batches, one trip to the UI goroutine each:
// one trip per word made a new page wait for a busy UI goroutine hundreds
// of times (results took seconds to show under load). It stops early when
// ctx ends.
func measureWords(ctx context.Context, keys []wordKey) {
	var missing []wordKey
	seen := map[wordKey]bool{}
	wordWidths.Lock()
	for _, k := range keys {
		if _, ok := wordWidths.m[k]; !ok && k.word != "" && !seen[k] {
			seen[k] = true
			missing = append(missing, k)
		}
	}
	wordWidths.Unlock()
	for len(missing) > 0 && ctx.Err() == nil {
		batch := missing[:min(len(missing), measureBatch)]
		missing = missing[len(batch):]
		widths := make([]float32, len(batch))
		shaping(func() {
			for i, k := range batch {
				widths[i] = fyne.MeasureText(k.word, k.size, k.style).Width
			}
		})
		wordWidths.Lock()
		if len(wordWidths.m)+len(batch) > maxWordWidths {
			clear(wordWidths.m)
		}
		for i, k := range batch {
			wordWidths.m[k] = widths[i]
		}
		wordWidths.Unlock()
	}
}

// spanWords are the keys of the words layoutFlow measures for spans at
// size (each word trimmed of its spaces, and a space in each style).
func spanWords(spans []flowSpan, size float32) []wordKey {
	var keys []wordKey
	for _, word := range words(spans) {
		for _, p := range word {
			style := textStyle(p.span)
			keys = append(keys, wordKey{size, style, strings.TrimRight(p.text, " ")}, wordKey{size, style, " "})
		}
	}
	return append(keys, wordKey{size, fyne.TextStyle{}, "…"})
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

// maxWordWidths bounds wordWidths, crudely: re-measuring is cheap enough.
const maxWordWidths = 200_000

func measureWord(word string, size float32, style fyne.TextStyle) float32 {
	if word == "" {
		return 0
	}
	k := wordKey{size, style, word}
	wordWidths.Lock()
	w, ok := wordWidths.m[k]
	wordWidths.Unlock()
	if ok {
		return w
	}
	w = measureText(word, size, style).Width
	wordWidths.Lock()
	if len(wordWidths.m) > maxWordWidths {
		clear(wordWidths.m)
	}
	wordWidths.m[k] = w
	wordWidths.Unlock()
	return w
}

// cutShort reports whether the text, as last laid out, ends in "…": what
// a tip over it asks (measuring the whole text instead disagreed with the
// lines within a pixel or two either way, as words are measured one by
// one here).
func (t *flowText) cutShort() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.truncated
}

// breakLines lays the spans out for width. t.mu is held.
func (t *flowText) breakLines(width float32) {
	size := t.textSize()
	if width == t.width && size == t.tsize && t.lines != nil {
		return
	}
	t.lines, t.truncated = layoutFlow(t.spans, width, size, t.maxLines)
	t.width, t.tsize = width, size
}

// piece is the part of a word in one span; only a word's last piece may
// end in spaces.
type piece struct {
	span *flowSpan
	text string
	off  int // byte offset in the whole text; -1 for an added ellipsis
}

// words groups spans' text into words — the pieces between spaces (or
// after a dash a line may break at, or before a span that allows a break),
// each with the spaces that follow it —
// so that a line never breaks inside a word whose style changes part-way.
func words(spans []flowSpan) [][]piece {
	var out [][]piece
	var cur []piece
	off := 0
	for i := range spans {
		sp := &spans[i]
		if sp.breakBefore && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		parts := splitWordsIn(sp.text, sp.hyphens)
		for j, part := range parts {
			cur = append(cur, piece{sp, part, off})
			off += len(part)
			if strings.HasSuffix(part, " ") || j < len(parts)-1 && endsWord(part) || j == len(parts)-1 && i+1 < len(spans) && dashBeforeSpan(part, spans[i+1].text, sp.hyphens) {
				out = append(out, cur)
				cur = nil
			}
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// placed is a piece put on a line: its left edge, and the width it takes
// with its trailing spaces.
type placed struct {
	piece
	x, w  float32
	rtl   bool // drawn right to left (see reorderRow)
	alone bool // drawn as a run of its own
}

// layoutFlow breaks spans into lines no wider than width (less padding) at
// text size size; with maxLines > 0 it stops there and ends the last line
// with an ellipsis, reporting truncated.
func layoutFlow(spans []flowSpan, width, size float32, maxLines int) (lines [][]placedRun, truncated bool) {
	return layoutFlowIn(themeSizes(), spans, width, size, maxLines)
}

// layoutFlowIn is layoutFlow with the theme's sizes ls: on a worker, those
// the UI goroutine took for it (see layoutSizes).
func layoutFlowIn(ls layoutSizes, spans []flowSpan, width, size float32, maxLines int) (lines [][]placedRun, truncated bool) {
	if onWorker() {
		measureWords(context.Background(), spanWords(spans, size)) // in batches: see measureWords
	}
	rows, truncated := placeFlow(ls, spans, width, size, maxLines, nil)
	if truncated {
		// Cut short, the kept spans (a suggestion's "?") end the last line
		// after the ellipsis: cut with the rest, a suggested claim looked
		// like an accepted one (found by a hostile pass).
		body := spans
		for len(body) > 0 && body[len(body)-1].kept {
			body = body[:len(body)-1]
		}
		if len(body) < len(spans) && len(body) > 0 {
			rows, _ = placeFlow(ls, body, width, size, maxLines, spans[len(body):])
		}
	}
	if spansHaveRTL(spans) {
		bidiRows(rows, paragraphRTL(spans), max(width-2*ls.innerPadding-1, 10), size)
	}
	return mergeRuns(rows), truncated
}

// placeFlow is layoutFlow before pieces are merged into runs. Given a tail
// (kept spans), it lays out spans as cut short: the last line ends with the
// ellipsis, then the tail.
func placeFlow(ls layoutSizes, spans []flowSpan, width, size float32, maxLines int, tail []flowSpan) (rows [][]placed, truncated bool) {
	// A pixel of slack: a run is drawn as one string, whose width can round
	// a little differently from the sum of its words.
	avail := max(width-2*ls.innerPadding-1, 10)
	var row []placed
	x := float32(0)
	full := func() bool { return maxLines > 0 && len(rows) == maxLines }
	newLine := func() {
		rows = append(rows, row)
		row, x = nil, 0
	}
	put := func(p piece, visible, trailing float32) {
		row = append(row, placed{piece: p, x: x, w: visible + trailing})
		x += visible + trailing
	}
	for _, word := range words(spans) {
		if full() {
			truncated = true
			break
		}
		var visible float32
		ws := make([]float32, len(word))
		for i, p := range word {
			ws[i] = measureWord(strings.TrimRight(p.text, " "), size, textStyle(p.span))
			visible += ws[i]
		}
		if x > 0 && x+visible > avail && visible > 0 {
			newLine()
			if full() {
				truncated = true
				break
			}
		}
		for i, p := range word {
			trimmed := strings.TrimRight(p.text, " ")
			trailing := float32(len(p.text)-len(trimmed)) * measureWord(" ", size, textStyle(p.span))
			if x == 0 && trimmed == "" {
				continue // no leading spaces on a line
			}
			if visible > avail && x+ws[i] > avail {
				// A word wider than a whole line (a long URL): break it
				// between letters rather than let it run out of sight.
				rest := trimmed
				for rest != "" && !full() {
					n := fitPrefix(rest, avail-x, size, textStyle(p.span))
					if n == 0 && x > 0 {
						newLine()
						continue
					}
					n = max(n, firstRuneLen(rest))
					put(piece{p.span, rest[:n], p.off + len(trimmed) - len(rest)}, measureWord(rest[:n], size, textStyle(p.span)), 0)
					rest = rest[n:]
					if rest != "" {
						newLine()
					}
				}
				if rest != "" {
					truncated = true
					break
				}
				if trailing > 0 {
					row[len(row)-1].text += p.text[len(trimmed):]
					row[len(row)-1].w += trailing
					x += trailing
				}
				continue
			}
			put(p, ws[i], trailing)
		}
	}
	if tail != nil && !truncated {
		truncated = true // the spans fit, but not with the tail after them
	}
	if truncated {
		if len(row) > 0 && !full() { // stopped inside a long word
			newLine()
		}
		if len(rows) == 0 {
			newLine()
		}
		tailW := float32(0)
		for i := range tail {
			tailW += measureWord(tail[i].text, size, textStyle(&tail[i]))
		}
		last := withEllipsis(rows[len(rows)-1], avail-tailW, size)
		end := last[len(last)-1]
		x, off := end.x+end.w, 0
		for i := range spans {
			off += len(spans[i].text)
		}
		for i := range tail {
			w := measureWord(tail[i].text, size, textStyle(&tail[i]))
			last = append(last, placed{piece: piece{&tail[i], tail[i].text, off}, x: x, w: w})
			x, off = x+w, off+len(tail[i].text)
		}
		rows[len(rows)-1] = last
	} else if len(row) > 0 || len(rows) == 0 {
		newLine()
	}
	return rows, truncated
}

// firstRuneLen is the byte length of s's first character.
func firstRuneLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// fitPrefix is the byte length of the longest prefix of s, ending at a
// character boundary, that is no wider than w (a binary search: a long
// word is measured a few times, not once per letter).
func fitPrefix(s string, w, size float32, style fyne.TextStyle) int {
	var bounds []int // character boundaries after the first character
	for i := range s {
		if i > 0 {
			bounds = append(bounds, i)
		}
	}
	bounds = append(bounds, len(s))
	lo, hi := 0, len(bounds) // bounds[:lo] fit; bounds[hi:] do not
	for lo < hi {
		mid := (lo + hi) / 2
		if measureText(s[:bounds[mid]], size, style).Width <= w {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return 0
	}
	return bounds[lo-1]
}

// withEllipsis ends a line with "…", dropping whole pieces from its end
// until the ellipsis fits, and a separator left dangling before it
// ("19 passages ·…"; found by a UI pass).
func withEllipsis(row []placed, avail, size float32) []placed {
	plain := &flowSpan{}
	ell := measureWord("…", size, fyne.TextStyle{})
	for len(row) > 0 {
		last := row[len(row)-1]
		trimmed := strings.TrimRight(last.text, " ·,;:—")
		end := last.x + measureWord(trimmed, size, textStyle(last.span))
		if end+ell <= avail && trimmed != "" {
			row[len(row)-1].text = trimmed
			break
		}
		if len(row) == 1 && trimmed != "" {
			// The line's only word, too long for it: cut between letters,
			// as a label cuts its text. Dropped whole, a one-word Hebrew
			// title showed as "…" alone (found by the hostile UI pass ui6).
			if n := fitPrefix(trimmed, avail-ell-last.x, size, textStyle(last.span)); n > 0 {
				row[0].text = trimmed[:n]
				break
			}
		}
		row = row[:len(row)-1]
	}
	x := float32(0)
	ellSpan := plain
	if n := len(row); n > 0 {
		x = row[n-1].x + measureWord(row[n-1].text, size, textStyle(row[n-1].span))
		if sp := row[n-1].span; sp != nil && sp.isolate {
			// Cut inside an isolate (a quoted title), the ellipsis ends
			// it: a right-to-left title's then stands at its left end,
			// where it was cut, not at the line's right, beside its start.
			ellSpan = sp
		}
	}
	return append(row, placed{piece: piece{ellSpan, "…", -1}, x: x, w: ell})
}

// mergeRuns joins a line's consecutive pieces of one span into one run
// (fewer objects to draw). A run's width is the sum of its words' and
// spaces' widths, which is what the text measures as a whole (a test
// holds it to that), so runs neither overlap nor leave gaps.
func mergeRuns(rows [][]placed) [][]placedRun {
	lines := make([][]placedRun, len(rows))
	for i, row := range rows {
		var line []placedRun
		joins := false // whether the last run may take the next piece
		for _, p := range row {
			// Only pieces that follow each other in the text, neither
			// alone: a run is drawn in its logical order.
			if n := len(line); n > 0 && joins && !p.alone && line[n-1].span == p.span && p.off == line[n-1].start+len(line[n-1].text) {
				line[n-1].text += p.text
				continue
			}
			line = append(line, placedRun{x: p.x, text: p.text, span: p.span, start: p.off, rtl: p.rtl})
			joins = !p.alone
		}
		lines[i] = line
	}
	return lines
}

// splitWords cuts text after each run of spaces, keeping the spaces with
// the word before them ("a  b" → "a  ", "b"), and after an em or en dash
// between words ("materials—hacks" → "materials—", "hacks"): in a narrow
// reader "materials—hacks" was broken between letters, as one word wider
// than the line (found by a UI pass). After a hyphen between letters only
// in spans that allow it (flowSpan.hyphens).
func splitWords(s string) []string { return splitWordsIn(s, false) }

// splitWordsIn is splitWords, cutting after a hyphen between letters too
// if hyphens.
func splitWordsIn(s string, hyphens bool) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && (i+1 == len(s) || s[i+1] != ' ') {
			out = append(out, s[start:i+1])
			start = i + 1
			continue
		}
		if n := breakAfterDash(s, i, hyphens); n > 0 {
			out = append(out, s[start:i+n])
			start = i + n
			i += n - 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// breakAfterDash is the length of the dash at s[i] if a line may break
// after it, else 0; after a hyphen between letters only if hyphens.
func breakAfterDash(s string, i int, hyphens bool) int {
	next := func(at int) rune {
		r, _ := utf8.DecodeRuneInString(s[at:])
		return r
	}
	switch {
	case strings.HasPrefix(s[i:], "—") || strings.HasPrefix(s[i:], "–"):
		n := len("—")
		if i > 0 && i+n < len(s) && s[i-1] != ' ' && unicode.IsLetter(next(i+n)) {
			return n
		}
	case hyphens && s[i] == '-':
		if i > 0 && i+1 < len(s) && unicode.IsLetter(next(i+1)) {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsLetter(prev) {
				return 1
			}
		}
	}
	return 0
}

// dashBeforeSpan is whether a line may break between a span ending in
// part and the next, starting with text: after a dash, as splitWords
// breaks within a span ("materials—" before a highlighted word).
func dashBeforeSpan(part, text string, hyphens bool) bool {
	if !endsWord(part) || strings.HasSuffix(part, " ") {
		return false
	}
	_, n := utf8.DecodeLastRuneInString(part)
	return breakAfterDash(part+text, len(part)-n, hyphens) > 0
}

// endsWord is whether a line may break after part, one of splitWords'.
func endsWord(part string) bool {
	return strings.HasSuffix(part, " ") || strings.HasSuffix(part, "—") || strings.HasSuffix(part, "–") || strings.HasSuffix(part, "-")
}

func (t *flowText) CreateRenderer() fyne.WidgetRenderer {
	return &flowRenderer{t: t}
}

type flowRenderer struct {
	t       *flowText
	objects []fyne.CanvasObject
	// texts are the line runs' objects, kept from layout to layout: a new
	// canvas.Text per run in every layout put each in Fyne's object caches
	// for a minute (114,000 of them, with their cache entries a third of
	// the Go heap, after a few minutes of reading). Fyne keys a text's
	// texture by its words and style, not by the object, so reusing one
	// for other words draws them.
	texts []*canvas.Text
}

func (r *flowRenderer) Layout(size fyne.Size) {
	t := r.t
	if size.Width < 1 { // not laid out yet: breaking lines for no width would cut every word
		r.objects = r.objects[:0]
		return
	}
	t.mu.Lock()
	t.breakLines(size.Width)
	lines := t.lines
	t.mu.Unlock()

	textSize := t.textSize()
	lineH := t.lineHeight()
	pad := theme.InnerPadding()
	scale := t.pixelScale()
	objs := r.objects[:0]
	for _, m := range append(t.marks, t.sel) { // backgrounds under the text
		for _, box := range rangeBoxes(lines, m.start, m.end, textSize) {
			bg := canvas.NewRectangle(theme.Color(m.color))
			bg.Move(fyne.NewPos(pad+box.x, pad+float32(box.line)*lineH-theme.LineSpacing()/2))
			bg.Resize(fyne.NewSize(box.w, lineH))
			objs = append(objs, bg)
		}
	}
	n := 0
	for li, line := range lines {
		y := onPixel(pad+float32(li)*lineH, scale)
		dx := float32(0)
		if (t.leading || t.centered) && len(line) > 0 {
			dx = line[0].x // runs are in visual order
		}
		if t.centered && len(line) > 0 {
			last := line[len(line)-1]
			end := last.x + measureWord(strings.TrimRight(last.text, " "), textSize, textStyle(last.span))
			dx -= max(size.Width-2*pad-1-(end-line[0].x), 0) / 2
		}
		for _, run := range line {
			if n == len(r.texts) {
				r.texts = append(r.texts, &canvas.Text{})
			}
			txt := r.texts[n]
			n++
			txt.Text = bidiText(run, strings.TrimRight(run.text, " "))
			txt.Color = colorFor(run.span)
			if t.ink != nil {
				txt.Color = t.ink
			}
			txt.TextSize = textSize
			txt.TextStyle = drawStyle(run.span)
			// On a whole pixel: Fyne's GL painter draws a text as an image
			// of its rounded width stretched between its edges, each
			// rounded, so at a fractional x a run was drawn a pixel
			// narrower or wider and half a pixel off, and the space
			// between two runs looked doubled or gone ("was Putin  and",
			// "wasPutin" in one line). On whole pixels each keeps its width.
			txt.Move(fyne.NewPos(onPixel(pad+run.x-dx, scale), y))
			// As wide as its text: an underline is drawn across the whole
			// object, and must not run on past the current hit.
			txt.Resize(fyne.NewSize(measureWord(txt.Text, textSize, textStyle(run.span)), lineH))
			objs = append(objs, txt)
		}
	}
	clear(r.texts[n:]) // fewer runs than before: let the rest go
	r.texts = r.texts[:n]
	objs = append(objs, underlineObjects(lines, t.underlines, textSize)...)
	r.objects = objs
}

// pixelScale is how many screen pixels a unit is on the canvas showing t
// (1 before it is shown).
func (t *flowText) pixelScale() float32 {
	if t.outer != nil {
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.outer); c != nil && c.Scale() > 0 {
			return c.Scale()
		}
	}
	return 1
}

// onPixel is v rounded to the nearest whole pixel at scale.
func onPixel(v, scale float32) float32 {
	return float32(math.Round(float64(v*scale))) / scale
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
