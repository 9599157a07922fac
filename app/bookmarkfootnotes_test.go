package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The Bookmarks view quotes a report's passage without its footnote
// references, as Copy with citation and the exports do: it showed "…did
// not believe him.<FN204>" (a researcher's pass). A footnote keeps its
// number ("[203] Eisenberg…").
func TestBookmarksViewLeavesOutFootnoteReferences(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	const said = "Flynn told Eisenberg that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	if _, err := st.ImportText(ctx, "Report", "", "Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"closing out"`, `"2/23/18"`} {
		if _, err := st.AddBookmark(ctx, searchedPassages(t, st, q)[0], nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	u.do(func() { u.sidebar.showNamed("bookmarks") })
	u.do(func() { u.bookmarks.refresh() })
	l := u.bookmarks.list
	want := map[string]bool{
		"Flynn told Eisenberg that the FBI was closing out its investigation of him, but Eisenberg did not believe him.": true,
		"[203] Eisenberg 2/23/18 302, at 3.": true,
	}
	if l.Length() != len(want) {
		t.Fatalf("%d bookmarks, want %d", l.Length(), len(want))
	}
	for i := range l.Length() {
		row := l.CreateItem()
		l.UpdateItem(i, row)
		slot := row.(*menuRow).content.(*fyne.Container).Objects[1].(*fyne.Container)
		if quote := slot.Objects[0].(*widget.Label).Text; !want[quote] {
			t.Errorf("bookmark %d quotes %q", i, quote)
		}
	}
}
