package cli_test

import (
	"context"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

// Deleting a document deletes the claims decided on its passages, with the
// researcher's notes on them; the CLI (which has no undo) must say so,
// as it says how many bookmarks and tags went.
func TestDataEDocsDeleteCountsClaims(t *testing.T) {
	db := newDB(t)
	var id int64
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		id = seed
		cs, err := st.Claims(ctx, store.ClaimQuery{})
		if err != nil || len(cs) < 2 {
			t.Fatalf("claims: %d, %v", len(cs), err)
		}
		note := "my analysis of who really said this"
		for _, c := range cs[:2] {
			if err := st.AcceptClaim(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := st.EditClaim(ctx, c.ID, store.ClaimEdit{Note: &note}); err != nil {
				t.Fatal(err)
			}
		}
	})
	r := run(t, db, "docs", "--delete", itoa(id))
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "2 claims accepted or annotated") {
		t.Errorf("deleting a document with 2 accepted claims (with notes) does not say they went: %d %q %q", r.code, r.stdout, r.stderr)
	}
	withStore(t, db, func(ctx context.Context, st *store.Store, _ int64) {
		cs, _ := st.Claims(ctx, store.ClaimQuery{State: "all"})
		t.Logf("claims left: %d", len(cs))
	})
}
