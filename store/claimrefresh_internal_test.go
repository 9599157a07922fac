package store

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/assets"
)

// Suggesting claims again brings the suggestions nobody has touched up to
// the current rules, as a research file made before a rule changed holds
// them (rs11's "left": the file kept its old words and stances): a stored
// suggestion's fields, its words moved by a rule (the same attribution:
// overlapping words, the cue ending where it did), and a suggestion the
// rules no longer make, withdrawn. Decisions stick: accepted, rejected,
// annotated and linked claims stay as they are, and a rejected claim
// whose words the rules now place elsewhere does not come back.
func TestSuggestingAgainBringsUntouchedSuggestionsUpToDate(t *testing.T) {
	s, all := seededWithClaims(t)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	fresh := map[int64]Claim{}
	byWords := func(w string) Claim {
		t.Helper()
		for _, c := range all {
			if strings.Contains(c.Text, w) {
				return c
			}
		}
		t.Fatalf("no claim holds %q", w)
		return Claim{}
	}
	for _, c := range all {
		fresh[c.ID] = c
	}
	// Old wording of untouched suggestions.
	beijing := byWords("did not deploy")
	exec(`UPDATE claims SET stance = 'asserts', likelihood = 5, rule = 'old' WHERE id = ?`, beijing.ID)
	exec(`DELETE FROM claim_actors WHERE claim_id = ?`, beijing.ID)
	// Old words: the CNN claim as an older rule found it, from the start
	// of its sentence (a9dc702 moved it), its cue where it was.
	cnn := byWords("as early as next week")
	exec(`UPDATE claims SET span_start = 0, found_start = 0 WHERE id = ?`, cnn.ID)
	// A suggestion no rule makes now, and one like it that a claim is
	// linked to (the link is the user's work).
	putin := byWords("Putin likely directed")
	// suggestedBeside is a new suggestion on claim id's passage: its first
	// end characters, asserted, its cue "said" from cueStart to cueEnd.
	suggestedBeside := func(id int64, end, cueStart, cueEnd int) (added int64) {
		t.Helper()
		exec(`INSERT INTO claims (passage_id, span_start, span_end, found_start, found_end, source_id, stance, cue, cue_start, cue_end,
			state, origin, created_at, updated_at) SELECT passage_id, 0, ?1, 0, ?1, source_id, 'asserts', 'said', ?2, ?3, 'suggested', 'suggested',
			created_at, updated_at FROM claims WHERE id = ?4`, end, cueStart, cueEnd, id)
		if err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM claims`).Scan(&added); err != nil {
			t.Fatal(err)
		}
		return added
	}
	stale := suggestedBeside(beijing.ID, 7, 8, 12)
	linked := suggestedBeside(putin.ID, 5, 6, 9)
	if err := s.LinkClaims(ctx, linked, putin.ID, LinkSame); err != nil {
		t.Fatal(err)
	}
	// Decisions, each on a claim given old words or fields first.
	iran := byWords("did not attempt to manipulate votes")
	exec(`UPDATE claims SET stance = 'asserts', state = 'rejected' WHERE id = ?`, iran.ID)
	anon := byWords("impose sanctions on Moscow")
	exec(`UPDATE claims SET likelihood = 7, state = 'accepted' WHERE id = ?`, anon.ID)
	assess := byWords("We assess that")
	exec(`UPDATE claims SET likelihood = 2, note = 'my reading' WHERE id = ?`, assess.ID)
	officials := byWords("valued a stable relationship")
	exec(`UPDATE claims SET span_start = 0, found_start = 0, stance = 'asserts', state = 'rejected' WHERE id = ?`, officials.ID)

	var before bytes.Buffer // a bundle of the file as it was
	if err := s.ExportJSON(ctx, &before, ""); err != nil {
		t.Fatal(err)
	}
	counts, err := s.SuggestClaimsCounted(ctx, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts != (ClaimCounts{Added: 0, Updated: 2, Withdrawn: 1}) {
		t.Errorf("counts %+v, want 2 brought up to date (Beijing, CNN), 1 withdrawn", counts)
	}
	get := func(id int64) (Claim, bool) {
		t.Helper()
		c, err := s.Claim(ctx, id)
		return c, err == nil
	}
	same := func(a, b Claim) bool {
		return a.Span == b.Span && a.Source == b.Source && a.Stance == b.Stance && a.Cue == b.Cue &&
			a.Likelihood == b.Likelihood && a.Confidence == b.Confidence && strings.Join(actorNamesOf(a), ",") == strings.Join(actorNamesOf(b), ",")
	}
	for _, id := range []int64{beijing.ID, cnn.ID} {
		if c, ok := get(id); !ok || !same(c, fresh[id]) || c.State != ClaimSuggested {
			t.Errorf("claim %d not brought up to date: %+v, want %+v", id, c, fresh[id])
		}
	}
	if _, ok := get(stale); ok {
		t.Error("a suggestion the rules no longer make stays")
	}
	if _, ok := get(linked); !ok {
		t.Error("a suggestion linked to another claim was withdrawn")
	}
	for id, want := range map[int64]string{iran.ID: "rejected asserts", anon.ID: "accepted 7", assess.ID: "suggested 2 my reading", officials.ID: "rejected 0"} {
		c, _ := get(id)
		var got string
		switch id {
		case iran.ID:
			got = c.State + " " + c.Stance.String()
		case anon.ID:
			got = c.State + " " + string(rune('0'+c.Likelihood))
		case assess.ID:
			got = c.State + " " + string(rune('0'+c.Likelihood)) + " " + c.Note
		case officials.ID:
			got = c.State + " " + string(rune('0'+c.Span.Start))
		}
		if got != want {
			t.Errorf("a decided claim changed: %q, want %q", got, want)
		}
	}
	// The rejected claim whose words the rules now place elsewhere is
	// not suggested again at its new words.
	now, err := s.Claims(ctx, ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range now {
		if strings.Contains(c.Text, "valued a stable relationship") && c.ID != officials.ID {
			t.Errorf("a rejected claim came back: %d %q", c.ID, c.Text)
		}
	}
	if len(now) != len(all)+1 { // the linked one kept; the stale one gone
		t.Errorf("%d claims, %d before and one linked kept", len(now), len(all))
	}
	// Again: nothing to change.
	if counts, err := s.SuggestClaimsCounted(ctx, nil, nil); err != nil || counts != (ClaimCounts{}) {
		t.Errorf("a second run: %+v, %v", counts, err)
	}
	// The bundle made before brings back neither the old words of the
	// CNN claim nor the withdrawn suggestion.
	if _, err := s.ImportBundle(ctx, &before); err != nil {
		t.Fatal(err)
	}
	after, err := s.Claims(ctx, ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range after {
		if c.PassageID == cnn.PassageID && c.Span.Start == 0 && c.ID != cnn.ID || c.PassageID == beijing.PassageID && c.Span == (Range{0, 7}) {
			t.Errorf("the bundle brought back old words: claim %d %q", c.ID, c.Text)
		}
	}
}

func actorNamesOf(c Claim) []string {
	var out []string
	for _, a := range c.About {
		out = append(out, a.Name)
	}
	return out
}

// A suggestion the user linked to another claim is not brought up to the
// current rules: the link ("same", "contradicts") was made on its words
// and stance as they stood, and a refresh that turned a denial into an
// assertion changed what the link says (data24: a linked suggestion took
// the suggester's stance and likelihood).
func TestSuggestingAgainLeavesLinkedSuggestions(t *testing.T) {
	s, all := seededWithClaims(t)
	ctx := context.Background()
	a, b := all[0], all[1]
	oldRulesWording(t, s, "", a.ID, b.ID)
	if err := s.LinkClaims(ctx, a.ID, b.ID, LinkContradicts); err != nil {
		t.Fatal(err)
	}
	read := func() []string {
		t.Helper()
		var got []string
		for _, id := range []int64{a.ID, b.ID} {
			got = append(got, claimFields(t, s, id, `stance || ' ' || likelihood || ' ' || rule || ' ' || span_start || '-' || span_end || ' ' || updated_at`))
		}
		return got
	}
	before := read()
	if _, err := s.SuggestClaimsCounted(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	if after := read(); !slices.Equal(after, before) {
		t.Errorf("linked suggestions after suggesting again:\n%q\nwant as they were:\n%q", after, before)
	}
}

// An annotation bundle exported before suggesting again, restored after,
// leaves the suggestions the refresh brought up to date as they are now:
// its copies are the old rules' suggestions, no work of the user's, and
// older (data24: they put the old stances and likelihoods back).
func TestAnOlderBundleLeavesRefreshedSuggestions(t *testing.T) {
	s, all := seededWithClaims(t)
	ctx := context.Background()
	c, d := all[0], all[1]
	// The old rules' wording, made a while ago.
	oldRulesWording(t, s, ", updated_at = '2020-01-01T00:00:00.000000000Z'", c.ID)
	// And one whose actors alone the old rules did not find.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM claim_actors WHERE claim_id = ?`, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE claims SET updated_at = '2020-01-01T00:00:00.000000000Z' WHERE id = ?`, d.ID); err != nil {
		t.Fatal(err)
	}
	actors := func() (n int) {
		t.Helper()
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM claim_actors WHERE claim_id = ?`, d.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var bundle bytes.Buffer
	if err := s.ExportJSON(ctx, &bundle, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SuggestClaimsCounted(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		t.Helper()
		return claimFields(t, s, c.ID, `stance || ' ' || likelihood || ' ' || rule`)
	}
	refreshed, refreshedActors := read(), actors()
	if refreshedActors == 0 {
		t.Fatal("suggesting again gave the claim no actors")
	}
	if strings.HasSuffix(refreshed, " old") {
		t.Fatalf("suggesting again left the old wording: %s", refreshed)
	}
	if _, err := s.ImportBundle(ctx, &bundle); err != nil {
		t.Fatal(err)
	}
	if got := read(); got != refreshed {
		t.Errorf("after restoring the older bundle: %s, want the refreshed %s", got, refreshed)
	}
	if got := actors(); got != refreshedActors {
		t.Errorf("after restoring the older bundle: %d actors, want the refreshed %d", got, refreshedActors)
	}
}

// seededWithClaims is a new research file holding the built-in article,
// and the claims suggested on it (two at least), closed at the test's end.
func seededWithClaims(t *testing.T) (*Store, []Claim) {
	t.Helper()
	s, err := OpenResearchFile(filepath.Join(t.TempDir(), "research.dossier"),
		Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	all, err := s.Claims(context.Background(), ClaimQuery{State: "all"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2 {
		t.Fatalf("%d claims on the built-in article", len(all))
	}
	return s, all
}

// oldRulesWording gives the claims ids the wording older rules gave them:
// the other stance, likelihood 5, rule "old"; and more, SQL assignments
// after a comma.
func oldRulesWording(t *testing.T, s *Store, more string, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if _, err := s.db.ExecContext(context.Background(), `UPDATE claims SET stance = iif(stance = 'asserts', 'denies', 'asserts'), likelihood = 5, rule = 'old'`+more+`
			WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
}

// claimFields is the SQL expression fields of the claim id's row.
func claimFields(t *testing.T, s *Store, id int64, fields string) string {
	t.Helper()
	var row string
	if err := s.db.QueryRowContext(context.Background(), `SELECT `+fields+` FROM claims WHERE id = ?`, id).Scan(&row); err != nil {
		t.Fatal(err)
	}
	return row
}
