package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// In a reader short enough that a long
// title scrolls, the user scrolls the title down to read its end and the
// source line, then opens another document: its title is shown scrolled
// as the last one was, its first lines hidden and, the new title being
// shorter, a blank gap under its source line. Opening a document should
// show its title from the top.
func TestReaderTitleShowsFromTheTopOnOpen(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	long := func(lead string) string {
		return lead + ": " + strings.Repeat("Counterintelligence Aspects of Foreign Influence Operations ", 4)
	}
	a, err := st.ImportText(context.Background(), long("First Very Long Title"), "", "Paragraph one.\n\nParagraph two.")
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.ImportText(context.Background(), long("Second Title"), "", "Another first paragraph.\n\nAnother second one.")
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() {
		u.w.Resize(fitToScreen(fyne.NewSize(1280, 800), fyne.NewSize(1024, 768)))
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.reader.openDocument(a.DocumentID) })
	u.work.wait()
	u.do(func() { u.w.Canvas().Capture() })
	top := u.reader.body.Objects[0].(*wholeScroll).scroll
	u.do(func() {
		if top.Size().Height >= top.Content.MinSize().Height {
			t.Skipf("the title does not scroll here (%v of %v px)", top.Size().Height, top.Content.MinSize().Height)
		}
		// The real driver's EnsureMinSize lays the scroll out again when
		// its content's least size changes; the test canvas does not.
		top.Content.Resize(fyne.NewSize(top.Size().Width, top.Content.MinSize().Height))
		// As the mouse wheel does over the title.
		top.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -1000}})
		t.Logf("scrolled: offset %v, size %v, content %v (sized %v)", top.Offset, top.Size(), top.Content.MinSize(), top.Content.Size())
	})
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() { t.Logf("after capture: offset %v", top.Offset) })
	u.do(func() { u.reader.openDocument(b.DocumentID) })
	u.work.wait()
	u.do(func() { u.w.Canvas().Capture() })
	u.do(func() {
		t.Logf("reopened: offset %v, size %v, content %v", top.Offset, top.Size(), top.Content.MinSize())
		if top.Offset.Y != 0 {
			t.Errorf("a newly opened document's title is shown scrolled by %v px: its first lines are hidden", top.Offset.Y)
		}
	})
}
