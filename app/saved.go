package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/query"
)

// savedView lists saved searches; selecting one runs it.
type savedView struct {
	ui       *UI
	heading  *widget.Label
	list     *widget.List
	empty    *hint
	searches []store.SavedSearch

	history        *widget.List // recent queries (history.go)
	historyHeading *widget.Label
	historyEmpty   *hint
}

func newSavedView(u *UI) *savedView {
	v := &savedView{ui: u}
	v.heading = widget.NewLabelWithStyle("Saved searches", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.empty = newHint("No saved searches.\nSearch, then Edit → Save search… (Ctrl+S) to keep the query here.")
	v.list = widget.NewList(
		func() int { return len(v.searches) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle = fyne.TextStyle{Bold: true}
			name.Truncation = fyne.TextTruncateEllipsis
			q := widget.NewLabel("")
			q.Importance = widget.LowImportance
			q.Truncation = fyne.TextTruncateEllipsis
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			del.Importance = widget.LowImportance
			rename := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil)
			rename.Importance = widget.LowImportance
			// A Hebrew or Arabic name or query reads right to left, as
			// the History's do: labels drew them in stored order, the
			// spaces misplaced (found by the hostile UI pass ui6).
			return container.NewBorder(nil, nil, nil, container.NewHBox(rename, del), container.NewVBox(newBidiLabel(name), newBidiLabel(q)))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.searches) {
				return
			}
			ss := v.searches[id]
			c := o.(*fyne.Container)
			vb := c.Objects[0].(*fyne.Container)
			vb.Objects[0].(*bidiLabel).SetText(ss.Name)
			vb.Objects[1].(*bidiLabel).SetText(ss.Query)
			buttons := c.Objects[1].(*fyne.Container).Objects
			buttons[0].(*widget.Button).OnTapped = func() { u.renameSavedSearch(ss) }
			buttons[1].(*widget.Button).OnTapped = func() {
				u.apply(change{label: "delete saved search", done: fmt.Sprintf("Deleted saved search “%s”", ss.Name), offer: true,
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						return savedFns(st.DeleteSavedSearchUndoable(ctx, ss.ID))
					}})
			}
		},
	)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id < len(v.searches) {
			u.search.setQuery(v.searches[id].Query)
		}
		v.list.UnselectAll()
	}
	return v
}

func (v *savedView) content() fyne.CanvasObject {
	saved := container.NewBorder(v.heading, nil, nil, nil, container.NewStack(v.list, v.empty.box))
	split := container.NewVSplit(saved, v.historyPane())
	split.Offset = 0.5
	return split
}

func (v *savedView) refresh() {
	st, gen := v.ui.store()
	v.ui.work.run(func() func() {
		searches, err := st.SavedSearches(context.Background())
		return func() {
			if !v.ui.current(gen) || err != nil {
				return
			}
			v.searches = searches
			v.heading.SetText(fmt.Sprintf("Saved searches (%d)", len(searches)))
			if v.ui.broken != nil {
				// The empty stand-in's (see bookmarksView.refresh).
				v.heading.SetText("Saved searches")
				v.empty.Hide()
			} else if len(searches) == 0 {
				v.empty.Show()
			} else {
				v.empty.Hide()
			}
			v.list.Refresh()
		}
	})
}

// showSaveSearch names and saves the current query.
func (u *UI) showSaveSearch() {
	q := u.search.query()
	if q == "" {
		u.status.setMessage("Type a search first, then save it.")
		return
	}
	if u.refuseReadOnly() || u.raiseDialog("save-search") {
		return
	}
	// A query the search refuses (too many terms, an unknown filter) was
	// saved all the same, to fail each time it was chosen (a hostile UI
	// pass).
	if _, err := query.Parse(q); err != nil {
		u.showError(fmt.Errorf("this search cannot be saved. %v", err)) // shown capitalised
		return
	}
	name := u.newField()
	name.SetText(q)
	u.showKeyed(keyedDialog{
		name: "save-search", title: "Save search", ok: "Save", cancel: "Cancel", focus: name,
		body: widget.NewForm(
			widget.NewFormItem("Name", name),
			widget.NewFormItem("Query", queryLabel(q)),
		),
		size:     fyne.NewSize(460, 0),
		validate: func() error { return needsName(name.Text, "a saved search needs a name") },
		onOK: func() {
			n := strings.TrimSpace(name.Text)
			u.search.history.record(q)
			u.apply(change{label: "save search", done: fmt.Sprintf("Saved “%s”", n),
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return savedFns(st.SaveSearchUndoable(ctx, n, q))
				}})
			u.sidebar.showNamed("saved")
		},
	})
	name.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces the suggested name
}

// savedFns undo and redo a saved-search change.
func savedFns(c store.SavedSearchChange, err error) (undoFns, error) {
	return undoFns{
		undo: func(ctx context.Context, st *store.Store) error { return st.UndoSavedSearch(ctx, c) },
		redo: func(ctx context.Context, st *store.Store) error { return st.RedoSavedSearch(ctx, c) },
	}, err
}

// queryLabel shows a query in a dialog, wrapped and cut short: on one line
// a query of up to 1,000 characters made the Save search and Rename saved
// search dialogs wider than the window, cut at its right edge.
func queryLabel(q string) *widget.Label {
	l := widget.NewLabel(wording.Brief(q, queryLabelChars))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// queryLabelChars is as much of a query as queryLabel shows: some five
// lines at the largest text in a dialog an 800×600 screen holds.
const queryLabelChars = 100

// renameSavedSearch asks for a new name for a saved search.
func (u *UI) renameSavedSearch(ss store.SavedSearch) {
	if u.refuseReadOnly() || u.raiseDialog("rename-search") {
		return
	}
	name := u.newField()
	name.SetText(ss.Name)
	u.showKeyed(keyedDialog{
		name: "rename-search", title: "Rename saved search", ok: "Rename", cancel: "Cancel", focus: name,
		body:     widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Query", queryLabel(ss.Query))),
		size:     fyne.NewSize(460, 0),
		validate: func() error { return needsName(name.Text, "a saved search needs a name") },
		onOK: func() {
			n := name.Text
			u.apply(change{label: "rename saved search", done: fmt.Sprintf("Renamed “%s” to “%s”", ss.Name, strings.TrimSpace(n)),
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return savedFns(st.RenameSavedSearch(ctx, ss.ID, n))
				}})
		},
	})
	name.TypedShortcut(&fyne.ShortcutSelectAll{})
}
