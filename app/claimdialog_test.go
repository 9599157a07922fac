package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/claims"
)

// putinClaim is the words of the built-in article's first suggested claim.
const putinClaim = "Russian President Vladimir Putin likely directed efforts to try to swing the 2020 U.S. presidential election to Donald Trump"

// claimFields are the claim dialog's fields.
type claimFields struct {
	source                                   *fieldSelectEntry
	about, cue                               *fieldEntry
	note                                     *fieldEntry
	addActor, stance, likelihood, confidence *fieldSelect
}

func (u *testUI) claimFields(t *testing.T, title string) claimFields {
	t.Helper()
	d := u.dialog(t, title)
	var f claimFields
	f.source = findAll[*fieldSelectEntry](d)[0]
	entries := findAll[*fieldEntry](d)
	if len(entries) != 3 {
		t.Fatalf("the claim dialog has %d text fields, want about, cue, note", len(entries))
	}
	f.about, f.cue, f.note = entries[0], entries[1], entries[2]
	for _, s := range findAll[*fieldSelect](d) {
		switch {
		case slices.Contains(s.Options, "denies"):
			f.stance = s
		case slices.Contains(s.Options, "almost certain"):
			f.likelihood = s
		case slices.Contains(s.Options, "moderate"):
			f.confidence = s
		default:
			f.addActor = s
		}
	}
	if f.stance == nil || f.likelihood == nil || f.confidence == nil || f.addActor == nil {
		t.Fatalf("the claim dialog lacks a choice: %+v", f)
	}
	return f
}

// storedClaims lists the claims of passage pid in the given state ("all"
// for every one).
func storedClaims(t *testing.T, u *testUI, pid int64, state string) []store.Claim {
	t.Helper()
	st, _ := u.store()
	all, err := st.Claims(context.Background(), store.ClaimQuery{State: state})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Claim
	for _, c := range all {
		if c.PassageID == pid {
			out = append(out, c)
		}
	}
	return out
}

// Ctrl+K on words selected in the reader marks exactly those words as a
// claim, with a source typed on the spot (created as a source tag); the
// reader underlines it solidly; undo takes back the claim and the new
// source, redo brings both back.
func TestMarkSelectionAsClaim(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "manafort", 13)
	if cs := storedClaims(t, u, p.ID, "all"); len(cs) != 0 {
		t.Fatalf("passage 13 holds claims already: %+v", cs)
	}
	row := u.focusedRow(t)
	u.a.onUI(func() { u.w.Canvas().Capture() })
	from := wordPos(t, &row.text.flowText, "Paul", -0.5)
	to := wordPos(t, &row.text.flowText, "Manafort", 0)
	to.X += measureWord("Manafort", theme.TextSize(), fyne.TextStyle{Bold: true}) + 0.5
	drag(u.do, row.text, from, to)
	want := store.Range{Start: strings.Index(p.Text, "Paul Manafort")}
	want.End = want.Start + len("Paul Manafort")
	if span := u.reader.selectedSpan(p); span == nil || *span != want {
		t.Fatalf("selection %v, want %v", span, want)
	}

	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Mark as claim")
	// The empty source is pointed out as a hint, not yet as an error (in
	// red before anything was typed; a UI pass).
	if h := u.sourceHint(t, "Mark as claim"); !h.Visible() || h.Importance == widget.DangerImportance {
		t.Errorf("a new claim's empty source: hint shown %v, importance %v", h.Visible(), h.Importance)
	}
	if !slices.Contains(texts(u.dialog(t, "Mark as claim")), "“Paul Manafort”") {
		t.Errorf("the dialog does not show the selected words: %q", texts(u.dialog(t, "Mark as claim")))
	}
	// The words name Paul Manafort: he is what they are about, to start
	// with (as a suggestion's words are read).
	if f.about.Text != "Paul Manafort" {
		t.Errorf("About starts as %q, want the actor the words name", f.about.Text)
	}
	u.do(func() {
		f.source.SetText("Meduza")
		f.addActor.SetSelected(kilimnikActor)
		f.likelihood.SetSelected("very likely")
		f.cue.SetText("wrote")
	})
	if f.about.Text != "Paul Manafort, "+kilimnikActor {
		t.Errorf("Add… made About %q", f.about.Text)
	}
	u.tapDialogButton(t, "Mark as claim", "Mark as claim")
	cs := storedClaims(t, u, p.ID, "all")
	if len(cs) != 1 {
		t.Fatalf("%d claims on the passage, want 1", len(cs))
	}
	c := cs[0]
	if c.Span != want || c.Origin != store.OriginManual || c.State != store.ClaimAccepted || c.Source != "Meduza" ||
		c.Likelihood != claims.VeryLikely || c.Cue != "wrote" || len(c.About) != 2 || c.About[1].Name != kilimnikActor {
		t.Errorf("marked %+v", c)
	}
	if u.reader.sel.ok {
		t.Error("the selection stays after marking it")
	}
	if got := u.reader.claimUnderlines(p); len(got) != 1 || got[0].start != want.Start || got[0].end != want.End || got[0].dashed {
		t.Errorf("the reader underlines %+v", got)
	}
	if got := chipTexts(u.focusedRow(t).claims); !slices.Equal(got, []string{"Claim by Meduza, very likely ✓"}) {
		t.Errorf("claim chips %q", got)
	}
	hasMeduza := func() bool {
		st, _ := u.store()
		_, err := st.FindTag(context.Background(), store.FamilySource, "Meduza")
		return err == nil
	}
	if !hasMeduza() {
		t.Fatal("the new source was not created")
	}
	u.wantHistory(t, "Undo mark claim", "Redo (off)")
	u.ctrlZ()
	if cs := storedClaims(t, u, p.ID, "all"); len(cs) != 0 || hasMeduza() {
		t.Errorf("after undo: claims %+v, source Meduza %v", cs, hasMeduza())
	}
	if got := u.reader.claimUnderlines(p); len(got) != 0 {
		t.Errorf("after undo the reader underlines %+v", got)
	}
	u.ctrlShiftZ()
	if cs := storedClaims(t, u, p.ID, "all"); len(cs) != 1 || cs[0].Span != want || !hasMeduza() {
		t.Errorf("after redo: claims %+v, source Meduza %v", cs, hasMeduza())
	}
}

// claimChip returns the reader row's claim chip labelled label.
func claimChip(t *testing.T, row *passageRow, label string) fyne.Tappable {
	t.Helper()
	for _, c := range row.claims.Objects {
		if slices.Contains(texts(c), label) {
			return c.(fyne.Tappable)
		}
	}
	t.Fatalf("no claim chip %q among %q", label, chipTexts(row.claims))
	return nil
}

// chipTexts lists the text of a row's chips.
func chipTexts(box *fyne.Container) []string {
	var out []string
	for _, c := range box.Objects {
		out = append(out, texts(c)...)
	}
	return out
}

// Ctrl+K on the passage where Putin "likely directed" efforts opens its
// suggestion, prefilled; Accept with an edit accepts it; the chip reopens
// it, and Remove rejects it for good: suggesting again does not bring it
// back. The other suggestion there is rejected from its dialog.
func TestSuggestedClaimDialog(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	row := u.focusedRow(t)
	if got := chipTexts(row.claims); !slices.Equal(got, []string{"Claim by ODNI report on foreign threa…, likely ?", "Claim by Anonymous sources, likely ?"}) {
		t.Errorf("claim chips %q", got)
	}
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	if !slices.Contains(texts(u.dialog(t, "Suggested claim")), "“"+putinClaim+"”") {
		t.Errorf("the dialog does not quote the claim: %q", texts(u.dialog(t, "Suggested claim")))
	}
	if f.source.Text != odniReport || f.likelihood.Selected != "likely" || f.stance.Selected != "asserts" ||
		f.cue.Text != "according to" || f.about.Text != "Vladimir Putin, United States, Donald Trump" || f.confidence.Selected != "none stated" {
		t.Errorf("prefilled: source %q, likelihood %q, stance %q, cue %q, about %q, confidence %q",
			f.source.Text, f.likelihood.Selected, f.stance.Selected, f.cue.Text, f.about.Text, f.confidence.Selected)
	}
	u.do(func() {
		f.confidence.SetSelected("moderate")
		f.note.SetText("the headline claim")
	})
	u.tapDialogButton(t, "Suggested claim", "Accept")
	cs := storedClaims(t, u, p.ID, "all")
	if len(cs) != 2 || cs[0].Text != putinClaim || cs[0].State != store.ClaimAccepted || cs[0].Confidence != claims.Moderate ||
		cs[0].Note != "the headline claim" || cs[0].Likelihood != claims.Likely || cs[0].Source != odniReport {
		t.Fatalf("after Accept: %+v", cs)
	}
	putin := cs[0]
	if got := u.reader.claimUnderlines(p); len(got) != 2 || got[0].dashed || !got[1].dashed {
		t.Errorf("the reader underlines %+v; want the accepted claim solid, the suggestion dashed", got)
	}

	// The second suggestion, from its chip: rejected.
	u.do(func() {
		claimChip(t, u.focusedRow(t), "Claim by Anonymous sources, likely ?").Tapped(&fyne.PointEvent{})
	})
	u.tapDialogButton(t, "Suggested claim", "Reject")
	if cs := storedClaims(t, u, p.ID, ""); len(cs) != 1 || cs[0].ID != putin.ID {
		t.Errorf("after Reject, not rejected: %+v", cs)
	}
	if got := chipTexts(u.focusedRow(t).claims); !slices.Equal(got, []string{"Claim by ODNI report on foreign threa…, likely, moderate confidence ✓"}) {
		t.Errorf("claim chips after reject %q", got)
	}

	// The accepted claim's chip opens it; an edit is saved; Remove rejects it.
	u.do(func() {
		claimChip(t, u.focusedRow(t), "Claim by ODNI report on foreign threa…, likely, moderate confidence ✓").Tapped(&fyne.PointEvent{})
	})
	f = u.claimFields(t, "Claim")
	u.do(func() { f.stance.SetSelected("denies") })
	u.tapDialogButton(t, "Claim", "Save")
	if c := storedClaims(t, u, p.ID, "")[0]; c.Stance != claims.Denies || c.Note != "the headline claim" {
		t.Errorf("after Save: %+v", c)
	}
	u.press(t, fyne.KeyK, ctrl) // no selection, no suggestion left: the claim
	u.tapDialogButton(t, "Claim", "Remove claim")
	if cs := storedClaims(t, u, p.ID, ""); len(cs) != 0 {
		t.Errorf("after Remove: %+v", cs)
	}
	if got := u.reader.claimUnderlines(p); len(got) != 0 {
		t.Errorf("rejected claims are underlined: %+v", got)
	}
	// Decisions stick: suggesting again brings neither back.
	st, _ := u.store()
	if _, err := st.SuggestClaims(context.Background(), nil, nil); err != nil {
		t.Fatal(err)
	}
	u.do(u.annotationsChanged)
	if cs := storedClaims(t, u, p.ID, ""); len(cs) != 0 {
		t.Errorf("suggesting again resurrected %+v", cs)
	}
	if got := u.reader.claimUnderlines(p); len(got) != 0 {
		t.Errorf("after suggesting again the reader underlines %+v", got)
	}
	// Undo brings the removed claim back, accepted.
	u.ctrlZ()
	if cs := storedClaims(t, u, p.ID, ""); len(cs) != 1 || cs[0].State != store.ClaimAccepted {
		t.Errorf("after undo: %+v", cs)
	}
}

// A selection inside a suggestion opens the suggestion with the selected
// words as its own: accepting it keeps one claim, on those words.
func TestSelectionInSuggestion(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	start := strings.Index(p.Text, "Russian President")
	u.do(func() {
		u.reader.selected(u.reader.focus, start, start+len("Russian President Vladimir Putin likely directed efforts"))
	})
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	if f.source.Text != odniReport || f.likelihood.Selected != "likely" {
		t.Errorf("prefilled: source %q, likelihood %q", f.source.Text, f.likelihood.Selected)
	}
	u.tapDialogButton(t, "Suggested claim", "Accept")
	cs := storedClaims(t, u, p.ID, "")
	if len(cs) != 2 || cs[0].Text != "Russian President Vladimir Putin likely directed efforts" || cs[0].State != store.ClaimAccepted {
		t.Errorf("after Accept: %+v", cs)
	}
}

// Bad input is refused with a message and loses nothing: an unknown actor
// keeps the dialog open with everything typed; a change the store refuses
// brings the dialog back as it was.
func TestClaimDialogLosesNothing(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	u.do(func() {
		f.about.SetText("Vladimir Putin, Nobody Known")
		f.note.SetText("typed")
	})
	u.press(t, fyne.KeyReturn, 0) // in the source field, which has the focus
	if got := overlayTexts(u.w); !strings.Contains(got, "No actor is called “Nobody Known”") {
		t.Fatalf("dialogs say %q", got)
	}
	u.do(func() { u.dialogKey(fyne.KeyEscape) }) // the message
	f = u.claimFields(t, "Suggested claim")
	if f.about.Text != "Vladimir Putin, Nobody Known" || !strings.HasPrefix(f.note.Text, "typed") {
		t.Errorf("the dialog lost what was typed: about %q, note %q", f.about.Text, f.note.Text)
	}
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimSuggested {
		t.Errorf("the refused claim changed: %+v", cs[0])
	}

	// A change the store refuses (a source name too long for a tag) shows
	// why, over the dialog, back with everything typed.
	long := strings.TrimSpace(strings.Repeat("Long source name ", 40))
	u.do(func() {
		f.about.SetText("Vladimir Putin")
		f.source.SetText(long)
	})
	u.tapDialogButton(t, "Suggested claim", "Accept")
	if got := overlayTexts(u.w); !strings.Contains(got, "at most") {
		t.Fatalf("dialogs say %q", got)
	}
	u.do(func() { u.dialogKey(fyne.KeyEscape) }) // the message
	f = u.claimFields(t, "Suggested claim")
	if f.source.Text != long || !strings.HasPrefix(f.note.Text, "typed") || f.about.Text != "Vladimir Putin" {
		t.Errorf("the dialog came back without what was typed: source %q, note %q, about %q", f.source.Text, f.note.Text, f.about.Text)
	}
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimSuggested || cs[0].Source != odniReport {
		t.Errorf("the refused claim changed: %+v", cs[0])
	}
}

// In the claim dialog a claim is linked to another, picked by typing words
// of it, as contradicting it; the dialog lists the link, and Unlink
// removes it.
func TestLinkAndUnlinkClaims(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	u.tapDialogButton(t, "Suggested claim", "Link to another claim…")
	d := u.dialog(t, "Link claim")
	entry := findAll[*fieldEntry](d)[0]
	kind := findAll[*fieldSelect](d)[0]
	list := &findAll[*dialogList](d)[0].List
	all := list.Length()
	u.do(func() { test.Type(entry, "next week anonymous") })
	if n := list.Length(); n != 1 || n >= all {
		t.Fatalf("typing lists %d of %d claims", n, all)
	}
	u.do(func() { kind.SetSelected(linkContradictsLabel) })
	u.do(func() { list.Select(0) })
	putin := storedClaims(t, u, p.ID, "")[0]
	if len(putin.Contradicts) != 1 || len(putin.SameAs) != 0 {
		t.Fatalf("after linking: %+v", putin)
	}
	other := putin.Contradicts[0]
	d = u.dialog(t, "Suggested claim")
	found := false
	for _, s := range texts(d) {
		found = found || strings.HasPrefix(s, "Contradicted by Anonymous sources: “Washington is expected to impose sanctions")
	}
	if !found {
		t.Errorf("the claim dialog does not list the link: %q", texts(d))
	}
	u.tapDialogButton(t, "Suggested claim", "Unlink")
	if putin = storedClaims(t, u, p.ID, "")[0]; len(putin.Contradicts)+len(putin.SameAs) != 0 {
		t.Errorf("after Unlink: %+v", putin)
	}
	if !slices.Contains(texts(u.dialog(t, "Suggested claim")), "Not linked to other claims.") {
		t.Errorf("the dialog still lists a link: %q", texts(u.dialog(t, "Suggested claim")))
	}
	u.do(func() { u.dialogKey(fyne.KeyEscape) })
	u.ctrlZ() // the unlink
	if putin = storedClaims(t, u, p.ID, "")[0]; len(putin.Contradicts) != 1 || putin.Contradicts[0] != other {
		t.Errorf("after undoing Unlink: %+v", putin)
	}
}

// The reader marks every suggested claim of the built-in article with a
// dashed line under exactly its words and a chip saying whose it is.
func TestReaderMarksSuggestedClaims(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	all, err := st.Claims(context.Background(), store.ClaimQuery{})
	if err != nil || len(all) < 7 {
		t.Fatalf("%d claims, %v", len(all), err)
	}
	u.do(func() { u.reader.openDocument(all[0].DocumentID) })
	u.do(func() { u.reader.widen(readerWindow) })
	r := u.reader
	for _, c := range all {
		i := slices.IndexFunc(r.passages, func(p store.Passage) bool { return p.ID == c.PassageID })
		row := r.rows[i]
		if row == nil {
			t.Fatalf("passage %d is not laid out", c.Ordinal)
		}
		if !slices.Contains(row.text.underlines, flowUnderline{c.Span.Start, c.Span.End, colorNameClaim, true}) {
			t.Errorf("¶ %d: %q is not underlined dashed: %+v", c.Ordinal, c.Text, row.text.underlines)
		}
		if !slices.Contains(chipTexts(row.claims), claimSummary(c, 28)) {
			t.Errorf("¶ %d: no chip %q among %q", c.Ordinal, claimSummary(c, 28), chipTexts(row.claims))
		}
	}
	// A passage without claims has no claim line.
	for i, row := range r.rows {
		if len(r.claims[r.passages[i].ID]) == 0 && (row.claims.Visible() || len(row.text.underlines) > 0) {
			t.Errorf("¶ %d has no claim but shows claim marks", r.passages[i].Ordinal)
		}
	}
	// Clicking a claim's words says whose claim it is.
	c := all[0]
	i := slices.IndexFunc(r.passages, func(p store.Passage) bool { return p.ID == c.PassageID })
	u.do(func() { r.rows[i].text.onTap(c.Span.Start + 1) })
	before, source, after := claimSummaryParts(c, 60)
	if msg := u.status.message.Text; !strings.HasPrefix(msg, before+"“"+source+"”"+after) || r.claimed != c.ID {
		t.Errorf("status %q after clicking the claim's words", msg)
	}
}

// Ctrl+K on a read-only research file says why it cannot mark a claim,
// before any dialog; so does a claim chip.
func TestMarkClaimReadOnly(t *testing.T) {
	u := newTestUI(t)
	ro := filepath.Join(t.TempDir(), "ro.dossier")
	st, err := openSeeded(ro)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.switchTo(ro) })
	if !u.CurrentStore().ReadOnly() {
		t.Skip("the chmod 0444 file is not open read-only (running as root?)")
	}
	u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	if got := overlayTexts(u.w); !strings.Contains(got, "This research file is read-only: "+ro) || strings.Contains(got, "Suggested claim") {
		t.Errorf("Ctrl+K on a read-only file: dialogs say %q", got)
	}
	closeOverlays(u.w)
	u.do(func() {
		claimChip(t, u.focusedRow(t), "Claim by Anonymous sources, likely ?").Tapped(&fyne.PointEvent{})
	})
	if got := overlayTexts(u.w); !strings.Contains(got, "read-only") || strings.Contains(got, "Suggested claim") {
		t.Errorf("a claim chip on a read-only file: dialogs say %q", got)
	}
}

// The line under a claim stands out (WCAG's 4.5:1) on the reader's
// background and on the focused passage's, in both themes.
func TestClaimLineContrast(t *testing.T) {
	for _, variant := range []string{themeLight, themeDark} {
		th := &dossierTheme{variant: variant, scale: 1}
		line := toNRGBA(th.Color(colorNameClaim, theme.VariantLight))
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, colorNameFocus} {
			if r := contrast(line, toNRGBA(th.Color(bg, theme.VariantLight))); r < 4.5 {
				t.Errorf("%s theme: the claim line on %s has contrast %.2f", variant, bg, r)
			}
		}
	}
}

// claimSummary is a claim chip's text: claimSummaryParts joined.
func claimSummary(c store.Claim, sourceLen int) string {
	before, source, after := claimSummaryParts(c, sourceLen)
	return before + source + after
}
