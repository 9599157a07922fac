package app

// Links between claims, in the claim dialog: the claims linked to this one
// as the same assertion or as contradicting it, each with Unlink, and a
// picker of other claims (searchable by their words, source and document)
// to link one more.

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// Link kinds as the window names them.
const (
	linkSameLabel        = "same assertion"
	linkContradictsLabel = "contradicts"
)

// claimLinks is the dialog's Links section for claim c; it refills itself
// after each link or unlink.
func (u *UI) claimLinks(c store.Claim, linked []store.Claim) fyne.CanvasObject {
	rows := container.NewVBox()
	var fill func(c store.Claim, linked []store.Claim)
	reload := func() {
		call(u, func(ctx context.Context, st *store.Store) (*store.ClaimForm, error) {
			return st.ReadClaimForm(ctx, c.ID)
		}, func(f *store.ClaimForm) { fill(*f.Claim, f.Linked) })
	}
	fill = func(c store.Claim, linked []store.Claim) {
		rows.Objects = nil
		for _, l := range linked {
			kind := "Same assertion as"
			for _, id := range c.Contradicts {
				if id == l.ID {
					kind = "Contradicted by"
				}
			}
			text := oneLine("")
			text.SetNamed(kind+" ", claimSourceName(l), fmt.Sprintf(": “%s”", wording.Brief(l.Text, 120)))
			other := l.ID
			unlink := u.newDialogButton("Unlink", theme.ContentClearIcon(), func() {
				u.apply(change{label: "unlink claims", done: "Claims unlinked", after: reload,
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						cc, err := st.UnlinkClaimsUndoable(ctx, c.ID, other)
						return claimFns(cc), err
					}})
			})
			unlink.Importance = widget.LowImportance
			rows.Add(container.NewBorder(nil, nil, nil, unlink, text))
		}
		if len(linked) == 0 {
			none := widget.NewLabel("Not linked to other claims.")
			none.Importance = widget.LowImportance
			rows.Add(none)
		}
		rows.Refresh()
	}
	fill(c, linked)
	add := u.newDialogButton("Link to another claim…", theme.ContentAddIcon(), func() { u.showClaimLinkPicker(c, reload) })
	heading := widget.NewLabelWithStyle("Links", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// Links are saved as they are made, not with the dialog's button: say
	// so, or Cancel looks as if it would drop them.
	saved := widget.NewLabel("Saved as you link or unlink; Edit → Undo takes one back.")
	saved.Importance = widget.LowImportance
	saved.Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, heading, add), rows, saved)
}

// claimSourceName is who asserts a claim, for a line about it.
func claimSourceName(c store.Claim) string {
	if c.Source == "" {
		return "(no source)"
	}
	return wording.Brief(c.Source, 40)
}

// claimMatches reports whether every word typed is in the claim's words,
// its source or its document's title.
func claimMatches(c store.Claim, typed string) bool {
	hay := strings.ToLower(c.Text + " " + c.Source + " " + c.DocumentTitle)
	for _, w := range strings.Fields(strings.ToLower(typed)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// showClaimLinkPicker lists the other claims (suggested and accepted) to
// link claim c to, as the same assertion or contradicting it; done runs
// once the link is made.
func (u *UI) showClaimLinkPicker(c store.Claim, done func()) {
	if u.raiseDialog("claim-link") {
		return
	}
	call(u, func(ctx context.Context, st *store.Store) ([]store.Claim, error) {
		return st.Claims(ctx, store.ClaimQuery{})
	}, func(all []store.Claim) { u.claimLinkPicker(c, all, done) })
}

func (u *UI) claimLinkPicker(c store.Claim, all []store.Claim, done func()) {
	var others, shown []store.Claim
	for _, o := range all {
		if o.ID != c.ID {
			others = append(others, o)
		}
	}
	var d dialog.Dialog
	kind := u.newSelectChoice([]string{linkSameLabel, linkContradictsLabel}, linkSameLabel)
	entry := u.newField()
	entry.SetPlaceHolder("Type words of the claim, its source or document…")
	link := func(o store.Claim) {
		d.Hide()
		k := store.LinkSame
		if kind.Selected == linkContradictsLabel {
			k = store.LinkContradicts
		}
		u.apply(change{label: "link claims", done: "Claims linked", after: done,
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				cc, err := st.LinkClaimsUndoable(ctx, c.ID, o.ID, k)
				return claimFns(cc), err
			}})
	}
	list := u.newDialogList(
		func() int { return len(shown) },
		func() fyne.CanvasObject {
			head := widget.NewLabel("")
			head.TextStyle = fyne.TextStyle{Bold: true}
			head.Truncation = fyne.TextTruncateEllipsis
			line := newBidiLabel(head) // a Hebrew source reads right to left, the title quoted in its own order
			line.quotesIsolated = true
			return container.NewVBox(line, oneLine(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(shown) {
				return
			}
			cl := shown[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*bidiLabel).SetNamed("", claimSourceName(cl), fmt.Sprintf(" — %s of “%s”", u.placeIn(cl.DocumentID, cl.Page, cl.Ordinal), cl.DocumentTitle))
			box.Objects[1].(*bidiLabel).SetText("“" + wording.Brief(cl.Text, 160) + "”")
		},
	)
	list.enterPicks = true
	list.OnSelected = func(id widget.ListItemID) {
		if id < len(shown) {
			link(shown[id])
		}
	}
	filter := func(text string) {
		shown = shown[:0]
		for _, o := range others {
			if claimMatches(o, text) {
				shown = append(shown, o)
			}
		}
		list.Refresh()
	}
	entry.OnChanged = filter
	filter("")
	submit := func() {
		if len(shown) > 0 {
			link(shown[0])
		}
	}
	what := widget.NewLabel("Link “" + wording.Brief(c.Text, 80) + "” to:")
	what.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(what, container.NewBorder(nil, nil, widget.NewLabel("As"), nil, kind), entry)
	// As wide as larger text needs (a claim's source and place share a
	// line), within the window.
	w := min(560*theme.TextSize()/theme.DefaultTheme().Size(theme.SizeNameText), u.win.Canvas().Size().Width-80)
	d = u.customDialog("Link claim", "Cancel", atLeast(max(w, 560), 420, container.NewBorder(top, nil, nil, nil, list)))
	u.trackDialog("claim-link", d, submit, entry)
}
