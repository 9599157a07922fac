package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"dossier/store"
)

// Undoing a tag's edit or merge takes back that change alone: what was
// put on the tag since by a bundle, or suggested in a document imported
// since, stays (a hostile data pass: the undo of a colour change took away
// every tagging a colleague's bundle had restored onto the tag, and
// remembered them as removed here, so that restoring the bundle again
// left them out; the new document's suggestions went too).
func TestUndoingATagChangeKeepsWhatCameSince(t *testing.T) {
	ctx := context.Background()
	a, docA := mustResearch(t)
	kilA := tagNamed(t, a, store.FamilyActor, "Konstantin Kilimnik")
	if _, err := a.TagPassageUndoable(ctx, passageAt(t, a, docA, 3).ID, kilA.ID, nil); err != nil {
		t.Fatal(err)
	}
	colleagues := exportJSON(t, a, "")

	for _, change := range []string{"edit", "merge"} {
		s, doc := mustResearch(t)
		s.SetBackupDir(t.TempDir())
		kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
		var undo *store.TagSnapshot
		var err error
		if change == "edit" {
			kil.Color = "#222222"
			undo, _, err = s.EditTag(ctx, kil)
		} else {
			other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
			undo, err = s.MergeTags(ctx, kil.ID, other.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportBundle(ctx, bytes.NewReader(colleagues)); err != nil {
			t.Fatal(err)
		}
		res := importText(t, s, "new.txt", "Konstantin Kilimnik met Paul Manafort in Madrid, according to the report.\n")
		fromBundle, suggested := passageAt(t, s, doc, 3).ID, passageAt(t, s, res.DocumentID, 1).ID
		states := func() (string, string) {
			tgs, err := s.PassageTags(ctx, []int64{fromBundle, suggested})
			if err != nil {
				t.Fatal(err)
			}
			state := func(id int64) string {
				for _, x := range tgs[id] {
					if x.Tag.ID == kil.ID {
						return x.Origin + " " + x.State
					}
				}
				return "none"
			}
			return state(fromBundle), state(suggested)
		}
		b1, s1 := states()
		if err := s.Restore(ctx, undo); err != nil {
			t.Fatal(err)
		}
		if b2, s2 := states(); b2 != b1 || s2 != s1 {
			t.Errorf("%s undone: the bundle's tagging %q → %q, the new document's suggestion %q → %q", change, b1, b2, s1, s2)
		}
		if n := store.RowCount(t, s, "passage_tag_removals"); n != 0 {
			t.Errorf("%s undone: %d taggings remembered as removed here", change, n)
		}
	}
}

// The same for a claim found since with the tag as its source: undoing
// the tag's edit left it with no source.
func TestUndoingATagEditKeepsTheSourceOfClaimsFoundSince(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	src := tagNamed(t, s, store.FamilySource, "Anonymous sources")
	src.Color = "#222222"
	before, _, err := s.EditTag(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	res := importText(t, s, "new.txt", "Russia will likely impose new tariffs on Ukraine next year, three sources said on Monday.\n")
	if n, err := s.SuggestClaims(ctx, []int64{res.DocumentID}, nil); err != nil || n != 1 {
		t.Fatalf("suggested %d claims: %v", n, err)
	}
	sourced := func() (n int) {
		for _, c := range claimList(t, s, store.ClaimQuery{}) {
			if c.SourceID == src.ID {
				n++
			}
		}
		return n
	}
	was := sourced()
	if err := s.Restore(ctx, before); err != nil {
		t.Fatal(err)
	}
	if now := sourced(); now != was {
		t.Errorf("claims with the source %q: %d before the edit was undone, %d after", src.Name, was, now)
	}
}

// The undo of a tag's creation, after a bundle put a colleague's taggings
// on it, is refused and leaves the tag and the taggings (the delete took
// them, remembered as a deleted tag's, so that restoring the bundle again
// left them out). With nothing put on it since, the undo deletes it.
func TestUndoingATagsCreationLeavesWhatCameSince(t *testing.T) {
	ctx := context.Background()
	newTag := store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Aliases: []string{"Kilimnik"}}
	a, docA := mustResearch(t)
	ann := mustTag(t, a, newTag)
	if _, err := a.TagPassageUndoable(ctx, passageAt(t, a, docA, 3).ID, ann.ID, nil); err != nil {
		t.Fatal(err)
	}
	colleagues := exportJSON(t, a, "")

	s, _ := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	_, snap, err := s.CreateTagUndoable(ctx, newTag) // its suggestions (the alias Kilimnik) are its own
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UncreateTag(ctx, snap); err != nil {
		t.Fatalf("undo with nothing put on the tag since: %v", err)
	}
	if err := s.Restore(ctx, snap); err != nil { // redo
		t.Fatal(err)
	}
	if _, err := s.ImportBundle(ctx, bytes.NewReader(colleagues)); err != nil {
		t.Fatal(err)
	}
	if err := s.UncreateTag(ctx, snap); !errors.Is(err, store.ErrChangedSince) {
		t.Errorf("undo after the bundle: %v, want ErrChangedSince", err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Ann Example"); got.Accepted != 1 {
		t.Errorf("after the undo: the tag has %d accepted taggings, want the bundle's 1", got.Accepted)
	}
}

// A tagging taken off since a tag's edit stays off when the edit is
// undone, and stays remembered as removed (a hostile data pass: the undo
// put the tag's row back with the taggings it had, the removed one among
// them, and the removal's record went with the row, so an older bundle
// could bring the tagging back too). The same for a document's tag.
func TestUndoingATagEditKeepsWhatWasTakenOffSince(t *testing.T) {
	ctx := context.Background()
	for _, change := range []string{"edit", "merge"} {
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
		colleagues := exportJSON(t, s, "") // both taggings, dated before the removals

		var undo *store.TagSnapshot
		var err error
		if change == "edit" {
			kil.Color = "#222222"
			undo, _, err = s.EditTag(ctx, kil)
		} else {
			other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "K. Kilimnik"})
			undo, err = s.MergeTags(ctx, kil.ID, other.ID)
		}
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
		tagged := func(when string) {
			t.Helper()
			tgs, err := s.PassageTags(ctx, []int64{p})
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range tgs[p] {
				if x.Tag.ID == kil.ID {
					t.Errorf("%s undone, %s: the passage's tagging taken off since is back (%s %s)", change, when, x.Origin, x.State)
				}
			}
			if n := store.RowCount(t, s, "document_tags"); n != 0 {
				t.Errorf("%s undone, %s: the document's tag taken off since is back", change, when)
			}
		}
		tagged("at once")
		if n, m := store.RowCount(t, s, "passage_tag_removals"), store.RowCount(t, s, "document_tag_removals"); n != 1 || m != 1 {
			t.Errorf("%s undone: %d passage and %d document taggings remembered as removed, want 1 and 1", change, n, m)
		}
		if _, err := s.ImportBundle(ctx, bytes.NewReader(colleagues)); err != nil {
			t.Fatal(err)
		}
		tagged("then an older bundle restored")
	}
}
