package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"dossier/store"
)

// FuzzImportBundle restores arbitrary bytes as an annotation bundle (what
// `dossier import x.json` and Library → Import documents… do with a .json file) into a
// small real research file. Whatever the input: no panic; a refusal is a
// message for people, never a raw SQL error; a restore never adds or
// removes documents or passages, restoring the same bundle again changes
// nothing, and the file still exports.
func FuzzImportBundle(f *testing.F) {
	ctx := context.Background()
	s, seed := mustResearch(f)
	p1, p2 := passageAt(f, s, seed, 1), passageAt(f, s, seed, 2)
	if _, err := s.AddBookmark(ctx, p1.ID, &store.Range{Start: 0, End: 7}, "a note, \"quoted\"\nover two lines"); err != nil {
		f.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, p2.ID, nil, ""); err != nil {
		f.Fatal(err)
	}
	tag, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Fuzz Person",
		Aliases: []string{"Fuzzy"}, Color: "#aabbcc"})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.TagPassage(ctx, p1.ID, tag.ID, &store.Range{Start: 0, End: 3}); err != nil {
		f.Fatal(err)
	}
	if err := s.TagDocument(ctx, seed, tag.ID); err != nil {
		f.Fatal(err)
	}
	if err := s.SaveSearch(ctx, "fuzz", "actor:fuzzy"); err != nil {
		f.Fatal(err)
	}
	// A small real bundle, compact: the fuzzer minimises every interesting
	// input, and each run restores it, so size is time. (Run it with
	// -fuzzminimizetime=10s or so, or minimising eats the whole budget.)
	b, err := s.ExportBundle(ctx, "is:bookmarked")
	if err != nil {
		f.Fatal(err)
	}
	for _, t := range b.Tags {
		if t.Name == "Fuzz Person" {
			b.Tags = []store.BundleTag{t}
			break
		}
	}
	var pts []store.BundlePassageTag
	for _, pt := range b.PassageTags {
		if pt.Tag.Name == "Fuzz Person" {
			pts = append(pts, pt)
		}
	}
	b.PassageTags = pts
	real, err := json.Marshal(b)
	if err != nil {
		f.Fatal(err)
	}
	if rep, err := s.ImportBundle(ctx, bytes.NewReader(real)); err != nil || rep.Unchanged == 0 || len(b.PassageTags) == 0 {
		f.Fatalf("the seed bundle does not restore: %v, %+v", err, rep)
	}
	f.Add(real)
	for _, seed := range []string{
		`{"format":"dossier-annotations","version":1}`,
		`{"format":"dossier-annotations","version":2}`,
		`{"format":"dossier-annotations","version":1,"tags":[{"family":"actor","kind":"nope","name":"X"}]}`,
		`{"format":"dossier-annotations","version":1,"tags":[{"family":"planet","kind":"person","name":"X"}]}`,
		`{"format":"dossier-annotations","version":1,"tags":[{"family":"actor","kind":"person","name":"","color":"red"}]}`,
		`{"format":"dossier-annotations","version":1,"bookmarks":[{"document":"x","passage":-1,"start":-5,"end":99999999999,"span":{"start":3,"end":1}}]}`,
		`{"format":"dossier-annotations","version":1,"passage_tags":[{"document":"","passage":0,"tag":{"family":"actor","name":"missing"},"origin":"evil","state":"maybe"}]}`,
		`{"format":"dossier-annotations","version":1,"saved_searches":[{"name":"","query":"\"unbalanced"}]}`,
		`{"format":"dossier-annotations","version":1,"bookmarks":[{"created":"not a time"}]}`,
		`{"format":"dossier-annotations","version":1,"claims":[{"document":"x","passage":1,"span":{"start":0,"end":3},"stance":"maybe","state":"accepted","origin":"manual"}]}`,
		`{"format":"dossier-annotations","version":1,"claims":[{"document":"x","passage":1,"span":{"start":0,"end":3},"stance":"asserts","state":"accepted","origin":"manual","likelihood":"sure"}]}`,
		`{"format":"dossier-annotations","version":1,"claim_links":[{"a":{"document":"x","passage":1,"span":{"start":0,"end":3}},"b":{"document":"x","passage":1,"span":{"start":0,"end":3}},"kind":"same"}]}`,
		`[1,2,3]`, `{"format":"dossier-annotations"`, `null`, "",
	} {
		f.Add([]byte(seed))
	}
	before, err := s.Stats(ctx)
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := s.ImportBundle(ctx, bytes.NewReader(data))
		if err != nil {
			if raw := rawSQLError(err); raw {
				t.Fatalf("ImportBundle: raw error %T: %v", err, err)
			}
			return
		}
		if after, err := s.Stats(ctx); err != nil || after != before {
			t.Fatalf("restore changed the library: %+v → %+v (%v)", before, after, err)
		}
		again, err := s.ImportBundle(ctx, bytes.NewReader(data))
		if err != nil || again.Changed() != 0 {
			t.Fatalf("restoring again: %v, changed %d (%s); first time: %s", err, again.Changed(), again, rep)
		}
		var out bytes.Buffer
		var problems *store.ExportProblems
		if err := s.ExportJSON(ctx, &out, ""); err != nil && !errors.As(err, &problems) {
			t.Fatalf("export after restore: %v", err)
		}
	})
}

// rawSQLError spots database errors that reached the user unexplained.
func rawSQLError(err error) bool {
	msg := err.Error()
	for _, raw := range []string{"SQL logic error", "constraint failed", "SQLITE_", "no such table", "datatype mismatch"} {
		if strings.Contains(msg, raw) {
			return true
		}
	}
	return false
}
