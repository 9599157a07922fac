package app

import (
	"testing"

	"dossier/store"
	"dossier/store/claims"
)

// A claim chip words a denial as the CLI and the exports do: "denial" when
// the claim's own words deny ("Claim by ODNI report, denies" on “Beijing
// did not deploy …” read as the report saying the opposite), "denies" when
// the source's verb does.
func TestClaimChipSaysWhereTheDenialIs(t *testing.T) {
	for _, c := range []struct {
		claim store.Claim
		want  string
	}{
		{store.Claim{Source: "CNN", Stance: claims.Denies, Cue: "concluding", Text: `Beijing "did not deploy interference efforts"`, State: store.ClaimSuggested},
			"Claim by CNN, denial ?"},
		{store.Claim{Source: "Paul Manafort", Stance: claims.Denies, Cue: "denied", Text: "meeting with Kilimnik on his Madrid trip", State: store.ClaimAccepted},
			"Claim by Paul Manafort, denies ✓"},
		{store.Claim{Source: "CNN", Stance: claims.Asserts, Cue: "said", Text: "he did not go", Likelihood: claims.Likely, State: store.ClaimAccepted},
			"Claim by CNN, likely ✓"},
	} {
		if got := claimSummary(c.claim, 28); got != c.want {
			t.Errorf("chip %q, want %q", got, c.want)
		}
	}
}
