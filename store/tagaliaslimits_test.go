package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"dossier/store"
)

// Tag names are at most 200 bytes and one line; an alias of 500,000 bytes
// was accepted, from a bundle and through the API the window uses, and a
// bundle's tag name could hold a line break (a hostile data pass). Aliases
// are now held to the limits of names, by CreateTag, EditTag and a bundle's
// restore, whose refusal names the alias, clipped.
func TestTagAliasesHeldToNameLimits(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	huge := strings.Repeat("a", 500_000)
	long := strings.Repeat("b", 201)
	fits := strings.Repeat("c", 200)

	for _, bad := range []store.Tag{
		{Family: store.FamilyActor, Kind: "person", Name: "Huge", Aliases: []string{huge}},
		{Family: store.FamilyActor, Kind: "person", Name: "Long", Aliases: []string{"ok", long}},
		{Family: store.FamilyActor, Kind: "person", Name: "Two lines", Aliases: []string{"first\nsecond"}},
		{Family: store.FamilyActor, Kind: "person", Name: "Separator", Aliases: []string{"a\u2028b"}},
		{Family: store.FamilyActor, Kind: "person", Name: "Name on\ntwo lines"},
		{Family: store.FamilyActor, Kind: "person", Name: "Return\rhere"},
		// A name of invisible characters alone (data21).
		{Family: store.FamilyActor, Kind: "person", Name: "\u200b\u2060"},
		{Family: store.FamilySource, Kind: "outlet", Name: " \u00ad\u3164 "},
	} {
		_, err := s.CreateTag(ctx, bad)
		if err == nil {
			t.Errorf("CreateTag(%.40q, aliases %.40q) accepted", bad.Name, bad.Aliases)
			continue
		}
		if len(err.Error()) > 300 {
			t.Errorf("the refusal is not clipped: %d bytes", len(err.Error()))
		}
		if len(bad.Aliases) > 0 && !strings.Contains(err.Error(), "alias ") {
			t.Errorf("the refusal does not name the alias: %v", err)
		}
	}
	if _, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Huge", Aliases: []string{huge}}); err == nil ||
		!strings.Contains(err.Error(), `alias "aaaa`) || !strings.Contains(err.Error(), "…") || !strings.Contains(err.Error(), "at most 200 bytes") {
		t.Errorf("the refusal of a huge alias: %.300v", err)
	}
	for _, name := range []string{"Huge", "Long", "Two lines", "Separator"} {
		if got, _ := s.FindTags(ctx, "", name); len(got) != 0 {
			t.Errorf("the refused tag %q was stored", name)
		}
	}

	// 200 bytes fit, as a name's do; blanks are still just left out.
	tg := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Fits", Aliases: []string{fits, "  "}})
	if !slices.Equal(tg.Aliases, []string{fits}) {
		t.Errorf("aliases: %q", tg.Aliases)
	}
	// An edit may not add a longer one, nor one on two lines.
	for _, aliases := range [][]string{{fits, long}, {fits, "one\ntwo"}, {huge}} {
		edit := tg
		edit.Aliases = aliases
		if _, _, err := s.EditTag(ctx, edit); err == nil || !strings.Contains(err.Error(), "alias ") {
			t.Errorf("EditTag with aliases %.40q: %v", aliases, err)
		}
	}
	edit := tg
	edit.Name = "Fits\non two lines"
	if _, _, err := s.EditTag(ctx, edit); err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("EditTag to a name on two lines: %v", err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Fits"); !slices.Equal(got.Aliases, []string{fits}) {
		t.Errorf("a refused edit changed the aliases: %q", got.Aliases)
	}
}

// A bundle with an alias too long, or one on two lines, or a tag name on
// two lines, is refused as a bundle with a bad tag name is: nothing of it
// is restored, and the message names the tag and the alias, clipped.
func TestBundleTagAliasesHeldToNameLimits(t *testing.T) {
	ctx := context.Background()
	a, seedA := mustResearch(t)
	annotate(t, a, seedA)
	var bundle store.Bundle
	if err := json.Unmarshal(exportJSON(t, a, ""), &bundle); err != nil {
		t.Fatal(err)
	}
	b, _ := mustResearch(t)
	before := dumpAnnotations(t, b)
	huge := strings.Repeat("a", 500_000)
	for _, tc := range []struct {
		name    string
		aliases []string
		want    []string
	}{
		{"Huge Alias", []string{"fine", huge}, []string{`annotation bundle: tag "Huge Alias": alias "aaaa`, "…", "at most 200 bytes"}},
		{"Long Alias", []string{strings.Repeat("é", 101)}, []string{`tag "Long Alias": alias "ééé`, "at most 200 bytes"}},
		{"Alias Lines", []string{"one\ntwo"}, []string{`tag "Alias Lines": alias "one\ntwo"`, "line break"}},
		{"Name\nLines", nil, []string{`tag "Name\nLines"`, "line break"}},
		{"\u200b\u200c", nil, []string{`tag "\u200b\u200c"`, "invisible"}},
	} {
		broken := bundle
		broken.Tags = append(slices.Clone(bundle.Tags), store.BundleTag{TagJSON: store.TagJSON{Family: "actor", Kind: "person", Name: tc.name, Aliases: tc.aliases}})
		data, err := json.Marshal(broken)
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.ImportBundle(ctx, bytes.NewReader(data))
		if err == nil {
			t.Errorf("%q: the bundle was restored", tc.name)
			continue
		}
		if len(err.Error()) > 300 {
			t.Errorf("%q: the refusal is not clipped: %d bytes", tc.name, len(err.Error()))
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: %v, want it to say %q", tc.name, err, w)
			}
		}
	}
	if after := dumpAnnotations(t, b); after != before {
		t.Errorf("refused bundles changed the file: %s", diffLines(before, after))
	}
	// The bundle itself still restores.
	if _, err := b.ImportBundle(ctx, bytes.NewReader(exportJSON(t, a, ""))); err != nil {
		t.Errorf("the unaltered bundle: %v", err)
	}
}

// A file that already holds an alias longer than a name, or a tag name on
// two lines (stored before they were checked), still opens and works: the
// tag is listed, found by its alias, and edited (its colour) with the long
// alias and the name kept; only a new long alias or a new name on two
// lines is refused.
func TestExistingLongAliasesStillWork(t *testing.T) {
	ctx := context.Background()
	s, _ := mustResearch(t)
	path := s.Path()
	tg := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Old Tag", Aliases: []string{"short"}})
	other := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Other Tag"})
	long := strings.Repeat("L", 5000)
	db := rawDB(t, path)
	if _, err := db.Exec(`INSERT INTO tag_aliases (tag_id, alias) VALUES (?, ?)`, tg.ID, long); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE tags SET name = ? WHERE id = ?`, "Other\nTag", other.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s.Close()

	s, _ = mustResearchAt(t, path)
	got, err := s.FindTag(ctx, store.FamilyActor, long)
	if err != nil || got.ID != tg.ID || !slices.Contains(got.Aliases, long) {
		t.Fatalf("the tag by its long alias: %v, %d", err, got.ID)
	}
	got.Color = "#123456"
	if _, _, err := s.EditTag(ctx, got); err != nil {
		t.Fatalf("editing a tag that has a long alias: %v", err)
	}
	if got = tagNamed(t, s, store.FamilyActor, "Old Tag"); got.Color != "#123456" || !slices.Contains(got.Aliases, long) {
		t.Errorf("after the edit: colour %q, %d aliases", got.Color, len(got.Aliases))
	}
	got.Aliases = append(got.Aliases, long+"x")
	if _, _, err := s.EditTag(ctx, got); err == nil {
		t.Error("a new long alias was accepted beside an old one")
	}

	o, err := s.Tag(ctx, other.ID)
	if err != nil || o.Name != "Other\nTag" {
		t.Fatalf("the tag named on two lines: %v %q", err, o.Name)
	}
	o.Description = "edited"
	if _, _, err := s.EditTag(ctx, o); err != nil {
		t.Errorf("editing a tag named on two lines, name kept: %v", err)
	}
	o.Name = "Other\nTag again"
	if _, _, err := s.EditTag(ctx, o); err == nil {
		t.Error("a rename to another name on two lines was accepted")
	}
	o.Name = "Other Tag"
	if _, _, err := s.EditTag(ctx, o); err != nil {
		t.Errorf("renaming it to one line: %v", err)
	}
	var buf bytes.Buffer
	if err := s.ExportJSON(ctx, &buf, ""); err != nil {
		t.Errorf("export: %v", err)
	}
}
