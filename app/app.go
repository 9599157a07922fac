// Package app is Dossier's window: search bar, library sidebar, results list
// and reader, with menus, shortcuts, import and research-file handling. It
// talks to the store through its Go API only, never on the UI goroutine.
package app

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Options configure the window.
type Options struct {
	// OpenStore opens (or creates, with the default corpus) a research file.
	OpenStore func(path string) (*store.Store, error)
	// OpenExisting, if set, opens a research file that must be there
	// already: one gone is an error wrapping fs.ErrNotExist, and nothing
	// is made (store.OpenExisting). Unset, a file is looked for, then
	// opened with OpenStore, which made one gone in between anew.
	OpenExisting func(path string) (*store.Store, error)
	// Version is shown in Help → About, with Build and Commit (stamped at
	// build time) and Licences, the texts of what is bundled.
	Version, Build, Commit string
	Licences               string
	// Broken, when set, is the research file that could not be opened; the
	// store given to New is then an empty stand-in (see OpenStandIn).
	Broken *BrokenFile
	// Opening, when set, is the research file still being opened as the
	// window appears; the store given to New is then an empty stand-in,
	// and the window takes the file once it is open (see opening.go).
	Opening *OpeningFile
}

// UI is the main window's content and behaviour.
type UI struct {
	// dialogScrolls are the open dialogs' scrolling bodies, which follow
	// the focus (followFocusIn).
	dialogScrolls []*container.Scroll
	dialogLists   []*dialogList // the open dialogs' lists, whose rows follow the focus too (revealInList)
	// unrevealed is a field focused before its dialog was on the canvas
	// (revealFocused), shown once the dialog's body is laid out there.
	unrevealed fyne.CanvasObject

	app  fyne.App
	win  fyne.Window
	opts Options
	// leftUnfilled is the library of a research file left unfilled by a
	// stopped import, as the banner says it (see showLeftUnfilled); nil
	// when the banner does not say so.
	leftUnfilled *leftUnfilledLibrary

	work worker

	// life ends with Close: work that must not outlive the window stops
	// with it (an import went on unseen after Ctrl+Q to the folder's last
	// file, holding the research file; a hostile UI pass).
	life    context.Context
	endLife context.CancelFunc
	closed  bool // Close has run (UI goroutine only)

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
	// openingDone is closed once the window has taken (or given up on)
	// the file Options.Opening was opening.
	openingDone chan struct{}
	// lateOpen is the file Options.Opening is still opening after the
	// window moved on to another, and lateWanted that the user has asked
	// for it again meanwhile (see opening.go); stillOpeningNotes are the
	// "still being opened" dialogs shown, closed once it is open.
	lateOpen          string
	lateWanted        bool
	stillOpeningNotes []dialog.Dialog
	// missingRecent are the recent files found missing when last looked
	// (see checkRecent); UI goroutine only.
	missingRecent map[string]bool
	// outsideAsking is set while the store is asked whether another
	// program changed the file (outside.go); UI goroutine only.
	outsideAsking bool

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
	// screenRoom is the size the screen gives the window's content, below
	// its menu bar (set with refitWindow; nil under the test driver, which
	// has no screen; zero where the screen's size is not known).
	screenRoom func() fyne.Size

	// claimsResults is the results pane, which the claims pane replaces
	// while the Claims section is open (claims.go).
	claimsResults fyne.CanvasObject
	sidebarSplit  *container.Split
	resultsSplit  *container.Split
	sidebarPane   fyne.CanvasObject // the sidebar's section buttons and sections (View → Sidebar hides it)
	// textStep is a text-size change asked for and not yet applied
	// (toTextScale).
	textStep textStep
	// textGrew is set when the text grows, until the window is next fitted
	// within the screen: only then may the sidebar be hidden to make room.
	textGrew bool
	// growth grows a small window on a large screen for larger text
	// (screenfit.go).
	growth windowGrowth
	// narrow is set while the panes take their narrow least widths, their
	// rows of buttons wrapped, for a window too narrow for the usual ones
	// (narrow.go).
	narrow bool
	// readerLeast is the reader's least width while the panes are
	// narrowed: its narrow one and what the other panes leave over in the
	// window (narrow.go).
	readerLeast float32
	content     fyne.CanvasObject
}

// New builds the window's content on an open store. It sets the window's
// content, menus, shortcuts and drop handler, and loads the library.
func New(a fyne.App, w fyne.Window, st *store.Store, opts Options) *UI {
	u := &UI{app: a, win: w, opts: opts, st: st}
	u.life, u.endLife = context.WithCancel(context.Background())
	u.guardFileWrites()
	u.theme = &dossierTheme{
		variant: a.Preferences().StringWithFallback(prefTheme, themeSystem),
		scale:   float32(a.Preferences().FloatWithFallback(prefTextScale, defaultTextScale)),
	}
	a.Settings().SetTheme(u.theme)

	u.tips = newTipLayer()
	u.status = newStatusBar()
	u.status.tipsIn(u)
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
	u.status.relayout = main.Refresh
	u.status.room = func() float32 {
		if u.content == nil {
			return 0
		}
		pad := float32(0)
		if w.Padded() {
			pad = theme.Padding()
		}
		return w.Canvas().Size().Height - u.content.Position().Y - pad - u.content.MinSize().Height
	}
	u.content = container.NewStack(main, u.tips.box) // tips over everything
	w.SetContent(u.content)
	w.Canvas().SetOnTypedKey(u.windowKey)
	w.SetMainMenu(u.mainMenu())
	u.checkRecent()
	w.SetOnDropped(u.onDropped)
	u.updateTitle()

	u.refreshLibrary()
	u.annotationsChanged()
	w.Canvas().Focus(u.search.entry)
	u.watchOutside()
	if opts.Opening != nil {
		// Not open yet: as for a broken file, nothing is searched.
		u.showOpening(*opts.Opening)
		u.results.showLibrary()
		return u
	}
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
func (u *UI) refreshLibrary() { u.loadLibrary(false) }

// refreshLibraryKeepingStatus reloads the library after a change to its
// documents (a rename, a delete, their undo and redo), leaving the status
// line to say what the change did: with nothing searched, "2 documents in
// the library. Type to search." replaced "Deleted “…”." at once, beside
// the Undo button offered for it (a hostile UI pass).
func (u *UI) refreshLibraryKeepingStatus() { u.loadLibrary(true) }

// loadLibrary reads the documents and lists them where nothing is
// searched; keepStatus: the status line keeps its message.
func (u *UI) loadLibrary(keepStatus bool) {
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
				u.status.setMessage(fullStop("Could not read the library: " + err.Error()))
				return
			}
			u.library.setDocuments(docs)
			u.followLeftUnfilled(docs)
			if u.search.query() == "" {
				u.results.listLibrary(keepStatus)
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
	if !u.stillOpening() {
		// The search box is empty and disabled while the first file
		// opens: quitting then kept "" as the last search, and the next
		// start did not run it again ("Quitting now loses nothing").
		p.SetString(prefLastQuery, u.search.query())
	}
}

// Close saves preferences and closes the research file. Call it when the
// window closes, or the event loop ends without that (see Run); the second
// call does nothing.
func (u *UI) Close() {
	if u.closed {
		return
	}
	u.closed = true
	u.savePrefs()
	u.search.cancel()
	u.endLife() // an import stops as Cancel stops it: what is stored stays
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
// research file on the right. A message too long for the line beside the
// file's path has the whole line, and one too long for that wraps onto a
// second: on a 640×480 screen at the largest text, "No room for the
// sidebar on this screen: Ctrl+- makes the text smaller" was cut to "No
// room for the sidebar on th…", the key it names out of sight (found by a
// UI pass).
type statusBar struct {
	message *widget.Label
	// shown draws the message: its label, or flow text while it holds
	// right-to-left words ("Deleted “דוח FBI על רוסיה”." came out in
	// stored order; see bidiLabel).
	shown *bidiLabel
	undo  *widget.Button
	file  *widget.Label
	path  string // the research file's, whole: file may show it cut
	// full is the message as set; message shows it, or, where it is cut
	// to one line, with its named path cut in its middle (named, a part
	// of full): Fyne's ellipsis at its end cut off the backup's file name
	// ("Backed up to /tmp/…/backups/x-6eb86f46/…", a UI pass).
	full, named string
	tip         *hoverTip       // the message, shown whole when it is cut
	row         *fyne.Container // the message and the file, side by side
	undoFn      func()
	// relayout lays the window out again, when the message needs another
	// number of lines.
	relayout func()
	// room is the height the window has to spare below its content's
	// least height: the message wraps only into that (a third line made
	// the window taller than a 420×480 screen, its foot cut off).
	room   func() float32
	layout *statusLayout
}

// statusLines is how many lines the status line's message may take; one
// longer still has one line, cut with "…".
const statusLines = 3

func newStatusBar() *statusBar {
	s := &statusBar{message: widget.NewLabel(""), file: widget.NewLabel("")}
	s.message.Truncation = fyne.TextTruncateEllipsis
	s.shown = newBidiLabel(s.message)
	s.shown.quotesIsolated = true
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

// tipsIn shows the message whole in a tip of u's, when it is cut short.
// Call it before content.
func (s *statusBar) tipsIn(u *UI) {
	s.tip = &hoverTip{label: s.message, line: s.shown, layer: u.tips, work: &u.work, whole: s.whole}
	s.tip.ExtendBaseWidget(s.tip)
}

// whole is the message as set, and whether it is drawn cut short.
func (s *statusBar) whole() (string, bool) {
	if s.layout == nil || s.full == "" {
		return s.full, false
	}
	return s.full, s.message.Text != s.full || (s.layout.lines <= 1 && s.layout.messageWidth() > s.message.Size().Width+0.5)
}

// text is the message as set, whole.
func (s *statusBar) text() string { return s.full }

func (s *statusBar) content() fyne.CanvasObject {
	var shown fyne.CanvasObject = s.shown
	if s.tip != nil {
		shown = s.tip
	}
	left := container.NewBorder(nil, nil, nil, s.undo, shown)
	s.layout = &statusLayout{bar: s, measure: widget.NewLabel("")}
	s.layout.measure.Wrapping = fyne.TextWrapWord
	s.row = container.New(s.layout, left, s.file)
	return container.NewBorder(widget.NewSeparator(), nil, nil, nil, s.row)
}

// statusLayout gives the research file's path the width it needs, up to a
// third of the bar, and the message the rest: counts, timings and what
// happens next ("… · ranking…") are longer than a path, and with half each
// they were cut short. A message longer than its share has the whole bar
// (the window's title names the file), and wraps if it needs to.
type statusLayout struct {
	bar   *statusBar
	lines int // the lines the message was last laid out in
	// allowed is how many lines the window has room for; measuring is
	// set while the room is measured, the message counted as one line.
	allowed   int
	measuring bool
	// measure is a label never shown that wraps the message, to count its
	// lines as the message's label draws them. (The message's label does
	// not both wrap and cut with "…": Fyne 2.7 panics laying out a
	// wrapped, cut text in less than a line's height.)
	measure *widget.Label

	// counted caches the message's width on one line and its lines at a
	// width: the least size is asked for in every frame.
	counted struct {
		text            string
		size, width, at float32
		lines           int
		one, two        float32
	}
}

// fileWidth is the width the path gets beside the message in a bar width
// wide: 0 where the message needs more than what the path leaves.
func (l *statusLayout) fileWidth(width float32) float32 {
	f := l.bar.file
	if l.bar.path == "" {
		return 0
	}
	// A pixel spare: the painter rounds to whole pixels, and a text a
	// fraction too wide is cut to an ellipsis.
	text := measureText(l.bar.path, theme.TextSize(), f.TextStyle).Width
	need := float32(math.Ceil(float64(text))) + 1 + 2*theme.InnerPadding()
	fileW := min(need, width/3)
	if l.messageWidth()+l.undoWidth() > width-fileW {
		return 0
	}
	return fileW
}

// cache brings the cache up to the message and text size.
func (l *statusLayout) cache() {
	m, c := l.bar.message, &l.counted
	if size := theme.TextSize(); c.text != l.bar.full || c.size != size {
		c.text, c.size, c.at = l.bar.full, size, -1
		c.width = 0
		if c.text != "" {
			c.width = measureText(c.text, size, m.TextStyle).Width + 2*theme.InnerPadding() + 1
		}
		c.one = widget.NewLabel("X").MinSize().Height
		c.two = widget.NewLabel("X\nX").MinSize().Height
	}
}

// messageWidth is the width the message needs on one line.
func (l *statusLayout) messageWidth() float32 {
	l.cache()
	return l.counted.width
}

// undoWidth is the width the Undo button takes beside the message.
func (l *statusLayout) undoWidth() float32 {
	if !l.bar.undo.Visible() {
		return 0
	}
	return l.bar.undo.MinSize().Width + theme.Padding()
}

// needsAt is how many lines the message needs in a bar width wide.
func (l *statusLayout) needsAt(width float32) int {
	if width <= 0 || l.messageWidth() <= width-l.fileWidth(width)-l.undoWidth() {
		return 1
	}
	c := &l.counted
	w := width - l.undoWidth() // the path has given way
	if c.at != w {
		c.at = w
		if b := l.bar.shown; b.paras.Visible() {
			// Drawn as flow text (right-to-left words), the message's
			// lines are the flow text's: a label wraps some widths a line
			// sooner or later, and the bar had a blank line under a
			// Hebrew title, or cut its last line with "…" (found by the
			// hostile UI pass ui7).
			b.flow.mu.Lock()
			spans := b.flow.spans
			b.flow.mu.Unlock()
			c.lines = flowLineCount(spans, w, 0)
			return c.lines
		}
		l.measure.SetText(l.wrapped(w))
		l.measure.Resize(fyne.NewSize(w, c.one))
		extra := l.measure.MinSize().Height - c.one // a line each, past the first
		c.lines = 1 + int(math.Ceil(float64((extra-0.5)/(c.two-c.one))))
	}
	return c.lines
}

// linesAt is how many lines the message takes in a bar width wide: 1
// where it fits, or needs more than statusLines or the window has room
// for (cut with "…").
func (l *statusLayout) linesAt(width float32) int {
	if n := l.needsAt(width); n <= min(statusLines, l.allowed) {
		return n
	}
	return 1
}

// allow works out how many lines the window has room for, where the
// message needs more than one.
func (l *statusLayout) allow(width float32) {
	if l.needsAt(width) <= 1 {
		return
	}
	if l.bar.room == nil {
		l.allowed = statusLines
		return
	}
	l.measuring = true
	spare := l.bar.room()
	l.measuring = false
	c := &l.counted
	l.allowed = 1 + int(max(spare, 0)/(c.two-c.one))
}

// height is the bar's height for lines of message.
func (l *statusLayout) height(lines int) float32 {
	l.cache()
	c := &l.counted
	return c.one + float32(lines-1)*(c.two-c.one)
}

func (l *statusLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	// The width the bar has (the window's): the message's lines are
	// counted at it.
	lines := 1
	if !l.measuring {
		lines = l.linesAt(l.bar.row.Size().Width)
	}
	return fyne.NewSize(a.Width+b.Width, max(l.height(lines), b.Height))
}

func (l *statusLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.allow(size.Width)
	l.lines = l.linesAt(size.Width)
	m := l.bar.message
	wrap, cut := fyne.TextWrapOff, fyne.TextTruncateEllipsis
	if l.lines > 1 {
		wrap, cut = fyne.TextWrapWord, fyne.TextTruncateOff
	}
	if m.Wrapping != wrap || m.Truncation != cut {
		m.Wrapping, m.Truncation = wrap, cut
		m.Refresh()
	}
	l.bar.shown.flow.setMaxLines(l.lines)
	fileW := l.fileWidth(size.Width)
	l.fitNamed(size.Width - fileW - l.undoWidth())
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width-fileW, size.Height))
	objects[1].Move(fyne.NewPos(size.Width-fileW, 0))
	objects[1].Resize(fyne.NewSize(fileW, size.Height))
	if fileW > 0 {
		// Cut in its middle, where it must be: Fyne's ellipsis at its end
		// cut off the file's name, the part that says which file it is
		// ("/home/ana/research/x.dossi…", a UI pass).
		f := l.bar.file
		shown := fitMiddle(l.bar.path, fileW-2*theme.InnerPadding()-1, theme.TextSize(), f.TextStyle)
		if f.Text != shown {
			f.Text = shown
			f.Refresh()
		}
		objects[1].Show()
	} else {
		objects[1].Hide()
	}
}

// fitNamed shows the message in a width wide: where it is cut to one line,
// its named path is cut in its middle, the rest of the message and the
// path's file name kept (a right-to-left message, drawn as flow text, is
// cut at its end as before).
func (l *statusLayout) fitNamed(width float32) {
	b := l.bar
	shown := b.full
	if l.lines > 1 {
		shown = l.wrapped(width)
	}
	if at := b.namedAt(); l.lines <= 1 && at >= 0 && l.messageWidth() > width {
		rest := b.full[:at] + b.full[at+len(b.named):]
		shown = b.namedCut(at, width-2*theme.InnerPadding()-1-measureText(rest, theme.TextSize(), b.message.TextStyle).Width)
	}
	if b.message.Text != shown {
		b.shown.SetText(shown)
	}
}

// wrapped is the message as it wraps in a width wide: its named path, where
// wider than a line, cut in its middle to one line, its file name kept
// (whole, it was broken between letters, "20261207-063 / 817Z.dossier",
// and took a line more).
func (l *statusLayout) wrapped(width float32) string {
	b := l.bar
	at := b.namedAt()
	room := width - 2*theme.InnerPadding() - 1
	if at < 0 || measureText(b.named, theme.TextSize(), b.message.TextStyle).Width <= room {
		return b.full
	}
	return b.namedCut(at, room)
}

// namedAt is where the message's named path is in it; -1 where there is
// none to cut (none named, or a right-to-left message, drawn as flow text
// and cut at its end).
func (b *statusBar) namedAt() int {
	if b.named == "" || hasRTL(b.full) {
		return -1
	}
	return strings.LastIndex(b.full, b.named)
}

// namedCut is the message with its named path (at at) cut in its middle
// to room, its file name kept.
func (b *statusBar) namedCut(at int, room float32) string {
	return b.full[:at] + fitMiddle(b.named, room, theme.TextSize(), b.message.TextStyle) + b.full[at+len(b.named):]
}

// fitMiddle is the path s, or where it is wider than width, as much of
// its start and more of its end as fit beside an ellipsis in its middle:
// as much of its file name as fits, before more of its start.
func fitMiddle(s string, width, size float32, style fyne.TextStyle) string {
	if measureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	name := len([]rune(filepath.Base(s)))
	cut := func(keep int) string {
		head := max(min(keep/3, keep-name), min(1, keep/3))
		return string(r[:head]) + "…" + string(r[len(r)-(keep-head):])
	}
	lo, hi := 0, len(r)-1 // the most runes kept that fit: at least lo
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measureText(cut(mid), size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(lo)
}

// setMessage shows a message; any pending undo offer stays until the next
// offer or until it is used.
func (s *statusBar) setMessage(m string) {
	s.setMessageNaming(m, "")
}

// setMessageNaming shows a message that names path (a part of m): where
// the message is cut to one line, the path is cut in its middle, its file
// name kept.
func (s *statusBar) setMessageNaming(m, path string) {
	s.full, s.named = m, path
	s.hideTip()
	s.shown.SetText(m)
	s.fit()
}

// hideTip takes down the tip of a message that is going: it named a
// message no longer shown.
func (s *statusBar) hideTip() {
	if s.tip != nil {
		s.tip.layer.hide(s.tip)
	}
}

// fit lays the bar out again for its message: the window, if the message
// needs another number of lines than it has.
func (s *statusBar) fit() {
	if s.row == nil {
		return
	}
	s.layout.allow(s.row.Size().Width)
	if s.layout.linesAt(s.row.Size().Width) != s.layout.lines && s.relayout != nil {
		s.relayout()
		return
	}
	s.row.Refresh() // the path gives way to a longer message, or comes back
}

func (s *statusBar) setFile(path string) {
	s.path = path
	s.file.SetText(path)
	s.fit() // the path's width is laid out by its length
}

// themeChanged lays the bar out again: the path's width is its text's,
// which a text size changes even when the bar's own size does not.
func (s *statusBar) themeChanged() { s.fit() }

// offerUndo shows a message with an Undo button that runs undo once.
func (s *statusBar) offerUndo(msg string, undo func()) {
	s.full, s.named = msg, ""
	s.hideTip()
	s.shown.SetText(msg)
	s.undoFn = undo
	s.undo.Show()
	s.fit()
}

func (s *statusBar) clearUndo() {
	s.undoFn = nil
	s.undo.Hide()
	s.fit()
}
