package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Undo and redo of annotation changes (Edit → Undo / Redo, Ctrl+Z and
// Ctrl+Shift+Z). Every change is a store call that returns what inverts it;
// the stack keeps, per research file, the last maxUndo changes as pairs of
// store calls. Changes, undos and redos run one at a time, in the order
// asked for, so that pressing Ctrl+Z twice quickly undoes the last two
// changes in turn.
//
// Ctrl+Z reaches the Edit menu before the focused widget (Fyne's desktop
// driver tries menu shortcuts first), so the menu action decides: with a
// dialog open it undoes typing in the dialog's focused field, never an
// annotation behind it; in the window, it undoes typing in the focused
// search box if the user typed there since the last annotation change,
// and the last annotation change otherwise.

// maxUndo bounds the history; maxUndoBytes bounds the memory its deleted
// documents take (the oldest steps go first).
const (
	maxUndo      = 100
	maxUndoBytes = 256 << 20
)

// undoFns undo and redo one change; each is one store call.
type undoFns struct {
	undo, redo func(context.Context, *store.Store) error
	// nothing says the change changed nothing (every suggestion it would
	// decide was decided already): no step is added to undo.
	nothing bool
	size    func() int // bytes held for undo, if many (a deleted document)
	// undone, if set, runs on the UI goroutine once the undo is done (a
	// deleted document brought back is shown again where it was read).
	undone func()
	// kept, if set, is what the user typed that the undo (or, with undo
	// false, the redo) would put back — a note, a document's title or
	// details — and what it is: refused because the thing was changed
	// since (by an import, another window), the step leaves it on the
	// clipboard rather than nowhere (a hostile data pass: the refused undo
	// of a note edit kept the earlier note nowhere).
	kept func(undo bool) (what, text string)
}

// trimHistory drops the oldest changes beyond the bounds.
func trimHistory(done []*undoEntry) []*undoEntry {
	if len(done) > maxUndo {
		done = done[len(done)-maxUndo:]
	}
	total := 0
	for i := len(done) - 1; i >= 0; i-- {
		if done[i].size != nil {
			total += done[i].size()
		}
		if total > maxUndoBytes && i < len(done)-1 {
			return done[i+1:] // the newest change stays undoable, however big
		}
	}
	return done
}

// undoEntry is a change on the stack.
type undoEntry struct {
	label string // names the change: "Undo " + label
	docs  bool   // it changes documents, not only annotations
	undoFns
}

// undoStack is the history of the open research file. It lives on the UI
// goroutine.
type undoStack struct {
	done, undone []*undoEntry
	queue        []func(next func())
	busy         bool
	items        [2]*fyne.MenuItem // Edit → Undo, Redo
	// query is the search box's text when the history last changed:
	// typing there since then is undone first.
	query    string
	textRedo *widget.Entry // the entry a Ctrl+Z last undid typing in
}

// change is an undoable annotation change.
type change struct {
	label string // for the menu: "bookmark", "tag passage"…
	done  string // the status message when done, without the full stop
	offer bool   // destructive: also offer Undo in the status bar
	docs  bool   // it changes documents (delete, rename), not only annotations
	do    func(ctx context.Context, st *store.Store) (undoFns, error)
	after func() // on success, on the UI goroutine
	// failed, if set, runs on the UI goroutine when the change fails, just
	// before the error shows (a dialog reopens with what was typed).
	failed func()
}

// enqueue runs job after the jobs before it; job calls next when done.
func (s *undoStack) enqueue(job func(next func())) {
	s.queue = append(s.queue, job)
	if !s.busy {
		s.next()
	}
}

func (s *undoStack) next() {
	if len(s.queue) == 0 {
		s.busy = false
		return
	}
	job := s.queue[0]
	s.queue = s.queue[1:]
	s.busy = true
	job(s.next)
}

// clear forgets the history (another research file was opened).
func (s *undoStack) clear() {
	s.done, s.undone = nil, nil
}

// apply makes an undoable change off the UI goroutine, then records it and
// refreshes the views (or shows why it failed).
func (u *UI) apply(c change) {
	_, gen := u.store()
	u.undos.enqueue(func(next func()) {
		st, now := u.store()
		if now != gen {
			next() // asked for in a research file no longer open
			return
		}
		u.work.run(func() func() {
			fns, err := c.do(context.Background(), st)
			return func() {
				defer next()
				if !u.current(gen) {
					return
				}
				if err != nil {
					u.annotationsChanged() // views may be stale: reload them before the error shows
					if c.failed != nil {
						c.failed()
					}
					u.showError(err)
					return
				}
				s := &u.undos
				if !fns.nothing {
					s.done = append(s.done, &undoEntry{label: c.label, docs: c.docs, undoFns: fns})
					s.done = trimHistory(s.done)
					s.undone = nil
				}
				if c.offer && !fns.nothing {
					u.status.offerUndo(c.done+".", u.undoNow)
				} else {
					u.status.clearUndo()
					u.status.setMessage(c.done + ".")
				}
				u.historyChanged()
				if c.after != nil {
					c.after()
				}
				if c.docs {
					u.documentsChanged()
				}
				u.annotationsChanged()
			}
		})
	})
}

// undoNow undoes the last change, if there is one.
func (u *UI) undoNow() { u.step(true) }

// redoNow redoes the last undone change, if there is one.
func (u *UI) redoNow() { u.step(false) }

// step undoes or redoes the newest entry when its turn in the queue comes.
func (u *UI) step(undo bool) {
	_, gen := u.store()
	u.undos.enqueue(func(next func()) {
		st, now := u.store()
		s := &u.undos
		from := &s.done
		if !undo {
			from = &s.undone
		}
		if now != gen || len(*from) == 0 {
			next()
			return
		}
		e := (*from)[len(*from)-1]
		*from = (*from)[:len(*from)-1]
		fn, verb := e.undo, "Undone"
		if !undo {
			fn, verb = e.redo, "Redone"
		}
		u.status.clearUndo()
		u.work.run(func() func() {
			err := fn(context.Background(), st)
			// A refused undo's earlier note is kept in a file as well as
			// on the clipboard, which on X11 goes when Dossier quits.
			var keptWhat, keptText, keptIn string
			if e.kept != nil && errors.Is(err, store.ErrChangedSince) {
				if keptWhat, keptText = e.kept(undo); strings.TrimSpace(keptText) != "" {
					keptIn, _ = store.KeepText(keptWhat, keptText) // "" if it could not be: the clipboard still has it
				}
			}
			return func() {
				defer next()
				if !u.current(gen) {
					return
				}
				if err != nil {
					// Older steps may depend on this one: they are dropped
					// rather than applied to what is there now. The message
					// says so only if there were any (it said "the steps
					// before it were dropped" of a lone redo), and its first
					// paragraph ends with a full stop too (a hostile UI pass).
					dropped := len(*from) > 0
					*from = nil
					u.historyChanged()
					u.annotationsChanged()
					msg := fullStop(fmt.Sprintf("could not %s %s: %v", map[bool]string{true: "undo", false: "redo"}[undo], e.label, err))
					if strings.TrimSpace(keptText) != "" {
						u.app.Clipboard().SetContent(keptText)
						is := "is"
						if strings.HasSuffix(keptWhat, "details") {
							is = "are"
						}
						if keptIn != "" {
							msg += fmt.Sprintf("\n\nThe %s it would have put back %s kept in %s, and %s on the clipboard.", keptWhat, is, keptWhere(keptIn), is)
						} else {
							msg += fmt.Sprintf("\n\nThe %s it would have put back %s on the clipboard: %s.", keptWhat, is, pasteBeforeQuitting)
						}
					}
					if dropped && undo {
						msg += "\n\nThe earlier changes can no longer be undone"
					} else if dropped {
						msg += "\n\nThe other undone changes can no longer be redone"
					}
					u.showError(errors.New(msg))
					// The status line said what the last step did ("Undone:
					// bookmark."), as if this one had been (a hostile UI pass).
					u.status.setMessage(fmt.Sprintf("Could not %s: %s.", map[bool]string{true: "undo", false: "redo"}[undo], e.label))
					return
				}
				if undo {
					s.undone = append(s.undone, e)
				} else {
					s.done = append(s.done, e)
				}
				u.status.setMessage(fmt.Sprintf("%s: %s.", verb, e.label))
				u.historyChanged()
				if e.docs {
					u.documentsChanged()
				}
				u.annotationsChanged()
				if undo && e.undone != nil {
					e.undone()
				}
			}
		})
	})
}

// historyChanged relabels Edit → Undo / Redo and notes the search box's
// text (typing after this point is undone before annotations).
func (u *UI) historyChanged() {
	s := &u.undos
	s.query = u.search.entry.Text
	s.textRedo = nil
	if s.items[0] == nil {
		return
	}
	u.labelHistoryItems()
	u.win.SetMainMenu(u.win.MainMenu())
}

// labelHistoryItems names the change Undo and Redo would act on.
func (u *UI) labelHistoryItems() {
	s := &u.undos
	for i, list := range [][]*undoEntry{s.done, s.undone} {
		it := s.items[i]
		it.Label = [2]string{"Undo", "Redo"}[i]
		it.Disabled = len(list) == 0
		if len(list) > 0 {
			it.Label += " " + list[len(list)-1].label
		}
	}
}

// historyItems builds Edit → Undo and Redo.
func (u *UI) historyItems() (undo, redo *fyne.MenuItem) {
	undo = fyne.NewMenuItem("Undo", u.onUndoKey)
	undo.Shortcut = &fyne.ShortcutUndo{} // Ctrl+Z (Cmd+Z): the same shortcut text fields use
	redo = fyne.NewMenuItem("Redo", u.onRedoKey)
	redo.Shortcut = shortcut(fyne.KeyZ, fyne.KeyModifierShift)
	u.undos.items = [2]*fyne.MenuItem{undo, redo}
	u.labelHistoryItems()
	return undo, redo
}

// focusedEntry is the text field with the keyboard focus, if any.
func (u *UI) focusedEntry() *widget.Entry {
	switch e := u.win.Canvas().Focused().(type) {
	case *widget.Entry:
		return e
	case *searchEntry:
		return &e.Entry
	case *fieldEntry:
		return &e.Entry
	case *fieldSelectEntry:
		return &e.Entry
	}
	return nil
}

// dialogOpen reports whether a dialog (or another overlay) is showing.
func (u *UI) dialogOpen() bool {
	return len(u.dialogs.open) > 0 || u.win.Canvas().Overlays().Top() != nil
}

// onUndoKey is Edit → Undo and Ctrl+Z: see the top of this file.
func (u *UI) onUndoKey() {
	e := u.focusedEntry()
	if u.dialogOpen() {
		if f, ok := u.win.Canvas().Focused().(*fieldEntry); ok {
			f.TypedShortcut(&fyne.ShortcutUndo{}) // an address field's undo is its own (addressfield.go)
		} else if e != nil {
			e.Undo()
		}
		return
	}
	s := &u.undos
	typed := e != &u.search.entry.Entry || e.Text != s.query // another field: its own typing first
	if e != nil && (typed || len(s.done) == 0) {
		before := e.Text
		e.Undo()
		if e.Text != before {
			s.textRedo = e
			return
		}
	}
	u.undoNow()
}

// onRedoKey is Edit → Redo and Ctrl+Shift+Z.
func (u *UI) onRedoKey() {
	e := u.focusedEntry()
	if u.dialogOpen() {
		if f, ok := u.win.Canvas().Focused().(*fieldEntry); ok {
			f.TypedShortcut(&fyne.ShortcutRedo{})
		} else if e != nil {
			e.Redo()
		}
		return
	}
	s := &u.undos
	if e != nil && (e == s.textRedo || len(s.undone) == 0) {
		before := e.Text
		e.Redo()
		if e.Text != before {
			return
		}
	}
	u.redoNow()
}
