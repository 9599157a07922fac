package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"dossier/store"
	"dossier/store/claims"
	"dossier/store/query"
)

// travelDoc has multi-byte letters before its mentions, so byte and
// character offsets differ.
const travelDoc = "Travel notes\n\nÀ Zürich, “we” met in Tōkyō at a café — ¡Kilimnik! 🎉 Kilimnik again.\n\nA second paragraph about Tōkyō.\n"

const trickyNote = "He said, \"no\" — twice,\nthen left; 100% sure"

// annotate fills a research file (gazetteer + seed + the travel document)
// with one of everything. It returns the travel document's id.
func annotate(t *testing.T, s *store.Store, seed int64) int64 {
	t.Helper()
	ctx := context.Background()
	travel := importText(t, s, "travel.txt", travelDoc).DocumentID
	p := func(n int) store.Passage { return passageAt(t, s, seed, n) }
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	bookmark := func(ps store.Passage, sp *store.Range, note string) {
		t.Helper()
		_, err := s.AddBookmark(ctx, ps.ID, sp, note)
		ok(err)
	}
	// Bookmarks: whole passages and spans, with and without notes.
	bookmark(p(7), nil, "Kilimnik and Derkach, together")
	bookmark(p(13), span(t, p(13).Text, "Paul Manafort"), "")
	bookmark(p(1), nil, trickyNote)
	bookmark(p(1), span(t, p(1).Text, "Vladimir Putin"), "second bookmark on the same passage")
	tp := passageAt(t, s, travel, 1)
	second := strings.LastIndex(tp.Text, "Kilimnik")
	bookmark(tp, &store.Range{Start: second, End: second + len("Kilimnik")}, "the second mention")

	// Suggestions decided: accepted, rejected, accept-all; others stay pending.
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	ok(s.SetTaggingState(ctx, p(13).ID, kil.ID, store.StateAccepted))
	ok(s.SetTaggingState(ctx, p(7).ID, kil.ID, store.StateRejected))
	ok(s.SetTaggingState(ctx, tp.ID, kil.ID, store.StateAccepted))
	_, err := s.DecideSuggestions(ctx, tagNamed(t, s, store.FamilyActor, "Donald Trump").ID, store.StateAccepted)
	ok(err)
	_, err = s.DecideSuggestions(ctx, tagNamed(t, s, store.FamilyActor, "Iran").ID, store.StateRejected)
	ok(err)

	// New tags with aliases; manual taggings with and without a span.
	pr := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Yevgeny Prigozhin",
		Aliases: []string{"Prigozhin", "Wagner chief"}, Description: "Wagner Group founder", Color: "#123abc"})
	ok(s.TagPassage(ctx, p(8).ID, pr.ID, nil))
	ok(s.TagPassage(ctx, p(9).ID, pr.ID, span(t, p(9).Text, "Embassies")))
	manafort := tagNamed(t, s, store.FamilyActor, "Paul Manafort")
	ok(s.TagPassage(ctx, p(7).ID, manafort.ID, nil))

	// A merged pair of new tags.
	ira := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Internet Research Agency", Aliases: []string{"IRA"}})
	trolls := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "other", Name: "Kremlin trolls",
		Aliases: []string{"Russian-linked individuals", "troll farm"}})
	ok(s.TagPassage(ctx, p(12).ID, trolls.ID, span(t, p(12).Text, "Russian actors")))
	ok(s.TagPassage(ctx, p(3).ID, ira.ID, nil)) // also suggested there for trolls
	_, err = s.MergeTags(ctx, ira.ID, trolls.ID)
	ok(err)

	// A gazetteer tag edited: new alias, colour, description.
	russia := tagNamed(t, s, store.FamilyActor, "Russia")
	russia.Aliases = append(russia.Aliases, "Russian state")
	russia.Color, russia.Description = "#aa0000", "Edited description"
	_, _, err = s.EditTag(ctx, russia)
	ok(err)

	// Document tags and saved searches.
	ok(s.TagDocument(ctx, seed, tagNamed(t, s, store.FamilySource, "Reuters").ID))
	ok(s.TagDocument(ctx, seed, tagNamed(t, s, store.FamilySource, "Carlos Barria").ID))
	ok(s.TagDocument(ctx, travel, pr.ID))
	ok(s.SaveSearch(ctx, "Kilimnik bookmarks", "actor:kilimnik is:bookmarked"))
	ok(s.SaveSearch(ctx, "Iran, not Trump", "iran -actor:trump"))
	return travel
}

// annotateClaims decides some of the seed article's suggested claims —
// accepted, rejected, edited, one marked by hand, two links — and returns
// the ids of the claims decided.
func annotateClaims(t *testing.T, s *store.Store, seed int64) []int64 {
	t.Helper()
	ctx := context.Background()
	all, err := s.Claims(ctx, store.ClaimQuery{})
	if err != nil || len(all) < 4 {
		t.Fatalf("claims: %d, %v", len(all), err)
	}
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ok(s.AcceptClaim(ctx, all[0].ID))
	ok(s.RejectClaim(ctx, all[1].ID))
	source, note, about := "United States officials", "asked \"which officials?\"", []string{"Iran", "putin"}
	likely, conf := claims.VeryLikely, claims.Low
	_, err = s.EditClaim(ctx, all[2].ID, store.ClaimEdit{Source: &source, Note: &note, About: &about, Likelihood: &likely, Confidence: &conf,
		Span: &store.Range{Start: all[2].Span.Start, End: all[2].Span.End - 1}})
	ok(err)
	p := passageAt(t, s, seed, 2)
	cnn := "CNN"
	marked, err := s.MarkClaim(ctx, p.ID, *span(t, p.Text, p.Text[:20]), store.ClaimEdit{Source: &cnn})
	ok(err)
	ok(s.LinkClaims(ctx, all[0].ID, all[2].ID, store.LinkSame))
	ok(s.LinkClaims(ctx, all[3].ID, marked.ID, store.LinkContradicts))
	return []int64{all[0].ID, all[1].ID, all[2].ID, marked.ID}
}

// claimStates lists a file's claims as a bundle names them (hash, ordinal,
// span) with every field and link.
func claimStates(t *testing.T, s *store.Store) []string {
	t.Helper()
	cs, err := s.Claims(context.Background(), store.ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	where := map[int64]string{}
	for _, c := range cs {
		where[c.ID] = fmt.Sprintf("%s ¶%d %v", c.DocumentTitle, c.Ordinal, c.Span)
	}
	var out []string
	for _, c := range cs {
		var about, same, contra []string
		for _, a := range c.About {
			about = append(about, a.Name)
		}
		for _, id := range c.SameAs {
			same = append(same, where[id])
		}
		for _, id := range c.Contradicts {
			contra = append(contra, where[id])
		}
		out = append(out, fmt.Sprintf("%s|%s|%v|%s|%s|%v|%s|%s|%s|%s|%s|%q|%v|%v|%v", where[c.ID], c.Source, about, c.Stance, c.Cue, c.CueSpan,
			c.Speaker, c.Likelihood, c.Confidence, c.State, c.Origin, c.Note, c.Rule, same, contra))
	}
	return out
}

// annotationState is everything a bundle carries, keyed by what survives
// from one research file to another (hashes, ordinals, names), not ids.
type annotationState struct {
	Tags         map[string]string // family/name → kind|desc|color|aliases
	PassageTags  []string
	DocumentTags []string
	Bookmarks    []string
	Saved        []string
}

func stateOf(t *testing.T, s *store.Store) annotationState {
	t.Helper()
	ctx := context.Background()
	st := annotationState{Tags: map[string]string{}}
	tags, err := s.Tags(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		st.Tags[tg.Family+"/"+tg.Name] = fmt.Sprintf("%s|%s|%s|%q", tg.Kind, tg.Description, tg.Color, tg.Aliases)
	}
	db := rawDB(t, s.Path())
	collect := func(q string) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		sort.Strings(out)
		return out
	}
	st.PassageTags = collect(`SELECT d.content_hash || '|' || p.ordinal || '|' || t.family || '/' || t.name || '|' || pt.origin || '|' ||
			pt.state || '|' || ifnull(pt.span_start, '-') || ',' || ifnull(pt.span_end, '-')
		FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id JOIN documents d ON d.id = p.document_id
		JOIN tags t ON t.id = pt.tag_id`)
	st.DocumentTags = collect(`SELECT d.content_hash || '|' || t.family || '/' || t.name
		FROM document_tags dt JOIN documents d ON d.id = dt.document_id JOIN tags t ON t.id = dt.tag_id`)
	docs, _ := s.Documents(ctx)
	hash := map[int64]string{}
	for _, d := range docs {
		hash[d.ID] = d.Hash
	}
	bms, err := s.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bms {
		sp := "-"
		if b.Span != nil {
			sp = fmt.Sprint(*b.Span)
		}
		st.Bookmarks = append(st.Bookmarks, fmt.Sprintf("%s|%d|%s|%q|%s|%s", hash[b.DocumentID], b.Ordinal, sp, b.Note,
			b.Created.Format(time.RFC3339Nano), b.Updated.Format(time.RFC3339Nano)))
	}
	sort.Strings(st.Bookmarks)
	saved, err := s.SavedSearches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ss := range saved {
		st.Saved = append(st.Saved, ss.Name+"|"+ss.Query)
	}
	return st
}

func compareStates(t *testing.T, what string, a, b annotationState) {
	t.Helper()
	for k, v := range a.Tags {
		if b.Tags[k] != v {
			t.Errorf("%s: tag %s: %s vs %s", what, k, v, b.Tags[k])
		}
	}
	for k := range b.Tags {
		if _, ok := a.Tags[k]; !ok {
			t.Errorf("%s: extra tag %s", what, k)
		}
	}
	diff := func(kind string, x, y []string) {
		for _, v := range x {
			if !slices.Contains(y, v) {
				t.Errorf("%s: %s missing: %s", what, kind, v)
			}
		}
		for _, v := range y {
			if !slices.Contains(x, v) {
				t.Errorf("%s: %s extra: %s", what, kind, v)
			}
		}
	}
	diff("passage tagging", a.PassageTags, b.PassageTags)
	diff("document tagging", a.DocumentTags, b.DocumentTags)
	diff("bookmark", a.Bookmarks, b.Bookmarks)
	diff("saved search", a.Saved, b.Saved)
}

func exportJSON(t *testing.T, s *store.Store, q string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportJSON(context.Background(), &buf, q); err != nil {
		t.Fatalf("ExportJSON(%q): %v", q, err)
	}
	return buf.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, seedA := mustResearch(t)
	annotate(t, a, seedA)
	decided := annotateClaims(t, a, seedA)
	data := exportJSON(t, a, "")

	var bundle store.Bundle
	if err := json.Unmarshal(data, &bundle); err != nil {
		t.Fatal(err)
	}
	if bundle.Format != "dossier-annotations" || bundle.Version != 1 || bundle.ResearchFile != "research.dossier" ||
		len(bundle.Documents) != 2 || len(bundle.Bookmarks) != 5 || len(bundle.SavedSearches) != 2 || len(bundle.DocumentTags) != 3 {
		t.Fatalf("bundle: format %q v%d, file %q, %d documents, %d bookmarks, %d saved, %d document tags",
			bundle.Format, bundle.Version, bundle.ResearchFile, len(bundle.Documents), len(bundle.Bookmarks), len(bundle.SavedSearches), len(bundle.DocumentTags))
	}
	if !bytes.Contains(data, []byte(`"format": "dossier-annotations"`)) || !bytes.Contains(data, []byte(`"version": 1`)) {
		t.Errorf("bundle header:\n%.300s", data)
	}

	// B: a fresh research file holding the same documents.
	b, seedB := mustResearch(t)
	importText(t, b, "travel.txt", travelDoc)
	if seedA != seedB {
		t.Logf("seed ids differ (%d, %d): matching is by hash", seedA, seedB)
	}
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if rep.TagsCreated != 2 || rep.TagsUpdated != 1 || rep.Bookmarks != 5 || rep.DocumentTags != 3 || rep.SavedSearches != 2 ||
		len(rep.Skipped) != 0 || len(rep.Mismatched) != 0 || rep.PassageTags == 0 {
		t.Errorf("report: %+v", rep)
	}
	stA, stB := stateOf(t, a), stateOf(t, b)
	compareStates(t, "A vs B", stA, stB)
	if len(stA.PassageTags) < 80 || len(stA.Bookmarks) != 5 {
		t.Errorf("the comparison is too thin: %d taggings, %d bookmarks", len(stA.PassageTags), len(stA.Bookmarks))
	}
	// Spot checks, beyond "equal": the merged tag and a decided suggestion.
	ira := tagNamed(t, b, store.FamilyActor, "Internet Research Agency")
	if !slices.Contains(ira.Aliases, "Kremlin trolls") || !slices.Contains(ira.Aliases, "troll farm") {
		t.Errorf("merged tag in B: %+v", ira)
	}
	if _, err := b.FindTags(ctx, store.FamilyActor, "kremlin trolls"); err != nil {
		t.Error(err)
	}
	kil := tagNamed(t, b, store.FamilyActor, "Konstantin Kilimnik")
	if _, st := taggingState(t, b, passageAt(t, b, seedB, 7).ID, kil.ID); st != store.StateRejected {
		t.Errorf("Kilimnik on passage 7 in B: %q, want rejected", st)
	}
	// Suggestions in B never undo the bundle's decisions.
	if err := b.Suggest(ctx); err != nil {
		t.Fatal(err)
	}
	compareStates(t, "A vs B after Suggest", stA, stateOf(t, b))

	// Claims: every decision came across, and suggesting again in B
	// brings none of them back nor adds any.
	if rep.Claims != len(decided) || rep.ClaimLinks != 2 {
		t.Errorf("claims restored: %d of %d decided, %d links", rep.Claims, len(decided), rep.ClaimLinks)
	}
	if added, err := b.SuggestClaims(ctx, nil, nil); err != nil || added != 0 {
		t.Errorf("suggesting claims in B after the restore: %d, %v", added, err)
	}
	claimsA, claimsB := claimStates(t, a), claimStates(t, b)
	if !slices.Equal(claimsA, claimsB) {
		t.Errorf("claims differ:\n%s", diffLines(strings.Join(claimsA, "\n"), strings.Join(claimsB, "\n")))
	}

	// Twice: nothing changes, not even ids or timestamps.
	before := dumpAnnotations(t, b)
	rep2, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Changed() != 0 || rep2.Unchanged == 0 {
		t.Errorf("second import: %+v", rep2)
	}
	if after := dumpAnnotations(t, b); after != before {
		t.Errorf("the second import changed the file: %s", diffLines(before, after))
	}
	// Into A itself: also nothing.
	beforeA := dumpAnnotations(t, a)
	if rep, err := a.ImportBundle(ctx, bytes.NewReader(data)); err != nil || rep.Changed() != 0 {
		t.Errorf("importing A's bundle into A: %+v, %v", rep, err)
	}
	if after := dumpAnnotations(t, a); after != beforeA {
		t.Errorf("importing A's own bundle changed A: %s", diffLines(beforeA, after))
	}

	// B's export equals A's but for the export time.
	strip := func(d []byte) store.Bundle {
		var x store.Bundle
		if err := json.Unmarshal(d, &x); err != nil {
			t.Fatal(err)
		}
		x.Exported = time.Time{}
		for i := range x.Tags {
			x.Tags[i].Created = time.Time{} // B's gazetteer tags were created when B was
		}
		for i := range x.PassageTags {
			x.PassageTags[i].Created = time.Time{} // and so were its suggestions
		}
		for i, c := range x.Claims {
			x.Claims[i].Created = time.Time{} // and its suggested claims,
			if c.State == store.ClaimSuggested {
				x.Claims[i].Updated = time.Time{} // those still undecided untouched since
			}
		}
		return x
	}
	if ba, bb := strip(data), strip(exportJSON(t, b, "")); !reflect.DeepEqual(ba, bb) {
		ja, _ := json.MarshalIndent(ba, "", " ")
		jb, _ := json.MarshalIndent(bb, "", " ")
		t.Errorf("B's bundle differs from A's: %s", diffLines(string(ja), string(jb)))
	}
}

func TestBundleNoteEditedAfterImport(t *testing.T) {
	ctx := context.Background()
	a, seedA := mustResearch(t)
	store.SetClock(a, store.Ticking(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), time.Millisecond))
	bm, err := a.AddBookmark(ctx, passageAt(t, a, seedA, 4).ID, nil, "first")
	if err != nil {
		t.Fatal(err)
	}
	first := exportJSON(t, a, "")
	if err := a.SetBookmarkNote(ctx, bm.ID, "second thoughts"); err != nil {
		t.Fatal(err)
	}
	edited := exportJSON(t, a, "")

	b, _ := mustResearch(t)
	for _, d := range [][]byte{first, edited, first} {
		if _, err := b.ImportBundle(ctx, bytes.NewReader(d)); err != nil {
			t.Fatal(err)
		}
	}
	// One bookmark, with the newer note: the older bundle does not win back.
	got, _ := b.Bookmarks(ctx)
	if len(got) != 1 || got[0].Note != "second thoughts" || !got[0].Created.Equal(bm.Created) {
		t.Errorf("bookmarks in B: %+v", got)
	}
}

func TestBundleMissingDocument(t *testing.T) {
	ctx := context.Background()
	a, seedA := mustResearch(t)
	travel := annotate(t, a, seedA)
	data := exportJSON(t, a, "")
	travelDocA, _ := a.Document(ctx, travel)

	// B holds the seed only.
	b, _ := mustResearch(t)
	rep, err := b.ImportBundle(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// The travel document carries a bookmark, an accepted Kilimnik
	// tagging, a document tag and its pending suggestions.
	if len(rep.Skipped) != 1 || rep.Skipped[0].Title != "Travel notes" || rep.Skipped[0].Hash != travelDocA.Hash || rep.Skipped[0].Annotations < 3 {
		t.Fatalf("skipped: %+v", rep.Skipped)
	}
	if !strings.Contains(rep.String(), "skipped 1 documents not in this research file: “Travel notes”") {
		t.Errorf("summary: %s", rep.String())
	}
	// The rest is there: A's state without the travel document.
	stA, stB := stateOf(t, a), stateOf(t, b)
	keep := func(xs []string) []string {
		var out []string
		for _, x := range xs {
			if !strings.HasPrefix(x, travelDocA.Hash) {
				out = append(out, x)
			}
		}
		return out
	}
	stA.PassageTags, stA.DocumentTags, stA.Bookmarks = keep(stA.PassageTags), keep(stA.DocumentTags), keep(stA.Bookmarks)
	compareStates(t, "A (seed only) vs B", stA, stB)
	if len(stB.Bookmarks) != 4 {
		t.Errorf("B has %d bookmarks, want the 4 on the seed", len(stB.Bookmarks))
	}
}

func TestBundleMismatchesAndErrors(t *testing.T) {
	ctx := context.Background()
	a, seedA := mustResearch(t)
	annotate(t, a, seedA)
	var bundle store.Bundle
	if err := json.Unmarshal(exportJSON(t, a, ""), &bundle); err != nil {
		t.Fatal(err)
	}
	encode := func(b store.Bundle) []byte {
		out, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	// A passage whose offsets differ here is reported, not restored; a span
	// that does not fit, likewise; the rest is restored.
	bad := bundle
	bad.Bookmarks = slices.Clone(bundle.Bookmarks)
	bad.Bookmarks[0].Start++
	bad.Bookmarks[1].Span = &store.BundleSpan{Start: 0, End: 1 << 20}
	bad.Bookmarks[2].Ordinal = 999
	b, _ := mustResearch(t)
	importText(t, b, "travel.txt", travelDoc)
	rep, err := b.ImportBundle(ctx, bytes.NewReader(encode(bad)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mismatched) != 3 || rep.Bookmarks != 2 {
		t.Errorf("mismatches: %d restored, %q", rep.Bookmarks, rep.Mismatched)
	}
	for i, want := range []string{"in the bundle but", "does not fit", "no such passage"} {
		if i < len(rep.Mismatched) && !strings.Contains(rep.Mismatched[i], want) {
			t.Errorf("mismatch %d: %q, want it to say %q", i, rep.Mismatched[i], want)
		}
	}

	// Format and version are checked before anything is read further.
	c, _ := mustResearch(t)
	before := dumpAnnotations(t, c)
	for _, tc := range []struct{ data, want string }{
		{`{"format": "something-else", "version": 1}`, "not a Dossier annotation bundle"},
		{`{"version": 1}`, "not a Dossier annotation bundle"},
		{`{"format": "dossier-annotations", "version": 2}`, "newer Dossier"},
		{`{"format": "dossier-annotations"}`, "version 0"},
		{`[1, 2, 3]`, "not a Dossier annotation bundle"},
		{`not json`, "damaged Dossier annotation bundle: invalid JSON at line 1, column 2"},
	} {
		_, err := c.ImportBundle(ctx, strings.NewReader(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.data, err, tc.want)
		}
	}
	if _, err := c.ImportBundle(ctx, strings.NewReader(`{}`)); !errors.Is(err, store.ErrNotBundle) {
		t.Errorf("{}: %v", err)
	}
	if !store.IsBundle(encode(bundle)) || store.IsBundle([]byte(`{"format":"x"}`)) || store.IsBundle([]byte("Title\n\ntext")) {
		t.Error("IsBundle")
	}

	// One transaction: a bad entry late in the bundle leaves nothing behind.
	broken := bundle
	broken.SavedSearches = append(slices.Clone(bundle.SavedSearches), store.BundleSavedSearch{Name: "", Query: "x"})
	if _, err := c.ImportBundle(ctx, bytes.NewReader(encode(broken))); err == nil {
		t.Error("a saved search without a name was accepted")
	}
	broken = bundle
	broken.PassageTags = append(slices.Clone(bundle.PassageTags), store.BundlePassageTag{
		BundlePassage: bundle.PassageTags[0].BundlePassage, Tag: store.TagRef{Family: "actor", Name: "Undefined"}, Origin: "manual", State: "accepted"})
	if _, err := c.ImportBundle(ctx, bytes.NewReader(encode(broken))); err == nil || !strings.Contains(err.Error(), `"Undefined"`) {
		t.Errorf("a tagging of an undefined tag: %v", err)
	}
	broken = bundle
	broken.Tags = append(slices.Clone(bundle.Tags), store.BundleTag{TagJSON: store.TagJSON{Family: "actor", Kind: "spaceship", Name: "Odd"}})
	if _, err := c.ImportBundle(ctx, bytes.NewReader(encode(broken))); err == nil || !strings.Contains(err.Error(), "spaceship") {
		t.Errorf("a tag of an unknown kind: %v", err)
	}
	if after := dumpAnnotations(t, c); after != before {
		t.Errorf("failed imports changed the file: %s", diffLines(before, after))
	}
}

func TestExportJSONWithQuery(t *testing.T) {
	ctx := context.Background()
	a, seed := mustResearch(t)
	annotate(t, a, seed)
	var b store.Bundle
	if err := json.Unmarshal(exportJSON(t, a, "actor:kilimnik"), &b); err != nil {
		t.Fatal(err)
	}
	// Kilimnik: seed 7 (rejected: not matching any more) and 13, and the
	// travel passage.
	seedDoc, _ := a.Document(ctx, seed)
	passages := map[string]bool{}
	for _, pt := range b.PassageTags {
		passages[fmt.Sprint(pt.Document == seedDoc.Hash, pt.Ordinal)] = true
	}
	for _, bm := range b.Bookmarks {
		passages[fmt.Sprint(bm.Document == seedDoc.Hash, bm.Ordinal)] = true
	}
	if want := map[string]bool{"true 13": true, "false 1": true}; !reflect.DeepEqual(passages, want) {
		t.Errorf("passages in the actor:kilimnik bundle: %v, want %v", passages, want)
	}
	if b.Query != "actor:kilimnik" || len(b.Bookmarks) != 2 || len(b.SavedSearches) != 2 || len(b.Documents) != 2 {
		t.Errorf("bundle: query %q, %d bookmarks, %d saved searches, %d documents", b.Query, len(b.Bookmarks), len(b.SavedSearches), len(b.Documents))
	}
	used := map[string]bool{}
	for _, pt := range b.PassageTags {
		used[pt.Tag.Name] = true
	}
	for _, dt := range b.DocumentTags {
		used[dt.Tag.Name] = true
	}
	for _, tg := range b.Tags {
		if !used[tg.Name] {
			t.Errorf("tag %q exported though nothing matching uses it", tg.Name)
		}
	}
	if !used["Konstantin Kilimnik"] || !used["Reuters"] || !used["Yevgeny Prigozhin"] || len(b.Tags) != len(used) {
		t.Errorf("tags: %v (%d exported)", used, len(b.Tags))
	}
	// Text queries too, and errors are the search's.
	if err := json.Unmarshal(exportJSON(t, a, "zürich"), &b); err != nil || len(b.Bookmarks) != 1 || b.Bookmarks[0].Quote != "Kilimnik" {
		t.Errorf("zürich: %+v, %v", b.Bookmarks, err)
	}
	var qe *query.Error
	if err := a.ExportJSON(ctx, io.Discard, "actor:nobody"); !errors.As(err, &qe) {
		t.Errorf("unknown actor: %v", err)
	}
	if err := a.ExportJSON(ctx, io.Discard, `"*"`); !errors.Is(err, store.ErrEmptyQuery) {
		t.Errorf(`"*": %v`, err)
	}
}

// charRange computes, independently of the store, the code-point range in
// the document of a bookmark.
func charRange(t *testing.T, s *store.Store, b store.Bookmark) (int, int) {
	t.Helper()
	text, err := s.DocumentText(context.Background(), b.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Passage(context.Background(), b.PassageID)
	if err != nil {
		t.Fatal(err)
	}
	start, end := p.Start, p.End
	if b.Span != nil {
		start, end = p.Start+b.Span.Start, p.Start+b.Span.End
	}
	runes := utf8.RuneCountInString(text[:start])
	if string([]rune(text)[runes:runes+utf8.RuneCountInString(text[start:end])]) != b.Quote() {
		t.Fatal("character range does not select the quote")
	}
	return runes, runes + utf8.RuneCountInString(text[start:end])
}

func bookmarkWithNote(t *testing.T, s *store.Store, note string) store.Bookmark {
	t.Helper()
	all, _ := s.Bookmarks(context.Background())
	for _, b := range all {
		if b.Note == note {
			return b
		}
	}
	t.Fatalf("no bookmark with note %q", note)
	return store.Bookmark{}
}

func TestExportMarkdown(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	annotate(t, s, seed)
	// The export names the time it was made: a fixed clock, so a run
	// across midnight cannot fail.
	exported := time.Date(2026, 3, 1, 23, 59, 0, 0, time.UTC)
	store.SetClock(s, func() time.Time { return exported })
	var buf bytes.Buffer
	if err := s.ExportMarkdown(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"# Dossier export: research.dossier\n",
		"Exported 2026-03-01 23:59 UTC",
		"from the research file `research.dossier`",
		"## " + seedTitle + "\n",
		"- **Source:** Reuters\n",
		"- **File:** seed-article.txt\n",
		"- **Document tags:** Carlos Barria (photo / credit), Reuters (news outlet)\n",
		"## Travel notes\n",
		"> Kilimnik\n",
		"**Note:** the second mention\n",
		"**Note:** Kilimnik and Derkach, together\n",
		"**Tags:** Konstantin Kilimnik (person)\n", // the travel passage, accepted
		"### Tagged passages without a bookmark",
		"## Saved searches",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	// The quote of a whole-passage bookmark is the passage, quoted.
	p7 := passageAt(t, s, seed, 7)
	if !strings.Contains(md, "> "+p7.Text[:80]) {
		t.Errorf("passage 7 is not quoted")
	}
	// A multi-line note keeps its lines (hard breaks).
	if !strings.Contains(md, "**Note:** He said, \"no\" — twice,  \nthen left; 100% sure\n") {
		t.Errorf("multi-line note:\n%s", md)
	}
	// Tags on a bookmarked passage: accepted only (Trump was accepted on
	// 7; Kilimnik was rejected there and Derkach is still pending).
	sec := md[strings.Index(md, "**Note:** Kilimnik and Derkach"):]
	sec = sec[:strings.Index(sec, "####")]
	if !strings.Contains(sec, "**Tags:** Donald Trump (person), Paul Manafort (person)\n") || strings.Contains(sec, "Derkach (person)") {
		t.Errorf("passage 7 tags:\n%s", sec)
	}

	// Citations give code-point offsets in the document.
	tb := bookmarkWithNote(t, s, "the second mention")
	cs, ce := charRange(t, s, tb)
	p, _ := s.Passage(ctx, tb.PassageID)
	if cs == p.Start+tb.Span.Start {
		t.Fatal("the travel document should have different byte and character offsets")
	}
	cite := fmt.Sprintf("— “Travel notes” (passage 1, characters %d–%d of travel.txt).", cs, ce)
	if !strings.Contains(md, cite) {
		t.Errorf("Markdown lacks the citation %q", cite)
	}
	pb := bookmarkWithNote(t, s, "")
	cs, ce = charRange(t, s, pb)
	doc, _ := s.Document(ctx, seed)
	date := ""
	if doc.Published != "" {
		date = ", " + doc.Published
	}
	cite = fmt.Sprintf("— “%s”, Reuters%s (passage 13, characters %d–%d of seed-article.txt).", seedTitle, date, cs, ce)
	if !strings.Contains(md, cite) {
		t.Errorf("Markdown lacks the citation %q", cite)
	}

	// Tagged passages without a bookmark: accepted ones, not pending ones.
	rest := md[strings.Index(md, "### Tagged passages without a bookmark"):]
	rest = rest[:strings.Index(rest, "## Travel notes")]
	for _, n := range []int{3, 8, 9, 12} { // IRA, Prigozhin, Prigozhin, trolls→IRA
		if !strings.Contains(rest, fmt.Sprintf("#### Passage %d\n", n)) {
			t.Errorf("tagged passage %d not listed", n)
		}
	}
	for _, n := range []int{7, 13, 17} { // bookmarked; 17 only pending
		if strings.Contains(rest, fmt.Sprintf("#### Passage %d\n", n)) {
			t.Errorf("passage %d listed among tagged passages without a bookmark", n)
		}
	}

	// With a query: only the travel document.
	buf.Reset()
	if err := s.ExportMarkdown(ctx, &buf, "doc:travel"); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); strings.Contains(md, seedTitle) || !strings.Contains(md, "## Travel notes") || !strings.Contains(md, "Limited to passages matching `doc:travel`") {
		t.Errorf("doc:travel export:\n%s", md)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	doc := importText(t, s, "odd.txt", "Odd *title*\n\n# not a heading, [a link](x) and <b>html</b>\n")
	p := passageAt(t, s, doc.DocumentID, 1)
	if _, err := s.AddBookmark(ctx, p.ID, nil, "- not a list\n1. nor this"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportMarkdown(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		`## Odd \*title\*`,
		`> \# not a heading, \[a link\](x) and \<b>html\</b>`,
		"**Note:** \\- not a list  \n1\\. nor this",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestExportCSV(t *testing.T) {
	ctx := context.Background()
	s, seed := mustResearch(t)
	annotate(t, s, seed)
	var buf bytes.Buffer
	if err := s.ExportCSV(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if strings.HasPrefix(raw, "\ufeff") {
		t.Error("CSV starts with a BOM")
	}
	// RFC 4180: the note is quoted, its quotes doubled, its newline kept.
	if !strings.Contains(raw, `"He said, ""no"" — twice,`+"\nthen left; 100% sure\"") {
		t.Errorf("the tricky note is not quoted as RFC 4180 says:\n%s", raw)
	}
	r := csv.NewReader(strings.NewReader(raw))
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], store.CSVHeader) || records[0][0] != "type" {
		t.Fatalf("header %q", records[0])
	}
	col := map[string]int{}
	for i, c := range records[0] {
		col[c] = i
	}
	count := map[string]int{}
	for _, rec := range records[1:] {
		count[rec[col["type"]]]++
	}
	// Accepted passage taggings: Trump ×9, Kilimnik on 13 and travel,
	// Prigozhin ×2, Manafort on 7, IRA on 3 and 12 (trolls merged), and the
	// merged trolls suggestion on 3 is pending (not exported).
	bookmarks, _ := s.Bookmarks(ctx)
	var accepted int
	if err := rawDB(t, s.Path()).QueryRow(`SELECT count(*) FROM passage_tags WHERE state = 'accepted'`).Scan(&accepted); err != nil {
		t.Fatal(err)
	}
	if count["bookmark"] != len(bookmarks) || count["passage_tag"] != accepted || count["document_tag"] != 3 || len(records) != 1+len(bookmarks)+accepted+3 {
		t.Errorf("rows: %v (%d records); want %d bookmarks, %d passage tags, 3 document tags", count, len(records), len(bookmarks), accepted)
	}
	if accepted != 16 {
		t.Errorf("%d accepted taggings; the fixture should have 16", accepted)
	}

	found := 0
	for _, rec := range records[1:] {
		switch {
		case rec[col["type"]] == "bookmark" && rec[col["note"]] == trickyNote:
			found++
			if rec[col["passage"]] != "1" || rec[col["document"]] != seedTitle || rec[col["source"]] != "Reuters" {
				t.Errorf("tricky row: %q", rec)
			}
		case rec[col["type"]] == "bookmark" && rec[col["note"]] == "the second mention":
			found++
			b := bookmarkWithNote(t, s, "the second mention")
			cs, ce := charRange(t, s, b)
			if rec[col["quote"]] != "Kilimnik" || rec[col["char_start"]] != strconv.Itoa(cs) || rec[col["char_end"]] != strconv.Itoa(ce) ||
				rec[col["tag"]] != "Konstantin Kilimnik" || rec[col["document"]] != "Travel notes" {
				t.Errorf("travel bookmark row: %q (want characters %d–%d)", rec, cs, ce)
			}
		case rec[col["type"]] == "passage_tag" && rec[col["tag"]] == "Yevgeny Prigozhin" && rec[col["passage"]] == "9":
			found++
			if rec[col["tag_family"]] != "actor" || rec[col["tag_kind"]] != "person" || rec[col["state"]] != "accepted" ||
				rec[col["origin"]] != "manual" || rec[col["quote"]] != passageAt(t, s, seed, 9).Text {
				t.Errorf("Prigozhin row: %q", rec)
			}
		case rec[col["type"]] == "document_tag" && rec[col["tag"]] == "Reuters":
			found++
			if rec[col["passage"]] != "" || rec[col["tag_kind"]] != "outlet" || rec[col["tag_family"]] != "source" {
				t.Errorf("Reuters row: %q", rec)
			}
		}
	}
	if found != 4 {
		t.Errorf("found %d of the 4 expected rows", found)
	}

	// With a query.
	buf.Reset()
	if err := s.ExportCSV(ctx, &buf, "has:note"); err != nil {
		t.Fatal(err)
	}
	records, err = csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range records[1:] {
		if rec[col["type"]] == "passage_tag" && rec[col["passage"]] == "9" {
			t.Errorf("has:note export lists passage 9, which has no bookmark: %q", rec)
		}
	}
	if len(records) < 2 {
		t.Error("has:note export is empty")
	}
}

func TestExportEmpty(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	var md, c, j bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil || !strings.Contains(md.String(), "0 bookmarks and 0 tagged passages in 0 documents") {
		t.Errorf("empty Markdown: %v\n%s", err, md.String())
	}
	if err := s.ExportCSV(ctx, &c, ""); err != nil || c.String() != strings.Join(store.CSVHeader, ",")+"\n" {
		t.Errorf("empty CSV: %v %q", err, c.String())
	}
	if err := s.ExportJSON(ctx, &j, ""); err != nil || !strings.Contains(j.String(), `"bookmarks": []`) || !strings.Contains(j.String(), `"tags": []`) {
		t.Errorf("empty JSON: %v\n%s", err, j.String())
	}
	// An empty bundle imports as a no-op.
	if rep, err := s.ImportBundle(ctx, &j); err != nil || rep.Changed() != 0 {
		t.Errorf("empty bundle: %+v, %v", rep, err)
	}
}

func TestMarkdownDocumentHeading(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	doc := importText(t, s, "kyiv.md", "---\ntitle: Notes from Kyiv\nauthor: Olena Hrytsenko\ndate: 2021-03-17\nsource: Kyiv Post\nurl: https://example.org/a b\n---\n\nПерший абзац про Київ.\n\nSecond paragraph names Derkach.\n")
	p := passageAt(t, s, doc.DocumentID, 2)
	b, err := s.AddBookmark(ctx, p.ID, span(t, p.Text, "Derkach"), "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportMarkdown(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	cs, ce := charRange(t, s, b)
	for _, want := range []string{
		"## Notes from Kyiv\n\n- **Source:** Kyiv Post\n- **Author:** Olena Hrytsenko\n- **Date:** 2021-03-17\n- **URL:** <https://example.org/a%20b>\n- **File:** kyiv.md\n",
		"#### Passage 2 (excerpt)\n\n> Derkach\n",
		fmt.Sprintf("— Olena Hrytsenko, “Notes from Kyiv”, Kyiv Post, 2021-03-17 (passage 2, characters %d–%d of kyiv.md), <https://example.org/a%%20b>.\n", cs, ce),
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
