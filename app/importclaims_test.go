package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// An import ends by finding the claims in the new documents: they are in
// the ledger as suggestions, and the summary says how many.
func TestImportFindsClaims(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	path := writeFile(t, filepath.Join(t.TempDir(), "brief.txt"), "The Quetzalvane brief\n\n"+
		"Moscow likely directed the quetzalvane leaks, according to an intelligence report released on Tuesday.\n\n"+
		"The quetzalvane archive was kept in a locked room.\n")
	u.do(func() { u.importPaths([]string{path}) })

	summary := strings.Join(texts(u.dialog(t, "Import finished")), "\n")
	var doc int64
	for _, d := range u.library.docs {
		if d.Title == "The Quetzalvane brief" {
			doc = d.ID
		}
	}
	if doc == 0 {
		t.Fatalf("the brief was not imported: %q", summary)
	}
	cs, err := st.Claims(ctx, store.ClaimQuery{DocumentID: doc, State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || !strings.Contains(cs[0].Text, "Moscow likely directed the quetzalvane leaks") || cs[0].State != store.ClaimSuggested {
		t.Fatalf("claims of the imported brief: %+v", cs)
	}
	if !strings.Contains(summary, "Claims: 1 claim suggested") {
		t.Errorf("summary %q does not report the claim found", summary)
	}

	// Importing it again adds no document, so no claims line.
	u.do(func() { u.importPaths([]string{path}) })
	summary = strings.Join(texts(u.dialog(t, "Import finished")), "\n")
	if strings.Contains(summary, "Claims:") {
		t.Errorf("re-import summary %q reports claims for no new document", summary)
	}
}

func TestClaimsFoundLine(t *testing.T) {
	for _, c := range []struct {
		found claimsFound
		want  string
	}{
		{claimsFound{}, ""},
		{claimsFound{docs: 3, read: 3}, "Claims: none suggested in the new documents."},
		{claimsFound{docs: 1, read: 1}, "Claims: none suggested in the new document."},
		{claimsFound{docs: 3, read: 3, claims: 12}, "Claims: 12 claims suggested — review them in the Claims view."},
		{claimsFound{docs: 3, read: 1, claims: 2, stopped: true}, "Claims: stopped after 1 of 3 new documents; “Find claims in every document” in the Claims section reads the rest."},
	} {
		if got := c.found.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.found, got, c.want)
		}
	}
}

// A document imported without the window (as `dossier import` does) has no
// claims until the Claims section's "Find claims in every document" reads
// it; a second run finds nothing new.
func TestFindClaimsInEveryDocument(t *testing.T) {
	u := newTestUI(t)
	st, _ := u.store()
	ctx := context.Background()
	path := writeFile(t, filepath.Join(t.TempDir(), "memo.txt"), "The Larkspur memo\n\n"+
		"Beijing very likely funded the larkspur campaign, three sources said on Friday.\n")
	res := importFile(t, st, path)
	if cs, err := st.Claims(ctx, store.ClaimQuery{DocumentID: res.DocumentID, State: "all"}); err != nil || len(cs) != 0 {
		t.Fatalf("before: %d claims, %v; want none", len(cs), err)
	}
	u.openClaims(t)
	u.do(func() { test.Tap(u.claims.findB) })
	cs, err := st.Claims(ctx, store.ClaimQuery{DocumentID: res.DocumentID, State: "all"})
	if err != nil || len(cs) != 1 || !strings.Contains(cs[0].Text, "Beijing very likely funded the larkspur campaign") {
		t.Fatalf("after: %+v, %v", cs, err)
	}
	if got := u.status.message.Text; got != "Every document was read: 1 new claim suggested." {
		t.Errorf("status %q", got)
	}
	if !slices.ContainsFunc(ledgerTexts(u), func(s string) bool { return strings.Contains(s, "larkspur campaign") }) {
		t.Errorf("the ledger does not list the new claim: %q", ledgerTexts(u))
	}
	u.do(func() { test.Tap(u.claims.findB) })
	if got := u.status.message.Text; got != "Every document was read: no new claims to suggest." {
		t.Errorf("second run: status %q", got)
	}
}

// Finding claims in every document says the suggestions it brought up to
// the current rules, not only the new ones.
func TestFindAllSummarySaysWhatChanged(t *testing.T) {
	for _, c := range []struct {
		counts store.ClaimCounts
		want   string
	}{
		{store.ClaimCounts{}, "Every document was read: no new claims to suggest."},
		{store.ClaimCounts{Added: 1}, "Every document was read: 1 new claim suggested."},
		{store.ClaimCounts{Updated: 42, Withdrawn: 12}, "Every document was read: no new claims; 42 earlier suggestions brought up to date; 12 earlier suggestions no longer made, withdrawn."},
		{store.ClaimCounts{Added: 2, Updated: 1}, "Every document was read: 2 new claims suggested; 1 earlier suggestion brought up to date."},
	} {
		if got := findAllSummary(c.counts); got != c.want {
			t.Errorf("%+v: %q, want %q", c.counts, got, c.want)
		}
	}
}
