package app

import (
	"context"
	"testing"

	"dossier/store"
)

// A merge undone, a passage tagged by hand with the merged-away actor (by
// another window), the merge redone and undone again: the tagging goes back to the
// merged-away actor. The redo's merge made a new snapshot and the next undo
// restored the first one, which did not know the tagging: it stayed on the
// survivor (found by the hostile data pass data6).
func TestMergeRedoneThenUndoneAgainPutsBackWhatCameBetween(t *testing.T) {
	u := newTestUI(t)
	ctx := context.Background()
	p := u.openPassage(t, "kilimnik", 13)
	u.do(u.menuItem(t, "Edit", "New actor or source…").Action)
	d := u.dialog(t, "New actor or source")
	fields := findAll[*fieldEntry](d)
	u.do(func() { fields[0].SetText("Campaign chairman") })
	u.tapDialogButton(t, "New actor or source", "Create")
	_, idx, _ := tagRow(t, u.actors, "Campaign chairman")
	u.do(func() { u.actors.list.Select(idx) })
	u.mergeSelected(t, "Campaign chairman", "paul manafort")
	u.ctrlZ()
	loser, _, _ := tagRow(t, u.actors, "Campaign chairman")
	survivor, _, _ := tagRow(t, u.actors, "Paul Manafort")
	if _, err := u.st.TagPassageUndoable(ctx, p.ID, loser.ID, nil); err != nil {
		t.Fatal(err)
	}
	u.ctrlShiftZ()
	u.ctrlZ()
	if state := taggingState(t, u.st, p, loser); state != store.StateAccepted {
		t.Errorf("after the merge's redo and undo: the merged-away actor's tagging is %q, want accepted", state)
	}
	if state := taggingState(t, u.st, p, survivor); state == store.StateAccepted {
		t.Errorf("after the merge's redo and undo: the tagging is left on the survivor")
	}
}
