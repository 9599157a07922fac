package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dossier/assets"
	"dossier/store"
	"dossier/store/claims"
)

func claimList(t testing.TB, s *store.Store, q store.ClaimQuery) []store.Claim {
	t.Helper()
	cs, err := s.Claims(context.Background(), q)
	if err != nil {
		t.Fatalf("Claims(%+v): %v", q, err)
	}
	return cs
}

func actorNames(as []store.ClaimActor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// A new research file holds exactly the claims the suggester finds in the
// built-in article, with the sources it names (new ones as source tags).
func TestSeedArticleClaimsStored(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	gaz, err := claims.GazetteerTags(assets.Gazetteer)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.Passages(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	var cps []claims.Passage
	for _, p := range ps {
		cps = append(cps, claims.Passage{Ordinal: p.Ordinal, Text: p.Text})
	}
	doc, _ := s.Document(ctx, docID)
	sg := claims.New(claims.NewTags(gaz), nil)
	want := sg.Suggest(sg.DocFor(doc.Title, cps), cps)
	got := claimList(t, s, store.ClaimQuery{State: "all"})
	if len(want) < 7 || len(got) != len(want) {
		t.Fatalf("%d claims stored, the suggester finds %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Ordinal != w.Ordinal || g.Span != (store.Range{Start: w.Start, End: w.End}) || g.Text != w.Text {
			t.Errorf("claim %d: ¶%d %v %q, want ¶%d [%d,%d) %q", i, g.Ordinal, g.Span, g.Text, w.Ordinal, w.Start, w.End, w.Text)
			continue
		}
		var about []string
		for _, a := range w.About {
			about = append(about, a.Name)
		}
		if g.Source != w.Source.Name || g.Stance != w.Stance || g.Cue != w.Cue || g.Speaker != w.Speaker ||
			g.Likelihood != w.Likelihood || g.Confidence != w.Confidence || g.Rule != w.Rule ||
			!slices.Equal(actorNames(g.About), about) {
			t.Errorf("¶%d %.30q: stored %q %s cue %q speaker %q %s %s %s about %v; suggested %q %s %q %q %s %s %s about %v",
				g.Ordinal, g.Text, g.Source, g.Stance, g.Cue, g.Speaker, g.Likelihood, g.Confidence, g.Rule, actorNames(g.About),
				w.Source.Name, w.Stance, w.Cue, w.Speaker, w.Likelihood, w.Confidence, w.Rule, about)
		}
		if g.CueSpan == nil || g.PassageText[g.CueSpan.Start:g.CueSpan.End] != w.Cue {
			t.Errorf("¶%d: cue span %v does not hold %q", g.Ordinal, g.CueSpan, w.Cue)
		}
		if g.State != store.ClaimSuggested || g.Origin != store.OriginSuggest || g.Why() != w.Why() {
			t.Errorf("¶%d: state %s origin %s why %q, want suggested, %q", g.Ordinal, g.State, g.Origin, g.Why(), w.Why())
		}
		if w.Source.New {
			tag, err := s.FindTag(ctx, store.FamilySource, w.Source.Name)
			if err != nil || tag.ID != g.SourceID || (tag.Kind != "other" && tag.Kind != "statement") {
				t.Errorf("new source %q: tag %+v, %v (claim's source %d)", w.Source.Name, tag, err, g.SourceID)
			}
		} else if g.SourceID != w.Source.TagID {
			t.Errorf("¶%d: source tag %d, want %d", g.Ordinal, g.SourceID, w.Source.TagID)
		}
	}
	// Running the suggester again adds nothing.
	added, err := s.SuggestClaims(ctx, nil, nil)
	if err != nil || added != 0 {
		t.Errorf("suggesting again: %d added, %v", added, err)
	}
}

// Decisions stick: a rejected claim is never suggested again, an edited
// one is not suggested a second time, and both survive reopening the file.
func TestClaimDecisionsStick(t *testing.T) {
	path := t.TempDir() + "/research.dossier"
	s, docID := mustResearchAt(t, path)
	ctx := context.Background()
	all := claimList(t, s, store.ClaimQuery{})
	if len(all) < 3 {
		t.Fatalf("%d claims", len(all))
	}
	rejected, edited, accepted := all[0], all[1], all[2]
	if err := s.RejectClaim(ctx, rejected.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.AcceptClaim(ctx, accepted.ID); err != nil {
		t.Fatal(err)
	}
	span := store.Range{Start: edited.Span.Start, End: edited.Span.End - 1}
	for span.End > span.Start && edited.PassageText[span.End-1]&0xC0 == 0x80 {
		span.End--
	}
	newSource, note := "Kremlin watchers", "check the original"
	about := []string{"putin", "Moscow"} // a name and an alias, any case
	stance, likely, conf := claims.Denies, claims.VeryLikely, claims.Moderate
	e, err := s.EditClaim(ctx, edited.ID, store.ClaimEdit{Span: &span, Source: &newSource, About: &about,
		Stance: &stance, Likelihood: &likely, Confidence: &conf, Note: &note})
	if err != nil {
		t.Fatal(err)
	}
	if e.State != store.ClaimAccepted || e.Span != span || e.Source != newSource || e.Stance != claims.Denies ||
		e.Likelihood != claims.VeryLikely || e.Confidence != claims.Moderate || e.Note != note ||
		!slices.Equal(actorNames(e.About), []string{"Vladimir Putin", "Russia"}) {
		t.Errorf("edited claim: %+v", e)
	}
	if tag, err := s.FindTag(ctx, store.FamilySource, newSource); err != nil || tag.ID != e.SourceID {
		t.Errorf("new source: %+v, %v", tag, err)
	}
	if added, err := s.SuggestClaims(ctx, []int64{docID}, nil); err != nil || added != 0 {
		t.Errorf("re-suggesting: %d added (a rejected or edited claim came back?), %v", added, err)
	}
	s.Close()

	s = mustOpenAt(t, path)
	after := claimList(t, s, store.ClaimQuery{State: "all"})
	if len(after) != len(all) {
		t.Errorf("%d claims after reopening, %d before", len(after), len(all))
	}
	byID := map[int64]store.Claim{}
	for _, c := range after {
		byID[c.ID] = c
	}
	if byID[rejected.ID].State != store.ClaimRejected || byID[accepted.ID].State != store.ClaimAccepted {
		t.Errorf("states after reopening: %s, %s", byID[rejected.ID].State, byID[accepted.ID].State)
	}
	if got := byID[edited.ID]; got.Span != span || got.Note != note || got.Source != newSource || got.Likelihood != claims.VeryLikely {
		t.Errorf("edit after reopening: %+v", got)
	}
	if listed := claimList(t, s, store.ClaimQuery{}); slices.ContainsFunc(listed, func(c store.Claim) bool { return c.ID == rejected.ID }) {
		t.Error("the default listing shows a rejected claim")
	}
	if listed := claimList(t, s, store.ClaimQuery{State: store.ClaimRejected}); len(listed) != 1 || listed[0].ID != rejected.ID {
		t.Errorf("rejected claims: %d", len(listed))
	}
	if listed := claimList(t, s, store.ClaimQuery{State: store.ClaimAccepted}); len(listed) != 2 {
		t.Errorf("accepted claims: %d, want the accepted and the edited one", len(listed))
	}
	if _, err := s.Claims(ctx, store.ClaimQuery{State: "maybe"}); err == nil {
		t.Error("an unknown state is accepted")
	}
	if err := s.AcceptClaim(ctx, 987654); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("accepting no claim: %v", err)
	}
	bad := []string{"Nobody At All"}
	if _, err := s.EditClaim(ctx, edited.ID, store.ClaimEdit{About: &bad}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unknown actor: %v", err)
	}
	outside := store.Range{Start: 0, End: len(edited.PassageText) + 1}
	if _, err := s.EditClaim(ctx, edited.ID, store.ClaimEdit{Span: &outside}); err == nil {
		t.Error("a span past the passage is accepted")
	}
}

func TestMarkAndLinkClaims(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	p := passageAt(t, s, docID, 2)
	span := store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}
	source, note := "Reuters", "my own reading"
	m, err := s.MarkClaim(ctx, p.ID, span, store.ClaimEdit{Source: &source, Note: &note})
	if err != nil {
		t.Fatal(err)
	}
	if m.Origin != store.OriginManual || m.State != store.ClaimAccepted || m.Text != p.Text[:span.End] ||
		m.Source != "Reuters" || m.Note != note || m.Why() != "" {
		t.Errorf("marked claim: %+v", m)
	}
	if _, err := s.MarkClaim(ctx, p.ID, span, store.ClaimEdit{}); err == nil || !strings.Contains(err.Error(), "already a claim") {
		t.Errorf("marking the same words twice: %v", err)
	}
	if _, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 5, End: 5}, store.ClaimEdit{}); err == nil {
		t.Error("an empty span is marked")
	}
	if err := s.RejectClaim(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	again, err := s.MarkClaim(ctx, p.ID, span, store.ClaimEdit{})
	if err != nil || again.ID != m.ID || again.State != store.ClaimAccepted {
		t.Errorf("marking a rejected claim's words: %+v, %v", again, err)
	}

	all := claimList(t, s, store.ClaimQuery{})
	a, b, c := all[0].ID, all[1].ID, m.ID
	if err := s.LinkClaims(ctx, b, a, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, a, c, store.LinkSame); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, c, a, store.LinkContradicts); err != nil { // the pair's kind changes
		t.Fatal(err)
	}
	got := map[int64]store.Claim{}
	for _, cl := range claimList(t, s, store.ClaimQuery{}) {
		got[cl.ID] = cl
	}
	if !slices.Equal(got[a].SameAs, []int64{b}) || !slices.Equal(got[b].SameAs, []int64{a}) ||
		!slices.Equal(got[a].Contradicts, []int64{c}) || !slices.Equal(got[c].Contradicts, []int64{a}) || len(got[c].SameAs) != 0 {
		t.Errorf("links: a %v/%v b %v c %v/%v", got[a].SameAs, got[a].Contradicts, got[b].SameAs, got[c].SameAs, got[c].Contradicts)
	}
	if err := s.LinkClaims(ctx, a, a, store.LinkSame); err == nil {
		t.Error("a claim links to itself")
	}
	if err := s.LinkClaims(ctx, a, b, "agrees"); err == nil {
		t.Error("an unknown link kind is accepted")
	}
	if err := s.LinkClaims(ctx, a, 987654, store.LinkSame); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("linking to no claim: %v", err)
	}
	if err := s.UnlinkClaims(ctx, b, a); err != nil {
		t.Fatal(err)
	}
	if cl, _ := s.Claim(ctx, a); len(cl.SameAs) != 0 || len(cl.Contradicts) != 1 {
		t.Errorf("after unlinking: %v / %v", cl.SameAs, cl.Contradicts)
	}
}

func TestClaimWritesRefusedReadOnly(t *testing.T) {
	path := t.TempDir() + "/research.dossier"
	s, docID := mustResearchAt(t, path)
	ctx := context.Background()
	cl := claimList(t, s, store.ClaimQuery{})[0]
	p := passageAt(t, s, docID, 2)
	s.Close()
	ro, err := store.OpenReadOnly(path, "a test")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := claimList(t, ro, store.ClaimQuery{}); len(got) == 0 {
		t.Error("a read-only file lists no claims")
	}
	note := "x"
	for name, err := range map[string]error{
		"suggest": func() error { _, err := ro.SuggestClaims(ctx, nil, nil); return err }(),
		"accept":  ro.AcceptClaim(ctx, cl.ID),
		"reject":  ro.RejectClaim(ctx, cl.ID),
		"edit":    func() error { _, err := ro.EditClaim(ctx, cl.ID, store.ClaimEdit{Note: &note}); return err }(),
		"mark": func() error {
			_, err := ro.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: 3}, store.ClaimEdit{})
			return err
		}(),
		"link":   ro.LinkClaims(ctx, cl.ID, cl.ID+1, store.LinkSame),
		"unlink": ro.UnlinkClaims(ctx, cl.ID, cl.ID+1),
	} {
		if !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("%s on a read-only file: %v", name, err)
		}
	}
}

// Suggesting over an imported document records its claims, and only its.
func TestSuggestClaimsImported(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	before := len(claimList(t, s, store.ClaimQuery{State: "all"}))
	// "Spring" would be a new source, but the memo writes "spring" too: a
	// tag of that name would be matched in every passage saying spring.
	res := importText(t, s, "memo.txt", "Memo\n\nThe talks will resume in March, Reuters reported.\n\n"+
		"The weather was fine in the spring.\n\nThe harvest will be late, Spring said.\n\nThe roads will close, Okonjo said.\n")
	if n := len(claimList(t, s, store.ClaimQuery{State: "all"})); n != before {
		t.Fatalf("importing suggested claims (%d → %d); only SuggestClaims should", before, n)
	}
	var calls [][2]int
	added, err := s.SuggestClaims(ctx, []int64{res.DocumentID}, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil || added != 2 {
		t.Fatalf("SuggestClaims: %d, %v", added, err)
	}
	if !slices.Equal(calls, [][2]int{{0, 1}, {1, 1}}) {
		t.Errorf("progress %v", calls)
	}
	got := claimList(t, s, store.ClaimQuery{DocumentID: res.DocumentID})
	if len(got) != 2 || got[0].Text != "The talks will resume in March" || got[0].Source != "Reuters" || got[0].Cue != "reported" ||
		got[1].Text != "The roads will close" || got[1].Source != "Okonjo" {
		t.Errorf("memo claims: %+v", got)
	}
	if _, err := s.FindTag(ctx, store.FamilySource, "Spring"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a common word became a source: %v", err)
	}
	if tag, err := s.FindTag(ctx, store.FamilySource, "Okonjo"); err != nil || tag.Kind != "other" {
		t.Errorf("new source Okonjo: %+v, %v", tag, err)
	}
}

// Claim filters in a search choose passages holding a matching claim; in
// a list of claims each is read for each claim.
func TestClaimFilters(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	all := claimList(t, s, store.ClaimQuery{})
	// What each filter should find, read from the stored claims.
	want := func(keep func(store.Claim) bool) (passages []int, ids []int64) {
		for _, c := range all {
			if keep(c) {
				if !slices.Contains(passages, c.Ordinal) {
					passages = append(passages, c.Ordinal)
				}
				ids = append(ids, c.ID)
			}
		}
		slices.Sort(passages)
		return passages, ids
	}
	about := func(name string) func(store.Claim) bool {
		return func(c store.Claim) bool { return slices.Contains(actorNames(c.About), name) }
	}
	cases := []struct {
		query string
		keep  func(store.Claim) bool
	}{
		{"is:claim", func(store.Claim) bool { return true }},
		{`by:"anonymous sources"`, func(c store.Claim) bool { return c.Source == "Anonymous sources" }},
		{`by:"three sources"`, func(c store.Claim) bool { return c.Source == "Anonymous sources" }}, // an alias
		{"by:cnn", func(c store.Claim) bool { return c.Source == "CNN" }},
		{"about:putin", about("Vladimir Putin")},
		{"likelihood:likely", func(c store.Claim) bool { return c.Likelihood == claims.Likely }},
		{"likelihood:>=likely", func(c store.Claim) bool { return c.Likelihood >= claims.Likely }},
		{"likelihood:<likely", func(c store.Claim) bool { return c.Likelihood > 0 && c.Likelihood < claims.Likely }},
		{"likelihood:none", func(c store.Claim) bool { return c.Likelihood == claims.NotStated }},
		{`likelihood:>="very likely"`, func(c store.Claim) bool { return c.Likelihood >= claims.VeryLikely }},
		{"confidence:high", func(c store.Claim) bool { return c.Confidence == claims.High }},
		{"stance:denies", func(c store.Claim) bool { return c.Stance == claims.Denies }},
		{"stance:denies about:iran", func(c store.Claim) bool { return c.Stance == claims.Denies && about("Iran")(c) }},
		{"about:putin -stance:denies", func(c store.Claim) bool { return about("Vladimir Putin")(c) && c.Stance != claims.Denies }},
	}
	for _, tc := range cases {
		passages, ids := want(tc.keep)
		// A passage filter: passages with any matching claim. Filters
		// combined in a search may meet in different claims of a passage,
		// so only single filters are compared passage by passage.
		if !strings.Contains(tc.query, " ") {
			if got := ordinals(search(t, s, tc.query).Hits); !slices.Equal(got, passages) {
				t.Errorf("search %s: passages %v, want %v", tc.query, got, passages)
			}
		}
		var got []int64
		for _, c := range claimList(t, s, store.ClaimQuery{Query: tc.query}) {
			got = append(got, c.ID)
		}
		if !slices.Equal(got, ids) {
			t.Errorf("claims %s: %v, want %v", tc.query, got, ids)
		}
	}
	// The claims are all there: each filter finds some.
	for _, q := range []string{"is:claim", `by:"anonymous sources"`, "by:cnn", "about:putin", "likelihood:likely", "stance:denies"} {
		if search(t, s, q).Total == 0 {
			t.Errorf("%s finds nothing in the built-in article", q)
		}
	}
	// Combined with words and other filters.
	if got := ordinals(search(t, s, "stance:denies beijing").Hits); !slices.Equal(got, []int{5}) {
		t.Errorf("stance:denies beijing: %v", got)
	}
	if got := claimList(t, s, store.ClaimQuery{Query: "by:cnn sanctions actor:russia"}); len(got) != 1 || got[0].Source != "CNN" {
		t.Errorf("by:cnn with words and actor: %d claims", len(got))
	}
	// A claim given a confidence is found by it; a rejected one by nothing.
	conf := claims.High
	if _, err := s.EditClaim(ctx, all[0].ID, store.ClaimEdit{Confidence: &conf}); err != nil {
		t.Fatal(err)
	}
	if got := claimList(t, s, store.ClaimQuery{Query: "confidence:>=moderate"}); len(got) != 1 || got[0].ID != all[0].ID {
		t.Errorf("confidence:>=moderate: %d claims", len(got))
	}
	if err := s.RejectClaim(ctx, all[0].ID); err != nil {
		t.Fatal(err)
	}
	if r := search(t, s, "confidence:high"); r.Total != 0 {
		t.Errorf("a rejected claim is still found: %d", r.Total)
	}
	for _, q := range []string{"likelihood:probable", "likelihood:>=none", "stance:maybe", "by:nobody", "about:nobody", "confidence:extreme", "is:claimed"} {
		var qe *store.QueryError
		if _, err := s.Search(ctx, store.SearchRequest{Query: q}); !errors.As(err, &qe) {
			t.Errorf("search %s: %v, want a message", q, err)
		}
		if _, err := s.Claims(ctx, store.ClaimQuery{Query: q}); q != "is:claimed" && !errors.As(err, &qe) {
			t.Errorf("claims %s: %v, want a message", q, err)
		}
	}
}

// Undoing a tag merge or deletion, or a document's deletion, puts claims
// back as they were: sources, actors and links. (Undoing the merge takes
// the loser's name off the survivor's aliases: remembered then, as every
// undo's removal is, and left out of the comparison.)
func TestClaimsSurviveUndo(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	dumpSkip = []string{"tag_alias_removals"}
	t.Cleanup(func() { dumpSkip = nil })
	all := claimList(t, s, store.ClaimQuery{})
	if err := s.LinkClaims(ctx, all[0].ID, all[len(all)-1].ID, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	cnn, _ := s.FindTag(ctx, store.FamilySource, "CNN")
	reuters, _ := s.FindTag(ctx, store.FamilySource, "Reuters")
	snap, err := s.MergeTags(ctx, reuters.ID, cnn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := claimList(t, s, store.ClaimQuery{Query: "by:reuters"}); len(got) == 0 || got[0].Source != "Reuters" {
		t.Errorf("CNN's claims after merging it into Reuters: %+v", got)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	sameDB(t, s, before, "after undoing a merge")
	putin, _ := s.FindTag(ctx, store.FamilyActor, "Vladimir Putin")
	if snap, err = s.DeleteTag(ctx, putin.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	sameDB(t, s, before, "after undoing a deletion")
	dsnap, err := s.RemoveDocument(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	if got := claimList(t, s, store.ClaimQuery{State: "all"}); len(got) != 0 {
		t.Errorf("%d claims outlived their document", len(got))
	}
	if err := s.RestoreDocument(ctx, dsnap); err != nil {
		t.Fatal(err)
	}
	sameDB(t, s, before, "after undoing a document's deletion")
}

// Markdown and CSV show accepted claims only: quote, source, stance,
// likelihood and confidence in words, note and links; the JSON bundle
// carries every claim.
func TestClaimsInReadingExports(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	var md, csvOut bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil || strings.Contains(md.String(), "### Claims") {
		t.Fatalf("suggested claims exported: %v\n%s", err, md.String())
	}
	cnn := claimList(t, s, store.ClaimQuery{Query: "by:cnn"})[0]
	anon := claimList(t, s, store.ClaimQuery{Query: `by:"anonymous sources"`})[0]
	likely, note := claims.AlmostCertain, "two sources, one story"
	if _, err := s.EditClaim(ctx, cnn.ID, store.ClaimEdit{Likelihood: &likely, Note: &note}); err != nil {
		t.Fatal(err)
	}
	if err := s.AcceptClaim(ctx, anon.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, cnn.ID, anon.ID, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	md.Reset()
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{"### Claims", "#### Passage 19: CNN asserts", "> " + cnn.Text, "- **Likelihood:** almost certain",
		"- **Confidence:** none stated", "- **Cue:** “first reported by”", "- **Note:** two sources, one story",
		"- **Contradicts:** passage " + fmt.Sprint(anon.Ordinal), "#### Passage " + fmt.Sprint(anon.Ordinal) + ": Anonymous sources assert"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if n := strings.Count(out, "#### Passage 19: CNN"); n != 1 {
		t.Errorf("%d CNN claims in the Markdown", n)
	}
	if err := s.ExportCSV(ctx, &csvOut, "by:cnn"); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	var rows [][]string
	for _, r := range records[1:] {
		if r[0] == "claim" {
			rows = append(rows, r)
		}
	}
	if len(rows) != 1 || rows[0][col["quote"]] != cnn.Text || rows[0][col["tag"]] != "CNN" || rows[0][col["likelihood"]] != "almost certain" ||
		rows[0][col["stance"]] != "asserts" || rows[0][col["about"]] != "Russia" || rows[0][col["note"]] != note || rows[0][col["state"]] != "accepted" {
		t.Errorf("CSV claim rows: %q", rows)
	}
}

// A crafted bundle that names one claim twice, with different decisions,
// restores the first and is a no-op the second time.
func TestBundleClaimNamedTwice(t *testing.T) {
	a, _ := mustResearch(t)
	ctx := context.Background()
	cl := claimList(t, a, store.ClaimQuery{})[0]
	if err := a.AcceptClaim(ctx, cl.ID); err != nil {
		t.Fatal(err)
	}
	b, err := a.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var twice []store.BundleClaim
	for _, c := range b.Claims {
		if c.State == store.ClaimAccepted {
			other := c
			other.State, other.Note = store.ClaimRejected, "the second copy"
			twice = append(twice, c, other)
		}
	}
	if len(twice) != 2 {
		t.Fatalf("%d accepted claims in the bundle", len(twice)/2)
	}
	b.Claims = twice
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := mustResearch(t)
	for i := range 2 {
		rep, err := dst.ImportBundle(ctx, bytes.NewReader(data))
		if err != nil || rep.Claims != 1-i {
			t.Fatalf("import %d: %+v, %v", i+1, rep, err)
		}
	}
	got := claimList(t, dst, store.ClaimQuery{State: store.ClaimAccepted})
	if len(got) != 1 || got[0].Text != cl.Text || got[0].Note != "" {
		t.Errorf("restored: %+v", got)
	}
}

// A new actor is among what the suggested claims mentioning it are about:
// an analyst who imported the Mueller report and then made the actor
// "Internet Research Agency" (alias IRA) found no claim about it, in the
// ledger or by about:IRA, since claims were read for actors only when
// suggested (a researcher's pass). A claim the user has decided on keeps
// its actors; undo and redo of the new tag take the actor off and put it
// back.
func TestANewActorIsInTheSuggestedClaimsMentioningIt(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	res := importText(t, s, "memo.txt", "Memo\n\nThe IRA reached 126 million people, Facebook estimated.\n\n"+
		"The IRA bought 3,500 advertisements, Okonjo said.\n\nThe campaign was foreign, Okonjo said.\n")
	if _, err := s.SuggestClaims(ctx, []int64{res.DocumentID}, nil); err != nil {
		t.Fatal(err)
	}
	memo := claimList(t, s, store.ClaimQuery{DocumentID: res.DocumentID})
	if len(memo) != 3 {
		t.Fatalf("memo claims: %+v", memo)
	}
	if err := s.AcceptClaim(ctx, memo[1].ID); err != nil {
		t.Fatal(err)
	}
	ira, snap, err := s.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "organisation", Name: "Internet Research Agency", Aliases: []string{"IRA"}})
	if err != nil {
		t.Fatal(err)
	}
	about := func() []int64 {
		var ids []int64
		for _, c := range claimList(t, s, store.ClaimQuery{Query: "about:IRA", State: "all"}) {
			ids = append(ids, c.ID)
		}
		return ids
	}
	if got := about(); !slices.Equal(got, []int64{memo[0].ID}) {
		t.Errorf("claims about the new actor: %v, want the suggested claim mentioning it, %d", got, memo[0].ID)
	}
	if got := actorNames(claimList(t, s, store.ClaimQuery{DocumentID: res.DocumentID})[0].About); !slices.Equal(got, []string{"Internet Research Agency"}) {
		t.Errorf("the claim's actors: %q", got)
	}
	if err := s.UncreateTag(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got := actorNames(claimList(t, s, store.ClaimQuery{DocumentID: res.DocumentID})[0].About); len(got) != 0 {
		t.Errorf("after undo the claim's actors: %q", got)
	}
	if err := s.Restore(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if got := about(); !slices.Equal(got, []int64{memo[0].ID}) {
		t.Errorf("after redo, claims about %s: %v", ira.Name, got)
	}
}

// The Markdown exports say a denial as true English: the built-in
// article's denials are in the quoted words ("Beijing "did not deploy …""),
// so the report says them; "ODNI report … denies" read as the report saying
// Beijing did deploy. A plural source takes a plural verb.
func TestExportsSayDenialsAsTheSourceDoes(t *testing.T) {
	s, _ := mustResearch(t)
	ctx := context.Background()
	odni := "ODNI report on foreign threats to the 2020 election"
	for _, q := range []string{"stance:denies", `by:"anonymous sources"`} {
		for _, c := range claimList(t, s, store.ClaimQuery{Query: q}) {
			if err := s.AcceptClaim(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	var md, byTag bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Export(ctx, &byTag, store.ExportMarkdownByTagFormat, ""); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"md": md.String(), "md-actors": byTag.String()} {
		for _, want := range []string{": " + odni + " says (denial)", ": United States officials say (denial)", ": Anonymous sources assert"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		for _, bad := range []string{" denies\n", " deny\n", "sources asserts", "officials says"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s says %q", name, bad)
			}
		}
	}
	// Under the source's own heading the verb stands alone.
	if !strings.Contains(byTag.String(), "### Claims by United States officials\n") || !regexp.MustCompile(`(?m)^#### .*: say \(denial\)$`).MatchString(byTag.String()) {
		t.Errorf("md-actors: claims by United States officials not said as theirs:\n%s", byTag.String())
	}
}
