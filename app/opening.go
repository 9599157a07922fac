package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// A research file can take long to open: the first open by a new version
// brings a large file's schema up to date, and a file without the starter
// list of actors and sources has it matched across every passage (33 s at
// a million passages). The window used not to appear until then, and a
// user who double-clicked again, or gave up, had nothing to go by. Now
// the window appears after startupWait on an empty read-only stand-in
// that says what it is waiting for, and takes the file when it is open.

// startupWait is how long the window waits for its research file before it
// appears without it: long enough that a usual open (a few milliseconds,
// a new file a fraction of a second) shows the file at once, with no
// "Opening…" flashing by.
const startupWait = 750 * time.Millisecond

// OpeningFile is a research file whose open is still running as the
// window appears. Done delivers its outcome once.
type OpeningFile struct {
	Path    string // the file being opened (the last one used, or the chosen one)
	Started time.Time
	Done    <-chan Opened
}

// Opened is how the window's first open ended.
type Opened struct {
	Store *store.Store // nil if it failed
	Path  string       // the file opened, or tried last
	Err   error        // why Path could not be opened
	// LastErr is why the last file used could not be opened, where Path
	// is then the default one, tried instead.
	LastErr error
}

// errStillOpening is the stand-in's BrokenFile error while the file's open
// runs: every guard that keeps changes off the stand-in then holds.
var errStillOpening = errors.New("it is still being opened")

// maxShownPath is the most characters of a path a message shows: longer
// ones are cut in the middle (cutMiddle).
const maxShownPath = 72

// cutMiddle is path cut to most characters by an ellipsis in its middle,
// keeping its file name whole where it leaves room for some of the folder.
func cutMiddle(path string, most int) string {
	r := []rune(path)
	if len(r) <= most {
		return path
	}
	keep := most - 1 // beside the ellipsis
	tail := max(keep*2/3, len([]rune(filepath.Base(path)))+1)
	tail = min(tail, keep-8)
	return string(r[:keep-tail]) + "…" + string(r[len(r)-tail:])
}

// stillOpening reports whether the window waits for its first file.
func (u *UI) stillOpening() bool {
	return u.broken != nil && errors.Is(u.broken.Err, errStillOpening)
}

// refuseWhileOpening says, where a change was asked for before the file is
// open, to wait; it reports whether it refused.
func (u *UI) refuseWhileOpening() bool {
	if !u.stillOpening() {
		return false
	}
	// Closed once the file is open: left up, it went on saying "still
	// being opened" over the opened file (a hostile UI pass).
	d := u.messageDialog("Still opening", fmt.Sprintf("%s is still being opened. Wait until its documents appear, then try again.", u.broken.Path), theme.InfoIcon())
	u.showMessage(d)
	u.stillOpeningNotes = append(u.stillOpeningNotes, d)
	return true
}

// showOpening shows what the window waits for, and takes the file when its
// open ends. Call it on the UI goroutine, once.
func (u *UI) showOpening(o OpeningFile) {
	u.broken = &BrokenFile{Path: o.Path, Err: errStillOpening}
	u.lateOpen = o.Path
	name := filepath.Base(o.Path)
	u.reader.empty.setTextCut(fmt.Sprintf("Opening %s…", name))
	u.search.entry.Disable() // it would search the empty stand-in
	u.win.SetTitle(name + " (opening) — Dossier")
	u.status.setFile(o.Path)
	// The path cut in its middle: whole, a long one wrapped the banner
	// over more lines than an 800×600 screen has room for at the largest
	// text (a UI pass). The status bar names it as its width allows.
	shown := cutMiddle(o.Path, maxShownPath)
	say := func() {
		secs := int(time.Since(o.Started).Round(time.Second) / time.Second)
		u.banner.inform(fmt.Sprintf("Opening “%s”… (%d s so far) A large research file can take a few minutes the first time a new version of Dossier opens it. Quitting now loses nothing.", shown, secs))
	}
	say()
	u.openingDone = make(chan struct{})
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case r := <-o.Done:
				fyne.Do(func() {
					u.opened(r)
					close(u.openingDone)
				})
				return
			case <-tick.C:
				fyne.Do(func() {
					if u.stillOpening() {
						say()
					}
				})
			case <-u.life.Done():
				// The window closed first; the process ends with it (a
				// change the open was making is rolled back, whole).
				return
			}
		}
	}()
}

// opened takes the research file whose open ended, or says why it could
// not be opened. A file the user opened meanwhile stays: the late one is
// closed.
func (u *UI) opened(r Opened) {
	asked, wanted := u.lateOpen, u.lateWanted
	u.lateOpen, u.lateWanted = "", false
	for _, d := range u.stillOpeningNotes {
		d.Hide()
	}
	u.stillOpeningNotes = nil
	if !u.stillOpening() {
		if wanted {
			// Asked for again after the window had moved on (see
			// switchTo): shown now, as a switch to it would be.
			if r.Store != nil && r.LastErr == nil {
				u.adopt(r.Store)
				return
			}
			err := r.Err
			if r.LastErr != nil { // r.Store is the default file, not the one asked for
				err = r.LastErr
			}
			u.status.setMessage("Could not open " + filepath.Base(asked))
			u.showError(err)
		}
		if r.Store != nil {
			go r.Store.Close()
		}
		return
	}
	u.search.entry.Enable()
	if r.LastErr != nil {
		// Once the default file is taken (or has failed too): the
		// message says which it is.
		defer u.showLastFileFailed(asked, r.LastErr)
	}
	if r.Err != nil {
		u.showBroken(BrokenFile{Path: r.Path, Err: r.Err})
		u.results.showLibrary()
		return
	}
	lastQuery := u.app.Preferences().String(prefLastQuery)
	if q := u.search.query(); q != "" {
		lastQuery = q // chosen from the search history meanwhile
	}
	// As New takes its first file: listed among the recent files, but not
	// made the last one, which it may stand in for (LastErr).
	u.take(r.Store, false)
	if lastQuery != "" {
		u.search.setQuery(lastQuery)
	}
}
