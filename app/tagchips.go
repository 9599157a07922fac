package app

// The reader's tag chips: one per tag on a passage (or its document), or
// per name where tags share one, with a menu to filter by it and decide on
// it.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"dossier/internal/wording"
	"dossier/store"
)

// chipsFor builds the tag chips of a passage. A suggested tag shows with a
// question mark; tapping a chip offers to filter by it, accept or reject the
// suggestion, or remove the tag. Tags of one name (an actor and the source
// named after it) share a chip: two chips reading alike tell nothing apart.
func (r *readerView) chipsFor(p store.Passage) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, same := range sameNamed(r.ptags[p.ID]) {
		out = append(out, r.tagChip(p, same))
	}
	return out
}

// sameNamed groups tags by name, in any case, in the order they come.
func sameNamed(tags []store.PassageTag) [][]store.PassageTag {
	var groups [][]store.PassageTag
	for _, pt := range tags {
		i := slices.IndexFunc(groups, func(g []store.PassageTag) bool { return strings.EqualFold(g[0].Name, pt.Name) })
		if i < 0 {
			groups = append(groups, []store.PassageTag{pt})
		} else {
			groups[i] = append(groups[i], pt)
		}
	}
	return groups
}

// allPending reports whether tags of one name are all suggestions: their
// chip says "?" until one is accepted.
func allPending(same []store.PassageTag) bool {
	return !slices.ContainsFunc(same, func(t store.PassageTag) bool { return t.State != store.StatePending })
}

// tagChip is the chip of tags of one name: suggested (? and italics) while
// none is accepted, "(document)" when all are on the whole document.
func (r *readerView) tagChip(p store.Passage, same []store.PassageTag) fyne.CanvasObject {
	pt := same[0]
	pending := allPending(same)
	document := !slices.ContainsFunc(same, func(t store.PassageTag) bool { return !t.Document })
	var after string
	if pending {
		after += " ?"
	}
	if document {
		after += " (document)"
	}
	var chip *tapArea
	// Tinted with the tag's colour, its text readable in either theme
	// (palette.go); a suggestion is set in italics, not in a faint grey.
	bgColor, fgColor := themeChipColors(tagColor(pt.Tag))
	style := fyne.TextStyle{Bold: true}
	if pending {
		style = fyne.TextStyle{Italic: true}
	}
	// Too wide for the reader (a long name at the largest text size), the
	// name ends in "…" and shows whole under the pointer.
	text := newFitTip(r.ui, newFitTextNamed("", pt.Name, after, theme.SizeNameCaptionText, style, fgColor))
	dot := canvas.NewCircle(tagColor(pt.Tag))
	bg := canvas.NewRectangle(bgColor)
	bg.CornerRadius = 8
	dotBox := container.NewCenter(container.NewGridWrap(fyne.NewSize(7, 7), dot))
	inner := container.NewBorder(nil, nil, dotBox, nil, text)
	chip = newTapArea(container.NewStack(bg, container.New(&padLayout{h: 6, v: 2}, inner)), func() { r.chipMenu(chip, p, same) })
	return chip
}

// chipMenu offers a chip's actions; for tags of one name, each tag's
// under its family ("Accept suggestion (source)").
func (r *readerView) chipMenu(chip fyne.CanvasObject, p store.Passage, same []store.PassageTag) {
	u := r.ui
	filter := filterFor(same[0].Tag)
	if len(same) > 1 {
		filter = "tag:" + strings.TrimPrefix(filter, same[0].Family+":") // either family
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(chip)
	if c == nil {
		return
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(menuNamed(c, "Show passages with ", same[0].Name, ""), func() { u.search.setQuery(filter) }),
	}
	for _, pt := range same {
		which := ""
		if len(same) > 1 {
			which = " (" + pt.Family + ")"
		}
		items = append(items, r.tagActions(c, p, pt, which)...)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(chip).AddXY(0, chip.Size().Height)
	r.ui.showMenu(fyne.NewMenu("", items...), c, pos)
}

// menuNameChars is the most of a tag's name that a menu item shows: a
// popup menu is as wide as its widest item, and "Show passages with" a
// 100-letter name at the largest text size ran past the window's edge, cut
// off there without an ellipsis (a hostile UI pass).
const menuNameChars = 40

// menuNamed is a menu item's text before+name+after for a menu on canvas
// c, the name shortened (ending in "…") to at most menuNameChars letters
// and to what the canvas has room for: forty wide letters ("WMWM…") at the
// largest text size still made a menu wider than the window.
func menuNamed(c fyne.Canvas, before, name, after string) string {
	text := before + wording.Brief(name, menuNameChars) + after
	size, style := theme.TextSize(), fyne.TextStyle{}
	// The menu's and its item's padding on either side.
	room := c.Size().Width - 4*theme.InnerPadding() - 2*theme.Padding()
	if measureText(text, size, style).Width <= room {
		return text
	}
	name = strings.TrimSuffix(wording.Brief(name, menuNameChars), "…")
	n := fitPrefix(name, room-measureText(before+"…"+after, size, style).Width, size, style)
	return before + strings.TrimRight(name[:n], " ") + "…" + after
}

// decideInResults is the menu item accepting or rejecting (state) the
// tag's suggestions in every result of the search listed, as one change.
func (u *UI) decideInResults(c fyne.Canvas, pt store.PassageTag, which, listed string, through store.Through, state string) *fyne.MenuItem {
	verb, label, step := "accepted", "Accept it in every result of “", "accept suggestions in the results"
	if state == store.StateRejected {
		verb, label, step = "rejected", "Reject it in every result of “", "reject suggestions in the results"
	}
	return fyne.NewMenuItem(menuNamed(c, label, listed, "”"+which), func() {
		name, in := wording.Brief(pt.Name, menuNameChars), wording.Brief(listed, menuNameChars)
		n := 0 // how many were decided, set off the UI goroutine before after runs
		u.apply(change{label: step,
			done: fmt.Sprintf("Suggestions of “%s” %s in every result of “%s”", name, verb, in),
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				c, decided, err := st.DecideSuggestionsMatchingUndoable(ctx, pt.ID, listed, state, through)
				n = decided
				return taggingFns(c, err)
			},
			// The count, and none when another window (or a merge or
			// deletion of the tag) had left none pending: the status
			// said they were decided all the same.
			after: func() {
				if n == 0 {
					u.status.setMessage(fmt.Sprintf("No suggestions of “%s” were left in the results of “%s”: nothing was %s.", name, in, verb))
					return
				}
				u.status.setMessage(fmt.Sprintf("%s of “%s” %s in every result of “%s”.", plural(n, "suggestion"), name, verb, in))
			}})
	})
}

// tagActions are the menu items deciding on one tag of a passage (which
// names the tag among others of its name).
func (r *readerView) tagActions(c fyne.Canvas, p store.Passage, pt store.PassageTag, which string) []*fyne.MenuItem {
	u := r.ui
	var items []*fyne.MenuItem
	switch {
	case pt.Document:
		items = append(items, fyne.NewMenuItem("Remove from document"+which, func() {
			u.apply(change{label: "remove document tag", done: "Tag removed from the document",
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return taggingFns(st.UntagDocumentUndoable(ctx, p.DocumentID, pt.ID))
				}})
		}))
	case pt.State == store.StatePending:
		items = append(items,
			fyne.NewMenuItem("Accept suggestion"+which, func() {
				u.apply(change{label: "accept suggestion", done: "Suggestion accepted",
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						return taggingFns(st.SetTaggingStateUndoable(ctx, p.ID, pt.ID, store.StateAccepted))
					}})
			}),
			fyne.NewMenuItem("Reject suggestion"+which, func() {
				u.apply(change{label: "reject suggestion", done: "Suggestion rejected",
					do: func(ctx context.Context, st *store.Store) (undoFns, error) {
						return taggingFns(st.SetTaggingStateUndoable(ctx, p.ID, pt.ID, store.StateRejected))
					}})
			}))
		if listed, through := u.results.query, u.results.through; listed != "" {
			// A wrong alias match is wrong wherever the same words stand
			// ("Trump Jr." suggested as Donald Trump on 122 passages; a
			// researcher's pass): the search that lists them rejects
			// them together. A right one is right in them all: "GRU" on
			// the 23 results of "GRU hack*" took a menu and a click each
			// (a researcher's pass).
			items = append(items,
				u.decideInResults(c, pt, which, listed, through, store.StateAccepted),
				u.decideInResults(c, pt, which, listed, through, store.StateRejected))
		}
	default:
		items = append(items, fyne.NewMenuItem("Remove tag"+which, func() {
			u.apply(change{label: "remove tag", done: "Tag removed",
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					return taggingFns(st.UntagPassageUndoable(ctx, p.ID, pt.ID))
				}})
		}))
	}
	return append(items, fyne.NewMenuItem("Manage…"+which, func() { u.manageTag(pt.ID) }))
}
