package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// In a damaged file an index entry can outlive its passage, or a passage
// its document. Such a match keeps its place in the ranking and is left
// off its page (a short page): paging on then lists every other match
// exactly once. A first page that fetched its hits in one statement had
// dropped it before the LIMIT, so the next page's first hit was listed on
// both pages (found by a hostile test).
func TestPagesOfADamagedFileListEachMatchOnce(t *testing.T) {
	for _, damage := range []struct{ name, sql string }{
		{"index entry without its passage", `DROP TRIGGER passages_ad; DELETE FROM passages WHERE id = ?1;
			CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
				INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
			END`},
		{"passage without its document", `PRAGMA foreign_keys = OFF; UPDATE passages SET document_id = 999 WHERE id = ?1`},
	} {
		t.Run(damage.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "research.dossier")
			s := mustOpenAt(t, path)
			var b strings.Builder
			b.WriteString("Meetings\n\n")
			for i := range 70 { // 70 matches: between one and two pages of 50
				fmt.Fprintf(&b, "Meeting %d: Kilimnik%s met a contact in city %d.\n\n", i, strings.Repeat(" and Kilimnik", i%4), i)
			}
			importText(t, s, "meetings.txt", b.String())
			first, err := s.Search(ctx, store.SearchRequest{Query: "kilimnik", Limit: 50})
			if err != nil || first.Total != 70 || !first.Ranked {
				t.Fatalf("before: total %d ranked %v, %v", first.Total, first.Ranked, err)
			}
			top := first.Hits[0].PassageID
			s.Close()
			db := rawDB(t, path)
			if _, err := db.Exec(damage.sql, top); err != nil {
				t.Fatal(err)
			}
			db.Close()

			s = mustOpenAt(t, path)
			seen := map[int64]int{}
			for _, offset := range []int{0, 50} {
				page, err := s.Search(ctx, store.SearchRequest{Query: "kilimnik", Limit: 50, Offset: offset})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range page.Hits {
					seen[h.PassageID]++
					if seen[h.PassageID] > 1 {
						t.Errorf("passage %d listed again on the page at %d", h.PassageID, offset)
					}
				}
			}
			if seen[top] > 0 || len(seen) != 69 {
				t.Errorf("the pages list %d passages (the damaged one %d times), want the other 69 once each", len(seen), seen[top])
			}
		})
	}
}

// A search that meets a damaged full-text index says the index is damaged
// and what to do, not SQLite's words, nor that the user should try simpler
// words (what a damaged index once gave; hostile pass).
func TestSearchOfADamagedIndexSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "research.dossier")
	s := mustOpenAt(t, path)
	var text strings.Builder
	for i := range 300 {
		fmt.Fprintf(&text, "Passage %d: Kilimnik said that the campaign met him.\n\n", i)
	}
	importText(t, s, "long.txt", text.String())
	s.Close()
	db := rawDB(t, path)
	if _, err := db.Exec(`UPDATE passages_fts_data SET block = substr(block, 1, 12) WHERE id > 10`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = mustOpenAt(t, path)
	for _, q := range []string{"kilimnik", "kilimnik that", "kilimnik campai"} {
		_, err := s.SearchPage(ctx, store.PageRequest{
			SearchRequest:  store.SearchRequest{Query: q, CompleteLastWord: true, QuickCount: true},
			CountDocuments: true,
		})
		var qe *store.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "search index is damaged") || !strings.Contains(qe.Msg, "dossier recover") {
			t.Fatalf("%q on a damaged index: %v", q, err)
		}
	}
}
