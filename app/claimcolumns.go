package app

// How the ledger's columns share the pane's width. The claim's words take
// what is left; the other columns are compact: each as wide as its longest
// word (so that words wrap whole: only a word longer than maxColumnEms
// breaks) or its title, growing towards their usual widths (columnEms) only
// once the claim has claimRoomyEms. At 1280 px and the usual text size the
// table then fits the pane without scrolling sideways.

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/claims"
)

const (
	claimMinEms   = 9  // the claim column's least width, in text sizes
	claimRoomyEms = 26 // past this the compact columns widen too
	maxColumnEms  = 12 // a compact column's most, however long its words
)

// claimNarrowEms is the claim column's least width stacked, where the pane
// is too narrow for claimMinEms beside the buttons: at the largest text on
// a 1024×768 screen the column ran past the pane's edge, its words cut
// there ("ODNI report o"; found by a UI pass).
const claimNarrowEms = 5

// ledgerKey is what the rows' line counts depend on: every column's width
// and the text size.
type ledgerKey struct {
	w    [ledgerCols]float32
	size float32
}

// layoutSizes are the theme's sizes that laying text out reads. Workers
// lay text out too (the ledger's rows), with sizes the UI goroutine took
// when it started them: reading Fyne's current theme there raced with a
// text-size change replacing it (found by a hostile pass, -race).
type layoutSizes struct{ padding, innerPadding, caption float32 }

// themeSizes reads the current theme's; on the UI goroutine only.
func themeSizes() layoutSizes {
	return layoutSizes{theme.Padding(), theme.InnerPadding(), theme.CaptionTextSize()}
}

// A ledger cell reaches cellOverlap into each neighbour's margin: the
// margins are blank, and two whole ones between columns wasted a word's
// width in a narrow pane.
func (ls layoutSizes) cellOverlap() float32 { return ls.padding }

// cellWidth is the width a cell's words are laid out in for a column
// width w.
func (ls layoutSizes) cellWidth(w float32) float32 { return w + 2*ls.cellOverlap() }

// cellPad is what a column's width must add to its widest word (layoutFlow
// keeps InnerPadding each side, and a pixel of slack).
func (ls layoutSizes) cellPad() float32 { return 2*ls.innerPadding + 1 - 2*ls.cellOverlap() }

// headerSize is the column titles' text size.
func (ls layoutSizes) headerSize() float32 { return ls.caption }

// headerLeft is where a column's words start, from its left edge.
func (ls layoutSizes) headerLeft() float32 { return ls.innerPadding - ls.cellOverlap() }

// headerPad is what a column title needs beside its words.
func (ls layoutSizes) headerPad() float32 { return ls.headerLeft() + ls.padding }

// The same, for the UI goroutine.
func cellOverlap() float32        { return themeSizes().cellOverlap() }
func cellWidth(w float32) float32 { return themeSizes().cellWidth(w) }
func headerSize() float32         { return themeSizes().headerSize() }
func headerLeft() float32         { return themeSizes().headerLeft() }

// columnNeeds is each compact column's least width for the claims cs: its
// longest word or its title (with a sort arrow), whichever is wider, at
// most maxColumnEms.
// Safe off the UI goroutine, given the sizes ls (word widths are measured
// under a lock).
func columnNeeds(cs []store.Claim, size float32, ls layoutSizes) [ledgerCols]float32 {
	if observe := columnNeedsObserver; observe != nil {
		observe(onWorker())
	}
	var need [ledgerCols]float32
	seen := map[string]bool{}
	for col := colSource; col < colActions; col++ {
		clear(seen)
		widest := float32(0)
		for _, c := range cs {
			for _, sp := range cellSpans(c, col, nil) { // a version ("v2") is no wider than the title's words
				if seen[sp.text] {
					continue
				}
				seen[sp.text] = true
				for _, word := range strings.Fields(sp.text) {
					widest = max(widest, measureWord(word, size, textStyle(&sp)))
				}
			}
		}
		// Room for the sort arrow too: a sorted column's title stays whole.
		title := measureWord(columnTitles[col]+" ▲", ls.headerSize(), fyne.TextStyle{Bold: true}) + ls.headerPad()
		need[col] = min(max(widest+ls.cellPad(), title), maxColumnEms*size)
	}
	return need
}

// columnNeedsObserver, when set, is told whether each measuring of the
// columns runs on a worker. For tests.
var columnNeedsObserver func(onWorker bool)

// shareColumns divides width among the columns (see the file's comment);
// they take more than width when the pane is too narrow.
func shareColumns(width, size, actionW float32, need [ledgerCols]float32) [ledgerCols]float32 {
	var w [ledgerCols]float32
	compact := float32(0)
	for col := colSource; col < colActions; col++ {
		w[col] = need[col]
		compact += need[col]
	}
	w[colActions] = actionW
	w[colClaim] = max(claimMinEms*size, width-actionW-compact)
	for col := colSource; col < colActions && w[colClaim] > claimRoomyEms*size; col++ {
		grow := min(w[colClaim]-claimRoomyEms*size, max(columnEms[col]*size-w[col], 0))
		w[col] += grow
		w[colClaim] -= grow
	}
	return w
}

// columnsFor places the columns across width: side by side
// (shareColumns) where they fit, or else stacked: the claim takes the
// width beside the buttons, and the other columns are one line under it
// (zero widths here). Side by side at the largest text size they need
// about 1,130 px, and the pane scrolled sideways to reach them.
// Where even claimMinEms do not fit beside the buttons, the claim takes
// the whole width and the buttons go in a row under its lines (zero
// width here, see buttonsUnder): beside them at an 800×600 window's
// largest text the claim had 5 text sizes, and words broke inside
// ("interfere|d", "president|ial"; found by a UI pass).
func columnsFor(width, size, actionW float32, need [ledgerCols]float32) [ledgerCols]float32 {
	if width >= leastWidth(size, actionW, need) {
		return shareColumns(width, size, actionW, need)
	}
	var w [ledgerCols]float32
	if width-actionW >= claimMinEms*size {
		w[colActions] = actionW
		w[colClaim] = width - actionW
		return w
	}
	w[colClaim] = max(width, actionW+claimNarrowEms*size) // the table's least width
	return w
}

// isStacked reports whether widths from columnsFor are stacked.
func isStacked(w [ledgerCols]float32) bool { return w[colClaim] > 0 && w[colSource] == 0 }

// buttonsUnder reports whether widths from columnsFor put each row's
// buttons in a row under its words, the claim across the whole width.
func buttonsUnder(w [ledgerCols]float32) bool { return isStacked(w) && w[colActions] == 0 }

// stackedSpans is a claim's other columns as one line under it: "Source ·
// stance · likelihood · confidence · about … · Document ¶", leaving out
// what is not stated.
func stackedSpans(c store.Claim, vs map[int64]docVersion) []flowSpan {
	sep := flowSpan{text: " · ", color: theme.ColorNameDisabled}
	var out []flowSpan
	add := func(spans []flowSpan) {
		if len(out) > 0 {
			out = append(out, sep)
		}
		out = append(out, spans...)
	}
	// The names (source, actors, title) are isolates: a Hebrew source
	// made the whole line right to left, its English words at the left
	// (found by the hostile UI pass ui6).
	source := cellSpans(c, colSource, vs)
	source[0].bold, source[0].isolate = true, true
	add(source)
	// The source and its verb read as the start of a sentence, worded as
	// the exports, the command line and the reader's chips word it: "ODNI
	// report denies" on “Beijing did not deploy …” said the report denied
	// the denial (claims.HowSaid). The Stance column keeps the stored
	// asserts/denies, the value stance: filters by.
	out = append(out, saysSpans(c)...)
	if c.Likelihood != claims.NotStated {
		add(cellSpans(c, colLikelihood, vs))
	}
	if c.Confidence != claims.NoConfidence {
		add(cellSpans(c, colConfidence, vs))
	}
	if about := claimAbout(c); about != "" {
		add([]flowSpan{{text: "about "}, {text: about, isolate: true}})
	}
	add([]flowSpan{{text: c.DocumentTitle, color: theme.ColorNameDisabled, isolate: true},
		{text: " · " + versionedPlace(vs, c.DocumentID, c.Page, c.Ordinal), color: theme.ColorNameDisabled}})
	return out
}

// stackedLine is a claim's stacked line (stackedSpans) as laid out width
// wide at size: where its source's name would leave no room for the verb
// after it in cellMaxLines, the name alone is shortened, ending in "…",
// so that "asserts" or "says (denial)" always shows. A long name ("ODNI
// report on foreign threats to the 2020 election") filled the lines at
// 640 px and the largest text, cut before its verb (a hostile UI pass).
func stackedLine(c store.Claim, vs map[int64]docVersion, ls layoutSizes, width, size float32) []flowSpan {
	spans := stackedSpans(c, vs)
	if c.Source == "" {
		return spans // "no source" is short, and its verb set apart
	}
	// The source and its verb, and the ellipsis that may end the line
	// after the verb: with no room for it, the verb is what gives way.
	head := append(slices.Clone(showableSpans(spans[:1+len(saysSpans(c))])), flowSpan{text: "…"})
	name := head[0].text // showable keeps byte offsets: cut spans[0] alike
	fits := func(end int) bool {
		head[0].text = shortenedName(name, end)
		_, cut := layoutFlowIn(ls, head, width, size, cellMaxLines)
		return !cut
	}
	if fits(len(name)) {
		return spans
	}
	// The longest start of the name, cut between characters, that fits;
	// however narrow, a letter and "…".
	var bounds []int
	for i := range name {
		if i > 0 {
			bounds = append(bounds, i)
		}
	}
	lo, hi := 0, len(bounds) // bounds[:lo] fit; bounds[hi:] do not
	for lo < hi {
		if mid := (lo + hi) / 2; fits(bounds[mid]) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	end := firstRuneLen(name)
	if lo > 0 {
		end = bounds[lo-1]
	}
	if end >= len(name) {
		return spans // one letter: nothing to shorten
	}
	// Cut after a whole word where one ends in its second half, as a
	// file manager cuts a name: "ODNI report on…", not "ODNI report o…".
	if name[end] != ' ' {
		if space := strings.LastIndexByte(name[:end], ' '); space > 0 && space >= end/2 {
			end = space
		}
	}
	spans = slices.Clone(spans)
	spans[0].text = shortenedName(spans[0].text, end)
	return spans
}

// shortenedName is name cut to its first end bytes, ending in "…" (without
// the spaces and punctuation the cut leaves at its end) where anything
// was cut.
func shortenedName(name string, end int) string {
	if end >= len(name) {
		return name
	}
	return strings.TrimRight(name[:end], " ,;:-–—") + "…"
}

// saysSpans are the verb after a claim's source in the stacked line:
// "says (denial)", "denies", "asserts", agreeing with a plural source;
// after "no source", set apart as the other columns are.
func saysSpans(c store.Claim) []flowSpan {
	gap := flowSpan{text: " "}
	if c.Source == "" {
		gap = flowSpan{text: " · ", color: theme.ColorNameDisabled}
	}
	verb := flowSpan{text: claims.HowSaid(c.Stance, c.Cue, c.Text).Verb(c.Source != "" && claims.PluralSource(c.Source))}
	if c.Stance == claims.Denies {
		verb.bold, verb.color = true, colorNameDenies
	}
	return []flowSpan{gap, verb}
}

// leastWidth is the narrowest the columns go side by side: below it they
// are stacked (columnsFor).
func leastWidth(size, actionW float32, need [ledgerCols]float32) float32 {
	w := actionW + claimMinEms*size
	for col := colSource; col < colActions; col++ {
		w += need[col]
	}
	return w
}

// headerCell is a column's title, which sorts by it when tapped (or, once
// Tab has focused it, on Space or Enter, as the buttons it replaces did);
// the sort arrow stays in view where the title must be cut short.
type headerCell struct {
	widget.BaseWidget
	Text  string // the title and its arrow, as shown
	title *fitText
	tip   *hoverTip
	arrow *canvas.Text
	focus *canvas.Rectangle // shown while focused
	onTap func()
}

func newHeaderCell(u *UI, title string, onTap func()) *headerCell {
	h := &headerCell{onTap: onTap, arrow: canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		focus: canvas.NewRectangle(theme.Color(theme.ColorNameFocus))}
	h.focus.Hide()
	h.title = newFitText(title, headerSize(), fyne.TextStyle{Bold: true}, theme.Color(theme.ColorNameForeground))
	h.tip = newFitTip(u, h.title)
	h.ExtendBaseWidget(h)
	h.SetText(title)
	return h
}

// SetText shows text, a title that may end in " ▲" or " ▼".
func (h *headerCell) SetText(text string) {
	h.Text = text
	title, arrow := text, ""
	for _, a := range []string{" ▲", " ▼"} {
		if t, ok := strings.CutSuffix(text, a); ok {
			title, arrow = t, a
		}
	}
	h.title.full, h.arrow.Text = title, arrow
	h.Refresh()
}

// Tapped sorts by the column.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

func (h *headerCell) FocusGained()   { h.focus.Show(); h.Refresh() }
func (h *headerCell) FocusLost()     { h.focus.Hide(); h.Refresh() }
func (h *headerCell) TypedRune(rune) {}

func (h *headerCell) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeySpace || k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		h.Tapped(nil)
	}
}

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer { return &headerRenderer{h: h} }

type headerRenderer struct{ h *headerCell }

func (r *headerRenderer) Layout(size fyne.Size) {
	h := r.h
	h.focus.FillColor = theme.Color(theme.ColorNameFocus)
	h.focus.Resize(size)
	for _, t := range []*canvas.Text{h.title.text, h.arrow} {
		t.TextSize, t.TextStyle = headerSize(), fyne.TextStyle{Bold: true}
		t.Color = theme.Color(theme.ColorNameForeground)
	}
	aw := measureText(h.arrow.Text, headerSize(), h.arrow.TextStyle).Width
	th := measureText("M", headerSize(), h.arrow.TextStyle).Height
	y := (size.Height - th) / 2
	left := headerLeft()
	h.tip.Move(fyne.NewPos(left, y))
	h.tip.Resize(fyne.NewSize(max(size.Width-left-theme.Padding()-aw, 0), th))
	h.arrow.Move(fyne.NewPos(left+min(h.title.whole().Width, h.tip.Size().Width), y))
	h.arrow.Resize(fyne.NewSize(aw, th))
}

func (r *headerRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, measureText("M", headerSize(), fyne.TextStyle{Bold: true}).Height+2*theme.InnerPadding())
}

func (r *headerRenderer) Refresh() {
	r.Layout(r.h.Size())
	r.h.title.Refresh()
	r.h.arrow.Refresh()
	r.h.focus.Refresh()
}

func (r *headerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.h.focus, r.h.tip, r.h.arrow}
}
func (r *headerRenderer) Destroy()                     {}
func (r *headerRenderer) BackgroundColor() color.Color { return color.Transparent }
