package app

// The results list's rows: the row widget, how it is filled from a hit or a
// document, and how tall its snippet makes it.

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// snippetLines is how many lines of snippet a result row shows.
const snippetLines = 3

// lineKey is the width and text size a snippet's lines were measured at.
type lineKey struct{ width, size float32 }

// rowHeight measures a hit's row with a title line, the given number of
// snippet lines and, if tags, a tag line.
func (r *resultsView) rowHeight(lines int, tags bool) float32 {
	m := r.measure
	m.lines.lines = lines
	m.tagArea.Hidden = !tags
	m.mark.Hidden = false
	return m.body.MinSize().Height
}

// plainHeight is the height of the list's template row, a document's: no
// bookmark button, so its title never goes on a line of its own
// (resultTitleLayout), and a one-line summary.
func (r *resultsView) plainHeight() float32 {
	m := r.measure
	m.lines.lines = 1
	m.tagArea.Hidden = true
	m.mark.Hidden = true
	h := m.body.MinSize().Height
	m.mark.Hidden = false
	return h
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
func (p page) warm(ctx context.Context, w snippetWidths) {
	if p.res == nil {
		return
	}
	var keys []wordKey
	for _, h := range p.res.Hits {
		text, ranges := store.Snippet(h.Text, h.Matches, w.budget)
		keys = append(keys, spanWords(hitSpans(text, ranges, -1), w.size)...)
	}
	measureWords(ctx, keys) // stops when a newer query's page is what will show
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
		charWidth.width = measureText(sample, size, fyne.TextStyle{}).Width / float32(len(sample))
	}
	return charWidth.width
}

// resultRow is the template object of one list row.
type resultRow struct {
	widget.BaseWidget
	title *widget.Label
	// titleTip shows a cut title in full, and draws it (see bidiLabel):
	// its text is set through it, as tagsTip's and headerTip's are.
	titleTip *hoverTip
	tagsTip  *hoverTip
	mark     *widget.Button
	tags     *widget.Label
	tagArea  *tapArea
	rowTags  []store.PassageTag // the tags tapping the tag line offers as filters
	lines    *linesLayout       // the snippet's height, in lines
	ordinal  *widget.Label
	head     *fyne.Container // the button, the title and the place (resultTitleLayout)
	snippet  *flowText
	body     fyne.CanvasObject
	more     *widget.Button
	header   *widget.Label // a document's header, grouped results: its title
	// headerCount is the header's count, beside the title and never cut.
	headerCount *widget.Label
	// headerTip shows a cut header in full; it is created with the row
	// (not in the renderer) as it needs the window's tip layer.
	headerTip *hoverTip
}

func (r *resultsView) createRow() fyne.CanvasObject {
	row := &resultRow{
		title: widget.NewLabel(""),
		// The template's place is the widest of the listed hits' (its
		// least width is the pane's): with none, a narrow pane drew
		// "¶ 1403" over the title (a UI pass). Every row sets its own.
		ordinal: widget.NewLabel(r.place),
		snippet: newFlowText(),
	}
	row.title.TextStyle = fyne.TextStyle{Bold: true}
	row.title.Truncation = fyne.TextTruncateEllipsis
	row.ordinal.Importance = widget.LowImportance
	// The template's text is the button's shortest: the list's least
	// width is its template's, and "Show more results" made the results
	// pane 256 pixels at least at the largest text, the reader beside it
	// narrower still on an 800×600 screen (found under Xvfb).
	row.more = widget.NewButton(showMoreShort, nil)
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
	// Hit rows show it; the template is a document's row, without.
	row.mark = widget.NewButtonWithIcon("", bookmarkIcon, nil)
	row.mark.Importance = widget.LowImportance
	row.mark.Hide()
	row.tags = widget.NewLabel("")
	row.tags.Truncation = fyne.TextTruncateEllipsis
	row.tags.Importance = widget.LowImportance
	row.tags.TextStyle = fyne.TextStyle{Italic: true}
	row.tagsTip = newHoverTip(r.ui, row.tags)
	row.tagArea = newTapArea(row.tagsTip, func() { r.tagMenu(row) })
	// The list's template is a plain one-line row, the library's shape;
	// sizeRows sets every other row's height.
	row.lines = &linesLayout{lines: 1}
	row.tagArea.Hide()
	row.titleTip = newHoverTip(r.ui, row.title)
	row.head = container.New(&resultTitleLayout{r: r}, row.mark, row.titleTip, row.ordinal)
	row.body = container.NewBorder(row.head, row.tagArea, nil, nil,
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
		row.headerTip.setText(it.header.title)
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
		// Short: the button does not wrap, and the results pane may be
		// narrow at a large text size.
		of := thousands(r.total)
		if r.capped {
			of += "+"
		}
		text := fmt.Sprintf("Show more (%s of %s)", thousands(r.hitCount()), of)
		if w := r.list.Size().Width; w > 0 && widget.NewButton(text, nil).MinSize().Width > w {
			text = showMoreShort // the counts where the pane has room for them
		}
		row.more.SetText(text)
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
		row.titleTip.setText(h.DocumentTitle)
		row.titleTip.whole = nil
		if v, ok := r.ui.library.versions[h.DocumentID]; ok {
			// The place says the version alone: the title's tip says
			// the title with its version and import time, cut or not.
			whole := h.DocumentTitle + " · " + v.whole()
			row.titleTip.whole = func() (string, bool) { return whole, true }
		}
		row.ordinal.SetText(r.hitPlace(h))
		row.snippet.setMaxLines(r.itemLines(&r.items[id])) // the lines its row has room for
		row.snippet.setSpans(r.snippetSpans(h))
		if !row.mark.Visible() {
			row.mark.Show()
			row.head.Refresh() // laid out with it
		}
		if it.marked {
			row.mark.SetIcon(bookmarkIcon)
		} else {
			row.mark.SetIcon(bookmarkOutlineIcon)
		}
		row.mark.OnTapped = func() {
			r.ui.bookmarkPassage(h.DocumentID, store.Passage{ID: h.PassageID, Ordinal: h.Ordinal, Page: h.Page, Text: h.Text}, h.DocumentTitle)
		}
		row.mark.Refresh()
		row.tagsTip.setText(tagLine(it.tags))
		row.rowTags = it.tags
		if len(it.tags) == 0 { // as rowHeight measured it
			row.tagArea.Hide()
		} else {
			row.tagArea.Show()
		}
	case it.doc != nil:
		d := it.doc
		row.titleTip.setText(showable(d.Title))
		row.titleTip.whole = nil
		row.ordinal.SetText("")
		if row.mark.Visible() {
			row.mark.Hide()
			row.head.Refresh() // laid out without it
		}
		row.tagsTip.setText("")
		row.rowTags = nil
		row.tagArea.Hide()
		row.snippet.setMaxLines(1)
		line := documentSummary(d, nil)
		if v, ok := r.ui.library.versions[d.ID]; ok {
			line = stampedSummary(d, v, r.list.Size().Width) // the snippet's: the row's width
		}
		row.snippet.setSpans([]flowSpan{{text: line, color: theme.ColorNamePlaceHolder}})
	}
}

// titleLeastEms is the least room, in text sizes, a hit's title has
// beside its bookmark button and place before it goes on a line of its
// own under them.
const titleLeastEms = 5

// resultTitleLayout lays out a result's first line: the bookmark button (objs[0]),
// the document's title (objs[1]) and the passage's place at the right
// (objs[2]). Where the list is too narrow for titleLeastEms of the title
// between them, the title goes on a line of its own under them: at an
// 800×600 window's largest text, with the sidebar, the title was cut to
// "…" alone (found by UI passes). The list's width and its widest place
// decide, not the row's, so that every hit's row is split or none, as
// measured for their heights. Its least width counts the button, hidden
// or not: the list's template, a document's row, must be as wide as a
// hit's.
type resultTitleLayout struct{ r *resultsView }

// split reports whether the title goes under the button and the place.
func (l *resultTitleLayout) split(objs []fyne.CanvasObject) bool {
	if !objs[0].Visible() {
		return false
	}
	place := measureText(l.r.place, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	room := l.r.list.Size().Width - l.markWidth() - place - 2*theme.Padding()
	return room < titleLeastEms*theme.TextSize()
}

// markWidth is the bookmark button's: a hidden button's least size leaves
// out its icon.
func (l *resultTitleLayout) markWidth() float32 {
	if l.r.markProbe == nil {
		l.r.markProbe = widget.NewButtonWithIcon("", bookmarkIcon, nil)
	}
	return l.r.markProbe.MinSize().Width
}

func (l *resultTitleLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	mark, title, place := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize()
	pad := theme.Padding()
	w := l.markWidth() + pad + title.Width + pad + place.Width
	if l.split(objs) {
		return fyne.NewSize(w, max(mark.Height, place.Height)+pad+title.Height)
	}
	h := max(title.Height, place.Height)
	if objs[0].Visible() {
		h = max(h, mark.Height)
	}
	return fyne.NewSize(w, h)
}

func (l *resultTitleLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	mark, title, place := objs[0], objs[1], objs[2]
	pad := theme.Padding()
	placeW := place.MinSize().Width
	if l.split(objs) {
		top := max(mark.MinSize().Height, place.MinSize().Height)
		mark.Move(fyne.NewPos(0, 0))
		mark.Resize(fyne.NewSize(mark.MinSize().Width, top))
		place.Move(fyne.NewPos(size.Width-placeW, 0))
		place.Resize(fyne.NewSize(placeW, top))
		title.Move(fyne.NewPos(0, top+pad))
		title.Resize(fyne.NewSize(size.Width, size.Height-top-pad))
		return
	}
	x := float32(0)
	if mark.Visible() {
		mark.Move(fyne.NewPos(0, 0))
		mark.Resize(fyne.NewSize(mark.MinSize().Width, size.Height))
		x = mark.MinSize().Width + pad
	}
	place.Move(fyne.NewPos(size.Width-placeW, 0))
	place.Resize(fyne.NewSize(placeW, size.Height))
	title.Move(fyne.NewPos(x, 0))
	title.Resize(fyne.NewSize(max(size.Width-placeW-pad-x, 0), size.Height))
}

// showMoreShort is the "more" row's button where the pane is too narrow
// for its counts.
const showMoreShort = "Show more"

// snippetBytes sizes snippets to fill the row's lines at the pane's width.
func (r *resultsView) snippetBytes() int {
	w := r.list.Size().Width - 4*theme.Padding()
	if w <= 0 {
		return store.SnippetLen
	}
	n := int(w/averageCharWidth()) * snippetLines * 85 / 100 // wrapping wastes some of each line
	return max(n, 60)
}

// documentSummary is the library row's second line; with v (another
// document has its title: an earlier version of an edited file), which
// version it is and when it was imported.
func documentSummary(d *store.Document, v *docVersion) string {
	parts := []string{plural(d.Passages, "passage")}
	if d.Pages > 0 {
		parts = append(parts, plural(d.Pages, "page"))
	}
	if d.Source != "" {
		parts = append(parts, d.Source)
	}
	if d.Published != "" {
		parts = append(parts, d.Published)
	}
	if d.FileName != "" {
		parts = append(parts, d.FileName)
	}
	if v != nil {
		parts = append(parts, v.whole())
	}
	return strings.Join(parts, " · ")
}

// stampedSummary is the second line of a document whose title another
// has, in a row width wide: its summary with the import stamp at the end
// where it fits whole, else with the longest form of the stamp that fits
// first, the rest cut after it (at the end, the stamp was what was cut).
func stampedSummary(d *store.Document, v docVersion, width float32) string {
	size := theme.TextSize()
	fits := func(s string) bool { // on the row's one line, as the flow text breaks it
		_, cut := layoutFlow([]flowSpan{{text: s}}, width, size, 1)
		return !cut
	}
	if whole := documentSummary(d, &v); fits(whole) {
		return whole
	}
	stamps := v.stamps()
	stamp := stamps[len(stamps)-1]
	for _, f := range stamps {
		if fits(f + " ·…") { // whole, with the ellipsis that cuts the rest after it
			stamp = f
			break
		}
	}
	return stamp + " · " + documentSummary(d, nil)
}

// hitPlace is a hit's place in its row, after its title: with its
// document's version where another document has the title, or the hits
// of one passage in two versions of a document (an edited file imported
// again) read alike, row for row (a UI pass). The version, not the import
// time: two versions imported the same second have one time.
func (r *resultsView) hitPlace(h *store.Hit) string {
	p := hitLocation(h)
	if v, ok := r.ui.library.versions[h.DocumentID]; ok {
		return v.label() + " · " + p // the tip says the whole
	}
	return p
}

// hitLocation is where a result is in its document: "¶ 12", or "p. 7 · ¶ 12"
// for a passage of a paged document.
func hitLocation(h *store.Hit) string { return passagePlace(h.Page, h.Ordinal) }

// passagePlace names a passage's place: "¶ 12", or "p. 7 · ¶ 12" when its
// document is paged (page > 0).
func passagePlace(page, ordinal int) string {
	if pg := store.PageRef(page); pg != "" {
		return fmt.Sprintf("%s · ¶ %d", pg, ordinal)
	}
	return fmt.Sprintf("¶ %d", ordinal)
}

// tagMenu offers a result's tags as filters (its tag line acts as chips).
func (r *resultsView) tagMenu(row *resultRow) {
	if len(row.rowTags) == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(row.tags)
	if c == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, t := range row.rowTags {
		t := t
		items = append(items, fyne.NewMenuItem(menuNamed(c, "Show passages with ", t.Name, " ("+t.Family+")"), func() {
			r.ui.search.setQuery(filterFor(t.Tag))
		}))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(row.tags).AddXY(0, row.tags.Size().Height)
	r.ui.showMenu(fyne.NewMenu("", items...), c, pos)
}

// tagLine lists a passage's tags for a result row, a name once however
// many tags bear it (as the reader's chips); suggestions end in "?".
func tagLine(tags []store.PassageTag) string {
	var names []string
	for _, same := range sameNamed(tags) {
		n := same[0].Name
		if allPending(same) {
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
