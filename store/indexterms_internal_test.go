package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"dossier/store/query"
)

// indexTermsOf tokenizes a list of words in one pass as the index does,
// each word as it would alone: stems, folded accents, and "" for what is
// not exactly one token (two words, punctuation, nothing).
func TestIndexTermsOfAgreesWordByWord(t *testing.T) {
	st := openEmpty(t)
	ctx := context.Background()
	words := []string{"Campaigns", "running", "e-mail", "U.S.", "—", "", "Müller", "naïve", "3rd", "a b", "campaigns", "Campaigns", "kilimnik"}
	known := map[string]string{"Campaigns": "campaign", "running": "run", "e-mail": "", "—": "", "": "", "Müller": "muller", "a b": "", "kilimnik": "kilimnik"}
	err := st.readTx(ctx, func(v view) error {
		// A search cancelled mid-way may have left rows in the scratch
		// table; they must not count with the words.
		if _, ok, err := indexTermsOf(ctx, v.db, []string{"warm"}); err != nil || !ok {
			t.Fatalf("tokenizing: %v, %v", ok, err)
		}
		if _, err := v.db.ExecContext(ctx, `INSERT INTO temp.rank_word(rowid, t) VALUES (1, 'left behind'), (40, 'stray words')`); err != nil {
			t.Fatal(err)
		}
		all, ok, err := indexTermsOf(ctx, v.db, words)
		if err != nil || !ok {
			t.Fatalf("batch: %v, %v", ok, err)
		}
		for _, w := range words {
			alone, ok, err := indexTermsOf(ctx, v.db, []string{w})
			if err != nil || !ok {
				t.Fatalf("%q alone: %v, %v", w, ok, err)
			}
			if all[w] != alone[w] {
				t.Errorf("%q: %q in a list, %q alone", w, all[w], alone[w])
			}
			if want, ok := known[w]; ok && all[w] != want {
				t.Errorf("%q: index term %q, want %q", w, all[w], want)
			}
			term, one, err := indexTerm(ctx, v.db, w)
			if err != nil || term != all[w] || one != (all[w] != "") {
				t.Errorf("indexTerm(%q) = %q, %v, %v; want %q", w, term, one, err, all[w])
			}
		}
		var left int
		if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM temp.rank_word`).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%d rows left in the scratch table, %v", left, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A query's new words are tokenized together, in one pass, when its plan
// first needs one of them, and not again by the next keystroke.
func TestSearchTokenizesItsWordsOnce(t *testing.T) {
	st := openEmpty(t)
	importPassages(t, st, "Greek", 40, func(i int) string {
		return []string{"alpha beta gamma", "alpha gamma", "beta gammas", "delta"}[i%4]
	})
	var passes [][]string
	tokenizing = func(words []string) { passes = append(passes, slices.Clone(words)) }
	defer func() { tokenizing = nil }()
	ctx := context.Background()
	search := func(q string) int {
		t.Helper()
		pg, err := st.SearchPage(ctx, PageRequest{SearchRequest: SearchRequest{Query: q, CompleteLastWord: true, QuickCount: true}, CountDocuments: true})
		if err != nil {
			t.Fatal(err)
		}
		return pg.Total
	}
	if n := search("alpha beta gamm*"); n != 10 {
		t.Fatalf("alpha beta gamm*: %d matches, want 10", n)
	}
	if len(passes) != 1 {
		t.Fatalf("tokenized in %d passes (%q), want one", len(passes), passes)
	}
	for _, w := range []string{"alpha", "beta", "gamm"} {
		if !slices.Contains(passes[0], w) {
			t.Errorf("the pass %q left out %q", passes[0], w)
		}
	}
	passes = nil
	if n := search("alpha beta gamma*"); n != 10 {
		t.Fatalf("alpha beta gamma*: %d matches, want 10", n)
	}
	if len(passes) != 1 || !slices.Equal(passes[0], []string{"gamma"}) {
		t.Fatalf("the next keystroke tokenized %q, want only its new word", passes)
	}
}

// A connection whose scratch tables are missing, or half made (the
// vocabulary table missing: a tokenizerTables cancelled between its two
// statements), makes them again and tokenizes as before.
func TestIndexTermsOfRemakesItsScratchTables(t *testing.T) {
	st := openEmpty(t)
	ctx := context.Background()
	err := st.readTx(ctx, func(v view) error {
		for _, drop := range [][]string{
			{`DROP TABLE temp.rank_word_terms`},
			{`DROP TABLE temp.rank_word_terms`, `DROP TABLE temp.rank_word`},
		} {
			if _, ok, err := indexTermsOf(ctx, v.db, []string{"warm"}); err != nil || !ok {
				t.Fatalf("tokenizing: %v, %v", ok, err)
			}
			for _, sql := range drop {
				if _, err := v.db.ExecContext(ctx, sql); err != nil {
					t.Fatal(err)
				}
			}
			terms, ok, err := indexTermsOf(ctx, v.db, []string{"Campaigns", "running"})
			if err != nil || !ok || terms["Campaigns"] != "campaign" || terms["running"] != "run" {
				t.Fatalf("after %q: %v, %v, %v", drop, terms, ok, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A file whose index was made with other prefix indexes than Dossier's
// ('2 3'), which Dossier opens read-only, has its short prefixes counted
// from the index that holds their length, or by FTS5: never from a
// doclist FTS5 would not read (hostile pass: `th*` counted 0 with
// prefix='3 2', and the ranking changed).
func TestPrefixCountsFollowTheTablesPrefixIndexes(t *testing.T) {
	for _, option := range []string{`, prefix='3 2'`, `, prefix='3'`, ``, `, prefix = 2, prefix = "3"`} {
		t.Run(option, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "prefixes.dossier")
			st, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			importPassages(t, st, "words", 400, func(i int) string {
				return []string{"theory thistle", "thaw", "runs running", "rung", "wh"}[i%5]
			})
			st.Close()
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			for _, stmt := range []string{
				`DROP TABLE passages_fts`,
				`CREATE VIRTUAL TABLE passages_fts USING fts5(text, content = 'passages', content_rowid = 'id',
					tokenize = 'porter unicode61 remove_diacritics 2'` + option + `)`,
				`INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')`,
			} {
				if _, err := db.Exec(stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			db.Close()
			if st, err = Open(path); err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			err = st.readTx(ctx, func(v view) error {
				for _, prefix := range []string{"th", "the", "thi", "ru", "run", "runs", "wh", "thist"} {
					df, ok, err := v.pagesDF(ctx, query.Term{Kind: query.Prefix, Text: prefix})
					if err != nil {
						return err
					}
					var want int
					if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?`, prefix+"*").Scan(&want); err != nil {
						return err
					}
					if ok && df != want {
						t.Errorf("pagesDF(%s*) = %d; FTS5 counts %d", prefix, df, want)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// openEmpty opens a new research file, closed when the test ends.
func openEmpty(t *testing.T) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "test.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
