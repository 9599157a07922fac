package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"dossier/store"
)

// (A review of the day's diff.) a tag made again under a deleted tag's name keeps the delete
// remembered (28495f8), but any undo of an edit of the new tag (Restore of
// the edit's snapshot, which puts the tag back by its number) forgot it:
// a bundle exported before the delete then gave the new tag the deleted
// one's aliases and taggings.
func TestUndoneEditOfATagMadeAgainKeepsTheDelete(t *testing.T) {
	checkDeletedTagGivesNothing(t, "after an undone edit", func(s *store.Store) {
		ctx := context.Background()
		again := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example"})
		edited := again
		edited.Color = "#123456"
		before, _, err := s.EditTag(ctx, edited)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(ctx, before); err != nil { // Edit → Undo
			t.Fatal(err)
		}
	})
}

// checkDeletedTagGivesNothing tags a passage with "Ann Example" (alias
// "Annie"), exports the file, deletes the tag and lets makeAgain make a
// tag of that name again; the export, imported, must bring the new tag
// none of the deleted one's aliases or taggings.
func checkDeletedTagGivesNothing(t *testing.T, when string, makeAgain func(s *store.Store)) {
	t.Helper()
	ctx := context.Background()
	s, seed := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
	ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Annie"}})
	p := passageAt(t, s, seed, 2)
	if _, err := s.TagPassageUndoable(ctx, p.ID, ann.ID, nil); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, s, "")
	if _, err := s.DeleteTag(ctx, ann.ID); err != nil {
		t.Fatal(err)
	}
	makeAgain(s)
	rep := importBundleData(t, s, data)
	got := tagNamed(t, s, store.FamilyActor, "Ann Example")
	tags, err := s.PassageTags(ctx, []int64{p.ID})
	if err != nil {
		t.Fatal(err)
	}
	tagged := slices.ContainsFunc(tags[p.ID], func(pt store.PassageTag) bool { return pt.ID == got.ID && pt.Origin == store.OriginManual })
	if len(got.Aliases) != 0 || tagged {
		t.Errorf("%s, the new tag got the deleted one's aliases %q / tagging %v (%s)", when, got.Aliases, tagged, rep)
	}
}

// (A review of the day's diff.) Restore (the undo of a tag's delete, or of an edit of its aliases
// alone, which no longer dates it) put the tag back with its edit date
// lost (updated_at = created_at): a bundle exported before a colour
// change here then replaced the colour, as if it had never been edited.
func TestUndoKeepsTheTagsEditDate(t *testing.T) {
	ctx := context.Background()
	for _, how := range []string{"delete", "alias edit"} {
		s, _ := mustResearch(t)
		store.SetClock(s, store.Ticking(time.Now().Add(-time.Hour), time.Millisecond))
		ann := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Color: "#111111"})
		data := exportJSON(t, s, "")
		edited := ann
		edited.Color = "#222222"
		if _, _, err := s.EditTag(ctx, edited); err != nil {
			t.Fatal(err)
		}
		var snap *store.TagSnapshot
		var err error
		switch how {
		case "delete":
			snap, err = s.DeleteTag(ctx, ann.ID)
		default:
			edited.Aliases = []string{"Annie"}
			snap, _, err = s.EditTag(ctx, edited)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(ctx, snap); err != nil { // Edit → Undo
			t.Fatal(err)
		}
		rep := importBundleData(t, s, data)
		if got := tagNamed(t, s, store.FamilyActor, "Ann Example"); got.Color != "#222222" {
			t.Errorf("undone %s: the colour edited here after the export became the bundle's %s (%s)", how, got.Color, rep)
		}
	}
}

// (A review of the day's diff.) the undo and redo of the making of a tag under a deleted tag's
// name: the undo remembers the new tag's delete in the same record as the
// old one's (one per name), and the redo forgot the record, the old
// delete with it: a bundle exported before the old delete then gave the
// new tag the deleted one's aliases and taggings.
func TestRedoneTagMadeAgainKeepsTheOldDelete(t *testing.T) {
	checkDeletedTagGivesNothing(t, "after its undo and redo", func(s *store.Store) {
		ctx := context.Background()
		again, snap, err := s.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteTag(ctx, again.ID); err != nil { // Edit → Undo
			t.Fatal(err)
		}
		if err := s.Restore(ctx, snap); err != nil { // Edit → Redo
			t.Fatal(err)
		}
	})
}
