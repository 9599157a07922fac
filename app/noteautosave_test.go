package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// manualClock is an afterFunc whose timers fire only when the test says.
type manualClock struct {
	mu     sync.Mutex
	timers []*manualTimer
}

type manualTimer struct {
	d          time.Duration
	f          func()
	done, stop bool
}

func (c *manualClock) after(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	tm := &manualTimer{d: d, f: f}
	c.timers = append(c.timers, tm)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if tm.done || tm.stop {
			return false
		}
		tm.stop = true
		return true
	}
}

// live returns the timers neither fired nor stopped.
func (c *manualClock) live() []*manualTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*manualTimer
	for _, tm := range c.timers {
		if !tm.done && !tm.stop {
			out = append(out, tm)
		}
	}
	return out
}

// fire runs the live timers, as their time passing would (off the UI
// goroutine), and waits for the work they start.
func (u *testUI) fire(c *manualClock) int {
	live := c.live()
	for _, tm := range live {
		c.mu.Lock()
		tm.done = true
		c.mu.Unlock()
		tm.f()
	}
	u.work.wait()
	return len(live)
}

// A bookmark's note is saved as it is typed (after a pause of
// noteSaveDelay) and when the field loses the focus, so a crash loses at
// most a second of typing; Save saves and closes; Cancel and Esc put back the
// note as it was when the dialog opened; removing the bookmark with a save
// pending shows no error.
func TestBookmarkNoteAutosave(t *testing.T) {
	u := newTestUI(t)
	clock := &manualClock{}
	u.bookmarks.after = clock.after
	u.openPassage(t, "kilimnik", 13)
	u.bookmarkWithNote(t, "First")
	if len(u.bookmarks.marks) != 1 {
		t.Fatalf("%d bookmarks", len(u.bookmarks.marks))
	}
	id := u.bookmarks.marks[0].ID
	stored := func() string {
		t.Helper()
		b, err := u.CurrentStore().Bookmark(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return b.Note
	}
	open := func() *fieldEntry {
		t.Helper()
		u.do(u.toggleBookmark)
		e := findAll[*fieldEntry](u.dialog(t, "Bookmark note"))
		if len(e) != 1 {
			t.Fatalf("the note dialog has %d fields", len(e))
		}
		// Type at the end, as after clicking there.
		u.do(func() { e[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) })
		return e[0]
	}

	// Typing saves nothing until the pause; then the note is saved with
	// the dialog still open, and the Bookmarks view shows it.
	entry := open()
	u.do(func() { test.Type(entry, " draft") })
	if got := stored(); got != "First" {
		t.Fatalf("saved %q before the pause", got)
	}
	live := clock.live()
	if len(live) != 1 || live[0].d != noteSaveDelay {
		t.Fatalf("%d pending saves (want one, restarted by each key)", len(live))
	}
	if n := u.fire(clock); n != 1 {
		t.Fatalf("%d saves fired", n)
	}
	if got := stored(); got != "First draft" {
		t.Fatalf("after the pause the note is %q", got)
	}
	if u.status.message.Text != "Note saved." || u.overlays() != 1 {
		t.Errorf("status %q, %d dialogs open", u.status.message.Text, u.overlays())
	}
	if rows := bookmarkRows(u); len(rows) != 1 || rows[0][2] != "First draft" {
		t.Errorf("Bookmarks view rows %q", rows)
	}
	// A pause with nothing new typed writes nothing more.
	if n := u.fire(clock); n != 0 {
		t.Errorf("%d saves pending with nothing typed", n)
	}

	// Cancel puts back the note as it was when the dialog opened.
	u.do(func() { test.Type(entry, " more") })
	u.fire(clock)
	if got := stored(); got != "First draft more" {
		t.Fatalf("second pause: %q", got)
	}
	u.tapDialogButton(t, "Bookmark note", "Cancel")
	if got := stored(); got != "First" || u.status.message.Text != "Note left as it was." {
		t.Fatalf("after Cancel: note %q, status %q", got, u.status.message.Text)
	}
	if rows := bookmarkRows(u); rows[0][2] != "First" {
		t.Errorf("after Cancel the Bookmarks view shows %q", rows[0][2])
	}

	// Save saves what is typed at once, pending pause or not.
	entry = open()
	u.do(func() { test.Type(entry, " kept") })
	u.tapDialogButton(t, "Bookmark note", "Save note")
	if got := stored(); got != "First kept" || u.status.message.Text != "Note saved." || u.overlays() != 0 {
		t.Fatalf("after Save: note %q, status %q, %d dialogs", got, u.status.message.Text, u.overlays())
	}
	if n := len(clock.live()); n != 0 {
		t.Errorf("%d saves still pending after Save", n)
	}
	// The dialog is one undo step, from the note it found (not from the
	// last pause) to the note saved; the pauses and Cancel are none.
	u.do(u.undoNow)
	if got := stored(); got != "First" {
		t.Fatalf("after undo the note is %q, want the one the dialog found", got)
	}
	u.do(u.redoNow)
	if got := stored(); got != "First kept" {
		t.Fatalf("after redo the note is %q", got)
	}

	// Losing the focus saves without waiting; Esc then cancels.
	entry = open()
	u.do(func() { test.Type(entry, " focus") })
	u.do(func() { u.w.Canvas().Unfocus() })
	if got := stored(); got != "First kept focus" {
		t.Fatalf("after the field lost the focus the note is %q", got)
	}
	u.press(t, fyne.KeyEscape, 0)
	if got := stored(); got != "First kept" || u.overlays() != 0 {
		t.Fatalf("after Esc: note %q, %d dialogs", got, u.overlays())
	}

	// A dialog closed without any change writes nothing.
	open()
	u.status.setMessage("")
	u.tapDialogButton(t, "Bookmark note", "Cancel")
	if u.status.message.Text != "" {
		t.Errorf("Cancel without changes says %q", u.status.message.Text)
	}

	// Removing the bookmark with a save pending: removed, no error, and
	// the pause that would have come saves nothing.
	entry = open()
	u.do(func() { test.Type(entry, " gone") })
	u.tapDialogButton(t, "Bookmark note", "Remove bookmark")
	u.fire(clock)
	if u.overlays() != 0 || len(u.bookmarks.marks) != 0 || u.status.message.Text != "Bookmark removed." {
		t.Fatalf("after removing: %d dialogs, %d bookmarks, status %q", u.overlays(), len(u.bookmarks.marks), u.status.message.Text)
	}
}

// In the new-bookmark dialog, the first pause with a note creates the
// bookmark (so a crash keeps it), Bookmark then sets the quoted span and the
// note, and Cancel removes a bookmark the pause created.
func TestNewBookmarkNoteAutosave(t *testing.T) {
	u := newTestUI(t)
	clock := &manualClock{}
	u.bookmarks.after = clock.after
	p := u.openPassage(t, "kilimnik", 13)
	st := u.CurrentStore()
	marks := func() []store.Bookmark {
		t.Helper()
		bs, err := st.PassageBookmarks(context.Background(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return bs
	}
	open := func() (note, quote *fieldEntry) {
		t.Helper()
		u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
		e := findAll[*fieldEntry](u.dialog(t, "Bookmark passage"))
		if len(e) != 2 {
			t.Fatalf("the bookmark dialog has %d fields", len(e))
		}
		return e[0], e[1]
	}

	// No note, nothing saved: Cancel leaves no bookmark and says nothing.
	open()
	if n := u.fire(clock); n != 0 {
		t.Errorf("%d saves pending with nothing typed", n)
	}
	u.status.setMessage("")
	u.tapDialogButton(t, "Bookmark passage", "Cancel")
	if len(marks()) != 0 || u.status.message.Text != "" {
		t.Fatalf("after Cancel: %d bookmarks, status %q", len(marks()), u.status.message.Text)
	}

	// A pause creates the bookmark; Cancel removes it.
	note, _ := open()
	u.do(func() { test.Type(note, "Seen") })
	if len(marks()) != 0 {
		t.Fatal("bookmarked before the pause")
	}
	u.fire(clock)
	if bs := marks(); len(bs) != 1 || bs[0].Note != "Seen" || bs[0].Span != nil {
		t.Fatalf("after the pause: %+v", bs)
	}
	// Said with what Cancel does to it: "Note saved." then "Cancelled: the
	// bookmark was not kept." read as two contradicting messages (a
	// researcher's pass).
	if !u.focusedRow(t).mark.Visible() || u.status.message.Text != "Note saved; Cancel removes the bookmark." {
		t.Errorf("after the pause: reader mark %v, status %q", u.focusedRow(t).mark.Visible(), u.status.message.Text)
	}
	u.tapDialogButton(t, "Bookmark passage", "Cancel")
	if len(marks()) != 0 || u.focusedRow(t).mark.Visible() || u.status.message.Text != "Cancelled: the bookmark was not kept." {
		t.Fatalf("after Cancel: %d bookmarks, status %q", len(marks()), u.status.message.Text)
	}

	// A pause creates it; Bookmark sets the span and the final note on the
	// same bookmark.
	note, quote := open()
	u.do(func() { test.Type(note, "Key") })
	u.fire(clock)
	first := marks()
	if len(first) != 1 {
		t.Fatalf("after the pause: %d bookmarks", len(first))
	}
	part := "Kilimnik was an associate of Paul Manafort"
	u.do(func() {
		test.Type(note, " link")
		quote.SetText(part)
	})
	u.tapDialogButton(t, "Bookmark passage", "Bookmark")
	bs := marks()
	if len(bs) != 1 || bs[0].ID != first[0].ID || bs[0].Note != "Key link" || bs[0].Quote() != part {
		t.Fatalf("after Bookmark: %+v (first %+v)", bs, first)
	}
	if u.status.message.Text != "Bookmarked." || len(clock.live()) != 0 {
		t.Errorf("status %q, %d saves pending", u.status.message.Text, len(clock.live()))
	}
	// One undo step removes the bookmark, pause and all.
	u.do(u.undoNow)
	if bs := marks(); len(bs) != 0 {
		t.Fatalf("after undo: %+v", bs)
	}
	u.do(u.redoNow)
	if bs := marks(); len(bs) != 1 || bs[0].Note != "Key link" || bs[0].Quote() != part {
		t.Fatalf("after redo: %+v", bs)
	}
}

// A bookmark the research file refuses (here: another program renamed a
// file over it) closes its dialog with an error; the note typed in it is
// kept in a file and goes to the clipboard, and the error says so.
// (Hostile tests: it was lost; then the clipboard alone had it, which on
// X11 goes when Dossier quits.)
func TestRefusedBookmarkKeepsItsNote(t *testing.T) {
	u, note := bookmarkRefusedByAReplacedFile(t)
	shown := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(shown, "replaced by another program") {
		t.Errorf("error dialog says %q", shown)
	}
	checkKeptFile(t, shown, note)
	if got := u.a.Clipboard().Content(); got != note {
		t.Errorf("clipboard holds %q, want the note", got)
	}
}

// Where the note cannot be kept in a file (the data folder cannot be
// made), the clipboard still has it, and the error says how long it stays
// there: on X11 the clipboard is Dossier's own (hostile UI pass ui10).
func TestRefusedBookmarkKeepsItsNoteOnTheClipboardAlone(t *testing.T) {
	blocked := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", blocked) // a file where the folder should be
	u, note := bookmarkRefusedByAReplacedFile(t)
	shown := strings.Join(texts(u.dialog(t, "Error")), " ")
	if !strings.Contains(shown, "your note is on the clipboard: paste it somewhere before you copy anything else or quit Dossier") || strings.Contains(shown, "kept in") {
		t.Errorf("error dialog says %q", shown)
	}
	if got := u.a.Clipboard().Content(); got != note {
		t.Errorf("clipboard holds %q, want the note", got)
	}
}

// bookmarkRefusedByAReplacedFile bookmarks a passage with a note after
// another program renamed a file over the research file, and returns the
// note typed.
func bookmarkRefusedByAReplacedFile(t *testing.T) (*testUI, string) {
	t.Helper()
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	path := u.CurrentStore().Path()
	other := filepath.Join(t.TempDir(), "other.dossier")
	o, err := store.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	note := "Kilimnik met Manafort twice; check the dates."
	u.bookmarkWithNote(t, note)
	return u, note
}

// Closing the window (Ctrl+Q) with a note typed and its pause not yet over
// saves it: a new bookmark is made with it, an existing one's note is
// updated, before the file closes (found by a hostile pass: Ctrl+Q within a
// second of typing lost the bookmark and its note).
func TestQuittingSavesTheNoteBeingTyped(t *testing.T) {
	for _, existing := range []bool{false, true} {
		u := newTestUI(t)
		clock := &manualClock{}
		u.bookmarks.after = clock.after
		p := u.openPassage(t, "kilimnik", 13)
		st := u.CurrentStore()
		path := st.Path()
		if existing {
			if _, err := st.AddBookmark(context.Background(), p.ID, nil, "first thoughts"); err != nil {
				t.Fatal(err)
			}
			u.do(func() { u.annotationsChanged() })
			u.work.wait()
		}
		u.do(u.menuItem(t, "Edit", "Bookmark passage…").Action)
		var title = "Bookmark passage"
		if existing {
			title = "Bookmark note"
		}
		note := findAll[*fieldEntry](u.dialog(t, title))[0]
		u.do(func() {
			note.SetText("")
			test.Type(note, "why")
		})
		u.do(u.Close)
		if !u.Finish(10 * time.Second) {
			t.Fatal("the save did not end")
		}
		again, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		bs, err := again.PassageBookmarks(context.Background(), p.ID)
		again.Close()
		if err != nil || len(bs) != 1 || bs[0].Note != "why" {
			t.Errorf("existing bookmark %v: after quitting, bookmarks %+v (%v), want one with the note typed", existing, bs, err)
		}
	}
}
