package app

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// rtlTitle is a Hebrew title with a Latin name in it: Fyne's label drew
// its runs in stored order, "דוח FBI על רוסיה" from the left, which a
// reader of Hebrew reads as nonsense.
const (
	rtlTitle       = "דוח FBI על רוסיה"
	rtlTitleDrawn  = "רוסיה על FBI דוח" // from the left
	rtlTitleSearch = "Kilimnik"
)

// drawnAs checks that b shows s as flow text (not its label) in visual
// order want, or, for want "", as its label.
func drawnAs(t *testing.T, where string, b *bidiLabel, s, want string) {
	t.Helper()
	if want == "" {
		if !b.plain.Visible() || b.paras.Visible() {
			t.Errorf("%s: %q is not drawn by its label", where, s)
		}
		return
	}
	if b.plain.Visible() || !b.paras.Visible() {
		t.Fatalf("%s: %q is drawn by a Fyne label, in stored order", where, s)
	}
	var text strings.Builder
	for _, sp := range b.flow.spans {
		text.WriteString(sp.text)
	}
	if text.String() != s {
		t.Fatalf("%s: flow text %+v, want %q", where, b.flow.spans, s)
	}
	lines, _ := layoutFlow(b.flow.spans, 600, b.flow.textSize(), 1)
	if got := visualText(lines[0]); got != want {
		t.Errorf("%s: drawn %q, want %q", where, got, want)
	}
}

// A document title holding right-to-left text reads right to left in the
// library, the result rows and the reader's heading (they were Fyne labels
// and a rich text, drawn in stored order); a Latin title in the same
// (recycled) row is its label again.
func TestRightToLeftTitlesReadRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	doc, err := st.ImportText(ctx, rtlTitle, "", "כותרת\n\nKilimnik met Manafort in Madrid.")
	if err != nil {
		t.Fatal(err)
	}
	u.do(u.refreshLibrary)

	// The library.
	l := u.library.list
	if l.Length() != 2 {
		t.Fatalf("%d documents", l.Length())
	}
	row := l.CreateItem()
	for i := range l.Length() {
		u.do(func() { l.UpdateItem(i, row) })
		tip := row.(*menuRow).content.(*fyne.Container).Objects[0].(*hoverTip)
		if u.library.docs[i].ID == doc.DocumentID {
			drawnAs(t, "library", tip.line, rtlTitle, rtlTitleDrawn)
		} else {
			drawnAs(t, "library", tip.line, seedTitle, "")
		}
	}

	// The result rows: a hit, and a document's header when grouped.
	u.find(rtlTitleSearch)
	r := u.results
	var hit = -1
	for i, it := range r.items {
		if it.hit != nil && it.hit.DocumentID == doc.DocumentID {
			hit = i
		}
	}
	if hit < 0 {
		t.Fatalf("no hit in %q", rtlTitle)
	}
	rr := r.createRow().(*resultRow)
	u.do(func() { r.updateRow(hit, rr) })
	drawnAs(t, "result row", rr.titleTip.line, rtlTitle, rtlTitleDrawn)
	if rr.title.Text != rtlTitle {
		t.Errorf("the row's label holds %q: a tip measures it", rr.title.Text)
	}
	for i, it := range r.items {
		if it.hit != nil && it.hit.DocumentID != doc.DocumentID {
			u.do(func() { r.updateRow(i, rr) })
			drawnAs(t, "result row, recycled", rr.titleTip.line, seedTitle, "")
			break
		}
	}

	// The reader's heading, at the heading's size.
	u.do(func() { u.reader.openDocument(doc.DocumentID) })
	drawnAs(t, "reader heading", u.reader.heading, rtlTitle, rtlTitleDrawn)
	if got, want := u.reader.heading.flow.textSize(), theme.Size(theme.SizeNameSubHeadingText); got != want {
		t.Errorf("heading drawn at %v, want the sub-heading's %v", got, want)
	}

	// The bookmark dialog's line naming the passage and its document: a
	// left-to-right sentence, the title's words inside it right to left
	// (the Latin name splits them, as the bidi algorithm has it).
	p, ok := u.reader.currentPassage()
	if !ok {
		p = u.reader.passages[0]
	}
	u.do(func() { u.bookmarkPassage(u.reader.doc.ID, p, rtlTitle) })
	lines := findAll[*bidiLabel](u.dialog(t, "Bookmark passage"))
	if len(lines) != 1 {
		t.Fatalf("%d one-line labels in the bookmark dialog", len(lines))
	}
	b := lines[0]
	if b.plain.Visible() || !b.paras.Visible() {
		t.Fatal("the bookmark dialog names the title in a Fyne label, in stored order")
	}
	drawn, _ := layoutFlow(b.flow.spans, 600, theme.TextSize(), 1)
	if got := visualText(drawn[0]); !strings.HasPrefix(got, "¶") || !strings.Contains(got, "“רוסיה על FBI דוח”") { // the quoted title an isolate
		t.Errorf("the bookmark dialog's line is drawn %q", got)
	}
	u.dialogKeyEscape()
}

// A one-line label's right-to-left text starts at the left, as a label's
// does in a left-to-right window (a title in a list), and cut short ends
// with an ellipsis; the flow text under it right-aligns a right-to-left
// paragraph (the reader's passages).
func TestBidiLabelStartsAtTheLeft(t *testing.T) {
	newSerialApp(t)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	b := newBidiLabel(l)
	b.SetText(rtlTitle)
	b.flow.Resize(fyne.NewSize(500, b.MinSize().Height))
	r := test.WidgetRenderer(b.flow)
	r.Layout(b.flow.Size())
	left := float32(500)
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
			left = min(left, txt.Position().X)
		}
	}
	if pad := theme.InnerPadding(); left > pad+1 {
		t.Errorf("the title starts %v from the left, want the padding %v", left, pad)
	}
	// A wrapped label's lines (a heading's, a tip's) are right-aligned, as
	// the reader's right-to-left paragraphs are: a title's last word alone
	// on its line sat at the left, under the start of the lines above.
	w := widget.NewLabel("")
	w.Wrapping = fyne.TextWrapWord
	wrapped := newBidiLabel(w)
	wrapped.SetText(rtlTitle)
	wrapped.flow.Resize(fyne.NewSize(500, wrapped.flow.MinSize().Height))
	wr := test.WidgetRenderer(wrapped.flow)
	wr.Layout(wrapped.flow.Size())
	right := float32(0)
	for _, o := range wr.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
			right = max(right, txt.Position().X+txt.Size().Width)
		}
	}
	if want := 500 - theme.InnerPadding(); right < want-2 {
		t.Errorf("a wrapped right-to-left title ends %v from the left, want %v", right, want)
	}
	// Cut short: one line, with an ellipsis.
	lines, cut := layoutFlow(b.flow.spans, 90, theme.TextSize(), 1)
	if !cut || len(lines) != 1 {
		t.Errorf("at 90 wide: %d lines, cut %v", len(lines), cut)
	}
}

// A right-to-left title cut short in the library shows whole, right to
// left, in its tip (the tip was a Fyne label too).
func TestRightToLeftTipReadsRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	words := []string{"דוח", "ועדת", "המודיעין", "של", "הסנאט", "על", "התערבות", "רוסיה"}
	title := strings.Join(words, " ")
	slices.Reverse(words)
	if _, err := st.ImportText(context.Background(), title, "", "כותרת\n\nמילים"); err != nil {
		t.Fatal(err)
	}
	u.do(u.refreshLibrary)
	u.a.onUI(func() { u.w.Canvas().Capture() })
	var tip *hoverTip
	for _, h := range findAll[*hoverTip](u.library.list) {
		if h.label.Text == title {
			tip = h
		}
	}
	if tip == nil {
		t.Fatal("no library row for the title")
	}
	shown, text, _, _ := u.hover(tip)
	if !shown || text != title {
		t.Fatalf("tip shown %v, %q", shown, text)
	}
	drawnAs(t, "tip", u.tips.line, title, strings.Join(words, " "))
}

// The status line reads right-to-left words right to left: deleting a
// document with a Hebrew title said "Deleted “…”." with the title's words
// in stored order. A message in Latin letters is its label again, Undo
// beside it either way.
func TestStatusLineReadsRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	const title, drawn = "דוח על רוסיה", "Deleted “רוסיה על דוח”." // from the left
	res, err := st.ImportText(context.Background(), title, "", "כותרת\n\nKilimnik met Manafort in Madrid.")
	if err != nil {
		t.Fatal(err)
	}
	u.do(u.refreshLibrary)
	u.work.wait()
	for _, d := range u.library.docs {
		if d.ID == res.DocumentID {
			u.do(func() { u.deleteDocument(d) })
		}
	}
	// The question names the title too, in the first of its paragraphs.
	qs := findAll[*bidiLabel](u.dialog(t, "Delete document"))
	if len(qs) != 1 || !qs[0].paras.Visible() || qs[0].plain.Visible() {
		t.Fatalf("the Delete document question is not drawn as right-to-left text (%d bidi labels)", len(qs))
	}
	q := qs[0]
	if n := len(q.paras.Objects); n != strings.Count(q.plain.(*widget.Label).Text, "\n")+1 {
		t.Errorf("the question is drawn in %d paragraphs, its text has %d lines", n, strings.Count(q.plain.(*widget.Label).Text, "\n")+1)
	}
	first, _ := layoutFlow(q.flow.spans, 600, q.flow.textSize(), 1)
	if got, want := visualText(first[0]), "Delete “רוסיה על דוח” ("; !strings.HasPrefix(got, want) {
		t.Errorf("the question's first line is drawn %q, want %q…", got, want)
	}
	if last := q.paras.Objects[len(q.paras.Objects)-1].(*flowText); last.spans[0].text != "Edit → Undo (Ctrl+Z) brings it all back." {
		t.Errorf("the question's last paragraph is %q", last.spans[0].text)
	}
	u.do(func() { test.Tap(button(t, u.dialog(t, "Delete document"), "Delete")) })
	u.work.wait()
	s := u.status
	if s.message.Text != "Deleted “"+title+"”." || !s.undo.Visible() {
		t.Fatalf("the status line says %q (Undo shown: %v)", s.message.Text, s.undo.Visible())
	}
	drawnAs(t, "status line", s.shown, s.message.Text, drawn)
	if got := s.shown.flow.Size(); got.Width <= 0 || got.Width > s.row.Size().Width-s.undo.Size().Width {
		t.Errorf("the status line's flow text is %v wide in a bar of %v, Undo %v", got, s.row.Size(), s.undo.Size())
	}
	u.ctrlZ()
	u.work.wait()
	drawnAs(t, "status line after undo", s.shown, s.message.Text, "")
}

// An error naming a right-to-left name reads it right to left, in its
// own line of the message; a message in Latin letters keeps its label.
func TestMessageDialogReadsRightToLeft(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.showError(errors.New("no actor is called “עמית כהן”: pick one")) })
	ls := findAll[*bidiLabel](u.dialog(t, "Error"))
	if len(ls) != 1 {
		t.Fatalf("%d bidi labels in the error dialog", len(ls))
	}
	drawnAs(t, "error dialog", ls[0], "No actor is called “עמית כהן”: pick one.", "No actor is called “כהן עמית”: pick one.")
	u.do(func() { u.dialogKey(fyne.KeyEscape) })
	u.do(func() { u.showError(errors.New("the file is read-only")) })
	ls = findAll[*bidiLabel](u.dialog(t, "Error"))
	if len(ls) != 1 {
		t.Fatalf("%d bidi labels in the error dialog", len(ls))
	}
	drawnAs(t, "error dialog", ls[0], "The file is read-only.", "")
}

// A right-to-left tip shorter than the widest tip is one line: as wide as
// its text measured whole, the flow text (which keeps a pixel of slack)
// broke a single long word between letters, its last letter alone on a
// second line (found by the hostile UI pass ui6, a cut Hebrew title in
// the library at text size 1.4).
func TestRightToLeftTipKeepsToOneLine(t *testing.T) {
	newSerialApp(t)
	l := newTipLayer()
	l.box.Resize(fyne.NewSize(1000, 700))
	for _, s := range []string{"והאינטרנציונליזציההממשלתית", "שלום", "١٢٣ ٤٥٦", "a b c d e f ש", rtlTitle} {
		l.show(nil, s, fyne.NewPos(10, 10))
		if !l.line.paras.Visible() {
			t.Fatalf("%q: the tip is not flow text", s)
		}
		l.line.flow.mu.Lock()
		n := len(l.line.flow.lines)
		l.line.flow.mu.Unlock()
		if n != 1 {
			t.Errorf("%q: the tip %v wide takes %d lines, want 1", s, l.panel.Size().Width, n)
		}
	}
}

// A one-word title too long for its row shows as much of the word as fits,
// then "…", as a label does: the flow text dropped the whole word, and a
// long Hebrew title of one word showed as "…" alone in the library and
// the results (found by the hostile UI pass ui6).
func TestOneLongRightToLeftWordIsCutNotDropped(t *testing.T) {
	newSerialApp(t)
	for _, word := range []string{"והאינטרנציונליזציההממשלתית", "Internationalisationgovernmental"} {
		lines, cut := layoutFlow([]flowSpan{{text: word}}, 120, theme.TextSize(), 1)
		if !cut || len(lines) != 1 {
			t.Fatalf("%q at 120 wide: %d lines, cut %v", word, len(lines), cut)
		}
		shown := strings.ReplaceAll(visualText(lines[0]), "…", "")
		if len([]rune(shown)) < 5 || !strings.Contains(word, shown) {
			t.Errorf("%q at 120 wide is drawn %q: want its first letters and an ellipsis", word, visualText(lines[0]))
		}
		last := lines[0][len(lines[0])-1]
		if end := last.x + measureWord(last.text, theme.TextSize(), fyne.TextStyle{}); end > 120-2*theme.InnerPadding() {
			t.Errorf("%q at 120 wide ends at %v, past the padding", word, end)
		}
	}
}

// The Claims pane's heading names the group chosen: a Hebrew actor's name
// there reads right to left. It was a Fyne label, which drew the name in
// stored order, and cut short drew the whole heading mirrored ("… · <name>
// — Claims"; found by the hostile UI pass ui6). The name is an isolate
// (SetNamed): "· 2 claims" after it stays in the heading's order.
func TestClaimsHeadingWithARightToLeftGroup(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	china, err := st.FindTag(ctx, store.FamilyActor, "China")
	if err != nil {
		t.Fatal(err)
	}
	china.Name = "הרפובליקה העממית של סין"
	if _, _, err := st.EditTag(ctx, china); err != nil {
		t.Fatal(err)
	}
	u.openClaims(t)
	u.do(func() { u.claims.grouping.SetSelected(groupByActor) })
	i := slices.IndexFunc(u.claims.groupList, func(g claimGroup) bool { return g.name == china.Name })
	if i < 0 {
		t.Fatalf("no group %q: %+v", china.Name, u.claims.groupList)
	}
	u.do(func() { u.claims.groups.Select(i) })
	var line *bidiLabel
	for _, b := range findAll[*bidiLabel](u.claims.pane) {
		if b.plain == u.claims.paneHead {
			line = b
		}
	}
	if line == nil {
		t.Fatalf("the Claims heading %q is drawn by a Fyne label, in stored order", u.claims.paneHead.Text)
	}
	drawnAs(t, "the Claims heading", line, "Claims — הרפובליקה העממית של סין · 2 claims",
		"Claims — סין של העממית הרפובליקה · 2 claims") // the name an isolate: "· 2" stays after it
}

// A saved search's Hebrew name and query read right to left, as the
// History's queries do: its row's labels drew them in stored order, the
// spaces misplaced ("שלם FBI" as "שלםFBI"; found by the hostile UI pass
// ui6).
func TestSavedSearchesReadRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	if _, err := st.SaveSearchUndoable(context.Background(), rtlTitle, "רוסיה Kilimnik"); err != nil {
		t.Fatal(err)
	}
	u.do(u.saved.refresh)
	o := u.saved.list.CreateItem()
	u.do(func() { u.saved.list.UpdateItem(0, o) })
	var name, query *bidiLabel
	for _, b := range findAll[*bidiLabel](o) {
		switch b.plain.(*widget.Label).Text {
		case rtlTitle:
			name = b
		case "רוסיה Kilimnik":
			query = b
		}
	}
	if name == nil || query == nil {
		t.Fatalf("the saved search's row draws its name %v and query %v with Fyne labels, in stored order", name != nil, query != nil)
	}
	drawnAs(t, "the saved search's name", name, rtlTitle, rtlTitleDrawn)
	drawnAs(t, "the saved search's query", query, "רוסיה Kilimnik", "Kilimnik רוסיה")
}

// The tag picker's row reads a Hebrew actor's name right to left and the
// rest of the row left to right after it: as a label, the row drew the
// name in stored order, and as plain flow text its number and bracket went
// to the words after it, "רוסיה2020) Russia) — actor…" (found by the
// hostile UI pass ui6). The name is an isolate (SetNamed).
func TestTagPickerRowReadsANameRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	const name = "רוסיה 2020 (Russia)"
	if _, _, err := st.CreateTagUndoable(context.Background(), store.Tag{Family: store.FamilyActor, Kind: "state", Name: name}); err != nil {
		t.Fatal(err)
	}
	u.openPassage(t, "putin directed", 1)
	u.do(u.menuItem(t, "Edit", "Tag passage…").Action)
	d := u.dialog(t, "Tag with an actor or source")
	list := &findAll[*dialogList](d)[0].List
	u.do(func() { test.Type(findAll[*fieldEntry](d)[0], "רוסיה") })
	// The tag named so comes first; the gazetteer's Russia, known as רוסיה, after it.
	if list.Length() != 2 {
		t.Fatalf("the picker lists %d tags for רוסיה", list.Length())
	}
	row := list.CreateItem()
	u.do(func() { list.UpdateItem(0, row) })
	b := row.(*bidiLabel)
	want := name + " — actor state / government"
	drawnAs(t, "tag picker", b, want, "(Russia) 2020 רוסיה — actor state / government")

	// A Latin name in the same (recycled) row is its label again.
	u.do(func() { findAll[*fieldEntry](d)[0].SetText("Kilimnik") })
	if list.Length() == 0 {
		t.Fatal("the picker lists nothing for Kilimnik")
	}
	u.do(func() { list.UpdateItem(0, row) })
	drawnAs(t, "tag picker, Latin name", b, b.plain.(*widget.Label).Text, "")
}

// The import summary lists each file's line in its own order, a Hebrew
// title read right to left inside its English line ("✓ report.txt —
// imported “…” with 2 passages"): a label drew the title in stored order.
func TestImportSummaryReadsTitlesRightToLeft(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	paths := []string{
		writeFile(t, filepath.Join(dir, "report.txt"), "דוח על רוסיה\n\nKilimnik met Manafort in Madrid.\n\nThe plumtwist deal was late.\n"),
		writeFile(t, filepath.Join(dir, "memo.txt"), "Quill notes\n\nThe quillfeather affair.\n"),
	}
	u.do(func() { u.importPaths(paths) })
	d := u.dialog(t, "Import finished")
	ls := findAll[*bidiLabel](d)
	if len(ls) != 1 || !ls[0].paras.Visible() {
		t.Fatalf("the summary is not drawn as right-to-left text (%d bidi labels)", len(ls))
	}
	var lines []string
	for _, o := range ls[0].paras.Objects {
		drawn, _ := layoutFlow(o.(*flowText).spans, 2000, theme.TextSize(), 0)
		lines = append(lines, visualText(drawn[0]))
	}
	if !slices.Contains(lines, "✓ report.txt — imported “רוסיה על דוח” with 2 passages") ||
		!slices.Contains(lines, "✓ memo.txt — imported “Quill notes” with 1 passage") {
		t.Errorf("the summary's lines are drawn %q", lines)
	}
	u.tapDialogButton(t, "Import finished", "Close")
}

// The results pane's message names a Hebrew query in its own order,
// centred as the label was: "No passages match …" drew the query's words
// in stored order.
func TestNoMatchMessageReadsRightToLeft(t *testing.T) {
	u := newTestUI(t)
	u.find("שלום עולם")
	r := u.results
	if !r.messageLine.Visible() || r.list.Visible() {
		t.Fatalf("no message for a query that matches nothing (%q)", r.message.Text)
	}
	b := r.messageLine
	if !b.paras.Visible() || b.plain.Visible() {
		t.Fatalf("the message %q is drawn by a Fyne label", r.message.Text)
	}
	drawn, _ := layoutFlow(b.flow.spans, 2000, theme.TextSize(), 0)
	if got := visualText(drawn[0]); !strings.HasPrefix(got, "No passages match ") || !strings.Contains(got, "עולם") ||
		strings.Index(got, "עולם") > strings.Index(got, "שלום") {
		t.Errorf("the message's first line is drawn %q", got)
	}
	// Centred: the first line's words as far from the left edge as from
	// the right.
	f := b.flow
	u.do(func() { f.Resize(fyne.NewSize(400, f.MinSize().Height)) })
	left, right := float32(1e9), float32(-1e9)
	for _, o := range test.WidgetRenderer(f).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Position().Y < f.lineHeight() {
			left, right = min(left, txt.Position().X), max(right, txt.Position().X+txt.Size().Width)
		}
	}
	if w := f.Size().Width; w <= 0 || left < 0 || right > w || left-(w-right) > 3 || (w-right)-left > 3 {
		t.Errorf("the first line runs from %v to %v in %v: not centred", left, right, w)
	}
}

// The status line's message after tagging names the tag quoted, so it is
// ordered apart from the words around it (quotedIsolates): unquoted,
// "Tagged with ערוץ 12 (גרסה 2)." was drawn "Tagged with 2 גרסה) 12
// ערוץ).", its brackets torn apart (found by the hostile UI pass ui7).
func TestTaggedStatusReadsAHebrewNameInItsOwnOrder(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	const name = "ערוץ 12 (גרסה 2)"
	if _, _, err := st.CreateTagUndoable(context.Background(), store.Tag{Family: store.FamilyActor, Kind: "state", Name: name}); err != nil {
		t.Fatal(err)
	}
	u.openPassage(t, "putin directed", 1)
	u.pickTag(t, "ערוץ", name, true)
	want := "Tagged with “" + name + "”."
	if got := u.status.message.Text; got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
	drawnAs(t, "status line", u.status.shown, want, "Tagged with “(2 גרסה) 12 ערוץ”.")
}
