package app

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"dossier/store"
)

// A researcher may run `dossier import notes/ --into same.dossier` from a
// shell while the window is open on that file: the window asks the store
// whether another program changed the file (store.ChangedOutside) when it
// regains the focus and every few seconds while idle, and re-reads what it
// shows. It does not ask while work of its own on the file is under way
// (an import, a save): what the window writes it re-reads itself. What the
// user is typing stays: the search box keeps its text, and an open note
// dialog is its own.

// outsideCheckEvery is how often an idle window asks. Tests set it long,
// and ask (checkOutside) when they mean to.
var outsideCheckEvery = 3 * time.Second

// watchOutside asks at every return of the focus, and every
// outsideCheckEvery, until the window closes.
func (u *UI) watchOutside() {
	u.app.Lifecycle().SetOnEnteredForeground(u.checkOutside)
	every := outsideCheckEvery
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-u.life.Done():
				return
			case <-t.C:
				fyne.Do(u.checkOutside)
			}
		}
	}()
}

// checkOutside asks, off the UI goroutine, whether another program changed
// the open file, and re-reads the window if so; not while the window's own
// work on the file is under way. Called on the UI goroutine.
func (u *UI) checkOutside() {
	if u.outsideAsking || u.work.storing.busy() {
		return
	}
	u.askOutside()
}

// askOutside is checkOutside at once: at an open, the store's first look,
// from which on what another program changes is noticed.
func (u *UI) askOutside() {
	if u.closed || u.broken != nil {
		return
	}
	u.outsideAsking = true
	st, gen := u.store()
	u.work.run(func() func() {
		c, err := st.ChangedOutside(context.Background())
		return func() {
			u.outsideAsking = false
			// An error (the file closed under a switch, or lost) is said
			// by whatever the window does next with the file.
			if err != nil || !c.Changed || !u.current(gen) || u.closed {
				return
			}
			u.rereadOutsideChange(c)
		}
	})
}

// rereadOutsideChange re-reads the annotations' views, the library, the
// results and the reader's document (emptied if another program deleted
// it), and says what came in.
func (u *UI) rereadOutsideChange(c store.OutsideChange) {
	u.status.clearUndo() // its change may be another program's to undo now
	u.status.setMessage(outsideMessage(c))
	u.annotationsChanged()
	// New documents may match the search too. The reader emptied without
	// a word of a document deleted from a shell (ui25's hostile pass).
	u.documentsChangedThen(func(title string) {
		u.status.setMessage(fmt.Sprintf("“%s”, open in the reader, was deleted by another program.", showable(title)))
	})
}

// outsideMessage says what another program changed: the documents it
// added or deleted, where they are known.
func outsideMessage(c store.OutsideChange) string {
	added, deleted := c.DocumentsAdded, c.DocumentsDeleted
	switch {
	case !c.Counted || added == 0 && deleted == 0:
		return "The research file changed outside this window."
	case deleted == 0:
		return plural(added, "document") + " added by another program."
	case added == 0:
		return plural(deleted, "document") + " deleted by another program."
	}
	return fmt.Sprintf("%s added and %s deleted by another program.", plural(added, "document"), thousands(deleted))
}
