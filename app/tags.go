package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"reflect"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// tagsView is the sidebar's Actors or Sources view: each tag with its kind
// and counts; selecting one searches for its passages.
type tagsView struct {
	ui       *UI
	family   string
	heading  *widget.Label
	header   *fyne.Container // the heading and Manage…, laid out again when the heading changes
	list     *widget.List
	tags     []store.Tag
	selected int
	// selectedID is the selected tag, which the selection follows when the
	// list changes (a tag added before it, a merge into another).
	selectedID int64
	restoring  bool // re-selecting after a refresh: no new search
	manage     *widget.Button
	// managed, while a tag manager of this family is open, takes the
	// tags read afresh: its Accept and Reject buttons count the tag's
	// suggestions now, which another program's import may have added.
	managed func([]store.Tag)
}

func newTagsView(u *UI, family string) *tagsView {
	v := &tagsView{ui: u, family: family, selected: -1}
	v.heading = widget.NewLabelWithStyle(familyTitle(family), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.list = widget.NewList(
		func() int { return len(v.tags) },
		func() fyne.CanvasObject {
			dot := canvas.NewCircle(color.Transparent)
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			kind := widget.NewLabel("")
			kind.Importance = widget.LowImportance
			counts := widget.NewLabel("")
			dotBox := container.NewCenter(container.NewGridWrap(fyne.NewSize(10, 10), dot))
			// A right click offers what a library row's does: the tag's
			// passages and its manager (there was no menu, a UI pass).
			return newMenuRow(container.New(tagRowLayout{}, newHoverTip(u, name), dotBox, container.NewHBox(kind, counts)))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.tags) {
				return
			}
			t := v.tags[id]
			row := o.(*menuRow)
			row.open = func() { v.choose(id) }
			row.menu = func(pos fyne.Position) { u.showMenu(v.rowMenu(id, t), u.win.Canvas(), pos) }
			c := row.content.(*fyne.Container)
			c.Objects[0].(*hoverTip).setText(t.Name)
			dot := c.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*canvas.Circle)
			dot.FillColor = tagColor(t)
			dot.Refresh()
			right := c.Objects[2].(*fyne.Container)
			right.Objects[0].(*widget.Label).SetText(t.Kind) // the short kind name fits the narrow pane
			right.Objects[1].(*widget.Label).SetText(tagCounts(t))
		},
	)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id >= len(v.tags) {
			return
		}
		v.selected, v.selectedID = id, v.tags[id].ID
		v.manage.Enable()
		if !v.restoring {
			u.search.setQuery(filterFor(v.tags[id]))
		}
	}
	v.manage = widget.NewButtonWithIcon("Manage…", theme.SettingsIcon(), func() {
		if v.selected >= 0 && v.selected < len(v.tags) {
			u.showTagManager(v.tags[v.selected])
		}
	})
	v.manage.Importance = widget.LowImportance
	v.manage.Disable()
	return v
}

// choose selects row id, as a click on a list's row does: the list takes
// the focus, so that ↑ and ↓ go on from there.
func (v *tagsView) choose(id widget.ListItemID) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.list); c != nil {
		c.Focus(v.list)
	}
	v.list.Select(id)
}

// rowMenu is a tag row's context menu: its passages (what selecting the
// row does, also when it is selected already), and what Manage… offers.
func (v *tagsView) rowMenu(id widget.ListItemID, t store.Tag) *fyne.Menu {
	return fyne.NewMenu("",
		// Named, as a chip's menu does: the row may show "Ch…" only.
		fyne.NewMenuItem(menuNamed(v.ui.win.Canvas(), "Show passages with ", t.Name, ""), func() {
			v.list.Select(id)
			if v.ui.search.query() != filterFor(t) {
				v.ui.search.setQuery(filterFor(t)) // the row was selected already, the search since changed
			}
		}),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Manage…", func() { v.ui.manageTag(t.ID) }),
		fyne.NewMenuItem("Merge into…", func() { v.ui.showMergeDialog(t) }),
	)
}

func familyTitle(family string) string {
	if family == store.FamilyActor {
		return "Actors"
	}
	return "Sources"
}

// tagCounts shows accepted passages with a tick and pending suggestions
// with a question mark.
func tagCounts(t store.Tag) string {
	switch {
	case t.Pending == 0 && t.Accepted == 0:
		return "–" // known, but on no passage yet
	case t.Pending == 0:
		return fmt.Sprintf("%d ✓", t.Accepted)
	case t.Accepted == 0:
		return fmt.Sprintf("%d ?", t.Pending)
	}
	return fmt.Sprintf("%d ✓ %d ?", t.Accepted, t.Pending)
}

// filterFor is the query that lists a tag's passages.
func filterFor(t store.Tag) string {
	name := t.Name
	if strings.ContainsAny(name, " \t\"") {
		name = `"` + strings.ReplaceAll(name, `"`, "") + `"`
	}
	return t.Family + ":" + name
}

// tagColor is the tag's colour, or a neutral one.
func tagColor(t store.Tag) color.Color {
	if c, ok := parseHexColor(t.Color); ok {
		return c
	}
	return theme.Color(theme.ColorNameDisabled)
}

func parseHexColor(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, true
}

func (v *tagsView) content() fyne.CanvasObject {
	help := widget.NewLabel("Select one to list its passages. ✓ tagged, ? suggested from mentions (accept or reject them on the passage, or all at once under Manage…).")
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	v.header = headingWithButton(v.heading, v.manage)
	return container.NewBorder(v.header, nil, nil, nil, listWithHint(v.list, help))
}

func (v *tagsView) refresh() {
	st, gen := v.ui.store()
	v.ui.work.run(func() func() {
		tags, err := st.Tags(context.Background(), v.family)
		return func() {
			if !v.ui.current(gen) {
				return
			}
			if err != nil {
				v.ui.status.setMessage(fullStop("Could not read tags: " + err.Error()))
				return
			}
			v.followRename(tags)
			v.tags = tags
			v.heading.SetText(fmt.Sprintf("%s (%d)", familyTitle(v.family), len(tags)))
			if v.ui.broken != nil {
				v.heading.SetText(familyTitle(v.family)) // the empty stand-in's (see bookmarksView.refresh)
			}
			if v.header != nil {
				v.header.Refresh()
			}
			v.list.Refresh()
			v.followSelection()
			if v.managed != nil {
				v.managed(tags)
			}
		}
	})
}

// followRename keeps the search on the selected tag when its name changes
// (saved in the tag manager, or such a save undone or redone): the query
// its selection put in the box would otherwise name a tag no longer there.
func (v *tagsView) followRename(tags []store.Tag) {
	if v.selectedID == 0 {
		return
	}
	var before, after *store.Tag
	for i := range v.tags {
		if v.tags[i].ID == v.selectedID {
			before = &v.tags[i]
		}
	}
	for i := range tags {
		if tags[i].ID == v.selectedID {
			after = &tags[i]
		}
	}
	if before == nil || after == nil || filterFor(*before) == filterFor(*after) {
		return
	}
	if v.ui.search.query() == filterFor(*before) {
		v.ui.search.setQuery(filterFor(*after))
	}
}

// followSelection selects the row of the selected tag wherever it now is,
// or nothing if it is gone.
func (v *tagsView) followSelection() {
	if v.selectedID == 0 {
		return
	}
	for i, t := range v.tags {
		if t.ID == v.selectedID {
			v.restoring = true
			v.list.Select(i)
			v.restoring = false
			v.selected = i
			return
		}
	}
	v.selected, v.selectedID = -1, 0
	v.list.UnselectAll()
	v.manage.Disable()
}

// tagsView returns the sidebar view of a tag family.
func (u *UI) tagsView(family string) *tagsView {
	if family == store.FamilyActor {
		return u.actors
	}
	return u.sources
}

// showTagPicker tags the reader's current passage (or its whole document)
// with an actor or source: type to filter names and aliases; pick one, or
// create a new tag on the spot.
func (u *UI) showTagPicker() {
	p, ok := u.reader.currentPassage()
	if !ok {
		u.status.setMessage(u.reader.choosePassageFirst("tag it (Ctrl+T)"))
		return
	}
	if u.refuseReadOnly() {
		return
	}
	doc := u.reader.doc
	call(u, func(ctx context.Context, st *store.Store) ([]store.Tag, error) {
		return st.Tags(ctx, "")
	}, func(tags []store.Tag) { u.tagPickerDialog(tags, p, doc) })
}

func (u *UI) tagPickerDialog(all []store.Tag, p store.Passage, doc store.Document) {
	if u.raiseDialog("tag-picker") {
		return
	}
	var d dialog.Dialog
	var shown []store.TagMatch
	entry := u.newField().capPaste(pasteCap, "no name is that long") // nor its "Create …" button
	entry.SetPlaceHolder("Type a name or alias…")
	wholeDoc := u.newCheckField("Tag the whole document", nil)
	create := u.newDialogButton("", theme.ContentAddIcon(), nil)
	create.Hide()
	span := u.reader.selectedSpan(p) // text selected in the passage: tag just that
	apply := func(t store.Tag) {
		d.Hide()
		whole := wholeDoc.Checked
		label := "tag passage"
		if whole {
			label = "tag document"
		}
		notDone := "the passage was not tagged"
		if whole {
			notDone = "it was not tagged"
		}
		u.applyToDocument(doc, notDone, keptText{}, change{label: label, done: fmt.Sprintf("Tagged with “%s”", t.Name),
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				if whole {
					return taggingFns(st.TagDocumentUndoable(ctx, doc.ID, t.ID))
				}
				return taggingFns(st.TagPassageUndoable(ctx, p.ID, t.ID, span))
			}})
	}
	list := u.newDialogList(
		func() int { return len(shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			b := newBidiLabel(l) // a Hebrew or Arabic name reads right to left, the row left to right
			b.quotesIsolated = true
			return b
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(shown) {
				t := shown[id]
				rest := fmt.Sprintf(" — %s %s", t.Family, store.KindLabel[t.Kind])
				if t.As != "" {
					rest += fmt.Sprintf(" (as “%s”)", t.As)
				}
				o.(*bidiLabel).SetNamed("", t.Name, rest)
			}
		},
	)
	list.enterPicks = true
	list.OnSelected = func(id widget.ListItemID) {
		if id < len(shown) {
			apply(shown[id].Tag)
		}
	}
	filter := func(text string) {
		// The store matches (known forms in other scripts, folded letters).
		shown = store.MatchTags(all, text)
		list.Refresh()
		name := strings.TrimSpace(text)
		exact := false
		for _, m := range shown {
			exact = exact || m.Exact // a name or alias names an existing tag
		}
		if name != "" && !exact {
			create.SetText(createLabel(name, pickerLeastWidth))
			create.Show()
		} else {
			create.Hide()
		}
	}
	entry.OnChanged = filter
	// Enter takes the first match, or offers to create the tag typed.
	submit := func() {
		if len(shown) > 0 {
			apply(shown[0].Tag)
		} else if create.Visible() {
			create.OnTapped()
		}
	}
	create.OnTapped = func() {
		name := strings.TrimSpace(entry.Text)
		d.Hide()
		u.showNewTagDialog(name, func(t store.Tag) { apply(t) })
	}
	filter("")
	info := oneLine(fmt.Sprintf("%s of “%s”", u.placeIn(doc.ID, p.Page, p.Ordinal), showable(doc.Title)))
	if span != nil { // say that only the selected words get the tag
		info.SetText(fmt.Sprintf("“%s” in %s of “%s”", wording.Brief(p.Text[span.Start:span.End], 60), u.placeIn(doc.ID, p.Page, p.Ordinal), showable(doc.Title)))
	}
	top := container.NewVBox(info, entry)
	body := container.NewBorder(top, container.NewVBox(create, wholeDoc), nil, nil, list)
	d = u.customDialog("Tag with an actor or source", "Cancel", atLeast(pickerLeastWidth, 380, body))
	u.trackDialog("tag-picker", d, submit, entry)
}

// kindOptions lists "family: kind" choices for a new tag.
func kindOptions() ([]string, map[string][2]string) {
	var opts []string
	m := map[string][2]string{}
	for _, fam := range []string{store.FamilyActor, store.FamilySource} {
		for _, k := range store.Kinds[fam] {
			label := kindOption(fam, k)
			opts = append(opts, label)
			m[label] = [2]string{fam, k}
		}
	}
	return opts, m
}

// kindOption is how kindOptions names a family's kind.
func kindOption(family, kind string) string {
	return fmt.Sprintf("%s — %s", family, store.KindLabel[kind])
}

// showNewTagDialog creates a tag with a kind and aliases.
func (u *UI) showNewTagDialog(name string, created func(store.Tag)) {
	// Refused before it is filled in: while the file was opening, Create
	// said "This research file is read-only: /tmp/dossier-…/no research
	// file open.dossier" (a hostile UI pass).
	if u.raiseDialog("new-tag") || u.refuseReadOnly() {
		return
	}
	nameEntry := u.newField()
	nameEntry.maxPaste = pasteCap
	nameEntry.SetText(name)
	opts, kinds := kindOptions()
	// The kind is first the one the name suggests (store.GuessKind), and
	// follows the name as it is typed until the user picks one: every new
	// tag was a person, the Internet Research Agency too (a researcher's
	// pass).
	guess := func(name string) string { return kindOption(store.GuessKind(name)) }
	kind := u.newSelectChoice(opts, guess(name))
	picked, guessing := false, false
	// The store refuses a name taken only in case: "Turkiye" beside
	// Türkiye, or "Россия" beside Russia, it takes, and a second tag for
	// one country was made without a word (ui19's L3). Said as the name
	// is typed, not refused: "Muller" may be another person than Müller.
	twin := newTwinWarning()
	// fit sizes the dialog to its lines again: grown by the warning's, it
	// kept the body's old height and hid Colour and Description (Xvfb).
	var d dialog.Dialog
	size := fyne.NewSize(480, 300)
	warnTwin := func() {
		if twin.warn(kinds[kind.Selected][0], nameEntry.Text, 0, func(taken bool) string {
			if taken { // the store refuses the name: say so, not "a second"
				return "Give the new one another name."
			}
			return "Create makes a second tag beside it."
		}) {
			fitHeight(d, size)
		}
	}
	kind.OnChanged = func(string) {
		picked = picked || !guessing
		warnTwin()
	}
	nameEntry.OnChanged = func(name string) {
		if !picked {
			guessing = true
			kind.SetSelected(guess(name))
			guessing = false
		}
		warnTwin()
	}
	call(u, func(ctx context.Context, st *store.Store) ([]store.Tag, error) {
		return st.Tags(ctx, "")
	}, func(tags []store.Tag) {
		twin.all = tags
		warnTwin()
	})
	aliases := u.newField()
	aliases.maxPaste = pasteCap
	// The hint shortens to fit: whole, at 800×600 and the largest text it
	// was cut mid-word ("Other names, separated b") over a scroll bar (a
	// UI pass).
	aliasesBox := withShortHint(aliases, &aliases.Entry, aliasHints...)
	desc := u.newField().capPaste(descPasteCap, descPasteWhy)
	colour := u.newSwatchPicker("")
	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewVBox(nameEntry, twin.label)), // said where the name is typed
		widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Aliases", aliasesBox),
		widget.NewFormItem("Colour", colour),
		widget.NewFormItem("Description", desc),
	)
	newTag := func() store.Tag {
		fk := kinds[kind.Selected]
		return store.Tag{Family: fk[0], Kind: fk[1], Name: nameEntry.Text, Aliases: splitList(aliases.Text), Color: colour.selected, Description: desc.Text}
	}
	d = u.showKeyed(keyedDialog{
		name: "new-tag", title: "New actor or source", ok: "Create", cancel: "Cancel", focus: nameEntry,
		body: form, size: size,
		validate: func() error {
			if err := needsName(nameEntry.Text, "a tag needs a name"); err != nil {
				return err
			}
			// A name or alias too long, refused before the dialog closes:
			// the store's refusal after it lost the aliases and
			// description typed (ui19's pass).
			return store.CheckNewTag(newTag())
		},
		onOK: func() {
			t := newTag()
			var made store.Tag
			u.apply(change{label: "new " + t.Family, done: fmt.Sprintf("Created “%s”", strings.TrimSpace(t.Name)),
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					var snap *store.TagSnapshot
					var err error
					made, snap, err = st.CreateTagUndoable(ctx, t)
					return undoFns{
						undo: func(ctx context.Context, st *store.Store) error { return st.UncreateTag(ctx, snap) },
						redo: func(ctx context.Context, st *store.Store) error { return st.Restore(ctx, snap) },
					}, err
				},
				after: func() {
					if created != nil {
						created(made)
					}
				}})
		},
	})
}

// twinWarning is the line under a tag's name field that says which tags
// of its family are named like it (store.NamedLike): the store refuses a
// name taken only in case, but takes "Turkiye" beside Türkiye, or
// "Россия" beside Russia, and a second tag for one country was made
// without a word (ui19's L3). Said as the name is typed, not refused:
// "Muller" may be another person than Müller.
type twinWarning struct {
	label *widget.Label
	all   []store.Tag // every tag, once read
}

func newTwinWarning() *twinWarning {
	w := &twinWarning{label: widget.NewLabel("")}
	w.label.Importance = widget.WarningImportance
	w.label.Wrapping = fyne.TextWrapWord
	w.label.Hide()
	return w
}

// twins are the tags of family named like name, but except (a tag being
// renamed is not its own twin), as “Name” (kind); taken is the one of them
// called name, in any case, which the store refuses ("" if none).
func (w *twinWarning) twins(family, name string, except int64) (same []string, taken string) {
	for _, t := range store.NamedLike(w.all, name) {
		if t.Family == family && t.ID != except {
			said := fmt.Sprintf("“%s” (%s)", t.Name, store.KindLabel[t.Kind])
			same = append(same, said)
			if taken == "" && strings.EqualFold(t.Name, strings.TrimSpace(name)) {
				taken = said
			}
		}
	}
	return same, taken
}

// warn shows the tags like name, with then's sentence after them, or
// hides the line where there are none; it reports whether the line's
// height may have changed (its dialog is fitted again).
func (w *twinWarning) warn(family, name string, except int64, then func(taken bool) string) bool {
	same, taken := w.twins(family, name, except)
	if len(same) == 0 {
		was := w.label.Visible()
		w.label.Hide()
		return was
	}
	w.label.Show() // first: a hidden label's SetText drew nothing once shown (Xvfb)
	w.label.SetText(fmt.Sprintf("Already %s: %s. %s", familyArticle(family), strings.Join(same, ", "), then(taken != "")))
	return true
}

// familyArticle is "an actor" or "a source".
func familyArticle(family string) string {
	if family == store.FamilyActor {
		return "an " + family
	}
	return "a " + family
}

// fitHeight sizes d to its lines again, at least size: grown by a line,
// it kept the body's old height. Twice: a wrapped label's lines are known
// once laid out at the dialog's width.
func fitHeight(d dialog.Dialog, size fyne.Size) {
	if d == nil {
		return
	}
	for range 2 {
		d.Resize(fyne.NewSize(size.Width, max(size.Height, d.MinSize().Height)))
	}
}

// descPasteCap is the most a paste puts in a tag's one-line Description:
// the store sets no limit, but a line much longer is drawn as a black bar
// (ui19's L5); longer notes belong in a passage's note.
const (
	descPasteCap = pasteCap
	descPasteWhy = "a description is one line"
)

// aliasHints are the Aliases field's hints, longest first.
var aliasHints = []string{"Other names, separated by commas", "Other names, with commas", "Other names…"}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// manageTag opens the tag manager on the tag read afresh, with its counts
// and aliases: a chip's tag carries only its name and look.
func (u *UI) manageTag(id int64) {
	st, gen := u.store()
	u.work.run(func() func() {
		t, err := st.Tag(context.Background(), id)
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.status.setMessage(fullStop("Could not read the tag: " + err.Error()))
				return
			}
			u.showTagManager(t)
		}
	})
}

// showTagManager edits a tag: rename, kind, aliases, colour, description;
// accept or reject all its suggestions; merge it into another; delete it.
// Every change can be undone (Edit → Undo); delete, merge and edits also
// offer Undo in the status bar.
func (u *UI) showTagManager(t store.Tag) {
	if u.raiseDialog("tag-manager") {
		return
	}
	var d dialog.Dialog
	name := u.newField()
	name.maxPaste = pasteCap // as New actor or source's
	name.SetText(t.Name)
	kindSel := u.newSelectChoice(store.Kinds[t.Family], t.Kind)
	aliases := u.newNoteField(3)
	aliases.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // one alias a line
	aliases.SetText(strings.Join(t.Aliases, "\n"))
	colour := u.newSwatchPicker(t.Color)
	desc := u.newField().capPaste(descPasteCap, descPasteWhy)
	desc.SetText(t.Description)

	acceptAll := u.newDialogButton("", nil, func() {
		d.Hide()
		u.apply(change{label: "accept all suggestions", done: "Suggestions accepted",
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				return taggingFns(st.DecideSuggestionsUndoable(ctx, t.ID, store.StateAccepted))
			}})
	})
	rejectAll := u.newDialogButton("", nil, func() {
		d.Hide()
		u.apply(change{label: "reject all suggestions", done: "Suggestions rejected",
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				return taggingFns(st.DecideSuggestionsUndoable(ctx, t.ID, store.StateRejected))
			}})
	})
	countPending := func(pending int) {
		acceptAll.SetText("Accept " + plural(pending, "suggestion"))
		rejectAll.SetText("Reject " + plural(pending, "suggestion"))
		setEnabled(&acceptAll.Button, pending > 0)
		setEnabled(&rejectAll.Button, pending > 0)
	}
	countPending(t.Pending)
	// Counted again as the tags are read afresh (another program's import,
	// the window's own), until the dialog closes; a tag gone meanwhile
	// has none.
	view := u.tagsView(t.Family)
	view.managed = func(tags []store.Tag) {
		pending := 0
		for _, tag := range tags {
			if tag.ID == t.ID {
				pending = tag.Pending
			}
		}
		countPending(pending)
	}
	closed := func() { view.managed = nil }
	merge := u.newDialogButton("Merge into…", theme.ContentCopyIcon(), func() {
		d.Hide()
		u.showMergeDialog(t)
	})
	del := u.newDialogButton("Delete", theme.DeleteIcon(), func() {
		d.Hide()
		u.apply(change{label: "delete " + t.Family, done: fmt.Sprintf("Deleted “%s”", t.Name), offer: true,
			do: func(ctx context.Context, st *store.Store) (undoFns, error) {
				snap, err := st.DeleteTag(ctx, t.ID)
				return snapshotFns(snap, func(ctx context.Context, st *store.Store) error {
					_, err := st.DeleteTag(ctx, t.ID)
					return err
				}), err
			}})
	})
	del.Importance = widget.DangerImportance

	// A new name like another tag's is said as it is typed, as New actor
	// or source says it: renaming a tag "Turkiye" beside Türkiye made a
	// second tag for the country without a word.
	twin := newTwinWarning()
	size := fyne.NewSize(520, 0) // as tall as its body: 480 left a band of 60 px at text 1
	warnTwin := func() {
		if twin.warn(t.Family, name.Text, t.ID, func(taken bool) string {
			if taken {
				return "Give this one another name, or use Merge into… to make them one."
			}
			return "Save makes a second tag beside it; Merge into… makes them one."
		}) {
			fitHeight(d, size)
		}
	}
	name.OnChanged = func(string) { warnTwin() }
	call(u, func(ctx context.Context, st *store.Store) ([]store.Tag, error) {
		return st.Tags(ctx, t.Family)
	}, func(tags []store.Tag) {
		twin.all = tags
		warnTwin()
	})
	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewVBox(name, twin.label)), // said where the name is typed
		widget.NewFormItem("Kind", kindSel),
		widget.NewFormItem("Aliases", aliases),
		widget.NewFormItem("Colour", colour),
		widget.NewFormItem("Description", desc),
	)
	actions := container.NewGridWithColumns(2, acceptAll, rejectAll, merge, del)
	body := container.NewVBox(form, widget.NewSeparator(), actions)
	title := u.dialogTitle(map[string]string{store.FamilyActor: "Actor", store.FamilySource: "Source"}[t.Family]+": ", t.Name, "")
	d = u.showKeyed(keyedDialog{
		name: "tag-manager", title: title, ok: "Save", cancel: "Close", focus: name,
		body: body, size: size, onCancel: closed,
		validate: func() error {
			if err := needsName(name.Text, "a tag needs a name"); err != nil {
				return err
			}
			// Refused here, where the aliases and description typed stay:
			// the store's refusal came once the dialog had closed.
			if _, taken := twin.twins(t.Family, name.Text, t.ID); taken != "" {
				return fmt.Errorf("there is already %s called %s: give this one another name, or use Merge into… to make them one", familyArticle(t.Family), taken)
			}
			return nil
		},
		onOK: func() {
			closed()
			edited := t
			edited.Name, edited.Kind, edited.Aliases = name.Text, kindSel.Selected, splitList(strings.ReplaceAll(aliases.Text, "\n", ","))
			edited.Color, edited.Description = colour.selected, desc.Text
			label := "edit " + t.Family
			renamed := edited
			renamed.Name = t.Name
			if edited.Name != t.Name && reflect.DeepEqual(renamed, t) {
				label = "rename " + t.Family // the name is all that changed
			}
			u.apply(change{label: label, done: fmt.Sprintf("Saved “%s”", edited.Name), offer: true,
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					before, after, err := st.EditTag(ctx, edited)
					return snapshotFns(before, func(ctx context.Context, st *store.Store) error { return st.Restore(ctx, after) }), err
				}})
		},
	})
}

// needsName is the error a dialog shows over itself when its name field
// is empty (or blank): closed first, it lost what else was typed.
func needsName(name, msg string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New(msg)
	}
	return nil
}

// showMergeDialog merges tag loser into a chosen tag of the same family.
// The name typed is matched ignoring case, aliases included; one that is no
// tag's says so. Afterwards the sidebar selects the surviving tag.
func (u *UI) showMergeDialog(loser store.Tag) { u.openMergeDialog(loser, "", nil) }

// openMergeDialog is the merge dialog with typed in its field and problem,
// if any, shown over it: a name that is no tag's (or the tag itself) is
// said over the dialog, which stays to be corrected, as an empty field is
// (the dialog closed, and 'Type or choose the tag to keep' was said with
// no field left to type in; a hostile UI pass).
func (u *UI) openMergeDialog(loser store.Tag, typed string, problem error) {
	if u.raiseDialog("merge") {
		return
	}
	call(u, func(ctx context.Context, st *store.Store) ([]store.Tag, error) {
		return st.Tags(ctx, loser.Family)
	}, func(tags []store.Tag) {
		if u.raiseDialog("merge") { // asked twice while the tags were loading
			return
		}
		var names []string
		for _, t := range tags {
			if t.ID != loser.ID {
				names = append(names, t.Name)
			}
		}
		sel := u.newSelectField(names)
		sel.SetPlaceHolder("The tag to keep")
		sel.SetText(typed)
		u.showKeyed(keyedDialog{
			name: "merge", title: u.dialogTitle("Merge “", loser.Name, "” into…"), ok: "Merge", cancel: "Cancel", focus: sel,
			body: widget.NewForm(widget.NewFormItem("Keep", sel)), size: fyne.NewSize(420, 0),
			validate: func() error { return needsName(sel.Text, "type or choose the tag to keep") },
			onOK:     func() { u.mergeInto(loser, sel.Text) },
		})
		if problem != nil {
			u.showError(problem)
		}
	})
}

// mergeInto merges loser into the tag of its family called name; a name
// that finds no other tag brings the dialog back, saying why.
func (u *UI) mergeInto(loser store.Tag, name string) {
	st, gen := u.store()
	u.work.run(func() func() {
		survivor, err := st.FindTag(context.Background(), loser.Family, name)
		if err == nil && survivor.ID == loser.ID {
			err = fmt.Errorf("“%s” is %s itself: choose another tag to merge it into", strings.TrimSpace(name), loser.Name)
		}
		return func() {
			if !u.current(gen) {
				return
			}
			if err != nil {
				u.openMergeDialog(loser, name, err)
				return
			}
			u.tagsView(loser.Family).selectedID = survivor.ID
			u.search.setQuery(filterFor(survivor))
			u.apply(change{label: "merge " + loser.Family + "s", done: fmt.Sprintf("Merged “%s” into “%s”", loser.Name, survivor.Name), offer: true,
				do: func(ctx context.Context, st *store.Store) (undoFns, error) {
					snap, err := st.MergeTags(ctx, survivor.ID, loser.ID)
					// The redo's merge is the next undo's: the first
					// snapshot did not know what was put on the merged-away
					// tag between, and left it on the survivor (the
					// hostile data pass data6).
					return undoFns{
						undo: func(ctx context.Context, st *store.Store) error { return st.Restore(ctx, snap) },
						redo: func(ctx context.Context, st *store.Store) error {
							again, err := st.MergeTags(ctx, survivor.ID, loser.ID)
							if err == nil {
								snap = again
							}
							return err
						},
					}, err
				}})
		}
	})
}

// taggingFns undo and redo a tagging change.
func taggingFns(c store.TaggingChange, err error) (undoFns, error) {
	return undoFns{
		undo:    func(ctx context.Context, st *store.Store) error { return st.UndoTaggings(ctx, c) },
		redo:    func(ctx context.Context, st *store.Store) error { return st.RedoTaggings(ctx, c) },
		nothing: err == nil && c.Empty(),
	}, err
}

// snapshotFns undo a tag change by restoring the snapshot taken before it,
// and redo it with redo.
func snapshotFns(snap *store.TagSnapshot, redo func(context.Context, *store.Store) error) undoFns {
	return undoFns{
		undo: func(ctx context.Context, st *store.Store) error { return st.Restore(ctx, snap) },
		redo: redo,
	}
}

// pickerLeastWidth is the tag picker's least width, which its "Create …"
// button keeps within.
const pickerLeastWidth = 480

// createLabel is the tag picker's "Create “name”…", the name cut short
// enough for the button to fit within width at the current text size: 60
// characters of one long word (a pasted line) made the button, and the
// dialog, wider than an 800-pixel window at text 1.8, its label cut at both
// ends with neither "Create" nor the name's start in view (ui22's Xvfb pass).
func createLabel(name string, width float32) string {
	var label string
	for _, n := range []int{60, 40, 30, 24, 18, 12, 8, 4, 1} {
		label = fmt.Sprintf("Create “%s”…", wording.Brief(name, n))
		if widget.NewButtonWithIcon(label, theme.ContentAddIcon(), nil).MinSize().Width <= width {
			break
		}
	}
	return label
}
