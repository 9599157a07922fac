package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// A claims run cancelled while a document's transaction is open says it
// was cancelled, whatever the transaction failed with: database/sql rolls
// it back on its own, and Commit then said "transaction has already been
// committed or rolled back", which the CLI printed with exit 1 (found by a
// hostile pass). Nothing of the document is kept.
func TestSuggestClaimsCancelledInATransaction(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bg := context.Background()
	for _, title := range []string{"Memo", "Cable", "Note", "Brief", "Letter", "Minutes"} {
		if _, err := s.ImportText(bg, title, "", title+": officials said the campaign met Kilimnik.\n\nThe ministry denied that Russia interfered, "+title+" says."); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(bg, `DELETE FROM claims`); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		ctx, cancel := context.WithCancel(bg)
		s.clock = func() time.Time { cancel(); return time.Now() } // read inside the transaction
		added, err := s.SuggestClaims(ctx, nil, nil)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("run %d: SuggestClaims cancelled in a transaction: %v (%d added)", i, err, added)
		}
		var n int
		if err := s.db.QueryRowContext(bg, `SELECT count(*) FROM claims`).Scan(&n); err != nil || n != added {
			t.Fatalf("run %d: %d claims stored, %d said added (%v)", i, n, added, err)
		}
	}
	s.clock = nil
	// Cancelled at any moment (Ctrl+C): before, during or after a
	// transaction, the same answer.
	for i := range 300 {
		if _, err := s.db.ExecContext(bg, `DELETE FROM claims`); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(bg)
		time.AfterFunc(time.Duration(rand.IntN(1500))*time.Microsecond, cancel)
		added, err := s.SuggestClaims(ctx, nil, nil)
		cancel()
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("run %d: SuggestClaims cancelled: %v (%d added)", i, err, added)
		}
		var n int
		if err := s.db.QueryRowContext(bg, `SELECT count(*) FROM claims`).Scan(&n); err != nil || n != added {
			t.Fatalf("run %d: %d claims stored, %d said added (%v)", i, n, added, err)
		}
	}
	if _, err := s.db.ExecContext(bg, `DELETE FROM claims`); err != nil {
		t.Fatal(err)
	}
	if added, err := s.SuggestClaims(bg, nil, nil); err != nil || added == 0 {
		t.Errorf("after the cancelled runs: %d added, %v", added, err)
	}
}

// A document removed while its claims are suggested, after the first round
// made a source and before the second reads it again (SuggestClaims keeps
// it read between rounds), gets no claims in the second round: nothing is
// written for passages no longer there, and the run does not fail.
func TestSuggestClaimsSkipsADocumentRemovedBetweenRounds(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "research.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bg := context.Background()
	// "Zelda Quarrington" is no tag: the first round makes her a source,
	// and reads the document again for her other mentions ("Quarrington told").
	res, err := s.ImportText(bg, "Memo", "", "Zelda Quarrington said the campaign met Kilimnik.\n\nQuarrington told investigators that Russia interfered.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(bg, `DELETE FROM claims`); err != nil {
		t.Fatal(err)
	}
	removed := false
	added, err := s.SuggestClaims(bg, []int64{res.DocumentID}, func(done, total int) {
		if done == 1 && !removed {
			removed = true
			if _, err := s.RemoveDocument(bg, res.DocumentID); err != nil {
				t.Errorf("removing the document: %v", err)
			}
		}
	})
	if err != nil {
		t.Fatalf("SuggestClaims with the document removed between rounds: %v", err)
	}
	if !removed || added == 0 {
		t.Fatalf("removed %v, %d claims added in the first round: the test did not run as meant", removed, added)
	}
	var n int
	if err := s.db.QueryRowContext(bg, `SELECT count(*) FROM claims`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d claims left of a removed document (%v)", n, err)
	}
}
