// Package app is Dossier's window: search bar, library sidebar, results list
// and reader, with menus, shortcuts, import and research-file handling. It
// talks to the store through its Go API only, never on the UI goroutine.
package app

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Options configure the window.
type Options struct {
	// OpenStore opens (or creates, with the default corpus) a research file.
	OpenStore func(path string) (*store.Store, error)
	// Version is shown in Help → About, with Build and Commit (stamped at
	// build time) and Licences, the texts of what is bundled.
	Version, Build, Commit string
	Licences               string
	// Broken, when set, is the research file that could not be opened; the
	// store given to New is then an empty stand-in (see OpenStandIn).
	Broken *BrokenFile
}

// UI is the main window's content and behaviour.
type UI struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	work worker

	mu  sync.Mutex // guards st and gen
	st  *store.Store
	gen int // bumped on every research-file switch; stale results are dropped

	theme   *dossierTheme
	notes   map[*noteSaver]bool // bookmark notes being typed (noteautosave.go); UI goroutine only
	dialogs dialogStack         // the open dialogs, for their keys (dialogkeys.go)
	undos   undoStack           // annotation changes to undo and redo (undo.go)

	// The banner's damaged-file state (see damaged.go): broken is set while
	// the window runs on a stand-in for a file that failed to open;
	// isDamaged while the open file has failed its quick check.
	broken    *BrokenFile
	isDamaged bool

	search    *searchView
	results   *resultsView
	reader    *readerView
	library   *libraryView
	bookmarks *bookmarksView
	actors    *tagsView
	sources   *tagsView
	saved     *savedView
	claims    *claimsView
	sidebar   *sidebar
	status    *statusBar
	banner    *banner // a lasting condition of the open file, e.g. read-only
	tips      *tipLayer

	// refitWindow brings a window grown past the screen back within it, as
	// far as its content allows (set once the real window has started; nil
	// under the test driver, which has no screen). Fyne grows a window to
	// its content's least size, and never shrinks it when that size falls
	// again: after larger text on a small screen, Ctrl+0 left the window
	// past the screen's edge (found by a UI pass).
	refitWindow func()
	// screenRoom is the width the screen gives the window's content (set
	// with refitWindow; nil under the test driver, which has no screen).
	screenRoom func() float32

	// claimsResults is the results pane, which the claims pane replaces
	// while the Claims section is open (claims.go).
	claimsResults fyne.CanvasObject
	sidebarSplit  *container.Split
	resultsSplit  *container.Split
	sidebarPane   fyne.CanvasObject // the sidebar's section buttons and sections (View → Sidebar hides it)
	// textGrew is set when the text grows, until the window is next fitted
	// within the screen: only then may the sidebar be hidden to make room.
	textGrew bool
	// narrow is set while the panes take their narrow least widths, their
	// rows of buttons wrapped, for a window too narrow for the usual ones
	// (narrow.go).
	narrow  bool
	content fyne.CanvasObject
}

// New builds the window's content on an open store. It sets the window's
// content, menus, shortcuts and drop handler, and loads the library.
func New(a fyne.App, w fyne.Window, st *store.Store, opts Options) *UI {
	u := &UI{app: a, win: w, opts: opts, st: st}
	u.guardFileWrites()
	u.theme = &dossierTheme{
		variant: a.Preferences().StringWithFallback(prefTheme, themeSystem),
		scale:   float32(a.Preferences().FloatWithFallback(prefTextScale, defaultTextScale)),
	}
	a.Settings().SetTheme(u.theme)

	u.status = newStatusBar()
	u.tips = newTipLayer()
	u.banner = newBanner()
	u.reader = newReaderView(u)
	u.results = newResultsView(u)
	u.library = newLibraryView(u)
	u.bookmarks = newBookmarksView(u)
	u.actors = newTagsView(u, store.FamilyActor)
	u.sources = newTagsView(u, store.FamilySource)
	u.saved = newSavedView(u)
	u.claims = newClaimsView(u)
	u.claims.editClaim = u.showClaimDialog // the ledger's Edit… opens the claim dialog
	u.search = newSearchView(u)
	u.sidebar = newSidebar(
		&sidebarSection{name: "library", icon: theme.DocumentIcon(), content: u.library.content()},
		&sidebarSection{name: "bookmarks", icon: bookmarkIcon, content: u.bookmarks.content(), onShow: u.bookmarks.refresh},
		&sidebarSection{name: "actors", icon: theme.AccountIcon(), content: u.actors.content(), onShow: u.actors.refresh},
		&sidebarSection{name: "sources", icon: theme.FileTextIcon(), content: u.sources.content(), onShow: u.sources.refresh},
		&sidebarSection{name: "claims", icon: claimIcon, content: u.claims.content(), onShow: u.claims.opened, onHide: u.claims.hidePane},
		&sidebarSection{name: "saved", icon: theme.HistoryIcon(), content: u.saved.content(), onShow: u.saved.refresh},
	)

	// A tip over a view that is going would name what is no longer there
	// (found by a hostile pass: it stayed over the Claims filter).
	u.sidebar.switched = u.tips.hideAll
	u.sidebar.shown = u.refitToScreen
	u.sidebar.narrow = &u.narrow

	u.resultsSplit = container.NewHSplit(u.claims.middle(u.results.content()), u.reader.content())
	u.resultsSplit.Offset = a.Preferences().FloatWithFallback(prefSplitResults, defaultResultsPos)
	u.sidebarPane = u.sidebar.content()
	if a.Preferences().Bool(prefSidebarHidden) {
		u.sidebarPane.Hide()
	}
	u.sidebarSplit = container.NewHSplit(u.sidebarPane, u.resultsSplit)
	u.sidebarSplit.Offset = a.Preferences().FloatWithFallback(prefSplitSidebar, defaultSidebarPos)

	top := container.NewVBox(u.banner.content(), u.search.content())
	main := container.NewBorder(top, u.status.content(), nil, nil, u.sidebarSplit)
	u.banner.relayout = main.Refresh
	u.content = container.NewStack(main, u.tips.box) // tips over everything
	w.SetContent(u.content)
	w.SetMainMenu(u.mainMenu())
	w.SetOnDropped(u.onDropped)
	u.updateTitle()

	u.refreshLibrary()
	u.annotationsChanged()
	w.Canvas().Focus(u.search.entry)
	if opts.Broken != nil {
		// No research file: the last query would search the empty
		// stand-in and say nothing matches.
		u.showBroken(*opts.Broken)
		u.results.showLibrary()
		return u
	}
	if last := a.Preferences().String(prefLastQuery); last != "" {
		u.search.setQuery(last)
	} else {
		u.results.showLibrary()
	}
	u.addRecent(st.Path()) // Open recent lists it once another is open
	u.afterOpen()
	return u
}

// store returns the open research file and its generation.
func (u *UI) store() (*store.Store, int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.st, u.gen
}

// current reports whether gen is still the open research file's generation.
func (u *UI) current(gen int) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	return gen == u.gen
}

// updateTitle shows the research file's name in the window title.
func (u *UI) updateTitle() {
	st, _ := u.store()
	u.win.SetTitle(fmt.Sprintf("%s — Dossier", filepath.Base(st.Path())))
	u.status.setFile(st.Path())
	u.showFileState()
}

// refreshLibrary reloads the document list from the store.
func (u *UI) refreshLibrary() {
	st, gen := u.store()
	u.work.run(func() func() {
		docs, err := st.Documents(context.Background())
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.library.setUnreadable(err)
				if u.search.query() == "" {
					u.results.showLibrary()
				}
				u.status.setMessage("Could not read the library: " + err.Error())
				return
			}
			u.library.setDocuments(docs)
			if u.search.query() == "" {
				u.results.showLibrary()
				// An empty reader wastes half the window: with nothing
				// searched, show the most recently imported document.
				if u.reader.passages == nil && len(docs) > 0 {
					u.reader.openDocument(newestDocument(docs).ID)
				}
			}
		}
	})
}

// newestDocument is the most recently imported document.
func newestDocument(docs []store.Document) store.Document {
	newest := docs[0]
	for _, d := range docs[1:] {
		if d.ImportedAt.After(newest.ImportedAt) || d.ImportedAt.Equal(newest.ImportedAt) && d.ID > newest.ID {
			newest = d
		}
	}
	return newest
}

// savePrefs records window geometry and split positions.
func (u *UI) savePrefs() {
	p := u.app.Preferences()
	size := u.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		p.SetFloat(prefWindowWidth, float64(size.Width))
		p.SetFloat(prefWindowHeight, float64(size.Height))
	}
	p.SetFloat(prefSplitSidebar, u.sidebarSplit.Offset)
	p.SetFloat(prefSplitResults, u.claims.resultsSplit())
	p.SetString(prefLastQuery, u.search.query())
}

// Close saves preferences and closes the research file. Call it when the
// window closes.
func (u *UI) Close() {
	u.savePrefs()
	u.search.cancel()
	// A note typed in an open bookmark dialog is saved, not left to a
	// pause that never comes (found by a hostile pass: Ctrl+Q within a
	// second of typing lost the new bookmark and its note).
	for n := range u.notes {
		n.flush()
	}
	st, _ := u.store()
	// Jobs still running apply their results on the UI goroutine, which is
	// the one calling Close: waiting for them here would deadlock. Close the
	// file once they are done, off the UI goroutine.
	u.work.whenIdle(func() { st.Close() })
}

// Finish waits, up to limit, for the store work still running to end, then
// closes the research file: called once the window's event loop has
// stopped (the results of that work, applied on the UI goroutine, will
// never be), so that a save asked for as the window closed lands before the
// process exits. It reports whether the work ended in time.
func (u *UI) Finish(limit time.Duration) bool {
	done := make(chan struct{})
	go func() {
		u.work.storing.Wait()
		close(done)
	}()
	inTime := true
	select {
	case <-done:
	case <-time.After(limit):
		inTime = false
	}
	st, _ := u.store()
	st.Close()
	return inTime
}

// statusBar is the line along the bottom: result counts, timing and
// messages (with an Undo button after a destructive change) on the left, the
// research file on the right.
type statusBar struct {
	message *widget.Label
	undo    *widget.Button
	file    *widget.Label
	row     *fyne.Container // the message and the file, side by side
	undoFn  func()
}

func newStatusBar() *statusBar {
	s := &statusBar{message: widget.NewLabel(""), file: widget.NewLabel("")}
	s.message.Truncation = fyne.TextTruncateEllipsis
	s.file.Truncation = fyne.TextTruncateEllipsis
	s.file.Alignment = fyne.TextAlignTrailing
	s.file.Importance = widget.LowImportance
	s.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), func() {
		fn := s.undoFn
		s.clearUndo()
		if fn != nil {
			fn()
		}
	})
	s.undo.Importance = widget.LowImportance
	s.undo.Hide()
	return s
}

func (s *statusBar) content() fyne.CanvasObject {
	left := container.NewBorder(nil, nil, nil, s.undo, s.message)
	s.row = container.New(statusLayout{s.file}, left, s.file)
	return container.NewBorder(widget.NewSeparator(), nil, nil, nil, s.row)
}

// statusLayout gives the research file's path the width it needs, up to a
// third of the bar, and the message the rest: counts, timings and what
// happens next ("… · ranking…") are longer than a path, and with half each
// they were cut short.
type statusLayout struct{ file *widget.Label }

func (l statusLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(a.Width+b.Width, max(a.Height, b.Height))
}

func (l statusLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	fileW := float32(0)
	if l.file.Text != "" {
		// A pixel spare: the painter rounds to whole pixels, and a text a
		// fraction too wide is cut to an ellipsis.
		text := measureText(l.file.Text, theme.TextSize(), l.file.TextStyle).Width
		need := float32(math.Ceil(float64(text))) + 1 + 2*theme.InnerPadding()
		fileW = min(need, size.Width/3)
	}
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width-fileW, size.Height))
	objects[1].Move(fyne.NewPos(size.Width-fileW, 0))
	objects[1].Resize(fyne.NewSize(fileW, size.Height))
}

// setMessage shows a message; any pending undo offer stays until the next
// offer or until it is used.
func (s *statusBar) setMessage(m string) { s.message.SetText(m) }

func (s *statusBar) setFile(path string) {
	s.file.SetText(path)
	if s.row != nil {
		s.row.Refresh() // the path's width is laid out by its length
	}
}

// themeChanged lays the bar out again: the path's width is its text's,
// which a text size changes even when the bar's own size does not.
func (s *statusBar) themeChanged() {
	if s.row != nil {
		s.row.Refresh()
	}
}

// offerUndo shows a message with an Undo button that runs undo once.
func (s *statusBar) offerUndo(msg string, undo func()) {
	s.message.SetText(msg)
	s.undoFn = undo
	s.undo.Show()
}

func (s *statusBar) clearUndo() {
	s.undoFn = nil
	s.undo.Hide()
}
