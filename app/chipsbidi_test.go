package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// chipDrawn is how a chip's text is drawn: its flow text's one line in
// visual order, or "" where a plain text draws it (left to right, as
// stored).
func chipDrawn(t *testing.T, f *fitText) string {
	t.Helper()
	if f.flow == nil {
		return ""
	}
	lines, _ := layoutFlow(f.flow.spans, 2000, theme.CaptionTextSize(), 1)
	if len(lines) != 1 {
		t.Fatalf("%q laid out on %d lines", f.full, len(lines))
	}
	return visualText(lines[0])
}

// A Hebrew tag's chip and a claim chip with a Hebrew source read right to
// left, the name ordered apart from the words around it: Fyne drew a
// chip's words in stored order, "Claim by רוסיה 2020 (Russia), likely"
// with the name's words reversed and its number and brackets torn from it
// (found by the hostile UI pass ui7).
func TestChipsReadRightToLeft(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	ctx := context.Background()
	const name = "רוסיה 2020 (Russia)"
	tag, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "state", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	p := u.openPassage(t, "putin directed", 1)
	if _, err := st.TagPassageUndoable(ctx, p.ID, tag.ID, nil); err != nil {
		t.Fatal(err)
	}
	source := name
	if _, err := st.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: 12}, store.ClaimEdit{Source: &source}); err != nil {
		t.Fatal(err)
	}
	u.do(u.reader.refreshAnnotations)
	row := u.focusedRow(t)

	var tagChip, claimChip, latinChip *fitText
	for _, c := range row.chips.Objects {
		for _, f := range findAll[*fitText](c) {
			switch {
			case f.full == name:
				tagChip = f
			case f.flow == nil && latinChip == nil:
				latinChip = f
			}
		}
	}
	for _, c := range row.claims.Objects {
		for _, f := range findAll[*fitText](c) {
			if f.full == "Claim by "+name+" ✓" {
				claimChip = f
			}
		}
	}
	if tagChip == nil || claimChip == nil {
		t.Fatalf("chips: tag %v, claim %v; want both (tags %q, claims %q)", tagChip != nil, claimChip != nil, chipLabels(row), chipTexts(row.claims))
	}
	if got, want := chipDrawn(t, tagChip), "(Russia) 2020 רוסיה"; got != want {
		t.Errorf("the tag's chip is drawn %q, want %q", got, want)
	}
	if got, want := chipDrawn(t, claimChip), "Claim by (Russia) 2020 רוסיה ✓"; got != want {
		t.Errorf("the claim's chip is drawn %q, want %q", got, want)
	}
	if latinChip != nil && latinChip.flow != nil {
		t.Errorf("the Latin chip %q is drawn as flow text", latinChip.full)
	}
	if tagChip.flow.ink != tagChip.text.Color {
		t.Errorf("the Hebrew chip's ink %v, want the chip's text colour %v", tagChip.flow.ink, tagChip.text.Color)
	}

	// The status line quotes the source, which it then orders apart too.
	u.do(func() { u.reader.tappedText(u.reader.focus, 1) })
	if msg := u.status.message.Text; !strings.HasPrefix(msg, "Claim by “"+name+"”") {
		t.Errorf("status %q, want the source quoted", msg)
	}
	// The claim is accepted: Ctrl+K's dialog edits or removes it.
	if msg := u.status.message.Text; !strings.HasSuffix(msg, "Ctrl+K to edit or remove it.") {
		t.Errorf("status %q, want it to offer what Ctrl+K does for an accepted claim", msg)
	}
}
