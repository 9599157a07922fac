package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store/ingest"
	"dossier/store/query"
)

// commonIn asks commonTerm, in a read transaction as a search does, whether
// word is common.
func commonIn(t *testing.T, st *Store, word string) bool {
	t.Helper()
	var common bool
	err := st.readTx(context.Background(), func(v view) error {
		var err error
		common, err = v.commonTerm(context.Background(), query.Term{Kind: query.Word, Text: word})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return common
}

// importWordPassages imports a document of n passages, each holding word.
func importWordPassages(t *testing.T, st *Store, title, word string, n int) {
	t.Helper()
	importPassages(t, st, title, n, func(int) string { return word })
}

// importPassages imports a document of n passages, passage i holding
// words(i).
func importPassages(t *testing.T, st *Store, title string, n int, words func(i int) string) {
	t.Helper()
	var text strings.Builder
	doc := &ingest.Document{Title: title, FileName: title + ".txt", Format: "text"}
	for i := range n {
		start := text.Len()
		fmt.Fprintf(&text, "Passage %d of %s mentions %s.", i, title, words(i))
		doc.Passages = append(doc.Passages, ingest.Span{Start: start, End: text.Len()})
		text.WriteString("\n\n")
	}
	doc.Text = text.String()
	doc.Hash = fmt.Sprintf("%s-%d", title, n)
	if _, errs := st.ImportDocuments(context.Background(), []*ingest.Document{doc}); errs[0] != nil {
		t.Fatal(errs[0])
	}
}

// openTenThousand opens a new research file for a test that imports some
// 10,000 passages (skipped with -short), closed when the test ends.
func openTenThousand(t *testing.T, name string) *Store {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: imports 10,000 passages")
	}
	st, err := Open(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// deleteTitled deletes the documents called title.
func deleteTitled(t *testing.T, st *Store, title string) {
	t.Helper()
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Title == title {
			if err := st.DeleteDocument(context.Background(), d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// A term's commonness is kept between searches only while the index stays
// as it was: the answer of one state is used again (the planted answer
// comes back), and an import that makes the word common is seen at once.
func TestCommonTermsFollowTheIndex(t *testing.T) {
	st := openTenThousand(t, "common.dossier")
	importWordPassages(t, st, "few", "zeppelin", 20)
	if commonIn(t, st, "zeppelin") {
		t.Fatal("zeppelin in 20 passages: common")
	}
	if len(st.commonTerms.df) != 1 {
		t.Fatalf("kept answers %v, want zeppelin's", st.commonTerms.df)
	}
	// The answer kept for this state is the one given.
	for k := range st.commonTerms.df {
		st.commonTerms.df[k] = CommonDF + 1
	}
	if !commonIn(t, st, "zeppelin") {
		t.Fatal("the kept answer was not used")
	}
	for k := range st.commonTerms.df {
		st.commonTerms.df[k] = 20
	}
	// Past CommonDF passages the word is common, whatever was kept.
	importWordPassages(t, st, "many", "zeppelin", CommonDF)
	if !commonIn(t, st, "zeppelin") {
		t.Fatalf("zeppelin in %d passages: not common (a stale answer)", CommonDF+20)
	}
	// Deleting them makes it rare again.
	deleteTitled(t, st, "many")
	if commonIn(t, st, "zeppelin") {
		t.Fatal("zeppelin back in 20 passages: still common (a stale answer)")
	}
	// Counted from the index's pages (pagesDF), exactly, deletions and all.
	err := st.readTx(context.Background(), func(v view) error {
		df, ok, err := v.pagesDF(context.Background(), query.Term{Kind: query.Word, Text: "zeppelins"})
		if err == nil && (!ok || df != 20) {
			t.Errorf("pagesDF(zeppelins) = %d, %v; want 20 read from the index", df, ok)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A prefix's count is read from the index's pages as FTS5 counts
// "prefix*": a long prefix's from its terms, each passage once however many
// of them it holds; a prefix of 2 or 3 letters (as stemmed: "runs" is
// "run") from that prefix index; below the cap, at it, and after a
// deletion.
func TestPrefixCountedFromPages(t *testing.T) {
	st := openTenThousand(t, "prefix.dossier")
	check := func(prefix string) {
		t.Helper()
		var df, want int
		var ok bool
		err := st.readTx(context.Background(), func(v view) error {
			var err error
			if df, ok, err = v.pagesDF(context.Background(), query.Term{Kind: query.Prefix, Text: prefix}); err != nil {
				return err
			}
			return v.db.QueryRowContext(context.Background(), `SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`,
				prefix+"*", CommonDF+1).Scan(&want)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !ok || df != want {
			t.Fatalf("pagesDF(%s*) = %d, %v; FTS5 counts %d", prefix, df, ok, want)
		}
	}
	importPassages(t, st, "mixed", 300, func(i int) string {
		return []string{"zeppelin", "zeppola", "zeppelin zeppola", "walrus", "rung running"}[i%5]
	})
	// Longer than the prefix indexes, and as long as each (read from it).
	for _, prefix := range []string{"zepp", "zeppe", "zeppo", "walru", "quux", "ze", "zep", "wa", "wal", "qu", "runs", "run", "ru"} {
		check(prefix)
	}
	importWordPassages(t, st, "many", "zeppelins", CommonDF)
	check("zepp")
	check("ze")
	check("zep")
	deleteTitled(t, st, "many")
	check("zepp")
	check("ze")
	check("zep")
	// A prefix of more than one token, or shorter than the prefix
	// indexes, is FTS5's to count.
	err := st.readTx(context.Background(), func(v view) error {
		for _, prefix := range []string{"zepp-elin", "z"} {
			if _, ok, err := v.pagesDF(context.Background(), query.Term{Kind: query.Prefix, Text: prefix}); err != nil || ok {
				t.Errorf("pagesDF(%s*): ok %v, %v; want FTS5's count", prefix, ok, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
