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
func TestOneTagEditedHereIsLeftOutOnce(t *testing.T) {
	ctx := context.Background()
	a := colleaguesFile(t)
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
func TestBundleBackupRefusalNamesWhatItWouldReplace(t *testing.T) {
	ctx := context.Background()
	b := savedSearchMadeHere(t)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.SetBackupDir(filepath.Join(blocker, "backups")) // cannot be made: a file is in the way
	b.EnableAutoBackups()

	data := colleaguesBundle(t, "putin")
	_, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err == nil {
		t.Fatal("restored without the backup it needs")
	}
	t.Logf("error: %v", err)
	if msg := err.Error(); strings.Contains(msg, "(notes, decisions or claims made here)") {
		t.Errorf("the refusal names notes, decisions or claims; what it would replace is a saved search's query: %v", err)
	}
}

// savedSearchMadeHere is a research file whose saved search "main"
// ("actor:kilimnik is:bookmarked") was made here two days ago, older than
// any colleague's bundle; its clock is back to today's.
func savedSearchMadeHere(t *testing.T) *store.Store {
	t.Helper()
	b, _ := mustResearch(t)
	store.SetClock(b, store.Ticking(time.Now().Add(-48*time.Hour), time.Millisecond))
	if err := b.SaveSearch(context.Background(), "main", "actor:kilimnik is:bookmarked"); err != nil {
		t.Fatal(err)
	}
	store.SetClock(b, time.Now)
	return b
}

// colleaguesBundle is the bundle of a colleague's research file, exported
// now, whose saved search "main" is query: restored, it replaces the one
// savedSearchMadeHere made.
func colleaguesBundle(t *testing.T, query string) []byte {
	t.Helper()
	a, _ := mustResearch(t)
	if err := a.SaveSearch(context.Background(), "main", query); err != nil {
		t.Fatal(err)
	}
	return exportJSON(t, a, "")
}
