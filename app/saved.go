package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// savedView lists saved searches; selecting one runs it.
type savedView struct {
	ui       *UI
	heading  *widget.Label
	list     *widget.List
	empty    *widget.Label
	searches []store.SavedSearch
}

func newSavedView(u *UI) *savedView {
	v := &savedView{ui: u}
	v.heading = widget.NewLabelWithStyle("Saved searches", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.empty = widget.NewLabel("No saved searches.\nSearch, then Edit → Save search…\n(Ctrl+S) to keep the query here.")
	v.empty.Importance = widget.LowImportance
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
			return container.NewBorder(nil, nil, nil, del, container.NewVBox(name, q))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.searches) {
				return
			}
			ss := v.searches[id]
			c := o.(*fyne.Container)
			vb := c.Objects[0].(*fyne.Container)
			vb.Objects[0].(*widget.Label).SetText(ss.Name)
			vb.Objects[1].(*widget.Label).SetText(ss.Query)
			c.Objects[1].(*widget.Button).OnTapped = func() {
				u.mutate(fmt.Sprintf("Deleted saved search “%s”", ss.Name), func(st *store.Store) error {
					return st.DeleteSavedSearch(context.Background(), ss.ID)
				})
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
	return container.NewBorder(v.heading, nil, nil, nil, container.NewStack(v.list, container.NewPadded(v.empty)))
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
			if len(searches) == 0 {
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
	name := u.newField()
	name.SetText(q)
	u.showKeyed(keyedDialog{
		name: "save-search", title: "Save search", ok: "Save", cancel: "Cancel", focus: name,
		body: widget.NewForm(
			widget.NewFormItem("Name", name),
			widget.NewFormItem("Query", widget.NewLabel(q)),
		),
		size: fyne.NewSize(460, 0),
		onOK: func() {
			n := strings.TrimSpace(name.Text)
			if n == "" {
				u.status.setMessage("Not saved: a saved search needs a name.")
				return
			}
			u.mutate(fmt.Sprintf("Saved “%s”", n), func(st *store.Store) error { return st.SaveSearch(context.Background(), n, q) })
			u.sidebar.showNamed("saved")
		},
	})
	name.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces the suggested name
}
