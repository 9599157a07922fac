package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// Launch is what the entry point hands the window.
type Launch struct {
	Path     string // the research file to open
	Explicit bool   // the user chose Path (--db, $DOSSIER_DB): do not reopen the last file
	Seed     store.Seed
	Version  string
	Build    string // the package build number
	Commit   string // the source revision
	Licences string // the licence texts of what is bundled (About)
	Icon     []byte // PNG
}

// Exit codes of Run.
const (
	exitOK    = 0
	exitError = 1
)

// Run opens the research file and shows the window until it is closed,
// returning the process exit code. Unless the user chose a file, the last
// one used is reopened; if it cannot be, Path is used and the problem is
// shown once the window is up.
func Run(l Launch) int {
	if noDisplay(runtime.GOOS, os.Getenv, x11Reachable) {
		fmt.Fprintln(os.Stderr, noDisplayMessage)
		return exitError
	}
	guardPreferences()
	a := fyneapp.NewWithID(appID)
	declareFyneDo(a, l.Version)
	a.SetIcon(fyne.NewStaticResource("icon.png", l.Icon))
	prefs := a.Preferences()
	open := func(path string) (*store.Store, error) {
		st, err := store.OpenResearchFile(path, l.Seed)
		if err == nil {
			st.EnableAutoBackups() // the window, unlike the command line, keeps backups
		}
		return st, err
	}
	openExisting := func(path string) (*store.Store, error) {
		st, err := store.OpenExistingResearchFile(path, l.Seed)
		if err == nil {
			st.EnableAutoBackups()
		}
		return st, err
	}

	path := l.Path
	if last := prefs.String(prefLastFile); !l.Explicit && last != "" {
		path = last
	}
	// The window appears without the file when its open takes long (see
	// opening.go), and takes it when it is open.
	done, started := make(chan Opened, 1), time.Now()
	// The last file used is opened only if it is there (openFirst looks
	// first, but it may go in between); the chosen or default one is made
	// when it is not.
	openLast := func(p string) (*store.Store, error) {
		if p == l.Path {
			return open(p)
		}
		st, err := openExisting(p)
		if _, serr := os.Stat(p); errors.Is(err, fs.ErrNotExist) && errors.Is(serr, fs.ErrNotExist) {
			err = fmt.Errorf("%s: %w", p, errNoLongerThere)
		}
		return st, err
	}
	go func() { done <- openFirst(openLast, path, l.Path) }()
	var first Opened
	var opening *OpeningFile
	select {
	case first = <-done:
	case <-time.After(startupWait):
		opening = &OpeningFile{Path: path, Started: started, Done: done}
	}
	var st *store.Store
	if opening != nil {
		standIn, cleanup, err := OpenStandIn()
		if err == nil {
			st = standIn
			defer cleanup()
		} else {
			first, opening = <-done, nil // nothing to show meanwhile: wait, as before
		}
	}
	// A file that cannot be opened (damaged, say) still gets the window,
	// on an empty stand-in, with a banner offering the ways out.
	var broken *BrokenFile
	if opening == nil {
		st = first.Store
		if first.Err != nil {
			broken = &BrokenFile{Path: first.Path, Err: first.Err}
			var cleanup func()
			var err error
			if st, cleanup, err = OpenStandIn(); err != nil {
				fmt.Fprintf(os.Stderr, "dossier: %v\n", broken.Err)
				return exitError
			}
			defer cleanup()
		}
	}

	w := a.NewWindow("Dossier")
	want := savedWindowSize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWindowWidth, defaultWindowWidth)),
		float32(prefs.FloatWithFallback(prefWindowHeight, defaultWindowHeight))))
	w.Resize(want)
	ui := New(a, w, st, Options{OpenStore: open, OpenExisting: openExisting, Version: l.Version, Build: l.Build, Commit: l.Commit, Licences: l.Licences, Broken: broken, Opening: opening})
	w.SetCloseIntercept(func() {
		ui.Close()
		w.Close()
	})
	// The screen's size (and the scale Fyne draws at) is known only once
	// the window exists; this runs on the UI goroutine just after. Centred
	// whatever its size: the window's place is not kept, and without a
	// window manager's choice it opened in the screen's corner.
	a.Lifecycle().SetOnStarted(func() {
		if fit := fitToScreen(want, screenSize(w)); fit != want {
			w.Resize(fit)
		}
		w.CenterOnScreen()
		ui.screenRoom = func() fyne.Size {
			pad := float32(0)
			if w.Padded() {
				pad = theme.Padding()
			}
			screen := screenSize(w)
			if screen.Width <= 0 || screen.Height <= 0 {
				return fyne.Size{}
			}
			fit, at := fitToScreen(screen, screen), w.Content().Position()
			return fyne.NewSize(fit.Width-at.X-pad, fit.Height-at.Y-pad)
		}
		ui.refitWindow = afterLayout(func() {
			// The menu bar grows with the text, and the content below it
			// was laid out for the old bar until the window's size
			// changed: the foot of the status line was cut off (found by
			// UI passes). Setting the menu again lays the content out
			// below the new one.
			ui.refreshMenu()
			size, screen := w.Canvas().Size(), screenSize(w)
			fit := windowRoom(size, screen)
			// No smaller than its content, with the menu bar and padding
			// around it: Fyne lays the content out at its least size, and
			// a smaller window has the foot of it cut off.
			pad := float32(0)
			if w.Padded() {
				pad = theme.Padding()
			}
			at := w.Content().Position() // below the menu bar, inside the padding
			// The panes narrowed where the screen is too narrow for them.
			ui.fitPanes(fit.Width - at.X - pad)
			need := w.Content().MinSize()
			least := fyne.NewSize(need.Width+at.X+pad, need.Height+at.Y+pad)
			// Larger text on a large screen: the window grows before the
			// sidebar is hidden for a reader too narrow to read.
			if ui.textGrew && ui.sidebarPane.Visible() {
				if grown, ok := ui.growth.next(size, screen, ui.reader.scroll.Size().Width, readerNeeds()); ok {
					w.Resize(grown)
					w.CenterOnScreen()
					ui.refitWindow() // textGrew still set: checked again at the new size
					return
				}
			}
			if ui.fitBySidebar(least, screen) {
				ui.refitWindow() // once the layout without it is done
				return
			}
			// Shown by the user, or at start, with the content's least size
			// worked out only now: it may not fit either.
			if ui.sidebarGivesWay(ui.screenRoom()) {
				ui.refitWindow()
				return
			}
			fit, centre := refitSize(size, least, fit)
			if fit != size {
				w.Resize(fit)
			}
			if centre {
				w.CenterOnScreen()
			}
		})
		// A larger text size kept from the last time: the sidebar may be
		// hidden to fit, as after Ctrl+= (not at the usual size, where a
		// small window would lose it at every start).
		ui.textGrew = ui.theme.scale > defaultTextScale
		ui.refitWindow()
	})
	if first.LastErr != nil {
		ui.showLastFileFailed(path, first.LastErr)
	}
	stopOnHangUp(a)
	w.ShowAndRun()
	// Fyne ends its loop on SIGTERM and SIGINT itself, without the close
	// intercept: an import, or its claims phase, ran on unstopped until
	// Finish's limit closed the file under it (a hostile data pass). Close
	// stops them as quitting does, and Finish waits for them to roll back.
	ui.Close()
	if !ui.Finish(30 * time.Second) {
		fmt.Fprintln(os.Stderr, "dossier: a save was still running after 30 s; the research file was closed without it")
	}
	return exitOK
}

// errNoLongerThere is why the last research file used was not opened: it
// is not where it was, and opening it would make a new one there.
var errNoLongerThere = errors.New("it is no longer there: moved, renamed or deleted, or on a drive that is not connected")

// openFirst opens the window's first research file: path, or where that
// cannot be opened or is no longer there, fallback (the chosen or default
// file) instead.
func openFirst(open func(string) (*store.Store, error), path, fallback string) Opened {
	if path != fallback {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			// The last file used, gone: opened, a new file holding the
			// starter documents only was made at its name (on a drive
			// not plugged in, its folders too), and the window showed
			// it as the user's (found by a UI pass, ui12).
			st, err := open(fallback)
			return Opened{Store: st, Path: fallback, Err: err, LastErr: fmt.Errorf("%s: %w", path, errNoLongerThere)}
		}
	}
	st, err := open(path)
	if err == nil || path == fallback {
		return Opened{Store: st, Path: path, Err: err}
	}
	st, err2 := open(fallback)
	return Opened{Store: st, Path: fallback, Err: err2, LastErr: err}
}

// showLastFileFailed says that path, the research file used last, could
// not be opened (err), so the default one is open instead: in the
// window's words, with its ways out as buttons. It showed the store's
// message, whose ways out are commands ("dossier --db FILE recover --out
// NEW"), to a user who had double-clicked the app.
func (u *UI) showLastFileFailed(path string, err error) {
	msg, ways, _ := u.brokenWays(BrokenFile{Path: path, Err: err})
	msg = fullStop(msg)
	if u.broken == nil {
		msg += "\n\nThe default research file, “" + u.CurrentStore().Path() + "”, is open instead; the last one was left as it was."
	} else { // the default one failed too: the banner says why
		msg += "\n\nThe default research file could not be opened either: the banner says why."
	}
	u.showMessage(u.messageDialog("The last research file could not be opened", msg, theme.WarningIcon(), ways...))
}

// afterLayout is f run on the UI goroutine a little later, once the
// layout a change asked for has been done: the content's least size is
// worked out as the next frames are drawn, and read at once it was the
// old one. Calls that come before it runs share one run.
func afterLayout(f func()) func() {
	var pending atomic.Bool
	return func() {
		if pending.Swap(true) {
			return
		}
		time.AfterFunc(300*time.Millisecond, func() {
			fyne.Do(func() {
				pending.Store(false)
				f()
			})
		})
	}
}

// declareFyneDo tells Fyne that this app makes every call from another
// goroutine through fyne.Do (the model it is written to; the tests run the
// race detector over it), as FyneApp.toml's [Migrations] fyneDo would for a
// build through the fyne tool only. Undeclared, Fyne checks the calling
// goroutine on every refresh by reading its id off the stack: 64% of the UI
// goroutine's time in a text-size step of the real window (profiled under
// Xvfb, where a step froze the window for seconds). Called before any
// widget exists: Fyne reads the flag once.
func declareFyneDo(a fyne.App, version string) {
	fyneapp.SetMetadata(withFyneDo(a.Metadata(), version))
}

// withFyneDo is m (what a packaged build embedded, if anything) with the
// fyneDo migration declared, and the app's ID, name and version where m
// has none.
func withFyneDo(m fyne.AppMetadata, version string) fyne.AppMetadata {
	migrations := map[string]bool{"fyneDo": true}
	for k, v := range m.Migrations {
		migrations[k] = migrations[k] || v
	}
	m.Migrations = migrations
	if m.ID == "" {
		m.ID = appID
	}
	if m.Name == "" {
		m.Name = "Dossier"
	}
	if m.Version == "" {
		m.Version = version
	}
	return m
}

// stopOnHangUp ends the window's loop on SIGHUP (its terminal closed), as
// Fyne ends it on SIGTERM and SIGINT: the default killed the process in
// the middle of an import, which the next open then said had stopped.
func stopOnHangUp(a fyne.App) {
	if signal.Ignored(syscall.SIGHUP) {
		return // started by nohup: Notify would undo that
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		<-hup
		fyne.Do(a.Quit)
	}()
}
