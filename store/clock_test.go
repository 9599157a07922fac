package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"dossier/store"
)

// Every timestamp the store writes comes from its clock: with a fake one,
// an import, a bookmark and its edit, a tag, taggings and an export are all
// dated by it (a direct time.Now would date them today).
func TestStoreClockDatesEverything(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	start := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	store.SetClock(s, store.Ticking(start, time.Second))
	from, until := start, start.Add(time.Hour)
	in := func(what string, ts time.Time) {
		t.Helper()
		if ts.Before(from) || ts.After(until) {
			t.Errorf("%s dated %v, not by the store's clock", what, ts)
		}
	}

	res := importText(t, s, "clock.txt", "Clock\n\nThe clock struck as Kilimnik met Manafort.\n")
	doc, err := s.Document(ctx, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	in("the import", doc.ImportedAt)
	p := passageAt(t, s, res.DocumentID, 1)
	bm, err := s.AddBookmark(ctx, p.ID, nil, "first")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetBookmarkNote(ctx, bm.ID, "second"); err != nil {
		t.Fatal(err)
	}
	tag, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Clockwork Orange"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.TagPassage(ctx, p.ID, tag.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, res.DocumentID, tag.ID); err != nil {
		t.Fatal(err)
	}
	b, err := s.ExportBundle(ctx, "clock")
	if err != nil {
		t.Fatal(err)
	}
	in("the export", b.Exported)
	for _, bt := range b.Tags {
		if bt.Name == "Clockwork Orange" {
			in("the tag", bt.Created)
		}
	}
	if len(b.Bookmarks) != 1 || len(b.PassageTags) == 0 || len(b.DocumentTags) != 1 {
		t.Fatalf("bundle: %+v", b)
	}
	in("the bookmark", b.Bookmarks[0].Created)
	in("the note's edit", b.Bookmarks[0].Updated)
	if !b.Bookmarks[0].Updated.After(b.Bookmarks[0].Created) {
		t.Errorf("the edit (%v) is not after the bookmark (%v)", b.Bookmarks[0].Updated, b.Bookmarks[0].Created)
	}
	for _, pt := range b.PassageTags {
		in("a passage tagging", pt.Created)
	}
	in("the document tagging", b.DocumentTags[0].Created)
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, "clock"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "Exported 2001-02-03 ") {
		t.Errorf("Markdown export not dated by the clock:\n%.200s", md.String())
	}
}
