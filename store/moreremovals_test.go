package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

// savedQueries maps the file's saved searches' names to their queries.
func savedQueries(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	ss, err := s.SavedSearches(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, x := range ss {
		out[x.Name] = x.Query
	}
	return out
}

func savedID(t *testing.T, s *store.Store, name string) int64 {
	t.Helper()
	ss, err := s.SavedSearches(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ss {
		if x.Name == name {
			return x.ID
		}
	}
	t.Fatalf("no saved search %q", name)
	return 0
}

// A saved search deleted, renamed or changed here after a bundle was made
// stays so when the bundle is restored: the deleted one came back, the
// renamed one came back beside its new name, the changed one took its old
// query back (found by a hostile pass). A bundle made after them still wins.
func TestSavedSearchChangesOutliveOlderBundles(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	for name, q := range map[string]string{"Russia": "russia*", "Iran": "iran", "China": "china"} {
		if _, err := s.SaveSearchUndoable(ctx, name, q); err != nil {
			t.Fatal(err)
		}
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteSavedSearchUndoable(ctx, savedID(t, s, "Russia")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameSavedSearch(ctx, savedID(t, s, "Iran"), "Tehran"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveSearchUndoable(ctx, "China", "china OR beijing"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Tehran": "iran", "China": "china OR beijing"}
	rep := f.restore(t, old)
	if got := savedQueries(t, s); !mapsEqual(got, want) {
		t.Errorf("after restoring the older bundle: %v, want %v", got, want)
	}
	if rep.KeptHere != 3 || rep.SavedSearches != 0 {
		t.Errorf("report: kept here %d, restored %d; want 3, 0 (%s)", rep.KeptHere, rep.SavedSearches, rep.String())
	}

	// The same bundle, as if made elsewhere after the changes: its copies
	// are newer, and are restored.
	newer := *old
	newer.Exported = time.Now().UTC().Add(-time.Minute)
	store.SetClock(s, store.Ticking(time.Now().UTC().Add(-2*time.Minute), time.Millisecond))
	// (the changes above are dated 2026-03-01, before newer.Exported)
	rep = f.restore(t, &newer)
	want = map[string]string{"Russia": "russia*", "Iran": "iran", "Tehran": "iran", "China": "china"}
	if got := savedQueries(t, s); !mapsEqual(got, want) || rep.SavedSearches != 3 {
		t.Errorf("after restoring a newer bundle: %v (%d restored), want %v", got, rep.SavedSearches, want)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Undo of a saved search's delete forgets the removal, and redo remembers it
// again: exactly as before and after.
func TestSavedSearchUndoForgetsItsRemoval(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	if _, err := s.SaveSearchUndoable(ctx, "Russia", "russia*"); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.DeleteSavedSearchUndoable(ctx, savedID(t, s, "Russia"))
	if err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "saved_search_removals"); n != 1 {
		t.Fatalf("removals after a delete: %d", n)
	}
	if err := s.UndoSavedSearch(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "saved_search_removals"); n != 0 {
		t.Errorf("removals after the delete was undone: %d", n)
	}
	if err := s.RedoSavedSearch(ctx, c); err != nil {
		t.Fatal(err)
	}
	f.restore(t, old)
	if got := savedQueries(t, s); len(got) != 0 {
		t.Errorf("a delete redone came back from an older bundle: %v", got)
	}
	// Saved again by hand: the name is in use, its removal forgotten.
	if _, err := s.SaveSearchUndoable(ctx, "russia", "moscow"); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "saved_search_removals"); n != 0 {
		t.Errorf("removals once the name is saved again: %d", n)
	}

	// Undo of a rename puts the old name back, forgetting its removal, and
	// gives up the new one then: a bundle exported between the rename and
	// its undo brought it back beside the old (a hostile pass).
	r, err := s.RenameSavedSearch(ctx, savedID(t, s, "russia"), "Moscow")
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoSavedSearch(ctx, r); err != nil {
		t.Fatal(err)
	}
	f.restore(t, between)
	if got := savedQueries(t, s); !mapsEqual(got, map[string]string{"russia": "moscow"}) {
		t.Errorf("after the rename was undone and a bundle made before the undo restored: %v", got)
	}
}

// linkedClaims returns two claims of the seed article, linked as the same.
func linkedClaims(t *testing.T, s *store.Store) (a, b int64) {
	t.Helper()
	all := claimList(t, s, store.ClaimQuery{})
	if len(all) < 2 {
		t.Fatalf("the seed article has %d claims", len(all))
	}
	a, b = all[0].ID, all[1].ID
	if err := s.LinkClaims(context.Background(), a, b, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func linked(t *testing.T, s *store.Store, a, b int64) bool {
	t.Helper()
	cl, err := s.Claim(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(cl.SameAs, b) || slices.Contains(cl.Contradicts, b)
}

// A link between claims taken off here stays off when an older bundle is
// restored (it came back); undo of the unlink forgets that, redo remembers.
func TestClaimLinkRemovalOutlivesOlderBundles(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, b := linkedClaims(t, s)
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(old.ClaimLinks) != 1 {
		t.Fatalf("the bundle has %d claim links", len(old.ClaimLinks))
	}
	c, err := s.UnlinkClaimsUndoable(ctx, a, b)
	if err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if linked(t, s, a, b) || rep.KeptHere != 1 || rep.ClaimLinks != 0 {
		t.Errorf("after restoring an older bundle: linked %v, kept here %d, links restored %d", linked(t, s, a, b), rep.KeptHere, rep.ClaimLinks)
	}
	if err := s.UndoClaims(ctx, c); err != nil {
		t.Fatal(err)
	}
	if !linked(t, s, a, b) || store.RowCount(t, s, "claim_link_removals") != 0 {
		t.Errorf("unlink undone: linked %v, removals %d", linked(t, s, a, b), store.RowCount(t, s, "claim_link_removals"))
	}
	if err := s.RedoClaims(ctx, c); err != nil {
		t.Fatal(err)
	}
	if linked(t, s, a, b) || store.RowCount(t, s, "claim_link_removals") != 1 {
		t.Errorf("unlink redone: linked %v, removals %d", linked(t, s, a, b), store.RowCount(t, s, "claim_link_removals"))
	}
	// A copy of the link made after the removal is restored.
	newer := *old
	newer.ClaimLinks = slices.Clone(old.ClaimLinks)
	newer.ClaimLinks[0].Created = time.Now().UTC().Add(-time.Minute)
	store.SetClock(s, store.Ticking(time.Now().UTC(), time.Millisecond))
	if rep := f.restore(t, &newer); !linked(t, s, a, b) || rep.ClaimLinks != 1 {
		t.Errorf("a newer link: linked %v, restored %d", linked(t, s, a, b), rep.ClaimLinks)
	}
	// Linked again by hand: the removal is forgotten.
	if err := s.UnlinkClaims(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, b, a, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "claim_link_removals"); n != 0 {
		t.Errorf("removals once linked again: %d", n)
	}
}

// A bundle's tag named as a tag merged away or renamed here is that tag,
// not a new one: it was created again, with its taggings (found by a
// hostile pass). Undoing the merge or rename forgets the old name.
func TestBundleTagsFollowMergesAndRenames(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	short, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
	if err != nil {
		t.Fatal(err)
	}
	other := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, other, short.ID, nil); err != nil {
		t.Fatal(err)
	}
	renamed, err := s.CreateTag(ctx, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Daily Paper"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	merge, err := s.MergeTags(ctx, f.kil.ID, short.ID)
	if err != nil {
		t.Fatal(err)
	}
	renamed.Name = "The Daily Paper"
	if _, _, err := s.EditTag(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if rep.TagsCreated != 0 {
		t.Errorf("restoring an older bundle created %d tags (%s)", rep.TagsCreated, rep.String())
	}
	for _, n := range []string{"K. Kilimnik", "Daily Paper"} {
		if tags, _ := s.FindTags(ctx, "", n); slices.ContainsFunc(tags, func(tg store.Tag) bool { return tg.Name == n }) {
			t.Errorf("%q is a tag again", n)
		}
	}
	tags, err := s.PassageTags(ctx, []int64{other})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(tags[other], func(pt store.PassageTag) bool { return pt.ID == f.kil.ID }) {
		t.Errorf("the merged tag's tagging is not on the survivor: %+v", tags[other])
	}

	// The merge undone: the bundle's tag is the one put back, by name, and
	// once it is deleted the bundle creates it again (the old name is
	// nobody's past).
	if err := s.Restore(ctx, merge); err != nil {
		t.Fatal(err)
	}
	if rep := f.restore(t, old); rep.TagsCreated != 0 {
		t.Errorf("after the merge was undone the bundle created %d tags", rep.TagsCreated)
	}
	if _, err := s.DeleteTag(ctx, short.ID); err != nil {
		t.Fatal(err)
	}
	if rep := f.restore(t, old); rep.TagsCreated != 0 || hasTag(t, s, "K. Kilimnik") {
		t.Errorf("a tag deleted after its merge was undone: the bundle created %d tags; it stays deleted", rep.TagsCreated)
	}
	// Renamed back: the name is the tag's own again.
	renamed.Name = "Daily Paper"
	if _, _, err := s.EditTag(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	if rep := f.restore(t, old); rep.TagsCreated != 0 || !hasTag(t, s, "Daily Paper") || hasTag(t, s, "The Daily Paper") {
		t.Errorf("renamed back, then the bundle restored: %q", rep)
	}
}

// The removals and former names of migration 0015 survive recovery, and a
// link's removal goes and comes back with its document.
func TestMoreRemovalsSurviveRecoverAndDocumentUndo(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	if _, err := s.SaveSearchUndoable(ctx, "Russia", "russia*"); err != nil {
		t.Fatal(err)
	}
	a, b := linkedClaims(t, s)
	// A tag made at the fixture's time (the built-in ones are dated by
	// the seeding, after it): the rename comes after it.
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Daily Paper"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteSavedSearchUndoable(ctx, savedID(t, s, "Russia")); err != nil {
		t.Fatal(err)
	}
	if err := s.UnlinkClaims(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	tg.Name = "The Daily Paper"
	if _, _, err := s.EditTag(ctx, tg); err != nil {
		t.Fatal(err)
	}
	snap, err := s.RemoveDocument(ctx, f.doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "claim_link_removals"); n != 1 {
		t.Errorf("link removals after the document's delete was undone: %d", n)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, s.Path(), out); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.SetBackupDir(t.TempDir())
	g := &removalsFixture{s: r}
	rep := g.restore(t, old)
	if rep.KeptHere != 3 || rep.TagsCreated != 0 || rep.SavedSearches != 0 || rep.ClaimLinks != 0 {
		t.Errorf("in the recovered file: %q, want the saved search, the link and the tag's old name kept", rep)
	}
}

func hasTag(t *testing.T, s *store.Store, name string) bool {
	t.Helper()
	tags, err := s.Tags(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(tags, func(tg store.Tag) bool { return tg.Name == name })
}

// A link's kind a bundle restored gives it is dated as that bundle's: an
// older bundle restored after it leaves it (Tuesday's "same" replaced
// Wednesday's "contradicts", which the link here had taken, as the link
// kept the time it was made here; a hostile data pass).
func TestAnOlderBundleLeavesALinkKindANewerOneGave(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, b := linkedClaims(t, s) // the same, made here on 1 March
	base, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	store.SetClock(s, store.Ticking(f.start.AddDate(0, 0, 10), time.Millisecond))
	dated := func(kind string, days int) *store.Bundle {
		c := *base
		c.ClaimLinks = slices.Clone(base.ClaimLinks)
		c.ClaimLinks[0].Kind, c.ClaimLinks[0].Created = kind, f.start.AddDate(0, 0, days)
		c.Exported = f.start.AddDate(0, 0, days)
		return &c
	}
	wed := f.restore(t, dated(store.LinkContradicts, 3))
	tue := f.restore(t, dated(store.LinkSame, 2))
	cl, err := s.Claim(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(cl.Contradicts, b) || tue.ClaimLinks != 0 {
		t.Errorf("Wednesday's bundle, then Tuesday's: same as %v, contradicts %v, want contradicts %d\nWednesday's: %s\nTuesday's: %s",
			cl.SameAs, cl.Contradicts, b, wed, tue)
	}
}
