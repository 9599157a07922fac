package store_test

import (
	"context"
	"strings"
	"testing"

	"dossier/store"
)

// "Trump Jr." is not Donald Trump: the longest name wins across tags, and a
// name followed by a generational suffix is someone else even when no tag
// names him (a researcher's pass found 122 Mueller passages suggested as
// Donald Trump for "Trump Jr.").
func TestLongestNameWinsAcrossTags(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	res := importText(t, s, "memo.txt", strings.Join([]string{
		"Donald Trump Jr. arranged the June meeting.", // 1: Jr. only
		"Emails to Trump, Jr. followed in June.",      // 2: Jr. only
		"Trump Jr. told his father, Trump, about it.", // 3: both
		"President Trump said nothing of it.",         // 4: the father
		"Paul J. Manafort, Jr. attended.",             // 5: the name holds the suffix
	}, "\n\n"))
	doc := res.DocumentID

	// The father's tag first, with no tag for the son: "Trump" before
	// "Jr." is not him.
	father, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Donald Trump", Aliases: []string{"Trump", "President Trump"}})
	if err != nil {
		t.Fatal(err)
	}
	manafort, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Paul Manafort", Aliases: []string{"Manafort", "Paul J. Manafort, Jr."}})
	if err != nil {
		t.Fatal(err)
	}
	wantFather := map[int]bool{3: true, 4: true}
	for ord := 1; ord <= 5; ord++ {
		p := passageAt(t, s, doc, ord)
		if _, st := taggingState(t, s, p.ID, father.ID); (st == store.StatePending) != wantFather[ord] {
			t.Errorf("passage %d %q: Donald Trump %q, want suggested %v", ord, p.Text, st, wantFather[ord])
		}
	}
	if _, st := taggingState(t, s, passageAt(t, s, doc, 5).ID, manafort.ID); st != store.StatePending {
		t.Errorf("a name that holds its suffix: %q, want pending", st)
	}

	// Passage 3's suggestion marks the father, not the son's "Trump".
	p3 := passageAt(t, s, doc, 3)
	pts, err := s.PassageTags(ctx, []int64{p3.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range pts[p3.ID] {
		if x.ID == father.ID && (x.Span == nil || x.Span.Start != strings.LastIndex(p3.Text, "Trump")) {
			t.Errorf("Donald Trump marked at %v in %q, want the second Trump", x.Span, p3.Text)
		}
	}

	// A filter marks what the suggester would tag.
	_, ranges, err := s.PassageMatches(ctx, passageAt(t, s, doc, 1).ID, "actor:\"Donald Trump\"")
	if err != nil || len(ranges) != 0 {
		t.Errorf("actor:\"Donald Trump\" marks %v in passage 1 (%v), want nothing", ranges, err)
	}

	// The son's tag, made later, in a new file where the father's tag is
	// made after it: each new tag is matched against the library with the
	// other's longer names in mind.
	s2 := mustOpen(t)
	res2 := importText(t, s2, "memo.txt", "Donald Trump Jr. arranged the meeting.\n\nPresident Trump said nothing.\n\nThey met at Trump Tower.\n\nDid Mr. Trump, Jr. call?")
	son, err := s2.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Donald Trump Jr.", Aliases: []string{"Trump Jr."}})
	if err != nil {
		t.Fatal(err)
	}
	tower, err := s2.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "other", Name: "Trump Tower"})
	if err != nil {
		t.Fatal(err)
	}
	father2, err := s2.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "Donald Trump", Aliases: []string{"Trump", "Mr Trump"}})
	if err != nil {
		t.Fatal(err)
	}
	q1, q2, q3 := passageAt(t, s2, res2.DocumentID, 1), passageAt(t, s2, res2.DocumentID, 2), passageAt(t, s2, res2.DocumentID, 3)
	if _, st := taggingState(t, s2, q3.ID, tower.ID); st != store.StatePending {
		t.Errorf("Trump Tower on %q: %q, want pending", q3.Text, st)
	}
	if _, st := taggingState(t, s2, q3.ID, father2.ID); st != "" {
		t.Errorf("Donald Trump on %q: %q, want none", q3.Text, st)
	}
	// "Mr Trump" before ", Jr." is not the father, and "Trump, Jr." is the son.
	q4 := passageAt(t, s2, res2.DocumentID, 4)
	if _, st := taggingState(t, s2, q4.ID, son.ID); st != store.StatePending {
		t.Errorf("Donald Trump Jr. on %q: %q, want pending", q4.Text, st)
	}
	if _, st := taggingState(t, s2, q4.ID, father2.ID); st != "" {
		t.Errorf("Donald Trump on %q: %q, want none", q4.Text, st)
	}
	if _, st := taggingState(t, s2, q1.ID, son.ID); st != store.StatePending {
		t.Errorf("Donald Trump Jr. on %q: %q, want pending", q1.Text, st)
	}
	if _, st := taggingState(t, s2, q1.ID, father2.ID); st != "" {
		t.Errorf("Donald Trump on %q: %q, want none", q1.Text, st)
	}
	if _, st := taggingState(t, s2, q2.ID, father2.ID); st != store.StatePending {
		t.Errorf("Donald Trump on %q: %q, want pending", q2.Text, st)
	}
}
