package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store/ingest"
)

// walkLaidOut calls f on o and everything laid out under it.
func walkLaidOut(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walkLaidOut(k, f)
		}
	case fyne.Widget:
		for _, k := range test.WidgetRenderer(c).Objects() {
			walkLaidOut(k, f)
		}
	}
}

// importLong stores a document of n passages, every one on its own page
// if paged, that mention word at the passages marked, and refreshes the
// window.
func importLong(t *testing.T, u *testUI, title string, n int, paged bool, word string, marked ...int) {
	t.Helper()
	doc := &ingest.Document{Title: title, FileName: title + ".txt", Format: "txt", Hash: "long-" + title}
	if paged {
		doc.FileName, doc.Format, doc.Pages = title+".pdf", "pdf", n
	}
	for i := 1; i <= n; i++ {
		p := fmt.Sprintf("Paragraph %d of the report.", i)
		if slices.Contains(marked, i) {
			p = fmt.Sprintf("Paragraph %d names %s once.", i, word)
		}
		span := ingest.Span{Start: len(doc.Text), End: len(doc.Text) + len(p)}
		if paged {
			span.Page = i
		}
		doc.Passages = append(doc.Passages, span)
		doc.Text += p + "\n\n"
	}
	if _, err := u.CurrentStore().ImportDocument(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.refreshLibrary() })
}

// At the largest text on an 800×600 screen with the sidebar shown and the
// results pane at its least width, no hit row's place is drawn over its
// title: the list's least width is its template's, which had no place
// ("¶ 1403" over "Mueller report", "Mu¶l1403r"), then "¶ 8888", still
// narrower than a paged document's "p. 1402 · ¶ 1402" (both found by a UI
// pass). The template's place is the widest of the listed hits'.
func TestResultRowsFitTheNarrowResultsPane(t *testing.T) {
	u := newTestUI(t)
	importLong(t, u, "Long report", 1500, false, "zorblatt", 1403, 1404)
	importLong(t, u, "Paged report", 1500, true, "quendle", 1402)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	for _, q := range []string{"quendle", "zorblatt OR quendle", "kilimnik"} {
		u.find(q)
		u.do(func() { u.results.list.Select(0) })
		// The results/reader handle dragged to the left, as far as it
		// goes: the split stops at the list's least width, its template's.
		u.do(func() { u.resultsSplit.SetOffset(0) })
		checked := 0
		for i := range u.results.items {
			u.do(func() { u.results.list.ScrollTo(i) })
			u.do(func() { u.w.Canvas().Capture() })
			u.do(func() {
				d := fyne.CurrentApp().Driver()
				walkLaidOut(u.results.list, func(o fyne.CanvasObject) {
					row, ok := o.(*resultRow)
					if !ok || !row.Visible() || !row.body.Visible() || row.ordinal.Text == "" {
						return
					}
					checked++
					if w, least := row.Size().Width, row.body.MinSize().Width; w < least {
						t.Errorf("%s: a hit row is %v pixels wide, narrower than the %v its bookmark button, title and %q need", q, w, least, row.ordinal.Text)
					}
					title, place := d.AbsolutePositionForObject(row.title), d.AbsolutePositionForObject(row.ordinal)
					// Beside its place, that is (a title too narrow there goes under it).
					beside := title.Y < place.Y+row.ordinal.Size().Height-1
					if end := title.X + row.title.Size().Width; beside && end > place.X+0.5 {
						t.Errorf("%s: the title %q runs to %v, over its place %q from %v", q, row.title.Text, end, row.ordinal.Text, place.X)
					}
					if need := row.ordinal.MinSize().Width; row.ordinal.Size().Width < need {
						t.Errorf("%s: the place %q has %v pixels of the %v it needs", q, row.ordinal.Text, row.ordinal.Size().Width, need)
					}
				})
			})
		}
		if checked == 0 {
			t.Fatalf("%s: no hit rows found", q)
		}
	}
}

// At text 1.8 in the window a 1366×768
// screen gives, View → Sidebar section opened below its item, the View
// menu's last, and had not the room there: Fyne sizes it to the room
// left under the item, then moves it up by what that clipped size lacks,
// so it scrolled, "Saved searches and history Ctrl+6" cut at the window's
// foot (a UI pass). TestMenusFitASmallScreenAtTheLargestText only
// compares a submenu's height with the whole window's.
func TestSubmenusOpenWholeAtTheLargestText(t *testing.T) {
	budget := fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(1366, 768))
	u := newTestUI(t)
	u.do(func() {
		u.w.Resize(budget)
		u.setTextScale(maxTextScale)
	})
	u.do(func() {
		bar := canvas.NewText("View", nil).MinSize().Height + theme.InnerPadding()
		for _, m := range u.w.MainMenu().Items {
			for i, it := range m.Items {
				if it.ChildMenu == nil {
					continue
				}
				pop := widget.NewPopUpMenu(m, u.w.Canvas())
				pop.ShowAtPosition(fyne.NewPos(0, bar))
				item, ok := pop.Menu.Items[i].(desktop.Hoverable)
				if !ok {
					t.Fatalf("%s → %s: not hoverable", m.Label, it.Label)
				}
				item.MouseIn(&desktop.MouseEvent{})
				pop.Menu.Refresh()
				var child *widget.Menu
				walkLaidOut(pop, func(o fyne.CanvasObject) {
					if cm, ok := o.(*widget.Menu); ok && cm != pop.Menu && cm.Visible() && len(cm.Items) == len(it.ChildMenu.Items) {
						child = cm
					}
				})
				if child == nil {
					t.Fatalf("%s → %s: the submenu did not open", m.Label, it.Label)
				}
				if h, least := child.Size().Height, child.MinSize().Height; h < least {
					t.Errorf("at text %v the %s → %s submenu is %v pixels tall, less than its %v: it scrolls, its last items cut", maxTextScale, m.Label, it.Label, h, least)
				}
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(child)
				if bottom := pos.Y + child.Size().Height; bottom > u.w.Canvas().Size().Height+0.5 {
					t.Errorf("the %s → %s submenu runs to %v, past the window's foot at %v", m.Label, it.Label, bottom, u.w.Canvas().Size().Height)
				}
				pop.Hide()
			}
		}
	})
}

// View → Sidebar (Ctrl+B) and the section shortcuts Ctrl+1–6 acted behind
// an open dialog: Ctrl+3 then Ctrl+B with the tag picker (Ctrl+T) open
// hid the sidebar behind it (a UI pass). The text size still changes
// (TestShortcutsWaitForTheOpenDialog).
func TestViewShortcutsDoNothingUnderADialog(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() { u.setSidebarShown(true) })
	u.press(t, fyne.KeyT, ctrl) // the tag picker
	u.do(func() {
		if !u.dialogOpen() {
			t.Fatal("Ctrl+T opened no dialog")
		}
	})
	section := u.sidebar.current
	u.press(t, fyne.Key3, ctrl)
	u.press(t, fyne.KeyB, ctrl)
	u.do(func() {
		if !u.sidebarPane.Visible() {
			t.Error("Ctrl+B with the tag picker open hid the sidebar behind it")
		}
		if u.sidebar.current != section {
			t.Errorf("Ctrl+3 with the tag picker open switched the sidebar's section from %d to %d", section, u.sidebar.current)
		}
	})
}

// The reader's bar in the narrow layout (an 800×600 screen, the largest
// text, the sidebar shown) wraps its hit count and arrows onto a second
// row. Its least height was worked out for the width it was last laid
// out at: narrowed at one go from one row to two, the second row got no
// height, the count 0 pixels tall and the arrows drawn over Tag… and
// Cite. And the count's shortest form was nothing: the narrow reader
// showed its arrows with no count (both found by a UI pass).
func TestNarrowReaderBarShowsItsHitCount(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	r := u.reader
	// The results/reader handle dragged to the left (the reader in one
	// row, if it has room), then at one go to the right as far as it
	// goes, the sidebar's too: the reader at its least width.
	u.do(func() { u.sidebarSplit.SetOffset(0) })
	u.do(func() { u.resultsSplit.SetOffset(0) })
	u.do(func() { u.w.Canvas().Capture() })
	var wideAt float32
	u.do(func() { wideAt = u.resultsSplit.Trailing.Size().Width })
	u.do(func() {
		// At its narrowest: without the width the other panes leave
		// over, which it takes as part of its least width (narrow.go),
		// as in a window with none to spare.
		u.readerLeast = 0
		u.sidebarSplit.SetOffset(1)
		u.resultsSplit.SetOffset(1)
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		if !u.sidebarPane.Visible() || !u.narrow {
			t.Fatalf("sidebar shown %v, narrow %v", u.sidebarPane.Visible(), u.narrow)
		}
		if len(r.hits) == 0 {
			t.Fatal("no hits in the reader")
		}
		reader := u.resultsSplit.Trailing.Size().Width
		count := r.hitLabel
		want := fmt.Sprintf("/%d", len(r.hits))
		if !strings.Contains(count.Shown(), want) {
			t.Errorf("the reader (%v pixels wide, %v before) shows the hit count %q, not hit n%s", reader, wideAt, count.Shown(), want)
		}
		if h, least := count.Size().Height, count.MinSize().Height; h < least {
			t.Errorf("the reader (%v pixels wide, %v before): its count %q is %v pixels tall, less than its %v: the bar's second row has no height", reader, wideAt, count.Shown(), h, least)
		}
		if w, need := count.Size().Width, measureText(count.Shown(), theme.TextSize(), count.label.TextStyle).Width+2*theme.InnerPadding(); w < need {
			t.Errorf("the count %q is %v pixels wide, less than the %v it needs: it is cut", count.Shown(), w, need)
		}
		d := fyne.CurrentApp().Driver()
		rect := func(o fyne.CanvasObject) (fyne.Position, fyne.Position) {
			p := d.AbsolutePositionForObject(o)
			return p, p.Add(o.Size())
		}
		for _, o := range []fyne.CanvasObject{r.prevHit, r.nextHit, count} {
			a0, a1 := rect(o)
			for _, b := range r.actions.buttons {
				b0, b1 := rect(b)
				if a0.X < b1.X && b0.X < a1.X && a0.Y < b1.Y && b0.Y < a1.Y {
					t.Errorf("the hit count or an arrow (%v–%v) lies over the reader's %q button (%v–%v)", a0, a1, r.actions.labels[slices.Index(r.actions.buttons, b)], b0, b1)
				}
			}
		}
	})
}

// Opening a result shows the reader's hit count and arrows, which widen
// its least width: at the largest text on an 800×600 screen, with longer
// titles in the Library, the panes were fitted before they showed, and
// the window's content needed 809 pixels of its 768 (the real window
// grows past the screen's edge). The panes are narrowed again.
func TestOpeningAResultKeepsTheWindowInsideASmallScreen(t *testing.T) {
	u := newTestUI(t)
	importLong(t, u, "Long report", 1500, false, "zorblatt", 1403, 1404)
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(800, 600)))
		u.setTextScale(maxTextScale)
		u.setSidebarShown(true)
	})
	for _, q := range []string{"zorblatt", "kilimnik"} {
		u.find(q)
		u.do(func() { u.results.list.Select(0) })
		u.do(func() {
			if len(u.reader.hits) == 0 {
				t.Fatalf("%s: no hits in the reader", q)
			}
			if least, room := u.content.MinSize().Width, u.contentRoom(); least > room {
				t.Errorf("%s: with a result open the window's content needs %v pixels of width, more than its %v (narrowed panes: %v)", q, least, room, u.narrow)
			}
		})
	}
}
