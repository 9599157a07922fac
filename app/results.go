package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// snippetLines is how many lines of snippet a result row shows.
const snippetLines = 3

// resultItem is one row of the results list: a hit, a library document, a
// document's header (results grouped by document), or the "show more" row.
type resultItem struct {
	hit    *store.Hit
	doc    *store.Document
	header *docHeader
	more   bool
	marked bool               // the passage is bookmarked
	tags   []store.PassageTag // its tags, for the chips line

	lines   int     // its snippet's lines, measured at…
	linesAt lineKey // …this width and text size
}

// lineKey is the width and text size a snippet's lines were measured at.
type lineKey struct{ width, size float32 }

// resultsView is the middle pane: search hits with bold matches, or the
// library when the query is empty, or a message when there is nothing to show.
type resultsView struct {
	ui      *UI
	heading *widget.Label
	list    *widget.List
	message *widget.Label
	busy    *widget.ProgressBarInfinite

	items    []resultItem
	total    int
	capped   bool
	query    string
	selected int
	grouped  bool          // View → Group by document
	docHits  map[int64]int // the result set's hits per document, if counted

	measure *resultRow      // a row never shown, to measure row heights
	heights map[int]float32 // row heights set on the list, by item
}

func newResultsView(u *UI) *resultsView {
	r := &resultsView{ui: u, selected: -1, grouped: u.app.Preferences().Bool(prefGroupByDocument)}
	r.heading = widget.NewLabel("")
	r.heading.TextStyle = fyne.TextStyle{Bold: true}
	r.heading.Truncation = fyne.TextTruncateEllipsis
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.message.Alignment = fyne.TextAlignCenter
	r.message.Hide()
	r.busy = widget.NewProgressBarInfinite()
	r.busy.Hide()
	r.busy.Stop()
	r.list = widget.NewList(
		func() int { return len(r.items) },
		r.createRow,
		r.updateRow,
	)
	r.list.OnSelected = r.onSelected
	r.measure = r.createRow().(*resultRow)
	return r
}

func (r *resultsView) content() fyne.CanvasObject {
	top := container.NewVBox(r.heading, r.busy)
	msg := container.NewVBox(layoutSpacer(24), r.message)
	list := container.New(&widthWatch{onWidth: func(float32) {
		r.sizeRows()
		r.list.Refresh()
	}}, r.list)
	return container.NewBorder(top, nil, nil, nil, container.NewStack(list, container.NewPadded(msg)))
}

// sizeRows gives each row the height its content needs at the list's
// width — a one-line snippet does not get three lines of empty space. The
// caller refreshes the list; the scroll position is kept.
func (r *resultsView) sizeRows() { r.sizeRowsAll(false) }

// sizeRowsAll is sizeRows; all sets even rows of the template's height.
func (r *resultsView) sizeRowsAll(all bool) {
	type shape struct {
		lines int
		tags  bool
	}
	heights := map[shape]float32{}
	plain := r.rowHeight(1, false) // the list's template row: no height to set
	if r.heights == nil {
		r.heights = map[int]float32{}
	}
	// SetItemHeight redraws a visible row at once; callers refresh the whole
	// list next anyway, so hide the items meanwhile (updateRow then returns
	// early) rather than shape every visible row's text twice. The list,
	// briefly empty, forgets its scroll position: put it back.
	offset := r.list.GetScrollOffset()
	items := r.items
	r.items = nil
	for i := range items {
		it := &items[i]
		sh := shape{r.itemLines(it), len(it.tags) > 0 && it.hit != nil}
		if it.header != nil {
			sh = shape{lines: -1}
		}
		h, ok := heights[sh]
		if !ok && it.header != nil {
			h = r.measure.header.MinSize().Height
			heights[sh] = h
		} else if !ok {
			h = r.rowHeight(sh.lines, sh.tags)
			heights[sh] = h
		}
		// A library of thousands of one-line rows sets nothing.
		if old, set := r.heights[i]; !all && ((set && old == h) || (!set && h == plain)) {
			continue
		}
		r.list.SetItemHeight(i, h)
		r.heights[i] = h
	}
	r.items = items
	if offset > 0 {
		r.list.Refresh()
		r.list.ScrollToOffset(offset)
	}
}

// themeChanged re-measures the rows for a new text size: a fresh measuring
// row, since widgets keep the sizes they measured under the old theme.
func (r *resultsView) themeChanged() {
	r.measure = r.createRow().(*resultRow)
	r.heights = nil
	r.sizeRowsAll(true) // every height changed, the template's too
	r.list.Refresh()
}

// rowHeight measures a row with a title line, the given number of snippet
// lines and, if tags, a tag line.
func (r *resultsView) rowHeight(lines int, tags bool) float32 {
	m := r.measure
	m.lines.lines = lines
	m.tagArea.Hidden = !tags
	return m.body.MinSize().Height
}

// snippetLinesFor is how many lines item's snippet takes in its row (at
// most snippetLines): measured with the snippet's own line breaking, from
// cached word widths, so a row is never a line short (a cut-off line) or a
// line long.
func (r *resultsView) snippetLinesFor(it resultItem) int {
	if it.hit == nil {
		return 1 // a document's summary line, or the "more" button
	}
	w := r.list.Size().Width
	if w <= 0 {
		return snippetLines
	}
	return flowLineCount(r.snippetSpans(it.hit), w, snippetLines)
}

// itemLines is snippetLinesFor, measured once per width and text size.
func (r *resultsView) itemLines(it *resultItem) int {
	key := lineKey{r.list.Size().Width, theme.TextSize()}
	if it.lines == 0 || it.linesAt != key {
		it.lines, it.linesAt = r.snippetLinesFor(*it), key
	}
	return it.lines
}

// snippetWidths is what measuring a page's snippets off the UI goroutine
// needs to know of the list: their length and the text size.
type snippetWidths struct {
	budget int
	size   float32
}

// snippetMeasure reads the list's snippet length and text size. Called on
// the UI goroutine, before a search goes to the worker.
func (r *resultsView) snippetMeasure() snippetWidths {
	return snippetWidths{r.snippetBytes(), theme.TextSize()}
}

// warm measures the words of a page's snippets, on the worker, so that
// sizing and drawing its rows on the UI goroutine finds every width
// cached: shaping a word the first time is what made a new page slow.
func (p page) warm(w snippetWidths) {
	if p.res == nil {
		return
	}
	for _, h := range p.res.Hits {
		text, ranges := store.Snippet(h.Text, h.Matches, w.budget)
		for _, sp := range hitSpans(text, ranges, -1) {
			style := textStyle(&sp)
			measureWord(" ", w.size, style)
			for _, word := range splitWords(sp.text) {
				measureWord(strings.TrimRight(word, " "), w.size, style)
			}
		}
	}
}

// snippetSpans is a hit's snippet, cut to fill the row, with its matches
// in bold.
func (r *resultsView) snippetSpans(h *store.Hit) []flowSpan {
	text, ranges := store.Snippet(h.Text, h.Matches, r.snippetBytes())
	return hitSpans(text, ranges, -1)
}

// averageCharWidth is the width of an average character of English text
// in the current text size (measured once per size: it is asked per row).
func averageCharWidth() float32 {
	size := theme.TextSize()
	charWidth.Lock()
	defer charWidth.Unlock()
	if charWidth.size != size {
		const sample = "the quick brown fox jumps over the lazy dog "
		charWidth.size = size
		charWidth.width = fyne.MeasureText(sample, size, fyne.TextStyle{}).Width / float32(len(sample))
	}
	return charWidth.width
}

var charWidth struct {
	sync.Mutex
	size, width float32
}

// widthWatch lays out its one child full size and reports width changes
// (the list's rows are re-measured when the pane is resized).
type widthWatch struct {
	width   float32
	onWidth func(float32)
}

func (l *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	if size.Width != l.width {
		l.width = size.Width
		l.onWidth(size.Width)
	}
}

// layoutSpacer is a fixed vertical gap.
func layoutSpacer(h float32) fyne.CanvasObject {
	s := widget.NewLabel("")
	s.Resize(fyne.NewSize(1, h))
	return s
}

// resultRow is the template object of one list row.
type resultRow struct {
	widget.BaseWidget
	title   *widget.Label
	mark    *widget.Button
	tags    *widget.Label
	tagArea *tapArea
	rowTags []store.PassageTag // the tags tapping the tag line offers as filters
	lines   *linesLayout       // the snippet's height, in lines
	ordinal *widget.Label
	snippet *flowText
	body    fyne.CanvasObject
	more    *widget.Button
	header  *widget.Label // a document's header, grouped results: its title
	// headerCount is the header's count, beside the title and never cut.
	headerCount *widget.Label
	// headerTip shows a cut header in full; it is created with the row
	// (not in the renderer) as it needs the window's tip layer.
	headerTip *hoverTip
}

func (r *resultsView) createRow() fyne.CanvasObject {
	row := &resultRow{
		title:   widget.NewLabel(""),
		ordinal: widget.NewLabel(""),
		snippet: newFlowText(),
	}
	row.title.TextStyle = fyne.TextStyle{Bold: true}
	row.title.Truncation = fyne.TextTruncateEllipsis
	row.ordinal.Importance = widget.LowImportance
	row.more = widget.NewButton("Show more results", nil)
	row.header = widget.NewLabel("")
	row.header.TextStyle = fyne.TextStyle{Bold: true}
	row.header.Truncation = fyne.TextTruncateEllipsis
	row.header.Importance = widget.HighImportance
	row.headerTip = newHoverTip(r.ui, row.header)
	row.headerTip.Hide()
	row.headerCount = widget.NewLabel("")
	row.headerCount.TextStyle = fyne.TextStyle{Bold: true}
	row.headerCount.Importance = widget.HighImportance
	row.headerCount.Hide()
	// A ribbon button: bookmarks the result's passage; solid when it is.
	row.mark = widget.NewButtonWithIcon("", bookmarkIcon, nil)
	row.mark.Importance = widget.LowImportance
	row.tags = widget.NewLabel("")
	row.tags.Truncation = fyne.TextTruncateEllipsis
	row.tags.Importance = widget.LowImportance
	row.tags.TextStyle = fyne.TextStyle{Italic: true}
	row.tagArea = newTapArea(newHoverTip(r.ui, row.tags), func() { r.tagMenu(row) })
	// The list's template is a plain one-line row, the library's shape;
	// sizeRows sets every other row's height.
	row.lines = &linesLayout{lines: 1}
	row.tagArea.Hide()
	row.body = container.NewBorder(container.NewBorder(nil, nil, row.mark, row.ordinal, newHoverTip(r.ui, row.title)), row.tagArea, nil, nil,
		container.New(row.lines, container.NewClip(row.snippet)))
	row.ExtendBaseWidget(row)
	return row
}

func (row *resultRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(row.body, container.NewCenter(row.more),
		container.NewBorder(nil, nil, nil, row.headerCount, row.headerTip)))
}

func (r *resultsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*resultRow)
	if id >= len(r.items) {
		return
	}
	it := r.items[id]
	if it.header != nil {
		row.body.Hide()
		row.more.Hide()
		row.header.SetText(it.header.title)
		row.headerCount.SetText(it.header.count())
		row.headerTip.Show()
		row.headerCount.Show()
		return
	}
	row.headerTip.Hide()
	row.headerCount.Hide()
	if it.more {
		row.body.Hide()
		row.more.Show()
		row.more.SetText(fmt.Sprintf("Show more results (%d of %d shown)", r.hitCount(), r.total))
		row.more.OnTapped = func() {
			row.more.Disable()
			r.ui.search.more(r.hitCount())
		}
		if r.ui.search.loadingMore() { // rebinding the row must not re-arm it
			row.more.Disable()
		} else {
			row.more.Enable()
		}
		return
	}
	row.more.Hide()
	row.body.Show()
	switch {
	case it.hit != nil:
		h := it.hit
		row.title.SetText(h.DocumentTitle)
		row.ordinal.SetText(fmt.Sprintf("¶ %d", h.Ordinal))
		row.snippet.setMaxLines(r.itemLines(&r.items[id])) // the lines its row has room for
		row.snippet.setSpans(r.snippetSpans(h))
		row.mark.Show()
		if it.marked {
			row.mark.SetIcon(bookmarkIcon)
		} else {
			row.mark.SetIcon(bookmarkOutlineIcon)
		}
		row.mark.OnTapped = func() { r.ui.bookmarkPassage(h.PassageID, h.Ordinal, h.DocumentTitle, h.Text) }
		row.mark.Refresh()
		row.tags.SetText(tagLine(it.tags))
		row.rowTags = it.tags
		if len(it.tags) == 0 { // as rowHeight measured it
			row.tagArea.Hide()
		} else {
			row.tagArea.Show()
		}
	case it.doc != nil:
		d := it.doc
		row.title.SetText(d.Title)
		row.ordinal.SetText("")
		row.mark.Hide()
		row.tags.SetText("")
		row.rowTags = nil
		row.tagArea.Hide()
		row.snippet.setMaxLines(1)
		row.snippet.setSpans([]flowSpan{{text: documentSummary(d), color: theme.ColorNamePlaceHolder}})
	}
}

// snippetBytes sizes snippets to fill the row's lines at the pane's width.
func (r *resultsView) snippetBytes() int {
	w := r.list.Size().Width - 4*theme.Padding()
	if w <= 0 {
		return store.SnippetLen
	}
	n := int(w/averageCharWidth()) * snippetLines * 85 / 100 // wrapping wastes some of each line
	return max(n, 60)
}

// documentSummary is the library row's second line.
func documentSummary(d *store.Document) string {
	parts := []string{plural(d.Passages, "passage")}
	if d.Source != "" {
		parts = append(parts, d.Source)
	}
	if d.Published != "" {
		parts = append(parts, d.Published)
	}
	if d.FileName != "" {
		parts = append(parts, d.FileName)
	}
	return strings.Join(parts, " · ")
}

// plural is wording.Count with thousands separators: "12,345 passages".
func plural(n int, word string) string { return thousands(n) + " " + wording.Noun(n, word) }

// thousands formats n with thin separators: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// tagMenu offers a result's tags as filters (its tag line acts as chips).
func (r *resultsView) tagMenu(row *resultRow) {
	if len(row.rowTags) == 0 {
		return
	}
	var items []*fyne.MenuItem
	for _, t := range row.rowTags {
		t := t
		items = append(items, fyne.NewMenuItem(fmt.Sprintf("Show passages with %s (%s)", t.Name, t.Family), func() {
			r.ui.search.setQuery(filterFor(t.Tag))
		}))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(row.tags)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(row.tags).AddXY(0, row.tags.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// tagLine lists a passage's tags for a result row; suggestions end in "?".
func tagLine(tags []store.PassageTag) string {
	var names []string
	for _, t := range tags {
		n := t.Name
		if t.State == store.StatePending {
			n += "?"
		}
		names = append(names, n)
	}
	return strings.Join(names, " · ")
}

// annotate attaches bookmark marks and tags to hit items.
func annotate(items []resultItem, marks map[int64]bool, tags map[int64][]store.PassageTag) {
	for i := range items {
		if h := items[i].hit; h != nil {
			items[i].marked = marks[h.PassageID]
			items[i].tags = tags[h.PassageID]
		}
	}
}

// hitIDs lists the passage ids of hits.
func hitIDs(hits []store.Hit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.PassageID
	}
	return ids
}

// refreshAnnotations reloads marks and tags for the listed hits.
func (r *resultsView) refreshAnnotations() {
	var ids []int64
	for _, it := range r.items {
		if it.hit != nil {
			ids = append(ids, it.hit.PassageID)
		}
	}
	if len(ids) == 0 {
		return
	}
	st, gen := r.ui.store()
	items := r.items
	r.ui.work.run(func() func() {
		marks, tags, err := loadHitAnnotations(st, ids)
		return func() {
			if err != nil || !r.ui.current(gen) || len(r.items) != len(items) || (len(items) > 0 && &r.items[0] != &items[0]) {
				return
			}
			annotate(r.items, marks, tags)
			r.sizeRows() // a tag line may have come or gone
			r.list.Refresh()
		}
	})
}

func loadHitAnnotations(st *store.Store, ids []int64) (map[int64]bool, map[int64][]store.PassageTag, error) {
	ctx := context.Background()
	marks, err := st.BookmarkedPassages(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	tags, err := st.PassageTags(ctx, ids)
	return marks, tags, err
}

// showLibrary lists the documents (the empty-query view).
func (r *resultsView) showLibrary() {
	r.query = ""
	r.setBusy(false)
	docs := r.ui.library.docs
	r.items = r.items[:0]
	for i := range docs {
		r.items = append(r.items, resultItem{doc: &docs[i]})
	}
	r.total = len(docs)
	r.sizeRows()
	r.heading.SetText(fmt.Sprintf("Library — %s", plural(len(docs), "document")))
	r.ui.reader.followQuery("")
	if len(docs) == 0 {
		r.showMessage("The library is empty. Import documents with File → Import documents… or drop files on this window.")
	} else {
		r.message.Hide()
		r.list.Show()
	}
	r.resetSelection()
	r.ui.status.setMessage(fmt.Sprintf("%s in the library. Type to search.", plural(len(docs), "document")))
}

// showResults replaces the list with a first page of hits; docs is the
// number of distinct documents, or -1 if unknown; rankNote, if any, says
// what is becoming of an unranked page's order.
func (r *resultsView) showResults(q string, res *store.Results, docs int, docHits map[int64]int, marks map[int64]bool, tags map[int64][]store.PassageTag, keepStatus bool, rankNote string) {
	r.query = q
	if res.Completed {
		r.query = res.Query.String() // the reader highlights what was found
	}
	r.total, r.capped = res.Total, res.Capped
	r.docHits = docHits
	flat := make([]resultItem, 0, len(res.Hits))
	for i := range res.Hits {
		flat = append(flat, resultItem{hit: &res.Hits[i]})
	}
	annotate(flat, marks, tags)
	r.ui.reader.followQuery(r.query)
	r.layoutHits(flat, len(res.Hits) < res.Total)
	r.sizeRows()
	r.resetSelection()
	if !keepStatus {
		r.ui.status.setMessage(countLine(res, docs, rankNote))
	}
	if res.Total == 0 {
		r.heading.SetText("No results")
		r.showMessage(fmt.Sprintf("No passages match %s.\n\nTry fewer words, a prefix such as sanction*, or OR between alternatives. Help → Search syntax lists everything the search box understands.", res.Query.String()))
		return
	}
	r.heading.SetText("Results")
	if res.Completed {
		r.heading.SetText("Results for " + res.Query.String())
	}
	r.message.Hide()
	r.list.Show()
}

// appendResults adds a further page to the list.
func (r *resultsView) appendResults(res *store.Results, marks map[int64]bool, tags map[int64][]store.PassageTag) {
	flat := r.listed() // without headers and the "more" row
	start := len(flat)
	for i := range res.Hits {
		flat = append(flat, resultItem{hit: &res.Hits[i]})
	}
	annotate(flat[start:], marks, tags)
	sel := r.selectedItem()
	r.layoutHits(flat, len(flat) < r.total && len(res.Hits) > 0)
	r.reselect(sel) // grouping may have moved the selected row
	r.sizeRows()
	r.list.Refresh()
}

// shownQuery is the query whose results are listed — completed if the
// search completed the last word ("kilim*" for "kilim") — or the search
// box's text when none are. Reader highlights and exports follow it.
func (u *UI) shownQuery() string {
	if u.results.query != "" {
		return u.results.query
	}
	return u.search.query()
}

// untouched reports whether the user has neither selected a result,
// scrolled nor loaded more since the first page arrived, so the page may
// still be swapped for a better-ordered one.
func (r *resultsView) untouched() bool {
	return r.selected < 0 && r.hitCount() <= pageSize && r.list.GetScrollOffset() == 0
}

// hitCount is the number of results listed (headers and the "more" row
// aside).
func (r *resultsView) hitCount() int {
	n := 0
	for _, it := range r.items {
		if it.hit != nil || it.doc != nil {
			n++
		}
	}
	return n
}

// countLine is the status line for a result set; rankNote replaces the
// default remark on a page in reading order.
func countLine(res *store.Results, docs int, rankNote string) string {
	n := plural(res.Total, "passage")
	if res.Capped {
		n = "More than " + n
	}
	in := ""
	if docs >= 0 {
		in = " in " + plural(docs, "document")
	}
	ranked := ""
	if !res.Ranked && !res.Query.HasText() {
		ranked = " · in reading order"
	} else if !res.Ranked && rankNote != "" {
		ranked = " · " + rankNote
	} else if !res.Ranked {
		ranked = " · in reading order (add words to narrow)"
	}
	completed := ""
	if res.Completed {
		completed = fmt.Sprintf("Completing the last word: %s · ", res.Query.String())
	}
	return fmt.Sprintf("%s%s%s · %s%s", completed, n, in, formatDuration(res.Elapsed), ranked)
}

func formatDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "under 1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// showError shows the engine's message inline, in place of results.
func (r *resultsView) showError(msg string) {
	r.query = ""
	r.items = r.items[:0]
	r.resetSelection()
	r.heading.SetText("Cannot search")
	r.ui.reader.followQuery("")
	r.showMessage(msg) // inline only: the status line keeps the last action's message (and its Undo)
}

func (r *resultsView) showMessage(msg string) {
	r.message.SetText(msg)
	r.message.Show()
	r.list.Hide()
}

func (r *resultsView) setBusy(b bool) {
	if b {
		r.busy.Show()
		r.busy.Start()
	} else {
		r.busy.Stop()
		r.busy.Hide()
	}
}

func (r *resultsView) resetSelection() {
	r.selected = -1
	r.list.UnselectAll()
	r.list.Refresh()
	r.list.ScrollToTop()
}

func (r *resultsView) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(r.items) {
		return
	}
	it := r.items[id]
	if it.header != nil { // a header opens its document's first hit
		if id+1 < len(r.items) && r.items[id+1].hit != nil {
			r.list.Select(id + 1)
		} else {
			r.list.Unselect(id)
		}
		return
	}
	r.selected = id
	switch {
	case it.hit != nil:
		r.ui.search.history.record(r.ui.search.query()) // opening a result: a query meant
		r.ui.reader.openPassage(it.hit.DocumentID, it.hit.PassageID, r.query)
	case it.doc != nil:
		r.ui.reader.openDocument(it.doc.ID)
	}
}

// move selects the next (+1) or previous (-1) result, skipping document
// headers.
func (r *resultsView) move(delta int) {
	var rows []int // the selectable rows
	at := -1       // the selected one's place among them
	for i, it := range r.items {
		if it.hit != nil || it.doc != nil {
			if i == r.selected {
				at = len(rows)
			}
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return
	}
	next := at + delta
	if at < 0 { // nothing selected (the first), or a row that is no result
		next = 0
		for j, i := range rows { // from the "more" row: the result before or after it
			if r.selected >= 0 && i < r.selected {
				next = j + max(delta, 0)
			}
		}
	}
	next = rows[min(max(next, 0), len(rows)-1)]
	r.list.Select(next)
	r.list.ScrollTo(next)
}

// openSelected opens the selected result, or the first one.
func (r *resultsView) openSelected() {
	if r.selected < 0 {
		r.move(+1)
		return
	}
	r.onSelected(r.selected)
}

// linesLayout gives its single child the height of a fixed number of text
// lines (its child is a Clip, so longer text is cut off rather than drawn
// over the next row), giving list rows a steady rhythm.
type linesLayout struct{ lines int }

func (l *linesLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, flowHeight(l.lines))
}

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
