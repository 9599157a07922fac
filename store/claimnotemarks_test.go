package store_test

import (
	"context"
	"testing"

	"dossier/store"
)

// A claim's words are shown without the footnote references of a report
// whose marks are references (the Mueller report's "…,<FN281> but the
// Office did not identify …" showed "<FN281>" in the list of claims), while
// its span still places them, marks and all, in the passage for the
// reader's highlight. A document whose "<FN12>" is its own text keeps it.
func TestClaimWordsAreShownWithoutFootnoteReferences(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	const said = "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	report := importText(t, s, "report.txt", "Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n")
	notes := importText(t, s, "notes.txt", "Notes\n\nThe cleaned text writes <FN12> where footnote 12 is cited, Okonjo said.\n")
	if _, err := s.SuggestClaims(ctx, []int64{report.DocumentID, notes.DocumentID}, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		doc         int64
		shown, span string
	}{
		{report.DocumentID, "the FBI had told him that the FBI was closing out its investigation of him, but Eisenberg did not believe him",
			"the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him"},
		{notes.DocumentID, "The cleaned text writes <FN12> where footnote 12 is cited", "The cleaned text writes <FN12> where footnote 12 is cited"},
	} {
		got := claimList(t, s, store.ClaimQuery{DocumentID: c.doc, State: "all"})
		if len(got) != 1 {
			t.Fatalf("claims %+v, want one", got)
		}
		g := got[0]
		if g.Text != c.shown || g.PassageText[g.Span.Start:g.Span.End] != c.span {
			t.Errorf("claim shown %q, span %q; want %q, %q", g.Text, g.PassageText[g.Span.Start:g.Span.End], c.shown, c.span)
		}
		if one, err := s.Claim(ctx, g.ID); err != nil || one.Text != c.shown {
			t.Errorf("Claim(%d) = %q, %v", g.ID, one.Text, err)
		}
	}
}
