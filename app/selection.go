package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// readerSelection is text selected with the mouse in one passage of the
// reader: a byte range of the passage's text.
type readerSelection struct {
	ok      bool
	passage int // index into the reader's passages
	rng     store.Range
}

// selected takes a selection made in passage i: it becomes the focused
// passage, any selection elsewhere goes, and the status line says what
// the selection is for.
func (r *readerView) selected(i, start, end int) {
	old := r.sel
	r.sel = readerSelection{}
	if start < end && i < len(r.passages) {
		r.sel = readerSelection{ok: true, passage: i, rng: store.Range{Start: start, End: end}}
	}
	if old.ok && old.passage != i {
		r.paint(old.passage)
	}
	if i != r.focus {
		r.focusOn(i)
	}
	if r.sel.ok {
		text := r.passages[i].Text[start:end]
		r.ui.status.setMessage(fmt.Sprintf("Selected “%s” — Ctrl+D bookmarks just this, Ctrl+T tags it, Ctrl+K marks it as a claim.", wording.Brief(text, 60)))
	}
}

// clearSelection drops the selection, if any.
func (r *readerView) clearSelection() {
	if !r.sel.ok {
		return
	}
	old := r.sel.passage
	r.sel = readerSelection{}
	r.paint(old)
}

// selectedSpan is the selection within passage p, or nil if no text of it
// is selected (then actions apply to the whole passage).
func (r *readerView) selectedSpan(p store.Passage) *store.Range {
	if !r.sel.ok || r.sel.passage >= len(r.passages) || r.passages[r.sel.passage].ID != p.ID {
		return nil
	}
	rng := r.sel.rng
	if rng.Start < 0 || rng.End > len(p.Text) || rng.Start >= rng.End {
		return nil
	}
	if rng.Start == 0 && rng.End == len(p.Text) {
		return nil // all of it
	}
	return &rng
}

// spanMarks are the parts of passage p drawn with a background: the spans
// of its bookmarks and of its tags applied to part of it.
func (r *readerView) spanMarks(p store.Passage) []flowMark {
	var out []flowMark
	for _, s := range r.marks[p.ID] {
		out = append(out, flowMark{s.Start, s.End, colorNameSpan})
	}
	for _, t := range r.ptags[p.ID] {
		if t.Span != nil && !t.Document && t.State == store.StateAccepted {
			out = append(out, flowMark{t.Span.Start, t.Span.End, colorNameSpan})
		}
	}
	return out
}

// updateMarkButton makes the reader's Bookmark button say whether the
// focused passage is bookmarked.
func (r *readerView) updateMarkButton() {
	if r.mark == nil {
		return
	}
	p, ok := r.currentPassage()
	_, marked := r.marks[p.ID]
	if ok && marked {
		r.actions.setLabel(0, "Bookmarked", bookmarkIcon)
	} else {
		r.actions.setLabel(0, "Bookmark", bookmarkOutlineIcon)
	}
}

// selectionQuote shows the selected text in the bookmark dialog. A quote
// with right-to-left text is flow text, which orders its words as the
// reader does: a label showed "ראש הממשלה אמר כי Putin לא התקשר" selected
// in the reader as "לא התקשר Putinראש הממשלה אמר כי" (found by the
// hostile UI pass ui4).
func selectionQuote(text string) fyne.CanvasObject {
	quoted := "“" + wording.Brief(text, 400) + "”"
	if hasRTL(quoted) {
		t := newFlowText()
		t.setSpans([]flowSpan{{text: quoted}})
		return t
	}
	quote := widget.NewLabel(quoted)
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle = fyne.TextStyle{Italic: true}
	return quote
}

// bookmarkSpan bookmarks the selected part of passage p, asking for a note.
func (u *UI) bookmarkSpan(p store.Passage, span store.Range) {
	if u.refuseReadOnly() || u.raiseDialog("bookmark") {
		return
	}
	note := u.newNoteField(4)
	note.SetPlaceHolder("A note (optional): why this matters… (Ctrl+Enter bookmarks)")
	saver := u.autosaveNewNote(u.reader.doc, p.ID, &span, note) // saved as it is typed, like every note
	quote := selectionQuote(p.Text[span.Start:span.End])
	info := oneLine(fmt.Sprintf("Part of %s of “%s”", u.placeIn(u.reader.doc.ID, p.Page, p.Ordinal), showable(u.reader.doc.Title)))
	u.showKeyed(keyedDialog{
		name: "bookmark", title: "Bookmark selection", ok: "Bookmark", cancel: "Cancel", focus: note,
		body: container.NewVBox(info, quote, note),
		size: fyne.NewSize(480, 0),
		onOK: func() {
			u.reader.clearSelection()
			saver.save(&span, "Bookmarked the selection")
		},
		onCancel: saver.cancel,
	})
}
