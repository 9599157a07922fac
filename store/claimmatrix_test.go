package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"dossier/store"
	"dossier/store/claims"
)

// The matrix of the built-in article: one row per claim (nothing linked
// yet), each marked by its own source; China's denial is ✗.
func TestClaimMatrixSeed(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	all := claimList(t, s, store.ClaimQuery{})
	m, err := s.ClaimMatrix(ctx, store.ClaimQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != len(all) {
		t.Fatalf("%d rows for %d unlinked claims", len(m.Rows), len(all))
	}
	col := map[string]int{}
	for i, src := range m.Sources {
		col[src.Name] = i
		if i > 0 && src.Rows > m.Sources[i-1].Rows {
			t.Errorf("columns not by rows: %v", m.Sources)
		}
	}
	for i, r := range m.Rows {
		c := r.Claims[0]
		if c.ID != all[i].ID || len(r.Claims) != 1 {
			t.Errorf("row %d: %v, want claim %d alone", i, r.Claims, all[i].ID)
		}
		want := store.MarkAsserts
		if c.Stance.String() == "denies" {
			want = store.MarkDenies
		}
		if c.SourceID != 0 && (r.Marks[col[c.Source]] != want || r.SourceCount() != 1) {
			t.Errorf("row %q: marks %v, want %v under %s", c.Text, r.Marks, want, c.Source)
		}
		if r.Disputed() {
			t.Errorf("row %q disputed with nothing linked", c.Text)
		}
	}
	china := slices.IndexFunc(m.Rows, func(r store.MatrixRow) bool { return strings.Contains(r.Claims[0].Text, "did not deploy") })
	if china < 0 || m.Rows[china].Marks[col["ODNI report on foreign threats to the 2020 election"]] != store.MarkDenies {
		t.Errorf("China's denial is not a ✗ of the report: row %d, columns %v", china, m.Sources)
	}
}

// Claims linked as the same form one row marked by each source; a source
// that denies what another asserts, or a contradicts link, disputes it.
func TestClaimMatrixLinks(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	all := claimList(t, s, store.ClaimQuery{})
	// Three claims by different sources: a and b the same, c contradicting a.
	var a, b, c store.Claim
	for _, cl := range all {
		switch {
		case a.ID == 0 && cl.SourceID != 0:
			a = cl
		case b.ID == 0 && cl.SourceID != 0 && cl.SourceID != a.SourceID:
			b = cl
		case c.ID == 0 && cl.SourceID != 0 && cl.SourceID != a.SourceID && cl.SourceID != b.SourceID:
			c = cl
		}
	}
	if c.ID == 0 {
		t.Fatal("the built-in article has fewer than three sources of claims")
	}
	if err := s.LinkClaims(ctx, a.ID, b.ID, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, c.ID, a.ID, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	m, err := s.ClaimMatrix(ctx, store.ClaimQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Rows) != len(all)-1 {
		t.Fatalf("%d rows for %d claims, two linked", len(m.Rows), len(all))
	}
	rowOf := func(id int64) int {
		for i, r := range m.Rows {
			for _, cl := range r.Claims {
				if cl.ID == id {
					return i
				}
			}
		}
		t.Fatalf("claim %d in no row", id)
		return -1
	}
	ra, rc := rowOf(a.ID), rowOf(c.ID)
	if rowOf(b.ID) != ra || len(m.Rows[ra].Claims) != 2 || m.Rows[ra].Claims[0].ID != a.ID {
		t.Errorf("a and b not one row led by a: %+v", m.Rows[ra].Claims)
	}
	if m.Rows[ra].SourceCount() != 2 {
		t.Errorf("the linked row has %d sources, want 2", m.Rows[ra].SourceCount())
	}
	if !slices.Equal(m.Rows[ra].Contradicts, []int{rc}) || !slices.Equal(m.Rows[rc].Contradicts, []int{ra}) {
		t.Errorf("contradicts: %v / %v", m.Rows[ra].Contradicts, m.Rows[rc].Contradicts)
	}
	if !m.Rows[ra].Disputed() || !m.Rows[rc].Disputed() {
		t.Error("contradicting rows are not disputed")
	}

	// The same words denied by b's source: that column is ✗, the row disputed.
	if err := s.UnlinkClaims(ctx, c.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	stance := claims.Denies
	if a.Stance == claims.Denies {
		stance = claims.Asserts
	}
	if _, err := s.EditClaim(ctx, b.ID, store.ClaimEdit{Stance: &stance}); err != nil {
		t.Fatal(err)
	}
	m, err = s.ClaimMatrix(ctx, store.ClaimQuery{})
	if err != nil {
		t.Fatal(err)
	}
	r := m.Rows[rowOf(a.ID)]
	if !r.Disputed() || len(r.Contradicts) != 0 {
		t.Errorf("a source denying what another asserts: disputed %v, contradicts %v, marks %v", r.Disputed(), r.Contradicts, r.Marks)
	}

	// A query narrows the rows; links to claims it leaves out are dropped.
	m, err = s.ClaimMatrix(ctx, store.ClaimQuery{Query: "stance:denies"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Rows {
		if len(r.Claims) != 1 || r.Claims[0].Stance.String() != "denies" {
			t.Errorf("stance:denies row: %+v", r.Claims)
		}
	}
	if _, err := s.ClaimMatrix(ctx, store.ClaimQuery{State: "maybe"}); err == nil {
		t.Error("an unknown state is accepted")
	}
}

// DecideClaim returns the state before, so a decision can be taken back.
func TestDecideClaim(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	cl := claimList(t, s, store.ClaimQuery{})[0]
	before, err := s.DecideClaim(ctx, cl.ID, store.ClaimAccepted)
	if err != nil || before != store.ClaimSuggested {
		t.Fatalf("accept: before %q, %v", before, err)
	}
	if got, _ := s.Claim(ctx, cl.ID); got.State != store.ClaimAccepted {
		t.Errorf("state %q after accepting", got.State)
	}
	if before, err = s.DecideClaim(ctx, cl.ID, before); err != nil || before != store.ClaimAccepted {
		t.Fatalf("undo: before %q, %v", before, err)
	}
	if got, _ := s.Claim(ctx, cl.ID); got.State != store.ClaimSuggested {
		t.Errorf("state %q after taking the decision back", got.State)
	}
	if _, err := s.DecideClaim(ctx, cl.ID, "maybe"); err == nil {
		t.Error("an unknown state is accepted")
	}
	if _, err := s.DecideClaim(ctx, 987654, store.ClaimRejected); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("no such claim: %v", err)
	}
}

func TestDecideClaimReadOnly(t *testing.T) {
	path := t.TempDir() + "/research.dossier"
	s, _ := mustResearchAt(t, path)
	cl := claimList(t, s, store.ClaimQuery{})[0]
	s.Close()
	ro, err := store.OpenReadOnly(path, "a test")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.DecideClaim(context.Background(), cl.ID, store.ClaimAccepted); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("deciding on a read-only file: %v", err)
	}
}
