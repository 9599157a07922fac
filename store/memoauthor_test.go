package store_test

import (
	"context"
	"testing"

	"dossier/store"
)

// A memo's "we assess" is its author's claim, else its source's, once the
// document's details say who that is (a researcher's pass found it missed).
func TestMemoJudgmentIsItsAuthors(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		details store.DocumentDetails
		want    string // the claim's source; "" for none
	}{
		{store.DocumentDetails{Title: "Derkach memo", Author: "Desk analyst", Source: "Research desk"}, "Desk analyst"},
		{store.DocumentDetails{Title: "Derkach memo", Source: "Research desk"}, "Research desk"},
		{store.DocumentDetails{Title: "Derkach memo"}, ""},
	} {
		s := mustOpen(t)
		res := importText(t, s, "memo.txt", "We assess with moderate confidence that Derkach acted on Russia's behalf.\n")
		if _, err := s.SetDocumentDetails(ctx, res.DocumentID, c.details); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SuggestClaims(ctx, nil, nil); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claims(ctx, store.ClaimQuery{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == "" && len(got) != 0:
			t.Errorf("%+v: claims %+v, want none", c.details, got)
		case c.want != "" && (len(got) != 1 || got[0].Source != c.want || got[0].Rule != "judgment"):
			t.Errorf("%+v: claims %+v, want one judgment by %q", c.details, got, c.want)
		}
	}
}
