package app

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	ui *UI

	title    *widget.RichText
	meta     *widget.RichText
	hitLabel *widget.Label
	prevHit  *widget.Button
	nextHit  *widget.Button
	earlier  *widget.Button
	later    *widget.Button
	box      *fyne.Container
	scroll   *container.Scroll
	empty    *widget.Label
	body     *fyne.Container

	doc      store.Document
	query    string // the query whose hits are highlighted
	want     string // the query the results list shows, which the reader follows
	follows  int    // sequence of followQuery loads
	docText  string
	passages []store.Passage
	matches  map[int64][]store.Range
	hits     []hitRef
	cur      int // index into hits, -1 if none
	focus    int // index into passages of the marked passage, -1 if none
	lo, hi   int // passages[lo:hi] are laid out
	rows     map[int]*passageRow
	seq      int

	marks map[int64][]store.Range      // bookmarked passages of this document, with their bookmarked spans
	sel   readerSelection              // text selected with the mouse, if any
	mark  *widget.Button               // Bookmark / Bookmarked, for the focused passage
	ptags map[int64][]store.PassageTag // tags on its passages (and on it)
	annos int                          // sequence of annotation loads
}

func newReaderView(u *UI) *readerView {
	r := &readerView{ui: u, cur: -1, focus: -1, rows: map[int]*passageRow{}}
	r.title = widget.NewRichText()
	r.title.Wrapping = fyne.TextWrapWord
	r.meta = widget.NewRichText()
	r.meta.Wrapping = fyne.TextWrapWord
	r.hitLabel = widget.NewLabel("")
	r.prevHit = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { r.stepHit(-1) })
	r.nextHit = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { r.stepHit(+1) })
	r.earlier = widget.NewButton("Show earlier passages", func() { r.widen(-readerWindow) })
	r.later = widget.NewButton("Show later passages", func() { r.widen(+readerWindow) })
	r.box = container.NewVBox()
	r.scroll = container.NewVScroll(r.box)
	r.empty = widget.NewLabel("Select a result or a document to read it here.")
	r.empty.Alignment = fyne.TextAlignCenter
	r.empty.Importance = widget.LowImportance
	nav := container.NewHBox(r.hitLabel, r.prevHit, r.nextHit)
	bookmark := widget.NewButtonWithIcon("Bookmark", bookmarkOutlineIcon, u.toggleBookmark)
	r.mark = bookmark
	tag := widget.NewButtonWithIcon("Tag…", theme.AccountIcon(), u.showTagPicker)
	cite := widget.NewButtonWithIcon("Cite", theme.ContentCopyIcon(), u.copyCitation)
	for _, b := range []*widget.Button{bookmark, tag, cite} {
		b.Importance = widget.LowImportance
	}
	actions := container.NewHBox(bookmark, tag, cite)
	header := container.NewVBox(r.title, r.meta, container.NewBorder(nil, nil, actions, nav), widget.NewSeparator())
	r.body = container.NewBorder(header, nil, nil, nil, r.scroll)
	r.body.Hide()
	r.updateHitNav()
	return r
}

func (r *readerView) content() fyne.CanvasObject {
	return container.NewStack(container.NewCenter(r.empty), r.body)
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
		ctx := context.Background()
		var err error
		if !sameDoc {
			if doc, err = st.Document(ctx, docID); err == nil {
				if passages, err = st.Passages(ctx, docID); err == nil {
					text, err = st.DocumentText(ctx, docID)
				}
			}
		}
		var matches map[int64][]store.Range
		if err == nil && query != "" {
			matches, err = st.DocumentMatches(ctx, docID, query)
		}
		var marks map[int64][]store.Range
		var ptags map[int64][]store.PassageTag
		if err == nil {
			marks, ptags, err = loadAnnotations(ctx, st, passages)
		}
		if err == nil {
			warmPassages(passages, passageID, matches, size)
		}
		var problems []string
		if err == nil && !sameDoc { // said once, when the document is loaded
			problems = store.PassageProblems(doc, text, passages)
		}
		return func() {
			if seq != r.seq || !r.ui.current(gen) {
				return
			}
			if err != nil {
				r.ui.status.setMessage("Could not open the document: " + err.Error())
				return
			}
			if len(problems) > 0 {
				// Shown as stored; citations of these passages would be wrong.
				r.ui.status.setMessage(fmt.Sprintf("This document is damaged (%d of its passages do not match its text): %s",
					len(problems), problems[0]))
			}
			r.query = query
			r.docText = text
			r.marks, r.ptags = marks, ptags
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
func (r *readerView) followQuery(query string) {
	r.want = query
	r.follows++
	if r.passages == nil || query == r.query {
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

// show lays out a document and scrolls to the focused passage.
func (r *readerView) show(doc store.Document, passages []store.Passage, matches map[int64][]store.Range, focusID int64) {
	if doc.ID != r.doc.ID {
		r.sel = readerSelection{}
	}
	r.doc, r.passages = doc, passages
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
	r.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: doc.Title}}
	r.title.Refresh()
	r.meta.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText},
		Text:  metadataLine(doc),
	}}
	r.meta.Refresh()
	r.empty.Hide()
	r.body.Show()
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

// metadataLine is the reader header's second line.
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
	parts = append(parts, plural(d.Passages, "passage"))
	return strings.Join(parts, " · ")
}

// layoutWindow builds rows for the passages around anchor.
func (r *readerView) layoutWindow(anchor int) {
	r.lo = max(anchor-readerWindow/3, 0)
	r.hi = min(r.lo+readerWindow, len(r.passages))
	r.lo = max(r.hi-readerWindow, 0)
	r.rebuild()
}

// widen shows more passages before (negative) or after (positive).
func (r *readerView) widen(by int) {
	if by < 0 {
		r.lo = max(r.lo+by, 0)
	} else {
		r.hi = min(r.hi+by, len(r.passages))
	}
	r.rebuild()
}

func (r *readerView) rebuild() {
	objs := make([]fyne.CanvasObject, 0, r.hi-r.lo+2)
	if r.lo > 0 {
		r.earlier.SetText(fmt.Sprintf("Show earlier passages (%d more)", r.lo))
		objs = append(objs, container.NewCenter(r.earlier))
	}
	clear(r.rows)
	for i := r.lo; i < r.hi; i++ {
		row := r.newPassageRow(i, r.passages[i])
		r.rows[i] = row
		r.paint(i)
		objs = append(objs, row.content)
	}
	if r.hi < len(r.passages) {
		r.later.SetText(fmt.Sprintf("Show later passages (%d more)", len(r.passages)-r.hi))
		objs = append(objs, container.NewCenter(r.later))
	}
	r.box.Objects = objs
	r.box.Refresh()
}

// passageRow is one passage in the reader: its number (and a bookmark
// mark) in the gutter, its text, and its tags as chips, over a background
// that marks the focused passage. Tapping it focuses it.
type passageRow struct {
	bg      *canvas.Rectangle
	ordinal *widget.Label
	mark    *fyne.Container // the bookmark icon, shown under the number
	text    *selectableText
	chips   *fyne.Container
	content fyne.CanvasObject
}

// gutterLayout sizes the passage-number column: 44 wide, or as wide as the
// document's longest number needs at the current text size (a fixed 44 cut
// "1394" to "394" at the largest text). Every row of a document gets the
// same width, so the passages stay aligned.
type gutterLayout struct{ widest int }

func (g *gutterLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	digits := strings.Repeat("8", len(fmt.Sprint(g.widest)))
	w := fyne.MeasureText(digits, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	s := fyne.NewSize(max(44, w), 0)
	for _, o := range objects {
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

func (g *gutterLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (r *readerView) newPassageRow(i int, p store.Passage) *passageRow {
	row := &passageRow{
		bg:      canvas.NewRectangle(color.Transparent),
		ordinal: widget.NewLabel(fmt.Sprint(p.Ordinal)),
		text:    newSelectableText(func(start, end int) { r.selected(i, start, end) }),
		chips:   container.New(&flowLayout{}),
	}
	row.bg.CornerRadius = theme.InputRadiusSize()
	row.ordinal.Importance = widget.LowImportance
	row.ordinal.Alignment = fyne.TextAlignTrailing
	gutter := container.New(&gutterLayout{widest: max(p.Ordinal, r.doc.Passages)}, row.ordinal)
	// Hidden, the mark takes no height: an unmarked one-line passage is
	// one line tall.
	row.mark = container.NewGridWrap(fyne.NewSize(44, 18), container.NewCenter(widget.NewIcon(bookmarkIcon)))
	row.mark.Hide()
	body := container.NewBorder(nil, nil, container.NewVBox(gutter, row.mark), nil,
		container.NewBorder(nil, row.chips, nil, nil, row.text))
	row.content = newTapArea(container.NewStack(row.bg, body), func() {
		r.clearSelection()
		r.focusOn(i)
	})
	return row
}

// paint renders passage i's text with its hits, and its focus background.
func (r *readerView) paint(i int) {
	row, ok := r.rows[i]
	if !ok {
		return
	}
	p := r.passages[i]
	cur := -1
	if r.cur >= 0 && r.hits[r.cur].passage == i {
		cur = r.hits[r.cur].rng // the eye should find the current hit after a jump
	}
	spans := hitSpans(p.Text, r.matches[p.ID], cur)
	if p.Heading { // a section heading reads as one
		for i := range spans {
			spans[i].bold = true
		}
	}
	selStart, selEnd := 0, 0
	if r.sel.ok && r.sel.passage == i {
		selStart, selEnd = r.sel.rng.Start, r.sel.rng.End
	}
	row.text.show(spans, r.spanMarks(p), selStart, selEnd)
	if _, ok := r.marks[p.ID]; ok {
		row.mark.Show()
	} else {
		row.mark.Hide()
	}
	row.chips.Objects = r.chipsFor(p)
	row.chips.Refresh()
	if i == r.focus {
		r.updateMarkButton()
		row.bg.FillColor = theme.Color(colorNameFocus)
		row.ordinal.Importance = widget.MediumImportance // dim grey vanishes on the focus colour
	} else {
		row.bg.FillColor = color.Transparent
		row.ordinal.Importance = widget.LowImportance
	}
	row.bg.Refresh()
	row.ordinal.Refresh()
}

// flatSpaces turns line breaks, tabs and other control characters into
// spaces, byte for byte (so byte ranges stay valid): hard-wrapped lines
// flow, and a tab is not drawn as a gap of unknown width.
func flatSpaces(text string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, text)
}

// hitSpans styles a passage: ranges in bold hit colour, range cur (if not
// -1) as the current hit. Newlines become spaces, byte for byte.
func hitSpans(text string, ranges []store.Range, cur int) []flowSpan {
	text = flatSpaces(text)
	var spans []flowSpan
	prev := 0
	for i, rg := range ranges {
		if rg.Start < prev || rg.End > len(text) || rg.Start >= rg.End {
			continue
		}
		if rg.Start > prev {
			spans = append(spans, flowSpan{text: text[prev:rg.Start]})
		}
		hit := flowSpan{text: text[rg.Start:rg.End], bold: true, color: colorNameHit}
		if i == cur {
			hit.color, hit.underline = colorNameCurrentHit, true
		}
		spans = append(spans, hit)
		prev = rg.End
	}
	if prev < len(text) {
		spans = append(spans, flowSpan{text: text[prev:]})
	}
	return spans
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

// scrollTo brings passage i to the top of the reader, after layout.
func (r *readerView) scrollTo(i int) {
	row, ok := r.rows[i]
	if !ok {
		return
	}
	// Wrapped text knows its height only once it knows its width: lay the
	// box out at the scroll's width (twice, as heights settle) first.
	w := r.scroll.Size().Width
	for range 2 {
		r.box.Resize(fyne.NewSize(w, r.box.MinSize().Height))
	}
	y := row.content.Position().Y - theme.Padding()
	r.scroll.ScrollToOffset(fyne.NewPos(0, max(y, 0)))
}

// stepHit moves to the next (+1) or previous (-1) hit, wrapping around.
func (r *readerView) stepHit(delta int) {
	if len(r.hits) == 0 {
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

func (r *readerView) updateHitNav() {
	switch {
	case len(r.hits) == 0:
		r.hitLabel.SetText("")
		r.prevHit.Disable()
		r.nextHit.Disable()
		r.prevHit.Hide()
		r.nextHit.Hide()
		return
	case r.cur < 0:
		r.hitLabel.SetText(fmt.Sprintf("%s in this document", plural(len(r.hits), "hit")))
	default:
		r.hitLabel.SetText(fmt.Sprintf("Hit %d of %d", r.cur+1, len(r.hits)))
	}
	r.prevHit.Show()
	r.nextHit.Show()
	r.prevHit.Enable()
	r.nextHit.Enable()
}

// currentPassage is the passage that copy, bookmark and tag act on: the
// focused one (hit navigation and taps move the focus).
func (r *readerView) currentPassage() (store.Passage, bool) {
	if r.focus >= 0 && r.focus < len(r.passages) {
		return r.passages[r.focus], true
	}
	return store.Passage{}, false
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
func (r *readerView) reset() {
	r.seq++
	r.doc, r.docText, r.passages, r.matches, r.query = store.Document{}, "", nil, nil, ""
	r.hits, r.cur, r.focus = nil, -1, -1
	r.sel = readerSelection{}
	clear(r.rows)
	r.box.Objects = nil
	r.box.Refresh()
	r.body.Hide()
	r.empty.Show()
	r.updateHitNav()
}

// loadAnnotations reads which passages are bookmarked and how they are
// tagged. Runs off the UI goroutine.
func loadAnnotations(ctx context.Context, st *store.Store, passages []store.Passage) (map[int64][]store.Range, map[int64][]store.PassageTag, error) {
	ids := make([]int64, len(passages))
	for i, p := range passages {
		ids[i] = p.ID
	}
	marks, err := st.PassageMarks(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	ptags, err := st.PassageTags(ctx, ids)
	return marks, ptags, err
}

// refreshAnnotations reloads bookmarks and tags of the open document and
// repaints its rows.
func (r *readerView) refreshAnnotations() {
	if r.passages == nil {
		return
	}
	st, gen := r.ui.store()
	r.annos++
	seq, docSeq := r.annos, r.seq
	passages := r.passages
	r.ui.work.run(func() func() {
		marks, ptags, err := loadAnnotations(context.Background(), st, passages)
		return func() {
			if err != nil || seq != r.annos || docSeq != r.seq || !r.ui.current(gen) {
				return
			}
			r.marks, r.ptags = marks, ptags
			for i := range r.rows {
				r.paint(i)
			}
		}
	})
}

// chipsFor builds the tag chips of a passage. A suggested tag shows with a
// question mark; tapping a chip offers to filter by it, accept or reject the
// suggestion, or remove the tag.
func (r *readerView) chipsFor(p store.Passage) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, pt := range r.ptags[p.ID] {
		pt := pt
		label := pt.Name
		if pt.State == store.StatePending {
			label += " ?"
		}
		if pt.Document {
			label += " (document)"
		}
		var chip *tapArea
		// Tinted with the tag's colour, its text readable in either theme
		// (palette.go); a suggestion is set in italics, not in a faint grey.
		bgColor, fgColor := themeChipColors(tagColor(pt.Tag))
		text := canvas.NewText(label, fgColor)
		text.TextSize = theme.CaptionTextSize()
		if pt.State == store.StatePending {
			text.TextStyle = fyne.TextStyle{Italic: true}
		} else {
			text.TextStyle = fyne.TextStyle{Bold: true}
		}
		dot := canvas.NewCircle(tagColor(pt.Tag))
		bg := canvas.NewRectangle(bgColor)
		bg.CornerRadius = 8
		inner := container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(7, 7), dot)), text)
		chip = newTapArea(container.NewStack(bg, container.New(&padLayout{h: 6, v: 2}, inner)), func() { r.chipMenu(chip, p, pt) })
		out = append(out, chip)
	}
	return out
}

func (r *readerView) chipMenu(chip fyne.CanvasObject, p store.Passage, pt store.PassageTag) {
	u := r.ui
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(fmt.Sprintf("Show passages with %s", pt.Name), func() { u.search.setQuery(filterFor(pt.Tag)) }),
	}
	switch {
	case pt.Document:
		items = append(items, fyne.NewMenuItem("Remove from document", func() {
			u.apply(change{label: "remove document tag", done: "Tag removed from the document",
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return taggingFns(st.UntagDocumentUndoable(ctx, p.DocumentID, pt.ID))
				}})
		}))
	case pt.State == store.StatePending:
		items = append(items,
			fyne.NewMenuItem("Accept suggestion", func() {
				u.apply(change{label: "accept suggestion", done: "Suggestion accepted",
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						return taggingFns(st.SetTaggingStateUndoable(ctx, p.ID, pt.ID, store.StateAccepted))
					}})
			}),
			fyne.NewMenuItem("Reject suggestion", func() {
				u.apply(change{label: "reject suggestion", done: "Suggestion rejected",
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						return taggingFns(st.SetTaggingStateUndoable(ctx, p.ID, pt.ID, store.StateRejected))
					}})
			}))
	default:
		items = append(items, fyne.NewMenuItem("Remove tag", func() {
			u.apply(change{label: "remove tag", done: "Tag removed",
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return taggingFns(st.UntagPassageUndoable(ctx, p.ID, pt.ID))
				}})
		}))
	}
	items = append(items, fyne.NewMenuItem("Manage…", func() { u.showTagManager(pt.Tag) }))
	c := fyne.CurrentApp().Driver().CanvasForObject(chip)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(chip).AddXY(0, chip.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}
