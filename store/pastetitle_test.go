package store_test

import (
	"context"
	"testing"
)

// A pasted document's title of invisible characters alone (a zero-width
// space, a soft hyphen, direction marks) is no title, as an empty one is:
// it was stored, and the library showed a blank row. A source so is none.
func TestAPastedTitleOfInvisibleCharactersIsNone(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	before, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"", " \n", "\u200b", "\u00ad\u200e\u200f", " \u2060 \ufeff "} {
		if _, err := s.ImportText(ctx, title, "", "Some pasted text about the ferry contracts."); err == nil || err.Error() != "give the new document a title" {
			t.Errorf("title %q: %v; want it refused as no title", title, err)
		}
	}
	if after, _ := s.Documents(ctx); len(after) != len(before) {
		t.Errorf("%d documents stored under titles that show nothing", len(after)-len(before))
	}
	res, err := s.ImportText(ctx, "Ferry contracts", "\u200b\u200e", "Some pasted text about the ferry contracts.")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := s.Documents(ctx)
	for _, d := range docs {
		if d.ID == res.DocumentID && (d.Title != "Ferry contracts" || d.Source != "") {
			t.Errorf("stored as %q, source %q; want the source empty", d.Title, d.Source)
		}
	}
}
