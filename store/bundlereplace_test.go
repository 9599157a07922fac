package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// bundleWithNote exports s's annotations with every bookmark's note set to
// note and its update time to updated.
func bundleWithNote(t *testing.T, s *store.Store, note string, updated time.Time) []byte {
	t.Helper()
	b, err := s.ExportBundle(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Bookmarks {
		b.Bookmarks[i].Note, b.Bookmarks[i].Updated = note, updated
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func liveNotes(t *testing.T, s *store.Store) []string {
	t.Helper()
	bms, err := s.Bookmarks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bms {
		out = append(out, b.Note)
	}
	return out
}

// A bundle dated in the future does not replace the notes here (found by a
// hostile pass: one dated 2099 blanked every note, and did again on every
// import); one that does replace a note says so, and the file as it was is
// kept in a backup first.
func TestBundleReplacingNotesSaysSoAndKeepsTheFileFirst(t *testing.T) {
	ctx := context.Background()
	s, doc := mustSeed(t)
	dir := t.TempDir()
	s.SetBackupDir(dir)
	s.EnableAutoBackups()
	bookmarkFirst(t, s, doc, "mine")

	future := bundleWithNote(t, s, "", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))
	for range 2 {
		rep, err := s.ImportBundle(ctx, bytes.NewReader(future))
		if err != nil {
			t.Fatal(err)
		}
		if got := liveNotes(t, s); !slices.Equal(got, []string{"mine"}) || rep.NotesReplaced != 0 {
			t.Fatalf("after a bundle dated 2099: notes %q, %d replaced; want the note here kept", got, rep.NotesReplaced)
		}
	}

	newer := bundleWithNote(t, s, "theirs", time.Now().Add(time.Minute))
	rep, err := s.ImportBundle(ctx, bytes.NewReader(newer))
	if err != nil {
		t.Fatal(err)
	}
	if got := liveNotes(t, s); !slices.Equal(got, []string{"theirs"}) {
		t.Fatalf("a newer bundle's note: %q", got)
	}
	if rep.NotesReplaced != 1 || !strings.Contains(rep.String(), "replaced by the bundle's copy: 1 bookmark note") {
		t.Errorf("report %q (%d notes replaced), want the replaced note named", rep, rep.NotesReplaced)
	}
	if rep.KeptBefore == "" || !strings.Contains(rep.String(), rep.KeptBefore) {
		t.Fatalf("no backup was kept before the note was replaced: %q", rep)
	}
	if got := notes(t, rep.KeptBefore); !slices.Equal(got, []string{"mine"}) {
		t.Errorf("the backup kept before holds %q, want the replaced note", got)
	}
}

// A tagging decided here after the bundle's copy was decided keeps its
// decision; one decided in the bundle later replaces it, and one the
// bundle does not date (an older Dossier's) replaces it as before (found
// by a hostile pass: an older bundle's decisions replaced newer ones here,
// whatever the dates).
func TestBundleTaggingDecisionsByDate(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	s.SetBackupDir(t.TempDir())
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	pending, err := s.TagPassages(ctx, kil.ID, store.StatePending)
	if err != nil || len(pending) == 0 {
		t.Fatalf("Kilimnik's suggestions: %v, %v", pending, err)
	}
	pid := pending[0].PassageID
	// The bundle: the suggestion accepted, decided at a given time.
	bundleAt := func(decided time.Time) []byte {
		if _, err := s.SetTaggingStateUndoable(ctx, pid, kil.ID, store.StateAccepted); err != nil {
			t.Fatal(err)
		}
		b, err := s.ExportBundle(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i := range b.PassageTags {
			if b.PassageTags[i].Tag.Name == kil.Name && b.PassageTags[i].State == store.StateAccepted {
				if b.PassageTags[i].Decided.IsZero() {
					t.Fatal("the bundle does not date the decision")
				}
				b.PassageTags[i].Decided, found = decided, true
			}
		}
		if !found {
			t.Fatal("the accepted tagging is not in the bundle")
		}
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	state := func() string {
		t.Helper()
		got, err := s.TagPassages(ctx, kil.ID, store.StateRejected)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range got {
			if tg.PassageID == pid {
				return store.StateRejected
			}
		}
		return store.StateAccepted
	}
	for _, c := range []struct {
		name    string
		decided time.Time
		want    string
	}{
		{"an older decision", time.Now().Add(-time.Hour), store.StateRejected},
		{"a decision dated 2099", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), store.StateRejected},
		{"a newer decision", time.Now().Add(time.Minute), store.StateAccepted},
		{"an undated decision", time.Time{}, store.StateAccepted},
	} {
		data := bundleAt(c.decided)
		time.Sleep(2 * time.Millisecond) // the rejection below is later than the export
		if _, err := s.SetTaggingStateUndoable(ctx, pid, kil.ID, store.StateRejected); err != nil {
			t.Fatal(err)
		}
		rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if got := state(); got != c.want {
			t.Errorf("%s in the bundle: the tagging here is %s, want %s (report: %s)", c.name, got, c.want, rep)
		}
	}
}

// Every way a tagging is decided dates it: one by one, all of a tag's
// suggestions at once, and a tag applied by hand.
func TestTaggingDecisionsAreDated(t *testing.T) {
	ctx := context.Background()
	s, doc := mustResearch(t)
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	trump := tagNamed(t, s, store.FamilyActor, "Donald Trump")
	if _, err := s.DecideSuggestionsUndoable(ctx, trump.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagPassageUndoable(ctx, passageAt(t, s, doc, 2).ID, kil.ID, nil); err != nil {
		t.Fatal(err)
	}
	b, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	dated := map[string]int{}
	for _, pt := range b.PassageTags {
		switch {
		case pt.State == store.StatePending && !pt.Decided.IsZero():
			t.Errorf("a pending suggestion of %s is dated", pt.Tag.Name)
		case pt.State != store.StatePending && pt.Decided.IsZero():
			t.Errorf("a %s tagging with %s is not dated", pt.State, pt.Tag.Name)
		case pt.State != store.StatePending:
			dated[pt.Tag.Name]++
		}
	}
	if dated[trump.Name] == 0 || dated[kil.Name] == 0 {
		t.Errorf("dated decisions: %v", dated)
	}
}
