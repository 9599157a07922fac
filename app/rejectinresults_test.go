package app

import (
	"context"
	"testing"

	"dossier/store"
)

// A wrong suggestion is wrong wherever its words stand: a suggestion
// chip's menu rejects the tag's suggestions in every result of the search
// listed, as one change that Undo puts back.
func TestRejectASuggestionInEveryResult(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	ctx := context.Background()
	const q = "trump biden"
	page, err := st.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: q, Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	trump, _, _ := tagRow(t, u.actors, "Donald Trump")
	pendingIn, first := 0, -1
	for _, h := range page.Hits {
		for _, pt := range page.Tags[h.PassageID] {
			if pt.ID == trump.ID && pt.State == store.StatePending {
				pendingIn++
				if first < 0 {
					first = h.Ordinal
				}
			}
		}
	}
	// Some suggestions must stay outside the results, or the test cannot
	// tell "in the results" from "all".
	if pendingIn < 2 || pendingIn == trump.Pending {
		t.Fatalf("Donald Trump: %d suggestions among the results of %q, %d in all; the test needs some in and some out", pendingIn, q, trump.Pending)
	}
	u.openPassage(t, q, first)
	u.chipAction(t, "Donald Trump ?", "Reject it in every result of “"+q+"”")
	want := plural(pendingIn, "suggestion") + " of “Donald Trump” rejected in every result of “" + q + "”."
	if got := u.status.message.Text; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if now, _, _ := tagRow(t, u.actors, "Donald Trump"); now.Pending != trump.Pending-pendingIn {
		t.Errorf("Donald Trump has %d suggestions left, want %d (%d rejected in the results)", now.Pending, trump.Pending-pendingIn, pendingIn)
	}
	u.ctrlZ()
	if now, _, _ := tagRow(t, u.actors, "Donald Trump"); now.Pending != trump.Pending {
		t.Errorf("after undo Donald Trump has %d suggestions, want %d", now.Pending, trump.Pending)
	}
	// Another window rejects them first, while this one's chip still
	// asks: the status said they were rejected here all the same.
	if _, n, err := st.DecideSuggestionsMatchingUndoable(ctx, trump.ID, q, store.StateRejected, store.Through{}); err != nil || n != pendingIn {
		t.Fatalf("rejecting them as another window would: %d, %v", n, err)
	}
	before := u.history(t)
	u.chipAction(t, "Donald Trump ?", "Reject it in every result of “"+q+"”")
	want = "No suggestions of “Donald Trump” were left in the results of “" + q + "”: nothing was rejected."
	if got := u.status.message.Text; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	// Nothing changed, so nothing is added to undo (an entry whose undo
	// did nothing was; data11), and the redo waiting stays.
	if after := u.history(t); after != before {
		t.Errorf("a reject that rejected nothing changed Edit's history from %q to %q", before, after)
	}
}

// "Every result" is every result listed: a passage imported since, by
// another window say, is not rejected with them (data11).
func TestRejectInEveryResultLeavesPassagesImportedSince(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	ctx := context.Background()
	const q = "trump biden"
	trump, _, _ := tagRow(t, u.actors, "Donald Trump")
	// The memo's one passage, and whether Donald Trump is still suggested there.
	pending := func() bool {
		page, err := st.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: `doc:"A later memo"`}})
		if err != nil || len(page.Hits) != 1 {
			t.Fatalf("the memo's passages: %+v, %v", page, err)
		}
		for _, pt := range page.Tags[page.Hits[0].PassageID] {
			if pt.ID == trump.ID {
				return pt.State == store.StatePending
			}
		}
		return false
	}
	page, err := st.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: q}})
	if err != nil {
		t.Fatal(err)
	}
	first := -1
	for _, h := range page.Hits {
		for _, pt := range page.Tags[h.PassageID] {
			if first < 0 && pt.ID == trump.ID && pt.State == store.StatePending {
				first = h.Ordinal
			}
		}
	}
	u.openPassage(t, q, first)
	if _, err := st.ImportText(ctx, "A later memo", "", "Donald Trump and Joe Biden debated twice.\n"); err != nil {
		t.Fatal(err)
	}
	if !pending() {
		t.Fatal("the memo has no Donald Trump suggestion: the test cannot tell")
	}
	u.chipAction(t, "Donald Trump ?", "Reject it in every result of “"+q+"”")
	if !pending() {
		t.Errorf("rejecting in every result of %q rejected a passage imported after the results were listed (status %q)", q, u.status.message.Text)
	}
}

// A right suggestion is right in every result: the chip's menu accepts
// the tag's suggestions in the results listed, as one change (a
// researcher's pass accepted GRU on 23 results of "GRU hack*" a menu and a
// click each).
func TestAcceptASuggestionInEveryResult(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	ctx := context.Background()
	const q = "trump biden"
	page, err := st.SearchPage(ctx, store.PageRequest{SearchRequest: store.SearchRequest{Query: q, Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	trump, _, _ := tagRow(t, u.actors, "Donald Trump")
	pendingIn, first := 0, -1
	for _, h := range page.Hits {
		for _, pt := range page.Tags[h.PassageID] {
			if pt.ID == trump.ID && pt.State == store.StatePending {
				pendingIn++
				if first < 0 {
					first = h.Ordinal
				}
			}
		}
	}
	if pendingIn < 2 || pendingIn == trump.Pending {
		t.Fatalf("Donald Trump: %d suggestions among the results of %q, %d in all; the test needs some in and some out", pendingIn, q, trump.Pending)
	}
	u.openPassage(t, q, first)
	u.chipAction(t, "Donald Trump ?", "Accept it in every result of “"+q+"”")
	want := plural(pendingIn, "suggestion") + " of “Donald Trump” accepted in every result of “" + q + "”."
	if got := u.status.message.Text; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if now, _, _ := tagRow(t, u.actors, "Donald Trump"); now.Pending != trump.Pending-pendingIn || now.Accepted != trump.Accepted+pendingIn {
		t.Errorf("Donald Trump has %d suggestions and %d accepted, want %d and %d", now.Pending, now.Accepted, trump.Pending-pendingIn, trump.Accepted+pendingIn)
	}
	u.ctrlZ()
	if now, _, _ := tagRow(t, u.actors, "Donald Trump"); now.Pending != trump.Pending || now.Accepted != trump.Accepted {
		t.Errorf("after undo Donald Trump has %d suggestions and %d accepted, want %d and %d", now.Pending, now.Accepted, trump.Pending, trump.Accepted)
	}
}
