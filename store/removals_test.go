package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// removalsFixture is a research file with a tag applied by hand to a
// passage and to the document, and a bookmark, and a bundle of them taken
// then; its clock ticks a millisecond a reading from start.
type removalsFixture struct {
	s       *store.Store
	doc     int64
	passage int64
	kil     store.Tag
	bundle  *store.Bundle
	start   time.Time
}

func newRemovalsFixture(t *testing.T) *removalsFixture {
	t.Helper()
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	f := &removalsFixture{s: s, doc: doc, start: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	store.SetClock(s, store.Ticking(f.start, time.Millisecond))
	f.kil = tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	f.passage = passageAt(t, s, doc, 2).ID
	if _, err := s.TagPassageUndoable(ctx, f.passage, f.kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagDocumentUndoable(ctx, doc, f.kil.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, f.passage, nil, "mine"); err != nil {
		t.Fatal(err)
	}
	b, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	f.bundle = b
	return f
}

func (f *removalsFixture) restore(t *testing.T, b *store.Bundle) store.BundleReport {
	t.Helper()
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.ImportBundle(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// present says which of the three annotations the file holds.
func (f *removalsFixture) present(t *testing.T) (passageTag, documentTag, bookmark bool) {
	t.Helper()
	ctx := context.Background()
	tags, err := f.s.PassageTags(ctx, []int64{f.passage})
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range tags[f.passage] {
		if pt.ID == f.kil.ID && pt.Document {
			documentTag = true
		} else if pt.ID == f.kil.ID && pt.Origin == store.OriginManual {
			passageTag = true
		}
	}
	bms, err := f.s.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return passageTag, documentTag, len(bms) > 0
}

func (f *removalsFixture) removeAll(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.s.UntagPassageUndoable(ctx, f.passage, f.kil.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UntagDocumentUndoable(ctx, f.doc, f.kil.ID); err != nil {
		t.Fatal(err)
	}
	bms, err := f.s.Bookmarks(ctx)
	if err != nil || len(bms) != 1 {
		t.Fatalf("bookmarks: %v, %v", bms, err)
	}
	if _, err := f.s.DeleteBookmark(ctx, bms[0].ID); err != nil {
		t.Fatal(err)
	}
}

// A tag taken off a passage or a document, or a bookmark deleted, stays
// removed when a bundle made before the removal is restored, and the
// report says what was left out (found by a hostile pass: the bundle put
// them back, "1 passage tagging restored"); a bundle whose copy was made
// after the removal still restores it.
func TestRemovalsOutliveOlderBundles(t *testing.T) {
	f := newRemovalsFixture(t)
	f.removeAll(t)
	for i := range 2 {
		rep := f.restore(t, f.bundle)
		if pt, dt, bm := f.present(t); pt || dt || bm {
			t.Fatalf("restore %d of an older bundle put back: passage tag %v, document tag %v, bookmark %v (report: %s)", i+1, pt, dt, bm, rep)
		}
		if rep.KeptHere != 3 || !strings.Contains(rep.String(), "3 annotations left out: changed or removed here since") {
			t.Errorf("restore %d: report %q (%d kept here), want the 3 removals said", i+1, rep, rep.KeptHere)
		}
	}

	// Made after the removals (in another copy of the file, say).
	later := f.start.Add(5 * time.Minute)
	b := *f.bundle
	for i := range b.PassageTags {
		if b.PassageTags[i].Tag.Name == f.kil.Name && b.PassageTags[i].Origin == store.OriginManual {
			b.PassageTags[i].Created, b.PassageTags[i].Decided = later, later
		}
	}
	for i := range b.DocumentTags {
		b.DocumentTags[i].Created = later
	}
	for i := range b.Bookmarks {
		b.Bookmarks[i].Updated = later
	}
	rep := f.restore(t, &b)
	if pt, dt, bm := f.present(t); !pt || !dt || !bm {
		t.Errorf("a bundle made after the removals restored: passage tag %v, document tag %v, bookmark %v (report: %s)", pt, dt, bm, rep)
	}
	if rep.KeptHere != 0 {
		t.Errorf("report %q: %d kept here, want none", rep, rep.KeptHere)
	}
}

// A removal undone is forgotten: the bundle's copy is then the one here.
// Redone, it is remembered again.
func TestUndoneRemovalIsForgotten(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	c, err := f.s.UntagPassageUndoable(ctx, f.passage, f.kil.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.UndoTaggings(ctx, c); err != nil {
		t.Fatal(err)
	}
	if rep := f.restore(t, f.bundle); rep.KeptHere != 0 || rep.Changed() != 0 {
		t.Errorf("after the removal was undone: report %q, want nothing new", rep)
	}
	if err := f.s.RedoTaggings(ctx, c); err != nil {
		t.Fatal(err)
	}
	rep := f.restore(t, f.bundle)
	if pt, _, _ := f.present(t); pt || rep.KeptHere != 1 {
		t.Errorf("after the removal was redone, an older bundle: passage tag %v, report %q", pt, rep)
	}

	// A bookmark deleted and put back by undo comes back as it was; taken
	// back again (an undo of its adding is a change made then, as the
	// README says of every undo), an older bundle leaves it away.
	bms, err := f.s.Bookmarks(ctx)
	if err != nil || len(bms) != 1 {
		t.Fatalf("bookmarks: %v, %v", bms, err)
	}
	removed, err := f.s.DeleteBookmark(ctx, bms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RestoreBookmark(ctx, removed); err != nil {
		t.Fatal(err)
	}
	if err := f.s.UnaddBookmark(ctx, removed.ID); err != nil {
		t.Fatal(err)
	}
	rep = f.restore(t, f.bundle)
	if _, _, bm := f.present(t); bm || rep.Bookmarks != 0 || rep.KeptHere != 2 { // the redone untagging above, and the bookmark
		t.Errorf("a bookmark deleted, put back, then taken back as unadded: the bundle restored it %v (report %q)", bm, rep)
	}
}

// Removals survive recovery, and a document's removal records go and come
// back with it.
func TestRemovalsSurviveRecoverAndDocumentUndo(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	f.removeAll(t)
	snap, err := f.s.RemoveDocument(ctx, f.doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if rep := f.restore(t, f.bundle); rep.KeptHere != 3 {
		t.Errorf("after the document's delete was undone: report %q, want the 3 removals kept", rep)
	}
	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := store.Recover(ctx, f.s.Path(), out); err != nil {
		t.Fatal(err)
	}
	r, err := store.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	g := &removalsFixture{s: r, doc: f.doc, passage: f.passage, kil: f.kil, bundle: f.bundle}
	r.SetBackupDir(t.TempDir())
	if rep := g.restore(t, f.bundle); rep.KeptHere != 3 {
		t.Errorf("in the recovered file: report %q, want the 3 removals kept", rep)
	}
}

// A decision made here after the bundle's is said to be kept, not counted
// as already present (found by a hostile pass).
func TestKeptDecisionIsSaid(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	pending, err := f.s.TagPassages(ctx, f.kil.ID, store.StatePending)
	if err != nil || len(pending) == 0 {
		t.Fatalf("Kilimnik's suggestions: %v, %v", pending, err)
	}
	if _, err := f.s.SetTaggingStateUndoable(ctx, pending[0].PassageID, f.kil.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	for i := range f.bundle.PassageTags {
		if pt := &f.bundle.PassageTags[i]; pt.Tag.Name == f.kil.Name && pt.State == store.StatePending {
			pt.State, pt.Decided = store.StateAccepted, f.start
		}
	}
	rep := f.restore(t, f.bundle)
	if rep.KeptHere == 0 || !strings.Contains(rep.String(), "left out: changed or removed here since") {
		t.Errorf("report %q: want the decision kept here said", rep)
	}
}

// Undoing a tag's edit, rename, delete or merge keeps the removals of its
// taggings: Restore deletes and puts back the tag's row, and the removals
// went with it (found by a hostile pass: a colour changed and undone, and
// an older bundle put the removed taggings back).
func TestTagUndoKeepsItsRemovals(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		do   func(f *removalsFixture) (*store.TagSnapshot, error)
	}{
		{"edit", func(f *removalsFixture) (*store.TagSnapshot, error) {
			tg := f.kil
			tg.Color = "#112233"
			before, _, err := f.s.EditTag(ctx, tg)
			return before, err
		}},
		{"rename", func(f *removalsFixture) (*store.TagSnapshot, error) {
			return f.s.RenameTag(ctx, f.kil.ID, "K. Kilimnik")
		}},
		{"delete", func(f *removalsFixture) (*store.TagSnapshot, error) { return f.s.DeleteTag(ctx, f.kil.ID) }},
		{"merge into it", func(f *removalsFixture) (*store.TagSnapshot, error) {
			return f.s.MergeTags(ctx, f.kil.ID, tagNamed(t, f.s, store.FamilyActor, "Andriy Derkach").ID)
		}},
	} {
		f := newRemovalsFixture(t)
		f.removeAll(t)
		snap, err := c.do(f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if err := f.s.Restore(ctx, snap); err != nil {
			t.Fatalf("undo %s: %v", c.name, err)
		}
		rep := f.restore(t, f.bundle)
		if pt, dt, _ := f.present(t); pt || dt || rep.KeptHere != 3 {
			t.Errorf("%s undone, then an older bundle: passage tag %v, document tag %v (report %q)", c.name, pt, dt, rep)
		}
	}
}

// A tag merged into another takes its removals along: a bundle's older
// copy of the survivor's tagging stays removed.
func TestMergeKeepsRemovals(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	f.removeAll(t)
	derkach := tagNamed(t, f.s, store.FamilyActor, "Andriy Derkach")
	if _, err := f.s.MergeTags(ctx, derkach.ID, f.kil.ID); err != nil {
		t.Fatal(err)
	}
	b := *f.bundle
	b.PassageTags = nil
	for _, pt := range f.bundle.PassageTags {
		if pt.Tag.Name == f.kil.Name && pt.Origin == store.OriginManual {
			pt.Tag.Name = derkach.Name
			b.PassageTags = append(b.PassageTags, pt)
		}
	}
	b.DocumentTags = nil
	for _, dt := range f.bundle.DocumentTags {
		dt.Tag.Name = derkach.Name
		b.DocumentTags = append(b.DocumentTags, dt)
	}
	b.Tags, b.Bookmarks, b.Claims, b.ClaimLinks = nil, nil, nil, nil
	rep := f.restore(t, &b)
	if rep.KeptHere != 2 || rep.PassageTags+rep.DocumentTags != 0 {
		t.Errorf("the survivor's older taggings from a bundle: report %q, want both left out", rep)
	}
}

// A suggestion made after a tag was taken off the passage (an alias added
// since) does not let an older bundle put the tag back by hand (found by a
// hostile pass).
func TestSuggestionAfterARemovalKeepsItOff(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	tg, err := f.s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Zorblax Quux"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TagPassageUndoable(ctx, f.passage, tg.ID, nil); err != nil {
		t.Fatal(err)
	}
	old, err := f.s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UntagPassageUndoable(ctx, f.passage, tg.ID); err != nil {
		t.Fatal(err)
	}
	// A word of the passage, as an alias: suggested there now. (Not a word
	// of a longer name there, such as "Director" in "Office of the Director
	// of National Intelligence": the longer name is what is mentioned.)
	word := "assessment"
	if !strings.Contains(passageAt(t, f.s, f.doc, 2).Text, " "+word+" ") {
		t.Fatalf("passage 2 does not say %q", word)
	}
	tg.Aliases = []string{word}
	if _, _, err := f.s.EditTag(ctx, tg); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		tags, err := f.s.PassageTags(ctx, []int64{f.passage})
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range tags[f.passage] {
			if pt.ID == tg.ID {
				return pt.Origin + " " + pt.State
			}
		}
		return "none"
	}
	if got := state(); got != store.OriginSuggest+" "+store.StatePending {
		t.Fatalf("after the alias: %s, want a pending suggestion", got)
	}
	rep := f.restore(t, old)
	if got := state(); got != store.OriginSuggest+" "+store.StatePending || rep.KeptHere == 0 {
		t.Errorf("after the older bundle: %s (report %q), want the suggestion left pending and the removal said", got, rep)
	}
}

// A bookmark in a bundle without a usable time (none, or one far ahead)
// is restored once, however often the bundle is, and stays deleted once
// deleted; so does a bookmark whose span was changed before it was deleted
// (found by a hostile pass: each import added another copy, and deleted
// ones came back).
func TestBookmarksWithoutTimesOrWithNewSpansStayDeleted(t *testing.T) {
	ctx := context.Background()
	for _, created := range []time.Time{{}, time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)} {
		f := newRemovalsFixture(t)
		bms, err := f.s.Bookmarks(ctx)
		if err != nil || len(bms) != 1 {
			t.Fatalf("bookmarks: %v, %v", bms, err)
		}
		// A file that never had the bookmark: taken off, and its removal
		// (remembered, as of any undo) forgotten.
		if err := f.s.UnaddBookmark(ctx, bms[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := rawDB(t, f.s.Path()).Exec(`DELETE FROM bookmark_removals`); err != nil {
			t.Fatal(err)
		}
		b := *f.bundle
		b.Bookmarks = append([]store.BundleBookmark(nil), f.bundle.Bookmarks...)
		b.Bookmarks[0].Created, b.Bookmarks[0].Updated = created, created
		f.restore(t, &b)
		f.restore(t, &b)
		if bms, _ = f.s.Bookmarks(ctx); len(bms) != 1 {
			t.Fatalf("created %v: the bundle restored twice holds %d bookmarks, want 1", created, len(bms))
		}
		if _, err := f.s.DeleteBookmark(ctx, bms[0].ID); err != nil {
			t.Fatal(err)
		}
		rep := f.restore(t, &b)
		if bms, _ = f.s.Bookmarks(ctx); len(bms) != 0 || rep.KeptHere != 1 {
			t.Errorf("created %v: deleted, then the same bundle: %d bookmarks (report %q)", created, len(bms), rep)
		}
	}

	f := newRemovalsFixture(t)
	bms, _ := f.s.Bookmarks(ctx)
	if err := f.s.UpdateBookmark(ctx, bms[0].ID, &store.Range{Start: 0, End: 5}, "mine"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DeleteBookmark(ctx, bms[0].ID); err != nil {
		t.Fatal(err)
	}
	f.restore(t, f.bundle)
	if _, _, bm := f.present(t); bm {
		t.Error("a bookmark whose span was changed, then deleted, came back from an older bundle")
	}
}

// A document's delete is undone though a tag a removal there was of has
// been deleted since (the removal is dropped: it failed with "no such
// tag"; found by a hostile pass).
func TestDocumentUndoDropsRemovalsOfDeletedTags(t *testing.T) {
	ctx := context.Background()
	f := newRemovalsFixture(t)
	tg, err := f.s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Zorblax Quux"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TagPassageUndoable(ctx, f.passage, tg.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UntagPassageUndoable(ctx, f.passage, tg.ID); err != nil {
		t.Fatal(err)
	}
	snap, err := f.s.RemoveDocument(ctx, f.doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.DeleteTag(ctx, tg.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RestoreDocument(ctx, snap); err != nil {
		t.Fatalf("undo of the document's delete: %v", err)
	}
}

// A bookmark added and taken back by Edit → Undo stays away when a bundle
// exported while it stood is restored (found by a hostile data pass: the
// README says what an undo takes away stays away).
func TestUndoneNewBookmarkStaysAwayFromAnOlderBundle(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	bm, err := s.AddBookmark(ctx, passageAt(t, s, seed, 3).ID, nil, "a mistake")
	if err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, s, "")
	if err := s.UnaddBookmark(ctx, bm.ID); err != nil { // Edit → Undo bookmark
		t.Fatal(err)
	}
	rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if bms, _ := s.Bookmarks(ctx); len(bms) != 0 {
		t.Errorf("the bookmark taken back by Undo came back from a bundle exported before the undo: %d bookmarks (%s)", len(bms), rep)
	}
}

// A claim marked by hand and taken back by Edit → Undo stays away when a
// bundle exported while it stood is restored; redone, it is there again and
// the bundle finds it (found by a hostile data pass).
func TestUndoneMarkedClaimStaysAwayFromAnOlderBundle(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	c, change, err := s.MarkClaimUndoable(ctx, p.ID, *span(t, p.Text, p.Text[:20]), store.ClaimEdit{Source: &cnn})
	if err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, s, "")
	if err := s.UndoClaims(ctx, change); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		cs, err := s.Claims(ctx, store.ClaimQuery{State: "all"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range cs {
			if x.PassageID == p.ID && x.Span == c.Span {
				n++
			}
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("after undo: %d", n)
	}
	rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 || rep.KeptHere != 1 {
		t.Errorf("the claim whose marking was undone came back from a bundle exported before the undo: %d (%s)", n, rep)
	}
	if err := s.RedoClaims(ctx, change); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Fatalf("after redo: %d claims", n)
	}
	if store.RowCount(t, s, "claim_removals") != 0 {
		t.Error("the redone claim's removal is still remembered")
	}
	if rep, err = s.ImportBundle(ctx, bytes.NewReader(data)); err != nil || count() != 1 || rep.KeptHere != 0 {
		t.Errorf("the bundle after the redo: %d claims (%s), %v", count(), rep, err)
	}
}

// A bookmark whose dialog was cancelled (DiscardBookmark) leaves nothing:
// no removal is remembered, as of one never made (a review: every cancel
// left a record that later restores looked up).
func TestDiscardedBookmarkLeavesNoRemoval(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	bm, err := s.AddBookmark(ctx, passageAt(t, s, seed, 3).ID, nil, "typed, then cancelled")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardBookmark(ctx, bm.ID); err != nil {
		t.Fatal(err)
	}
	if bms, _ := s.Bookmarks(ctx); len(bms) != 0 {
		t.Errorf("%d bookmarks after the discard", len(bms))
	}
	if n := store.RowCount(t, s, "bookmark_removals"); n != 0 {
		t.Errorf("%d bookmark removals remembered after a discard, want 0", n)
	}
}
