package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/query"
)

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

// resultsView is the middle pane: search hits with bold matches, or the
// library when the query is empty, or a message when there is nothing to show.
type resultsView struct {
	ui      *UI
	heading *shortLabel // its shorter forms where it does not fit ("Library (3)" for "Library — 3 docum…")
	list    *widget.List
	message *widget.Label
	// messageLine shows message (right to left where it is: see
	// bidiLabel); it is what is shown and hidden.
	messageLine *bidiLabel
	// messageBox scrolls the message, shown with it: a long one (the
	// banner's "No research file is open…" at the largest text, in a
	// narrow pane) made the window's least height taller than an 800×600
	// screen, and the window grew past it, its menu bar and the banner's
	// first line above the screen's top (a hostile UI pass).
	messageBox *container.Scroll
	busy       *widget.ProgressBarInfinite

	items    []resultItem
	total    int
	capped   bool
	query    string        // what the listed results are for (completed, if it was)
	through  store.Through // where the library stood when they were listed: "every result" stops there
	typed    string        // the text searched for, as typed: the store has read it
	refused  bool          // the search box's text is a search the engine refused (showError)
	filtered bool          // the listed query has filters (actor:, is:bookmarked…), as the store parsed it
	selected int
	gap      int           // where a selected result was before a rerun removed it (-1: none)
	grouped  bool          // View → Group by document
	docHits  map[int64]int // the result set's hits per document, if counted

	measure *resultRow // a row never shown, to measure row heights
	// markProbe is a bookmark button never shown, to measure hit rows'
	// buttons by (resultTitleLayout).
	markProbe *widget.Button
	heights   map[int]float32 // row heights set on the list, by item
	// place is the widest place of the listed hits ("p. 7 · ¶ 12"): the
	// list's template row carries it, so that the list's least width, the
	// template's, is a hit row's.
	place string
}

func newResultsView(u *UI) *resultsView {
	r := &resultsView{ui: u, selected: -1, gap: -1, grouped: u.app.Preferences().Bool(prefGroupByDocument)}
	r.heading = newShortLabel(fyne.TextAlignLeading)
	r.heading.label.TextStyle = fyne.TextStyle{Bold: true}
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.message.Alignment = fyne.TextAlignCenter
	r.messageLine = newBidiLabel(r.message)
	r.messageLine.quotesIsolated = true
	r.messageLine.Hide()
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
	msg := container.NewVBox(layoutSpacer(24), r.messageLine)
	list := container.New(&widthWatch{onWidth: func(float32) {
		r.sizeRows()
		r.list.Refresh()
	}}, r.list)
	r.messageBox = container.NewVScroll(container.NewPadded(msg))
	if !r.messageLine.Visible() {
		r.messageBox.Hide()
	}
	return container.NewBorder(top, nil, nil, nil, container.NewStack(list, r.messageBox))
}

// hideMessage hides the message (the list shows in its place).
func (r *resultsView) hideMessage() {
	r.messageLine.Hide()
	if r.messageBox != nil {
		r.messageBox.Hide()
	}
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
		doc   bool // no bookmark button: the title is never split (resultTitleLayout)
	}
	heights := map[shape]float32{}
	plain := r.plainHeight() // the list's template row: no height to set
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
		sh := shape{r.itemLines(it), len(it.tags) > 0 && it.hit != nil, it.hit == nil}
		if it.header != nil {
			sh = shape{lines: -1}
		}
		h, ok := heights[sh]
		if !ok && it.header != nil {
			h = r.measure.header.MinSize().Height
			heights[sh] = h
		} else if !ok && sh.doc {
			h = plain // a document's row, or the "more" button's: one line, as the template
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
	if r.fitPlace() {
		// A wider place may leave a hit's title too little room beside
		// it (resultTitleLayout): measured again with it.
		r.sizeRowsAll(all)
	}
}

// fitPlace sets the template's place to the widest of the listed hits'.
// A wider one makes the results pane wider at least: the panes, and the
// window, are fitted again. (The template had "¶ 8888", and a paged
// document's "p. 7 · ¶ 12" was drawn over its title in the narrowest
// results pane; a UI pass.)
// It reports whether the place changed.
func (r *resultsView) fitPlace() bool {
	place := widestPlace(r.items, r.hitPlace)
	if place == r.place {
		return false
	}
	size := theme.TextSize()
	was := measureText(r.place, size, fyne.TextStyle{}).Width
	r.place = place
	r.list.Refresh() // the template is made again, and measured
	if measureText(place, size, fyne.TextStyle{}).Width > was {
		r.ui.refitPanesAndWindow()
	}
	return true
}

// widestPlace is the widest place of items' hits (as place gives it), ""
// if none are hits.
func widestPlace(items []resultItem, place func(*store.Hit) string) string {
	// Measured are only the longest in characters (or one short of it:
	// "p." is narrower than two digits), of thousands.
	var places []string
	longest := 0
	for _, it := range items {
		if it.hit == nil {
			continue
		}
		p := place(it.hit)
		n := utf8.RuneCountInString(p)
		if n < longest-1 {
			continue
		}
		longest = max(longest, n)
		places = append(places, p)
	}
	widest, w := "", float32(-1)
	size := theme.TextSize()
	for _, p := range places {
		if utf8.RuneCountInString(p) < longest-1 || p == widest {
			continue
		}
		if pw := measureText(p, size, fyne.TextStyle{}).Width; pw > w {
			widest, w = p, pw
		}
	}
	return widest
}

// themeChanged re-measures the rows for a new text size: a fresh measuring
// row, since widgets keep the sizes they measured under the old theme.
func (r *resultsView) themeChanged() {
	r.measure = r.createRow().(*resultRow)
	r.heights = nil
	r.sizeRowsAll(true) // every height changed, the template's too
	r.list.Refresh()
}

var charWidth struct {
	sync.Mutex
	size, width float32
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
		marks, tags, err := st.HitAnnotations(context.Background(), ids)
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

// showLibrary lists the documents (the empty-query view).
func (r *resultsView) showLibrary() { r.listLibrary(false) }

// listLibrary lists the documents; keepStatus: the status line keeps its
// message unless the library cannot be shown.
func (r *resultsView) listLibrary(keepStatus bool) {
	r.query, r.typed, r.filtered, r.refused = "", "", false, false
	r.setBusy(false)
	docs := r.ui.library.docs
	r.items = r.items[:0]
	for i := range docs {
		r.items = append(r.items, resultItem{doc: &docs[i]})
	}
	r.total = len(docs)
	r.ui.tips.hideAll()
	r.sizeRows()
	r.heading.SetForms(fmt.Sprintf("Library — %s", plural(len(docs), "document")), fmt.Sprintf("Library (%d)", len(docs)), "Library")
	r.ui.reader.followQuery("")
	if r.ui.stillOpening() {
		name := filepath.Base(r.ui.broken.Path)
		r.heading.SetForms("Opening "+name+"…", "Opening…")
		r.showMessage("Opening “" + cutMiddle(r.ui.broken.Path, maxShownPath) + "”… Its documents appear here once it is open.")
		r.resetSelection()
		r.ui.status.setMessage("Opening " + name + "…")
		return
	}
	if b := r.ui.broken; b != nil {
		// The window runs on an empty stand-in: say so, not "empty library".
		r.heading.SetForms("No research file open")
		r.showMessage("No research file is open: “" + b.Path + "” could not be opened. The banner above says why, and offers the ways out.")
		r.resetSelection()
		r.ui.status.setMessage("No research file is open: “" + b.Path + "” could not be opened.")
		return
	}
	if !r.ui.library.read {
		r.heading.SetForms("Library")
		r.showMessage("Reading the library…")
		r.resetSelection()
		if !keepStatus {
			r.ui.status.setMessage("Reading the library…")
		}
		return
	}
	if err := r.ui.library.readErr; err != nil {
		r.heading.SetForms("Library — cannot be read", "Library (unreadable)", "Library")
		r.showMessage(fullStop("The library cannot be read: " + err.Error()))
		r.resetSelection()
		r.ui.status.setMessage(fullStop("Could not read the library: " + err.Error()))
		return
	}
	if len(docs) == 0 {
		r.showMessage("The library is empty. Import documents with Library → Import documents… or drop files on this window.")
	} else {
		r.hideMessage()
		r.list.Show()
	}
	r.resetSelection()
	if keepStatus {
		return
	}
	if len(docs) == 0 {
		// "0 documents in the library. Type to search." offered a search
		// of nothing (a hostile UI pass on an emptied research file).
		r.ui.status.setMessage("The library is empty: Library → Import documents… (Ctrl+O) adds some.")
		return
	}
	r.ui.status.setMessage(fmt.Sprintf("%s in the library. Type to search.", plural(len(docs), "document")))
}

// showResults replaces the list with a first page of hits; docs is the
// number of distinct documents, or -1 if unknown; rankNote, if any, says
// what is becoming of an unranked page's order.
func (r *resultsView) showResults(q string, p page, keepStatus bool, rankNote string) {
	res, docs := p.res, p.docs
	r.query, r.typed, r.refused = q, q, false
	r.filtered = len(res.Query.Filters) > 0
	if res.Completed {
		r.query = res.Query.String() // the reader highlights what was found
	}
	r.total, r.capped = res.Total, res.Capped
	r.through = p.through
	r.docHits = p.docHits
	flat := make([]resultItem, 0, len(res.Hits))
	for i := range res.Hits {
		flat = append(flat, resultItem{hit: &res.Hits[i]})
	}
	annotate(flat, p.marks, p.tags)
	marked := r.query
	if res.Total == 0 {
		// A query that matched nothing marks nothing: the reader marks
		// each searched word wherever it stands, and counted hundreds of
		// "hits in this document" beside "No passages match".
		marked = ""
	}
	r.ui.reader.followQueryWith(marked, p.reader)
	r.layoutHits(flat, len(res.Hits) < res.Total)
	r.ui.tips.hideAll()
	r.sizeRows()
	r.resetSelection()
	if !keepStatus {
		r.ui.status.setMessage(countLine(res, docs, rankNote))
	}
	if res.Total == 0 {
		r.heading.SetForms("No results")
		r.showMessage(noMatchMessage(res.Query))
		return
	}
	r.heading.SetForms("Results")
	if res.Completed {
		r.heading.SetForms("Results for " + res.Query.String())
	}
	r.hideMessage()
	r.list.Show()
}

// setTotal puts the whole count of the results listed in place of a
// quick first page's (see searchView.refine): the "more" row's figure and,
// unless keepStatus, the status line, with rankNote as showResults has it.
func (r *resultsView) setTotal(res *store.Results, docs int, keepStatus bool, rankNote string) {
	r.total, r.capped = res.Total, res.Capped
	if n := len(r.items); n > 0 && r.items[n-1].more {
		r.list.RefreshItem(n - 1) // the only row that shows the total
	}
	if !keepStatus {
		r.ui.status.setMessage(countLine(res, docs, rankNote))
	}
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
	switch {
	case docs >= 0 && res.Capped: // counted among the first CountCap matches only
		in = " in at least " + plural(docs, "document")
	case docs >= 0:
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
	completed += readLine(res.Read)
	return fmt.Sprintf("%s%s%s · %s%s", completed, n, in, formatDuration(res.Elapsed), ranked)
}

// readLine says each filter whose name no tag has, read as the tag it
// names in another form ("actor:Россия" as Russia), which tag was used:
// "Reading actor:Россия as actor:Russia · ". The search's count line and
// the Claims pane's filter say it.
func readLine(read []store.ReadFilter) string {
	var b strings.Builder
	for _, f := range read {
		fmt.Fprintf(&b, "Reading %s as %s · ", f.Typed, f.As)
	}
	return b.String()
}

// showError shows the engine's message inline, in place of results.
func (r *resultsView) showError(msg string) {
	r.query, r.typed, r.filtered, r.refused = "", "", false, true
	r.items = r.items[:0]
	r.resetSelection()
	r.heading.SetForms("Cannot search")
	r.ui.reader.followQuery("")
	r.showMessage(msg) // inline only: the status line keeps the last action's message (and its Undo)
}

func (r *resultsView) showMessage(msg string) {
	r.messageLine.SetText(msg)
	r.messageLine.Show()
	if r.messageBox != nil {
		r.messageBox.Show()
	}
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

// listView is where the results list is: how many results it lists, the
// selected one (its passage, its row and where that row sits in the view)
// and how far it is scrolled.
type listView struct {
	hits    int
	passage int64   // 0: none selected
	row     int     // the selected row; -1: none
	rel     float32 // the selected row's top less the scroll offset
	offset  float32
}

// view is where the list is now.
func (r *resultsView) view() listView {
	v := listView{hits: r.hitCount(), passage: r.selectedItem(), row: -1, offset: r.list.GetScrollOffset()}
	if v.passage != 0 {
		v.row = r.selected
		v.rel = r.rowTop(r.selected) - v.offset
	}
	return v
}

// restore puts the list back where v was, once a quiet rerun has listed it
// again: the same passage selected (not opened again), its row where it
// sat in the view; a passage v only names (no row) scrolled into view; a
// selected passage no longer listed leaves a gap that ↓ and ↑ go on from.
func (r *resultsView) restore(v listView) {
	r.gap = -1
	for i, it := range r.items {
		if v.passage == 0 {
			break
		}
		if it.hit == nil || it.hit.PassageID != v.passage {
			continue
		}
		r.reselect(v.passage)
		if v.row >= 0 {
			r.list.ScrollToOffset(max(r.rowTop(i)-v.rel, 0))
		} else {
			r.list.ScrollToOffset(v.offset)
			r.list.ScrollTo(i)
		}
		return
	}
	r.list.ScrollToOffset(v.offset)
	if v.row >= 0 {
		r.gap = v.row
	}
}

// rowTop is where row i begins in the list's content, as the list lays
// its rows out: each at its height, a padding apart.
func (r *resultsView) rowTop(i int) float32 {
	pad := r.list.Theme().Size(theme.SizeNamePadding)
	plain := r.plainHeight() // the template's: rows not set have it
	y := float32(0)
	for j := 0; j < i; j++ {
		h, ok := r.heights[j]
		if !ok {
			h = plain
		}
		y += h + pad
	}
	return y
}

func (r *resultsView) resetSelection() {
	r.gap = -1
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
	r.selected, r.gap = id, -1
	switch {
	case it.hit != nil:
		q := r.ui.search.query() // opening a result: a query meant
		r.ui.search.history.recordRead(q, q == r.typed)
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
		// Said, as other commands that cannot act say why: Ctrl+N and
		// Ctrl+P did nothing and said nothing (a hostile UI pass).
		if r.busy.Visible() {
			return // the search is still running: its results are on their way
		}
		switch {
		case r.refused:
			// "Type a search first" blamed a search that was typed but
			// refused (an OR between a word and a filter; a hostile UI pass).
			r.ui.status.setMessage("The search cannot run, as the results pane says: change it, then Ctrl+N and Ctrl+P step through its results.")
		case strings.TrimSpace(r.typed) == "":
			r.ui.status.setMessage("Type a search first: Ctrl+N and Ctrl+P then step through its results.")
		default:
			r.ui.status.setMessage("No results to step through.")
		}
		return
	}
	next := at + delta
	if at < 0 && r.selected < 0 && r.gap >= 0 { // where a selected result was removed
		next = len(rows)
		for j, i := range rows {
			if i >= r.gap {
				next = j
				break
			}
		}
		next += min(delta, 0)
	} else if at < 0 { // nothing selected (the first), or a row that is no result
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

// noMatchMessage is what the results pane says of a query that found
// nothing. An actor's or source's passages (what choosing it in the
// sidebar searches for) are none when nothing is tagged with it yet: the
// advice to try fewer words or a prefix, for a query without words, sent
// the user looking in the wrong place (a tag kept by a merge, a UI pass).
func noMatchMessage(q query.Query) string {
	if len(q.Clauses) == 0 && len(q.Excludes) == 0 && len(q.Filters) == 1 {
		if f := q.Filters[0]; !f.Negated && (f.Key == "actor" || f.Key == "source" || f.Key == "tag") {
			return fmt.Sprintf("No passages match %s: no passage is tagged with it, and none is suggested.\n\nCtrl+T tags the focused passage.", q.String())
		}
	}
	return fmt.Sprintf("No passages match %s.\n\nTry fewer words, a prefix such as sanction*, or OR between alternatives. Help → Search syntax lists everything the search box understands.", q.String())
}
