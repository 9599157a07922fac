package app

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// researchExt is the research file's extension.
const researchExt = ".dossier"

// showNewFileDialog creates a research file (with the default corpus) and
// switches to it.
func (u *UI) showNewFileDialog() {
	u.chooseSavePath(saveRequest{
		name: "research-file", title: "New research file", action: "Create",
		fileName: "research" + researchExt, ext: researchExt,
		folder: u.newFileFolder(),
		done:   u.switchToNew,
	})
}

// newFileFolder is where a new research file is offered: beside the one
// open (the last export's folder was offered; a UI pass), unless that is
// the app's own data folder, hidden from the user, where the last folder
// saved to is.
func (u *UI) newFileFolder() string {
	st := u.CurrentStore()
	if st == nil || u.broken != nil {
		return ""
	}
	dir := filepath.Dir(st.Path())
	if def, err := store.DefaultPath(); err == nil && sameFilePath(filepath.Dir(def), dir) {
		return ""
	}
	return dir
}

// showOpenFileDialog opens an existing research file.
func (u *UI) showOpenFileDialog() {
	if u.raiseDialog("research-file") {
		return
	}
	// Dossier's own picker, as Import folder…: Fyne's file dialog took
	// Esc only until Tab focused its list.
	u.chooseFolder(folderPick{name: "research-file", title: "Open research file", action: "Open", start: u.researchFolder(),
		files:  isResearchFile,
		chosen: u.switchTo})
}

// isResearchFile says whether a file's name is a research file's, as the
// open dialog lists them (an older file may be a .db or .sqlite).
func isResearchFile(name string) bool {
	return slices.Contains([]string{researchExt, ".db", ".sqlite"}, strings.ToLower(filepath.Ext(name)))
}

// researchFolder is where the open dialog starts: the folder of the file
// the window could not open (whose neighbours the banner asks to choose
// from), or else of the open research file; Fyne would start in the folder
// last chosen from.
func (u *UI) researchFolder() string {
	if u.broken != nil {
		return filepath.Dir(u.broken.Path)
	}
	if st := u.CurrentStore(); st != nil {
		return filepath.Dir(st.Path())
	}
	return ""
}

// recentMenu lists recently used research files. One no longer there
// (deleted, moved, on a drive not plugged in) is listed greyed, "(not
// found)", and cannot be chosen: chosen, a new research file (the starter
// documents only) was made at its name where the folder was still there,
// or an error said it could not be opened where not. Listed rather than left out, so that a
// drive plugged in again finds it where it was; a last item clears them.
func (u *UI) recentMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	st, _ := u.store()
	missing := 0
	for _, p := range u.app.Preferences().StringList(prefRecentFiles) {
		if p == st.Path() {
			continue
		}
		if u.missingRecent[p] {
			gone := fyne.NewMenuItem(p+" (not found)", nil)
			gone.Disabled = true
			items = append(items, gone)
			missing++
			continue
		}
		items = append(items, fyne.NewMenuItem(p, func() { u.switchTo(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No other research files yet", nil)
		none.Disabled = true
		items = append(items, none)
	}
	if missing > 0 {
		label := "Remove the missing file from this list"
		if missing > 1 {
			label = "Remove the missing files from this list"
		}
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(label, u.forgetMissingRecent))
	}
	return fyne.NewMenu("Open recent", items...)
}

// checkRecent looks, off the UI goroutine (a file on a network drive may
// take long to answer), which recent files are no longer there, and lists
// them so in Open recent.
func (u *UI) checkRecent() {
	recent := u.app.Preferences().StringList(prefRecentFiles)
	u.work.run(func() func() {
		missing := map[string]bool{}
		for _, p := range recent {
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				missing[p] = true
			}
		}
		return func() {
			if !maps.Equal(missing, u.missingRecent) {
				u.missingRecent = missing
				u.refreshMenu()
			}
		}
	})
}

// forgetMissingRecent removes the files found missing from the recent list.
func (u *UI) forgetMissingRecent() {
	p := u.app.Preferences()
	p.SetStringList(prefRecentFiles, slices.DeleteFunc(p.StringList(prefRecentFiles), func(s string) bool { return u.missingRecent[s] }))
	u.missingRecent = nil
	u.refreshMenu()
}

// rememberFile puts path first in the recent list and as the last file.
func (u *UI) rememberFile(path string) {
	u.addRecent(path)
	u.app.Preferences().SetString(prefLastFile, path)
}

// addRecent puts path first in the recent list. (The window's first file is
// only added: it may stand in for a last file that could not be opened this
// time, which the next start should try again.)
func (u *UI) addRecent(path string) {
	p := u.app.Preferences()
	recent := slices.DeleteFunc(p.StringList(prefRecentFiles), func(s string) bool { return s == path })
	recent = append([]string{path}, recent...)
	if len(recent) > maxRecentFiles {
		recent = recent[:maxRecentFiles]
	}
	p.SetStringList(prefRecentFiles, recent)
}

// switchTo opens another research file off the UI goroutine; on success the
// window shows it and the old one is closed. A file that cannot be opened
// (not a Dossier file, newer schema) is reported and nothing changes; so
// is one no longer there: opening it would make a new file at its name
// (an Open recent item deleted after the menu last looked, or a damaged
// file's Try again after it was moved away, was made anew with the
// starter documents only and shown as the user's).
func (u *UI) switchTo(path string) { u.switchFile(path, false) }

// switchToNew makes a research file at path, with the starter documents,
// and switches to it (File → New research file…).
func (u *UI) switchToNew(path string) { u.switchFile(path, true) }

func (u *UI) switchFile(path string, create bool) {
	if u.lateOpen != "" && sameFilePath(path, u.lateOpen) {
		// Opened twice at once, it was refused as held by another program.
		if u.stillOpening() {
			u.status.setMessage(filepath.Base(path) + " is still being opened.")
			return
		}
		// The window moved on to another file while its first file was
		// opening, and that open still runs: opened again, it was refused
		// as "locked by another program writing to it", the program this
		// window (a hostile UI pass). It is shown once that open ends.
		u.lateWanted = true
		u.status.setMessage(filepath.Base(path) + " is still being opened; it is shown once it is open.")
		return
	}
	u.lateWanted = false // another file chosen since
	u.status.setMessage("Opening " + filepath.Base(path) + "…")
	u.work.run(func() func() {
		var st *store.Store
		var err error
		switch {
		case create:
			st, err = u.opts.OpenStore(path)
		case u.opts.OpenExisting != nil:
			// Not looked for first: a file deleted between the look and
			// the open was made anew, with the starter documents only, and
			// shown as the user's (a hostile pass).
			st, err = u.opts.OpenExisting(path)
			if _, serr := os.Stat(path); errors.Is(err, fs.ErrNotExist) && errors.Is(serr, fs.ErrNotExist) {
				return func() { u.noLongerThere(path) }
			}
		default:
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				return func() { u.noLongerThere(path) }
			}
			st, err = u.opts.OpenStore(path)
		}
		return func() {
			if err != nil {
				if u.broken != nil && u.broken.Path == path {
					// Try again, from the banner: it says why now (the
					// reason may have changed: the program holding the
					// side files died and left them behind, say).
					u.showBroken(BrokenFile{Path: path, Err: err})
					// Said in the status line, with the time: where the
					// reason had not changed, Try again changed nothing on
					// screen, as if it had not been pressed (a hostile UI
					// pass: a foreign -wal still beside the file).
					u.status.setMessage(fmt.Sprintf("Tried again at %s: %s still could not be opened; the banner says why.", time.Now().Format("15:04:05"), filepath.Base(path)))
					return
				}
				u.status.setMessage("Could not open " + filepath.Base(path))
				u.showError(err)
				return
			}
			u.adopt(st)
		}
	})
}

// adopt makes st the window's research file: the old one is closed and
// everything shown is reloaded from st. Call it on the UI goroutine.
func (u *UI) adopt(st *store.Store) { u.take(st, true) }

// take is adopt; remember: st becomes the last file used, which the next
// start reopens (otherwise it is only listed among the recent files).
func (u *UI) take(st *store.Store, remember bool) {
	u.search.cancel()
	u.search.entry.Enable() // disabled while the first file was opening
	u.mu.Lock()
	old := u.st
	u.st = st
	u.gen++
	u.mu.Unlock()
	// In-flight work on it finishes or fails quietly; its results are dropped.
	u.work.run(func() func() { old.Close(); return nil })
	u.broken, u.isDamaged = nil, false
	u.reader.empty.setText(readerHint)
	u.banner.hide() // updateTitle below shows what applies to st
	if remember {
		u.rememberFile(st.Path())
	} else {
		u.addRecent(st.Path())
	}
	u.status.clearUndo() // an undo of the old file's change would apply it to this one
	u.undos.clear()
	u.reader.reset()
	u.updateTitle()
	u.refreshMenu()
	u.checkRecent() // files gone since, the one just left among them
	u.search.entry.SetText("")
	u.library.setDocuments(nil)
	u.refreshLibrary()
	u.annotationsChanged() // bookmarks, actors, sources and saved searches of this file
	u.afterOpen()
}

// CurrentStore returns the open research file (for main, on exit).
func (u *UI) CurrentStore() *store.Store {
	st, _ := u.store()
	return st
}

// sameFilePath reports whether a and b name one file as written ("a" and
// "./a"); links are not followed.
func sameFilePath(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return a == b || errA == nil && errB == nil && absA == absB
}

// noLongerThere says that path, chosen to be opened, is no longer there,
// with the way to find it where it is now, and lists it so in Open recent.
func (u *UI) noLongerThere(path string) {
	err := fmt.Errorf("%s: %w", path, errNoLongerThere)
	if u.broken != nil && u.broken.Path == path {
		u.showBroken(BrokenFile{Path: path, Err: err}) // the banner says why now
		u.status.setMessage(fmt.Sprintf("Tried again at %s: %s is no longer there; the banner says so.", time.Now().Format("15:04:05"), filepath.Base(path)))
		return
	}
	if slices.Contains(u.app.Preferences().StringList(prefRecentFiles), path) && !u.missingRecent[path] {
		missing := maps.Clone(u.missingRecent)
		if missing == nil {
			missing = map[string]bool{}
		}
		missing[path] = true
		u.missingRecent = missing
		u.refreshMenu()
	}
	u.status.setMessage("Could not open " + filepath.Base(path) + ": it is no longer there.")
	msg, ways, _ := u.brokenWays(BrokenFile{Path: path, Err: err})
	u.showMessage(u.messageDialog("The research file could not be opened", msg, theme.WarningIcon(), ways...))
}

// leftUnfilledNote is what the banner says of a research file left by a
// dossier import stopped before it added anything (store.LeftUnfilled).
const leftUnfilledNote = "This research file was left by a dossier import that was stopped before it added anything: it holds only the built-in article. Import documents to make it yours."

// showLeftUnfilled says, as news, that st was left by an import stopped
// before it added anything: the window said nothing, and the file looked
// like the user's library reduced to the built-in article (data25's open
// finding). Nothing is changed: the next import still takes the file as
// its new one.
func (u *UI) showLeftUnfilled(st *store.Store) {
	u.leftUnfilled = nil
	if st.LeftUnfilled() {
		u.leftUnfilled = &leftUnfilledLibrary{}
		u.banner.inform(leftUnfilledNote)
	}
}

// leftUnfilledLibrary is the library of a file left unfilled, as first
// listed once it was open.
type leftUnfilledLibrary struct {
	docs  string // libraryPrint of it
	known bool
}

// followLeftUnfilled takes the banner's word on a file left unfilled away
// once its library (docs, just read) changed: a document imported or
// deleted since made it the user's, and "it holds only the built-in
// article" was no longer true.
func (u *UI) followLeftUnfilled(docs []store.Document) {
	left := u.leftUnfilled
	switch {
	case left == nil:
	case !left.known:
		left.docs, left.known = libraryPrint(docs), true
	case libraryPrint(docs) != left.docs:
		u.leftUnfilled = nil
		if shown, msg := u.banner.visible(); shown && msg == leftUnfilledNote {
			u.banner.hide()
		}
	}
}

// libraryPrint tells one list of documents from another.
func libraryPrint(docs []store.Document) string {
	var b strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&b, "%d %s\n", d.ID, d.Hash)
	}
	return b.String()
}
