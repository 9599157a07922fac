package store_test

// Regression tests from a second hostile pass over migration 0015: an
// undo is a change made then, which a bundle exported before it must not
// undo; a tag's identity across a rename; tag edits made here. R1–R10 are
// the defects as the pass numbered them; each test failed on the code
// before its fix.

import (
	"context"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

func tagsOn(t *testing.T, s *store.Store, p int64) []int64 {
	t.Helper()
	tags, err := s.PassageTags(context.Background(), []int64{p})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, pt := range tags[p] {
		if !pt.Document {
			ids = append(ids, pt.ID)
		}
	}
	return ids
}

// R1. A tag renamed here, then a NEW tag given its old name (another
// person): a bundle made before the rename knows the renamed tag by the old
// name, but the restore puts its taggings onto the new tag, which never
// tagged those passages.
func TestOlderBundleTagIsTheRenamedTagNotTheNewHolder(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	john, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Smith"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, john.ID, nil); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "") // John Smith is "Smith" in it
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
	rep := f.restore(t, old)
	if on := tagsOn(t, s, p); slices.Contains(on, jane.ID) {
		t.Errorf("an older bundle's \"Smith\" (John Smith, renamed since) tagged passage %d with the new tag Smith (Jane), which never tagged it (%s)", p, rep.String())
	}
}

// R2. Undo of a rename is not remembered as the tag giving up its new
// name: a bundle exported while renamed, restored after the undo, creates
// the tag again under the new name, with copies of its taggings.
func TestUndoneRenameOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Deripaska"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, tg.ID, nil); err != nil {
		t.Fatal(err)
	}
	tg.Name = "Oleg Deripaska"
	before, _, err := s.EditTag(ctx, tg)
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, before); err != nil { // Edit → Undo
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	if tagExists(t, s, store.FamilyActor, "Oleg Deripaska") || rep.TagsCreated != 0 {
		t.Errorf("a rename undone after the bundle was made: the bundle created %d tags (Oleg Deripaska again: %v) — a duplicate of Deripaska with its taggings (%s)",
			rep.TagsCreated, tagExists(t, s, store.FamilyActor, "Oleg Deripaska"), rep.String())
	}
}

// R3. Undo of a merge: a bundle made while the tags were merged (the
// survivor holds the loser's taggings) puts them back onto the survivor
// after the undo.
func TestUndoneMergeOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Alpha Person"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Bravo Person"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, b.ID, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := s.MergeTags(ctx, a.ID, b.ID) // by mistake
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, snap); err != nil { // Edit → Undo
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	if slices.Contains(tagsOn(t, s, p), a.ID) {
		t.Errorf("a merge undone after the bundle was made: the bundle tagged passage %d with the survivor Alpha Person again (%s)", p, rep.String())
	}
}

// R4. Undo of a claim link kind change: a bundle made while changed sets
// the kind back to the undone one.
func TestUndoneClaimLinkKindOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	a, b := linkedClaims(t, s) // same
	c, err := s.LinkClaimsUndoable(ctx, a, b, store.LinkContradicts)
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoClaims(ctx, c); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	cl, err := s.Claim(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(cl.SameAs, b) {
		t.Errorf("a link kind change undone after the bundle was made is redone by it: same %v contradicts %v (%s)", cl.SameAs, cl.Contradicts, rep.String())
	}
}

// R5. Undo of a new claim link takes it off without remembering that: a
// bundle made while linked links the claims again.
func TestUndoneClaimLinkOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	all := claimList(t, s, store.ClaimQuery{})
	a, b := all[0].ID, all[1].ID
	c, err := s.LinkClaimsUndoable(ctx, a, b, store.LinkSame)
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoClaims(ctx, c); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	if linked(t, s, a, b) {
		t.Errorf("a link undone after the bundle was made is put back by it (%s)", rep.String())
	}
}

// R6. Undo of a new saved search is remembered (compare): the bundle from
// between does not bring it back. Claim links and tags should match this.
func TestUndoneSavedSearchOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	c, err := s.SaveSearchUndoable(ctx, "Oops", "oops")
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoSavedSearch(ctx, c); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	if _, ok := savedQueries(t, s)["Oops"]; ok {
		t.Errorf("saved search undone after the bundle was made came back (%s)", rep.String())
	}
}

// R8 (0014, same class). Undo of a new passage tagging takes it off without
// remembering when: a bundle made while it was on puts it back.
func TestUndoneTaggingOutlivesBundleFromBetween(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Wrong Person"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	c, err := s.TagPassageUndoable(ctx, p, tg.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	between, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UndoTaggings(ctx, c); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, between)
	if slices.Contains(tagsOn(t, s, p), tg.ID) {
		t.Errorf("a tagging undone after the bundle was made is put back by it (%s)", rep.String())
	}
}

// R10. A tag's description (or kind, or colour) edited here after a bundle
// was made is set back to the bundle's by restoring it: the edit is lost.
func TestTagDescriptionEditedHereIsKept(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Gates", Description: "old note"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	tg.Description = "Rick Gates, Manafort's deputy; pleaded guilty Feb 2018 — checked against court filings"
	tg.Kind = "person"
	if _, _, err := s.EditTag(ctx, tg); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	got := tagNamed(t, s, store.FamilyActor, "Gates")
	if got.Description != tg.Description {
		t.Errorf("a tag's description edited here after the bundle was made was set back by it: %q (%s)", got.Description, rep.String())
	}
}

// A tag deleted here stays deleted when an older bundle is restored, its
// taggings left out and its claims without it (it was made again with all
// of them); undoing the delete forgets that; a bundle's tag of that name
// made after the delete (elsewhere) is created.
func TestDeletedTagOutlivesOlderBundles(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	s := f.s
	tg, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Wrong Person"})
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, f.doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, tg.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagDocumentUndoable(ctx, f.doc, tg.ID); err != nil {
		t.Fatal(err)
	}
	old, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.DeleteTag(ctx, tg.ID)
	if err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, old)
	if tagExists(t, s, store.FamilyActor, "Wrong Person") || rep.TagsCreated != 0 || rep.KeptHere < 3 {
		t.Errorf("a tag deleted here, then an older bundle restored: %s", rep.String())
	}
	if err := s.Restore(ctx, snap); err != nil { // Edit → Undo
		t.Fatal(err)
	}
	if n := store.RowCount(t, s, "tag_removals"); n != 0 {
		t.Errorf("removals after the delete was undone: %d", n)
	}
	if _, err := s.DeleteTag(ctx, tg.ID); err != nil {
		t.Fatal(err)
	}
	newer := *old
	newer.Tags = slices.Clone(old.Tags)
	for i := range newer.Tags {
		if newer.Tags[i].Name == "Wrong Person" {
			newer.Tags[i].Created = time.Now().UTC().Add(-time.Minute)
		}
	}
	store.SetClock(s, store.Ticking(time.Now().UTC(), time.Millisecond))
	if rep := f.restore(t, &newer); rep.TagsCreated != 1 || !tagExists(t, s, store.FamilyActor, "Wrong Person") {
		t.Errorf("a tag of that name made after the delete: %s", rep.String())
	}
}
