package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"dossier/store"
)

// The open tag manager counts the suggestions another program's import
// made: "Accept 2 suggestions" stayed while the tag list beside it said 3
// after a `dossier import` from a shell (a hostile UI pass).
func TestTagManagerCountsAnotherProgramsSuggestions(t *testing.T) {
	u := newTestUI(t)
	t.Cleanup(u.closeDialogs)
	manafort, _, _ := tagRow(t, u.actors, "Paul Manafort")
	u.do(func() { u.showTagManager(manafort) })
	title := "Actor: Paul Manafort"
	before := "Accept " + plural(manafort.Pending, "suggestion")
	if got := texts(u.dialog(t, title)); !slices.Contains(got, before) {
		t.Fatalf("the tag manager shows %q; want %q", got, before)
	}

	other, err := store.Open(u.CurrentStore().Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	importFile(t, other, writeFile(t, filepath.Join(t.TempDir(), "memo.txt"),
		"A memo on the campaign\n\nPaul Manafort met Konstantin Kilimnik in Madrid.\n\nPaul Manafort shared polling data.\n"))
	now, err := other.Tag(context.Background(), manafort.ID)
	if err != nil {
		t.Fatal(err)
	}
	if now.Pending <= manafort.Pending {
		t.Fatalf("the import made no suggestion of Paul Manafort (%d, before %d)", now.Pending, manafort.Pending)
	}
	u.do(u.checkOutside)
	u.work.wait() // the re-reads the check started
	d := u.dialog(t, title)
	for _, want := range []string{"Accept " + plural(now.Pending, "suggestion"), "Reject " + plural(now.Pending, "suggestion")} {
		if got := texts(d); !slices.Contains(got, want) {
			t.Errorf("after another program's import the tag manager shows %q; want %q", got, want)
		}
	}
	u.closeDialogs()
	if u.actors.managed != nil {
		t.Error("the closed tag manager still takes the tags read afresh")
	}
}
