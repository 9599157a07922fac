package fts5read

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// The index as the app declares it (store/migrations/0001_init.sql), over
// a content table kept in step by triggers, so that deletes and updates
// reach the index as 'delete' commands.
const schema = `
CREATE TABLE passages (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content = 'passages', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER passages_au AFTER UPDATE OF text ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;`

func openDB(t *testing.T, ddl string) *sql.DB {
	t.Helper()
	// Durability is no concern here; speed is.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "t.db")+"?_pragma=synchronous(off)&_pragma=journal_mode(memory)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	exec(t, db, ddl)
	return db
}

func exec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// setOption sets an FTS5 configuration option such as pgsz or automerge.
func setOption(t *testing.T, db *sql.DB, table, name string, value int) {
	t.Helper()
	exec(t, db, fmt.Sprintf(`INSERT INTO %s(%s, rank) VALUES (?, ?)`, table, table), name, value)
}

// words is a vocabulary drawn with a skewed distribution, so that some
// terms are in most rows and others in a few; "campaign" is the commonest.
var words = func() []string {
	w := []string{"campaign", "the", "sanctions", "election", "moscow"}
	for i := range 300 {
		w = append(w, fmt.Sprintf("w%03dx", i))
	}
	return w
}()

func text(r *rand.Rand, n int) string {
	out := make([]string, n)
	for i := range out {
		// Squaring a uniform draw favours the first words.
		f := r.Float64()
		out[i] = words[int(f*f*float64(len(words)))]
	}
	return strings.Join(out, " ")
}

// vocab returns every term's counts as the fts5vocab instance table gives
// them: the reference Counts must match.
func vocab(t *testing.T, db *sql.DB, table string) map[string][]Count {
	t.Helper()
	exec(t, db, `CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_`+table+` USING fts5vocab(main, `+table+`, instance)`)
	rows, err := db.Query(`SELECT term, doc, count(*) FROM temp.vocab_` + table + ` GROUP BY term, doc ORDER BY term, doc`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string][]Count{}
	for rows.Next() {
		var term string
		var c Count
		if err := rows.Scan(&term, &c.Rowid, &c.N); err != nil {
			t.Fatal(err)
		}
		want[term] = append(want[term], c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}

// check compares Counts with fts5vocab for terms (every indexed term when
// nil) and for terms the index does not hold, before, between and after
// its terms.
func check(t *testing.T, db *sql.DB, table string, terms []string) {
	t.Helper()
	want := vocab(t, db, table)
	if terms == nil {
		for term := range want {
			terms = append(terms, term)
		}
		slices.Sort(terms)
	}
	terms = append(terms, "", "a", "campaig", "campaigns", "w150", "w150xx", "zzzz", "\xff")
	// One read transaction: a file lock for each query would cost more
	// than the reading.
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, term := range terms {
		got, err := Counts(context.Background(), tx, table, term)
		if err != nil {
			t.Fatalf("%q: %v", term, err)
		}
		if w := want[term]; !slices.Equal(got, w) {
			t.Fatalf("%q: %d rows, fts5vocab %d\n got %v\nwant %v", term, len(got), len(w), head(got), head(w))
		}
		checkPositions(t, tx, table, term, got)
		checkEach(t, tx, table, 0, term, got)
	}
	checkPrefixes(t, tx, table, want)
	checkReader(t, tx, table, want, terms)
}

// checkReader reads through one Reader kept for the whole transaction
// (snapshot: the structure record read once) what the package's functions
// read opening one each: every term's count and rows, and its prefixes'.
func checkReader(t *testing.T, tx *sql.Tx, table string, want map[string][]Count, terms []string) {
	t.Helper()
	ctx := context.Background()
	var structure []byte
	if err := tx.QueryRow(`SELECT block FROM "` + table + `_data" WHERE id = 10`).Scan(&structure); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, tx, table, structure)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i, term := range terms {
		w := want[term]
		for _, limit := range []int{1, len(w) / 2, len(w), len(w) + 1} {
			n, err := r.CountUpTo(ctx, 0, term, limit)
			if err != nil || n != min(max(limit, 1), len(w)) && !(len(w) == 0 && n == 0) {
				t.Fatalf("%q: Reader.CountUpTo(%d) = %d, %v; %d rows", term, limit, n, err, len(w))
			}
		}
		var rows []Count
		if err := r.Each(ctx, 0, term, func() { rows = rows[:0] }, func(rowid int64, n uint32) { rows = append(rows, Count{Rowid: rowid, N: n}) }); err != nil {
			t.Fatalf("%q: Reader.Each: %v", term, err)
		}
		slices.SortStableFunc(rows, func(a, b Count) int { return cmp.Compare(a.Rowid, b.Rowid) })
		plain := make([]Count, len(w))
		for i, c := range w {
			plain[i] = Count{Rowid: c.Rowid, N: c.N}
		}
		if !slices.Equal(rows, plain) {
			t.Fatalf("%q: Reader.Each gave %v\nwant %v", term, head(rows), head(plain))
		}
		once, errA := Pages(ctx, tx, table, 0, term)
		kept, errB := r.Pages(ctx, 0, term)
		if errA != nil || errB != nil || once != kept {
			t.Fatalf("%q: Reader.Pages %d, %v; Pages %d, %v", term, kept, errB, once, errA)
		}
		if i%max(1, len(terms)/24) != 0 {
			continue // prefixes: a sample, as checkPrefixes reads them
		}
		for _, prefix := range []string{term, term[:min(2, len(term))]} {
			once, err := CountPrefixUpTo(ctx, tx, table, 0, prefix, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := r.CountPrefixUpTo(ctx, 0, prefix, 1<<30)
			if err != nil || kept != once {
				t.Fatalf("prefix %q: Reader.CountPrefixUpTo = %d, %v; CountPrefixUpTo %d", prefix, kept, err, once)
			}
			var a, b []int64
			errA := EachPrefix(ctx, tx, table, 0, prefix, term, func() { a = a[:0] }, func(id int64) { a = append(a, id) })
			errB := r.EachPrefix(ctx, 0, prefix, term, func() { b = b[:0] }, func(id int64) { b = append(b, id) })
			slices.Sort(a)
			slices.Sort(b)
			if errA != nil || errB != nil || !slices.Equal(a, b) {
				t.Fatalf("prefix %q except %q: Reader.EachPrefix %d rows, %v; EachPrefix %d, %v", prefix, term, len(b), errB, len(a), errA)
			}
		}
	}
}

// checkPrefixes compares EachPrefix with fts5vocab for prefixes of the
// index's terms (of 1, 2 and 4 bytes, whole terms, the empty prefix) and
// for some no term has: a row once for each term of the prefix it holds.
func checkPrefixes(t *testing.T, tx *sql.Tx, table string, want map[string][]Count) {
	t.Helper()
	set := map[string]bool{"": true, "zzzz": true, "\xff": true, "campaig": true}
	var terms []string
	for term := range want {
		terms = append(terms, term)
	}
	slices.Sort(terms)
	for i, term := range terms {
		if i%max(1, len(terms)/12) == 0 {
			set[term] = true
			for _, n := range []int{1, 2, 4} {
				set[term[:min(n, len(term))]] = true
			}
		}
	}
	for prefix := range set {
		// Every other prefix leaves out its most frequent term.
		except, most := "", 0
		for _, term := range terms {
			if strings.HasPrefix(term, prefix) && len(want[term]) > most && len(prefix)%2 == 0 {
				except, most = term, len(want[term])
			}
		}
		var rows []int64
		for _, term := range terms {
			if strings.HasPrefix(term, prefix) && term != except {
				for _, c := range want[term] {
					rows = append(rows, c.Rowid)
				}
			}
		}
		slices.Sort(rows)
		var got []int64
		starts := 0
		err := EachPrefix(context.Background(), tx, table, 0, prefix, except, func() { starts++; got = got[:0] }, func(rowid int64) {
			got = append(got, rowid)
		})
		if err != nil {
			t.Fatalf("prefix %q: EachPrefix: %v", prefix, err)
		}
		if starts != 1 {
			t.Fatalf("prefix %q: EachPrefix started %d times on an index nothing changed", prefix, starts)
		}
		slices.Sort(got)
		if !slices.Equal(got, rows) {
			t.Fatalf("prefix %q except %q: EachPrefix gave %d rows, fts5vocab %d\n got %v\nwant %v", prefix, except, len(got), len(rows), got[:min(len(got), 20)], rows[:min(len(rows), 20)])
		}
		// CountPrefixUpTo counts each row once, whatever its terms.
		var all []int64
		for _, term := range terms {
			if strings.HasPrefix(term, prefix) {
				for _, c := range want[term] {
					all = append(all, c.Rowid)
				}
			}
		}
		slices.Sort(all)
		distinct := len(slices.Compact(all))
		for _, limit := range []int{1, distinct / 2, distinct, distinct + 1} {
			n, err := CountPrefixUpTo(context.Background(), tx, table, 0, prefix, limit)
			if err != nil || n != min(max(limit, 1), distinct) && !(distinct == 0 && n == 0) {
				t.Fatalf("prefix %q: CountPrefixUpTo(%d) = %d, %v; %d distinct rows", prefix, limit, n, err, distinct)
			}
		}
	}
}

// checkEach compares Each's rows, in whatever order it gives them, with
// Counts': the same rows, each once, with the same counts.
func checkEach(t *testing.T, q Querier, table string, index int, term string, counts []Count) {
	t.Helper()
	got, starts := eachSorted(t, q, table, index, term)
	if err := starts.err; err != nil {
		t.Fatalf("%q: Each: %v", term, err)
	}
	if starts.n != 1 {
		t.Fatalf("%q: Each started %d times on an index nothing changed", term, starts.n)
	}
	want := make([]Count, len(counts))
	for i, c := range counts {
		want[i] = Count{Rowid: c.Rowid, N: c.N}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%q: Each gave %d rows, Counts %d\n got %v\nwant %v", term, len(got), len(want), head(got), head(want))
	}
	for _, limit := range []int{1, len(want) / 2, len(want), len(want) + 1} {
		n, err := CountUpTo(context.Background(), q, table, index, term, limit)
		if err != nil || n != min(max(limit, 1), len(want)) && !(len(want) == 0 && n == 0) {
			t.Fatalf("%q: CountUpTo(%d) = %d, %v; %d rows", term, limit, n, err, len(want))
		}
	}
}

type eachRun struct {
	n   int // times start was called
	err error
}

// eachSorted is Each's rows of the last attempt, in rowid order, a row
// given twice kept twice.
func eachSorted(t *testing.T, q Querier, table string, index int, term string) ([]Count, eachRun) {
	var got []Count
	var run eachRun
	run.err = Each(context.Background(), q, table, index, term, func() { run.n++; got = got[:0] }, func(rowid int64, n uint32) {
		got = append(got, Count{Rowid: rowid, N: n})
	})
	slices.SortStableFunc(got, func(a, b Count) int { return cmp.Compare(a.Rowid, b.Rowid) })
	return got, run
}

// checkPositions compares Positions with fts5vocab's instances of term:
// the same rows as Counts, and each row's offsets. A term found in a
// column other than the first is not read (ErrUnsupported).
func checkPositions(t *testing.T, tx *sql.Tx, table, term string, counts []Count) {
	t.Helper()
	rows, err := tx.Query(`SELECT doc, col, offset FROM temp.vocab_`+table+` WHERE term = ? ORDER BY doc, offset`, term)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type inst struct {
		doc int64
		off uint32
	}
	var want []inst
	firstColumnOnly := true
	var firstCol string
	if err := tx.QueryRow(`SELECT name FROM pragma_table_info(?) ORDER BY cid LIMIT 1`, table).Scan(&firstCol); err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var i inst
		var col string
		if err := rows.Scan(&i.doc, &col, &i.off); err != nil {
			t.Fatal(err)
		}
		firstColumnOnly = firstColumnOnly && col == firstCol
		want = append(want, i)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	cs, pos, err := Positions(context.Background(), tx, table, 0, term)
	if !firstColumnOnly {
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("%q in several columns: Positions gave %v, want ErrUnsupported", term, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%q: positions: %v", term, err)
	}
	var got []inst
	for i, c := range cs {
		if c.Rowid != counts[i].Rowid || c.N != counts[i].N {
			t.Fatalf("%q: Positions row %d is %v, Counts %v", term, i, c, counts[i])
		}
		for _, p := range pos[c.Off : c.Off+c.N] {
			got = append(got, inst{c.Rowid, p})
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%q: %d positions, fts5vocab %d\n got %v\nwant %v", term, len(got), len(want), got[:min(len(got), 20)], want[:min(len(want), 20)])
	}
}

func head(c []Count) []Count { return c[:min(len(c), 20)] }

func insertRows(t *testing.T, db *sql.DB, r *rand.Rand, ids []int64, length int) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, err := tx.Exec(`INSERT INTO passages(id, text) VALUES (?, ?)`, id, text(r, 1+r.IntN(length))); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func seq(from, to int64) []int64 {
	var s []int64
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

func segments(t *testing.T, db *sql.DB, table string) []segment {
	t.Helper()
	var b []byte
	if err := db.QueryRow(`SELECT block FROM ` + table + `_data WHERE id = 10`).Scan(&b); err != nil {
		t.Fatal(err)
	}
	segs, err := parseStructure(b)
	if err != nil {
		t.Fatal(err)
	}
	return segs
}

func TestFreshIndex(t *testing.T) {
	db := openDB(t, schema)
	check(t, db, "passages_fts", nil) // no segments yet
	insertRows(t, db, rand.New(rand.NewPCG(1, 1)), seq(1, 300), 40)
	check(t, db, "passages_fts", nil)
}

// Small pages put terms and doclists across page boundaries, and split
// long position lists (a row repeating a word) over several pages.
func TestSmallPages(t *testing.T) {
	for _, pgsz := range []int{32, 64, 200} {
		t.Run(fmt.Sprint(pgsz), func(t *testing.T) {
			db := openDB(t, schema)
			setOption(t, db, "passages_fts", "pgsz", pgsz)
			r := rand.New(rand.NewPCG(2, uint64(pgsz)))
			insertRows(t, db, r, seq(1, 150), 30)
			exec(t, db, `INSERT INTO passages(id, text) VALUES (1000, ?), (1001, ?)`,
				strings.Repeat("campaign ", 500)+"moscow", "the "+strings.Repeat("election w001x ", 300))
			insertRows(t, db, r, seq(1002, 1100), 30)
			check(t, db, "passages_fts", nil)
		})
	}
}

// A term longer than a page leaves no room on its page for its doclist:
// merging puts the doclist's first rowid at the start of the next page.
func TestTermsLongerThanPages(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "pgsz", 32)
	r := rand.New(rand.NewPCG(9, 9))
	for i := range int64(4) {
		ids := seq(i*20+1, i*20+20)
		insertRows(t, db, r, ids, 10)
		exec(t, db, `UPDATE passages SET text = text || ' xx1234567890123456789012345678901234567890 '
			|| 'yy1234567890123456789012345678901234567890 campaign' WHERE id BETWEEN ? AND ? AND id % 3 = 0`, ids[0], ids[len(ids)-1])
	}
	exec(t, db, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`)
	check(t, db, "passages_fts", nil)
}

// One segment per transaction, none merged: a rowid's entries are spread
// over many segments, and each segment ends on some term.
func TestManySegments(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "automerge", 0)
	setOption(t, db, "passages_fts", "crisismerge", 2000)
	setOption(t, db, "passages_fts", "pgsz", 64)
	r := rand.New(rand.NewPCG(3, 3))
	for i := range int64(60) {
		insertRows(t, db, r, seq(i*5+1, i*5+5), 20)
	}
	if n := len(segments(t, db, "passages_fts")); n < 50 {
		t.Fatalf("%d segments, want many", n)
	}
	check(t, db, "passages_fts", nil)
}

// Deletes and updates leave delete markers (and re-added rows) in newer
// segments for rows that older ones still hold; merges then fold them in,
// and incremental merges leave input segments trimmed to their last pages.
func TestDeletesUpdatesAndMerges(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "automerge", 0)
	setOption(t, db, "passages_fts", "crisismerge", 2000)
	setOption(t, db, "passages_fts", "pgsz", 100)
	r := rand.New(rand.NewPCG(4, 4))
	for i := range int64(8) {
		insertRows(t, db, r, seq(i*50+1, i*50+50), 25)
	}
	exec(t, db, `DELETE FROM passages WHERE id % 7 = 0`)
	exec(t, db, `UPDATE passages SET text = text || ' campaign campaign' WHERE id % 5 = 0`)
	exec(t, db, `UPDATE passages SET text = 'moscow' WHERE id % 11 = 0`)
	exec(t, db, `DELETE FROM passages WHERE id BETWEEN 100 AND 180`)
	// Each delete through the trigger writes segments: hundreds of them,
	// so every term is checked only once they are merged.
	sample := []string{"campaign", "the", "moscow"}
	for i := 5; i < len(words); i += 13 {
		sample = append(sample, words[i])
	}
	check(t, db, "passages_fts", sample)
	for range 6 {
		exec(t, db, `INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', 3)`)
		check(t, db, "passages_fts", sample)
	}
	trimmed := false
	for _, s := range segments(t, db, "passages_fts") {
		trimmed = trimmed || s.first > 1
	}
	if !trimmed {
		t.Error("no segment trimmed by the incremental merges")
	}
	exec(t, db, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`)
	if n := len(segments(t, db, "passages_fts")); n != 1 {
		t.Errorf("%d segments after optimize", n)
	}
	check(t, db, "passages_fts", nil)
	exec(t, db, `DELETE FROM passages WHERE id % 3 = 0`)
	exec(t, db, `INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', -16)`)
	check(t, db, "passages_fts", nil)
}

// Thousands of rows holding a word: its doclist spans many pages and gets
// a doclist index, at the default page size.
func TestLongDoclist(t *testing.T) {
	db := openDB(t, schema)
	r := rand.New(rand.NewPCG(5, 5))
	setOption(t, db, "passages_fts", "pgsz", 1000)
	insertRows(t, db, r, seq(1, 6000), 12)
	exec(t, db, `UPDATE passages SET text = text || ' campaign' WHERE id % 2 = 0`)
	exec(t, db, `DELETE FROM passages WHERE id % 13 = 0`)
	var dlidx int
	if err := db.QueryRow(`SELECT count(*) FROM passages_fts_idx WHERE pgno & 1`).Scan(&dlidx); err != nil {
		t.Fatal(err)
	}
	if dlidx == 0 {
		t.Error("no doclist index built")
	}
	check(t, db, "passages_fts", []string{"campaign", "the", "sanction", "w000x", "w150x", "w299x"})
}

// Random inserts, deletes and updates over random transactions, merges and
// settings; each state checked (a fixed seed keeps failures repeatable).
func TestRandomHistory(t *testing.T) {
	db := openDB(t, schema)
	r := rand.New(rand.NewPCG(2016, 12))
	setOption(t, db, "passages_fts", "pgsz", 48)
	next := int64(1)
	for step := range 40 {
		switch r.IntN(4) {
		case 0:
			setOption(t, db, "passages_fts", "automerge", r.IntN(5))
		case 1:
			setOption(t, db, "passages_fts", "pgsz", 32+r.IntN(300))
		}
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for range 1 + r.IntN(30) {
			var q string
			var args []any
			switch k := r.IntN(10); {
			case k < 5:
				// Rows come in out of order too, which flushes the index.
				id := next + int64(r.IntN(20)) - 10
				next++
				q, args = `INSERT OR REPLACE INTO passages(id, text) VALUES (?, ?)`, []any{id, text(r, 1+r.IntN(40))}
			case k < 8:
				q, args = `DELETE FROM passages WHERE id = ?`, []any{r.Int64N(next + 1)}
			default:
				q, args = `UPDATE passages SET text = ? WHERE id = ?`, []any{text(r, 1+r.IntN(40)), r.Int64N(next + 1)}
			}
			if _, err := tx.Exec(q, args...); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if step%9 == 8 {
			exec(t, db, `INSERT INTO passages_fts(passages_fts, rank) VALUES ('merge', ?)`, 1+r.IntN(20))
		}
		terms := []string{"campaign", "the", "moscow", "elect"}
		for range 6 {
			terms = append(terms, words[5+r.IntN(len(words)-5)])
		}
		check(t, db, "passages_fts", terms)
	}
	check(t, db, "passages_fts", nil)
}

// Terms in several columns are separated by column markers in position
// lists; negative rowids are stored as huge unsigned ones.
func TestColumnsAndNegativeRowids(t *testing.T) {
	db := openDB(t, `CREATE VIRTUAL TABLE t USING fts5(a, b, c)`)
	setOption(t, db, "t", "pgsz", 64)
	r := rand.New(rand.NewPCG(6, 6))
	for id := int64(-100); id <= 100; id += 3 {
		exec(t, db, `INSERT INTO t(rowid, a, b, c) VALUES (?, ?, ?, ?)`, id, text(r, 10), text(r, 10), text(r, 200))
	}
	exec(t, db, `DELETE FROM t WHERE rowid % 4 = 0`)
	check(t, db, "t", nil)
}

// contentless_delete tables write the version 2 structure record; deletes
// from them leave tombstone pages, which Counts does not read.
func TestStructureV2AndTombstones(t *testing.T) {
	db := openDB(t, `CREATE VIRTUAL TABLE t USING fts5(x, content = '', contentless_delete = 1)`)
	// Deleting many rows would merge their segments, leaving no tombstones.
	setOption(t, db, "t", "automerge", 0)
	setOption(t, db, "t", "deletemerge", 0)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range int64(5) {
		tx, _ := db.Begin()
		for id := i*40 + 1; id <= i*40+40; id++ {
			if _, err := tx.Exec(`INSERT INTO t(rowid, x) VALUES (?, ?)`, id, text(r, 20)); err != nil {
				t.Fatal(err)
			}
		}
		tx.Commit()
	}
	var b []byte
	db.QueryRow(`SELECT block FROM t_data WHERE id = 10`).Scan(&b)
	if len(b) < 8 || string(b[4:8]) != "\xff\x00\x00\x01" {
		t.Fatalf("structure record % x: not version 2", b[:min(len(b), 8)])
	}
	check(t, db, "t", nil)
	exec(t, db, `DELETE FROM t WHERE rowid % 3 = 0`)
	if _, err := Counts(context.Background(), db, "t", "campaign"); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("with tombstones: %v, want ErrUnsupported", err)
	}
}

func TestUnsupportedOptions(t *testing.T) {
	for _, c := range []struct{ ddl, after string }{
		{`CREATE VIRTUAL TABLE t USING fts5(x, detail=column)`, ""},
		{`CREATE VIRTUAL TABLE t USING fts5(x, detail = 'none')`, ""},
		{`CREATE VIRTUAL TABLE t USING fts5(x, tokendata=1)`, ""},
		// Secure-delete on, then (version 5) used.
		{`CREATE VIRTUAL TABLE t USING fts5(x)`, `INSERT INTO t(t, rank) VALUES ('secure-delete', 1)`},
		{`CREATE VIRTUAL TABLE t USING fts5(x)`, `INSERT INTO t(t, rank) VALUES ('secure-delete', 1);
			DELETE FROM t WHERE rowid = 1`},
	} {
		db := openDB(t, c.ddl)
		exec(t, db, `INSERT INTO t(rowid, x) VALUES (1, 'campaign'), (2, 'campaign campaign')`)
		if c.after != "" {
			exec(t, db, c.after)
		}
		if _, err := Counts(context.Background(), db, "t", "campaign"); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s %s: %v, want ErrUnsupported", c.ddl, c.after, err)
		}
	}
	db := openDB(t, `CREATE VIRTUAL TABLE t USING fts5(x, detail=full)`)
	exec(t, db, `INSERT INTO t(rowid, x) VALUES (1, 'campaign'), (2, 'campaign campaign')`)
	check(t, db, "t", nil)
}

// A damaged page is refused, never read as something else.
func TestDamagedPages(t *testing.T) {
	for _, damage := range []string{
		`UPDATE passages_fts_data SET block = substr(block, 1, 3) WHERE id BETWEEN ? AND ?`,
		`UPDATE passages_fts_data SET block = x'0000ffff' WHERE id BETWEEN ? AND ?`,
		`UPDATE passages_fts_data SET block = x'00040008ff' WHERE id BETWEEN ? AND ?`,
		`DELETE FROM passages_fts_data WHERE id BETWEEN ? AND ?`,
	} {
		db := openDB(t, schema)
		setOption(t, db, "passages_fts", "pgsz", 64)
		insertRows(t, db, rand.New(rand.NewPCG(8, 8)), seq(1, 100), 30)
		seg := segments(t, db, "passages_fts")[0]
		exec(t, db, damage, pageRowid(seg.id, seg.first), pageRowid(seg.id, seg.last))
		if _, err := Counts(context.Background(), db, "passages_fts", "campaign"); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", damage, err)
		}
	}
}

func TestCountPositions(t *testing.T) {
	for _, c := range []struct {
		list []byte
		n    uint32
		ok   bool
	}{
		{nil, 0, true},
		{[]byte{2, 3, 0x81, 0x00}, 3, true},
		{[]byte{2, 1, 2, 5}, 2, true},       // column 2 from its position 3
		{[]byte{1, 0x81, 0x00, 2}, 1, true}, // column 128
		{[]byte{2, 0}, 0, false},
		{[]byte{2, 1, 2}, 0, false},
		{[]byte{0x81}, 0, false},
	} {
		n, err := countPositions(c.list)
		if (err == nil) != c.ok || n != c.n {
			t.Errorf("% x: %d, %v", c.list, n, err)
		}
	}
}

// writingQuerier commits a new row before each read of pages, as another
// connection may between the reads of a pool. (It prepares nothing, so
// that every query passes through it.)
type writingQuerier struct {
	db     *sql.DB
	writes int
}

func (w *writingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if w.writes > 0 && strings.Contains(query, "BETWEEN") {
		w.writes--
		if _, err := w.db.ExecContext(ctx, `INSERT INTO passages(text) VALUES ('campaign campaign')`); err != nil {
			return nil, err
		}
	}
	return w.db.QueryContext(ctx, query, args...)
}

func (w *writingQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return w.db.QueryRowContext(ctx, query, args...)
}

// Counts reads the index again when it changed while being read, and gives
// up (to fts5vocab) when it keeps changing.
func TestIndexChangingWhileRead(t *testing.T) {
	db := openDB(t, schema)
	insertRows(t, db, rand.New(rand.NewPCG(10, 10)), seq(1, 50), 10)
	got, err := Counts(context.Background(), &writingQuerier{db: db, writes: 1}, "passages_fts", "campaign")
	if err != nil {
		t.Fatal(err)
	}
	if want := vocab(t, db, "passages_fts")["campaign"]; !slices.Equal(got, want) || got[len(got)-1] != (Count{Rowid: 51, N: 2}) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	if _, err := Counts(context.Background(), &writingQuerier{db: db, writes: 100}, "passages_fts", "campaign"); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("%v, want ErrUnsupported", err)
	}
	// Each starts over, so that the caller drops what the first attempt
	// gave it.
	each, run := eachSorted(t, &writingQuerier{db: db, writes: 1}, "passages_fts", 0, "campaign")
	if want := vocab(t, db, "passages_fts")["campaign"]; run.err != nil || run.n != 2 || !slices.Equal(each, want) {
		t.Fatalf("Each: %v, started %d times, rows %v\nwant %v", run.err, run.n, each, want)
	}
	if _, run := eachSorted(t, &writingQuerier{db: db, writes: 100}, "passages_fts", 0, "campaign"); !errors.Is(run.err, ErrUnsupported) {
		t.Fatalf("Each: %v, want ErrUnsupported", run.err)
	}
	// So does EachPrefix.
	var rows []int64
	starts := 0
	err = EachPrefix(context.Background(), &writingQuerier{db: db, writes: 1}, "passages_fts", 0, "campaig", "", func() { starts++; rows = rows[:0] }, func(r int64) { rows = append(rows, r) })
	slices.Sort(rows)
	var want []int64
	for _, c := range vocab(t, db, "passages_fts")["campaign"] {
		want = append(want, c.Rowid)
	}
	if err != nil || starts != 2 || !slices.Equal(rows, want) {
		t.Fatalf("EachPrefix: %v, started %d times, rows %v\nwant %v", err, starts, rows, want)
	}
	err = EachPrefix(context.Background(), &writingQuerier{db: db, writes: 100}, "passages_fts", 0, "campaig", "", func() {}, func(int64) {})
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("EachPrefix: %v, want ErrUnsupported", err)
	}
	// And CountPrefixUpTo, which stops early but still checks the index
	// did not change under it.
	n, err := CountPrefixUpTo(context.Background(), &writingQuerier{db: db, writes: 1}, "passages_fts", 0, "campaig", 1000)
	if now := len(vocab(t, db, "passages_fts")["campaign"]); err != nil || n != now {
		t.Fatalf("CountPrefixUpTo: %d, %v; want %d", n, err, now)
	}
	if _, err := CountPrefixUpTo(context.Background(), &writingQuerier{db: db, writes: 100}, "passages_fts", 0, "campaig", 2); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("CountPrefixUpTo stopped early on a changing index: %v, want ErrUnsupported", err)
	}
}

// A hostile or damaged research file can hold any bytes in its index's
// pages: whatever they are, Counts answers or refuses, and never panics
// (a panic in the window's background ranking would take the app down).
// Each round corrupts a few random bytes of one page or of the structure
// record, truncates or extends it, and reads several terms.
func TestCorruptPagesNeverPanic(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "pgsz", 64)
	setOption(t, db, "passages_fts", "automerge", 0)
	r := rand.New(rand.NewPCG(2016, 12))
	for i := int64(0); i < 4; i++ {
		insertRows(t, db, r, seq(1+i*60, 60+i*60), 40)
	}
	exec(t, db, `DELETE FROM passages WHERE id % 7 = 0`)
	var ids []int64
	rows, err := db.Query(`SELECT id FROM passages_fts_data WHERE id >= 10`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	rounds := 600
	if testing.Short() {
		rounds = 150
	}
	terms := []string{"campaign", "the", "w010x", "w299x", "moscow"}
	for round := range rounds {
		id := ids[r.IntN(len(ids))]
		var orig []byte
		if err := db.QueryRow(`SELECT block FROM passages_fts_data WHERE id = ?`, id).Scan(&orig); err != nil {
			t.Fatal(err)
		}
		bad := slices.Clone(orig)
		switch r.IntN(4) {
		case 0: // truncated
			bad = bad[:r.IntN(len(bad)+1)]
		case 1: // extended with noise
			for range 1 + r.IntN(8) {
				bad = append(bad, byte(r.IntN(256)))
			}
		default: // bytes changed
			for range 1 + r.IntN(4) {
				if len(bad) > 0 {
					bad[r.IntN(len(bad))] = byte(r.IntN(256))
				}
			}
		}
		exec(t, db, `UPDATE passages_fts_data SET block = ? WHERE id = ?`, bad, id)
		for _, term := range terms {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("round %d, page %d (%d → %d bytes), %q: panic %v", round, id, len(orig), len(bad), term, p)
					}
				}()
				Counts(context.Background(), db, "passages_fts", term)
				Each(context.Background(), db, "passages_fts", 0, term, func() {}, func(int64, uint32) {})
				EachPrefix(context.Background(), db, "passages_fts", 0, term[:2], term, func() {}, func(int64) {})
			}()
		}
		exec(t, db, `UPDATE passages_fts_data SET block = ? WHERE id = ?`, orig, id)
	}
}

// A prefix index holds, for each token's first two (index 1) or three
// (index 2) characters, the rows and counts of every token that begins
// with them: CountsIn agrees with the main index's terms summed, after
// deletions and merges too.
func TestPrefixIndexes(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "pgsz", 128)
	r := rand.New(rand.NewPCG(3, 3))
	insertRows(t, db, r, seq(1, 300), 30)
	exec(t, db, `DELETE FROM passages WHERE id % 5 = 0`)
	insertRows(t, db, r, seq(301, 400), 30)
	for stage := range 2 {
		vocabCounts := vocab(t, db, "passages_fts")
		for index, n := range []int{2, 3} {
			want := map[string]map[int64]uint32{}
			for term, cs := range vocabCounts {
				if len(term) < n {
					continue
				}
				p := term[:n]
				if want[p] == nil {
					want[p] = map[int64]uint32{}
				}
				for _, c := range cs {
					want[p][c.Rowid] += c.N
				}
			}
			if len(want) < 5 {
				t.Fatalf("%d prefixes of %d", len(want), n)
			}
			for p, rows := range want {
				got, err := CountsIn(context.Background(), db, "passages_fts", index+1, p)
				if err != nil {
					t.Fatalf("%q: %v", p, err)
				}
				var w []Count
				for id, c := range rows {
					w = append(w, Count{Rowid: id, N: c})
				}
				slices.SortFunc(w, func(a, b Count) int { return cmp.Compare(a.Rowid, b.Rowid) })
				if !slices.Equal(got, w) {
					t.Fatalf("stage %d, %q in prefix index %d: %d rows, want %d\n got %v\nwant %v", stage, p, index+1, len(got), len(w), head(got), head(w))
				}
				checkEach(t, db, "passages_fts", index+1, p, got)
			}
		}
		exec(t, db, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`)
	}
}

// Asked to give up on a term more frequent than perRow a row, CountsUnless
// does so for a stopword-like term and answers in full for the others.
func TestCountsUnlessTooMany(t *testing.T) {
	db := openDB(t, schema)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 10000; id++ {
		text := "the the the the the campaign"
		if id%3 == 0 {
			text += " moscow"
		}
		if _, err := tx.Exec(`INSERT INTO passages(id, text) VALUES (?, ?)`, id, text); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := CountsUnless(ctx, db, "passages_fts", 0, "the", 3); !errors.Is(err, ErrTooMany) {
		t.Errorf("the, 5 a row: %v, want ErrTooMany", err)
	}
	for _, term := range []string{"campaign", "moscow"} {
		got, err := CountsUnless(ctx, db, "passages_fts", 0, term, 3)
		want, _ := Counts(ctx, db, "passages_fts", term)
		if err != nil || !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d rows, %v; want %d", term, len(got), err, len(want))
		}
	}
}

// Pages counts, from the b-trees alone, about as many leaf pages as a
// term's doclist fills: one per segment for a rare term, more for a common
// one, as many as its bytes need. (A term whose page holds the start of a
// long doclist after it counts that doclist's pages too: "zebra" comes
// last here.)
func TestPagesEstimate(t *testing.T) {
	db := openDB(t, schema)
	setOption(t, db, "passages_fts", "pgsz", 200)
	for i := range int64(2000) {
		text := "moscow"
		if i%100 == 0 {
			text += " zebra"
		}
		exec(t, db, `INSERT INTO passages (id, text) VALUES (?, ?)`, i+1, text)
	}
	exec(t, db, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`)
	segs := int64(len(segments(t, db, "passages_fts")))
	rare, err := Pages(context.Background(), db, "passages_fts", 0, "zebra")
	if err != nil {
		t.Fatal(err)
	}
	common, err := Pages(context.Background(), db, "passages_fts", 0, "moscow")
	if err != nil {
		t.Fatal(err)
	}
	// 2,000 entries of ~3 bytes in pages of 200 bytes: some 30 pages.
	if segs != 1 || rare > 2 || common < 20 || common > 60 {
		t.Fatalf("%d segments: zebra %d pages, moscow %d", segs, rare, common)
	}
}

// A Reader kept for a read transaction reads the state of the index the
// transaction sees, however the index changes meanwhile: its structure
// record, read once, and the pages it names stay that state's (WAL).
func TestReaderSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(wal)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec(t, db, schema)
	insertRows(t, db, rand.New(rand.NewPCG(11, 11)), seq(1, 300), 12)
	ctx := context.Background()
	before := vocab(t, db, "passages_fts")["campaign"]
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var structure []byte
	if err := tx.QueryRow(`SELECT block FROM passages_fts_data WHERE id = 10`).Scan(&structure); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, tx, "passages_fts", structure)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, err := r.CountUpTo(ctx, 0, "campaign", 1<<30); err != nil || n != len(before) {
		t.Fatalf("CountUpTo = %d, %v; want %d", n, err, len(before))
	}
	// Another connection adds rows holding the word, deletes some, and
	// merges the index into one new segment.
	insertRows(t, db, rand.New(rand.NewPCG(12, 12)), seq(301, 600), 12)
	exec(t, db, `DELETE FROM passages WHERE id % 3 = 0`)
	exec(t, db, `INSERT INTO passages_fts(passages_fts) VALUES ('optimize')`)
	after := vocab(t, db, "passages_fts")["campaign"]
	if len(after) == len(before) {
		t.Fatal("the writes did not change the word's rows")
	}
	if n, err := r.CountUpTo(ctx, 0, "campaign", 1<<30); err != nil || n != len(before) {
		t.Fatalf("after the writes: CountUpTo = %d, %v; the transaction's state has %d", n, err, len(before))
	}
	if n, err := r.CountPrefixUpTo(ctx, 0, "campaig", 1<<30); err != nil || n != len(before) {
		t.Fatalf("after the writes: CountPrefixUpTo = %d, %v; the transaction's state has %d", n, err, len(before))
	}
	tx.Rollback()
	fresh, err := CountUpTo(ctx, db, "passages_fts", 0, "campaign", 1<<30)
	if err != nil || fresh != len(after) {
		t.Fatalf("a new read: %d, %v; want %d", fresh, err, len(after))
	}
}

// prefixOption reads the prefix indexes as FTS5 does, and gives up (nil)
// on anything it cannot be sure of.
func TestPrefixOption(t *testing.T) {
	for ddl, want := range map[string][]int{
		`CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'porter', prefix = '2 3')`:  {2, 3},
		`CREATE VIRTUAL TABLE f USING fts5(text, prefix='3 2')`:                         {3, 2},
		`CREATE VIRTUAL TABLE f USING fts5(text, PREFIX=2, prefix="3,4")`:               {2, 3, 4},
		`CREATE VIRTUAL TABLE f USING fts5(text,prefix=4)`:                              {4},
		`CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'porter')`:                  nil,
		`CREATE VIRTUAL TABLE f USING fts5(text, prefix='2 x')`:                         nil,
		`CREATE VIRTUAL TABLE f USING fts5(text, prefix='0')`:                           nil,
		`CREATE VIRTUAL TABLE f USING fts5(prefixes, prefix='2')`:                       nil,
		`CREATE VIRTUAL TABLE f USING fts5(text, content='prefix_table', prefix='2 3')`: nil,
	} {
		if got := prefixOption(ddl); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", ddl, got, want)
		}
	}
	// And FTS5 agrees on the ones it accepts: a table made so answers a
	// prefix query of each length from the index PrefixIndex names.
	db := openDB(t, `CREATE VIRTUAL TABLE f USING fts5(text, prefix='3 2')`)
	exec(t, db, `INSERT INTO f(rowid, text) VALUES (1, 'theory'), (2, 'thaw'), (3, 'other')`)
	r, err := Open(context.Background(), db, "f", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for prefix, want := range map[string]int{"th": 2, "the": 1} {
		index := r.PrefixIndex(len(prefix))
		n, err := r.CountUpTo(context.Background(), index, prefix, 100)
		if err != nil || n != want || index == 0 {
			t.Errorf("%s*: index %d, %d rows, %v; want %d", prefix, index, n, err, want)
		}
	}
}
