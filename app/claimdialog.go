package app

// The claim dialog (issue 14): Edit → Mark as claim… (Ctrl+K) on the
// reader's selection or focused passage, or a claim chip in the reader.
// It shows the claim's words and its fields — source, actors, stance, cue,
// likelihood, confidence, note — prefilled from the suggestion when there
// is one, and its links to other claims. Every change is undoable.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
	"dossier/store/claims"
)

// claimDraft is what the dialog edits: a claim as stored, or (claim.ID 0)
// words of a passage still to be marked, and the fields as typed.
type claimDraft struct {
	claim      store.Claim // its PassageID, PassageText, DocumentTitle, Ordinal and Page say where
	span       store.Range // the claim's words
	source     string
	about      []string
	stance     claims.Stance
	cue        string
	likelihood claims.Likelihood
	confidence claims.Confidence
	note       string
}

// draftOf is a claim's fields as the dialog starts with them.
func draftOf(c store.Claim) claimDraft {
	d := claimDraft{claim: c, span: c.Span, source: c.Source, stance: c.Stance, cue: c.Cue,
		likelihood: c.Likelihood, confidence: c.Confidence, note: c.Note}
	for _, a := range c.About {
		d.about = append(d.about, a.Name)
	}
	return d
}

// newDraft is words of passage p to mark as a claim, with the fields of
// the suggestion from (if not nil) prefilled.
func newDraft(doc store.Document, p store.Passage, span store.Range, from *store.Claim) claimDraft {
	d := claimDraft{}
	if from != nil {
		d = draftOf(*from)
		d.note = ""
	}
	d.claim = store.Claim{PassageID: p.ID, DocumentID: doc.ID, DocumentTitle: doc.Title, Ordinal: p.Ordinal, Page: p.Page, PassageText: p.Text}
	d.span = span
	return d
}

// text is the draft's words.
func (d claimDraft) text() string {
	t := d.claim.PassageText
	if d.span.Start < 0 || d.span.End > len(t) || d.span.Start >= d.span.End {
		return ""
	}
	return t[d.span.Start:d.span.End]
}

// markClaim is Edit → Mark as claim… (Ctrl+K): on the reader's selection,
// the claim on those words, the suggestion they fall in (to accept with
// the selection as its words), or a new claim; without one, the claim last
// clicked in the focused passage, its first suggestion or claim, or a new
// claim of the whole passage.
func (u *UI) markClaim() {
	r := u.reader
	p, ok := r.currentPassage()
	if !ok {
		u.status.setMessage(u.reader.choosePassageFirst("mark a claim in it (Ctrl+K)"))
		return
	}
	if u.refuseReadOnly() {
		return
	}
	on := r.claims[p.ID]
	if r.sel.ok && r.sel.passage == r.focus {
		span := r.sel.rng
		for _, c := range on {
			if c.Span == span {
				u.openClaimDraft(draftOf(c))
				return
			}
		}
		for _, c := range on {
			if c.State == store.ClaimSuggested && c.Span.Start < span.End && span.Start < c.Span.End {
				d := draftOf(c)
				d.span = span
				u.openClaimDraft(d)
				return
			}
		}
		u.openClaimDraft(newDraft(r.doc, p, span, nil))
		return
	}
	if i := slices.IndexFunc(on, func(c store.Claim) bool { return c.ID == r.claimed }); i >= 0 {
		u.openClaimDraft(draftOf(on[i]))
		return
	}
	if i := slices.IndexFunc(on, func(c store.Claim) bool { return c.State == store.ClaimSuggested }); i >= 0 {
		u.openClaimDraft(draftOf(on[i]))
		return
	}
	if len(on) > 0 {
		u.openClaimDraft(draftOf(on[0]))
		return
	}
	start, end := trimRange(p.Text, 0, len(p.Text))
	if start >= end {
		u.status.setMessage("This passage has no words to mark as a claim.")
		return
	}
	u.openClaimDraft(newDraft(r.doc, p, store.Range{Start: start, End: end}, nil))
}

// showClaimDialog opens the dialog of a claim: accept, edit or reject a
// suggestion, edit or remove an accepted claim, link it to others.
func (u *UI) showClaimDialog(c store.Claim) {
	if u.refuseReadOnly() {
		return
	}
	u.openClaimDraft(draftOf(c))
}

// openClaimDraft reads the tags to choose from (and the claim as stored
// now), then shows the dialog.
func (u *UI) openClaimDraft(d claimDraft) {
	if u.raiseDialog("claim") {
		return
	}
	fresh := d.claim.ID == 0 && d.source == "" && len(d.about) == 0 && d.likelihood == claims.NotStated && d.confidence == claims.NoConfidence
	words := d.text()
	call(u, func(ctx context.Context, st *store.Store) (*store.ClaimForm, error) {
		if fresh {
			return st.ReadNewClaimForm(ctx, words)
		}
		return st.ReadClaimForm(ctx, d.claim.ID)
	}, func(f *store.ClaimForm) {
		if f.Claim != nil { // the fields as stored now, on the words chosen
			span := d.span
			d = draftOf(*f.Claim)
			d.span = span
		}
		if r := f.Read; r != nil && fresh {
			// New words: started with what they say of themselves.
			d.stance, d.likelihood, d.confidence = r.Stance, r.Likelihood, r.Confidence
			for _, a := range r.About {
				d.about = append(d.about, a.Name)
			}
		}
		u.claimDialog(d, f)
	})
}

// likelihoodNames and confidenceNames are the choices, in scale order.
func likelihoodNames() []string {
	var out []string
	for l := claims.NotStated; l <= claims.AlmostCertain; l++ {
		out = append(out, l.String())
	}
	return out
}

func confidenceNames() []string {
	var out []string
	for c := claims.NoConfidence; c <= claims.High; c++ {
		out = append(out, c.String())
	}
	return out
}

// tagNames lists tags' names.
func tagNames(tags []store.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.Name
	}
	return out
}

// knownTag reports whether name is a tag's name or alias, in any case.
func knownTag(tags []store.Tag, name string) bool {
	name = strings.TrimSpace(name)
	for _, t := range tags {
		if strings.EqualFold(t.Name, name) || slices.ContainsFunc(t.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			return true
		}
	}
	return false
}

// readSourceName is the source name the claim dialog's source field
// stands for, read as the search filters read a name (store.TagNamed): a
// source's name or alias as typed; a source, else an actor (whose source
// the store uses), named in another form ("Россия", "turkiye") by that
// tag's name, with a hint saying so; anything else a new source's name.
// Nothing is added to the tags' aliases.
func readSourceName(f *store.ClaimForm, typed string) (name, hint string) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", ""
	}
	t, byForm, ok, found := store.TagNamed(f.Sources, typed)
	if !ok && len(found) == 0 {
		t, byForm, ok, found = store.TagNamed(f.Actors, typed)
	}
	switch {
	case ok && byForm:
		return t.Name, "Reading “" + typed + "” as “" + t.Name + "”."
	case ok:
		return typed, ""
	case len(found) > 1:
		names := make([]string, len(found))
		for i, t := range found {
			names[i] = "“" + t.Name + "”"
		}
		return typed, "“" + typed + "” could be " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] +
			": write the one you mean, or a new source “" + typed + "” is made."
	}
	return typed, ""
}

// claimDialog shows draft d with the tags and links of f.
func (u *UI) claimDialog(d claimDraft, f *store.ClaimForm) {
	c := d.claim
	title, ok := "Mark as claim", "Mark as claim"
	switch {
	case c.ID != 0 && c.State == store.ClaimSuggested:
		title, ok = "Suggested claim", "Accept"
	case c.ID != 0 && c.State == store.ClaimRejected:
		title, ok = "Rejected claim", "Accept"
	case c.ID != 0:
		title, ok = "Claim", "Save"
	}
	where := oneLine(fmt.Sprintf("%s of “%s”", u.placeIn(c.DocumentID, c.Page, c.Ordinal), c.DocumentTitle))
	state := widget.NewLabel(claimState(c, d))
	state.Wrapping = fyne.TextWrapWord
	state.Importance = widget.LowImportance
	quote := widget.NewLabel("“" + wording.Brief(d.text(), 280) + "”")
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle = fyne.TextStyle{Italic: true}

	source := u.newSelectField(tagNames(f.Sources))
	source.SetText(d.source)
	source.SetPlaceHolder("Who asserts it: a source, or a new name")
	// Said at once, beside the field, not only when Accept is refused: as
	// a hint while the field has not been touched (in red before anything
	// was typed it read as a mistake already made; a UI pass), as an
	// error once it is emptied or Accept is refused.
	needsSource := widget.NewLabel(noSourceHint)
	needsSource.Importance = widget.LowImportance
	needsSource.Wrapping = fyne.TextWrapWord
	showNeedsSource := func(text string) {
		if strings.TrimSpace(text) == "" {
			needsSource.Show()
		} else {
			needsSource.Hide()
		}
	}
	showNeedsSource(d.source)
	// Which tag a name typed in another form stands for ("Россия" →
	// Russia), said as the search line says a filter's.
	readAs := widget.NewLabel("")
	readAs.Importance = widget.LowImportance
	readAs.Wrapping = fyne.TextWrapWord
	showReadAs := func(text string) {
		if _, hint := readSourceName(f, text); hint != "" {
			readAs.SetText(hint)
			readAs.Show()
		} else {
			readAs.Hide()
		}
	}
	showReadAs(d.source)
	source.OnChanged = func(text string) {
		if needsSource.Importance != widget.DangerImportance {
			needsSource.Importance = widget.DangerImportance
			needsSource.Refresh()
		}
		showNeedsSource(text)
		showReadAs(text)
	}
	about := u.newField()
	about.SetText(strings.Join(d.about, ", "))
	about.SetPlaceHolder("Actors it is about, separated by commas")
	addActor := u.newSelectChoice(tagNames(f.Actors), "")
	addActor.PlaceHolder = "Add…"
	addActor.OnChanged = func(name string) {
		if name == "" {
			return
		}
		names := splitList(about.Text)
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) }) {
			about.SetText(strings.Join(append(names, name), ", "))
		}
		addActor.ClearSelected()
	}
	stance := u.newSelectChoice([]string{claims.Asserts.String(), claims.Denies.String()}, d.stance.String())
	cue := u.newField()
	cue.SetText(d.cue)
	cue.SetPlaceHolder("according to, said, we assess…")
	likelihood := u.newSelectChoice(likelihoodNames(), d.likelihood.String())
	confidence := u.newSelectChoice(confidenceNames(), d.confidence.String())
	note := u.newNoteField(2)
	note.SetText(d.note)
	note.SetPlaceHolder("A note (optional)")
	label := func(s string) *widget.Label { return widget.NewLabel(s) }
	form := widget.NewForm(
		widget.NewFormItem("Source", container.NewVBox(source, needsSource, readAs)),
		widget.NewFormItem("About", container.NewBorder(nil, nil, nil, addActor, about)),
		// The stance first among the row's objects, as it is drawn: Tab
		// follows their order, and NewBorder puts the middle (the Cue
		// field) first, so Tab went About → Cue → Stance (ui19's pass).
		widget.NewFormItem("Stance", container.New(layout.NewBorderLayout(nil, nil, stance, nil), stance, container.NewBorder(nil, nil, label("Cue"), nil, cue))),
		// One row each: side by side they made the dialog wider than the
		// window an 800×600 screen gives at text 1.8 (a hostile UI pass).
		widget.NewFormItem("Likelihood", likelihood),
		widget.NewFormItem("Confidence", confidence),
		widget.NewFormItem("Note", note),
	)
	collect := func() claimDraft {
		n := d
		n.source, _ = readSourceName(f, source.Text)
		n.about = splitList(about.Text)
		n.stance = claims.Asserts
		if stance.Selected == claims.Denies.String() {
			n.stance = claims.Denies
		}
		n.cue = strings.TrimSpace(cue.Text)
		n.likelihood = claims.Likelihood(max(slices.Index(likelihoodNames(), likelihood.Selected), 0))
		n.confidence = claims.Confidence(max(slices.Index(confidenceNames(), confidence.Selected), 0))
		n.note = note.Text
		return n
	}
	var dlg dialog.Dialog
	body := container.NewVBox(where, quote, state, form)
	if c.ID != 0 {
		body.Add(u.claimLinks(c, f.Linked))
	}
	var more []fyne.CanvasObject
	if c.ID != 0 && c.State != store.ClaimRejected {
		verb := "Reject"
		if c.State != store.ClaimSuggested {
			verb = "Remove claim"
		}
		reject := u.newDialogButton(verb, theme.DeleteIcon(), func() {
			dlg.Hide()
			u.rejectClaim(c)
		})
		reject.Importance = widget.DangerImportance
		more = append(more, reject)
	}
	dlg = u.showKeyed(keyedDialog{
		name: "claim", title: title, ok: ok, cancel: "Cancel", focus: source, more: more,
		body: u.fitWindow(atLeast(u.claimDialogWidth(), 0, body)),
		validate: func() error {
			if strings.TrimSpace(source.Text) == "" {
				needsSource.Importance = widget.DangerImportance
				needsSource.Refresh()
				return errShownInDialog // noSourceHint, red now: store.ErrNoSource's words
			}
			for _, name := range splitList(about.Text) {
				if !knownTag(f.Actors, name) {
					return fmt.Errorf("no actor is called “%s”: pick one under Add…, or create it first (Edit → New actor or source…)", name)
				}
			}
			if d.text() == "" {
				return fmt.Errorf("the claim's words are not in the passage any more; close this and mark them again")
			}
			return nil
		},
		onOK: func() { u.saveClaim(collect(), f) },
	})
}

// claimDialogWidth is the claim dialog's width: 560 at text 1, wider with
// the text, but no wider than nine tenths of the window (at text 1.8 its
// Cue field was left about 130 px wide at 1024×768; a hostile UI pass).
func (u *UI) claimDialogWidth() float32 {
	w := 560 * theme.TextSize() / theme.DefaultTheme().Size(theme.SizeNameText)
	return max(min(w, 0.9*u.win.Canvas().Size().Width), min(560, 0.9*u.win.Canvas().Size().Width))
}

// noSourceHint says, under an empty source field, what the store would
// refuse (store.ErrNoSource).
const noSourceHint = "A claim needs a source: pick who asserts it, or type a new name."

// claimState says what the claim is: new, suggested (and why), accepted.
func claimState(c store.Claim, d claimDraft) string {
	switch {
	case c.ID == 0:
		return "A new claim, marked by hand: say who asserts it and how sure they are."
	case c.State == store.ClaimSuggested:
		s := "Suggested from the cue “" + c.Cue + "”"
		if c.Speaker != "" {
			s += " and the speaker “" + wording.Brief(c.Speaker, 50) + "”"
		}
		s += ". Accepting (with your changes) or rejecting it sticks."
		if d.span != c.Span {
			s = "Suggested on the words “" + wording.Brief(c.Text, 80) + "”; accepting it makes your selection its words."
		}
		return s
	case c.State == store.ClaimRejected:
		return "Rejected: the reader does not mark it and suggesting again does not bring it back. Accepting it (with your changes) restores it."
	case c.Origin == store.OriginManual:
		return "Accepted claim, marked by hand."
	}
	return "Accepted claim (suggested from the cue “" + c.Cue + "”)."
}

// saveClaim marks, accepts or saves the draft; if that fails, the dialog
// comes back with what was typed, under the error.
func (u *UI) saveClaim(d claimDraft, f *store.ClaimForm) {
	c := d.claim
	ch := change{failed: func() { u.claimDialog(d, f) }}
	e := d.edit(c.ID == 0)
	switch {
	case c.ID == 0:
		ch.label, ch.done = "mark claim", "Marked as a claim"
		ch.do = func(ctx context.Context, st *store.Store) (undoFns, error) {
			_, cc, err := st.MarkClaimUndoable(ctx, c.PassageID, d.span, e)
			return claimFns(cc), err
		}
		ch.after = u.reader.clearSelection
	case c.State == store.ClaimSuggested:
		ch.label, ch.done = "accept claim", "Claim accepted"
		ch.after = u.reader.clearSelection
	case c.State == store.ClaimRejected:
		// Editing keeps a rejected claim rejected: accept it, then apply
		// the changes, as one step to undo.
		ch.label, ch.done = "accept claim", "Claim accepted again"
		ch.do = func(ctx context.Context, st *store.Store) (undoFns, error) {
			accepted, err := st.SetClaimStateUndoable(ctx, c.ID, store.ClaimAccepted)
			if err != nil || e == (store.ClaimEdit{}) {
				return claimFns(accepted), err
			}
			_, edited, err := st.EditClaimUndoable(ctx, c.ID, e)
			if err != nil {
				return undoFns{}, errors.Join(err, st.UndoClaims(ctx, accepted))
			}
			return undoFns{
				undo: func(ctx context.Context, st *store.Store) error {
					return errors.Join(st.UndoClaims(ctx, edited), st.UndoClaims(ctx, accepted))
				},
				redo: func(ctx context.Context, st *store.Store) error {
					return errors.Join(st.RedoClaims(ctx, accepted), st.RedoClaims(ctx, edited))
				},
				kept: func(undo bool) (string, string) { return "note", changedNotes(edited, undo) },
			}, nil
		}
	case e == (store.ClaimEdit{}):
		// Its links are saved as they are made: "The claim is unchanged."
		// right after one read as if it had been lost (a researcher's pass).
		u.status.setMessage("Nothing to save: the claim's fields are as they were (links are saved as they are made).")
		return
	default:
		ch.label, ch.done = "edit claim", "Claim saved"
	}
	if ch.do == nil {
		ch.do = func(ctx context.Context, st *store.Store) (undoFns, error) {
			_, cc, err := st.EditClaimUndoable(ctx, c.ID, e)
			return claimFns(cc), err
		}
	}
	u.apply(ch)
}

// edit is the draft's changes to its claim (all of its fields, when all).
func (d claimDraft) edit(all bool) store.ClaimEdit {
	c, was := d.claim, draftOf(d.claim)
	var e store.ClaimEdit
	if all || d.span != c.Span {
		e.Span = &d.span
	}
	if all || d.source != was.source {
		e.Source = &d.source
	}
	if all || !slices.Equal(d.about, was.about) {
		about := d.about
		e.About = &about
	}
	if all || d.stance != was.stance {
		e.Stance = &d.stance
	}
	if all || d.cue != was.cue {
		e.Cue = &d.cue
	}
	if all || d.likelihood != was.likelihood {
		e.Likelihood = &d.likelihood
	}
	if all || d.confidence != was.confidence {
		e.Confidence = &d.confidence
	}
	if all || d.note != was.note {
		e.Note = &d.note
	}
	return e
}

// rejectClaim rejects a claim (a suggestion, or an accepted claim: it is
// removed), offering Undo.
func (u *UI) rejectClaim(c store.Claim) {
	label, done := "reject claim", "Claim rejected"
	if c.State != store.ClaimSuggested {
		label, done = "remove claim", "Claim removed"
	}
	u.apply(change{label: label, done: done, offer: true,
		do: func(ctx context.Context, st *store.Store) (undoFns, error) {
			cc, err := st.SetClaimStateUndoable(ctx, c.ID, store.ClaimRejected)
			return claimFns(cc), err
		}})
}

// claimFns undo and redo a claim change.
func claimFns(c store.ClaimChange) undoFns {
	return undoFns{
		undo: func(ctx context.Context, st *store.Store) error { return st.UndoClaims(ctx, c) },
		redo: func(ctx context.Context, st *store.Store) error { return st.RedoClaims(ctx, c) },
		kept: func(undo bool) (string, string) { return "note", changedNotes(c, undo) },
	}
}

// changedNotes are the notes the change's undo (or redo) would put back
// on the claims whose note it changed, one to a paragraph.
func changedNotes(c store.ClaimChange, undo bool) string {
	back, other := c.After, c.Before
	if undo {
		back, other = c.Before, c.After
	}
	was := map[int64]string{}
	for _, r := range other {
		was[r.ID()] = r.Note()
	}
	var notes []string
	for _, r := range back {
		if n, ok := was[r.ID()]; ok && n != r.Note() && strings.TrimSpace(r.Note()) != "" {
			notes = append(notes, r.Note())
		}
	}
	return strings.Join(notes, "\n\n")
}
