package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/assets"
	"dossier/store"
	"dossier/store/query"
)

// mustResearch opens a fresh research file the way the app does
// (OpenResearchFile with the built-in seed), so that the article's actors
// and sources are suggested. It returns the seed's id.
func mustResearch(t testing.TB) (*store.Store, int64) {
	t.Helper()
	return mustResearchAt(t, t.TempDir()+"/research.dossier")
}

func mustResearchAt(t testing.TB, path string) (*store.Store, int64) {
	t.Helper()
	s, err := store.OpenResearchFile(path, store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle})
	if err != nil {
		t.Fatalf("OpenResearchFile: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	docs, err := s.Documents(context.Background())
	if err != nil || len(docs) != 1 {
		t.Fatalf("Documents: %v, %v", docs, err)
	}
	return s, docs[0].ID
}

// passageAt returns a document's passage by ordinal.
func passageAt(t testing.TB, s *store.Store, docID int64, ordinal int) store.Passage {
	t.Helper()
	ps, err := s.Passages(context.Background(), docID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Ordinal == ordinal {
			return p
		}
	}
	t.Fatalf("document %d has no passage %d", docID, ordinal)
	return store.Passage{}
}

// tagNamed returns the tag of that family and exact name.
func tagNamed(t testing.TB, s *store.Store, family, name string) store.Tag {
	t.Helper()
	tags, err := s.FindTags(context.Background(), family, name)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range tags {
		if tg.Name == name {
			return tg
		}
	}
	t.Fatalf("no %s tag named %q (found %v)", family, name, tags)
	return store.Tag{}
}

func mustTag(t testing.TB, s *store.Store, tg store.Tag) store.Tag {
	t.Helper()
	out, err := s.CreateTag(context.Background(), tg)
	if err != nil {
		t.Fatalf("CreateTag(%q): %v", tg.Name, err)
	}
	return out
}

// span returns the byte range of the first occurrence of sub in text.
func span(t testing.TB, text, sub string) *store.Range {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, clip(text))
	}
	return &store.Range{Start: i, End: i + len(sub)}
}

// taggingState reads one passage tagging straight from the file
// ("" when there is none).
func taggingState(t testing.TB, s *store.Store, passageID, tagID int64) (origin, state string) {
	t.Helper()
	rows, err := rawDB(t, s.Path()).Query(`SELECT origin, state FROM passage_tags WHERE passage_id = ? AND tag_id = ?`, passageID, tagID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&origin, &state); err != nil {
			t.Fatal(err)
		}
	}
	return origin, state
}

// dumpAnnotations renders every annotation table row by row, ids and
// timestamps included, for "exactly as before" comparisons.
func dumpAnnotations(t testing.TB, s *store.Store) string {
	t.Helper()
	db := rawDB(t, s.Path())
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, family, kind, name, description, color, created_at FROM tags ORDER BY id`,
		`SELECT tag_id, alias FROM tag_aliases ORDER BY tag_id, alias`,
		`SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at FROM passage_tags ORDER BY passage_id, tag_id`,
		`SELECT document_id, tag_id, created_at FROM document_tags ORDER BY document_id, tag_id`,
		`SELECT id, passage_id, span_start, span_end, note, created_at, updated_at FROM bookmarks ORDER BY id`,
		`SELECT id, name, query, created_at FROM saved_searches ORDER BY id`,
	} {
		_, lines := queryLines(t, db, q)
		fmt.Fprintf(&b, "== %s\n", q)
		for _, l := range lines {
			fmt.Fprintf(&b, "%s\n", l)
		}
	}
	return b.String()
}

// diffLines reports the first differing line of two dumps.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  before: %s\n  after:  %s", i+1, x, y)
		}
	}
	return "identical"
}

func TestBookmarks(t *testing.T) {
	s, doc := mustResearch(t)
	store.SetClock(s, store.Ticking(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), time.Millisecond))
	ctx := context.Background()
	p7, p13, p1 := passageAt(t, s, doc, 7), passageAt(t, s, doc, 13), passageAt(t, s, doc, 1)

	whole, err := s.AddBookmark(ctx, p7.ID, nil, "Kilimnik and Derkach met Trump-linked people")
	if err != nil {
		t.Fatal(err)
	}
	if whole.Span != nil || whole.Quote() != p7.Text || whole.PassageID != p7.ID || whole.DocumentID != doc ||
		whole.DocumentTitle != seedTitle || whole.Ordinal != 7 || whole.PassageText != p7.Text ||
		whole.Created.IsZero() || !whole.Created.Equal(whole.Updated) {
		t.Errorf("whole-passage bookmark: %+v", whole)
	}
	sp := span(t, p13.Text, "Paul Manafort")
	part, err := s.AddBookmark(ctx, p13.ID, sp, "")
	if err != nil {
		t.Fatal(err)
	}
	if part.Span == nil || *part.Span != *sp || part.Quote() != "Paul Manafort" || part.Note != "" {
		t.Errorf("span bookmark: %+v, quote %q", part, part.Quote())
	}

	// Bad spans are refused, and nothing is stored.
	accented := importText(t, s, "zurich.txt", "Zürich\n\nWir trafen uns in Zürich.\n")
	pz := passageAt(t, s, accented.DocumentID, 1)
	ü := strings.Index(pz.Text, "ü")
	for _, c := range []struct {
		id int64
		r  store.Range
	}{
		{p1.ID, store.Range{Start: -1, End: 3}}, {p1.ID, store.Range{Start: 5, End: 5}}, {p1.ID, store.Range{Start: 9, End: 4}},
		{p1.ID, store.Range{Start: 0, End: len(p1.Text) + 1}},
		{pz.ID, store.Range{Start: ü + 1, End: ü + 4}}, // starts inside "ü"
		{pz.ID, store.Range{Start: 0, End: ü + 1}},     // ends inside it
	} {
		if b, err := s.AddBookmark(ctx, c.id, &c.r, "x"); err == nil {
			t.Errorf("span %v accepted: %+v", c.r, b)
		}
	}
	if _, err := s.AddBookmark(ctx, 987654, nil, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("bookmark on a missing passage: %v", err)
	}
	if ok, err := s.AddBookmark(ctx, pz.ID, &store.Range{Start: ü, End: len(pz.Text)}, ""); err != nil || ok.Quote() != pz.Text[ü:] {
		t.Errorf("span from a multi-byte letter to the end: %v %q", err, ok.Quote())
	}

	// Editing a note moves Updated, never Created.
	if err := s.SetBookmarkNote(ctx, whole.ID, "edited, with a second line\nhere"); err != nil {
		t.Fatal(err)
	}
	edited, err := s.Bookmark(ctx, whole.ID)
	if err != nil || edited.Note != "edited, with a second line\nhere" || !edited.Created.Equal(whole.Created) || !edited.Updated.After(whole.Updated) {
		t.Errorf("edited: %+v, %v", edited, err)
	}
	if err := s.SetBookmarkNote(ctx, 987654, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("note on a missing bookmark: %v", err)
	}

	// Newest first.
	all, err := s.Bookmarks(ctx)
	if err != nil || len(all) != 3 {
		t.Fatalf("Bookmarks: %d, %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Created.After(all[i-1].Created) {
			t.Errorf("bookmark %d (%v) listed after an older one (%v)", all[i].ID, all[i].Created, all[i-1].Created)
		}
	}
	if all[2].ID != whole.ID {
		t.Errorf("oldest bookmark is %d, want %d", all[2].ID, whole.ID)
	}
	if got, _ := s.PassageBookmarks(ctx, p13.ID); len(got) != 1 || got[0].ID != part.ID {
		t.Errorf("PassageBookmarks(13): %+v", got)
	}

	// Delete, then restore: identical, id and timestamps included.
	for _, id := range []int64{whole.ID, part.ID} {
		before, _ := s.Bookmark(ctx, id)
		removed, err := s.DeleteBookmark(ctx, id)
		if err != nil || !reflect.DeepEqual(removed, before) {
			t.Fatalf("DeleteBookmark(%d): %+v, %v", id, removed, err)
		}
		if _, err := s.Bookmark(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted bookmark %d still there: %v", id, err)
		}
		if err := s.RestoreBookmark(ctx, removed); err != nil {
			t.Fatal(err)
		}
		after, err := s.Bookmark(ctx, id)
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("restored bookmark differs:\n before %+v\n after  %+v (%v)", before, after, err)
		}
	}
	if _, err := s.DeleteBookmark(ctx, 987654); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting a missing bookmark: %v", err)
	}

	got, err := s.BookmarkedPassages(ctx, []int64{p1.ID, p7.ID, p13.ID, 987654})
	if err != nil || !reflect.DeepEqual(got, map[int64]bool{p7.ID: true, p13.ID: true}) {
		t.Errorf("BookmarkedPassages: %v, %v", got, err)
	}
	if got, err := s.BookmarkedPassages(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("BookmarkedPassages(nil): %v, %v", got, err)
	}

	// Deleting a document takes its bookmarks with it.
	if err := s.DeleteDocument(ctx, accented.DocumentID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Bookmarks(ctx); len(all) != 2 {
		t.Errorf("after deleting the document: %d bookmarks, want 2", len(all))
	}
}

// Regression: timestamps were stored as RFC3339Nano, which drops trailing
// zeros, so "12:00:00Z" sorted after "12:00:00.5Z" and Bookmarks was not
// newest first.
func TestBookmarksNewestFirstAcrossFractions(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p := passageAt(t, s, doc, 2)
	base := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for i, offset := range []time.Duration{0, 500 * time.Millisecond, 120 * time.Millisecond, time.Second} {
		at := base.Add(offset)
		if err := s.RestoreBookmark(ctx, store.Bookmark{ID: int64(100 + i), PassageID: p.ID, Note: at.Format(time.RFC3339Nano), Created: at, Updated: at}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Bookmarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, b := range all {
		ids = append(ids, b.ID)
	}
	if want := []int64{103, 101, 102, 100}; !slices.Equal(ids, want) {
		t.Errorf("Bookmarks order %v, want newest first %v", ids, want)
	}
	// Restoring onto a passage that is gone is a clear error.
	if err := s.RestoreBookmark(ctx, store.Bookmark{ID: 200, PassageID: 987654, Created: base, Updated: base}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("restore onto a missing passage: %v", err)
	}
}

func TestCreateAndUpdateTags(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	for _, bad := range []store.Tag{
		{Family: "person", Kind: "person", Name: "X"},
		{Family: "", Kind: "person", Name: "X"},
		{Family: store.FamilyActor, Kind: "outlet", Name: "X"},
		{Family: store.FamilySource, Kind: "person", Name: "X"},
		{Family: store.FamilyActor, Kind: "person", Name: "   "},
		{Family: store.FamilyActor, Kind: "person", Name: strings.Repeat("x", 201)},
		{Family: store.FamilyActor, Kind: "person", Name: "X", Color: "red"},
		{Family: store.FamilyActor, Kind: "person", Name: "X", Color: "#12345g"},
	} {
		if tg, err := s.CreateTag(ctx, bad); err == nil {
			t.Errorf("CreateTag(%+v) accepted: %+v", bad, tg)
		}
	}
	if got, _ := s.FindTags(ctx, "", "X"); len(got) != 0 {
		t.Errorf("a refused tag was stored: %+v", got)
	}

	pr := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "  Yevgeny Prigozhin ",
		Aliases: []string{"Prigozhin", " ", "yevgeny prigozhin", "Prigozhin"}, Description: "Wagner", Color: "#AbC123"})
	if pr.Name != "Yevgeny Prigozhin" || !slices.Equal(pr.Aliases, []string{"Prigozhin"}) || pr.Kind != "person" ||
		pr.Description != "Wagner" || pr.Color != "#AbC123" || pr.Created.IsZero() {
		t.Errorf("created: %+v", pr)
	}
	// Names are unique per family, ignoring case.
	_, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "other", Name: "yevgeny PRIGOZHIN"})
	if !errors.Is(err, store.ErrTagExists) {
		t.Errorf("duplicate name: %v", err)
	}
	if _, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "VLADIMIR PUTIN"}); !errors.Is(err, store.ErrTagExists) {
		t.Errorf("duplicate of a gazetteer name: %v", err)
	}
	mustTag(t, s, store.Tag{Family: store.FamilySource, Kind: "statement", Name: "Yevgeny Prigozhin"}) // other family: fine

	// FindTags: name or alias, ignoring case, within a family.
	for _, c := range []struct{ family, name, want string }{
		{store.FamilyActor, "prigozhin", "Yevgeny Prigozhin"},
		{"", "KILIMNIK", "Konstantin Kilimnik"},
		{store.FamilyActor, "russian federation", "Russia"},
		{store.FamilySource, "reuters", "Reuters"},
	} {
		got, err := s.FindTags(ctx, c.family, c.name)
		if err != nil || len(got) != 1 || got[0].Name != c.want {
			t.Errorf("FindTags(%q, %q) = %+v, %v; want %s", c.family, c.name, got, err, c.want)
		}
	}
	if got, _ := s.FindTags(ctx, store.FamilySource, "kilimnik"); len(got) != 0 {
		t.Errorf("FindTags(source, kilimnik) = %+v", got)
	}
	if got, _ := s.FindTags(ctx, "", "yevgeny prigozhin"); len(got) != 2 {
		t.Errorf("FindTags across families: %+v", got)
	}

	// EditTag replaces aliases, and suggests the new ones.
	if tagNamed(t, s, store.FamilyActor, "Yevgeny Prigozhin").Pending != 0 {
		t.Fatal("Prigozhin is not in the seed article")
	}
	pr.Aliases = []string{"Wagner chief", "Embassies", "prigozhin"}
	pr.Kind, pr.Color = "other", ""
	if _, _, err := s.EditTag(ctx, pr); err != nil {
		t.Fatal(err)
	}
	up := tagNamed(t, s, store.FamilyActor, "Yevgeny Prigozhin")
	if !slices.Equal(up.Aliases, []string{"Embassies", "prigozhin", "Wagner chief"}) || up.Kind != "other" || up.Color != "" || up.Pending != 1 {
		t.Errorf("updated: %+v", up)
	}
	if got, err := s.TagPassages(ctx, up.ID, store.StatePending); err != nil || !slices.Equal(ordinals(got), []int{9}) {
		t.Errorf("suggested after adding an alias: %v, %v", ordinals(got), err)
	}
	pr.Aliases = nil
	if _, _, err := s.EditTag(ctx, pr); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindTags(ctx, store.FamilyActor, "Wagner chief"); len(got) != 0 {
		t.Errorf("a removed alias still finds the tag: %+v", got)
	}
	up = pr
	up.Name = "vladimir putin"
	if _, _, err := s.EditTag(ctx, up); !errors.Is(err, store.ErrTagExists) {
		t.Errorf("renaming onto another tag: %v", err)
	}
	up = pr
	up.Family, up.Kind = store.FamilySource, "outlet"
	if _, _, err := s.EditTag(ctx, up); err == nil {
		t.Error("EditTag changed a tag's family")
	}
	up = pr
	up.Family, up.Kind = "", "outlet" // a source kind on an actor
	if _, _, err := s.EditTag(ctx, up); err == nil {
		t.Error("EditTag gave an actor a source kind")
	}
	if _, _, err := s.EditTag(ctx, store.Tag{ID: 987654, Family: store.FamilyActor, Kind: "person", Name: "Nobody"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("updating a missing tag: %v", err)
	}
	_ = doc
}

func TestSuggestionsFromGazetteer(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()

	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	if kil.Pending != 2 || kil.Accepted != 0 || kil.Kind != "person" || !slices.Contains(kil.Aliases, "Kilimnik") {
		t.Errorf("Kilimnik: %+v", kil)
	}
	hits, err := s.TagPassages(ctx, kil.ID, store.StatePending)
	if err != nil || !slices.Equal(ordinals(hits), []int{7, 13}) {
		t.Fatalf("Kilimnik suggested on %v, %v; want 7 and 13", ordinals(hits), err)
	}
	for _, h := range hits {
		if len(h.Matches) != 1 || h.Text[h.Matches[0].Start:h.Matches[0].End] != "Kilimnik" {
			t.Errorf("passage %d: mention %v", h.Ordinal, h.Matches)
		}
	}

	// "US" matches in capitals only, and never inside a longer word. In
	// "US intelligence report" (passage 5) and "US intelligence community"
	// (10) the longer names are what is mentioned, not the United States:
	// passage 5 names it later ("the USA"), passage 10 not at all.
	us := tagNamed(t, s, store.FamilyActor, "United States")
	usHits, _ := s.TagPassages(ctx, us.ID, "")
	if !slices.Contains(ordinals(usHits), 5) || slices.Contains(ordinals(usHits), 10) {
		t.Errorf(`United States suggested on %v, want 5 ("the USA") and not 10 ("US intelligence community")`, ordinals(usHits))
	}
	for _, h := range usHits {
		if h.Ordinal == 5 && h.Text[h.Matches[0].Start:h.Matches[0].End] != "USA" {
			t.Errorf("passage 5 mention %q, want USA", h.Text[h.Matches[0].Start:h.Matches[0].End])
		}
	}
	for _, c := range []struct {
		family, name string
		ordinal      int
	}{{store.FamilySource, "ODNI report on foreign threats to the 2020 election", 5}, {store.FamilyActor, "US intelligence community", 10}} {
		hits, _ := s.TagPassages(ctx, tagNamed(t, s, c.family, c.name).ID, "")
		i := slices.Index(ordinals(hits), c.ordinal)
		if i < 0 || !strings.HasPrefix(hits[i].Text[hits[i].Matches[0].Start:hits[i].Matches[0].End], "US intelligence") {
			t.Errorf("%s: passage %d not suggested for its mention (%v)", c.name, c.ordinal, ordinals(hits))
		}
	}
	iran := tagNamed(t, s, store.FamilyActor, "Iran")
	if got, _ := s.TagPassages(ctx, iran.ID, ""); !slices.Equal(ordinals(got), []int{5, 18}) {
		t.Errorf("Iran on %v; want 5 and 18, not 12 (\"Iranian\")", ordinals(got))
	}
	if p12 := passageAt(t, s, doc, 12); !strings.Contains(p12.Text, "Iranian") {
		t.Fatal("passage 12 should say Iranian")
	}

	imported := importText(t, s, "letter.txt", "Letter\n\nTell us what the US should do about Kilimnik.\n\nThey told us nothing; Iranian officials neither.\n")
	q1, q2 := passageAt(t, s, imported.DocumentID, 1), passageAt(t, s, imported.DocumentID, 2)
	if _, state := taggingState(t, s, q1.ID, us.ID); state != store.StatePending {
		t.Errorf(`"the US should": United States %q, want pending`, state)
	}
	if o, st := taggingState(t, s, q2.ID, us.ID); st != "" {
		t.Errorf(`"told us nothing": United States %s/%s, want none`, o, st)
	}
	if _, st := taggingState(t, s, q2.ID, iran.ID); st != "" {
		t.Errorf(`"Iranian officials": Iran %q, want none`, st)
	}
	if _, st := taggingState(t, s, q1.ID, kil.ID); st != store.StatePending {
		t.Errorf("a new document's mention of Kilimnik: %q, want pending", st)
	}
	pt, _ := s.PassageTags(ctx, []int64{q1.ID})
	for _, x := range pt[q1.ID] {
		if x.Name == "United States" && (x.Span == nil || q1.Text[x.Span.Start:x.Span.End] != "US") {
			t.Errorf("United States mention in %q: %v", q1.Text, x.Span)
		}
	}

	// Decisions stick when suggestions run again.
	p7, p13 := passageAt(t, s, doc, 7), passageAt(t, s, doc, 13)
	if err := s.SetTaggingState(ctx, p7.ID, kil.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTaggingState(ctx, p13.ID, kil.ID, store.StateAccepted); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := s.Suggest(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, st := taggingState(t, s, p7.ID, kil.ID); st != store.StateRejected {
		t.Errorf("rejected suggestion resurrected as %q", st)
	}
	if _, st := taggingState(t, s, p13.ID, kil.ID); st != store.StateAccepted {
		t.Errorf("accepted suggestion became %q", st)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik"); got.Accepted != 1 || got.Pending != 1 {
		t.Errorf("Kilimnik counts after decisions: %+v", got) // 13 accepted, the letter pending
	}
	if err := s.SetTaggingState(ctx, p7.ID, kil.ID, "maybe"); err == nil {
		t.Error("SetTaggingState accepted an unknown state")
	}
	if err := s.SetTaggingState(ctx, p7.ID, iran.ID, store.StateAccepted); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deciding a tagging that does not exist: %v", err)
	}

	// Accept all.
	trump := tagNamed(t, s, store.FamilyActor, "Donald Trump")
	n, err := s.DecideSuggestions(ctx, trump.ID, store.StateAccepted)
	if err != nil || n != 9 {
		t.Errorf("DecideSuggestions(Trump, accept): %d, %v; want 9", n, err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Donald Trump"); got.Accepted != 9 || got.Pending != 0 {
		t.Errorf("Trump after accept-all: %+v", got)
	}
	if n, _ := s.DecideSuggestions(ctx, trump.ID, store.StateAccepted); n != 0 {
		t.Errorf("accept-all again changed %d", n)
	}
	if n, err := s.DecideSuggestions(ctx, iran.ID, store.StateRejected); err != nil || n != 2 {
		t.Errorf("reject-all Iran: %d, %v", n, err)
	}
	if _, err := s.DecideSuggestions(ctx, iran.ID, store.StatePending); err == nil {
		t.Error("DecideSuggestions accepted pending as a decision")
	}
	if err := s.Suggest(ctx); err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, s, store.FamilyActor, "Iran"); got.Pending != 0 || got.Accepted != 0 {
		t.Errorf("rejected-all Iran came back: %+v", got)
	}
}

func TestTagPassageAndUntag(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p3 := passageAt(t, s, doc, 3)
	audit := mustTag(t, s, store.Tag{Family: store.FamilySource, Kind: "report", Name: "Senate audit"})

	if err := s.TagPassage(ctx, p3.ID, audit.ID, span(t, p3.Text, "Russian-linked")); err != nil {
		t.Fatal(err)
	}
	pts, _ := s.PassageTags(ctx, []int64{p3.ID})
	var found *store.PassageTag
	for i := range pts[p3.ID] {
		if pts[p3.ID][i].ID == audit.ID {
			found = &pts[p3.ID][i]
		}
	}
	if found == nil || found.Origin != store.OriginManual || found.State != store.StateAccepted || found.Span == nil ||
		p3.Text[found.Span.Start:found.Span.End] != "Russian-linked" || found.Document {
		t.Fatalf("manual tagging: %+v", found)
	}
	if got := tagNamed(t, s, store.FamilySource, "Senate audit"); got.Accepted != 1 {
		t.Errorf("counts: %+v", got)
	}
	for _, bad := range []store.Range{{Start: -1, End: 2}, {Start: 0, End: len(p3.Text) + 1}, {Start: 4, End: 4}} {
		if err := s.TagPassage(ctx, p3.ID, audit.ID, &bad); err == nil {
			t.Errorf("TagPassage with span %v accepted", bad)
		}
	}
	if err := s.TagPassage(ctx, 987654, audit.ID, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing passage: %v", err)
	}
	if err := s.TagPassage(ctx, p3.ID, 987654, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing tag: %v", err)
	}

	// Untagging a manual tagging removes it.
	if err := s.UntagPassage(ctx, p3.ID, audit.ID); err != nil {
		t.Fatal(err)
	}
	if o, st := taggingState(t, s, p3.ID, audit.ID); o != "" || st != "" {
		t.Errorf("manual tagging after untag: %s/%s", o, st)
	}
	// Untagging a suggestion rejects it, and suggestions leave it so.
	biden := tagNamed(t, s, store.FamilyActor, "Joe Biden")
	if _, st := taggingState(t, s, p3.ID, biden.ID); st != store.StatePending {
		t.Fatalf("Biden on passage 3: %q", st)
	}
	if err := s.UntagPassage(ctx, p3.ID, biden.ID); err != nil {
		t.Fatal(err)
	}
	if o, st := taggingState(t, s, p3.ID, biden.ID); o != store.OriginSuggest || st != store.StateRejected {
		t.Errorf("untagged suggestion: %s/%s, want suggested/rejected", o, st)
	}
	s.Suggest(ctx)
	if _, st := taggingState(t, s, p3.ID, biden.ID); st != store.StateRejected {
		t.Errorf("after Suggest: %q", st)
	}
	pts, _ = s.PassageTags(ctx, []int64{p3.ID})
	for _, pt := range pts[p3.ID] {
		if pt.ID == biden.ID {
			t.Errorf("PassageTags lists a rejected tagging: %+v", pt)
		}
	}
	// Tagging by hand where a suggestion was rejected accepts it.
	if err := s.TagPassage(ctx, p3.ID, biden.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, st := taggingState(t, s, p3.ID, biden.ID); st != store.StateAccepted {
		t.Errorf("tagged by hand after rejecting: %q", st)
	}

	// Document tags apply to every passage.
	reuters := tagNamed(t, s, store.FamilySource, "Reuters")
	if err := s.TagDocument(ctx, doc, reuters.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, doc, reuters.ID); err != nil {
		t.Errorf("tagging a document twice: %v", err)
	}
	if got := tagNamed(t, s, store.FamilySource, "Reuters"); got.Documents != 1 {
		t.Errorf("Reuters documents: %+v", got)
	}
	p19 := passageAt(t, s, doc, 19)
	pts, _ = s.PassageTags(ctx, []int64{p19.ID})
	docTagged := false
	for _, pt := range pts[p19.ID] {
		docTagged = docTagged || (pt.ID == reuters.ID && pt.Document && pt.State == store.StateAccepted)
	}
	if !docTagged {
		t.Errorf("passage 19 does not show the document's Reuters tag: %+v", pts[p19.ID])
	}
	if err := s.TagDocument(ctx, 987654, reuters.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("tagging a missing document: %v", err)
	}
	if err := s.UntagDocument(ctx, doc, reuters.ID); err != nil {
		t.Fatal(err)
	}
	if got := tagNamed(t, s, store.FamilySource, "Reuters"); got.Documents != 0 {
		t.Errorf("after UntagDocument: %+v", got)
	}
}

func TestMergeTagsAndRestore(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p := func(n int) store.Passage { return passageAt(t, s, doc, n) }
	// Survivor: suggested on 3 ("Russian-linked individuals") and 9
	// ("Chinese"). Loser: suggested on 9 ("Embassies") and 12 ("Russian
	// actors"), tagged by hand on 3 and 1.
	ira := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Internet Research Agency",
		Aliases: []string{"IRA", "Russian-linked individuals", "Chinese", "troll farm"}, Color: "#884400"})
	trolls := mustTag(t, s, store.Tag{Family: store.FamilyActor, Kind: "other", Name: "Kremlin trolls",
		Aliases: []string{"troll farm", "Embassies", "Russian actors"}, Description: "loser"})
	if !slices.Equal(ordinals(must(s.TagPassages(ctx, ira.ID, ""))), []int{3, 9}) ||
		!slices.Equal(ordinals(must(s.TagPassages(ctx, trolls.ID, ""))), []int{9, 12}) {
		t.Fatal("unexpected suggestions for the new tags")
	}
	for _, n := range []int{1, 3} {
		if err := s.TagPassage(ctx, p(n).ID, trolls.ID, nil); err != nil {
			t.Fatal(err)
		}
	}
	// On 9: survivor rejected, loser pending → pending (stronger).
	if err := s.SetTaggingState(ctx, p(9).ID, ira.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	// On 12: loser rejected only → moves over as rejected.
	if err := s.SetTaggingState(ctx, p(12).ID, trolls.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	// Document tags: both on the seed (no duplicate after merging).
	for _, id := range []int64{ira.ID, trolls.ID} {
		if err := s.TagDocument(ctx, doc, id); err != nil {
			t.Fatal(err)
		}
	}
	before := dumpAnnotations(t, s)

	snap, err := s.MergeTags(ctx, ira.ID, trolls.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tag(ctx, trolls.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("loser still exists: %v", err)
	}
	merged, err := s.Tag(ctx, ira.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantAliases := []string{"Chinese", "Embassies", "IRA", "Kremlin trolls", "Russian actors", "Russian-linked individuals", "troll farm"}
	if !slices.Equal(merged.Aliases, wantAliases) || merged.Name != "Internet Research Agency" || merged.Kind != "organisation" ||
		merged.Color != "#884400" || merged.Documents != 1 {
		t.Errorf("merged tag: %+v\nwant aliases %v", merged, wantAliases)
	}
	want := map[int]string{1: "manual/accepted", 3: "manual/accepted", 9: "suggested/pending", 12: "suggested/rejected"}
	got := map[int]string{}
	for n := 1; n <= 19; n++ {
		if o, st := taggingState(t, s, p(n).ID, ira.ID); st != "" {
			got[n] = o + "/" + st
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged taggings %v, want %v", got, want)
	}
	// The loser's name finds the survivor.
	res, err := s.Search(ctx, store.SearchRequest{Query: `actor:"kremlin trolls"`})
	if err != nil || !slices.Equal(ordinals(res.Hits), ordinals(must(s.Search(ctx, store.SearchRequest{Query: `actor:IRA`, Limit: 100})).Hits)) {
		t.Errorf("actor:\"kremlin trolls\" after the merge: %v, %v", res, err)
	}

	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if after := dumpAnnotations(t, s); after != before {
		t.Errorf("Restore after MergeTags is not exact: %s", diffLines(before, after))
	}

	if _, err := s.MergeTags(ctx, ira.ID, ira.ID); err == nil {
		t.Error("merged a tag into itself")
	}
	reuters := tagNamed(t, s, store.FamilySource, "Reuters")
	if _, err := s.MergeTags(ctx, ira.ID, reuters.ID); err == nil || !strings.Contains(err.Error(), "different families") {
		t.Errorf("merging an actor with a source: %v", err)
	}
	if _, err := s.MergeTags(ctx, ira.ID, 987654); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("merging a missing tag: %v", err)
	}
	if after := dumpAnnotations(t, s); after != before {
		t.Errorf("a refused merge changed something: %s", diffLines(before, after))
	}

	// Both accepted, the loser by hand: still one tagging, accepted.
	putin := tagNamed(t, s, store.FamilyActor, "Vladimir Putin")
	if err := s.TagPassage(ctx, p(2).ID, putin.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.TagPassage(ctx, p(2).ID, ira.ID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeTags(ctx, putin.ID, ira.ID); err != nil {
		t.Fatal(err)
	}
	if o, st := taggingState(t, s, p(2).ID, putin.ID); o != store.OriginManual || st != store.StateAccepted {
		t.Errorf("passage 2 after merging two accepted taggings: %s/%s", o, st)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestDeleteAndRenameTagRestore(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	p13 := passageAt(t, s, doc, 13)
	if err := s.SetTaggingState(ctx, p13.ID, kil.ID, store.StateAccepted); err != nil {
		t.Fatal(err)
	}
	if err := s.TagDocument(ctx, doc, kil.ID); err != nil {
		t.Fatal(err)
	}
	stats, _ := s.Stats(ctx)
	before := dumpAnnotations(t, s)

	snap, err := s.DeleteTag(ctx, kil.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tag(ctx, kil.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted tag: %v", err)
	}
	if _, st := taggingState(t, s, p13.ID, kil.ID); st != "" {
		t.Errorf("a tagging outlived its tag: %q", st)
	}
	if after, _ := s.Stats(ctx); after != stats {
		t.Errorf("DeleteTag removed passages: %+v → %+v", stats, after)
	}
	var qe *query.Error
	if _, err := s.Search(ctx, store.SearchRequest{Query: "actor:kilimnik"}); !errors.As(err, &qe) {
		t.Errorf("actor:kilimnik after deleting the tag: %v", err)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if after := dumpAnnotations(t, s); after != before {
		t.Errorf("Restore after DeleteTag is not exact: %s", diffLines(before, after))
	}
	if _, err := s.DeleteTag(ctx, 987654); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting a missing tag: %v", err)
	}

	snap, err = s.RenameTag(ctx, kil.ID, "K. V. Kilimnik")
	if err != nil {
		t.Fatal(err)
	}
	renamed, _ := s.Tag(ctx, kil.ID)
	if renamed.Name != "K. V. Kilimnik" || renamed.Accepted != 1 {
		t.Errorf("renamed: %+v", renamed)
	}
	if got, _ := s.FindTags(ctx, store.FamilyActor, "Konstantin Kilimnik"); len(got) != 0 {
		t.Errorf("old name still finds it: %+v", got)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if after := dumpAnnotations(t, s); after != before {
		t.Errorf("Restore after RenameTag is not exact: %s", diffLines(before, after))
	}
	if _, err := s.RenameTag(ctx, kil.ID, "Paul Manafort"); !errors.Is(err, store.ErrTagExists) {
		t.Errorf("renaming onto an existing name: %v", err)
	}
}

func TestAnnotationFilters(t *testing.T) {
	s, doc := mustResearch(t)
	ctx := context.Background()
	p := func(n int) store.Passage { return passageAt(t, s, doc, n) }
	find := func(q string) []int {
		t.Helper()
		res, err := s.Search(ctx, store.SearchRequest{Query: q, Limit: 100})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if res.Total != len(res.Hits) {
			t.Errorf("%s: total %d, %d hits", q, res.Total, len(res.Hits))
		}
		return ordinals(res.Hits)
	}
	expect := func(q string, want ...int) {
		t.Helper()
		if got := find(q); !slices.Equal(got, want) {
			t.Errorf("%s: passages %v, want %v", q, got, want)
		}
	}
	expectErr := func(q, msg string) {
		t.Helper()
		_, err := s.Search(ctx, store.SearchRequest{Query: q})
		var qe *query.Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, msg) {
			t.Errorf("%s: error %T %v, want a *query.Error saying %q", q, err, err, msg)
		}
	}

	expect("actor:kilimnik", 7, 13) // pending suggestions count
	expect("is:bookmarked")
	if _, err := s.AddBookmark(ctx, p(13).ID, nil, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, p(7).ID, nil, "Derkach's recordings"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddBookmark(ctx, p(2).ID, nil, "ODNI"); err != nil {
		t.Fatal(err)
	}
	expect("is:bookmarked", 2, 7, 13)
	expect("actor:kilimnik is:bookmarked", 7, 13)
	expect("has:note", 2, 7)
	expect("has:note actor:kilimnik", 7)
	expect("manafort actor:kilimnik", 13)
	expect("biden actor:Kilimnik is:bookmarked", 7)
	expect(`tag:"Konstantin Kilimnik"`, 7, 13)
	expect("tag:cnn", 19)
	expect("actor:kilimnik -actor:manafort", 7)
	expect("-actor:putin", 2, 3, 5, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19) // Putin is on 1, 4, 6, 11
	expect("is:suggested actor:iran", 5, 18)

	// Regression: an exclusion next to an annotation filter was an SQL
	// error ("no such column: id"), and MatchingDocuments counted wrong.
	expect("is:bookmarked -manafort", 2, 7)
	expect("has:note -derkach", 2)
	if n, err := s.MatchingDocuments(ctx, "is:bookmarked -kilimnik -assessment"); err != nil || n != 0 {
		t.Errorf("MatchingDocuments(is:bookmarked -kilimnik -assessment) = %d, %v; want 0", n, err)
	}
	if n, err := s.MatchingDocuments(ctx, "actor:kilimnik -manafort"); err != nil || n != 1 {
		t.Errorf("MatchingDocuments(actor:kilimnik -manafort) = %d, %v; want 1", n, err)
	}

	// A rejected suggestion no longer counts; is:tagged is accepted only.
	kil := tagNamed(t, s, store.FamilyActor, "Konstantin Kilimnik")
	if err := s.SetTaggingState(ctx, p(7).ID, kil.ID, store.StateRejected); err != nil {
		t.Fatal(err)
	}
	expect("actor:kilimnik", 13)
	expect("is:tagged")
	if err := s.SetTaggingState(ctx, p(13).ID, kil.ID, store.StateAccepted); err != nil {
		t.Fatal(err)
	}
	expect("is:tagged", 13)

	// Sources, and document tags reaching every passage.
	expect("source:reuters")
	expect("source:cnn", 19)
	if err := s.TagDocument(ctx, doc, tagNamed(t, s, store.FamilySource, "Reuters").ID); err != nil {
		t.Fatal(err)
	}
	if got := find("source:reuters"); len(got) != 19 {
		t.Errorf("source:reuters after tagging the document: %d passages", len(got))
	}
	if got := find("is:tagged"); len(got) != 19 {
		t.Errorf("is:tagged with a document tag: %d passages", len(got))
	}
	expect("source:reuters kilimnik", 7, 13)

	expectErr("actor:nobody", "No actor is called “nobody”")
	expectErr("source:kilimnik", "No source is called “kilimnik”")
	expectErr("tag:zzz trump", "No actor or source is called “zzz”")
	expectErr("is:nonsense", "is:nonsense is not a filter")
	expectErr("has:whatever", "has:whatever is not a filter")
	expectErr("trump is:nonsense", "is:nonsense is not a filter")
}
