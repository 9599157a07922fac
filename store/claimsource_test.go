package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/store"
)

// A claim is someone's assertion: marking one without a source, or
// clearing a claim's source, is refused with a message and changes nothing.
func TestClaimNeedsSource(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	p := passageAt(t, s, docID, 2)
	span := store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}
	blank, note := "  ", "unattributed"
	for name, e := range map[string]store.ClaimEdit{"no source": {Note: &note}, "a blank source": {Source: &blank}} {
		if _, err := s.MarkClaim(ctx, p.ID, span, e); !errors.Is(err, store.ErrNoSource) {
			t.Errorf("marking a claim with %s: %v, want ErrNoSource", name, err)
		}
	}
	for _, c := range claimList(t, s, store.ClaimQuery{State: "all"}) {
		if c.PassageID == p.ID {
			t.Fatalf("a refused mark left claim %+v", c)
		}
	}
	if !strings.Contains(store.ErrNoSource.Error(), "needs a source") {
		t.Errorf("the message does not say what is missing: %q", store.ErrNoSource)
	}

	c := claimList(t, s, store.ClaimQuery{})[0]
	if _, err := s.EditClaim(ctx, c.ID, store.ClaimEdit{Source: &blank, Note: &note}); !errors.Is(err, store.ErrNoSource) {
		t.Errorf("clearing a claim's source: %v, want ErrNoSource", err)
	}
	if again, err := s.Claim(ctx, c.ID); err != nil || again.Source != c.Source || again.Note != c.Note || again.State != c.State {
		t.Errorf("a refused edit changed the claim: %+v, %v (was %+v)", again, err, c)
	}
}
