package app

import (
	"context"
	"strings"
	"testing"

	"dossier/store"
)

// Choosing a source nothing is tagged with (one a merge kept, one just
// made) says so; it said "Try fewer words, a prefix such as sanction*…" of
// a query without words (a UI pass). Words that match nothing still get
// that advice.
func TestAnUntaggedSourceSaysSoNotTryFewerWords(t *testing.T) {
	u := newTestUI(t)
	tag, _, err := u.CurrentStore().CreateTagUndoable(context.Background(), store.Tag{Family: store.FamilySource, Kind: "report", Name: "Senate Intelligence Committee report"})
	if err != nil {
		t.Fatal(err)
	}
	u.find(filterFor(tag))
	msg := u.results.message.Text
	if len(u.results.items) != 0 || !strings.Contains(msg, `No passages match source:"Senate Intelligence Committee report": no passage is tagged with it`) ||
		strings.Contains(msg, "fewer words") {
		t.Errorf("%d results, message %q", len(u.results.items), msg)
	}
	u.find("zanzibarquux")
	if msg := u.results.message.Text; !strings.Contains(msg, "fewer words") {
		t.Errorf("words that match nothing: message %q", msg)
	}
}
