package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/store"
)

// checkClean fails when the store's Check finds anything (SQLite's
// integrity check, foreign keys, the rows' consistency).
func checkClean(t *testing.T, s *store.Store, when string) {
	t.Helper()
	problems, err := s.Check(context.Background())
	if err != nil {
		t.Fatalf("%s: Check: %v", when, err)
	}
	if len(problems) > 0 {
		t.Errorf("%s: Check: %v", when, problems)
	}
}

// taggingOn reads the passage's tagging by the tag from the file, any
// state ("" when there is none).
func taggingOn(t *testing.T, s *store.Store, passageID, tagID int64) string {
	t.Helper()
	origin, state := taggingState(t, s, passageID, tagID)
	if origin == "" {
		return ""
	}
	return origin + " " + state
}

// Undo, redo, undo again of a tag's edit, a tagging taken off between:
// it stays off at each step, and an older bundle restored after does not
// bring it back; the file checks clean.
func TestData6UndoRedoUndoKeepsWhatWasTakenOff(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	p := passageAt(t, s, doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, doc, kil.ID); err != nil {
		t.Fatal(err)
	}
	older := exportJSON(t, s, "")
	kil.Color = "#222222"
	before, after, err := s.EditTag(ctx, kil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.UntagDocument(ctx, doc, kil.ID); err != nil {
		t.Fatal(err)
	}
	for i, snap := range []*store.TagSnapshot{before, after, before, after, before} {
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if got := taggingOn(t, s, p, kil.ID); got != "" {
			t.Errorf("step %d: the tagging taken off is back (%s)", i, got)
		}
		if n := store.RowCount(t, s, "document_tags"); n != 0 {
			t.Errorf("step %d: the document's tag taken off is back", i)
		}
		if n, m := store.RowCount(t, s, "passage_tag_removals"), store.RowCount(t, s, "document_tag_removals"); n != 1 || m != 1 {
			t.Errorf("step %d: removals remembered %d and %d, want 1 and 1", i, n, m)
		}
		checkClean(t, s, "after step")
	}
	if _, err := s.ImportBundle(ctx, bytes.NewReader(older)); err != nil {
		t.Fatal(err)
	}
	if got := taggingOn(t, s, p, kil.ID); got != "" {
		t.Errorf("older bundle: the tagging taken off is back (%s)", got)
	}
	// The file's own bundle into a fresh file: nothing removed comes back.
	fresh, _ := mustResearch(t)
	if _, err := fresh.ImportBundle(ctx, bytes.NewReader(exportJSON(t, s, ""))); err != nil {
		t.Fatal(err)
	}
	fk := tagNamed(t, fresh, store.FamilyActor, "Konstantin Kilimnik")
	fdoc := passageAt(t, fresh, doc, 3).ID
	if got := taggingOn(t, fresh, fdoc, fk.ID); got != "" {
		t.Errorf("fresh file: the tagging taken off is there (%s)", got)
	}
	if n := store.RowCount(t, fresh, "document_tags"); n != 0 {
		t.Errorf("fresh file: the document's tag taken off is there")
	}
	checkClean(t, fresh, "fresh file")
}

// A tagging taken off since and put on again since stays on through the
// undo (and redo); a passage and a document deleted since are skipped.
func TestData6ReaddedSinceAndDeletedSince(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	p := passageAt(t, s, doc, 3).ID
	res := importText(t, s, "other.txt", "An unrelated paragraph about nothing much.\n")
	q := passageAt(t, s, res.DocumentID, 1).ID
	for _, id := range []int64{p, q} {
		if _, err := s.TagPassageUndoable(ctx, id, kil.ID, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.TagDocument(ctx, res.DocumentID, kil.ID); err != nil {
		t.Fatal(err)
	}
	kil.Color = "#222222"
	before, after, err := s.EditTag(ctx, kil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagPassageUndoable(ctx, p, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDocument(ctx, res.DocumentID); err != nil {
		t.Fatal(err)
	}
	for i, snap := range []*store.TagSnapshot{before, after, before} {
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if got := taggingOn(t, s, p, kil.ID); got != "manual accepted" {
			t.Errorf("step %d: the tagging put on again since is %q", i, got)
		}
		checkClean(t, s, "after step")
	}
}

// Merge undone after the merged-away tag's tagging, now the survivor's,
// was taken off the survivor: it does not come back on the merged-away
// tag (the undo puts back what the merge moved, not what was taken off
// since).
func TestData6MergeUndoneAfterTheMovedTaggingWasTakenOff(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
	p := passageAt(t, s, doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, other.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, doc, other.ID); err != nil {
		t.Fatal(err)
	}
	older := exportJSON(t, s, "") // the merged-away tag's taggings, dated before their removal
	undo, err := s.MergeTags(ctx, kil.ID, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.UntagDocument(ctx, doc, kil.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, undo); err != nil {
		t.Fatal(err)
	}
	if got := taggingOn(t, s, p, other.ID); got != "" {
		t.Errorf("merge undone: the tagging taken off the survivor since is back on the merged-away tag (%s)", got)
	}
	if n := store.RowCount(t, s, "document_tags"); n != 0 {
		t.Errorf("merge undone: the document's tag taken off the survivor since is back on the merged-away tag")
	}
	checkClean(t, s, "merge undone")
	if _, err := s.ImportBundle(ctx, bytes.NewReader(older)); err != nil {
		t.Fatal(err)
	}
	if got := taggingOn(t, s, p, other.ID); got != "" {
		t.Errorf("then an older bundle: the tagging is back on the merged-away tag (%s)", got)
	}
	if n := store.RowCount(t, s, "document_tags"); n != 0 {
		t.Errorf("then an older bundle: the document's tag is back")
	}
	checkClean(t, s, "older bundle")
}

// Merge undone after a claim whose source was the merged-away tag was
// given another source: the claim keeps the source given since.
func TestData6MergeUndoneKeepsAClaimsSourceChangedSince(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	p := passageAt(t, s, doc, 2)
	srcB := "Data Six Wire"
	c, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &srcB})
	if err != nil {
		t.Fatal(err)
	}
	a := mustTag(t, s, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Data Six Agency"})
	b := tagNamed(t, s, store.FamilySource, srcB)
	undo, err := s.MergeTags(ctx, a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	third := "Anonymous sources"
	if _, err := s.EditClaim(ctx, c.ID, store.ClaimEdit{Source: &third}); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, undo); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != third {
		t.Errorf("merge undone: the claim's source is %q, want %q given since", got.Source, third)
	}
	checkClean(t, s, "merge undone")
}

// An edit's undo, the claim's source changed since: kept (the edit did
// not touch claims).
func TestData6EditUndoneKeepsAClaimsSourceChangedSince(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	p := passageAt(t, s, doc, 2)
	srcB := "Data Six Wire"
	c, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &srcB})
	if err != nil {
		t.Fatal(err)
	}
	b := tagNamed(t, s, store.FamilySource, srcB)
	b.Color = "#222222"
	before, after, err := s.EditTag(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	third := "Anonymous sources"
	if _, err := s.EditClaim(ctx, c.ID, store.ClaimEdit{Source: &third}); err != nil {
		t.Fatal(err)
	}
	for i, snap := range []*store.TagSnapshot{before, after, before} {
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Source != third {
			t.Errorf("step %d: the claim's source is %q, want %q given since", i, got.Source, third)
		}
	}
	checkClean(t, s, "edit undone")
}

// Two edits' undos applied out of order, the tag renamed again between,
// a tagging taken off and a suggestion decided since: the tagging stays
// off, the decision stays, and the file checks clean.
func TestData6TwoUndosOutOfOrder(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	p := passageAt(t, s, doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	var pending int64
	for _, ps := range []int{1, 2, 4, 5, 6, 7, 8} {
		if got := taggingOn(t, s, passageAt(t, s, doc, ps).ID, kil.ID); strings.HasSuffix(got, "pending") {
			pending = passageAt(t, s, doc, ps).ID
			break
		}
	}
	kil.Color = "#222222"
	first, _, err := s.EditTag(ctx, kil)
	if err != nil {
		t.Fatal(err)
	}
	kil = tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	kil.Name = "Konstantin V. Kilimnik"
	second, _, err := s.EditTag(ctx, kil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
		t.Fatal(err)
	}
	if pending != 0 {
		if _, err := s.SetTaggingStateUndoable(ctx, pending, kil.ID, store.StateRejected); err != nil {
			t.Fatal(err)
		}
	}
	for i, snap := range []*store.TagSnapshot{first, second} {
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if got := taggingOn(t, s, p, kil.ID); got != "" {
			t.Errorf("undo %d: the tagging taken off since is back (%s)", i, got)
		}
		if pending != 0 {
			if got := taggingOn(t, s, pending, kil.ID); !strings.HasSuffix(got, "rejected") {
				t.Errorf("undo %d: the suggestion rejected since is %q", i, got)
			}
		}
		checkClean(t, s, "undo")
	}
	if pending == 0 {
		t.Log("no pending suggestion of the tag in the seed")
	}
}

// The tag deleted since its edit (by another window): undoing the edit
// is refused, and the tag stays deleted (the undo made the tag again with
// the tagging taken off before the delete, and forgot the delete; the
// hostile data pass data6). The same for the redo, and for a merge's undo
// after the survivor was deleted.
func TestData6EditUndoneAfterTheTagWasDeleted(t *testing.T) {
	ctx := context.Background()
	for _, change := range []string{"undo", "redo", "merge"} {
		s, doc := mustResearch(t)
		s.SetBackupDir(t.TempDir())
		kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
		p := passageAt(t, s, doc, 3).ID
		if _, err := s.TagPassageUndoable(ctx, p, kil.ID, nil); err != nil {
			t.Fatal(err)
		}
		var snap *store.TagSnapshot
		var err error
		switch change {
		case "merge":
			other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
			snap, err = s.MergeTags(ctx, kil.ID, other.ID)
		default:
			kil.Color = "#222222"
			before, after, e := s.EditTag(ctx, kil)
			snap, err = before, e
			if change == "redo" {
				if err := s.Restore(ctx, before); err != nil {
					t.Fatal(err)
				}
				snap = after
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteTag(ctx, kil.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(ctx, snap); !errors.Is(err, store.ErrChangedSince) {
			t.Errorf("%s after the tag was deleted: %v, want ErrChangedSince", change, err)
		}
		if got := taggingOn(t, s, p, kil.ID); got != "" {
			t.Errorf("%s after the tag was deleted: the tagging taken off before the delete is back (%s)", change, got)
		}
		if tags, err := s.FindTags(ctx, store.FamilyActor, "Konstantin Kilimnik"); err != nil || len(tags) != 0 {
			t.Errorf("%s after the tag was deleted: the tag is back (%v, %v)", change, tags, err)
		}
		checkClean(t, s, change+" after delete")
	}
}

// A suggestion the edit made (it gave the tag a new alias), accepted
// since: the edit's undo keeps the decision (it took the tagging away and
// remembered it as removed, so that the user's accept was lost, and an
// older bundle could not bring it back either; the hostile data pass
// data6).
func TestData6EditUndoneAfterItsSuggestionWasAccepted(t *testing.T) {
	ctx := context.Background()
	for _, change := range []string{"undo"} {
		s, _ := mustResearch(t)
		s.SetBackupDir(t.TempDir())
		res := importText(t, s, "zor.txt", "Zorblaxian envoys arrived in Kyiv on Monday.\n")
		p := passageAt(t, s, res.DocumentID, 1).ID
		kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
		kil.Aliases = append(kil.Aliases, "Zorblaxian")
		snap, _, err := s.EditTag(ctx, kil)
		if err != nil {
			t.Fatal(err)
		}
		if got := taggingOn(t, s, p, kil.ID); !strings.HasSuffix(got, "pending") {
			t.Fatalf("%s: the edit suggested %q", change, got)
		}
		if _, err := s.SetTaggingStateUndoable(ctx, p, kil.ID, store.StateAccepted); err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(ctx, snap); err != nil {
			t.Fatal(err)
		}
		if got := taggingOn(t, s, p, kil.ID); !strings.HasSuffix(got, "accepted") {
			t.Errorf("%s: the suggestion accepted since is %q", change, got)
		}
		if n := store.RowCount(t, s, "passage_tag_removals"); n != 0 {
			t.Errorf("%s: %d taggings remembered as removed", change, n)
		}
		checkClean(t, s, change)
	}
}

// Merge undone after the claim whose source and actor the merged-away
// tags were was deleted since (its document deleted), or had its actors
// changed since: the undo neither fails nor puts them back.
func TestData6MergeUndoneAfterClaimsChangedSince(t *testing.T) {
	ctx := context.Background()
	for _, change := range []string{"deleted", "actors"} {
		s, _ := mustResearch(t)
		s.SetBackupDir(t.TempDir())
		res := importText(t, s, "claim.txt", "Officials said the envoy met the campaign team in Kyiv.\n")
		p := passageAt(t, s, res.DocumentID, 1)
		srcB, about := "Data Six Wire", []string{"K. Kilimnik"}
		mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
		c, _, err := s.MarkClaimUndoable(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &srcB, About: &about})
		if err != nil {
			t.Fatal(err)
		}
		kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
		other := tagNamed(t, s, store.FamilyActor, "K. Kilimnik")
		undo, err := s.MergeTags(ctx, kil.ID, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		if change == "deleted" {
			if err := s.DeleteDocument(ctx, res.DocumentID); err != nil {
				t.Fatal(err)
			}
		} else {
			manafort := []string{"Paul Manafort"}
			if _, err := s.EditClaim(ctx, c.ID, store.ClaimEdit{About: &manafort}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Restore(ctx, undo); err != nil {
			t.Fatalf("%s: %v", change, err)
		}
		if change == "deleted" {
			if got, err := s.Claim(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("deleted: the claim after the merge's undo: %+v, %v", got, err)
			}
		} else {
			got, err := s.Claim(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.About) != 1 || got.About[0].Name != "Paul Manafort" {
				t.Errorf("actors: the claim is about %v after the merge's undo, want Paul Manafort alone", got.About)
			}
		}
		checkClean(t, s, change)
	}
}

// A rename undone after a tagging was taken off since, then a bundle
// exported between the rename and the removal (the tag under its new
// name) restored: the tagging stays off, and no tag of the new name is
// made again.
func TestData6RenameUndoneThenABundleOfTheNewName(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	p := passageAt(t, s, doc, 3).ID
	if _, err := s.TagPassageUndoable(ctx, p, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	kil.Name = "Konstantin V. Kilimnik"
	before, _, err := s.EditTag(ctx, kil)
	if err != nil {
		t.Fatal(err)
	}
	renamed := exportJSON(t, s, "")
	if _, err := s.UntagPassageUndoable(ctx, p, kil.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, before); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportBundle(ctx, bytes.NewReader(renamed)); err != nil {
		t.Fatal(err)
	}
	if got := taggingOn(t, s, p, kil.ID); got != "" {
		t.Errorf("the tagging taken off since is back (%s)", got)
	}
	if tags, err := s.FindTags(ctx, store.FamilyActor, "Konstantin V. Kilimnik"); err != nil || len(tags) != 0 {
		for _, tg := range tags {
			if tg.Name == "Konstantin V. Kilimnik" {
				t.Errorf("the undone name is a tag again: %+v", tg)
			}
		}
	}
	checkClean(t, s, "rename undone, bundle restored")
}
