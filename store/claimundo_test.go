package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/claims"
)

// ledgerState renders every claim with its fields, actors and links, and
// the source tags, so that undo can be checked to put back exactly.
func ledgerState(t *testing.T, s *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, c := range claimList(t, s, store.ClaimQuery{State: "all"}) {
		fmt.Fprintf(&b, "%d p%d [%d,%d) %q src=%q about=%v %s cue=%q %s %s %s/%s note=%q same=%v contra=%v upd=%s\n",
			c.ID, c.PassageID, c.Span.Start, c.Span.End, c.Text, c.Source, actorNames(c.About), c.Stance, c.Cue,
			c.Likelihood, c.Confidence, c.State, c.Origin, c.Note, c.SameAs, c.Contradicts, c.Updated)
	}
	tags, err := s.Tags(context.Background(), store.FamilySource)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		fmt.Fprintf(&b, "source %d %q %d/%d\n", tg.ID, tg.Name, tg.Accepted, tg.Pending)
	}
	return b.String()
}

// Every claim decision the window makes comes back with what undoes and
// redoes it exactly, a source created on the spot included.
func TestClaimChangesUndo(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	ps, err := s.Passages(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	p := ps[12]
	all := claimList(t, s, store.ClaimQuery{})
	likely := claims.Likely
	src, cue, note := "Meduza", "wrote", "a new outlet"
	about := []string{"Putin"}
	steps := []struct {
		name string
		do   func() (store.ClaimChange, error)
	}{
		{"mark with a new source", func() (store.ClaimChange, error) {
			_, c, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 10},
				store.ClaimEdit{Source: &src, Likelihood: &likely, Cue: &cue, Note: &note, About: &about})
			return c, err
		}},
		{"edit", func() (store.ClaimChange, error) {
			_, c, err := s.EditClaimUndoable(ctx, all[0].ID, store.ClaimEdit{Note: &note, Cue: &cue, Span: &store.Range{Start: 0, End: 7}})
			return c, err
		}},
		{"reject", func() (store.ClaimChange, error) { return s.SetClaimStateUndoable(ctx, all[1].ID, store.ClaimRejected) }},
		{"link", func() (store.ClaimChange, error) {
			return s.LinkClaimsUndoable(ctx, all[2].ID, all[3].ID, store.LinkContradicts)
		}},
		{"unlink", func() (store.ClaimChange, error) { return s.UnlinkClaimsUndoable(ctx, all[2].ID, all[3].ID) }},
	}
	for _, st := range steps {
		before := ledgerState(t, s)
		c, err := st.do()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		after := ledgerState(t, s)
		if after == before {
			t.Fatalf("%s changed nothing", st.name)
		}
		if err := s.UndoClaims(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got := ledgerState(t, s); got != before {
			t.Errorf("undo %s:\n%s\nwant\n%s", st.name, got, before)
		}
		if err := s.RedoClaims(ctx, c); err != nil {
			t.Fatal(err)
		}
		if got := ledgerState(t, s); got != after {
			t.Errorf("redo %s:\n%s\nwant\n%s", st.name, got, after)
		}
	}
	// The cue typed is placed where it is in the passage.
	c, err := s.Claim(ctx, all[0].ID)
	if err != nil || c.Cue != "wrote" {
		t.Fatalf("%+v %v", c, err)
	}
	// The reader gets the document's claims that are not rejected with it.
	rd, err := s.ReadDocument(ctx, store.ReaderRequest{DocumentID: docID})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for pid, cs := range rd.Claims {
		for _, c := range cs {
			n++
			if c.PassageID != pid || c.State == store.ClaimRejected || c.ID == all[1].ID {
				t.Errorf("reader claim %+v under passage %d", c, pid)
			}
		}
	}
	if want := len(claimList(t, s, store.ClaimQuery{})); n != want {
		t.Errorf("the reader gets %d claims, the ledger lists %d", n, want)
	}
}
