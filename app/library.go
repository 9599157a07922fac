package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// libraryView is the sidebar: the documents in the research file with their
// passage counts. It is a stack of sections so that bookmarks, actors,
// sources and saved searches can join it.
type libraryView struct {
	ui      *UI
	heading *widget.Label
	list    *widget.List
	docs    []store.Document
	// versions are the documents whose title another has (an edited file
	// imported again keeps the earlier version), by id: their rows, and
	// their hits' (resultsView.hitPlace), say which version each is and
	// when it was imported, or they could not be told apart.
	versions map[int64]docVersion
	// readErr is why the library could not be read (nil: it was, or has
	// not been yet): the window said "The library is empty" of a file
	// whose documents another program had written a value into that
	// Dossier cannot read (a hostile pass).
	readErr error
	// read says the documents have been read (or found unreadable) since
	// the window opened: until then the window said "The library is
	// empty" of a file of six documents for the seconds the first read
	// took on a busy machine (a hostile UI pass).
	read bool

	importButton *widget.Button
}

func newLibraryView(u *UI) *libraryView {
	l := &libraryView{ui: u}
	l.heading = widget.NewLabelWithStyle("Library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.list = widget.NewList(
		func() int { return len(l.docs) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			count := widget.NewLabel("")
			count.Importance = widget.LowImportance
			stamp := widget.NewLabel("")
			stamp.Importance = widget.LowImportance
			stamp.Truncation = fyne.TextTruncateEllipsis
			stamp.Hide()
			// A title cut short shows in full when the pointer rests on it.
			tip := newHoverTip(u, title)
			return newMenuRow(container.New(&libraryRowLayout{}, tip, widget.NewIcon(theme.DocumentIcon()), count, stamp))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(l.docs) {
				return
			}
			d := l.docs[id]
			row := o.(*menuRow)
			row.open = func() { u.reader.openDocument(d.ID) }
			row.menu = func(pos fyne.Position) {
				u.showMenu(u.documentMenu(d), u.win.Canvas(), pos)
			}
			c := row.content.(*fyne.Container)
			tip := c.Objects[0].(*hoverTip)
			tip.setText(showable(d.Title))
			// Cut short, the title shows in its tip with its stamp.
			whole := showable(l.rowTitle(d))
			tip.whole = func() (string, bool) { return whole, tip.labelCut() }
			c.Objects[2].(*widget.Label).SetText(thousands(d.Passages))
			lay := c.Layout.(*libraryRowLayout)
			lay.stamps = nil
			if v, ok := l.versions[d.ID]; ok {
				lay.stamps = v.stamps()
			}
			c.Refresh()
		},
	)
	l.list.OnSelected = func(id widget.ListItemID) {
		if id < len(l.docs) {
			u.reader.openDocument(l.docs[id].ID)
		}
		l.list.UnselectAll()
	}
	return l
}

func (l *libraryView) content() fyne.CanvasObject {
	l.importButton = widget.NewButtonWithIcon("Import…", theme.ContentAddIcon(), l.ui.showImportDialog)
	l.importButton.Importance = widget.LowImportance
	header := container.New(&besideLayout{narrow: &l.ui.narrow}, l.heading, l.importButton)
	return container.NewBorder(header, nil, nil, nil, l.list)
}

// rowTitle is a document's title in its row: with its version and import
// time when another document has the same title.
func (l *libraryView) rowTitle(d store.Document) string {
	if v, ok := l.versions[d.ID]; ok {
		return d.Title + " · " + v.whole()
	}
	return d.Title
}

func (l *libraryView) setDocuments(docs []store.Document) {
	l.docs, l.readErr, l.read = docs, nil, true
	l.versions = documentVersions(docs)
	l.ui.reader.refreshMeta()
	l.heading.SetText(fmt.Sprintf("Library (%d)", len(docs)))
	if l.ui.broken != nil {
		// The empty stand-in's: "(0)" read as a library lost.
		l.heading.SetText("Library")
	}
	l.list.Refresh()
	l.ui.tips.hideAll()
}

// setUnreadable shows that the library could not be read, and why.
func (l *libraryView) setUnreadable(err error) {
	l.docs, l.readErr, l.versions, l.read = nil, err, nil, true
	l.heading.SetText("Library (unreadable)")
	l.list.Refresh()
	l.ui.tips.hideAll()
}
