package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// wordPos is where word's first letter is drawn in a laid-out flowText
// (plus dx), from the widget's own line breaking.
func wordPos(t *testing.T, ft *flowText, word string, dx float32) fyne.Position {
	t.Helper()
	ft.mu.Lock()
	defer ft.mu.Unlock()
	ft.breakLines(ft.Size().Width)
	full := ft.text()
	at := strings.Index(full, word)
	if at < 0 {
		t.Fatalf("%q not in %q", word, full)
	}
	for li, line := range ft.lines {
		for _, run := range line {
			if run.start >= 0 && at >= run.start && at < run.start+len(run.text) {
				x := run.x + measureWord(run.text[:at-run.start], ft.tsize, textStyle(run.span))
				return fyne.NewPos(theme.InnerPadding()+x+dx, theme.InnerPadding()+float32(li)*flowLineHeight()+flowLineHeight()/2)
			}
		}
	}
	t.Fatalf("%q is not laid out", word)
	return fyne.Position{}
}

// drag drags the mouse across a selectable text from one point to another.
func drag(do func(func()), st *selectableText, from, to fyne.Position) {
	do(func() {
		mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
		st.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
		st.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
		st.DragEnd()
	})
}

// Pointing at a word finds its first byte; dragging across words selects
// exactly them, spaces trimmed, even across a highlighted hit.
func TestFlowTextSelection(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&dossierTheme{variant: themeLight, scale: 1})
	var got [2]int
	st := newSelectableText(func(s, e int) { got = [2]int{s, e} })
	text := "Kilimnik was an associate of Paul Manafort, who served as Trump's 2016 campaign chairman."
	st.setSpans(hitSpans(text, []store.Range{{Start: 34, End: 42}}, -1))
	st.Resize(fyne.NewSize(260, 200))
	for _, w := range []string{"Kilimnik", "associate", "Manafort", "Trump's", "chairman."} {
		if off := st.offsetAt(wordPos(t, &st.flowText, w, 0.5)); off != strings.Index(text, w) {
			t.Errorf("offsetAt(%q) = %d, want %d", w, off, strings.Index(text, w))
		}
	}
	from := wordPos(t, &st.flowText, "Paul", -0.5)
	to := wordPos(t, &st.flowText, "who", -2) // just before "who": after "Manafort, "
	drag(func(f func()) { f() }, st, from, to)
	if sel := text[got[0]:got[1]]; sel != "Paul Manafort," {
		t.Errorf("selected %q, want %q", sel, "Paul Manafort,")
	}
	ft := &st.flowText
	ft.mu.Lock()
	boxes := rangeBoxes(ft.lines, got[0], got[1], ft.tsize)
	ft.mu.Unlock()
	if len(boxes) == 0 {
		t.Error("the selection is not drawn")
	}
}

// Select words in a passage, press Ctrl+D: just that span is bookmarked,
// drawn in the reader, and the Bookmark button says so; Ctrl+T tags a
// selection as a span too.
func TestBookmarkAndTagASelection(t *testing.T) {
	u := newTestUI(t)
	u.find("manafort")
	u.do(func() { u.results.list.Select(0) })
	r := u.reader
	p, ok := r.currentPassage()
	if !ok {
		t.Fatal("no passage focused")
	}
	if r.mark.Text != "Bookmark" {
		t.Errorf("button %q before bookmarking", r.mark.Text)
	}
	row := r.rows[r.focus]
	u.a.onUI(func() { u.w.Canvas().Capture() })
	from := wordPos(t, &row.text.flowText, "Paul", -0.5)
	to := wordPos(t, &row.text.flowText, "Manafort", 0)
	to.X += measureWord("Manafort", theme.TextSize(), fyne.TextStyle{Bold: true}) + 0.5
	drag(u.do, row.text, from, to)
	span := r.selectedSpan(p)
	if span == nil || p.Text[span.Start:span.End] != "Paul Manafort" {
		t.Fatalf("selection %v", span)
	}
	if !strings.Contains(u.status.message.Text, "Paul Manafort") {
		t.Errorf("status %q does not say what is selected", u.status.message.Text)
	}

	u.do(u.toggleBookmark)
	note := findAll[*fieldEntry](u.dialog(t, "Bookmark selection"))
	if len(note) != 1 {
		t.Fatalf("%d note fields", len(note))
	}
	u.do(func() { note[0].SetText("the campaign chairman") })
	u.tapDialogButton(t, "Bookmark selection", "Bookmark")
	st, _ := u.store()
	marks, err := st.PassageBookmarks(context.Background(), p.ID)
	if err != nil || len(marks) != 1 || marks[0].Quote() != "Paul Manafort" || marks[0].Note != "the campaign chairman" {
		t.Fatalf("bookmarks %+v, %v", marks, err)
	}
	if r.sel.ok {
		t.Error("the selection stays after bookmarking it")
	}
	spans := r.spanMarks(p)
	if len(spans) != 1 || p.Text[spans[0].start:spans[0].end] != "Paul Manafort" {
		t.Errorf("reader draws %v", spans)
	}
	if r.mark.Text != "Bookmarked" {
		t.Errorf("button %q after bookmarking", r.mark.Text)
	}

	// Tag a selection: the tagging keeps the span.
	row = r.rows[r.focus]
	drag(u.do, row.text, wordPos(t, &row.text.flowText, "Kilimnik", -0.5), wordPos(t, &row.text.flowText, "was", -2))
	if span := r.selectedSpan(p); span == nil || p.Text[span.Start:span.End] != "Kilimnik" {
		t.Fatalf("selection %v", span)
	}
	u.do(u.showTagPicker)
	d := u.dialog(t, "Tag with an actor or source")
	if !slices.Contains(texts(d), "“Kilimnik” in ¶ 13 of “"+seedTitle+"”") {
		t.Errorf("the tag picker does not say the selection is tagged: %q", texts(d))
	}
	entries := findAll[*fieldEntry](d)
	u.do(func() { entries[0].SetText("Konstantin Kilimnik") })
	u.do(func() { entries[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	_, tags, err := st.HitAnnotations(context.Background(), []int64{p.ID})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, pt := range tags[p.ID] {
		if pt.Name == "Konstantin Kilimnik" && pt.Span != nil && p.Text[pt.Span.Start:pt.Span.End] == "Kilimnik" && pt.State == store.StateAccepted {
			found = true
		}
	}
	if !found {
		t.Errorf("no tagging of the selected span: %+v", tags[p.ID])
	}
}

// The bookmark dialog quotes a right-to-left selection in the order the
// reader shows it: a label drew "ראש הממשלה אמר כי Putin לא התקשר" as
// "לא התקשר Putinראש הממשלה אמר כי" (found by the hostile UI pass ui4).
func TestBookmarkDialogQuotesRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	text := "ראש הממשלה אמר כי Putin לא התקשר אליו, ואמר שקר."
	if _, err := st.ImportText(context.Background(), "דו\"ח", "", "Heading\n\n"+text); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.refreshLibrary() })
	p := u.openPassage(t, "התקשר", 1)
	want := "ראש הממשלה אמר כי Putin לא התקשר"
	start := strings.Index(p.Text, want)
	if start < 0 {
		t.Fatalf("passage %q", p.Text)
	}
	u.do(func() { u.bookmarkSpan(p, store.Range{Start: start, End: start + len(want)}) })
	d := u.dialog(t, "Bookmark selection")
	for _, l := range findAll[*widget.Label](d) {
		if strings.Contains(l.Text, "Putin") {
			t.Errorf("the quote is a label, drawn out of order: %q", l.Text)
		}
	}
	var quote *flowText
	for _, f := range findAll[*flowText](d) {
		if strings.Contains(spansText(f.spans), "Putin") {
			quote = f
		}
	}
	if quote == nil {
		t.Fatal("no quote in flow text")
	}
	if got := spansText(quote.spans); got != "“"+want+"”" {
		t.Errorf("quote %q, want %q", got, want)
	}
	lines, _ := layoutFlow(quote.spans, 600, theme.TextSize(), 0)
	if got := visualText(lines[0]); got != "”התקשר לא Putin כי אמר הממשלה ראש“" {
		t.Errorf("quote drawn %q", got)
	}
	u.dialogKeyEscape()
}

// The Bookmarks view shows a right-to-left quote in reading order: its
// one-line label drew "ראש הממשלה אמר כי Putin" out of order, as the
// bookmark dialog's did (the hostile UI pass ui4); a Latin quote keeps its
// label.
func TestBookmarksViewQuotesRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	text := "ראש הממשלה אמר כי Putin לא התקשר"
	if _, err := st.ImportText(context.Background(), "Hebrew note", "", "Heading\n\n"+text); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, q := range []string{"התקשר", "kilimnik"} {
		if _, err := st.AddBookmark(ctx, searchedPassages(t, st, q)[0], nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	u.do(func() { u.bookmarks.refresh() })
	l := u.bookmarks.list
	if l.Length() != 2 {
		t.Fatalf("%d bookmarks", l.Length())
	}
	seen := 0
	for i := range l.Length() {
		row := l.CreateItem()
		l.UpdateItem(i, row)
		slot := row.(*menuRow).content.(*fyne.Container).Objects[1].(*fyne.Container)
		label, flow := slot.Objects[0].(*widget.Label), slot.Objects[1].(*flowText)
		if !hasRTL(label.Text) {
			if !label.Visible() || flow.Visible() {
				t.Errorf("a Latin quote %q is not its label", label.Text)
			}
			continue
		}
		seen++
		if label.Visible() || !flow.Visible() {
			t.Fatalf("the quote %q is a label, drawn out of order", label.Text)
		}
		lines, _ := layoutFlow(flow.spans, 600, theme.TextSize(), 1)
		if got := visualText(lines[0]); got != "התקשר לא Putin כי אמר הממשלה ראש" {
			t.Errorf("quote drawn %q", got)
		}
	}
	if seen != 1 {
		t.Errorf("%d right-to-left quotes", seen)
	}
}

// A drag that ends on the dim footnote reference after a sentence selects
// up to the sentence's end: widened to whole words it ended inside
// "<FN860>", and the bookmark quoted "…intelligence.<FN860" (a
// researcher's pass).
func TestASelectionEndingInAFootnoteReferenceStopsBeforeIt(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(&dossierTheme{variant: themeLight, scale: 1})
	var got [2]int
	st := newSelectableText(func(s, e int) { got = [2]int{s, e} })
	text := "The FBI, however, assesses that Kilimnik has ties to Russian intelligence.<FN860> Manafort said otherwise."
	st.setSpans(dimNoteMarks([]flowSpan{{text: text}}))
	st.Resize(fyne.NewSize(900, 200))
	from := wordPos(t, &st.flowText, "The", -0.5)
	to := wordPos(t, &st.flowText, "860", 1) // inside the reference
	drag(func(f func()) { f() }, st, from, to)
	if sel := text[got[0]:got[1]]; sel != "The FBI, however, assesses that Kilimnik has ties to Russian intelligence." {
		t.Errorf("selected %q", sel)
	}
	// Starting inside one: after it.
	from = wordPos(t, &st.flowText, "860", 1)
	to = wordPos(t, &st.flowText, "said", -0.5)
	drag(func(f func()) { f() }, st, from, to)
	if sel := text[got[0]:got[1]]; sel != "Manafort" {
		t.Errorf("selected %q", sel)
	}
}
