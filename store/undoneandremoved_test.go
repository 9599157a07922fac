package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

// Probes of a hostile data pass (2026-12-05f) on migration 0016: claims
// and aliases taken away here, and tags made here since a bundle.

func importBundleData(t *testing.T, s *store.Store, data []byte) store.BundleReport {
	t.Helper()
	rep, err := s.ImportBundle(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func sortedAliases(t *testing.T, s *store.Store, family, name string) []string {
	t.Helper()
	got := tagNamed(t, s, family, name).Aliases
	slices.Sort(got)
	return got
}

func claimsOnPassage(t *testing.T, s *store.Store, passage int64) []store.Claim {
	t.Helper()
	cs, err := s.Claims(context.Background(), store.ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Claim
	for _, c := range cs {
		if c.PassageID == passage {
			out = append(out, c)
		}
	}
	return out
}

// A claim marked by hand whose span was widened here after a bundle was
// exported: the bundle's copy (at the old span) is that claim, not a new
// one beside it.
func TestClaimWidenedHereIsNotDuplicatedByAnOlderBundle(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	c, _, err := s.MarkClaimUndoable(ctx, p.ID, *span(t, p.Text, p.Text[:20]), store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, s, "")
	wider := store.Range{Start: 0, End: 30}
	if _, _, err := s.EditClaimUndoable(ctx, c.ID, store.ClaimEdit{Span: &wider}); err != nil {
		t.Fatal(err)
	}
	rep := importBundleData(t, s, data)
	got := claimsOnPassage(t, s, p.ID)
	if len(got) != 1 {
		t.Errorf("a bundle exported before the claim's span was edited here made it again at the old span: %d claims (%s)", len(got), rep)
	}
}

// Marked, undone, redone, undone again, marked anew and undone: every
// bundle exported on the way leaves the span without a claim.
func TestClaimMarkedAndUndoneManyTimes(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	r := *span(t, p.Text, p.Text[:20])
	var bundles [][]byte
	_, ch1, err := s.MarkClaimUndoable(ctx, p.ID, r, store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	bundles = append(bundles, exportJSON(t, s, ""))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.UndoClaims(ctx, ch1))
	must(s.RedoClaims(ctx, ch1))
	bundles = append(bundles, exportJSON(t, s, ""))
	must(s.UndoClaims(ctx, ch1))
	_, ch2, err := s.MarkClaimUndoable(ctx, p.ID, r, store.ClaimEdit{Source: &cnn})
	must(err)
	bundles = append(bundles, exportJSON(t, s, ""))
	must(s.UndoClaims(ctx, ch2))
	for i, data := range bundles {
		rep := importBundleData(t, s, data)
		if n := len(claimsOnPassage(t, s, p.ID)); n != 0 {
			t.Errorf("bundle %d brought back %d claims (%s)", i, n, rep)
		}
	}
	// Redo of the second marking: there again, and its removal forgotten
	// (the first's is kept).
	must(s.RedoClaims(ctx, ch2))
	if n := store.RowCount(t, s, "claim_removals"); n != 1 {
		t.Errorf("%d claim removals after the redo, want 1 (the first marking's)", n)
	}
	for i, data := range bundles {
		rep := importBundleData(t, s, data)
		if n := len(claimsOnPassage(t, s, p.ID)); n != 1 {
			t.Errorf("after the redo, bundle %d: %d claims (%s)", i, n, rep)
		}
	}
}

// Two claims marked on one passage in the same millisecond: undoing one
// does not keep the other (still here) from anything, and a bundle brings
// neither twice.
func TestTwoClaimsInOneMillisecond(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	at := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	store.SetClock(s, func() time.Time { return at })
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	_, chA, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	_, chB, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 11, End: 20}, store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, s, "")
	at = at.Add(time.Second)
	if err := s.UndoClaims(ctx, chB); err != nil {
		t.Fatal(err)
	}
	rep := importBundleData(t, s, data)
	if n := len(claimsOnPassage(t, s, p.ID)); n != 1 {
		t.Errorf("after B's undo the bundle left %d claims, want 1 (%s)", n, rep)
	}
	at = at.Add(time.Second)
	if err := s.UndoClaims(ctx, chA); err != nil {
		t.Fatal(err)
	}
	if err := s.RedoClaims(ctx, chA); err != nil {
		t.Fatal(err)
	}
	rep = importBundleData(t, s, data)
	if got := claimsOnPassage(t, s, p.ID); len(got) != 1 || got[0].Span.Start != 0 {
		t.Errorf("after A's undo and redo: %v (%s)", got, rep)
	}
	if n := store.RowCount(t, s, "claim_removals"); n != 1 {
		t.Errorf("%d removals, want B's only", n)
	}
}

// A document deleted and put back keeps its claims' removals; recovered,
// the file keeps them and its aliases' removals.
func TestClaimAndAliasRemovalsThroughDocumentUndoAndRecover(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.dossier")
	s, seed := mustResearchAt(t, path)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	_, ch, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"A. One", "A. Two"}})
	data := exportJSON(t, s, "")
	if err := s.UndoClaims(ctx, ch); err != nil {
		t.Fatal(err)
	}
	ann.Aliases = []string{"A. One"}
	if _, _, err := s.EditTag(ctx, ann); err != nil {
		t.Fatal(err)
	}
	snap, err := s.RemoveDocument(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "claim_removals"); n != 1 {
		t.Errorf("claim removals after the document's undo: %d", n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "rec.dossier")
	if _, err := store.Recover(ctx, path, out); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rep := importBundleData(t, r, data)
	if n := len(claimsOnPassage(t, r, p.ID)); n != 0 {
		t.Errorf("recovered: the undone claim came back (%s)", rep)
	}
	if got := sortedAliases(t, r, store.FamilyActor, "Ann Example"); !slices.Equal(got, []string{"A. One"}) {
		t.Errorf("recovered: aliases %q (%s)", got, rep)
	}
}

// A into B into C, each merge undone, bundles exported before and between:
// no alias taken off by an undo comes back, none removed is left behind.
func TestMergeChainAndItsUndos(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	a := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Alpha", Aliases: []string{"a-one", "a-two"}})
	b := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Bea Beta", Aliases: []string{"b-one"}})
	c := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Cy Gamma", Aliases: []string{"c-one"}})
	e0 := exportJSON(t, s, "")
	a.Aliases = []string{"a-one"}
	if _, _, err := s.EditTag(ctx, a); err != nil {
		t.Fatal(err)
	}
	e1 := exportJSON(t, s, "")
	ab, err := s.MergeTags(ctx, b.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	e2 := exportJSON(t, s, "")
	bc, err := s.MergeTags(ctx, c.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	e3 := exportJSON(t, s, "")
	if err := s.Restore(ctx, bc); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, ab); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"Ann Alpha": {"a-one"}, "Bea Beta": {"b-one"}, "Cy Gamma": {"c-one"}}
	check := func(when string) {
		t.Helper()
		for name, w := range want {
			if got := sortedAliases(t, s, store.FamilyActor, name); !slices.Equal(got, w) {
				t.Errorf("%s: %s has %q, want %q", when, name, got, w)
			}
		}
	}
	check("after both undos")
	for i, data := range [][]byte{e0, e1, e2, e3} {
		rep := importBundleData(t, s, data)
		check("bundle e" + string(rune('0'+i)) + " (" + rep.String() + ")")
	}
	// Merged again (redo): C has all, but for a-two.
	if _, err := s.MergeTags(ctx, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeTags(ctx, c.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	want = map[string][]string{"Cy Gamma": {"Ann Alpha", "Bea Beta", "a-one", "b-one", "c-one"}}
	check("after the merges again")
	for i, data := range [][]byte{e0, e1, e2, e3} {
		rep := importBundleData(t, s, data)
		check("merged again, bundle e" + string(rune('0'+i)) + " (" + rep.String() + ")")
		if len(tagsNamedAny(t, s, "Ann Alpha", "Bea Beta")) > 0 {
			t.Errorf("bundle e%d made a merged tag again", i)
		}
	}
}

func tagsNamedAny(t *testing.T, s *store.Store, names ...string) []store.Tag {
	t.Helper()
	all, err := s.Tags(context.Background(), store.FamilyActor)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Tag
	for _, tg := range all {
		if slices.Contains(names, tg.Name) {
			out = append(out, tg)
		}
	}
	return out
}

// Aliases differ in case: one taken off stays off whatever the bundle's
// case, and given back in another case its removal is forgotten.
func TestAliasRemovalIgnoresCase(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Annie", "A. Ex"}})
	data := exportJSON(t, s, "")
	var b store.Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for i := range b.Tags {
		if b.Tags[i].Name == "Ann Example" {
			b.Tags[i].Aliases = []string{"ANNIE", "a. ex", "ann example"}
		}
	}
	upper, _ := json.Marshal(b)
	ann.Aliases = []string{"a. EX"} // Annie off, A. Ex in another case
	if _, _, err := s.EditTag(ctx, ann); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "tag_alias_removals"); n != 1 {
		t.Errorf("%d alias removals, want 1 (a case change is no removal)", n)
	}
	for _, d := range [][]byte{data, upper} {
		rep := importBundleData(t, s, d)
		if got := sortedAliases(t, s, store.FamilyActor, "Ann Example"); !slices.Equal(got, []string{"a. EX"}) {
			t.Errorf("aliases %q, want [a. EX] (%s)", got, rep)
		}
	}
	ann.Aliases = []string{"a. EX", "annie"}
	if _, _, err := s.EditTag(ctx, ann); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "tag_alias_removals"); n != 0 {
		t.Errorf("%d alias removals after annie was given back", n)
	}
}

// Renamed to its own alias, then back by undo and redo: bundles exported
// at each step leave the tag as it is.
func TestRenamedToItsAliasAndBack(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Annie", "A. Ex"}})
	e0 := exportJSON(t, s, "")
	ren := ann
	ren.Name = "Annie"
	before, after, err := s.EditTag(ctx, ren)
	if err != nil {
		t.Fatal(err)
	}
	e1 := exportJSON(t, s, "")
	if err := s.Restore(ctx, before); err != nil {
		t.Fatal(err)
	}
	for i, d := range [][]byte{e0, e1} {
		rep := importBundleData(t, s, d)
		if got := sortedAliases(t, s, store.FamilyActor, "Ann Example"); !slices.Equal(got, []string{"A. Ex", "Annie"}) {
			t.Errorf("undone, bundle e%d: %q (%s)", i, got, rep)
		}
		if n := len(tagsNamedAny(t, s, "Annie")); n != 0 {
			t.Errorf("undone, bundle e%d made Annie again (%s)", i, rep)
		}
	}
	if err := s.Restore(ctx, after); err != nil {
		t.Fatal(err)
	}
	for i, d := range [][]byte{e0, e1} {
		rep := importBundleData(t, s, d)
		if got := sortedAliases(t, s, store.FamilyActor, "Annie"); !slices.Equal(got, []string{"A. Ex"}) {
			t.Errorf("redone, bundle e%d: %q (%s)", i, got, rep)
		}
		if n := len(tagsNamedAny(t, s, "Ann Example")); n != 0 {
			t.Errorf("redone, bundle e%d made Ann Example again (%s)", i, rep)
		}
	}
}

// A tag deleted here, then made again by hand under its name: an older
// bundle's copy of the deleted tag brings none of its aliases or taggings
// to the new one.
func TestDeletedTagMadeAgainGetsNothingOfTheOld(t *testing.T) {
	checkDeletedTagGivesNothing(t, "made again by hand", func(s *store.Store) {
		mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example"})
	})
}

// A bundle whose export time is in the future (a clock set wrong) or
// missing counts as having no time, and "the copy here wins" (README): a
// tag made here by hand keeps its kind, description and colour.
func TestUndatedBundleLeavesATagMadeHereAsItIs(t *testing.T) {
	a, _ := mustResearch(t)
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "theirs", Color: "#111111"})
	data := exportJSON(t, a, "")
	var b store.Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	for _, exported := range []time.Time{time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), {}} {
		b.Exported = exported
		d, _ := json.Marshal(b)
		s, _ := mustResearch(t)
		mine := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Ann Example", Description: "mine", Color: "#222222"})
		rep := importBundleData(t, s, d)
		got := tagNamed(t, s, store.FamilyActor, "Ann Example")
		if got.Kind != mine.Kind || got.Description != mine.Description || got.Color != mine.Color {
			t.Errorf("exported %v: the tag made here became %q/%q/%q (%s)", exported, got.Kind, got.Description, got.Color, rep)
		}
	}
}

// A colleague widened a claim marked by hand after sharing it once: their
// newer bundle moves the claim here to the new span, not a second claim.
func TestClaimWidenedByTheColleagueIsNotDuplicated(t *testing.T) {
	ctx := context.Background()
	a, seed := mustResearch(t)
	store.SetClock(a, store.Ticking(time.Now().Add(-2*time.Hour), time.Millisecond))
	p := passageAt(t, a, seed, 2)
	cnn := "CNN"
	c, _, err := a.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 20}, store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	first := exportJSON(t, a, "")
	wider := store.Range{Start: 0, End: 30}
	if _, _, err := a.EditClaimUndoable(ctx, c.ID, store.ClaimEdit{Span: &wider}); err != nil {
		t.Fatal(err)
	}
	second := exportJSON(t, a, "")

	s, seed2 := mustResearch(t)
	p2 := passageAt(t, s, seed2, 2)
	importBundleData(t, s, first)
	rep := importBundleData(t, s, second)
	got := claimsOnPassage(t, s, p2.ID)
	if len(got) != 1 || got[0].Span != wider {
		t.Errorf("the colleague's widened claim: %v (%s)", got, rep)
	}
}

// A bookmark added, taken back, put back and taken back again by undo and
// redo: every bundle exported meanwhile leaves it away; redone, it is one
// bookmark.
func TestBookmarkUndoRedoCycle(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	bm, err := s.AddBookmark(ctx, passageAt(t, s, seed, 3).ID, nil, "note")
	if err != nil {
		t.Fatal(err)
	}
	e0 := exportJSON(t, s, "")
	if err := s.UnaddBookmark(ctx, bm.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreBookmark(ctx, bm); err != nil {
		t.Fatal(err)
	}
	e1 := exportJSON(t, s, "")
	if err := s.UnaddBookmark(ctx, bm.ID); err != nil {
		t.Fatal(err)
	}
	for i, d := range [][]byte{e0, e1} {
		rep := importBundleData(t, s, d)
		if bms, _ := s.Bookmarks(ctx); len(bms) != 0 {
			t.Errorf("bundle e%d brought the bookmark back (%s)", i, rep)
		}
	}
	if err := s.RestoreBookmark(ctx, bm); err != nil {
		t.Fatal(err)
	}
	for i, d := range [][]byte{e0, e1} {
		rep := importBundleData(t, s, d)
		if bms, _ := s.Bookmarks(ctx); len(bms) != 1 {
			t.Errorf("redone, bundle e%d: %d bookmarks (%s)", i, len(bms), rep)
		}
	}
	if n := store.RowCount(t, s, "bookmark_removals"); n != 0 {
		t.Errorf("%d bookmark removals after the redo", n)
	}
}

// A source tag a claim's marking made, taken away with it by Edit → Undo,
// stays away when a bundle exported while it stood is restored, as a tag
// made by hand and undone does.
func TestUndoneClaimsNewSourceStaysAway(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	p := passageAt(t, s, seed, 2)
	src := "Zebra Gazette"
	_, ch, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &src})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Sources == nil {
		t.Fatal("the marking made no source tag")
	}
	data := exportJSON(t, s, "")
	if err := s.UndoClaims(ctx, ch); err != nil {
		t.Fatal(err)
	}
	rep := importBundleData(t, s, data)
	if got := tagsOfFamilyNamed(t, s, store.FamilySource, src); len(got) != 0 {
		t.Errorf("the source tag the undone marking made came back from a bundle exported before the undo (%s)", rep)
	}
	if n := len(claimsOnPassage(t, s, p.ID)); n != 0 {
		t.Errorf("%d claims came back", n)
	}
	if err := s.RedoClaims(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "tag_removals"); n != 0 || len(tagsOfFamilyNamed(t, s, store.FamilySource, src)) != 1 {
		t.Errorf("redone: %d tag removals remembered, want 0", n)
	}
}

func tagsOfFamilyNamed(t *testing.T, s *store.Store, family, name string) []store.Tag {
	t.Helper()
	all, err := s.Tags(context.Background(), family)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.Tag
	for _, tg := range all {
		if tg.Name == name {
			out = append(out, tg)
		}
	}
	return out
}

// colleaguesBundleOfNewRows is a bundle from another research file holding a bookmark,
// a claim marked by hand, a tag and a saved search of its own: restored
// here, each takes the next free number (id) of its table.
func colleaguesBundleOfNewRows(t *testing.T) []byte {
	t.Helper()
	ctx := context.Background()
	a, seed := mustResearch(t)
	if _, err := a.AddBookmark(ctx, passageAt(t, a, seed, 5).ID, nil, "the colleague's"); err != nil {
		t.Fatal(err)
	}
	cnn := "CNN"
	if _, _, err := a.MarkClaimUndoable(ctx, passageAt(t, a, seed, 4).ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &cnn}); err != nil {
		t.Fatal(err)
	}
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Colleague Person"})
	if err := a.SaveSearch(ctx, "theirs", "kilimnik"); err != nil {
		t.Fatal(err)
	}
	return exportJSON(t, a, "")
}

// Something added, taken back by Edit → Undo, then a colleague's bundle
// imported (which does not clear the undo history), then Edit → Redo: the
// bundle's bookmark, claim, tag or saved search had taken the undone one's
// number, and the redo wrote over it or deleted it, unsaid. Nothing of the
// bundle's may be lost: the redo is refused, as bringing back a document
// whose numbers were taken is.
func TestRedoAfterAnImportLosesNothingOfTheImport(t *testing.T) {
	ctx := context.Background()
	theirs := colleaguesBundleOfNewRows(t)
	cnn := "CNN"
	for _, c := range []struct {
		name      string
		add       func(s *store.Store, seed int64) (undo, redo func() error)
		theirs    func(s *store.Store) bool
		mineThere func(s *store.Store) bool
	}{
		{"bookmark", func(s *store.Store, seed int64) (func() error, func() error) {
			bm, err := s.AddBookmark(ctx, passageAt(t, s, seed, 3).ID, nil, "mine")
			if err != nil {
				t.Fatal(err)
			}
			return func() error { return s.UnaddBookmark(ctx, bm.ID) }, func() error { return s.RestoreBookmark(ctx, bm) }
		}, func(s *store.Store) bool {
			bms, _ := s.Bookmarks(ctx)
			return slices.ContainsFunc(bms, func(b store.Bookmark) bool { return b.Note == "the colleague's" })
		}, func(s *store.Store) bool {
			bms, _ := s.Bookmarks(ctx)
			return slices.ContainsFunc(bms, func(b store.Bookmark) bool { return b.Note == "mine" })
		}},
		{"claim", func(s *store.Store, seed int64) (func() error, func() error) {
			_, ch, err := s.MarkClaimUndoable(ctx, passageAt(t, s, seed, 2).ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &cnn})
			if err != nil {
				t.Fatal(err)
			}
			return func() error { return s.UndoClaims(ctx, ch) }, func() error { return s.RedoClaims(ctx, ch) }
		}, func(s *store.Store) bool {
			cs, _ := s.Claims(ctx, store.ClaimQuery{State: "all"})
			return slices.ContainsFunc(cs, func(c store.Claim) bool { return c.Origin == store.OriginManual && c.Ordinal == 4 })
		}, func(s *store.Store) bool {
			cs, _ := s.Claims(ctx, store.ClaimQuery{State: "all"})
			return slices.ContainsFunc(cs, func(c store.Claim) bool { return c.Origin == store.OriginManual && c.Ordinal == 2 })
		}},
		{"tag", func(s *store.Store, seed int64) (func() error, func() error) {
			tg, snap, err := s.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Mine Person"})
			if err != nil {
				t.Fatal(err)
			}
			return func() error { _, err := s.DeleteTag(ctx, tg.ID); return err }, func() error { return s.Restore(ctx, snap) }
		}, func(s *store.Store) bool {
			return len(tagsNamedAny(t, s, "Colleague Person")) == 1
		}, func(s *store.Store) bool {
			return len(tagsNamedAny(t, s, "Mine Person")) == 1
		}},
		{"saved search", func(s *store.Store, seed int64) (func() error, func() error) {
			ch, err := s.SaveSearchUndoable(ctx, "mine", "manafort")
			if err != nil {
				t.Fatal(err)
			}
			return func() error { return s.UndoSavedSearch(ctx, ch) }, func() error { return s.RedoSavedSearch(ctx, ch) }
		}, func(s *store.Store) bool {
			ss, _ := s.SavedSearches(ctx)
			return slices.ContainsFunc(ss, func(x store.SavedSearch) bool { return x.Name == "theirs" })
		}, func(s *store.Store) bool {
			ss, _ := s.SavedSearches(ctx)
			return slices.ContainsFunc(ss, func(x store.SavedSearch) bool { return x.Name == "mine" })
		}},
	} {
		s, seed := mustResearch(t)
		undo, redo := c.add(s, seed)
		if err := undo(); err != nil {
			t.Fatal(err)
		}
		importBundleData(t, s, theirs)
		if !c.theirs(s) {
			t.Fatalf("%s: the bundle's was not restored", c.name)
		}
		err := redo()
		if !c.theirs(s) {
			t.Errorf("%s: the redo after the import lost the bundle's (redo: %v; mine there: %v)", c.name, err, c.mineThere(s))
		}
		if err == nil && !c.mineThere(s) {
			t.Errorf("%s: the redo said nothing but did not bring mine back", c.name)
		}
	}
}

// A source the claim suggester made with a fresh file (the built-in
// article's "Robert Mueller", made just after the gazetteer's tags) is not
// a tag made here by hand: a colleague's bundle, exported before this file
// was made, gives it the colour the colleague chose, as it did before the
// rule for tags made here since; nothing was "changed or removed here".
func TestSuggestersSourceTakesTheColleaguesColour(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
	src := tagNamed(t, a, store.FamilySource, "Robert Mueller")
	src.Color = "#123456"
	if _, _, err := a.EditTag(ctx, src); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")

	b, _ := mustResearch(t) // made now, after the colleague's export
	rep := importBundleData(t, b, data)
	got := tagNamed(t, b, store.FamilySource, "Robert Mueller")
	if got.Color != src.Color || rep.KeptHere != 0 {
		t.Errorf("the suggester's source, never edited here, kept no colour (%q) over the colleague's %q, said as %d left out (%s)",
			got.Color, src.Color, rep.KeptHere, rep)
	}
}

// The source tag a claim's marking made is kept by the marking's undo
// when work was done on it since: a colleague's bundle restored its
// taggings onto it. Deleted, they went with it, and its delete,
// remembered, kept the colleague's tag away for good (a review). The redo
// leaves the tag as it is.
func TestUndoneMarkingKeepsASourceTagWorkedOnSince(t *testing.T) {
	ctx := context.Background()
	src := "Zebra Gazette"
	a, aSeed := mustResearch(t) // the colleague's file
	zebra := mustTag(t, a, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: src})
	if err := a.TagPassage(ctx, passageAt(t, a, aSeed, 5).ID, zebra.ID, nil); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")

	s, seed := mustResearch(t)
	p := passageAt(t, s, seed, 2)
	_, ch, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: 10}, store.ClaimEdit{Source: &src})
	if err != nil || ch.Sources == nil {
		t.Fatalf("marking: %v (sources %v)", err, ch.Sources)
	}
	importBundleData(t, s, data) // the colleague's tagging goes onto the tag made here
	tagged := func() int {
		tags := tagsOfFamilyNamed(t, s, store.FamilySource, src)
		if len(tags) != 1 {
			return -1
		}
		return tags[0].Accepted
	}
	if n := tagged(); n != 1 {
		t.Fatalf("after the colleague's bundle the source tags %d passages, want 1", n)
	}
	if err := s.UndoClaims(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if n := tagged(); n != 1 || store.RowCount(t, s, "tag_removals") != 0 {
		t.Errorf("after the marking's undo: the source tags %d passages (-1: gone), %d deletes remembered; want the colleague's tagging kept",
			n, store.RowCount(t, s, "tag_removals"))
	}
	if err := s.RedoClaims(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if n, c := tagged(), len(claimsOnPassage(t, s, p.ID)); n != 1 || c != 1 {
		t.Errorf("after the redo: the source tags %d passages, %d claims on the passage; want 1 and 1", n, c)
	}
}
