package app

// The claims ledger's table: a header of sort buttons over a rowList of
// claims, each row with its words (wrapped), source, actors, stance,
// estimative language, place and quick Accept / Reject.

import (
	"cmp"
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/claims"
)

// Ledger columns, in order; colActions holds the row's buttons.
const (
	colClaim = iota
	colSource
	colAbout
	colStance
	colLikelihood
	colConfidence
	colPlace
	colActions
	ledgerCols
)

// columnTitles head the sortable columns.
var columnTitles = [colActions]string{"Claim", "Source", "About", "Stance", "Likelihood", "Confidence", "Document ¶"}

// columnEms are the usual widths of the columns after the claim's, in
// text sizes, which they widen to when the pane has room (claimcolumns.go).
var columnEms = [colActions]float32{0, 7, 7, 5, 6, 6, 7}

const (
	claimMaxLines = 6 // a longer claim ends in "…"; the reader shows it whole
	cellMaxLines  = 3
)

// ledgerTable is the middle pane's table of claims.
type ledgerTable struct {
	v       *claimsView
	header  [colActions]*headerCell
	head    *fyne.Container // the header's row
	list    *rowList
	x, w    [ledgerCols]float32 // the columns' places and widths
	need    [ledgerCols]float32 // the compact columns' least widths, for the loaded claims
	needAt  float32             // the text size need was measured at
	needSeq int                 // the latest measuring of need; older ones are dropped
	total   float32             // the width they were placed across
	actionW float32             // the buttons' column, measured
	rows    []store.Claim       // the claims shown, in the chosen order
	lines   map[int64]rowLines  // each claim's lines at the widths below
	guess   map[int64]rowLines  // estimates for claims not measured at them yet
	linesAt ledgerKey           // the columns' widths and the text size
	sortCol int
	desc    bool
	sel     int64 // the selected claim
	seq     int   // the latest measuring job; older ones are dropped
	// measuring: rows are at estimated heights until the job seq is in,
	// and a row's words may lie over the rows below; pointer taps wait.
	measuring bool

	// The last ✓ / ✗: a decision can take its row out of the view, moving
	// the next row under the pointer, so a double click's second click
	// would decide a claim the user never chose.
	decidedAt  time.Time
	decidedID  int64
	decidedRow int
	clock      func() time.Time // time.Now; a test's stands still
}

// doubleClickGuard is how soon after a decision a click on the same row,
// now showing another claim, is taken for the rest of a double click and
// ignored.
const doubleClickGuard = 500 * time.Millisecond

func newLedgerTable(v *claimsView) *ledgerTable {
	t := &ledgerTable{v: v, sortCol: colPlace, lines: map[int64]rowLines{}}
	for i := range t.header {
		i := i
		t.header[i] = newHeaderCell(v.ui, columnTitles[i], func() { t.sortBy(i) })
	}
	t.list = newRowList(t.createRow, t.updateRow)
	t.list.gap = 1
	t.labelHeader()
	return t
}

// content is the table: its header over its rows, scrolled sideways when
// the pane is narrower than the columns need.
func (t *ledgerTable) content() fyne.CanvasObject {
	var hs []fyne.CanvasObject
	for _, h := range t.header {
		hs = append(hs, h)
	}
	t.head = container.New(&columnsLayout{t: t}, hs...)
	body := container.New(&ledgerLayout{t: t}, t.head, widget.NewSeparator(), t.list)
	// The pane is at least as wide as the table's least width: in a
	// scroll, the split gave it less beside the sidebar on an 800×600
	// screen at the largest text, and the claims were cut mid-word at its
	// edge (found by a UI pass). The scroll is for a window too small
	// for even that.
	return container.New(&leastWidthLayout{width: t.minWidth}, container.NewHScroll(body))
}

// leastWidthLayout lays out its one child full size, and is at least
// width() wide.
type leastWidthLayout struct{ width func() float32 }

func (l *leastWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(max(m.Width, l.width()), m.Height)
}

func (l *leastWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// minWidth is the narrowest the table goes: its columns stacked under the
// claim, at its narrowest (see columnsFor).
func (t *ledgerTable) minWidth() float32 {
	return t.actionWidth() + claimNarrowEms*theme.TextSize()
}

// stacked reports whether the compact columns are shown under the claim.
func (t *ledgerTable) stacked() bool { return isStacked(t.w) }

// actionWidth is the buttons' column: Accept and Reject over Edit, when
// there is a claim dialog (a row of three took a claim column's width).
func (t *ledgerTable) actionWidth() float32 {
	b := widget.NewButtonWithIcon("", theme.ConfirmIcon(), nil)
	return 2*b.MinSize().Width + theme.Padding()
}

// measureNeeds measures the compact columns' least widths for the loaded
// claims anew at a new text size, off the UI goroutine: the words of a
// thousand claims at a size not measured before took seconds there, and a
// few quick Ctrl+= presses froze the window for half a minute. Until then
// the widths measured before, scaled to the new size, stand in.
func (t *ledgerTable) measureNeeds() {
	ts := theme.TextSize()
	if t.needAt == ts {
		return
	}
	if t.needAt > 0 {
		for i := range t.need {
			t.need[i] *= ts / t.needAt
		}
	}
	t.needAt = ts
	t.needSeq++
	seq, all, ls := t.needSeq, t.v.all, themeSizes()
	t.v.ui.work.run(func() func() {
		need := columnNeeds(all, ts, ls)
		return func() {
			if t.needSeq == seq { // not if the size or the claims changed since
				t.need = need
				t.setWidth(t.total)
			}
		}
	})
}

// setNeeds takes least widths measured (off the UI goroutine) for newly
// loaded claims, and places the columns by them.
func (t *ledgerTable) setNeeds(need [ledgerCols]float32, size float32) {
	t.need, t.needAt = need, size
	t.needSeq++ // a measuring for other claims is out of date
	t.place(t.total)
}

// place works out the columns' widths and places across width.
func (t *ledgerTable) place(width float32) {
	t.measureNeeds()
	t.actionW = t.actionWidth()
	t.w = columnsFor(width, theme.TextSize(), t.actionW, t.need)
	t.labelHeader() // stacked or not, the order is named
	// The buttons come first, so that they stay in view when a narrow pane
	// scrolls the table sideways.
	t.x[colActions] = 0
	x := t.actionW
	if buttonsUnder(t.w) {
		x = 0 // the claim has the whole width, the buttons are under it
	}
	for c := colClaim; c < colActions; c++ {
		t.x[c] = x
		x += t.w[c]
	}
	t.total = width
	if t.head != nil {
		t.head.Refresh() // the titles over their columns
	}
}

// setWidth places the columns across width; new widths re-measure the
// rows.
func (t *ledgerTable) setWidth(width float32) {
	t.place(width)
	if t.lineKey() != t.linesAt {
		t.measure()
	} else {
		t.list.place()
	}
}

// show lists claims, already filtered to the chosen group and sorted,
// keeping the line counts of claims measured before.
func (t *ledgerTable) show(sorted []store.Claim) {
	t.rows = sorted
	t.measure()
}

// measure counts the lines of rows not measured yet at the current widths
// off the UI goroutine, then sizes the rows; until then rows measured at
// other widths or sizes get an estimate from those (guessLines), and new
// ones one line.
func (t *ledgerTable) measure() {
	key := t.lineKey()
	if key != t.linesAt {
		t.guess = guessLines(t.lines, t.guess, t.linesAt, key)
		t.lines = map[int64]rowLines{}
		t.linesAt = key
	}
	var missing []store.Claim
	ls, vs := themeSizes(), t.v.ui.library.versions
	for _, c := range t.rows {
		if _, ok := t.lines[c.ID]; !ok {
			missing = append(missing, c)
			if _, ok := t.guess[c.ID]; !ok && key.w[colClaim] > 0 {
				if t.guess == nil {
					t.guess = map[int64]rowLines{}
				}
				t.guess[c.ID] = estimateRowLines(c, vs, key.w, ls)
			}
		}
	}
	t.sizeRows()
	if len(missing) == 0 || key.w[colClaim] <= 0 {
		t.measuring = false
		return
	}
	t.seq++
	t.measuring = true
	seq := t.seq
	t.v.ui.work.run(func() func() {
		lines := measureClaims(missing, vs, key.w, key.size, ls)
		return func() { t.addLines(lines, key, seq) }
	})
}

// guessLines estimates rows' lines at key from those measured (or
// guessed) at old: text takes more lines as it grows or its column
// narrows. Only until they are measured: with no estimate, every row was
// one line high for seconds after a text size change, and their words ran
// over the rows below.
func guessLines(measured, guessed map[int64]rowLines, old, key ledgerKey) map[int64]rowLines {
	out := make(map[int64]rowLines, len(measured)+len(guessed))
	if old.size <= 0 || old.w[colClaim] <= 0 || key.w[colClaim] <= 0 {
		return out
	}
	factor := float64(key.size/old.size) * float64(old.w[colClaim]/key.w[colClaim])
	scale := func(n int) int { return max(int(math.Ceil(float64(n)*factor)), 1) }
	for _, from := range []map[int64]rowLines{guessed, measured} { // measured ones win
		for id, n := range from {
			g := rowLines{claim: min(scale(n.claim), claimMaxLines)}
			g.total = max(scale(n.total), g.claim)
			if isStacked(key.w) != isStacked(old.w) {
				g.total = g.claim + 1 // the other columns' line comes or goes
			}
			out[id] = g
		}
	}
	return out
}

// linesOf is a row's lines as measured at the current widths, or else as
// guessed.
func (t *ledgerTable) linesOf(id int64) rowLines {
	if n, ok := t.lines[id]; ok {
		return n
	}
	return t.guess[id]
}

// lineKey is the columns' widths and the text size rows are measured at.
func (t *ledgerTable) lineKey() ledgerKey { return ledgerKey{t.w, theme.TextSize()} }

// addLines takes line counts measured at key, unless the widths have
// changed since or a later measuring (seq) is under way.
func (t *ledgerTable) addLines(lines map[int64]rowLines, key ledgerKey, seq int) {
	if key != t.linesAt || (seq != 0 && seq != t.seq) {
		return
	}
	for id, n := range lines {
		t.lines[id] = n
	}
	if seq == t.seq {
		t.measuring = false
	}
	t.sizeRows()
}

// settling refuses a pointer tap while the rows are at estimated heights
// (after a text size change, a narrowed pane): the row under the pointer
// then is neither the one on screen a moment ago nor the one there once
// measured (found by a hostile pass: a click after Ctrl+- opened a claim
// two rows further down). It says so, and reports whether it refused.
func (t *ledgerTable) settling() bool {
	if !t.measuring {
		return false
	}
	t.v.ui.status.setMessage("The claims are being laid out at the new size: nothing was opened or decided; click again once they settle.")
	return true
}

// rowLines is a row's height in lines, and the claim's own lines in it
// (stacked, the other columns' line follows them).
type rowLines struct{ claim, total int }

// measureClaims counts the lines of each claim's row. Safe off the UI
// goroutine, given the sizes ls: word widths are cached for all.
func measureClaims(cs []store.Claim, vs map[int64]docVersion, w [ledgerCols]float32, size float32, ls layoutSizes) map[int64]rowLines {
	lines := make(map[int64]rowLines, len(cs))
	for _, c := range cs {
		lines[c.ID] = claimRowLines(c, vs, w, size, ls)
	}
	return lines
}

// claimRowLines is how many lines a claim's row needs: its tallest cell,
// or stacked, the claim's lines and then the other columns'.
func claimRowLines(c store.Claim, vs map[int64]docVersion, w [ledgerCols]float32, size float32, ls layoutSizes) rowLines {
	line := func(width float32) []flowSpan { return stackedLine(c, vs, ls, width, size) }
	return rowLinesBy(c, vs, w, ls, line, func(spans []flowSpan, width float32, maxLines int) int {
		lines, _ := layoutFlowIn(ls, spans, width, size, maxLines)
		return max(len(lines), 1)
	})
}

// estimateRowLines guesses a row's lines from its cells' characters at an
// average width (a little more: lines break at spaces), for a claim that
// is neither measured nor guessed at these widths yet. Such rows were one
// line high until measured, a second for a thousand claims at the largest
// text, and their words ran over the rows below (a hostile UI pass).
func estimateRowLines(c store.Claim, vs map[int64]docVersion, w [ledgerCols]float32, ls layoutSizes) rowLines {
	avg := float64(averageCharWidth())
	line := func(float32) []flowSpan { return stackedSpans(c, vs) } // a guess: as long either way
	return rowLinesBy(c, vs, w, ls, line, func(spans []flowSpan, width float32, maxLines int) int {
		chars := 0
		for _, s := range spans {
			chars += utf8.RuneCountInString(s.text)
		}
		room := float64(width - 2*ls.innerPadding)
		if room <= avg {
			return maxLines
		}
		return min(max(int(math.Ceil(float64(chars)*avg*1.15/room)), 1), maxLines)
	})
}

// rowLinesBy is a row's lines, each cell's counted by count (spans, the
// cell's width, its most lines); stacked, the line under the claim is
// lineUnder(the cell's width).
func rowLinesBy(c store.Claim, vs map[int64]docVersion, w [ledgerCols]float32, ls layoutSizes, lineUnder func(float32) []flowSpan, count func([]flowSpan, float32, int) int) rowLines {
	claim := count(claimSpans(c), ls.cellWidth(w[colClaim]), claimMaxLines)
	if isStacked(w) {
		width := ls.cellWidth(w[colClaim])
		return rowLines{claim, claim + count(lineUnder(width), width, cellMaxLines)}
	}
	n := claim
	for col := colSource; col < colActions; col++ {
		n = max(n, count(cellSpans(c, col, vs), ls.cellWidth(w[col]), cellMaxLines))
	}
	return rowLines{claim, n}
}

// sizeRows gives each row its height from its line count.
func (t *ledgerTable) sizeRows() {
	heights := make([]float32, len(t.rows))
	byLines := map[rowLines]float32{}
	stacked, under := t.stacked(), buttonsUnder(t.w)
	for i, c := range t.rows {
		n := t.linesOf(c.ID)
		n.total = max(n.total, 1)
		if !stacked || n.claim == 0 || n.claim >= n.total {
			n.claim = 0 // one cell's height: the tallest
		}
		h, ok := byLines[n]
		if !ok {
			text := flowHeight(n.total)
			if n.claim > 0 {
				// Two cells, one over the other, each with its margins.
				text = flowHeight(n.claim) + flowHeight(n.total-n.claim)
			}
			if under {
				h = text + t.buttonHeight() // the buttons' row under the words
			} else {
				h = max(text, t.buttonHeight())
			}
			byLines[n] = h
		}
		heights[i] = h
	}
	t.list.setHeights(heights)
}

// buttonHeight is the height of a row's buttons: Accept and Reject over
// Edit, or all in one row under the words (buttonsUnder).
func (t *ledgerTable) buttonHeight() float32 {
	rows := float32(1)
	if t.v.editClaim != nil && !buttonsUnder(t.w) {
		rows = 2
	}
	return rows * (widget.NewButtonWithIcon("", theme.ConfirmIcon(), nil).MinSize().Height + theme.Padding())
}

// sortBy sorts by column col; the same column again reverses the order.
func (t *ledgerTable) sortBy(col int) {
	if t.sortCol == col {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.labelHeader()
	t.sortRows()
	t.sizeRows()
	t.list.scroll.ScrollToTop()
	t.list.place()
}

// labelHeader marks the sorted column with its direction; stacked, where
// only the claim's title shows, that title names the order.
func (t *ledgerTable) labelHeader() {
	arrow := map[bool]string{false: " ▲", true: " ▼"}[t.desc]
	for i, h := range t.header {
		label := columnTitles[i]
		switch {
		case i == t.sortCol:
			label += arrow
		case i == colClaim && t.stacked():
			label += " · by " + columnTitles[t.sortCol] + arrow
		}
		if h.Text != label {
			h.SetText(label)
		}
	}
}

// placeOrder compares claims by document, passage and position.
func placeOrder(a, b store.Claim) int {
	return cmp.Or(
		cmp.Compare(strings.ToLower(a.DocumentTitle), strings.ToLower(b.DocumentTitle)),
		cmp.Compare(a.DocumentID, b.DocumentID),
		cmp.Compare(a.Ordinal, b.Ordinal),
		cmp.Compare(a.Span.Start, b.Span.Start),
		cmp.Compare(a.ID, b.ID))
}

func (t *ledgerTable) sortRows() { sortClaims(t.rows, t.sortCol, t.desc) }

// sortClaims sorts claims by column col, ties in reading order.
func sortClaims(rows []store.Claim, col int, desc bool) {
	by := func(a, b store.Claim) int {
		switch col {
		case colClaim:
			return cmp.Compare(strings.ToLower(a.Text), strings.ToLower(b.Text))
		case colSource:
			return cmp.Compare(strings.ToLower(a.Source), strings.ToLower(b.Source))
		case colAbout:
			return cmp.Compare(strings.ToLower(claimAbout(a)), strings.ToLower(claimAbout(b)))
		case colStance:
			return cmp.Compare(a.Stance, b.Stance)
		case colLikelihood:
			return cmp.Compare(a.Likelihood, b.Likelihood)
		case colConfidence:
			return cmp.Compare(a.Confidence, b.Confidence)
		}
		return 0
	}
	slices.SortStableFunc(rows, func(a, b store.Claim) int {
		c := by(a, b)
		if desc {
			c = -c
		}
		return cmp.Or(c, placeOrder(a, b)) // ties in reading order
	})
}

func claimAbout(c store.Claim) string {
	var names []string
	for _, a := range c.About {
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// claimSpans are a claim's words; a suggestion ends in "?" as a suggested
// tag does, and a rejected claim is greyed.
func claimSpans(c store.Claim) []flowSpan {
	// A claim's words across a line break (marked by hand over a whole
	// passage of a text file) drew the break as a missing-glyph box.
	spans := []flowSpan{{text: "“" + flatSpaces(c.Text) + "”"}}
	switch c.State {
	case store.ClaimSuggested:
		spans = append(spans, flowSpan{text: " ?", bold: true, color: theme.ColorNamePrimary, kept: true})
	case store.ClaimRejected:
		spans[0].color = theme.ColorNameDisabled
		spans = append(spans, flowSpan{text: " (rejected)", color: theme.ColorNameDisabled, kept: true})
	}
	return spans
}

// cellSpans is what column col shows of a claim.
//
// vs are the library's document versions (library.versions, a map never
// written once made, so read safely off the UI goroutine): the place says
// "v2 · ¶ 1" where another document has the title, as the reader, hits
// and Link claim do; "Same title · ¶ 1" named v1 to v5 alike (ui22's pass).
func cellSpans(c store.Claim, col int, vs map[int64]docVersion) []flowSpan {
	text, dim := "", false
	switch col {
	case colSource:
		text = c.Source
		if text == "" {
			text, dim = "no source", true
		}
	case colAbout:
		text = claimAbout(c)
	case colStance:
		text = c.Stance.String()
		if c.Stance == claims.Denies {
			return []flowSpan{{text: text, bold: true, color: colorNameDenies}}
		}
	case colLikelihood:
		text = c.Likelihood.String()
		dim = c.Likelihood == claims.NotStated
	case colConfidence:
		text = c.Confidence.String()
		dim = c.Confidence == claims.NoConfidence
	case colPlace:
		text = c.DocumentTitle + " · " + versionedPlace(vs, c.DocumentID, c.Page, c.Ordinal)
	}
	if dim {
		return []flowSpan{{text: text, color: theme.ColorNameDisabled}}
	}
	return []flowSpan{{text: text}}
}

// claimRow is one row of the ledger; tapping it opens the claim's passage.
type claimRow struct {
	widget.BaseWidget
	t     *ledgerTable
	index int
	bg    *canvas.Rectangle
	cells [colActions]*flowText
	// clips hold the cells: a row drawn at an estimated height shorter
	// than its text cuts its words rather than draw them over the next row.
	clips   [colActions]*container.Clip
	accept  *widget.Button
	reject  *widget.Button
	edit    *widget.Button
	actions *fyne.Container
}

func (t *ledgerTable) createRow() fyne.CanvasObject {
	r := &claimRow{t: t, bg: canvas.NewRectangle(color.Transparent)}
	for i := range r.cells {
		r.cells[i] = newFlowText()
		r.cells[i].setMaxLines(cellMaxLines)
	}
	r.cells[colClaim].setMaxLines(claimMaxLines)
	for i, c := range r.cells {
		r.clips[i] = container.NewClip(c)
	}
	r.accept = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() {
		if !t.settling() {
			t.decide(r.index, store.ClaimAccepted)
		}
	})
	r.reject = widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		if !t.settling() {
			t.decide(r.index, store.ClaimRejected)
		}
	})
	r.edit = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		if r.index < len(t.rows) && t.v.editClaim != nil {
			// Its passage in the reader behind the dialog, as a click on
			// the row shows it: the reader stayed on another document
			// while the claim was edited (a researcher's pass).
			c := t.rows[r.index]
			t.open(r.index)
			t.v.editClaim(c)
		}
	})
	for _, b := range []*widget.Button{r.accept, r.reject, r.edit} {
		b.Importance = widget.LowImportance
	}
	r.actions = container.New(&actionsLayout{t: t}, r.accept, r.reject, r.edit)
	r.ExtendBaseWidget(r)
	return r
}

func (r *claimRow) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{r.bg}
	for _, c := range r.clips {
		objs = append(objs, c)
	}
	objs = append(objs, r.actions)
	return &claimRowRenderer{r: r, objs: objs}
}

// Tapped selects the row and opens its passage.
func (r *claimRow) Tapped(*fyne.PointEvent) {
	if !r.t.settling() {
		r.t.open(r.index)
	}
}

type claimRowRenderer struct {
	r    *claimRow
	objs []fyne.CanvasObject
}

func (rr *claimRowRenderer) Layout(size fyne.Size) {
	r, t := rr.r, rr.r.t
	r.bg.Resize(size)
	if t.stacked() {
		// The claim, and under it the other columns in one line of its own
		// (the detail cell is the Source column's).
		claimH := size.Height
		if r.index < len(t.rows) {
			if n := t.linesOf(t.rows[r.index].ID).claim; n > 0 {
				claimH = flowHeight(n)
			}
		}
		textH := size.Height
		if buttonsUnder(t.w) {
			textH -= r.actions.MinSize().Height + theme.Padding()
			claimH = min(claimH, textH)
		}
		x, w := t.x[colClaim]-cellOverlap(), cellWidth(t.w[colClaim])
		r.clips[colClaim].Move(fyne.NewPos(x, 0))
		r.clips[colClaim].Resize(fyne.NewSize(w, claimH))
		r.clips[colSource].Move(fyne.NewPos(x, claimH))
		r.clips[colSource].Resize(fyne.NewSize(w, max(textH-claimH, 0)))
		for col := colAbout; col < colActions; col++ {
			r.clips[col].Resize(fyne.NewSize(0, 0))
		}
	} else {
		for i, c := range r.clips {
			c.Move(fyne.NewPos(t.x[i]-cellOverlap(), 0))
			c.Resize(fyne.NewSize(cellWidth(t.w[i]), size.Height))
		}
	}
	if buttonsUnder(t.w) {
		r.actions.Move(fyne.NewPos(0, r.clips[colSource].Position().Y+r.clips[colSource].Size().Height))
		r.actions.Resize(r.actions.MinSize())
		return
	}
	r.actions.Move(fyne.NewPos(t.x[colActions], 0))
	r.actions.Resize(fyne.NewSize(t.w[colActions], r.actions.MinSize().Height))
}

// actionsLayout places a row's buttons: two to a row in their column, or
// all in one row where they are under the claim's words (buttonsUnder).
type actionsLayout struct{ t *ledgerTable }

func (l *actionsLayout) cell(objs []fyne.CanvasObject) fyne.Size {
	var c fyne.Size
	for _, o := range objs {
		c = c.Max(o.MinSize())
	}
	return c
}

func (l *actionsLayout) perRow(objs []fyne.CanvasObject) int {
	if buttonsUnder(l.t.w) {
		return max(len(objs), 1)
	}
	return 2
}

func (l *actionsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	c, n, shown := l.cell(objs), l.perRow(objs), 0
	for _, o := range objs {
		if o.Visible() {
			shown++
		}
	}
	rows := max((shown+n-1)/n, 1)
	pad := theme.Padding()
	return fyne.NewSize(float32(n)*c.Width+float32(n-1)*pad, float32(rows)*c.Height+float32(rows-1)*pad)
}

func (l *actionsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	c, n, pad := l.cell(objs), l.perRow(objs), theme.Padding()
	w := (size.Width - float32(n-1)*pad) / float32(n)
	if buttonsUnder(l.t.w) {
		w = c.Width
	}
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i%n)*(w+pad), float32(i/n)*(c.Height+pad)))
		o.Resize(fyne.NewSize(w, c.Height))
	}
}

func (rr *claimRowRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, flowHeight(1)) }
func (rr *claimRowRenderer) Refresh()                     { rr.Layout(rr.r.Size()); canvas.Refresh(rr.r) }
func (rr *claimRowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *claimRowRenderer) Destroy()                     {}
func (rr *claimRowRenderer) BackgroundColor() color.Color { return color.Transparent }

func (t *ledgerTable) updateRow(i int, o fyne.CanvasObject) {
	r := o.(*claimRow)
	r.index = i
	if i >= len(t.rows) {
		return
	}
	c := t.rows[i]
	r.cells[colClaim].setSpans(claimSpans(c))
	stacked := t.stacked()
	for col := colSource; col < colActions; col++ {
		switch {
		case !stacked:
			r.cells[col].setSpans(cellSpans(c, col, t.v.ui.library.versions))
			r.cells[col].Show()
		case col == colSource:
			r.cells[col].setSpans(stackedLine(c, t.v.ui.library.versions, themeSizes(), cellWidth(t.w[colClaim]), theme.TextSize()))
			r.cells[col].Show()
		default:
			r.cells[col].Hide()
		}
	}
	setEnabled(r.accept, c.State != store.ClaimAccepted)
	setEnabled(r.reject, c.State != store.ClaimRejected)
	if t.v.editClaim == nil {
		r.edit.Hide()
	} else {
		r.edit.Show()
	}
	if c.ID == t.sel {
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
	r.Refresh()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// open selects row i and opens its claim's passage in the reader.
func (t *ledgerTable) open(i int) {
	if i < 0 || i >= len(t.rows) {
		return
	}
	c := t.rows[i]
	t.sel = c.ID
	t.list.refreshRows()
	t.v.ui.reader.openPassage(c.DocumentID, c.PassageID, "")
	t.v.ui.reader.claimed = c.ID // Ctrl+K opens this claim
	msg := fmt.Sprintf("Claim by %s in %s of %s.", claimBy(c), passagePlace(c.Page, c.Ordinal), t.v.ui.docNamed(c.DocumentID, c.DocumentTitle))
	if why := c.Why(); c.State == store.ClaimSuggested && why != "" {
		msg = "Suggested — " + why
	}
	t.v.ui.status.setMessage(msg)
}

// decide accepts or rejects row i's claim, undoably.
func (t *ledgerTable) decide(i int, state string) {
	if i < 0 || i >= len(t.rows) {
		return
	}
	u := t.v.ui
	if u.refuseReadOnly() {
		return
	}
	c := t.rows[i]
	now := time.Now()
	if t.clock != nil {
		now = t.clock()
	}
	if i == t.decidedRow && c.ID != t.decidedID && now.Sub(t.decidedAt) < doubleClickGuard {
		return
	}
	t.decidedAt, t.decidedID, t.decidedRow = now, c.ID, i
	// The filter box keeps the focus otherwise, and Ctrl+Z would undo its
	// typing instead of this decision.
	u.win.Canvas().Unfocus()
	verb := map[string]string{store.ClaimAccepted: "accept", store.ClaimRejected: "reject"}[state]
	u.apply(change{label: verb + " claim", done: fmt.Sprintf("%sed the claim by %s", strings.ToUpper(verb[:1])+verb[1:], claimBy(c)),
		offer: state == store.ClaimRejected,
		do: func(ctx context.Context, st *store.Store) (undoFns, error) {
			before, err := st.DecideClaim(ctx, c.ID, state)
			return undoFns{
				undo: func(ctx context.Context, st *store.Store) error {
					_, err := st.DecideClaim(ctx, c.ID, before)
					return err
				},
				redo: func(ctx context.Context, st *store.Store) error {
					_, err := st.DecideClaim(ctx, c.ID, state)
					return err
				},
			}, err
		}})
}

// columnsLayout places the header's buttons over the columns.
type columnsLayout struct{ t *ledgerTable }

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(0, h)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objs {
		if i > colClaim && l.t.stacked() {
			o.Hide() // stacked: their words are under each claim
			continue
		}
		o.Show()
		o.Move(fyne.NewPos(l.t.x[i], 0))
		o.Resize(fyne.NewSize(l.t.w[i], size.Height))
	}
}

// ledgerLayout stacks header, separator and rows, at least as wide as the
// columns need, and places the columns when the width changes.
type ledgerLayout struct{ t *ledgerTable }

func (l *ledgerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.t.minWidth(), objs[0].MinSize().Height+objs[1].MinSize().Height+flowHeight(3))
}

func (l *ledgerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.t.total || l.t.linesAt.size != theme.TextSize() || l.t.needAt != theme.TextSize() {
		l.t.setWidth(size.Width)
	}
	y := float32(0)
	for i, o := range objs {
		h := o.MinSize().Height
		if i == len(objs)-1 {
			h = size.Height - y
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

// claimBy names a claim's source in a message, quoted (“…”), so that a
// Hebrew or Arabic name is ordered apart from the words around it
// (quotedIsolates): "Accepted the claim by ערוץ 12 (גרסה 2)." was drawn
// with the name's brackets torn apart (found by the hostile UI pass ui7).
func claimBy(c store.Claim) string {
	if c.Source == "" {
		return "no source"
	}
	return "“" + c.Source + "”"
}
