package app

import (
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"dossier/store"
)

// shortcut is Ctrl+key (Cmd+key on macOS), with extra modifiers.
func shortcut(k fyne.KeyName, extra fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | extra}
}

// mainMenu builds File, Edit, Library, Go, View and Help. Shortcuts live on menu
// items so that they work even while the search box has focus.
func (u *UI) mainMenu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, action)
		m.Shortcut = sc
		return m
	}
	// modal is an item that does nothing while a dialog is open: a dialog
	// blocks the menus to the mouse, but their shortcuts still reach the
	// window, and would stack another dialog on it or change the research
	// file, the search or the passage the open dialog is about.
	modal := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		return item(label, sc, func() {
			if !u.dialogOpen() {
				action()
			}
		})
	}
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = u.recentMenu()

	// Every menu holds at most eight items, so that each fits below the
	// menu bar of an 800×600 screen at the largest text (a menu item is
	// 55 pixels tall there): File and Edit ran past the window's foot,
	// their last items out of sight with no sign of more (a UI pass). So
	// the documents of the library have a menu of their own.
	file := fyne.NewMenu("File",
		modal("New research file…", shortcut(fyne.KeyN, fyne.KeyModifierShift), u.showNewFileDialog),
		modal("Open research file…", shortcut(fyne.KeyO, fyne.KeyModifierShift), u.showOpenFileDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		modal("Back up now", nil, u.backUpNow),
		modal("Restore from backup…", nil, u.showRestoreDialog),
		fyne.NewMenuItemSeparator(),
		modal("Export…", shortcut(fyne.KeyE, 0), u.showExportDialog),
		fyne.NewMenuItemSeparator(),
		// Fyne adds a Quit without a shortcut on Linux; this one has Ctrl+Q.
		&fyne.MenuItem{Label: "Quit", IsQuit: true, Shortcut: shortcut(fyne.KeyQ, 0), Action: func() { quitApp(u) }},
	)

	undo, redo := u.historyItems()
	edit := fyne.NewMenu("Edit",
		undo, redo,
		fyne.NewMenuItemSeparator(),
		item("Copy passage with citation", shortcut(fyne.KeyC, fyne.KeyModifierShift), u.copyCitation),
		fyne.NewMenuItemSeparator(),
		modal("Bookmark passage…", shortcut(fyne.KeyD, 0), u.toggleBookmark),
		modal("Tag passage…", shortcut(fyne.KeyT, 0), u.showTagPicker),
		modal("Mark as claim…", shortcut(fyne.KeyK, 0), u.markClaim),
		modal("New actor or source…", nil, func() { u.showNewTagDialog("", nil) }),
		fyne.NewMenuItemSeparator(),
		modal("Save search…", shortcut(fyne.KeyS, 0), u.showSaveSearch),
	)

	library := fyne.NewMenu("Library",
		modal("Import documents…", shortcut(fyne.KeyO, 0), u.showImportDialog),
		modal("Import folder…", shortcut(fyne.KeyI, 0), u.showImportFolderDialog),
		modal("New document from clipboard…", nil, u.showPasteDialog),
		fyne.NewMenuItemSeparator(),
		// The document open in the reader, its title among them.
		modal("Document details…", nil, func() { u.showDocumentDetails(u.reader.doc) }),
		modal("Delete document…", nil, func() { u.deleteDocument(u.reader.doc) }),
	)

	goMenu := fyne.NewMenu("Go",
		modal("Find", shortcut(fyne.KeyF, 0), u.search.find),
		modal("Next result", shortcut(fyne.KeyN, 0), func() { u.results.move(+1) }),
		modal("Previous result", shortcut(fyne.KeyP, 0), func() { u.results.move(-1) }),
		fyne.NewMenuItemSeparator(),
		modal("Next hit in document", shortcut(fyne.KeyG, 0), func() { u.reader.stepHit(+1) }),
		modal("Previous hit in document", shortcut(fyne.KeyG, fyne.KeyModifierShift), func() { u.reader.stepHit(-1) }),
		fyne.NewMenuItemSeparator(),
		modal("Clear search", shortcut(fyne.KeyL, 0), u.search.onClear),
		fyne.NewMenuItem("Clear search history", u.clearSearchHistory),
	)

	themeItem := func(label, variant string) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, func() { u.setTheme(variant) })
		m.Checked = u.theme.variant == variant
		return m
	}
	groupItem := fyne.NewMenuItem("Group by document", func() { u.setGrouped(!u.results.grouped) })
	groupItem.Checked = u.results.grouped
	// The themes and the sidebar's sections are submenus: at the largest
	// text the View menu ran past a 768-pixel screen's foot and scrolled,
	// its last sections out of sight (a UI pass).
	themes := fyne.NewMenuItem("Theme", nil)
	themes.ChildMenu = fyne.NewMenu("",
		themeItem("System theme", themeSystem),
		themeItem("Light theme", themeLight),
		themeItem("Dark theme", themeDark),
	)
	// The sidebar first: its sections' submenu opened below the menu's
	// last item, and at the largest text ran past the window's foot and
	// scrolled (a UI pass). Like the File and Edit commands, these do
	// nothing while a dialog is open (Ctrl+B hid the sidebar behind one);
	// the text size still changes, for the dialog too.
	sidebarItem := modal("Sidebar", shortcut(fyne.KeyB, 0), func() {
		u.setSidebarShown(!u.sidebarPane.Visible())
		u.sayIfSidebarNarrow()
	})
	sidebarItem.Checked = u.sidebarPane.Visible()
	// The sidebar's sections, from the keyboard too (its buttons are icons);
	// a hidden sidebar shows again with the section asked for.
	sections := fyne.NewMenuItem("Sidebar section", nil)
	sections.ChildMenu = fyne.NewMenu("")
	for i, sec := range u.sidebar.sections {
		sections.ChildMenu.Items = append(sections.ChildMenu.Items, modal(sectionTitles[sec.name], shortcut(fyne.KeyName(strconv.Itoa(i+1)), 0), func() {
			u.showSection(i)
		}))
	}
	view := fyne.NewMenu("View",
		sidebarItem,
		sections,
		fyne.NewMenuItemSeparator(),
		themes,
		fyne.NewMenuItemSeparator(),
		item("Larger text", shortcut(fyne.KeyEqual, 0), func() { u.stepTextScale(textScaleStep) }),
		item("Smaller text", shortcut(fyne.KeyMinus, 0), func() { u.stepTextScale(-textScaleStep) }),
		item("Actual size", shortcut(fyne.Key0, 0), func() { u.toTextScale(defaultTextScale) }),
		fyne.NewMenuItemSeparator(),
		groupItem,
	)

	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Search syntax", u.showSearchHelp),
		fyne.NewMenuItem("Keyboard shortcuts", u.showShortcutsHelp),
		fyne.NewMenuItem("About Dossier", u.showAbout),
	)
	return fyne.NewMainMenu(file, edit, library, goMenu, view, help)
}

// showSection shows the sidebar's section i, and the sidebar where it was
// hidden. The section first: shown with the section it had, the sidebar
// gave way where that one did not fit, and stayed hidden for one that did
// (Claims, then the Library, on a 640×480 screen; a hostile UI pass).
func (u *UI) showSection(i int) {
	u.sidebar.show(i)
	u.setSidebarShown(true)
	u.sayIfSidebarNarrow()
}

// sayIfSidebarNarrow says, when the sidebar just shown has only its
// narrow least width (the panes narrowed to fit: at text 1.8 on an 800×600
// screen, names cut to "An…"), what gives it room; it said nothing (a
// hostile UI pass).
func (u *UI) sayIfSidebarNarrow() {
	if u.sidebarPane.Visible() && u.narrow && u.status.text() != sidebarNoRoomMessage {
		u.status.setMessage(sidebarNarrowMessage)
	}
}

// sidebarNarrowMessage says the sidebar is squeezed, and what would give
// it room.
const sidebarNarrowMessage = "Sidebar narrow: Ctrl+- makes the text smaller, Ctrl+B hides it."

// setSidebarShown shows or hides the sidebar, as View → Sidebar (Ctrl+B)
// does, and remembers it: hidden, the results and the reader take its
// room (on a small screen at large text the reader was a few words wide).
func (u *UI) setSidebarShown(on bool) {
	u.app.Preferences().SetBool(prefSidebarHidden, !on)
	if u.sidebarPane.Visible() == on {
		return
	}
	u.placeSidebar(on)
	// Shown, it may need the panes narrowed or a larger window; hidden,
	// the window can give back what it took (it stayed past the screen's
	// foot; a UI pass).
	u.refitToScreen()
}

// placeSidebar shows or hides the sidebar and lays the window out again.
func (u *UI) placeSidebar(on bool) {
	if on {
		u.sidebarPane.Show()
		// Said when it was hidden to fit, it stayed under the sidebar
		// shown again (found checking the claims section's fit).
		if m := u.status.text(); m == sidebarHiddenMessage || m == sidebarNoRoomMessage {
			u.status.setMessage("")
		}
	} else {
		if u.status.text() == sidebarNarrowMessage {
			u.status.setMessage("") // of a sidebar no longer there
		}
		u.sidebarPane.Hide()
		u.tips.hideAll() // a tip over a section no longer there
	}
	u.sidebarSplit.Refresh()
	u.refreshMenu()
}

// hideSidebarToFit hides the sidebar for a window that larger text made
// larger than the screen, and says so and how to bring it back; not
// remembered: at a smaller text size it comes back with the next start.
func (u *UI) hideSidebarToFit() {
	u.placeSidebar(false)
	u.status.setMessage(sidebarHiddenMessage)
}

// sidebarHiddenMessage says the sidebar was hidden to fit the screen.
const sidebarHiddenMessage = "Sidebar hidden: Ctrl+B shows it."

// fitBySidebar hides the sidebar when larger text made the window's least
// size larger than the screen (Fyne then keeps the window past its edge),
// and reports whether it did. Only after the text grew (or at start): a
// sidebar the user brings back stays.
func (u *UI) fitBySidebar(least, screen fyne.Size) bool {
	grew := u.textGrew
	u.textGrew = false
	if !grew || !u.sidebarPane.Visible() || screen.Width <= 0 || screen.Height <= 0 {
		return false
	}
	// Too large for the screen, or fitting it with a reader too narrow
	// to read (at 800×600 and text 1.8 the window fitted, 786 pixels
	// wide, beside a reader of 7 characters; found by a UI pass).
	narrow := u.reader.scroll.Size().Width > 0 && u.reader.scroll.Size().Width < readerNeeds()
	if least.Width <= screen.Width && least.Height <= screen.Height && !narrow {
		return false
	}
	u.hideSidebarToFit()
	return true
}

// refreshMenu rebuilds the menu (check marks, recent files).
func (u *UI) refreshMenu() { u.win.SetMainMenu(u.mainMenu()) }

// setTheme switches between system, light and dark, and remembers it.
// The theme already set changes nothing: it re-laid the whole window out
// (about a second of CPU in a full window) for no change.
func (u *UI) setTheme(variant string) {
	if variant == u.theme.variant {
		return
	}
	u.theme.variant = variant
	u.app.Preferences().SetString(prefTheme, variant)
	u.applyTheme()
	u.refreshMenu()
}

// textStep is a text-size change asked for (Ctrl+=, Ctrl+-, Ctrl+0) and
// not yet applied. A step holds the UI goroutine for about half a second
// (Fyne lays out and measures all the window's text again), and each was
// applied in turn: sixteen quick presses, or a key held down, froze the
// window for some 30 s under Xvfb, a dialog's Esc and Cancel waiting
// behind them (a hostile UI pass). Steps asked for while one waits add up
// to its target, and are applied as one.
type textStep struct {
	pending bool
	target  float32
}

// stepTextScale makes the text a step larger (by > 0) or smaller than the
// size last asked for.
func (u *UI) stepTextScale(by float32) {
	from := u.theme.scale
	if u.textStep.pending {
		from = u.textStep.target
	}
	u.toTextScale(from + by)
}

// toTextScale asks for the text size scale, applied once the window is
// free (at once if nothing else waits).
func (u *UI) toTextScale(scale float32) {
	u.textStep.target = min(max(scale, minTextScale), maxTextScale)
	if u.textStep.pending {
		return
	}
	u.textStep.pending = true
	u.work.soon(func() {
		u.textStep.pending = false
		u.setTextScale(u.textStep.target)
	})
}

// textScaleObserver, when set, is told each text size applied. For tests.
var textScaleObserver func(scale float32)

// setTextScale changes the text size within sensible bounds; the size it
// has already (Ctrl+= at the largest) changes nothing: it re-laid the
// whole window out for nothing.
func (u *UI) setTextScale(scale float32) {
	scale = min(max(scale, minTextScale), maxTextScale)
	if math.Abs(float64(scale-u.theme.scale)) < 0.001 {
		return
	}
	if observe := textScaleObserver; observe != nil {
		observe(scale)
	}
	u.textGrew = scale > u.theme.scale
	u.growth.forget()
	u.theme.scale = scale
	u.app.Preferences().SetFloat(prefTextScale, float64(scale))
	u.applyTheme()
	// Hidden to fit larger text, the sidebar comes back with smaller text
	// where it fits (it gives way again where not): the status line said
	// "Ctrl+- makes the text smaller", and after it the sidebar stayed
	// hidden and the message stayed (a hostile UI pass).
	if !u.textGrew && !u.sidebarPane.Visible() && !u.app.Preferences().Bool(prefSidebarHidden) {
		if m := u.status.text(); m == sidebarNoRoomMessage || m == sidebarHiddenMessage {
			u.placeSidebar(true)
			u.refitToScreen()
		}
	}
}

// applyTheme re-installs the theme so every widget repaints. The reader's
// focus colour is painted by us, so it is repainted too.
func (u *UI) applyTheme() {
	top := u.reader.topRow() // larger or smaller text moves every row: keep the reader's place
	t := *u.theme
	u.theme = &t
	setThemeInContext(u.app, u.win, u.theme)
	for i := range u.reader.rows {
		u.reader.paint(i)
	}
	if top >= 0 {
		u.reader.scrollTo(top)
	}
	u.reader.titleToTop() // at another size its lines fall elsewhere: cut in half
	u.results.themeChanged()
	u.claims.themeChanged()
	u.status.themeChanged()
	// A tip drawn at the old size stayed, a large empty box over the
	// reader (found by a UI pass); the next rest of the pointer shows it
	// again at the new size.
	u.tips.hideAll()
	u.refitToScreen()
}

// copyCitation copies the reader's current passage, quoted, with its
// citation.
func (u *UI) copyCitation() {
	p, ok := u.reader.currentPassage()
	if !ok {
		u.status.setMessage(u.reader.choosePassageFirst("copy it with its citation"))
		return
	}
	// The selection, where there is one, as Ctrl+D bookmarks it: the
	// whole paragraph was copied around a selected sentence (a
	// researcher's pass).
	span := u.reader.selectedSpan(p)
	q := store.QuotePassage(u.reader.doc, p, span, u.reader.docText, u.reader.noteRefs)
	outline := u.reader.citeOutline()
	q.Section = outline.SectionOf(p.Ordinal)
	q.Volume = outline.VolumeOf(p.Ordinal)
	u.app.Clipboard().SetContent(q.Citation())
	what := fmt.Sprintf("passage %d", p.Ordinal)
	if span != nil {
		what = "the selection in " + what
	}
	u.status.setMessage(fmt.Sprintf("Copied %s of %s with its citation.", what, u.docNamed(u.reader.doc.ID, u.reader.doc.Title)))
}

// searchHelp is the Help → Search syntax text.
const searchHelp = `**Words** — all must appear: ` + "`putin kilimnik`" + `

**Phrases** — in quotes: ` + "`\"influence operations\"`" + `

**Prefixes** — a star after at least two letters: ` + "`sanction*`" + `. While you type, a last word that matches nothing is read as a prefix (` + "`kilim`" + ` finds Kilimnik); the results say so.

**Either** — OR between alternatives: ` + "`iran OR china`" + `

**Exclude** — a minus (or NOT) before a word or phrase: ` + "`putin -trump`" + `

**Near each other** — words within 10 words of each other: ` + "`NEAR(putin biden, 10)`" + `, or ` + "`putin NEAR/10 biden`" + ` (NEAR alone means 10). Phrases and prefixes work inside: ` + "`NEAR(\"influence operations\" biden)`" + `

**Filter by document** — part of its title, file name, source or author: ` + "`doc:interference`" + `, ` + "`doc:\"seed-article\"`" + `

**Filter by page** — in paged documents (PDF), passages starting on a page or a range of pages: ` + "`page:7`" + `, ` + "`page:3-9`" + `. A text document's passages have no page and never match. Results, the reader's margin and citations show the page as p. 7.

**Filter by tag** — ` + "`actor:kilimnik`" + `, ` + "`source:\"intelligence report\"`" + `, ` + "`tag:putin`" + ` (whole name or alias); ` + "`is:bookmarked`" + `, ` + "`has:note`" + `, ` + "`is:tagged`" + `, ` + "`is:suggested`" + `, ` + "`is:footnote`" + ` (a report's footnotes, ranked below its body text). A minus negates a filter: ` + "`-actor:putin`" + `, ` + "`putin -is:footnote`" + `. An actor, source or tag filter marks the mentions it matched.

**Filter by claim** — passages holding a claim (suggested or accepted): ` + "`is:claim`" + `; by its source, name or alias: ` + "`by:\"anonymous sources\"`" + `; about an actor: ` + "`about:putin`" + `; by its likelihood on the ICD 203 scale (almost-no-chance … almost-certain): ` + "`likelihood:likely`" + `, ` + "`likelihood:>=likely`" + `, ` + "`likelihood:none`" + `; by confidence: ` + "`confidence:high`" + `; by stance: ` + "`stance:denies`" + `. They combine with words and the other filters.

**Claims view** — the speech-bubble button in the sidebar lists claims as a ledger in place of the results, grouped by source or actor; the section's filter takes the claim filters above. Click a column's header to sort (again to reverse), ✓ / ✗ on a row to accept or reject a claim (a suggestion ends in ?), a row to read its passage. Corroboration… shows claims × sources: ✓ asserts, ✗ denies, claims linked as the same on one row.

**Colons** — a word like foo:bar is read as a filter, so an unknown one says so; quote it to search for the text: ` + "`\"foo:bar\"`" + `. Times (` + "`10:30`" + `) and web addresses (https://…) are searched as text.

**Word forms** — searches match common English word forms (` + "`sanctions`" + ` finds sanctioned). Stemming is a rule of thumb: interference and interfered stem differently, so search ` + "`interfer*`" + ` to find every form. Accents and case are ignored (` + "`café`" + ` finds cafe).

**Keys** — Ctrl+F search · ↑ ↓ move through results (in an empty box: through recent searches) · Enter opens · Esc clears · Ctrl+G / Ctrl+Shift+G next / previous hit in the reader · Ctrl+K marks the reader's selection (or focused passage) as a claim, or opens the claim there.`

func (u *UI) showSearchHelp() {
	if u.raiseDialog("help") {
		return
	}
	scroll := container.NewVScroll(helpContent(searchHelp))
	scroll.SetMinSize(fyne.NewSize(560, 420))
	d := u.customDialog("Search syntax", "Close", scroll)
	u.trackDialog("help", d, d.Hide, nil)
	u.keysScroll(scroll)
}
