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
