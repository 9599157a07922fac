package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// One tag, edited here after an older bundle was exported (its description
// and its aliases both), is one thing the bundle left out: the summary
// said "2 annotations left out: changed or removed here since" of it, and
// counted it as already present besides (review 2026-12-05e).
func TestRevOneTagEditedHereIsLeftOutOnce(t *testing.T) {
	ctx := context.Background()
	a, _ := mustResearch(t)
	store.SetClock(a, store.Ticking(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), time.Millisecond))
	mustTag(t, a, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Ann Example", Description: "theirs", Aliases: []string{"Kilimnik"}})
	data := exportJSON(t, a, "")

	b, _ := mustResearch(t)
	if _, err := b.ImportBundle(ctx, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	mine := tagNamed(t, b, store.FamilyActor, "Ann Example")
	mine.Aliases, mine.Description = nil, "mine"
	if _, _, err := b.EditTag(ctx, mine); err != nil {
		t.Fatal(err)
	}
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("summary: %s (KeptHere %d, Unchanged %d)", rep, rep.KeptHere, rep.Unchanged)
	if rep.KeptHere != 1 {
		t.Errorf("one tag left as it is here counted as %d annotations left out: %s", rep.KeptHere, rep)
	}
}

// The bundle's replacements now include saved search queries and tag
// descriptions; when the file cannot be backed up first, the refusal
// still says they are "notes, decisions or claims made here".
func TestRevBundleBackupRefusalNamesWhatItWouldReplace(t *testing.T) {
	ctx := context.Background()
	b, _ := mustResearch(t)
	store.SetClock(b, store.Ticking(time.Now().Add(-48*time.Hour), time.Millisecond))
	if err := b.SaveSearch(ctx, "main", "actor:kilimnik is:bookmarked"); err != nil {
		t.Fatal(err)
	}
	store.SetClock(b, time.Now)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.SetBackupDir(filepath.Join(blocker, "backups")) // cannot be made: a file is in the way
	b.EnableAutoBackups()

	a, _ := mustResearch(t)
	if err := a.SaveSearch(ctx, "main", "putin"); err != nil {
		t.Fatal(err)
	}
	data := exportJSON(t, a, "")
	_, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err == nil {
		t.Fatal("restored without the backup it needs")
	}
	t.Logf("error: %v", err)
	if msg := err.Error(); strings.Contains(msg, "(notes, decisions or claims made here)") {
		t.Errorf("the refusal names notes, decisions or claims; what it would replace is a saved search's query: %v", err)
	}
}
