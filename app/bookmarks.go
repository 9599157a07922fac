package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// bookmarksView is the sidebar's list of bookmarks, newest first, each with
// its document, passage number, quote and note.
type bookmarksView struct {
	ui      *UI
	heading *widget.Label
	list    *widget.List
	empty   *hint
	marks   []store.Bookmark
	after   afterFunc // the clock of note autosave (noteautosave.go)
}

func newBookmarksView(u *UI) *bookmarksView {
	b := &bookmarksView{ui: u, after: realAfter}
	b.heading = widget.NewLabelWithStyle("Bookmarks", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.empty = newHint("No bookmarks yet.\nOpen a passage and press Ctrl+D (or the bookmark button) to keep it here with a note.")
	b.list = widget.NewList(
		func() int { return len(b.marks) },
		func() fyne.CanvasObject {
			where := widget.NewLabel("")
			where.TextStyle = fyne.TextStyle{Bold: true}
			where.Truncation = fyne.TextTruncateEllipsis
			// One line, cut with an ellipsis: every row is as tall as the
			// list's template (a wrapped quote ran over the rows below it),
			// and the reader shows the whole passage a click away. Not also
			// wrapped: Fyne panics refreshing a label that does both when it
			// is shorter than a line.
			quote := widget.NewLabel("")
			quote.Truncation = fyne.TextTruncateEllipsis
			// A quote with right-to-left text is flow text, one line: a
			// label drew "ראש הממשלה אמר כי Putin" out of order (Fyne
			// draws a label in stored order run by run; a hostile UI pass).
			rtlQuote := newFlowText()
			rtlQuote.setMaxLines(1)
			rtlQuote.Hide()
			note := widget.NewLabel("")
			note.TextStyle = fyne.TextStyle{Italic: true}
			note.Truncation = fyne.TextTruncateEllipsis
			note.Importance = widget.LowImportance
			// A right click offers what the reader's Bookmarked button
			// does, without opening the passage first (there was no menu,
			// as the library's rows have: a UI pass).
			return newMenuRow(container.NewVBox(newBidiLabel(where), container.NewStack(quote, rtlQuote), note))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(b.marks) {
				return
			}
			m := b.marks[id]
			row := o.(*menuRow)
			row.open = func() { u.reader.openPassage(m.DocumentID, m.PassageID, u.shownQuery()) }
			row.menu = func(pos fyne.Position) {
				u.showMenu(fyne.NewMenu("",
					fyne.NewMenuItem("Open", row.open),
					fyne.NewMenuItemSeparator(),
					fyne.NewMenuItem("Edit note…", func() {
						if !u.refuseReadOnly() {
							u.editBookmark(m)
						}
					}),
					fyne.NewMenuItem("Remove bookmark", func() {
						if !u.refuseReadOnly() {
							u.removeBookmark(m)
						}
					}),
				), u.win.Canvas(), pos)
			}
			box := row.content.(*fyne.Container)
			// With the version where another document has the title: "Same
			// title · ¶ 1" named every version alike (ui22's pass).
			box.Objects[0].(*bidiLabel).SetText(m.DocumentTitle + " · " + u.placeIn(m.DocumentID, m.Page, m.Ordinal))
			quote := wording.Brief(m.Printed(), 140)
			slot := box.Objects[1].(*fyne.Container)
			label, rtlQuote := slot.Objects[0].(*widget.Label), slot.Objects[1].(*flowText)
			label.SetText(quote)
			if hasRTL(quote) {
				rtlQuote.setSpans([]flowSpan{{text: quote}})
				label.Hide()
				rtlQuote.Show()
			} else {
				rtlQuote.Hide()
				label.Show()
			}
			note := m.Note
			if note == "" {
				note = "(no note)"
			}
			box.Objects[2].(*widget.Label).SetText(wording.Brief(note, 120))
		},
	)
	b.list.OnSelected = func(id widget.ListItemID) {
		if id < len(b.marks) {
			m := b.marks[id]
			u.reader.openPassage(m.DocumentID, m.PassageID, u.shownQuery())
		}
		b.list.UnselectAll()
	}
	return b
}

func (b *bookmarksView) content() fyne.CanvasObject {
	return container.NewBorder(b.heading, nil, nil, nil, container.NewStack(b.list, b.empty.box))
}

// refresh reloads the bookmarks.
func (b *bookmarksView) refresh() {
	st, gen := b.ui.store()
	b.ui.work.run(func() func() {
		marks, err := st.Bookmarks(context.Background())
		return func() {
			if !b.ui.current(gen) {
				return
			}
			if err != nil {
				b.ui.status.setMessage(fullStop("Could not read bookmarks: " + err.Error()))
				return
			}
			b.marks = marks
			b.heading.SetText(fmt.Sprintf("Bookmarks (%d)", len(marks)))
			if b.ui.broken != nil {
				// The empty stand-in's: "(0)" and "No bookmarks yet" read
				// as the file's own while it was still opening (a hostile
				// UI pass), as "Library (0)" did.
				b.heading.SetText("Bookmarks")
				b.empty.Hide()
			} else if len(marks) == 0 {
				b.empty.Show()
			} else {
				b.empty.Hide()
			}
			b.list.Refresh()
		}
	})
}

// toggleBookmark bookmarks the reader's current passage, asking for an
// optional note, or — if it is bookmarked already — offers to edit the note
// or remove the bookmark.
func (u *UI) toggleBookmark() {
	p, ok := u.reader.currentPassage()
	if !ok {
		u.status.setMessage(u.reader.choosePassageFirst("bookmark it (Ctrl+D)"))
		return
	}
	if span := u.reader.selectedSpan(p); span != nil {
		u.bookmarkSpan(p, *span)
		return
	}
	u.bookmarkPassage(u.reader.doc.ID, p, u.reader.doc.Title)
}

// bookmarkPassage bookmarks passage p of document docID with an optional
// note, or edits the bookmark it already has.
func (u *UI) bookmarkPassage(docID int64, p store.Passage, docTitle string) {
	passageID := p.ID
	if u.refuseReadOnly() {
		return
	}
	call(u, func(ctx context.Context, st *store.Store) ([]store.Bookmark, error) {
		return st.PassageBookmarks(ctx, passageID)
	}, func(existing []store.Bookmark) {
		if len(existing) > 0 {
			u.editBookmark(existing[0])
			return
		}
		// Its place as the bookmark's edit dialog says it: with the page,
		// and the version where another document has its title.
		u.bookmarkDialog(store.Document{ID: docID, Title: docTitle}, passageID, fmt.Sprintf("%s of “%s”", u.placeIn(docID, p.Page, p.Ordinal), docTitle), p.Text)
	})
}

// editBookmark edits a bookmark's note, saved as it is typed (Cancel puts
// it back as it was), or removes the bookmark with undo.
func (u *UI) editBookmark(b store.Bookmark) {
	if u.raiseDialog("bookmark") {
		return
	}
	var d dialog.Dialog
	entry := u.newNoteField(5)
	entry.SetText(b.Note)
	entry.SetPlaceHolder("Why this passage matters… (saved as you type; Ctrl+Enter closes)")
	saver := u.autosaveNote(b, entry)
	remove := u.newDialogButton("Remove bookmark", theme.DeleteIcon(), func() {
		saver.abandon()
		d.Hide()
		u.removeBookmark(b)
	})
	remove.Importance = widget.DangerImportance
	info := oneLine(fmt.Sprintf("%s of “%s”", u.placeIn(b.DocumentID, b.Page, b.Ordinal), b.DocumentTitle))
	body := container.NewBorder(info, container.NewHBox(remove), nil, nil, entry)
	d = u.showKeyed(keyedDialog{
		name: "bookmark", title: "Bookmark note", ok: "Save note", cancel: "Cancel", focus: entry,
		body:     atLeast(460, 220, body),
		onOK:     func() { saver.save(nil, "Note saved") },
		onCancel: saver.cancel,
	})
}

// removeBookmark deletes a bookmark and offers to undo it.
func (u *UI) removeBookmark(b store.Bookmark) {
	u.apply(change{label: "remove bookmark", done: "Bookmark removed", offer: true,
		do: func(ctx context.Context, st *store.Store) (undoFns, error) {
			removed, err := st.DeleteBookmark(ctx, b.ID)
			return undoFns{
				undo: func(ctx context.Context, st *store.Store) error { return st.RestoreBookmark(ctx, removed) },
				redo: func(ctx context.Context, st *store.Store) error {
					_, err := st.DeleteBookmark(ctx, removed.ID)
					return err
				},
			}, err
		}})
}

// bookmarkFns undo and redo a bookmark change: back to before, forward to
// after; added means the change created the bookmark (undo deletes it).
func bookmarkFns(before, after store.Bookmark, added bool) undoFns {
	fns := undoFns{
		undo: func(ctx context.Context, st *store.Store) error { return st.RestoreBookmarkOver(ctx, before, after) },
		redo: func(ctx context.Context, st *store.Store) error { return st.RestoreBookmarkOver(ctx, after, before) },
	}
	if added {
		fns.undo = func(ctx context.Context, st *store.Store) error { return st.UnaddBookmark(ctx, after.ID) }
	}
	fns.kept = func(undo bool) (string, string) {
		switch {
		case undo && added: // the undo takes the bookmark away: nothing of the user's is put back
			return "", ""
		case undo:
			return "note", before.Note
		}
		return "note", after.Note
	}
	return fns
}

// bookmarkDialog asks for a note and, optionally, the part of the passage
// to keep: the quote field starts with the whole passage; shortening it to
// a part bookmarks just that span. The note is saved as it is typed (the
// first pause creates the bookmark); Cancel removes it again.
func (u *UI) bookmarkDialog(doc store.Document, passageID int64, subtitle, passage string) {
	if u.raiseDialog("bookmark") {
		return
	}
	note := u.newNoteField(4)
	note.SetPlaceHolder("A note (optional): why this passage matters… (Ctrl+Enter bookmarks)")
	saver := u.autosaveNewNote(doc, passageID, nil, note)
	flat := flatSpaces(passage) // byte for byte, so offsets hold
	quote := u.newNoteField(3)
	quote.SetText(flat)
	info := oneLine(subtitle)
	hint := widget.NewLabel("Quote — delete words to keep only part of the passage:")
	hint.Importance = widget.LowImportance
	// The quote takes the room the dialog has beyond the rest: in a VBox
	// it kept three lines over an empty band (found by a hostile pass).
	body := container.New(growLast{}, info, note, hint, quote)
	u.showKeyed(keyedDialog{
		name: "bookmark", title: "Bookmark passage", ok: "Bookmark", cancel: "Cancel", focus: note,
		body: atLeast(480, 330, body),
		onOK: func() {
			span, err := quoteSpan(flat, quote.Text)
			if err != nil {
				// A bookmark the note's autosave made stays, with its
				// note, over the whole passage.
				if saver.created {
					saver.save(nil, "Bookmarked the whole passage")
				} else {
					saver.abandon()
				}
				u.showError(err)
				return
			}
			saver.save(span, "Bookmarked")
		},
		onCancel: saver.cancel,
	})
}

// quoteSpan finds the quoted part in the passage: nil for all of it, its
// byte range for a part, an error when the quote is not in the passage.
func quoteSpan(passage, quote string) (*store.Range, error) {
	q := strings.TrimSpace(quote)
	if q == "" || q == strings.TrimSpace(passage) {
		return nil, nil
	}
	i := strings.Index(passage, q)
	if i < 0 {
		return nil, fmt.Errorf("the quote must be a part of the passage, word for word; shorten it by deleting words only")
	}
	return &store.Range{Start: i, End: i + len(q)}, nil
}

// annotationsChanged refreshes the views that show bookmarks and tags.
func (u *UI) annotationsChanged() {
	u.bookmarks.refresh()
	u.actors.refresh()
	u.sources.refresh()
	u.saved.refresh()
	u.claims.changed()
	u.reader.refreshAnnotations()
	// Filters such as actor: or is:bookmarked depend on annotations: the
	// listed page says whether its query has any (the store parsed it once).
	// A search for newer text that is under way may have read them before
	// the change, so it starts again.
	if u.results.filtered || u.search.pending() {
		u.search.rerunQuiet()
	} else {
		u.results.refreshAnnotations()
	}
}

// growLast stacks objects as a VBox does, the last taking whatever height
// is left, and a padding under it (the dialog's buttons follow).
type growLast struct{}

func (growLast) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height + theme.Padding()
	}
	return s
}

func (growLast) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for i, o := range objects {
		h := o.MinSize().Height
		if i == len(objects)-1 {
			h = max(h, size.Height-y-theme.Padding())
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}
