package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"dossier/store"
)

// A claim is someone's assertion: marking one without a source, or
// clearing a claim's source, is refused with a message and changes nothing.
func TestClaimNeedsSource(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	p := passageAt(t, s, docID, 2)
	span := store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}
	blank, note := "  ", "unattributed"
	for name, e := range map[string]store.ClaimEdit{"no source": {Note: &note}, "a blank source": {Source: &blank}} {
		if _, err := s.MarkClaim(ctx, p.ID, span, e); !errors.Is(err, store.ErrNoSource) {
			t.Errorf("marking a claim with %s: %v, want ErrNoSource", name, err)
		}
	}
	for _, c := range claimList(t, s, store.ClaimQuery{State: "all"}) {
		if c.PassageID == p.ID {
			t.Fatalf("a refused mark left claim %+v", c)
		}
	}
	if !strings.Contains(store.ErrNoSource.Error(), "needs a source") {
		t.Errorf("the message does not say what is missing: %q", store.ErrNoSource)
	}

	c := claimList(t, s, store.ClaimQuery{})[0]
	if _, err := s.EditClaim(ctx, c.ID, store.ClaimEdit{Source: &blank, Note: &note}); !errors.Is(err, store.ErrNoSource) {
		t.Errorf("clearing a claim's source: %v, want ErrNoSource", err)
	}
	if again, err := s.Claim(ctx, c.ID); err != nil || again.Source != c.Source || again.Note != c.Note || again.State != c.State {
		t.Errorf("a refused edit changed the claim: %+v, %v (was %+v)", again, err, c)
	}
}

// An actor's alias typed as a claim's source is that actor's source: the
// one named as the actor where there is one, else one made under the
// actor's name. "ODNI" made a third ODNI source beside "Office of the
// Director of National Intelligence", splitting its claims (a researcher's
// pass).
func TestAnActorsAliasAsSourceIsItsSource(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	const odni = "Office of the Director of National Intelligence" // an actor with the alias ODNI
	mark := func(ordinal int, source string) store.Claim {
		t.Helper()
		p := passageAt(t, s, docID, ordinal)
		span := store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}
		c, err := s.MarkClaim(ctx, p.ID, span, store.ClaimEdit{Source: &source})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	sourcesNamed := func(name string) int {
		t.Helper()
		tags, err := s.Tags(ctx, store.FamilySource)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, tg := range tags {
			if strings.EqualFold(tg.Name, name) {
				n++
			}
		}
		return n
	}
	// No source of that name yet: made under the actor's name.
	first := mark(3, "ODNI")
	if first.Source != odni || sourcesNamed("ODNI") != 0 || sourcesNamed(odni) != 1 {
		t.Errorf("source %q; sources named ODNI %d, %q %d", first.Source, sourcesNamed("ODNI"), odni, sourcesNamed(odni))
	}
	// Then that one, by either name.
	for i, name := range []string{"odni", odni, "Director of National Intelligence"} {
		if c := mark(4+i, name); c.SourceID != first.SourceID {
			t.Errorf("%q: source %q (%d), want %q (%d)", name, c.Source, c.SourceID, first.Source, first.SourceID)
		}
	}
	// A new name that is no actor's is a new source under that name.
	if c := mark(8, "A congressional aide"); c.Source != "A congressional aide" || c.SourceID == first.SourceID {
		t.Errorf("a new name: source %q", c.Source)
	}
}

// The Markdown export names a link from an exported claim to one it does
// not hold, with the other's state: a contradiction with a claim still
// suggested vanished from it, though the window showed the pair as
// disputed (a researcher's pass).
func TestMarkdownNamesLinksToClaimsItDoesNotHold(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	suggested := claimList(t, s, store.ClaimQuery{State: store.ClaimSuggested})
	if len(suggested) == 0 {
		t.Fatal("the seed article has no suggested claims")
	}
	other := suggested[0]
	otherP, err := s.Passage(ctx, other.PassageID)
	if err != nil {
		t.Fatal(err)
	}
	p := passageAt(t, s, docID, 17)
	if p.ID == other.PassageID {
		p = passageAt(t, s, docID, 18)
	}
	who := "A congressional aide"
	mine, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &who})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(ctx, mine.ID, other.ID, store.LinkContradicts); err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("**Contradicts:** passage %d of “", otherP.Ordinal)
	at := strings.Index(md.String(), want)
	if at < 0 {
		t.Fatalf("no contradiction in the export:\n%s", md.String())
	}
	line, _, _ := strings.Cut(md.String()[at:], "\n")
	if !strings.Contains(line, "; suggested, not accepted)") || !strings.Contains(line, other.Source) {
		t.Errorf("the link says %q", line)
	}
}

// A source that a claim makes gets the source kind its name suggests (a
// newspaper an outlet, an indictment a report), as the New actor or source
// dialog guesses; a name that suggests no source kind stays "other". Every
// claim-made source was "other", so "Washington Post" was not an outlet in
// the tags or the exports (a researcher's pass).
func TestAClaimMadeSourceGetsTheKindItsNameSuggests(t *testing.T) {
	s, docID := mustResearch(t)
	ctx := context.Background()
	res := importText(t, s, "memo.txt", "Memo\n\nThe talks will resume in March, the Washington Post reported.\n\n"+
		"The roads will close, Okonjo said.\n")
	if _, err := s.SuggestClaims(ctx, []int64{res.DocumentID}, nil); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"Halvorsen indictment", "Internet Research Agency"} {
		src, p := name, passageAt(t, s, docID, 2+i)
		if _, err := s.MarkClaim(ctx, p.ID, store.Range{Start: 0, End: strings.IndexByte(p.Text, ' ')}, store.ClaimEdit{Source: &src}); err != nil {
			t.Fatal(err)
		}
	}
	for name, kind := range map[string]string{
		"Washington Post":          "outlet", // suggested
		"Okonjo":                   "other",  // a person's name: no source kind
		"Halvorsen indictment":     "report", // typed as a claim's source
		"Internet Research Agency": "other",  // an organisation: an actor kind, not a source's
	} {
		if tag, err := s.FindTag(ctx, store.FamilySource, name); err != nil || tag.Kind != kind {
			t.Errorf("source %q: %+v, %v; want kind %q", name, tag, err, kind)
		}
	}
}
