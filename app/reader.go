package app

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// readerWindow is how many passages the reader lays out at once; "earlier"
// and "later" buttons widen it. Long reports (thousands of passages) stay
// responsive because only this window is built as widgets.
const readerWindow = 40

// hitRef locates one highlighted match: passage index and range index.
type hitRef struct{ passage, rng int }

// readerView is the right pane: a document with its metadata, the focused
// passage marked, every hit highlighted and next/previous hit navigation.
type readerView struct {
	settling int // bumped by each scrollTo: a later one cancels the earlier's settling
	ui       *UI

	title    *widget.RichText
	heading  *bidiLabel // title, or its text drawn right to left
	meta     *widget.RichText
	hitLabel *shortLabel
	prevHit  *widget.Button
	nextHit  *widget.Button
	// earlierForms and laterForms shorten the buttons' labels in a narrow
	// reader; earlierBox and laterBox are what the reader lists.
	earlierForms, laterForms *shortButtonLayout
	earlierBox, laterBox     *fyne.Container
	box                      *fyne.Container
	scroll                   *container.Scroll
	empty                    *wrapHint
	body                     *fyne.Container

	doc      store.Document
	query    string // the query whose hits are highlighted
	want     string // the query the results list shows, which the reader follows
	follows  int    // sequence of followQuery loads
	docText  string
	passages []store.Passage
	noteRefs bool           // the document's "<FN12>" marks are footnote references (store.NoteReferences)
	outline  *store.Outline // passages read as an outline for citations (citeOutline); nil until read
	matches  map[int64][]store.Range
	hits     []hitRef
	cur      int // index into hits, -1 if none
	focus    int // index into passages of the marked passage, -1 if none
	lo, hi   int // passages[lo:hi] are laid out
	rows     map[int]*passageRow
	seq      int

	marks   map[int64][]store.Range // bookmarked passages of this document, with their bookmarked spans
	sel     readerSelection         // text selected with the mouse, if any
	mark    *widget.Button          // Bookmark / Bookmarked, for the focused passage
	actions *labelledButtons        // Bookmark, Tag… and Cite (see readerbar.go)
	// barLayout lays out the reader's bar; barWidth is its one-row least
	// width (or leastWidth, if more) when the panes were last fitted to it.
	barLayout *readerBarLayout
	barWidth  float32
	// least caches leastWidth for a text size and document.
	least struct {
		size, width     float32
		passages, pages int
	}
	ptags map[int64][]store.PassageTag // tags on its passages (and on it)
	annos int                          // sequence of annotation loads

	claims  map[int64][]store.Claim // claims on its passages, not rejected ones
	claimed int64                   // the claim whose words were last clicked, for Ctrl+K
}

// titleLine is the height of a line of the reader's title at a text size:
// measured with a new title, once per size, not at every layout.
var titleLine struct{ h, at float32 }

// titleLineHeight is the height of the reader's title in one line.
func titleLineHeight() float32 {
	if size := theme.TextSize(); size != titleLine.at || titleLine.h == 0 {
		t := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: "Title"})
		titleLine.h, titleLine.at = t.MinSize().Height, size
	}
	return titleLine.h
}

// titleLinesFoot is the foot of the reader's title's last whole line
// within a height h (from the title's top), with the label's padding
// under it as under a title of that many lines, 0 if not even one: its
// wrapped lines are one line's height apart, inside the label's inner
// padding. (One line is the least the title keeps: titleLineHeight.)
func titleLinesFoot(h float32) float32 {
	pad := theme.InnerPadding()
	line := titleLineHeight() - 2*pad
	if line <= 0 {
		return 0
	}
	n := float32(math.Floor(float64((h - 2*pad) / line)))
	if n < 1 {
		return 0
	}
	return 2*pad + n*line
}

// readerKeepsLines is how many lines of passages the reader keeps before
// its title gives way.
const readerKeepsLines = 3

func newReaderView(u *UI) *readerView {
	r := &readerView{ui: u, cur: -1, focus: -1, rows: map[int]*passageRow{}}
	r.title = widget.NewRichText()
	r.title.Wrapping = fyne.TextWrapWord
	r.heading = newBidiLine(r.title, func(s string) {
		r.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: s}}
		r.title.Refresh()
	}, widget.RichTextStyleSubHeading.TextStyle)
	r.heading.flow.sizeName = widget.RichTextStyleSubHeading.SizeName
	r.meta = widget.NewRichText()
	r.meta.Wrapping = fyne.TextWrapWord
	// The count gives way first when the reader is narrow: it could not
	// shrink, and at the largest text "2 hits in this document" pushed the
	// window past a 1280-pixel screen. It takes a shorter form first.
	r.hitLabel = newShortLabel(fyne.TextAlignTrailing)
	r.prevHit = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { r.stepHit(-1) })
	r.nextHit = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { r.stepHit(+1) })
	r.earlierForms, r.earlierBox = newShortButton(func() { r.widen(-readerWindow) })
	r.laterForms, r.laterBox = newShortButton(func() { r.widen(+readerWindow) })
	r.box = container.NewVBox()
	r.scroll = container.NewVScroll(r.box)
	// Wrapped (at spaces), so that it never sets the window's width:
	// unwrapped at the largest text it needed 558 pixels, and the window
	// opened wider than a 1024-pixel screen (found driving the app on a
	// small screen); nor its height (see wrapHint).
	r.empty = newWrapHint(readerHint)
	nav := container.NewHBox(r.prevHit, r.nextHit)
	bookmark := widget.NewButtonWithIcon("Bookmark", bookmarkOutlineIcon, u.toggleBookmark)
	r.mark = bookmark
	tag := widget.NewButtonWithIcon("Tag…", theme.AccountIcon(), u.showTagPicker)
	cite := widget.NewButtonWithIcon("Cite", theme.ContentCopyIcon(), u.copyCitation)
	for _, b := range []*widget.Button{bookmark, tag, cite} {
		b.Importance = widget.LowImportance
	}
	r.actions = &labelledButtons{buttons: []*widget.Button{bookmark, tag, cite}, labels: []string{"Bookmark", "Tag…", "Cite"}}
	r.barLayout = &readerBarLayout{bar: r.actions, count: r.hitLabel, nav: nav, narrow: &u.narrow}
	bar := container.New(r.barLayout, bookmark, tag, cite, r.hitLabel, nav)
	r.actions.relayout = bar.Refresh
	// The title and the line under it give way to the passages in a short
	// reader, and scroll, down to a line of the title: wrapped in a reader
	// narrowed by the claims pane at the largest text (five lines of the
	// title, four of its source), they made the reader 511 pixels tall at
	// least, and the window taller than an 800×600 screen (found by a UI
	// pass). The bar stays below them.
	rest := container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, container.New(&keepPlaceLayout{r: r}, r.scroll))
	r.body = newGiveWay(container.NewVBox(r.heading, r.meta), rest,
		titleLineHeight,
		func() float32 { return rest.MinSize().Height + readerKeepsLines*flowLineHeight() })
	r.body.Layout.(*giveWayLayout).lineFoot = titleLinesFoot
	r.body.Hide()
	r.updateHitNav()
	return r
}

func (r *readerView) content() fyne.CanvasObject {
	// The hint centres itself in the whole reader.
	return container.NewStack(r.empty, r.body)
}

// openDocument shows a document from the top, without highlights.
func (r *readerView) openDocument(docID int64) { r.open(docID, 0, "") }

// openPassage shows a passage in its document, marked, with every hit of
// query highlighted.
func (r *readerView) openPassage(docID, passageID int64, query string) {
	r.open(docID, passageID, query)
}

func (r *readerView) open(docID, passageID int64, query string) {
	st, gen := r.ui.store()
	r.seq++
	seq := r.seq
	r.want = query
	r.follows++ // a pending re-highlight was for the document being left
	sameDoc := r.doc.ID == docID && r.passages != nil
	// Read the reader's state here, on the UI goroutine, not in the worker.
	doc, text, passages := r.doc, r.docText, r.passages
	size := theme.TextSize()
	r.ui.work.run(func() func() {
		// One store call: the document (unless it is the one shown), the
		// query's matches in it, and its bookmarks and tags.
		rd, err := st.ReadDocument(context.Background(), store.ReaderRequest{DocumentID: docID, Query: query, Loaded: sameDoc})
		var matches map[int64][]store.Range
		var marks map[int64][]store.Range
		var ptags map[int64][]store.PassageTag
		var claims map[int64][]store.Claim
		var problems []string // said once, when the document is loaded
		if err == nil {
			if !sameDoc {
				doc, text, passages = rd.Document, rd.Text, rd.Passages
			}
			matches, marks, ptags, claims, problems = rd.Matches, rd.Marks, rd.Tags, rd.Claims, rd.Problems
			warmPassages(passages, passageID, matches, size)
		}
		return func() {
			if seq != r.seq || !r.ui.current(gen) {
				return
			}
			if err != nil {
				r.ui.status.setMessage(fullStop("Could not open the document: " + err.Error()))
				return
			}
			if len(problems) > 0 {
				// Shown as stored; citations of these passages would be wrong.
				r.ui.status.setMessage(fullStop(fmt.Sprintf("This document is damaged (%s): %s", plural(len(problems), "problem"), problems[0])))
			}
			if sameDoc && query == r.query && r.refocus(passageID, matches, marks, ptags, claims) {
				return
			}
			r.query = query
			r.docText = text
			r.marks, r.ptags, r.claims = marks, ptags, claims
			r.show(doc, passages, matches, passageID)
			if r.want != query { // a new search listed while this one loaded
				r.followQuery(r.want)
			}
		}
	})
}

// followQuery re-highlights the open document for the query now listed in
// the results ("" for none), keeping the focused passage and the scroll
// position: the reader never shows an older search's hits as current.
func (r *readerView) followQuery(query string) { r.followQueryWith(query, docMatches{}) }

// docMatches are the matches of a query in one document, read elsewhere
// (with a search page); doc 0 when none were.
type docMatches struct {
	doc     int64
	matches map[int64][]store.Range
}

// shownDocument is the id of the document the reader shows, 0 if none.
func (r *readerView) shownDocument() int64 {
	if r.passages == nil {
		return 0
	}
	return r.doc.ID
}

// followQueryWith is followQuery with the matches of query in the document
// shown, when known holds them: no store call is then needed.
func (r *readerView) followQueryWith(query string, known docMatches) {
	r.want = query
	r.follows++
	if r.passages == nil || query == r.query {
		return
	}
	if known.doc != 0 && known.doc == r.doc.ID {
		r.query = query
		r.setMatches(known.matches)
		for i := range r.rows {
			r.paint(i)
		}
		r.updateHitNav()
		return
	}
	st, gen := r.ui.store()
	seq, follow, docID := r.seq, r.follows, r.doc.ID
	r.ui.work.run(func() func() {
		var matches map[int64][]store.Range
		var err error
		if query != "" {
			matches, err = st.DocumentMatches(context.Background(), docID, query)
		}
		return func() {
			if seq != r.seq || follow != r.follows || !r.ui.current(gen) || r.doc.ID != docID {
				return
			}
			if err != nil { // a query that cannot be read highlights nothing
				matches = nil
			}
			r.query = query
			r.setMatches(matches)
			for i := range r.rows {
				r.paint(i)
			}
			r.updateHitNav()
		}
	})
}

// setMatches installs a document's matches and lists its hits; no hit is
// current.
func (r *readerView) setMatches(matches map[int64][]store.Range) {
	r.matches = matches
	r.hits = r.hits[:0]
	for i, p := range r.passages {
		for j := range matches[p.ID] {
			r.hits = append(r.hits, hitRef{i, j})
		}
	}
	r.cur = -1
}

// warmPassages measures, on the worker, the words of the passages the
// reader is about to lay out around passage focusID (in bold where they are
// hits or headings), so that laying them out on the UI goroutine finds
// every width cached.
func warmPassages(passages []store.Passage, focusID int64, matches map[int64][]store.Range, size float32) {
	at := 0
	for i, p := range passages {
		if p.ID == focusID {
			at = i
			break
		}
	}
	lo := max(at-readerWindow/3, 0)
	for _, p := range passages[lo:min(lo+readerWindow, len(passages))] {
		for _, sp := range hitSpans(p.Text, matches[p.ID], -1) {
			sp.bold = sp.bold || p.Heading
			style := textStyle(&sp)
			measureWord(" ", size, style)
			for _, w := range splitWords(sp.text) {
				measureWord(strings.TrimRight(w, " "), size, style)
			}
		}
	}
}

// citeOutline is the document's outline, read once for its citations:
// read afresh for each Copy with citation, a long report's headings were
// read again every time (a hostile outline: a quarter of a second each).
func (r *readerView) citeOutline() *store.Outline {
	if r.outline == nil {
		r.outline = store.NewOutline(r.passages)
	}
	return r.outline
}

// show lays out a document and scrolls to the focused passage.
func (r *readerView) show(doc store.Document, passages []store.Passage, matches map[int64][]store.Range, focusID int64) {
	shownBefore := r.doc.ID
	if doc.ID != r.doc.ID {
		r.sel = readerSelection{}
	}
	r.doc, r.passages = doc, passages
	r.outline = nil
	// A walk over the passages in memory, to the first footnote.
	r.noteRefs = store.NoteReferences(doc, passages)
	r.focus = -1
	for i, p := range passages {
		if p.ID == focusID {
			r.focus = i
			break
		}
	}
	r.setMatches(matches)
	if r.focus >= 0 {
		r.cur = sort.Search(len(r.hits), func(k int) bool { return r.hits[k].passage >= r.focus })
		if r.cur == len(r.hits) || r.hits[r.cur].passage != r.focus {
			r.cur = -1
		}
	}
	r.heading.SetText(showable(doc.Title))
	r.meta.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText},
		Text:  r.metaLine(doc),
	}}
	r.meta.Refresh()
	if doc.ID != shownBefore {
		r.titleToTop()
	}
	r.empty.Hide()
	shown := r.body.Visible()
	r.body.Show()
	r.body.Refresh() // a shorter title than the last left its height empty (a UI pass)
	if !shown {
		r.ui.refitPanesAndWindow() // its bar may need the panes narrowed
	}
	anchor := max(r.focus, 0)
	r.layoutWindow(anchor)
	r.updateHitNav()
	r.updateMarkButton()
	if r.focus >= 0 {
		r.scrollTo(r.focus)
	} else {
		r.scroll.ScrollToTop()
	}
}

// titleToTop shows the title and source line from their start: scrolled
// in a short reader, the next document's title opened part-way down, its
// first lines hidden (a UI pass).
func (r *readerView) titleToTop() {
	if top, ok := r.body.Objects[0].(*wholeScroll); ok {
		top.scroll.ScrollToTop()
	}
}

// refocus moves the focus to passage focusID of the document shown, without
// laying its rows out again, when nothing else would change: the same
// highlights and annotations, and the passage well inside the rows laid
// out. Stepping through a document's hits from the results list (↓, ↓, …)
// then repaints two rows instead of building forty (~90 ms of the UI
// goroutine a keystroke). It reports whether it did.
func (r *readerView) refocus(focusID int64, matches, marks map[int64][]store.Range, ptags map[int64][]store.PassageTag, claims map[int64][]store.Claim) bool {
	i := slices.IndexFunc(r.passages, func(p store.Passage) bool { return p.ID == focusID })
	margin := readerWindow / 8 // room around it, as layoutWindow leaves
	switch {
	case i < 0, len(r.rows) == 0, r.focus < 0:
		return false
	case i < r.lo || i >= r.hi:
		return false
	case i < r.lo+margin && r.lo > 0, i >= r.hi-margin && r.hi < len(r.passages):
		return false
	case !reflect.DeepEqual(matches, r.matches), !reflect.DeepEqual(marks, r.marks),
		!reflect.DeepEqual(ptags, r.ptags), !reflect.DeepEqual(claims, r.claims):
		return false
	}
	old, oldCur := r.focus, -1
	if r.cur >= 0 {
		oldCur = r.hits[r.cur].passage
	}
	r.focus, r.cur = i, -1
	if k := sort.Search(len(r.hits), func(k int) bool { return r.hits[k].passage >= i }); k < len(r.hits) && r.hits[k].passage == i {
		r.cur = k
	}
	for _, j := range []int{old, oldCur, i} {
		if j >= 0 {
			r.paint(j) // the focused row's paint updates the mark button
		}
	}
	r.updateHitNav()
	r.scrollTo(i)
	return true
}

// metaLine is the reader header's second line for d: with its version
// first where another document has its title, as its library row and its
// hits say it (the header of either version read alike).
func (r *readerView) metaLine(d store.Document) string {
	if v, ok := r.ui.library.versions[d.ID]; ok {
		return v.whole() + " · " + metadataLine(d)
	}
	return metadataLine(d)
}

// refreshMeta sets the header's second line again: the library's
// versions change as a document of the title is imported or deleted.
func (r *readerView) refreshMeta() {
	if r.doc.ID == 0 || len(r.meta.Segments) != 1 {
		return
	}
	if seg, ok := r.meta.Segments[0].(*widget.TextSegment); ok {
		if line := r.metaLine(r.doc); seg.Text != line {
			seg.Text = line
			r.meta.Refresh()
		}
	}
}

// metadataLine is the reader header's second line, of d alone.
func metadataLine(d store.Document) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, label+v)
		}
	}
	add("", d.Source)
	add("by ", d.Author)
	add("", d.Published)
	add("photo: ", d.PhotoCredit)
	add("", d.URL)
	add("file: ", d.FileName)
	if d.Pages > 0 {
		parts = append(parts, plural(d.Pages, "page"))
	}
	parts = append(parts, plural(d.Passages, "passage"))
	// Shown as the title is: an author typed or imported with U+202E
	// turned the rest of the line around, its file name and counts with it
	// (a hostile data pass).
	return showable(strings.Join(parts, " · "))
}

// layoutWindow builds rows for the passages around anchor.
func (r *readerView) layoutWindow(anchor int) {
	r.lo = max(anchor-readerWindow/3, 0)
	r.hi = min(r.lo+readerWindow, len(r.passages))
	r.lo = max(r.hi-readerWindow, 0)
	r.rebuild()
}

// widen shows more passages before (negative) or after (positive). The
// passage at the top of the view stays there: passages added above pushed
// it 40 down, and the reader lost their place (found by a UI pass).
func (r *readerView) widen(by int) {
	if by >= 0 {
		r.hi = min(r.hi+by, len(r.passages))
		r.rebuild()
		return
	}
	top := r.topRow()
	if top < 0 { // scrolled to the top: the first passage shown
		top = r.lo
	}
	// Where it is in the view, to the pixel: scrolled to the view's top,
	// it moved up by the button's height (found by a UI pass).
	above := theme.Padding()
	if row, ok := r.rows[top]; ok {
		above = row.content.Position().Y - r.scroll.Offset.Y
	}
	r.lo = max(r.lo+by, 0)
	r.rebuild()
	r.scrollToBelow(top, above)
}

func (r *readerView) rebuild() {
	objs := make([]fyne.CanvasObject, 0, r.hi-r.lo+2)
	if r.lo > 0 {
		n := thousands(r.lo)
		r.earlierForms.setForms("Show earlier passages ("+n+" more)", "Earlier passages ("+n+")", n+" earlier")
		objs = append(objs, r.earlierBox)
	}
	clear(r.rows)
	for i := r.lo; i < r.hi; i++ {
		row := r.newPassageRow(i, r.passages[i])
		r.rows[i] = row
		r.paint(i)
		objs = append(objs, row.content)
	}
	if r.hi < len(r.passages) {
		n := thousands(len(r.passages) - r.hi)
		r.laterForms.setForms("Show later passages ("+n+" more)", "Later passages ("+n+")", n+" later")
		objs = append(objs, r.laterBox)
	}
	r.box.Objects = objs
	r.box.Refresh()
}

// topRow is the passage at the top of the reader's view, or -1 when the
// view is scrolled to its top (or shows no passage).
func (r *readerView) topRow() int {
	y := r.scroll.Offset.Y
	if y <= 0 {
		return -1
	}
	top := -1
	for i, row := range r.rows {
		if row.content.Position().Y <= y+theme.Padding() && i > top {
			top = i
		}
	}
	return top
}

// keepPlaceLayout sizes the reader's scroll and, when its width changes
// (the split dragged, the claims ledger widening its pane as a row is
// clicked), brings the passage that was at the top back there: wrapped
// text changes height with the width, and the same offset showed other
// passages, the one just opened below the fold.
type keepPlaceLayout struct {
	r     *readerView
	width float32
}

func (l *keepPlaceLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	if !l.r.ui.narrow {
		m.Width = max(m.Width, l.r.leastWidth())
	} else {
		m.Width = max(m.Width, l.r.ui.readerLeast)
	}
	return m
}

// readerLeastChars is how many average characters of text a passage line
// holds at least: at the largest text on an 800×600 screen, beside the
// sidebar, the reader was 235 pixels, its text 156, and the Mueller
// report's heading "Introduction to Volume I" was broken as
// "Introductio|n" (found under Xvfb by a UI pass). Twenty, not sixteen: a
// long word is wider than as many average characters, and beside the
// Saved section there the reader had 210 pixels of text for the 249 of
// "telecommunications" (a UI pass). Less than the reader's bar needs at
// the usual text sizes. It counts in the panes' usual least widths only:
// where they are wider than the window, the panes are narrowed
// (narrow.go), the sidebar's buttons in two rows, and the reader gets the
// width the sidebar gives up and what the other panes leave over.
const readerLeastChars = 20

// leastWidth is the reader's least width for its open document: the
// passage-number column and readerLeastChars of text beside it.
func (r *readerView) leastWidth() float32 {
	c := &r.least
	size := theme.TextSize()
	if c.size != size || c.passages != r.doc.Passages || c.pages != r.doc.Pages {
		gutter := (&gutterLayout{widest: r.doc.Passages, pages: r.doc.Pages}).MinSize(nil).Width
		c.size, c.passages, c.pages = size, r.doc.Passages, r.doc.Pages
		c.width = gutter + theme.Padding() + 2*theme.InnerPadding() + float32(math.Ceil(float64(readerLeastChars*averageCharWidth()))) + theme.ScrollBarSize()
	}
	return c.width
}

func (l *keepPlaceLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top := -1
	if l.width > 0 && size.Width != l.width {
		top = l.r.topRow() // where the rows are at the old width
	}
	l.width = size.Width
	objs[0].Resize(size)
	if top >= 0 {
		l.r.scrollTo(top)
	}
}

// scrollTo brings passage i to the top of the reader, after layout, and
// again once the rows have been drawn if nothing moved the reader
// meanwhile: rows just built report their final heights only then (found
// by a hostile pass: the first ledger click after the claims view opened
// showed ¶ 6 for ¶ 11, the rows above it still short).
func (r *readerView) scrollTo(i int) { r.scrollToBelow(i, theme.Padding()) }

// scrollToBelow is scrollTo with passage i's top above pixels below the
// top of the view.
func (r *readerView) scrollToBelow(i int, above float32) {
	at, ok := r.scrollNow(i, above)
	if !ok || r.ui == nil {
		return
	}
	r.settling++
	seq := r.settling
	// Counted (after, not later): waiting for the window to settle covers
	// it, and a research file closes only once it has run, so it never
	// moves a reader that tests, or a closing window, are already reading.
	r.ui.work.after(settleDelay, func() {
		if seq == r.settling && r.scroll.Offset == at {
			r.scrollNow(i, above)
		}
	})
}

// settleDelay: long enough for a frame to draw the rows just built.
const settleDelay = 100 * time.Millisecond

// scrollNow is scrollTo as the rows are laid out now; it returns the offset
// it scrolled to.
func (r *readerView) scrollNow(i int, above float32) (fyne.Position, bool) {
	row, ok := r.rows[i]
	if !ok {
		return fyne.Position{}, false
	}
	// Wrapped text knows its height only once it knows its width: lay the
	// box out at the scroll's width until the row stays put. Twice was not
	// always enough for rows just built: the first ledger click after the
	// claims view opened scrolled to ¶ 6 for ¶ 11 (found by a hostile
	// pass), the rows above still at the heights of a wider reader.
	w := r.scroll.Size().Width
	y := float32(-1)
	for range 8 {
		r.box.Resize(fyne.NewSize(w, r.box.MinSize().Height))
		at := row.content.Position().Y
		if at == y {
			break
		}
		y = at
	}
	y -= above
	r.scroll.ScrollToOffset(fyne.NewPos(0, max(y, 0)))
	return r.scroll.Offset, true
}

// stepHit moves to the next (+1) or previous (-1) hit, wrapping around.
func (r *readerView) stepHit(delta int) {
	if len(r.hits) == 0 {
		// Said, as other commands that cannot act say why: Ctrl+G did
		// nothing and said nothing (a hostile UI pass).
		if m := r.noHitsMessage(); m != "" {
			r.ui.status.setMessage(m)
		}
		return
	}
	old := r.cur
	switch {
	case r.cur < 0 && delta > 0:
		r.cur = 0
		if r.focus >= 0 { // first hit at or after the focused passage
			r.cur = sort.Search(len(r.hits), func(k int) bool { return r.hits[k].passage >= r.focus }) % len(r.hits)
		}
	case r.cur < 0:
		r.cur = len(r.hits) - 1
	default:
		r.cur = (r.cur + delta + len(r.hits)) % len(r.hits)
	}
	target := r.hits[r.cur].passage
	if old >= 0 {
		defer r.paint(r.hits[old].passage)
	}
	if r.focus != target && r.focus >= 0 {
		defer r.paint(r.focus)
	}
	r.focus = target
	if target < r.lo || target >= r.hi {
		r.layoutWindow(target)
	} else {
		r.paint(target)
	}
	r.updateHitNav()
	r.scrollTo(target)
}

// hitForms are the hit count's forms, longest first, for hit cur (-1:
// none current) of total, down to "389/711" or "711": never a number cut
// short ("38…" for hit 389 read as a wrong number; found by a UI pass),
// and never nothing (in a narrow reader the count was gone, the arrows
// beside the buttons with no word of how many hits; a UI pass).
func hitForms(cur, total int) []string {
	if cur < 0 {
		n := plural(total, "hit")
		return []string{n + " in this document", n, thousands(total)}
	}
	at, of := thousands(cur+1), thousands(total)
	return []string{fmt.Sprintf("Hit %s of %s", at, of), at + " of " + of, at + "/" + of}
}

// hitCountLeast is the text the hit count's least width is wide enough
// for: its shortest form at its widest, so that stepping through the hits
// does not change the reader's least width.
func hitCountLeast(total int) string { return thousands(total) + "/" + thousands(total) }

func (r *readerView) updateHitNav() {
	switch {
	case len(r.hits) == 0:
		r.hitLabel.SetForms()
		r.hitLabel.SetLeast("")
		r.prevHit.Disable()
		r.nextHit.Disable()
		r.prevHit.Hide()
		r.nextHit.Hide()
		r.fitBar()
		return
	default:
		r.hitLabel.SetForms(hitForms(r.cur, len(r.hits))...)
		r.hitLabel.SetLeast(hitCountLeast(len(r.hits)))
	}
	r.prevHit.Show()
	r.nextHit.Show()
	r.prevHit.Enable()
	r.nextHit.Enable()
	r.fitBar()
}

// fitBar fits the panes again when the reader's least width has changed:
// the hit count and arrows came or went, or another document's passage
// numbers are wider. (Opening a result fitted the
// panes before its arrows and count showed, and the reader's least width
// grew past what the window had room for: at the largest text on an
// 800×600 screen the window needed 809 pixels, and the panes were not
// narrowed.)
func (r *readerView) fitBar() {
	if r.barLayout == nil {
		return
	}
	if w := max(r.barLayout.oneRow(), r.leastWidth()); w != r.barWidth {
		r.barWidth = w
		r.ui.refitPanesAndWindow()
	}
}

// currentPassage is the passage that copy, bookmark and tag act on: the
// focused one (hit navigation and taps move the focus).
func (r *readerView) currentPassage() (store.Passage, bool) {
	if r.focus >= 0 && r.focus < len(r.passages) {
		return r.passages[r.focus], true
	}
	return store.Passage{}, false
}

// choosePassageFirst says what to do before an action on a passage (then:
// "bookmark it (Ctrl+D)"): click one where a document is open (asked to
// open one, a user looking at a document did not know what was meant;
// found by a UI pass), open one where none is.
func (r *readerView) choosePassageFirst(then string) string {
	if len(r.passages) > 0 {
		return "Click a passage in the reader first, then " + then + "."
	}
	return "Open a passage in the reader first, then " + then + "."
}

// focusOn marks passage i as the one actions apply to.
func (r *readerView) focusOn(i int) {
	if i == r.focus {
		return
	}
	old := r.focus
	r.focus = i
	r.paint(old)
	r.paint(i)
}

// reset empties the reader (another research file was opened).
// readerHint is what the empty reader says; noFileHint what it says where
// no research file is open (there is nothing to select: the results pane
// and the banner say why; a hostile UI pass).
const (
	readerHint = "Select a result or a document to read it here."
	noFileHint = "Nothing to read: no research file is open."
)

func (r *readerView) reset() {
	r.seq++
	r.doc, r.docText, r.passages, r.matches, r.query = store.Document{}, "", nil, nil, ""
	r.outline = nil
	r.noteRefs = false
	r.hits, r.cur, r.focus = nil, -1, -1
	r.sel = readerSelection{}
	r.marks, r.ptags, r.claims, r.claimed = nil, nil, nil, 0
	clear(r.rows)
	r.box.Objects = nil
	r.box.Refresh()
	r.body.Hide()
	r.empty.Show()
	r.updateHitNav()
}

// refreshAnnotations reloads bookmarks and tags of the open document and
// repaints its rows.
func (r *readerView) refreshAnnotations() {
	if r.passages == nil {
		return
	}
	st, gen := r.ui.store()
	r.annos++
	seq, docSeq, docID := r.annos, r.seq, r.doc.ID
	r.ui.work.run(func() func() {
		rd, err := st.ReadDocument(context.Background(), store.ReaderRequest{DocumentID: docID, Loaded: true})
		return func() {
			if err != nil || seq != r.annos || docSeq != r.seq || !r.ui.current(gen) {
				return
			}
			r.marks, r.ptags, r.claims = rd.Marks, rd.Tags, rd.Claims
			for i := range r.rows {
				r.paint(i)
			}
		}
	})
}

// noHitsMessage says why there is no hit for Ctrl+G to go to; "" while
// the hits of the search the reader follows are still being found.
func (r *readerView) noHitsMessage() string {
	switch {
	case r.doc.ID == 0:
		return "Open a document first: Ctrl+G and Ctrl+Shift+G then step through the search's hits in it."
	case strings.TrimSpace(r.ui.search.query()) == "":
		return "Type a search first: Ctrl+G and Ctrl+Shift+G then step through its hits in this document."
	case r.ui.results.refused:
		return "The search cannot run, as the results pane says: change it, then Ctrl+G and Ctrl+Shift+G step through its hits in this document."
	case r.want != r.query:
		return ""
	default:
		return "This document has no hits of the search."
	}
}

// reopener is, for a document about to be deleted, what shows it again
// once the deletion is undone: the reader at the passage it was at, with
// the search's hits, where the reader showed that document and shows
// nothing else by then; nil where it showed another. Undo "brings it all
// back", and the reader stayed empty (a hostile UI pass).
func (r *readerView) reopener(docID int64) func() {
	if r.doc.ID != docID {
		return nil
	}
	var passageID int64
	if p, ok := r.currentPassage(); ok {
		passageID = p.ID
	}
	query := r.query
	return func() {
		if r.doc.ID == 0 {
			r.openPassage(docID, passageID, query)
		}
	}
}
