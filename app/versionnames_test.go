package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// Of the documents of one title, the new-bookmark dialog, Rename document
// and the status lines naming a document said the title alone, the same for
// v1, v2 and v3 (ui19's L4, after dd2ba3c and 0eb1319 had the tag picker
// and Delete say it): they name the version now.
func TestBookmarkRenameAndCopyNameTheVersion(t *testing.T) {
	u := newTestUI(t)
	importTwoMoreOfTheSeedsTitle(t, u)
	u.work.wait()
	version := func(n int) (store.Document, docVersion) {
		t.Helper()
		var doc store.Document
		var ver docVersion
		u.do(func() {
			for _, d := range u.library.docs {
				if v, ok := u.library.versions[d.ID]; ok && v.n == n {
					doc, ver = d, v
				}
			}
		})
		if doc.ID == 0 {
			t.Fatalf("no v%d of the title in the library", n)
		}
		return doc, ver
	}
	doc, v := version(2)
	ps, err := u.CurrentStore().Passages(t.Context(), doc.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("%d passages, %v", len(ps), err)
	}

	// A new bookmark (the results' bookmark button, Ctrl+D).
	u.do(func() { u.bookmarkPassage(doc.ID, ps[0], doc.Title) })
	var info string
	u.do(func() {
		for _, l := range findAll[*bidiLabel](u.dialog(t, "Bookmark passage")) {
			if s := l.plain.(*widget.Label).Text; strings.Contains(s, " of “") {
				info = s
			}
		}
	})
	u.tapDialogButton(t, "Bookmark passage", "Cancel")
	if want := "v2 · ¶ 1 of “"; !strings.HasPrefix(info, want) {
		t.Errorf("the new bookmark dialog says %q; want it to start %q", info, want)
	}

	// Copy with citation, from the reader.
	u.do(func() { u.reader.openPassage(doc.ID, ps[0].ID, "") })
	u.work.wait()
	u.do(func() { u.copyCitation() })
	if msg := u.status.message.Text; !strings.Contains(msg, "("+v.whole()+")") {
		t.Errorf("after Copy with citation the status says %q; want %q in it", msg, v.whole())
	}

	// Rename document: the dialog, then the status.
	u.do(func() { u.renameDocument(doc) })
	var shown []string
	u.do(func() {
		shown = texts(u.dialog(t, "Rename document"))
		for _, f := range findAll[*fieldEntry](u.dialog(t, "Rename document")) {
			f.SetText("The quetzalvane ledger, corrected")
		}
	})
	if !slices.Contains(shown, v.whole()) {
		t.Errorf("the Rename document dialog shows %q; want %q among it", shown, v.whole())
	}
	u.tapDialogButton(t, "Rename document", "Rename")
	u.work.wait()
	if msg := u.status.message.Text; !strings.Contains(msg, "“"+seedTitle+"” ("+v.whole()+")") {
		t.Errorf("after renaming v2 the status says %q; want it to name “%s” (%s)", msg, seedTitle, v.whole())
	}

	// A claim chosen in the ledger: the status names where it is.
	seed, v1 := version(1)
	cs, err := u.CurrentStore().Claims(t.Context(), store.ClaimQuery{DocumentID: seed.ID})
	if err != nil || len(cs) == 0 {
		t.Fatalf("the seed's claims: %d, %v", len(cs), err)
	}
	if err := u.CurrentStore().AcceptClaim(t.Context(), cs[0].ID); err != nil {
		t.Fatal(err)
	}
	u.openClaims(t)
	u.work.wait()
	u.do(func() {
		l := u.claims.ledger
		if i := slices.IndexFunc(l.rows, func(c store.Claim) bool { return c.ID == cs[0].ID }); i >= 0 {
			l.open(i)
		} else {
			t.Errorf("claim %d is not in the ledger", cs[0].ID)
		}
	})
	if msg := u.status.message.Text; !strings.HasPrefix(msg, "Claim by ") || !strings.Contains(msg, "("+v1.whole()+")") {
		t.Errorf("a claim chosen in the ledger: the status says %q; want the claim's place with %q", msg, v1.whole())
	}
}
