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

// A hand-edited bundle whose tag names carry surrounding spaces, in a tag's
// definition or in a reference to it (a tagging, a claim's source or
// actor), restores as the app takes a typed name: trimmed on both sides. A
// reference was refused as naming a tag the bundle "does not define",
// though it defines it. A reference that names no tag, trimmed, is still
// refused by its name, and nothing is restored.
func TestBundleTagNamesAreTrimmedOnBothSides(t *testing.T) {
	ctx := context.Background()
	src, doc := mustResearch(t)
	who := mustTag(t, src, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Zorblax Quux"})
	said := mustTag(t, src, store.Tag{Family: store.FamilySource, Kind: "outlet", Name: "Quux Gazette"})
	p := passageAt(t, src, doc, 2)
	if _, err := src.TagPassageUndoable(ctx, p.ID, who.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := src.TagDocumentUndoable(ctx, doc, who.ID); err != nil {
		t.Fatal(err)
	}
	source, about := said.Name, []string{who.Name}
	if _, err := src.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')},
		store.ClaimEdit{Source: &source, About: &about}); err != nil {
		t.Fatal(err)
	}
	b, err := src.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	pad := func(name string) string {
		if name == who.Name || name == said.Name {
			return "  " + name + "\t "
		}
		return name
	}
	padRef := func(r *store.TagRef) { r.Name = " " + pad(r.Name) + " " }
	for i := range b.Tags {
		b.Tags[i].Name = pad(b.Tags[i].Name)
	}
	for i := range b.PassageTags {
		padRef(&b.PassageTags[i].Tag)
	}
	for i := range b.DocumentTags {
		padRef(&b.DocumentTags[i].Tag)
	}
	for i := range b.Claims {
		if b.Claims[i].Source != nil {
			padRef(b.Claims[i].Source)
		}
		for j := range b.Claims[i].About {
			padRef(&b.Claims[i].About[j])
		}
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}

	into, _ := mustResearch(t)
	into.SetBackupDir(t.TempDir())
	if _, err := into.ImportBundle(ctx, bytes.NewReader(data)); err != nil {
		t.Fatalf("ImportBundle of a bundle with padded tag names: %v", err)
	}
	got, err := into.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range got.Tags {
		if strings.Contains(tg.Name, "Quux") {
			names = append(names, tg.Name)
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Quux Gazette", "Zorblax Quux"}) {
		t.Errorf("tags restored: %q; want the two, trimmed", names)
	}
	ref := store.TagRef{Family: store.FamilyActor, Name: who.Name}
	if !slices.ContainsFunc(got.PassageTags, func(pt store.BundlePassageTag) bool { return pt.Tag == ref }) {
		t.Errorf("the passage tagging was not restored: %+v", got.PassageTags)
	}
	if !slices.ContainsFunc(got.DocumentTags, func(dt store.BundleDocumentTag) bool { return dt.Tag == ref }) {
		t.Errorf("the document tagging was not restored: %+v", got.DocumentTags)
	}
	if !slices.ContainsFunc(got.Claims, func(c store.BundleClaim) bool {
		return c.Source != nil && c.Source.Name == said.Name && slices.Contains(c.About, ref)
	}) {
		t.Errorf("the claim's source and actor were not restored: %+v", got.Claims)
	}

	// A reference to a tag the bundle does not define, trimmed or not.
	b.PassageTags[0].Tag.Name = "  Nobody Atall "
	data, err = json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := mustResearch(t)
	_, err = fresh.ImportBundle(ctx, bytes.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), `"Nobody Atall", which it does not define`) {
		t.Errorf("a reference to an undefined tag: %v; want it refused, naming it", err)
	}
	if tags, _ := fresh.FindTags(ctx, store.FamilyActor, "Zorblax"); len(tags) != 0 {
		t.Errorf("a refused bundle restored tags: %v", tags)
	}
}
