package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/ingest"
)

// Renaming and deleting documents, from the library's context menu or
// Library → Document details… / Delete document… (for the document in the reader). Both
// can be undone; a delete says first what annotations go with it.

// menuRow is a row of the library, or of the Actors or Sources list, that
// opens a context menu on a secondary tap (a primary tap still opens or
// selects what the row shows).
type menuRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	menu    func(pos fyne.Position)
	open    func()
}

func newMenuRow(content fyne.CanvasObject) *menuRow {
	r := &menuRow{content: content}
	r.ExtendBaseWidget(r)
	return r
}

func (r *menuRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// Tapped opens the document, or selects the tag. The row must take the
// click itself: the
// window gives a click to the innermost object that takes either button,
// and a row taking only the right one swallowed the left click, so the
// list never saw it and the document never opened.
func (r *menuRow) Tapped(*fyne.PointEvent) {
	if r.open != nil {
		r.open()
	}
}

func (r *menuRow) TappedSecondary(ev *fyne.PointEvent) {
	if r.menu != nil {
		r.menu(ev.AbsolutePosition)
	}
}

// documentMenu is a document's context menu.
func (u *UI) documentMenu(d store.Document) *fyne.Menu {
	return fyne.NewMenu("",
		fyne.NewMenuItem("Open", func() { u.reader.openDocument(d.ID) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Rename…", func() { u.renameDocument(d) }),
		fyne.NewMenuItem("Details…", func() { u.showDocumentDetails(d) }),
		fyne.NewMenuItem("Delete…", func() { u.deleteDocument(d) }),
	)
}

// renameDocument asks for a new title.
func (u *UI) renameDocument(d store.Document) {
	if d.ID == 0 {
		u.status.setMessage("Open a document first (or right-click it in the library), then rename it.")
		return
	}
	if u.refuseReadOnly() || u.raiseDialog("rename-document") {
		return
	}
	title := u.newField()
	title.SetText(showable(d.Title))
	form := widget.NewForm(widget.NewFormItem("Title", title))
	done := "Renamed the document"
	if v, ok := u.library.versions[d.ID]; ok {
		// Of documents of one title, the dialog and the status say which
		// is renamed, as Delete does: the title alone was all of them's.
		form.Append("Version", oneLine(v.whole()))
		done = "Renamed " + u.docNamed(d.ID, d.Title)
	}
	u.showKeyed(keyedDialog{
		name: "rename-document", title: "Rename document", ok: "Rename", cancel: "Cancel", focus: title,
		body: form, size: fyne.NewSize(520, 0),
		validate: func() error {
			// Invisible characters alone are no title (the store's rule):
			// refused here, the dialog stays open on what was typed; the
			// store's refusal came after it had closed (ui19's pass).
			if wording.Blank(title.Text) {
				return errors.New("a document needs a title")
			}
			return nil
		},
		onOK: func() {
			newTitle := title.Text
			u.applyToDocument(d, "it was not renamed", keptText{"document title", newTitle}, change{label: "rename document", done: done, docs: true,
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					old, err := st.RenameDocument(ctx, d.ID, newTitle)
					if err != nil {
						return undoFns{}, err
					}
					now, err := st.Document(ctx, d.ID)
					return renameFns(d.ID, old, now.Title), err
				}})
		},
	})
	title.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// deleteDocument asks, saying what goes with it, then deletes a document.
func (u *UI) deleteDocument(d store.Document) {
	if d.ID == 0 {
		u.status.setMessage("Open a document first (or right-click it in the library), then delete it.")
		return
	}
	if u.refuseReadOnly() || u.raiseDialog("delete-document") {
		return
	}
	call(u, func(ctx context.Context, st *store.Store) (store.AnnotationCounts, error) {
		return st.DocumentAnnotations(ctx, d.ID)
	}, func(c store.AnnotationCounts) {
		if u.raiseDialog("delete-document") {
			return
		}
		label := widget.NewLabel("")
		label.Wrapping = fyne.TextWrapWord
		msg := newBidiLabel(label) // a right-to-left title reads right to left
		msg.quotesIsolated = true
		// Of documents of one title (an edited file imported again), the
		// question and the status name the version its row says: the title
		// alone left the researcher guessing which of them would go.
		which := ""
		if v, ok := u.library.versions[d.ID]; ok {
			which = v.whole()
		}
		msg.SetText(deleteQuestion(d, which, c))
		u.showKeyed(keyedDialog{
			name: "delete-document", title: "Delete document", ok: "Delete", cancel: "Cancel", destructive: true,
			body: msg, size: fyne.NewSize(480, 0),
			onOK: func() {
				var snap *store.DocumentSnapshot
				reopen := u.reader.reopener(d.ID)
				u.applyToDocument(d, "there is nothing left to delete", keptText{}, change{label: "delete document", done: fmt.Sprintf("Deleted “%s”", d.Title) + strings.TrimSuffix(" ("+which+")", " ()"), offer: true, docs: true,
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						var err error
						snap, err = st.RemoveDocument(ctx, d.ID)
						return undoFns{
							undo: func(ctx context.Context, st *store.Store) error { return st.RestoreDocument(ctx, snap) },
							redo: func(ctx context.Context, st *store.Store) error {
								var err error
								snap, err = st.RemoveDocument(ctx, d.ID)
								return err
							},
							size:   func() int { return snap.Size() },
							undone: reopen,
						}, err
					}})
			},
		})
	})
}

// deleteQuestion says what deleting d would delete with it: the work on
// it, then the suggestions apart, as a new import of its file makes them
// again (its suggested claims were not counted, the suggested tags were
// among the work: ui15's L3).
// which is its version ("v2 · imported …") where another has its title.
func deleteQuestion(d store.Document, which string, c store.AnnotationCounts) string {
	var work, suggested []string
	add := func(to *[]string, n int, noun string) {
		if n > 0 {
			*to = append(*to, plural(n, noun))
		}
	}
	add(&work, c.Bookmarks, "bookmark")
	add(&work, c.Tags, "tag on a passage|tags on passages")
	add(&work, c.DocumentTags, "tag on the document|tags on the document")
	add(&work, c.Claims, "claim accepted or annotated|claims accepted or annotated")
	add(&suggested, c.Suggestions, "suggested tag")
	add(&suggested, c.SuggestedClaims, "suggested claim")
	what := "It has no bookmarks, tags or claims accepted or annotated."
	if len(work) > 0 {
		what = joinAnd(work) + " will be deleted with it."
	}
	switch {
	case len(suggested) == 0:
	case len(work) > 0:
		what += " So will its " + joinAnd(suggested) + ": suggestions come back when it is imported again."
	default:
		what += " Its " + joinAnd(suggested) + " will be deleted with it: suggestions come back when it is imported again."
	}
	size := plural(d.Passages, "passage")
	if which != "" {
		size = which + ", " + size
	}
	return fmt.Sprintf("Delete “%s” (%s) from this research file?\n\n%s\n\nEdit → Undo (Ctrl+Z) brings it all back.", showable(d.Title), size, what)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// documentsChanged refreshes what shows documents after a delete, a rename
// or their undo: the library, the results and the reader (emptied if its
// document is gone, retitled if renamed).
func (u *UI) documentsChanged() { u.documentsChangedThen(nil) }

// documentsChangedThen is documentsChanged, calling closed with the title
// of the reader's document if it was emptied for it (another program
// deleted it: the window says so).
func (u *UI) documentsChangedThen(closed func(title string)) {
	u.refreshLibraryKeepingStatus()
	if u.search.query() != "" {
		u.search.rerunQuiet()
	}
	r := u.reader
	if r.passages == nil {
		return
	}
	id := r.doc.ID
	call(u, func(ctx context.Context, st *store.Store) (store.Document, error) {
		d, err := st.Document(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return d, nil
		}
		return d, err
	}, func(d store.Document) {
		if r.doc.ID != id {
			return // the reader moved on meanwhile
		}
		if d.ID == 0 {
			title := r.doc.Title
			r.reset()
			if closed != nil {
				closed(title)
			}
			return
		}
		// The title and the details under it (Document details…).
		d.Passages, d.Pages = r.doc.Passages, r.doc.Pages
		r.doc = d
		r.heading.SetText(showable(d.Title))
		r.refreshMeta()
	})
}

// showDocumentDetails edits what a document's citations name: its title,
// author, source, date and address (Library → Document details…, or a
// library row's Details…). An import reads them where a file says them;
// the Mueller report came in with a title alone, and its citations could
// not be printed (a researcher's pass).
func (u *UI) showDocumentDetails(d store.Document) {
	if d.ID == 0 {
		u.status.setMessage("Open a document first (or right-click it in the library), then edit its details.")
		return
	}
	if u.refuseReadOnly() || u.raiseDialog("document-details") {
		return
	}
	field := func(value, hint string) *fieldEntry {
		e := u.newField()
		e.SetText(showable(value))
		e.SetPlaceHolder(hint)
		return e
	}
	title := field(d.Title, "")
	author := field(d.Author, "A person or an office")
	source := field(d.Source, "Outlet, publisher or agency")
	date := field(d.Published, "As printed, e.g. 18 April 2019")
	// A huge paste is cut where the store would refuse it: the title
	// and the others at a name's pasteCap, the address at the longest an
	// import keeps (ui19's L5: drawn as a black bar).
	for _, e := range []*fieldEntry{title, author, source, date} {
		e.capPaste(pasteCap, "no detail is that long")
	}
	url := u.newAddressField().capPaste(ingest.MaxURLLen, "an address is at most "+thousands(ingest.MaxURLLen))
	url.setValue(showable(d.URL)) // in rows if too wide for one line (addressfield.go)
	url.SetPlaceHolder("A web address, https://…")
	form := widget.NewForm(
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Author", author),
		widget.NewFormItem("Source", source),
		widget.NewFormItem("Date", date),
		widget.NewFormItem("Address", url),
	)
	note := widget.NewLabel("Citations, the reader and exports name these.")
	note.Wrapping = fyne.TextWrapWord
	u.showKeyed(keyedDialog{
		name: "document-details", title: "Document details", ok: "Save", cancel: "Cancel", focus: title,
		body: container.NewVBox(form, note), size: fyne.NewSize(u.claimDialogWidth(), 0), // as wide as the claim dialog: wider with the text
		validate: func() error {
			// Invisible characters alone are no title (the store's rule):
			// refused here, the dialog stays open on what was typed; the
			// store's refusal came after it had closed (ui19's pass).
			if wording.Blank(title.Text) {
				return errors.New("a document needs a title")
			}
			// An address typed past the longest the store keeps was
			// refused after the dialog had closed, and the details typed
			// went with it (ui25's hostile pass: 2,060 characters typed).
			typed := store.DocumentDetails{Title: title.Text, Author: author.Text, Source: source.Text, Published: date.Text, URL: url.value()}
			return typed.Refused()
		},
		onOK: func() {
			// A field shows a bidirectional control as U+FFFD (showable); one
			// left as shown keeps what it holds, or saving the author wrote
			// U+FFFD over the controls of a title not touched (a hostile
			// data pass).
			kept := func(e *fieldEntry, was string) string {
				if shown := showable(was); e.value() == shown || e.inRows() && e.value() == withoutBreaks(shown) {
					return was
				}
				return e.value()
			}
			want := store.DocumentDetails{Title: kept(title, d.Title), Author: kept(author, d.Author), Source: kept(source, d.Source),
				Published: kept(date, d.Published), URL: kept(url, d.URL)}
			u.applyToDocument(d, "its details were not saved", keptText{"document details", detailLines(want)}, change{label: "edit document details", done: "Saved the document's details", docs: true,
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					old, err := st.EditDocumentDetails(ctx, d.ID, d.Details(), want)
					if err != nil {
						return undoFns{}, err
					}
					now, err := st.Document(ctx, d.ID)
					return detailsFns(d.ID, old, now.Details()), err
				}})
		},
	})
}

// keptText is what the user typed for a change (its text, what names it
// in a message), kept should the change not be made; no text: nothing.
type keptText struct{ what, text string }

// applyToDocument applies c, a change to document d (to it, to a passage
// of it or an annotation on one), saying by title where another program
// or window deleted d meanwhile, and what was not done (notDone), rather
// than the store's "Document 5: not found."; what was typed for it is kept
// in a file and on the clipboard (ui25's hostile pass: a rename's, Document
// details', a bookmark's or a tag's changes went with their dialogs).
func (u *UI) applyToDocument(d store.Document, notDone string, typed keptText, c change) {
	gone := false
	do, failed := c.do, c.failed
	c.do = func(ctx context.Context, st *store.Store) (undoFns, error) {
		fns, err := do(ctx, st)
		if g := goneDocumentErr(ctx, st, d, err, notDone, typed); g != nil {
			gone = true
			return undoFns{}, g
		}
		return fns, err
	}
	c.failed = func() {
		if gone {
			u.documentsChanged() // the library lists it no more; the reader lets it go
			if typed.text != "" {
				u.app.Clipboard().SetContent(typed.text)
			}
		}
		if failed != nil {
			failed()
		}
	}
	u.apply(c)
}

// goneDocumentErr is goneDocument's error where err says something was
// not found because document d is no longer in the research file; nil
// otherwise (a tag deleted meanwhile is said as the store says it). On the
// worker.
func goneDocumentErr(ctx context.Context, st *store.Store, d store.Document, err error, notDone string, typed keptText) error {
	if !errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if _, derr := st.Document(ctx, d.ID); !errors.Is(derr, store.ErrNotFound) {
		return nil
	}
	return goneDocument(d.Title, notDone, typed)
}

// goneDocument says that the document a dialog edited was deleted
// meanwhile (by another program or window), so what was typed went
// nowhere, and keeps it in a file; the caller puts it on the clipboard
// too. Saving said "Document 5: not found." and what was typed went with
// the dialog (ui25's hostile pass). Called off the UI goroutine.
func goneDocument(title, notDone string, typed keptText) error {
	msg := fmt.Sprintf("“%s” is no longer in the library: another program or window deleted it, so %s.", showable(title), notDone)
	if typed.text == "" {
		return errors.New(msg)
	}
	if keptIn, err := store.KeepText(typed.what, typed.text); err == nil {
		msg += fmt.Sprintf("\n\nThe %s you typed is kept in %s, and is on the clipboard.", typed.what, keptWhere(keptIn))
	} else {
		msg += fmt.Sprintf("\n\nThe %s you typed is on the clipboard: %s.", typed.what, pasteBeforeQuitting)
	}
	return errors.New(msg)
}

// renameFns undo and redo the renaming of document id from old to stored.
// Each puts its title back only over the other's: a title renamed since
// (another window) is left as it is, and the title the step would have put
// back is kept (on the clipboard and in a file), as a refused note undo
// keeps the note: a title typed with care went nowhere (a hostile data
// pass).
func renameFns(id int64, old, stored string) undoFns {
	return undoFns{
		undo: func(ctx context.Context, st *store.Store) error {
			return st.SetDocumentTitleOver(ctx, id, old, stored)
		},
		redo: func(ctx context.Context, st *store.Store) error {
			return st.SetDocumentTitleOver(ctx, id, stored, old)
		},
		kept: func(undo bool) (string, string) {
			if undo {
				return "document title", "Title: " + old + "\n"
			}
			return "document title", "Title: " + stored + "\n"
		},
	}
}

// detailsFns undo and redo a Document details edit of document id, from
// old to now, as renameFns do a rename: the details a refused step would
// have put back are kept, one per line with the dialog's names.
func detailsFns(id int64, old, now store.DocumentDetails) undoFns {
	return undoFns{
		undo: func(ctx context.Context, st *store.Store) error {
			return st.PutDocumentDetails(ctx, id, old, now)
		},
		redo: func(ctx context.Context, st *store.Store) error {
			return st.PutDocumentDetails(ctx, id, now, old)
		},
		kept: func(undo bool) (string, string) {
			if undo {
				return "document details", detailLines(old)
			}
			return "document details", detailLines(now)
		},
	}
}

// detailLines writes details as the Document details dialog names them,
// one per line: Title, Author, Source, Date and Address.
// An empty one is its name alone ("Author:").
func detailLines(d store.DocumentDetails) string {
	var b strings.Builder
	for _, f := range [][2]string{{"Title", d.Title}, {"Author", d.Author}, {"Source", d.Source}, {"Date", d.Published}, {"Address", d.URL}} {
		b.WriteString(strings.TrimRight(f[0]+": "+f[1], " ") + "\n")
	}
	return b.String()
}
