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
	if _, n, err := st.DecideSuggestionsMatchingUndoable(ctx, trump.ID, q, store.StateRejected); err != nil || n != pendingIn {
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
