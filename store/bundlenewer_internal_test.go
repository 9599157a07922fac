package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"dossier/assets"
)

// An older annotation bundle does not undo decisions made since: a claim
// accepted and annotated here after the bundle's copy was last changed
// keeps its decision and note, and a tagging the bundle still has pending
// stays rejected here (found by a hostile pass). A bundle's decisions still
// reach a new file whose claims are untouched suggestions, however much
// newer those are.
func TestAnOlderBundleKeepsNewerDecisions(t *testing.T) {
	ctx := context.Background()
	seed := Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle}
	st, err := OpenResearchFile(filepath.Join(t.TempDir(), "r.dossier"), seed)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	exportBundle := func(s *Store) []byte {
		var b bytes.Buffer
		if err := s.ExportJSON(ctx, &b, ""); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	exec := func(s *Store, q string, args ...any) {
		t.Helper()
		if _, err := s.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	lastWeek := exportBundle(st)
	var claim, pid, tid int64
	if err := st.db.QueryRowContext(ctx, `SELECT id FROM claims ORDER BY id LIMIT 1`).Scan(&claim); err != nil {
		t.Fatalf("the seed article has no claim: %v", err)
	}
	if err := st.db.QueryRowContext(ctx, `SELECT passage_id, tag_id FROM passage_tags WHERE state = 'pending' LIMIT 1`).Scan(&pid, &tid); err != nil {
		t.Fatalf("the seed article has no suggested tag: %v", err)
	}
	// This week's work, after the bundle.
	exec(st, `UPDATE claims SET state = 'accepted', note = 'my analysis', updated_at = ? WHERE id = ?`, formatTime(time.Now().Add(time.Hour)), claim)
	exec(st, `UPDATE passage_tags SET state = 'rejected' WHERE passage_id = ? AND tag_id = ?`, pid, tid)
	if _, err := st.ImportBundle(ctx, bytes.NewReader(lastWeek)); err != nil {
		t.Fatal(err)
	}
	var state, note, tagState string
	st.db.QueryRowContext(ctx, `SELECT state, coalesce(note, '') FROM claims WHERE id = ?`, claim).Scan(&state, &note)
	st.db.QueryRowContext(ctx, `SELECT state FROM passage_tags WHERE passage_id = ? AND tag_id = ?`, pid, tid).Scan(&tagState)
	if state != "accepted" || note != "my analysis" || tagState != "rejected" {
		t.Errorf("after last week's bundle: claim %s %q, tagging %s; want this week's decisions kept", state, note, tagState)
	}

	// A bundle whose decision is older than a new file's suggestions.
	exec(st, `UPDATE claims SET updated_at = ? WHERE id = ?`, formatTime(time.Now().Add(-30*24*time.Hour)), claim)
	decided := exportBundle(st)
	fresh, err := OpenResearchFile(filepath.Join(t.TempDir(), "new.dossier"), seed)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.ImportBundle(ctx, bytes.NewReader(decided)); err != nil {
		t.Fatal(err)
	}
	var n int
	fresh.db.QueryRowContext(ctx, `SELECT count(*) FROM claims WHERE state = 'accepted' AND note = 'my analysis'`).Scan(&n)
	fresh.db.QueryRowContext(ctx, `SELECT state FROM passage_tags WHERE state = 'rejected'`).Scan(&tagState)
	if n != 1 || tagState != "rejected" {
		t.Errorf("a new file restored %d accepted claims and a %q tagging from the bundle; want its decisions", n, tagState)
	}
}
