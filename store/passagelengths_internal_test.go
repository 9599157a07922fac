package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/store/query"
)

// lengthsAgree compares every indexed passage's stored length (migration
// 0012) with the index's own (passages_fts_docsize): a stored length must
// never differ; it returns how many are unknown (their block missing).
func lengthsAgree(t *testing.T, q querier, stage string) (unknown int) {
	t.Helper()
	ctx := context.Background()
	table, err := loadLengths(ctx, q)
	if err != nil {
		t.Fatalf("%s: %v", stage, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, sz FROM passages_fts_docsize ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var sz []byte
		if err := rows.Scan(&id, &sz); err != nil {
			t.Fatal(err)
		}
		n++
		want, _ := fts5Varint(sz)
		switch got := table.of(id); {
		case got == lengthUnknown:
			unknown++
		case uint64(got) != want:
			t.Errorf("%s: passage %d stored as %d tokens long, indexed as %d", stage, id, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("%s: nothing indexed", stage)
	}
	return unknown
}

// Every write through the store keeps the stored lengths whole and equal
// to the index's: imports, removing a document and bringing it back, and
// recovering a file. A passage removed or changed behind the store's back
// drops its block (read from the index then), and never leaves a wrong
// length.
func TestPassageLengthsFollowEveryWrite(t *testing.T) {
	s, _ := rankTopCorpus(t, 45) // 4,500 passages: two blocks
	ctx := context.Background()
	if u := lengthsAgree(t, s.db, "as imported"); u != 0 {
		t.Errorf("as imported: %d lengths unknown", u)
	}
	// Document 41 straddles the blocks' boundary (ids 4,001–4,100).
	snap, err := s.RemoveDocument(ctx, 41)
	if err != nil {
		t.Fatal(err)
	}
	if u := lengthsAgree(t, s.db, "after removing a document"); u != 0 {
		t.Errorf("after removing a document: %d lengths unknown", u)
	}
	if err := s.RestoreDocument(ctx, snap); err != nil {
		t.Fatal(err)
	}
	if u := lengthsAgree(t, s.db, "after bringing it back"); u != 0 {
		t.Errorf("after bringing it back: %d lengths unknown", u)
	}
	// Behind the store's back: a changed text and a removed passage.
	for _, q := range []string{
		`UPDATE passages SET text = text || ' and more words at the end' WHERE id = 10`,
		`DELETE FROM passages WHERE id = 4200`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if u := lengthsAgree(t, s.db, "after changes behind the store's back"); u == 0 {
		t.Error("after changes behind the store's back: their blocks were kept")
	}
	// A new import refreshes only the blocks it writes to.
	if _, errs := s.ImportDocuments(ctx, nil); len(errs) > 0 {
		t.Fatal(errs)
	}

	out := filepath.Join(t.TempDir(), "recovered.dossier")
	if _, err := Recover(ctx, s.Path(), out); err != nil {
		t.Fatal(err)
	}
	r, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if u := lengthsAgree(t, r.db, "recovered"); u != 0 {
		t.Errorf("recovered: %d lengths unknown", u)
	}
}

// With the lengths stored, stopwords and common prefixes ("the", "con*")
// are ranked from their doclists too (they went to FTS5's bm25 over every
// match, 1.4 s for "the" at 1M passages): the same first page, with the
// same scores, as full bm25; and the same with some blocks missing, or
// none (a file whose blocks were lost falls back to the index's rows).
func TestRankTopStopwordsFromStoredLengths(t *testing.T) {
	const limit = 50
	s, _ := rankTopCorpus(t, 60)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 4 * limit
	ctx := context.Background()
	texts := []string{"the", "of", "and", "to", "th*", "co*", "con*"}
	check := func(stage string, wantTaken bool) {
		taken := 0
		for _, text := range texts {
			q, err := query.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			word, prefix, _ := singleWord(q)
			_, ok, err := (view{s.db}).topByFrequency(ctx, word, prefix, rankTopCandidates, limit)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				taken++
			}
			if ok && !wantTaken && text == "the" {
				t.Errorf("%s: the ranked from its doclist without stored lengths", stage)
			}
			samePageAsFullRanking(t, s, stage, text, q, limit)
		}
		if wantTaken && taken != len(texts) {
			t.Errorf("%s: %d of %d stopwords and prefixes ranked from their doclists", stage, taken, len(texts))
		}
	}
	check("lengths stored", true)
	if _, err := s.db.ExecContext(ctx, `DELETE FROM passage_lengths WHERE block = 1`); err != nil {
		t.Fatal(err)
	}
	check("a block missing", true)
	for id := int64(3); id <= 60; id += 11 {
		if _, err := s.RemoveDocument(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	check("after removing documents", true)
	if _, err := s.db.ExecContext(ctx, `DELETE FROM passage_lengths`); err != nil {
		t.Fatal(err)
	}
	check("no lengths stored", false)
}

// The lengths table is read whole into one slice; a damaged block (wrong
// size) is skipped, its passages looked up, not misread.
func TestDamagedLengthBlockIsSkipped(t *testing.T) {
	s, _ := rankTopCorpus(t, 12)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `UPDATE passage_lengths SET lens = x'0500' WHERE block = 0`); err != nil {
		t.Fatal(err)
	}
	if u := lengthsAgree(t, s.db, "a damaged block"); u < 1000 {
		t.Errorf("a damaged block: only %d lengths unknown", u)
	}
	// A block far past the passages (another program's row) would make
	// the table terabytes: none is read, every length looked up.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO passage_lengths (block, lens) VALUES (1 << 40, zeroblob(8192))`); err != nil {
		t.Fatal(err)
	}
	if table, err := loadLengths(ctx, s.db); err != nil || table != nil {
		t.Errorf("a block far past the passages: %d lengths read, %v", len(table), err)
	}
}

// Broad queries of several common words or a phrase are ranked from their
// doclists and the stored lengths (topByPhrases): the same first page,
// with the same scores, as FTS5's full bm25, footnotes weighed, as
// imported, with a block missing, and after documents are removed. (The
// phrases of this small corpus are all of stopwords, which are left to
// FTS5: the test reads them anyway, and then checks that they are left.)
func TestRankTopPhrasesAgreeWithFullRanking(t *testing.T) {
	const limit = 50
	s, _ := rankTopCorpus(t, 60)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 4 * limit
	defer func(f float64) { phraseStopword = f }(phraseStopword)
	phraseStopword = 0
	ctx := context.Background()
	texts := []string{
		"the campaign", "of the", "the of", `"of the"`, `"the president"`, `"in the"`, "trump the",
		`"of the" campaign`, `"to the" of`, "the and of to", `"the the"`, "campaigns the", "the THE",
	}
	check := func(stage string) {
		taken := 0
		for _, text := range texts {
			q, err := query.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			var matches int
			if err := s.db.QueryRow(`SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, q.MatchExpr()).Scan(&matches); err != nil {
				t.Fatal(err)
			}
			if matches <= RankAll {
				continue
			}
			_, ok, err := (view{s.db}).topByPhrases(ctx, q, rankTopCandidates, limit)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				taken++
			}
			samePageAsFullRanking(t, s, stage, text, q, limit)
		}
		if taken < 8 {
			t.Errorf("%s: only %d of %d queries ranked from their doclists", stage, taken, len(texts))
		}
	}
	check("as imported")
	if _, err := s.db.ExecContext(ctx, `DELETE FROM passage_lengths WHERE block = 0`); err != nil {
		t.Fatal(err)
	}
	check("a block missing")
	for id := int64(5); id <= 60; id += 9 {
		if _, err := s.RemoveDocument(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	check("after removing documents")

	// As shipped, a phrase holding a stopword is FTS5's to rank; words are
	// still read.
	phraseStopword = maxInstancesPerMatch
	for text, want := range map[string]bool{`"of the"`: false, `"the president"`: false, "the of": true, `"to the" of`: false} {
		q, err := query.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := (view{s.db}).topByPhrases(ctx, q, rankTopCandidates, limit); err != nil || ok != want {
			t.Errorf("%s: ranked from doclists %v, want %v (%v)", text, ok, want, err)
		}
		samePageAsFullRanking(t, s, "stopwords in phrases", text, q, limit)
	}
}

// phraseCount counts a phrase's occurrences from its tokens' positions.
func TestPhraseCount(t *testing.T) {
	for _, c := range []struct {
		first []uint32
		rest  [][]uint32
		want  uint32
	}{
		{[]uint32{0, 5, 9}, [][]uint32{{1, 6, 7}}, 2},
		{[]uint32{0, 5, 9}, [][]uint32{{1, 6, 10}, {2, 8, 11}}, 2},
		{[]uint32{3}, [][]uint32{{3}}, 0},
		{[]uint32{1, 2, 3}, [][]uint32{{1, 2, 3, 4}}, 3}, // "the the" in "the the the the"
		{[]uint32{4}, [][]uint32{{}}, 0},
	} {
		if got := phraseCount(c.first, c.rest); got != c.want {
			t.Errorf("phraseCount(%v, %v) = %d, want %d", c.first, c.rest, got, c.want)
		}
	}
}

// A stored length changed behind Dossier's back is named by a full check
// (it would rank a broad search out of order); the lengths the store
// keeps never are.
func TestCheckNamesWrongStoredLengths(t *testing.T) {
	s, _ := rankTopCorpus(t, 12)
	ctx := context.Background()
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("as imported: %v, %v", problems, err)
	}
	// Every passage of block 0 stored as 7 tokens long.
	if _, err := s.db.ExecContext(ctx, `UPDATE passage_lengths SET lens = replace(hex(zeroblob(4096)), '00', '0700') WHERE block = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE passage_lengths SET lens = unhex(lens) WHERE block = 0`); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "lengths stored for ranking disagree with the full-text index") {
		t.Errorf("wrong lengths: %q", problems)
	}
}

// rankingMatchesFullBM25 checks broad single words and prefixes, ranked
// from the stored lengths, against full bm25.
func rankingMatchesFullBM25(t *testing.T, s *Store, stage string) {
	t.Helper()
	for _, text := range []string{"the", "of", "and", "th*", "con*", "the of", `"of the"`} {
		q, err := query.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		samePageAsFullRanking(t, s, stage, text, q, 50)
	}
}

// Passages renumbered, or replaced, behind Dossier's back, then the index
// rebuilt from them (FTS5's own repair), leave no stored length wrong: the
// blocks of the ids involved are dropped (hostile pass: the triggers
// followed deletes and text changes only, and the stored lengths of
// renumbered passages were trusted, ranking "the" out of order while check
// said ok).
func TestLengthsFollowChangesBehindTheStoresBack(t *testing.T) {
	s, _ := rankTopCorpus(t, 60)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 200
	ctx := context.Background()
	for _, step := range []struct{ stage, sql string }{
		{"renumbered", `UPDATE passages SET id = -id WHERE id BETWEEN 1 AND 3000;
			UPDATE passages SET id = 3001 + id WHERE id < 0;
			INSERT INTO passages_fts(passages_fts) VALUES('rebuild')`},
		{"replaced", `REPLACE INTO passages (id, document_id, ordinal, start, end, text, lead, heading, footnote, page)
			SELECT id, document_id, ordinal, start, end, text || ' the the the', lead, heading, footnote, page FROM passages WHERE id BETWEEN 4100 AND 4200;
			INSERT INTO passages_fts(passages_fts) VALUES('rebuild')`},
	} {
		if _, err := s.db.ExecContext(ctx, step.sql); err != nil {
			t.Fatalf("%s: %v", step.stage, err)
		}
		rankingMatchesFullBM25(t, s, step.stage)
		// (The changed texts no longer match their documents: check
		// says so, and must say nothing of lengths.)
		if n, err := wrongLengths(ctx, s.db); err != nil || n > 0 {
			t.Errorf("%s: %d stored lengths wrong, %v", step.stage, n, err)
		}
	}
}

// A file whose table of lengths was dropped behind Dossier's back ranks
// as before (from the index's rows), and check names the missing table;
// opened again, the table is made and filled again, and documents can be
// removed (hostile pass: every broad search failed "no such table", so
// did every removal, through the triggers, and check said ok).
func TestDroppedLengthsTable(t *testing.T) {
	s, _ := rankTopCorpus(t, 30)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 200
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `DROP TABLE passage_lengths`); err != nil {
		t.Fatal(err)
	}
	rankingMatchesFullBM25(t, s, "table dropped")
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "passage lengths (passage_lengths) is missing") {
		t.Errorf("check: %q, %v", problems, err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if u := lengthsAgree(t, s.db, "opened again"); u != 0 {
		t.Errorf("opened again: %d lengths unknown", u)
	}
	if _, err := s.RemoveDocument(ctx, 7); err != nil {
		t.Fatalf("removing a document: %v", err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check, opened again: %q, %v", problems, err)
	}
	rankingMatchesFullBM25(t, s, "opened again")
}

// A read-only file of schema 11 (made before the stored lengths) is read
// as it is, ranked from the index's rows; one of schema 10 must still be
// made writable to be updated (hostile pass: every read-only file of an
// earlier release was refused once migration 0012 came).
func TestReadOnlyFileBeforeStoredLengths(t *testing.T) {
	s, _ := rankTopCorpus(t, 30)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 200
	q, _ := query.Parse("the")
	wantIDs, wantScores := fullRankingPage(t, s, q, 50)
	path := s.Path()
	ctx := context.Background()
	for _, sql := range append(UndoStateCheck(t), []string{
		`DROP TABLE claim_removals`, `DROP TABLE tag_alias_removals`, `ALTER TABLE tags DROP COLUMN by_hand`, `DROP TABLE saved_search_removals`, `DROP TABLE tag_removals`, `ALTER TABLE saved_searches DROP COLUMN updated_at`, `ALTER TABLE tags DROP COLUMN updated_at`, `DROP TABLE claim_link_removals`, `DROP TABLE tag_former_names`,
		`DROP TABLE passage_tag_removals`, `DROP TABLE document_tag_removals`, `DROP TABLE bookmark_removals`,
		`DROP TRIGGER passage_tags_decided`, `ALTER TABLE passage_tags DROP COLUMN decided_at`,
		`DROP TRIGGER passage_lengths_ai`, `DROP TRIGGER passage_lengths_ad`, `DROP TRIGGER passage_lengths_au`,
		`DROP TABLE passage_lengths`, `PRAGMA user_version = 11`,
	}...) {
		if _, err := s.db.ExecContext(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	r, err := Open(path)
	if err != nil {
		t.Fatalf("a read-only file of schema 11: %v", err)
	}
	if !r.ReadOnly() {
		t.Fatal("not opened read-only")
	}
	gotIDs, gotScores := searchPage(t, r, "the", 50, false)
	if !slices.Equal(gotIDs, wantIDs) || !slices.Equal(gotScores, wantScores) {
		t.Errorf("read-only, schema 11: differs from full bm25\n got %v\nwant %v", gotIDs, wantIDs)
	}
	if problems, err := r.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("check of a read-only file of schema 11: %v, %v", problems, err)
	}
	// Its annotations export, though its taggings have no decision dates
	// (migration 0013).
	if _, err := r.ExportBundle(ctx, ""); err != nil {
		t.Errorf("a bundle of a read-only file of schema 11: %v", err)
	}
	r.Close()

	os.Chmod(path, 0o644)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 10`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0o444)
	if r, err := Open(path); err == nil || !errors.Is(err, errOutdated) {
		if r != nil {
			r.Close()
		}
		t.Errorf("a read-only file of schema 10: %v, want it refused as outdated", err)
	}
}

// A word's doclist in several segments of the index (imports not yet
// merged) is read a segment at a time, newest first, and so not in
// passage order: the footnotes of an older segment's passages are still
// weighed as footnotes, and the page is full bm25's.
func TestRankTopAcrossSegments(t *testing.T) {
	const limit = 50
	s, _ := rankTopCorpusIn(t, 60, 3)
	defer func(n int) { rankTopCandidates = n }(rankTopCandidates)
	rankTopCandidates = 4 * limit
	ctx := context.Background()
	var segments int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM passages_fts_idx`).Scan(&segments); err != nil {
		t.Fatal(err)
	}
	if segments < 2 {
		t.Fatalf("the index is in %d segment(s); the test needs several", segments)
	}
	for _, text := range []string{"the", "of", "and", "co*", "con*", "th*"} {
		q, err := query.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		word, prefix, _ := singleWord(q)
		if _, ok, err := (view{s.db}).topByFrequency(ctx, word, prefix, rankTopCandidates, limit); err != nil || !ok {
			t.Fatalf("%s: not ranked from its doclist (%v)", text, err)
		}
		samePageAsFullRanking(t, s, "segments", text, q, limit)
	}
}
