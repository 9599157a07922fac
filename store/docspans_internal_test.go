package store

import (
	"bytes"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dossier/store/query"
)

// perDocumentCount is countMatches with its counts per document, in a read
// transaction as a search runs it; spansTaken says whether the spans were
// known for the state it read.
func perDocumentCount(t *testing.T, st *Store, userQuery string, countCap int) (n int, perDoc map[int64]int, ids []int64, spansTaken bool) {
	t.Helper()
	q, err := query.Parse(userQuery)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = st.readTx(ctx, func(v view) error {
		st.spans.mu.Lock()
		st.spans.notBefore = time.Time{} // a test does not wait its turn
		st.spans.mu.Unlock()
		_, spansTaken = v.documentSpans(ctx)
		n, _, ids, err = v.countMatches(ctx, q, ftsScope{}, []any{q.MatchExpr()}, countCap, &perDoc, true)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", userQuery, err)
	}
	return n, perDoc, ids, spansTaken
}

// referencePerDocument counts a query's first countCap matches per
// document by joining the index to the passages table, and the matches up
// to countCap+1, as countMatches promises.
func referencePerDocument(t *testing.T, st *Store, userQuery string, countCap int) (n int, perDoc map[int64]int) {
	t.Helper()
	q, err := query.Parse(userQuery)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.db.QueryContext(context.Background(), `SELECT p.document_id FROM passages_fts f JOIN passages p ON p.id = f.rowid
		WHERE passages_fts MATCH ? ORDER BY f.rowid LIMIT ?`, q.MatchExpr(), countCap+1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	perDoc = map[int64]int{}
	for rows.Next() {
		var doc int64
		if err := rows.Scan(&doc); err != nil {
			t.Fatal(err)
		}
		if n++; n <= countCap {
			perDoc[doc]++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return n, perDoc
}

// awaitSpans waits until the spans of the index as it stands are read
// (known: runs or not), starting a build if none runs.
func awaitSpans(t *testing.T, st *Store) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var structure []byte
		if err := st.db.QueryRowContext(context.Background(), commonTermsStructure).Scan(&structure); err != nil {
			t.Fatal(err)
		}
		st.spans.mu.Lock()
		st.spans.notBefore = time.Time{}
		st.spans.mu.Unlock()
		st.spans.lookup(st, structure)
		st.spans.mu.Lock()
		known := bytes.Equal(st.spans.structure, structure) && !st.spans.building
		st.spans.mu.Unlock()
		if known {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the spans were never read")
		}
		time.Sleep(time.Millisecond)
	}
}

// checkPerDocument compares countMatches with the join for each query and
// cap, and says whether the spans served every count.
func checkPerDocument(t *testing.T, st *Store, queries []string) (allBySpans bool) {
	t.Helper()
	allBySpans = true
	for _, q := range queries {
		for _, countCap := range []int{1, 7, 40, CountCap} {
			n, perDoc, ids, taken := perDocumentCount(t, st, q, countCap)
			wantN, wantPerDoc := referencePerDocument(t, st, q, countCap)
			if n != wantN || !maps.Equal(perDoc, wantPerDoc) {
				t.Errorf("%q cap %d (spans %v): %d matches %v, want %d %v", q, countCap, taken, n, perDoc, wantN, wantPerDoc)
			}
			if len(ids) != wantN || !slices.IsSorted(ids) {
				t.Errorf("%q cap %d (spans %v): ids %v, want %d ascending", q, countCap, taken, ids, wantN)
			}
			allBySpans = allBySpans && taken
		}
	}
	return allBySpans
}

// Counting per document by the spans gives what the join gives, at every
// cap, before the spans are read (the join) and after; an import or a
// deletion is counted at once; and the spans are what is used (a span
// planted for another document moves the count).
func TestCountsPerDocumentBySpans(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "spans.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	words := func(i int) string { return []string{"zeppelin", "walrus zeppelin", "walrus", "quiet"}[i%4] }
	importPassages(t, st, "alpha", 30, words)
	importPassages(t, st, "beta", 45, words)
	importPassages(t, st, "gamma", 12, words)
	queries := []string{"zeppelin", "walrus", "walrus zeppelin", "zep*", "walrus -zeppelin", `"mentions walrus"`, "nothinghere"}

	if checkPerDocument(t, st, queries) {
		t.Fatal("the first counts of a new state were served by spans never read")
	}
	awaitSpans(t, st)
	if st.spans.spans == nil {
		t.Fatal("three documents imported in turn: not read as runs")
	}
	if !checkPerDocument(t, st, queries) {
		t.Fatal("the spans were read, but a count did not use them")
	}

	// A new state: counted at once (by the join), then by its spans.
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteDocument(context.Background(), docs[1].ID); err != nil {
		t.Fatal(err)
	}
	importPassages(t, st, "delta", 20, words)
	if checkPerDocument(t, st, queries) {
		t.Fatal("counts after an import used the spans of the state before it")
	}
	awaitSpans(t, st)
	if !checkPerDocument(t, st, queries) {
		t.Fatal("the new state's spans were not used")
	}

	// The spans are what counts: the first document's span planted for
	// another document moves its matches there.
	st.spans.mu.Lock()
	planted := slices.Clone(st.spans.spans)
	from, to := planted[0].doc, planted[1].doc
	planted[0].doc = to
	st.spans.spans = planted
	st.spans.mu.Unlock()
	_, perDoc, _, taken := perDocumentCount(t, st, "zeppelin", CountCap)
	_, want := referencePerDocument(t, st, "zeppelin", CountCap)
	if !taken || perDoc[from] != 0 || perDoc[to] != want[from]+want[to] {
		t.Fatalf("with a planted span: %v (spans %v), want document %d's matches under %d (true counts %v)", perDoc, taken, from, to, want)
	}
}

// A document whose passage ids are not one run (a program wrote one far
// from the rest) leaves the state without spans: the counts join, and stay
// right.
func TestCountsPerDocumentWithoutRuns(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "scattered.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	words := func(i int) string { return []string{"zeppelin", "walrus"}[i%2] }
	importPassages(t, st, "alpha", 10, words)
	importPassages(t, st, "beta", 10, words)
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(context.Background(), `INSERT INTO passages (id, document_id, ordinal, start, end, text)
		VALUES (5000, ?, 99, 0, 8, 'zeppelin')`, docs[0].ID); err != nil {
		t.Fatal(err)
	}
	awaitSpans(t, st)
	if st.spans.spans != nil {
		t.Fatalf("a document in two runs read as spans %v", st.spans.spans)
	}
	if checkPerDocument(t, st, []string{"zeppelin", "walrus", "zep*"}) {
		t.Fatal("counts used spans the state does not have")
	}
}

// perDocument refuses ids outside every span (the join then counts), and
// counts only the first countCap.
func TestPerDocumentBySpans(t *testing.T) {
	spans := []span{{1, 10, 7}, {11, 11, 8}, {20, 29, 9}}
	for _, c := range []struct {
		ids      []int64
		countCap int
		want     map[int64]int
		ok       bool
	}{
		{[]int64{1, 5, 10, 11, 20, 29}, 100, map[int64]int{7: 3, 8: 1, 9: 2}, true},
		{[]int64{1, 5, 10, 11, 20, 29}, 4, map[int64]int{7: 3, 8: 1}, true},
		{[]int64{2, 25}, 100, map[int64]int{7: 1, 9: 1}, true},
		{nil, 100, map[int64]int{}, true},
		{[]int64{1, 15}, 100, nil, false},              // in the gap
		{[]int64{0}, 100, nil, false},                  // before the first
		{[]int64{5, 30}, 100, nil, false},              // past the last
		{[]int64{5, 25}, 1, map[int64]int{7: 1}, true}, // past the cap: not counted
		{[]int64{5, 300}, 1, nil, false},               // past the cap, and in no span
	} {
		got, ok := perDocument(spans, c.ids, c.countCap)
		if ok != c.ok || (ok && !maps.Equal(got, c.want)) {
			t.Errorf("perDocument(%v, cap %d) = %v, %v; want %v, %v", c.ids, c.countCap, got, ok, c.want, c.ok)
		}
	}
}

// Close waits for a build that runs, and none starts after it.
func TestCloseWaitsForTheSpans(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "closing.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	importPassages(t, st, "alpha", 50, func(int) string { return "zeppelin" })
	ended := make(chan struct{}, 1)
	st.spans.built = func() {
		time.Sleep(50 * time.Millisecond) // a build that takes its time
		ended <- struct{}{}
	}
	var structure []byte
	if err := st.db.QueryRowContext(context.Background(), commonTermsStructure).Scan(&structure); err != nil {
		t.Fatal(err)
	}
	if _, ok := st.spans.lookup(st, structure); ok {
		t.Fatal("spans known before any build")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ended:
	default:
		t.Fatal("Close returned before the build ended")
	}
	if _, ok := st.spans.lookup(st, []byte("another state")); ok {
		t.Fatal("spans known for a state never read")
	}
	st.spans.builds.Wait()
	select {
	case <-ended:
		t.Fatal("a build started after Close")
	default:
	}
}

// An index row without its passage (a program's SQL, or damage) is
// dropped by the join; the spans, which hold no such id, leave the count
// to the join, the id past the cap as well (hostile pass: counted, it made
// 10 matches read as "more than 10").
func TestCountsPerDocumentWithOrphanIndexRows(t *testing.T) {
	st, err := Open(filepath.Join(t.TempDir(), "orphan.dossier"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	importPassages(t, st, "odd-a", 10, func(int) string { return "zeppelin" })
	importPassages(t, st, "even-b", 10, func(int) string { return "zeppelin walrus" })
	importPassages(t, st, "odd-c", 10, func(int) string { return "zeppelin" })
	deleteTitled(t, st, "even-b") // ids 11-20 free
	for _, id := range []int64{15, 999, -3} {
		if _, err := st.db.ExecContext(context.Background(), `INSERT INTO passages_fts (rowid, text) VALUES (?, 'zeppelin walrus')`, id); err != nil {
			t.Fatal(err)
		}
		awaitSpans(t, st)
		for _, q := range []string{"zeppelin", "walrus", "zepp*"} {
			for _, countCap := range []int{1, 5, 10, 11, 20, CountCap} {
				wantN, wantPerDoc, wantIDs, _ := byJoin(t, st, q, countCap)
				n, perDoc, ids, _ := perDocumentCount(t, st, q, countCap)
				if n != wantN || !maps.Equal(perDoc, wantPerDoc) || !slices.Equal(ids, wantIDs) {
					t.Errorf("orphan %d, %q cap %d: %d matches %v %v; the join %d %v %v", id, q, countCap, n, perDoc, ids, wantN, wantPerDoc, wantIDs)
				}
			}
		}
	}
}

// byJoin is perDocumentCount with the spans put out of reach: the join.
func byJoin(t *testing.T, st *Store, userQuery string, countCap int) (n int, perDoc map[int64]int, ids []int64, spansTaken bool) {
	t.Helper()
	st.spans.mu.Lock()
	kept, closed := st.spans.structure, st.spans.closed
	st.spans.structure, st.spans.closed = nil, true
	st.spans.mu.Unlock()
	defer func() {
		st.spans.mu.Lock()
		st.spans.structure, st.spans.closed = kept, closed
		st.spans.mu.Unlock()
	}()
	n, perDoc, ids, spansTaken = perDocumentCount(t, st, userQuery, countCap)
	if spansTaken {
		t.Fatal("the spans were taken while put out of reach")
	}
	return n, perDoc, ids, spansTaken
}
