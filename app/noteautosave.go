package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

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
// typing or the field losing focus saves it; the dialog's OK saves it and
// closes; Cancel (or Esc) puts things back as they were when the dialog
// opened. For a new bookmark, the first save with a note creates it (over
// the whole passage until the dialog's OK sets the quoted span), and Cancel
// removes it again. Its methods run on the UI goroutine.
type noteSaver struct {
	u        *UI
	entry    *fieldEntry
	original string
	asked    *string     // the note as last sent to the store; nil: unknown (a write failed)
	stop     func() bool // cancels the pending save, if any
	closed   bool
	passage  int64 // a new bookmark's passage; 0 when editing an existing one
	created  bool  // a save of a new bookmark was sent, so it may exist

	mu     sync.Mutex // serialises this dialog's writes, so the last one asked for lands last
	issued int        // guarded by mu
	id     int64      // the bookmark, 0 until a save creates a new one; guarded by mu
}

// autosaveNote makes entry save bookmark id's note as it is edited.
func (u *UI) autosaveNote(id int64, entry *fieldEntry) *noteSaver {
	return u.newNoteSaver(entry, id, 0)
}

// autosaveNewNote makes entry save a new bookmark of a passage as its note
// is typed.
func (u *UI) autosaveNewNote(passageID int64, entry *fieldEntry) *noteSaver {
	return u.newNoteSaver(entry, 0, passageID)
}

func (u *UI) newNoteSaver(entry *fieldEntry, id, passage int64) *noteSaver {
	n := &noteSaver{u: u, entry: entry, original: entry.Text, id: id, passage: passage}
	n.asked = &n.original
	entry.OnChanged = func(string) { n.changed() }
	entry.onFocusLost = n.flush
	return n
}

// changed restarts the pause timer.
func (n *noteSaver) changed() {
	if n.closed {
		return
	}
	n.cancelTimer()
	n.stop = n.u.bookmarks.after(noteSaveDelay, func() {
		n.u.work.hold() // until the save below has applied
		fyne.Do(func() {
			defer n.u.work.release()
			n.flush()
		})
	})
}

func (n *noteSaver) cancelTimer() {
	if n.stop != nil {
		n.stop()
		n.stop = nil
	}
}

// flush saves the note now if it differs from what was saved. A new
// bookmark is not created for an empty note.
func (n *noteSaver) flush() {
	if n.closed {
		return
	}
	n.cancelTimer()
	note := n.entry.Text
	if n.asked != nil && *n.asked == note {
		return
	}
	if n.passage != 0 && note != "" {
		n.created = true
	}
	made := false
	n.write(note, func(ctx context.Context, st *store.Store, id *int64) error {
		if *id != 0 {
			return st.SetBookmarkNote(ctx, *id, note)
		}
		if n.passage == 0 || note == "" {
			return nil
		}
		b, err := st.AddBookmark(ctx, n.passage, nil, note)
		*id, made = b.ID, err == nil
		return err
	}, func() {
		n.u.status.setMessage("Note saved.")
		if made {
			n.u.annotationsChanged() // the passage shows its bookmark now
		} else {
			n.u.bookmarks.refresh()
		}
	}, false)
}

// save is the dialog's OK: the note as it stands (and for a new bookmark
// the quoted span), then every view that shows it refreshed.
func (n *noteSaver) save(span *store.Range) {
	n.cancelTimer()
	n.closed = true
	note, done := n.entry.Text, "Note saved."
	if n.passage != 0 {
		done = "Bookmarked."
	}
	n.write(note, func(ctx context.Context, st *store.Store, id *int64) error {
		switch {
		case n.passage == 0:
			return st.SetBookmarkNote(ctx, *id, note)
		case *id == 0:
			b, err := st.AddBookmark(ctx, n.passage, span, note)
			*id = b.ID
			return err
		}
		return st.UpdateBookmark(ctx, *id, span, note)
	}, func() {
		n.u.status.setMessage(done)
		n.u.annotationsChanged()
	}, true)
}

// cancel puts back the note as it was when the dialog opened (or removes
// the bookmark a save created), if anything was saved since.
func (n *noteSaver) cancel() {
	if n.closed {
		return
	}
	n.cancelTimer()
	n.closed = true
	if n.passage != 0 {
		if !n.created {
			return
		}
		n.write("", func(ctx context.Context, st *store.Store, id *int64) error {
			if *id == 0 {
				return nil
			}
			_, err := st.DeleteBookmark(ctx, *id)
			*id = 0
			return err
		}, func() {
			n.u.status.setMessage("Cancelled: the bookmark was not kept.")
			n.u.annotationsChanged()
		}, true)
		return
	}
	if n.asked != nil && *n.asked == n.original {
		return
	}
	note := n.original
	n.write(note, func(ctx context.Context, st *store.Store, id *int64) error {
		return st.SetBookmarkNote(ctx, *id, note)
	}, func() {
		n.u.status.setMessage("Note left as it was.")
		n.u.annotationsChanged()
	}, true)
}

// abandon stops saving (the bookmark is being removed).
func (n *noteSaver) abandon() {
	n.cancelTimer()
	n.closed = true
}

// write runs change through the worker with the bookmark's id, then done
// on the UI goroutine. A change asked for earlier but not yet started is
// skipped: only the latest matters. final: the dialog has closed, so a
// failure is shown in a dialog rather than the status bar.
func (n *noteSaver) write(note string, change func(ctx context.Context, st *store.Store, id *int64) error, done func(), final bool) {
	n.asked = &note
	n.mu.Lock()
	n.issued++
	seq := n.issued
	n.mu.Unlock()
	st, gen := n.u.store()
	n.u.work.run(func() func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		if seq != n.issued {
			return nil
		}
		err := change(context.Background(), st, &n.id)
		return func() {
			switch {
			case !n.u.current(gen), n.passage == 0 && errors.Is(err, store.ErrNotFound): // another file; the bookmark was removed
			case err != nil:
				if n.asked != nil && *n.asked == note {
					n.asked = nil // unknown: try again at the next pause
				}
				if final {
					n.u.showError(err)
				} else {
					n.u.status.setMessage("The note could not be saved: " + err.Error())
				}
			default:
				done()
			}
		}
	})
}
