package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
	"dossier/store/claims"
)

// sourceHint is the claim dialog's inline message on a missing source.
func (u *testUI) sourceHint(t *testing.T, title string) *widget.Label {
	t.Helper()
	for _, l := range findAll[*widget.Label](u.dialog(t, title)) {
		if l.Text == noSourceHint {
			return l
		}
	}
	t.Fatalf("the %s dialog has no hint on a missing source", title)
	return nil
}

// A claim needs a source: emptying the field says so beside it at once,
// and Accept is refused, changing nothing, with the message beside the
// field (no error dialog over the claim dialog saying it again, as there
// was: a hostile UI pass) and the field focused; typing a source takes the
// message away and Accept goes through.
func TestClaimDialogNeedsSource(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	if u.sourceHint(t, "Suggested claim").Visible() {
		t.Error("the hint shows with a source filled in")
	}
	u.do(func() { f.source.SetText("  ") })
	if h := u.sourceHint(t, "Suggested claim"); !h.Visible() || h.Importance != widget.DangerImportance {
		t.Error("an empty source is not flagged beside the field")
	}
	dialogs := u.overlays()
	u.tapDialogButton(t, "Suggested claim", "Accept")
	if n := u.overlays(); n != dialogs {
		t.Fatalf("Accept with no source: %d dialogs, %d before; they say %q", n, dialogs, overlayTexts(u.w))
	}
	if h := u.sourceHint(t, "Suggested claim"); !h.Visible() || h.Importance != widget.DangerImportance {
		t.Error("after Accept with no source the hint beside the field is not shown as an error")
	}
	if got := u.w.Canvas().Focused(); got != f.source {
		t.Errorf("after Accept with no source the focus is on %T, not the source field", got)
	}
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimSuggested || cs[0].Source != odniReport {
		t.Errorf("the refused claim changed: %+v", cs[0])
	}
	f = u.claimFields(t, "Suggested claim")
	u.do(func() { f.source.SetText("CNN") })
	if u.sourceHint(t, "Suggested claim").Visible() {
		t.Error("the hint stays once a source is typed")
	}
	u.tapDialogButton(t, "Suggested claim", "Accept")
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimAccepted || cs[0].Source != "CNN" {
		t.Errorf("after Accept with a source: %+v", cs[0])
	}
}

// Words marked as a claim by hand start the dialog with what they say of
// themselves, as a suggestion's are read: "We assess with moderate
// confidence that Derkach's activities were likely part of…" left
// confidence, likelihood and About empty (a researcher's pass).
func TestMarkedWordsPrefillTheClaimDialog(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	// No reporting verb outside the words, so nothing is suggested here.
	importFile(t, st, writeFile(t, filepath.Join(t.TempDir(), "memo.txt"),
		"Memo\n\nWe assess with moderate confidence that Derkach's activities were likely part of a Russian influence effort. Nothing else.\n"))
	p := u.openPassage(t, "derkach", 1)
	words := "We assess with moderate confidence that Derkach's activities were likely part of a Russian influence effort."
	at := strings.Index(p.Text, words)
	u.do(func() { u.reader.selected(u.reader.focus, at, at+len(words)) })
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Mark as claim")
	if f.confidence.Selected != claims.Moderate.String() || f.likelihood.Selected != claims.Likely.String() ||
		f.stance.Selected != "asserts" || f.about.Text != "Andriy Derkach" || f.source.Text != "" {
		t.Errorf("confidence %q, likelihood %q, stance %q, about %q, source %q", f.confidence.Selected, f.likelihood.Selected, f.stance.Selected, f.about.Text, f.source.Text)
	}
}

// Save with no field changed says that links are saved as they are made:
// "The claim is unchanged." right after linking it read as if the link had
// been lost (a researcher's pass).
func TestSavingAnUnchangedClaimSaysLinksAreSaved(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	p := u.openPassage(t, "kilimnik manafort", 13)
	who := "Meduza"
	c, err := st.MarkClaim(context.Background(), p.ID, store.Range{Start: 0, End: 8}, store.ClaimEdit{Source: &who})
	if err != nil {
		t.Fatal(err)
	}
	u.do(func() { u.showClaimDialog(c) })
	u.tapDialogButton(t, "Claim", "Save")
	if got := u.status.message.Text; got != "Nothing to save: the claim's fields are as they were (links are saved as they are made)." {
		t.Errorf("status %q", got)
	}
}

// sourceReadAs is the claim dialog's line under the source field saying
// which tag a name typed in another form was read as ("" when hidden).
func (u *testUI) sourceReadAs(t *testing.T, title string) string {
	t.Helper()
	for _, l := range findAll[*widget.Label](u.dialog(t, title)) {
		if strings.HasPrefix(l.Text, "Reading “") {
			if l.Visible() {
				return l.Text
			}
			return ""
		}
	}
	return ""
}

// The claim dialog's source field reads a name as the tag picker and the
// search filters do (store.TagNamed): letters folded ("TURKIYE TODAY" is
// the source "Türkiye Today"), a state's name in another script ("Россия"
// is the actor Russia, whose source the claim gets), saying beside the
// field which tag it read, and adding no alias to the user's tags; it made
// new sources "TURKIYE TODAY" and "Россия" before.
func TestClaimDialogSourceReadsOtherForms(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	if _, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Türkiye Today"}); err != nil {
		t.Fatal(err)
	}
	sourcesBefore, err := st.Tags(ctx, store.FamilySource)
	if err != nil {
		t.Fatal(err)
	}
	p := u.openPassage(t, "putin directed", 1)
	u.press(t, fyne.KeyK, ctrl)
	f := u.claimFields(t, "Suggested claim")
	if got := u.sourceReadAs(t, "Suggested claim"); got != "" {
		t.Errorf("the suggested source shows %q", got)
	}
	u.do(func() { f.source.SetText("TURKIYE TODAY") })
	if got, want := u.sourceReadAs(t, "Suggested claim"), "Reading “TURKIYE TODAY” as “Türkiye Today”."; got != want {
		t.Errorf("under the source field: %q, want %q", got, want)
	}
	u.do(func() { f.source.SetText("CNN") })
	if got := u.sourceReadAs(t, "Suggested claim"); got != "" {
		t.Errorf("a source's own name shows %q", got)
	}
	u.do(func() { f.source.SetText("TURKIYE TODAY") })
	u.tapDialogButton(t, "Suggested claim", "Accept")
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimAccepted || cs[0].Source != "Türkiye Today" {
		t.Errorf("accepted with “TURKIYE TODAY”: %+v", cs[0])
	}

	// A state's name in another script: the actor's source.
	p = u.openPassage(t, "three sources said", 8)
	u.press(t, fyne.KeyK, ctrl)
	f = u.claimFields(t, "Suggested claim")
	u.do(func() { f.source.SetText("Россия") })
	if got, want := u.sourceReadAs(t, "Suggested claim"), "Reading “Россия” as “Russia”."; got != want {
		t.Errorf("under the source field: %q, want %q", got, want)
	}
	u.tapDialogButton(t, "Suggested claim", "Accept")
	if cs := storedClaims(t, u, p.ID, ""); cs[0].State != store.ClaimAccepted || cs[0].Source != "Russia" {
		t.Errorf("accepted with “Россия”: %+v", cs[0])
	}
	sources, err := st.Tags(ctx, store.FamilySource)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Tags(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range all {
		if tag.Name == "TURKIYE TODAY" || tag.Name == "Россия" {
			t.Errorf("a tag was made of the typed name: %+v", tag)
		}
		for _, a := range tag.Aliases {
			if a == "TURKIYE TODAY" || a == "Россия" {
				t.Errorf("the typed name became an alias of %s", tag.Name)
			}
		}
	}
	if len(sources) != len(sourcesBefore)+1 { // the source "Russia", the actor's
		t.Errorf("%d sources, %d before", len(sources), len(sourcesBefore))
	}
}
