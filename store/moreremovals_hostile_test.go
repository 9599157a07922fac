package store_test

// Regression tests from a hostile pass over migration 0015 (the removals
// and former names an older bundle must not undo). Each failed on its
// first version; D1–D7 are the defects as the pass numbered them.

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

func tagExists(t *testing.T, s *store.Store, family, name string) bool {
	t.Helper()
	tags, err := s.Tags(context.Background(), family)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(tags, func(tg store.Tag) bool { return tg.Name == name })
}

// D1. A saved search that a bundle restore created is dated by the import,
// not by the bundle: a newer bundle, restored afterwards, has its query
// "left out: changed or removed here since" although nothing was changed
// here. (Restoring weekly bundles in order into a second file.)
func TestSavedSearchMadeByRestoreIsDatedByTheBundle(t *testing.T) {
	ctx := context.Background()
	// The source file: a saved search, exported Monday, changed, exported Wednesday.
	src := newRemovalsFixture(t)
	if _, err := src.s.SaveSearchUndoable(ctx, "Russia", "russia"); err != nil {
		t.Fatal(err)
	}
	monday, err := src.s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.s.SaveSearchUndoable(ctx, "Russia", "russia OR moscow"); err != nil {
		t.Fatal(err)
	}
	wednesday, err := src.s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// The second file: both restored on Friday, in order.
	dst := newRemovalsFixture(t)
	store.SetClock(dst.s, store.Ticking(time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC), time.Millisecond))
	dst.restore(t, monday)
	rep := dst.restore(t, wednesday)
	if got := savedQueries(t, dst.s)["Russia"]; got != "russia OR moscow" {
		t.Errorf("after restoring Monday's then Wednesday's bundle: Russia is %q, want Wednesday's \"russia OR moscow\" (report: %s; kept here %d)", got, rep.String(), rep.KeptHere)
	}
}

// D4. Renaming a tag to a name that is another tag's former name forgets
// that former name; undoing the rename does not put it back, so a bundle
// made before the other tag's rename creates its old tag again.
func TestUndoneRenameKeepsAnotherTagsFormerName(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	z, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ziggurat"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagPassageUndoable(ctx, passageAt(t, s, f.doc, 3).ID, z.ID, nil); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	z.Name = "Ziggurat Corp"
	if _, _, err := s.EditTag(ctx, z); err != nil { // former name Manafort → z
		t.Fatal(err)
	}
	x, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Quetzal"})
	if err != nil {
		t.Fatal(err)
	}
	x.Name = "Ziggurat" // by mistake
	before, _, err := s.EditTag(ctx, x)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, before); err != nil { // undo the mistake
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "tag_former_names"); n != 1 {
		t.Errorf("former names after the mistaken rename was undone: %d, want 1 (Ziggurat → Ziggurat Corp)", n)
	}
	rep := f.restore(t, old)
	if tagExists(t, s, store.FamilyActor, "Ziggurat") || rep.TagsCreated != 0 {
		t.Errorf("after undoing a rename, an older bundle created %d tags (Ziggurat again: %v)", rep.TagsCreated, tagExists(t, s, store.FamilyActor, "Ziggurat"))
	}
}

// D5. A case-only rename is not remembered (strings.EqualFold), but the
// bundle's lookup only folds ASCII case (COLLATE NOCASE): a tag renamed
// "Österreich" → "ÖSTERREICH" is created again by an older bundle.
func TestNonASCIICaseOnlyRenameIsRemembered(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "state", Name: "österreich"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagPassageUndoable(ctx, passageAt(t, s, f.doc, 3).ID, tg.ID, nil); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	tg.Name = "Österreich"
	if _, _, err := s.EditTag(ctx, tg); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if rep.TagsCreated != 0 || tagExists(t, s, store.FamilyActor, "österreich") {
		t.Errorf("a tag renamed by case only (non-ASCII) was created again by an older bundle: %d created", rep.TagsCreated)
	}
}

// D2. Former names are never dated nor given up when a new tag takes the
// name: rename "Smith" → "John Smith", create a new "Smith" (another
// person), tag with it, export a bundle, delete "Smith" by mistake, restore
// the bundle to get it back: "Smith" is not created, its taggings land on
// "John Smith".
func TestTagGivenAFormerNameSinceIsItsOwn(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	john, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Smith"})
	if err != nil {
		t.Fatal(err)
	}
	john.Name = "John Smith"
	if _, _, err := s.EditTag(ctx, john); err != nil {
		t.Fatal(err)
	}
	jane, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Smith"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, jane.ID, nil); err != nil {
		t.Fatal(err)
	}
	backup, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteTag(ctx, jane.ID); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, backup)
	tags, err := s.PassageTags(ctx, []int64{p})
	if err != nil {
		t.Fatal(err)
	}
	// Smith (Jane) stays deleted (deleted here after the bundle), and her
	// tagging is not put on John Smith, whose old name she had taken.
	onJohn := slices.ContainsFunc(tags[p], func(pt store.PassageTag) bool { return pt.ID == john.ID })
	if tagExists(t, s, store.FamilyActor, "Smith") || onJohn {
		t.Errorf("restoring a bundle made after the rename: Smith recreated %v, its tagging put on John Smith %v (%s)",
			tagExists(t, s, store.FamilyActor, "Smith"), onJohn, rep.String())
	}
}

// D6. A bundle tagging a passage with a merged-away tag, where the survivor
// also tags it: the loser's span replaces the survivor's (which the merge
// kept); restoring the bundle a second time must change nothing.
func TestMergedAwayTagLeavesTheSurvivorsTagging(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Kilimnik K"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 2).ID // f.kil is on it (accepted)
	if _, err := s.TagPassageUndoable(ctx, p, a.ID, &store.Range{Start: 0, End: 5}); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeTags(ctx, f.kil.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	spanOf := func() string {
		tags, err := s.PassageTags(ctx, []int64{p})
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range tags[p] {
			if pt.ID == f.kil.ID {
				return fmt.Sprintf("%s %v", pt.State, pt.Span)
			}
		}
		return "none"
	}
	beforeRestore := spanOf()
	r1 := f.restore(t, old)
	if got := spanOf(); got != beforeRestore {
		t.Errorf("the survivor's tagging on the passage was %s after the merge, %s after restoring an older bundle (the merged-away tag's span)", beforeRestore, got)
	}
	r2 := f.restore(t, old)
	t.Logf("first restore after the merge: %s", r1.String())
	if r2.Changed() != 0 {
		t.Errorf("second restore of the same bundle changed %d (%s); first: %s", r2.Changed(), r2.String(), r1.String())
	}
}

// Chains: A merged into B, B renamed C, C merged into D; E renamed F and
// back to E; a case-only rename. An older bundle creates no tag.
func TestTagChains(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	mk := func(name string) store.Tag {
		tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.TagPassageUndoable(ctx, passageAt(t, s, f.doc, 3).ID, tg.ID, nil); err != nil {
			t.Fatal(err)
		}
		return tg
	}
	a, b, d, e, g := mk("Alpha"), mk("Bravo"), mk("Delta"), mk("Echo"), mk("golf")
	// the same name in the other family
	if _, err := s.CreateTag(ctx, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Alpha"}); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeTags(ctx, b.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	b.Name = "Charlie"
	if _, _, err := s.EditTag(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeTags(ctx, d.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	e.Name = "Foxtrot"
	if _, _, err := s.EditTag(ctx, e); err != nil {
		t.Fatal(err)
	}
	e.Name = "Echo"
	if _, _, err := s.EditTag(ctx, e); err != nil {
		t.Fatal(err)
	}
	g.Name = "GOLF"
	if _, _, err := s.EditTag(ctx, g); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if rep.TagsCreated != 0 {
		t.Errorf("older bundle after chains created %d tags (%s)", rep.TagsCreated, rep.String())
	}
	for _, n := range []string{"Alpha", "Bravo", "Charlie", "Foxtrot", "golf"} {
		if tagExists(t, s, store.FamilyActor, n) {
			t.Errorf("actor %q exists again", n)
		}
	}
	if !tagExists(t, s, store.FamilySource, "Alpha") {
		t.Errorf("source Alpha lost")
	}
	rep2 := f.restore(t, old)
	if rep2.Changed() != 0 {
		t.Errorf("second restore changed %d (%s)", rep2.Changed(), rep2.String())
	}
}

// D5 (saved searches). As D5, for saved searches: a case-only rename of a non-ASCII name is
// not remembered as a removal, and the bundle's lookup folds ASCII only:
// an older bundle puts the old name back beside the renamed one.
func TestSavedSearchNonASCIICaseRename(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	if _, err := s.SaveSearchUndoable(ctx, "österreich", "wien"); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RenameSavedSearch(ctx, savedID(t, s, "österreich"), "Österreich"); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if got := savedQueries(t, s); len(got) != 1 {
		t.Errorf("after a case-only rename, an older bundle made %v (%s)", got, rep.String())
	}
}

// D7 (pre-existing, same class). A claim link's kind changed here after the bundle was made is set
// back by the bundle (the link is dated by its creation only).
func TestClaimLinkKindChangedHereIsKept(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, b := linkedClaims(t, s) // same
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, a, b, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	cl, err := s.Claim(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(cl.Contradicts, b) {
		t.Errorf("a link changed to contradicts here was set back to same by an older bundle (%s)", rep.String())
	}
}

// Claim link: unlink, undo, redo, relink, unlink again; delete one claim
// with undo. The removal is exact at each step and an older bundle never
// brings the link back.
func TestClaimLinkSequences(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, b := linkedClaims(t, s)
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	c1, err := s.UnlinkClaimsUndoable(ctx, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoClaims(ctx, c1); err != nil {
		t.Fatal(err)
	}
	if err := s.RedoClaims(ctx, c1); err != nil {
		t.Fatal(err)
	}
	c2, err := s.LinkClaimsUndoable(ctx, a, b, store.LinkSame)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoClaims(ctx, c2); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "claim_link_removals"); n != 1 {
		t.Errorf("removals after relink undone: %d", n)
	}
	if rep := f.restore(t, old); linked(t, s, a, b) {
		t.Errorf("older bundle relinked (%s)", rep.String())
	}
	st, err := s.SetClaimStateUndoable(ctx, a, "rejected")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoClaims(ctx, st); err != nil {
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "claim_link_removals"); n != 1 {
		t.Errorf("removals after a claim state change undone: %d", n)
	}
	if rep := f.restore(t, old); linked(t, s, a, b) {
		t.Errorf("older bundle relinked after a claim state change undone (%s)", rep.String())
	}
}

// D3. Redo puts a saved search's removal (or change) back with the time of
// the original change, not of the redo: a bundle exported between undo and
// redo (it holds the saved search as undo left it) then undoes the redo.
func TestSavedSearchRedoAfterExport(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	for name, q := range map[string]string{"Del": "deleted", "Ren": "renamed", "Chg": "v1"} {
		if _, err := s.SaveSearchUndoable(ctx, name, q); err != nil {
			t.Fatal(err)
		}
	}
	del, err := s.DeleteSavedSearchUndoable(ctx, savedID(t, s, "Del"))
	if err != nil {
		t.Fatal(err)
	}
	ren, err := s.RenameSavedSearch(ctx, savedID(t, s, "Ren"), "Renamed")
	if err != nil {
		t.Fatal(err)
	}
	chg, err := s.SaveSearchUndoable(ctx, "Chg", "v2")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []store.SavedSearchChange{chg, ren, del} {
		if err := s.UndoSavedSearch(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	between, err := s.ExportBundle(ctx, "") // a backup bundle, made while undone
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []store.SavedSearchChange{del, ren, chg} {
		if err := s.RedoSavedSearch(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	want := savedQueries(t, s) // Renamed: renamed, Chg: v2
	rep := f.restore(t, between)
	if got := savedQueries(t, s); !mapsEqual(got, want) {
		t.Errorf("changes redone after the bundle was made were undone by it: got %v, want %v (%s)", got, want, rep.String())
	}
}

// D3 (undo). Undo likewise dates what it puts back by the original times: a
// bundle exported after a rename or query change, before its undo, undoes
// the undo.
func TestSavedSearchUndoAfterExport(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	for name, q := range map[string]string{"Ren": "renamed", "Chg": "v1"} {
		if _, err := s.SaveSearchUndoable(ctx, name, q); err != nil {
			t.Fatal(err)
		}
	}
	ren, err := s.RenameSavedSearch(ctx, savedID(t, s, "Ren"), "Renamed")
	if err != nil {
		t.Fatal(err)
	}
	chg, err := s.SaveSearchUndoable(ctx, "Chg", "v2")
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []store.SavedSearchChange{chg, ren} {
		if err := s.UndoSavedSearch(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	want := savedQueries(t, s) // Ren: renamed, Chg: v1
	rep := f.restore(t, between)
	if got := savedQueries(t, s); !mapsEqual(got, want) {
		t.Errorf("changes undone after the bundle was made were redone by it: got %v, want %v (%s)", got, want, rep.String())
	}
}
