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

// noteSaver saves an existing bookmark's note while its dialog is open: a
// pause in typing or the field losing focus saves it; Save saves it and
// closes; Cancel (or Esc) puts back the note as it was when the dialog
// opened. Its methods run on the UI goroutine.
type noteSaver struct {
	u        *UI
	id       int64
	entry    *fieldEntry
	original string
	asked    *string     // the note as last sent to the store; nil: unknown (a write failed)
	stop     func() bool // cancels the pending save, if any
	closed   bool

	mu     sync.Mutex // serialises this note's writes, so the last one asked for lands last
	issued int        // guarded by mu
}

// autosaveNote makes entry save bookmark id's note as it is edited.
func (u *UI) autosaveNote(id int64, entry *fieldEntry) *noteSaver {
	n := &noteSaver{u: u, id: id, entry: entry, original: entry.Text}
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
	after := n.u.bookmarks.after
	n.stop = after(noteSaveDelay, func() {
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

// flush saves the note now if it differs from what was saved.
func (n *noteSaver) flush() {
	if n.closed {
		return
	}
	n.cancelTimer()
	if n.asked != nil && *n.asked == n.entry.Text {
		return
	}
	n.write(n.entry.Text, "Note saved.", false)
}

// save is the dialog's Save: the note as it stands, then every view that
// shows it refreshed.
func (n *noteSaver) save() {
	n.cancelTimer()
	n.closed = true
	n.write(n.entry.Text, "Note saved.", true)
}

// cancel puts the note back as it was when the dialog opened, if a pause
// or focus change has saved anything since.
func (n *noteSaver) cancel() {
	if n.closed {
		return
	}
	n.cancelTimer()
	n.closed = true
	if n.asked != nil && *n.asked == n.original {
		return
	}
	n.write(n.original, "Note left as it was.", true)
}

// abandon stops saving (the bookmark is being removed).
func (n *noteSaver) abandon() {
	n.cancelTimer()
	n.closed = true
}

// write sends note to the store through the worker. A write asked for
// earlier but not yet started is skipped: only the latest note matters.
func (n *noteSaver) write(note, done string, all bool) {
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
		err := st.SetBookmarkNote(context.Background(), n.id, note)
		return func() {
			switch {
			case !n.u.current(gen), errors.Is(err, store.ErrNotFound): // another file; the bookmark was removed
			case err != nil:
				if n.asked != nil && *n.asked == note {
					n.asked = nil // unknown: try again at the next pause
				}
				if all {
					n.u.showError(err)
				} else {
					n.u.status.setMessage("The note could not be saved: " + err.Error())
				}
			case all:
				n.u.status.setMessage(done)
				n.u.annotationsChanged()
			default:
				n.u.status.setMessage(done)
				n.u.bookmarks.refresh()
			}
		}
	})
}
