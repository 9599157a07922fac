package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dossier/store"
)

// noteSaveDelay is how long typing must pause before a bookmark's note is
// saved, so a crash loses at most this much of it.
const noteSaveDelay = time.Second

// afterFunc runs f after d, off the UI goroutine, and returns a function
// that cancels it (reporting whether it did). time.AfterFunc in the app;
// tests inject a clock they advance by hand.
type afterFunc func(d time.Duration, f func()) (stop func() bool)

func realAfter(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// noteSaver saves a bookmark's note while its dialog is open: a pause in
// typing or the field losing focus saves it; the dialog's OK saves it as
// one undoable change from the bookmark as the dialog found it; Cancel (or
// Esc) puts things back as they were when the dialog opened. For a new
// bookmark, the first save with a note creates it, and Cancel removes it
// again. The saves in between are no undo steps. Its methods run on the UI
// goroutine.
type noteSaver struct {
	u        *UI
	entry    *fieldEntry
	orig     store.Bookmark // the bookmark as the dialog found it (an existing one)
	original string
	asked    *string     // the note as last sent to the store; nil: unknown (a write failed)
	stop     func() bool // cancels the pending save, if any
	closed   bool
	passage  int64          // a new bookmark's passage; 0 when editing an existing one
	doc      store.Document // the passage's document (its ID and title), said if deleted meanwhile
	span     *store.Range   // a new bookmark's span as the dialog opened (nil: all the passage)
	created  bool           // a save of a new bookmark was sent, so it may exist

	issued atomic.Int64 // counts writes asked for; one asked for later makes an earlier one moot
	mu     sync.Mutex   // serialises this dialog's writes, so the last one asked for lands last
	id     int64        // the bookmark, 0 until a save creates a new one; guarded by mu
}

// autosaveNote makes entry save bookmark b's note as it is edited.
func (u *UI) autosaveNote(b store.Bookmark, entry *fieldEntry) *noteSaver {
	n := u.newNoteSaver(entry)
	n.orig, n.id = b, b.ID
	n.doc = store.Document{ID: b.DocumentID, Title: b.DocumentTitle}
	return n
}

// autosaveNewNote makes entry save a new bookmark of a passage (or of span
// in it) as its note is typed.
func (u *UI) autosaveNewNote(doc store.Document, passageID int64, span *store.Range, entry *fieldEntry) *noteSaver {
	n := u.newNoteSaver(entry)
	n.doc, n.passage, n.span = doc, passageID, span
	return n
}

func (u *UI) newNoteSaver(entry *fieldEntry) *noteSaver {
	n := &noteSaver{u: u, entry: entry, original: entry.Text}
	if u.notes == nil {
		u.notes = map[*noteSaver]bool{}
	}
	u.notes[n] = true // flushed if the window closes first (UI.Close)
	n.asked = &n.original
	entry.OnChanged = func(string) { n.changed() }
	entry.onFocusLost = n.flush
	return n
}

// noteOf is the note a note field's text makes: none, for blanks alone
// (Enter in a new bookmark's note starts a line, and that line break was
// saved as its note: "Note saved." of nothing, and has:note found it; a
// hostile UI pass).
func noteOf(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return text
}

// changed restarts the pause timer.
func (n *noteSaver) changed() {
	if n.closed {
		return
	}
	n.cancelTimer()
	n.stop = n.u.bookmarks.after(noteSaveDelay, func() { n.u.work.apply(n.flush) })
}

func (n *noteSaver) cancelTimer() {
	if n.stop != nil {
		n.stop()
		n.stop = nil
	}
}

// close stops saving: no pause saves any more, and writes asked for but
// not started are dropped.
func (n *noteSaver) close() {
	delete(n.u.notes, n)
	n.cancelTimer()
	n.closed = true
	n.issued.Add(1)
}

// flush saves the note now if it differs from what was saved. A new
// bookmark is not created for an empty note.
func (n *noteSaver) flush() {
	if n.closed {
		return
	}
	n.cancelTimer()
	note := noteOf(n.entry.Text)
	if n.asked != nil && *n.asked == note {
		return
	}
	if n.passage != 0 && note != "" {
		n.created = true
	}
	made := false
	n.write(note, func(ctx context.Context, st *store.Store) error {
		if n.id != 0 {
			return st.SetBookmarkNote(ctx, n.id, note)
		}
		if n.passage == 0 || note == "" {
			return nil
		}
		b, err := st.AddBookmark(ctx, n.passage, n.span, note)
		n.id, made = b.ID, err == nil
		return err
	}, func() {
		n.u.status.clearUndo()
		if n.passage != 0 {
			// A new bookmark's dialog, still open: its Cancel removes the
			// bookmark kept as the note was typed, and said "Cancelled:
			// the bookmark was not kept" after "Note saved." (a
			// researcher's pass).
			n.u.status.setMessage("Note saved; Cancel removes the bookmark.")
		} else {
			n.u.status.setMessage("Note saved.")
		}
		if made {
			n.u.annotationsChanged() // the passage shows its bookmark now
		} else {
			n.u.bookmarks.refresh()
		}
	}, false)
}

// write runs change through the worker, then done on the UI goroutine,
// unless a later write (or closing the dialog) was asked for before it
// started — or before its result reached the UI. final: the dialog
// has closed, so a failure is shown in a dialog, not the status bar.
func (n *noteSaver) write(note string, change func(ctx context.Context, st *store.Store) error, done func(), final bool) {
	n.asked = &note
	seq := n.issued.Add(1)
	st, gen := n.u.store()
	n.u.work.run(func() func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.issued.Load() != seq {
			return nil
		}
		ctx := context.Background()
		err := change(ctx, st)
		// The document deleted meanwhile (another program or window): said
		// by title, not "Passage 13: not found" at every pause. Nothing is
		// kept in a file here: the note is still in the dialog, and Save
		// keeps it (save).
		var gone error
		if n.doc.ID != 0 {
			gone = goneDocumentErr(ctx, st, n.doc, err, "the note is not being saved (Save keeps it in a file)", keptText{})
		}
		return func() {
			switch {
			case n.issued.Load() != seq:
				// Superseded while it ran (the dialog was closed, the
				// bookmark removed, a later save asked for): what came
				// after speaks for itself, and this must not talk over it.
			case gone != nil && final: // Cancel: nothing is left to put back
			case gone != nil:
				n.u.status.setMessage(gone.Error())
			case !n.u.current(gen), n.passage == 0 && errors.Is(err, store.ErrNotFound): // another file; the bookmark was removed
			case err != nil:
				if n.asked != nil && *n.asked == note {
					n.asked = nil // unknown: try again at the next pause
				}
				if final {
					n.u.showError(err)
				} else {
					n.u.status.setMessage(fullStop("The note could not be saved: " + err.Error()))
				}
			default:
				done()
			}
		}
	})
}

// save is the dialog's OK: one undoable change from the bookmark as the
// dialog found it (none, for a new one) to the note as it stands and, for
// a new bookmark, span. done is the status message, without the full stop.
func (n *noteSaver) save(span *store.Range, done string) {
	n.close()
	note := noteOf(n.entry.Text)
	// The dialog is gone: if the save fails (the research file replaced,
	// its disk full), the note typed in it must not go with it.
	typed := strings.TrimSpace(note) != ""
	keepNote := func(err error) error { // on the worker: a file is written
		if err == nil || !typed {
			return err
		}
		// Kept in a file too: on X11 the clipboard goes when Dossier
		// quits. A disk too full for the note may be too full for the
		// file: the clipboard still has it then.
		if path, kerr := store.KeepText("bookmark note", note); kerr == nil {
			return fmt.Errorf("%w (your note is kept in %s, and is on the clipboard)", err, keptWhere(path))
		}
		return fmt.Errorf("%w (your note is on the clipboard: %s)", err, pasteBeforeQuitting)
	}
	gone := false // the document was deleted meanwhile
	failed := func() {
		if typed {
			n.u.app.Clipboard().SetContent(note)
		}
		if gone {
			n.u.documentsChanged() // the library lets it go
		}
	}
	// A document deleted meanwhile (by another program or window) is said
	// by title, the note kept (goneDocumentErr); it said "Passage 13: not
	// found" (a hostile UI pass).
	kept := keptText{}
	if typed {
		kept = keptText{"bookmark note", note}
	}
	keep := func(ctx context.Context, st *store.Store, err error) error {
		if goneErr := goneDocumentErr(ctx, st, n.doc, err, "the bookmark was not saved", kept); goneErr != nil {
			gone = true
			return goneErr
		}
		return keepNote(err)
	}
	if n.passage == 0 {
		n.u.apply(change{label: "bookmark note", done: done, failed: failed,
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				n.mu.Lock() // after any save still running
				defer n.mu.Unlock()
				_, after, err := st.EditBookmarkNote(ctx, n.id, note)
				return bookmarkFns(n.orig, after, false), keep(ctx, st, err)
			}})
		return
	}
	n.u.apply(change{label: "bookmark", done: done, failed: failed,
		do: func(ctx context.Context, st *store.Store) (undoFns, error) {
			n.mu.Lock()
			defer n.mu.Unlock()
			if n.id == 0 {
				b, err := st.AddBookmark(ctx, n.passage, span, note)
				n.id = b.ID
				return bookmarkFns(b, b, true), keep(ctx, st, err)
			}
			if err := st.UpdateBookmark(ctx, n.id, span, note); err != nil {
				return undoFns{}, keep(ctx, st, err)
			}
			b, err := st.Bookmark(ctx, n.id)
			return bookmarkFns(b, b, true), err
		}})
}

// cancel puts back the bookmark as the dialog found it (or removes the one
// a save created), if anything was saved since.
func (n *noteSaver) cancel() {
	if n.closed {
		return
	}
	n.close()
	var change func(ctx context.Context, st *store.Store) error
	msg := "Note left as it was."
	switch {
	case n.passage != 0 && n.created:
		msg = "Cancelled: the bookmark was not kept."
		change = func(ctx context.Context, st *store.Store) error {
			if n.id == 0 {
				return nil
			}
			err := st.DiscardBookmark(ctx, n.id)
			n.id = 0
			return err
		}
	case n.passage == 0 && (n.asked == nil || *n.asked != n.original):
		change = func(ctx context.Context, st *store.Store) error { return st.RestoreBookmark(ctx, n.orig) }
	default:
		return // nothing was saved
	}
	n.write(n.original, change, func() {
		n.u.status.clearUndo()
		n.u.status.setMessage(msg)
		n.u.annotationsChanged()
	}, true)
}

// abandon stops saving (the bookmark is being removed).
func (n *noteSaver) abandon() { n.close() }

// pasteBeforeQuitting says how long a note left on the clipboard stays
// there: "so it is not lost" was not so once Dossier quit (on X11 the
// clipboard is the program's own, and the note went with it; seen under
// Xvfb with xclip) or once anything else was copied (a hostile UI pass).
const pasteBeforeQuitting = "paste it somewhere before you copy anything else or quit Dossier"

// keptWhere names a file store.KeepText wrote, for a message: its name
// (spaced, so a line breaks between its words) and its folder, the home
// folder written "~" (a whole path ran past a dialog's width as one word).
func keptWhere(path string) string {
	dir := filepath.Dir(path)
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if rel, err := filepath.Rel(home, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			dir = filepath.Join("~", rel)
		}
	}
	return fmt.Sprintf("the file “%s” in %s", filepath.Base(path), dir)
}
