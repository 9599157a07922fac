package app

import (
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/claims"
)

// The ledger's stacked line (a narrow pane) words a claim's stance as the
// reader's chips and the exports do: it said "ODNI report · denies" of
// “Beijing did not deploy …”, the report's own denial, as if the report
// denied it. The source and its verb read as a sentence's start.
func TestLedgerStackedLineSaysWhereTheDenialIs(t *testing.T) {
	for _, c := range []struct {
		claim store.Claim
		want  string
	}{
		{store.Claim{Source: "ODNI report", Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, DocumentTitle: "Report"},
			"ODNI report says (denial) · Report"},
		{store.Claim{Source: "Paul Manafort", Stance: claims.Denies, Cue: "denied", Text: "meeting with Kilimnik on his Madrid trip", DocumentTitle: "Report"},
			"Paul Manafort denies · Report"},
		{store.Claim{Source: "Anonymous sources", Stance: claims.Asserts, Cue: "said", Text: "he did not go", Likelihood: claims.Likely, DocumentTitle: "Report"},
			"Anonymous sources assert · likely · Report"},
		{store.Claim{Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, DocumentTitle: "Report"},
			"no source · says (denial) · Report"},
	} {
		var b strings.Builder
		for _, s := range stackedSpans(c.claim, nil) {
			b.WriteString(s.text)
		}
		if got := b.String(); !strings.HasPrefix(got, c.want) {
			t.Errorf("stacked line %q, want it to begin %q", got, c.want)
		}
	}
}
