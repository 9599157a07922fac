package app

import (
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"dossier/store/query"
)

// keystroke types one character at the end of the search box, as the user
// does, and waits until the search it starts has shown its results. It
// returns how many store calls (uses of the connection pool: a call read in
// one transaction is one) and query parses that cost.
func (u *testUI) keystroke(t *testing.T, ch string) (calls, parses int64) {
	t.Helper()
	st, _ := u.store()
	calls0, parses0 := st.PoolUses(), query.ParseCount()
	u.do(func() {
		e := u.search.entry
		e.CursorRow, e.CursorColumn = 0, utf8.RuneCountInString(e.Text)
		test.Type(e, ch)
	})
	return st.PoolUses() - calls0, query.ParseCount() - parses0
}

// One keystroke costs one store call and one parse of the query: the page
// of hits with its counts, bookmarks and tags comes from one read
// transaction (store.SearchPage).
func TestKeystrokeCostsOneStoreCallAndOneParse(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimni")
	calls, parses := u.keystroke(t, "k")
	if got := u.search.entry.Text; got != "kilimnik" {
		t.Fatalf("search box %q, want kilimnik", got)
	}
	if u.results.query != "kilimnik" || u.results.hitCount() != 2 {
		t.Fatalf("results for %q with %d hits, want kilimnik's 2", u.results.query, u.results.hitCount())
	}
	if calls != 1 || parses != 1 {
		t.Errorf("one keystroke made %d store calls and %d query parses, want 1 and 1", calls, parses)
	}
}

// With the results grouped by document and a document open in the reader,
// a keystroke still costs one store call and one parse: the per-document
// counts and the reader's new highlights come with the page.
func TestKeystrokeWithReaderOpenAndGroupedCostsOneCall(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik", 13)
	u.do(func() { u.setGrouped(true) })
	u.find("manafor")
	calls, parses := u.keystroke(t, "t")
	if got := u.search.entry.Text; got != "manafort" {
		t.Fatalf("search box %q, want manafort", got)
	}
	if calls != 1 || parses != 1 {
		t.Errorf("one keystroke made %d store calls and %d query parses, want 1 and 1", calls, parses)
	}
	if u.results.docHits == nil {
		t.Error("grouped results have no per-document counts")
	}
	r := u.reader
	if r.query != "manafort" || len(r.hits) == 0 {
		t.Fatalf("reader highlights %q with %d hits, want manafort's", r.query, len(r.hits))
	}
	for _, h := range r.hits {
		p := r.passages[h.passage]
		m := r.matches[p.ID][h.rng]
		if got := p.Text[m.Start:m.End]; got != "Manafort" {
			t.Errorf("reader marks %q in passage %d, want Manafort", got, p.Ordinal)
		}
	}
}

// A keystroke whose word matches nothing yet is completed as a prefix
// ("kilim" finds Kilimnik), still in one store call and one parse.
func TestCompletingKeystrokeCostsOneCall(t *testing.T) {
	u := newTestUI(t)
	u.find("kili")
	calls, parses := u.keystroke(t, "m")
	if got := u.results.heading.Text(); got != "Results for kilim*" {
		t.Fatalf("heading %q, want Results for kilim*", got)
	}
	if calls != 1 || parses != 1 {
		t.Errorf("one keystroke made %d store calls and %d query parses, want 1 and 1", calls, parses)
	}
}

// After an annotation changes, whether the search runs again (filters such
// as actor: depend on annotations) is read from the listed page: the window
// parses no query of its own, and a rerun costs the store's one parse.
func TestAnnotationChangeParsesNoQuery(t *testing.T) {
	u := newTestUI(t)
	for _, c := range []struct {
		q      string
		parses int64
	}{{"kilimnik", 0}, {"actor:kilimnik", 1}} {
		u.find(c.q)
		if len(u.results.items) == 0 {
			t.Fatalf("%s: no results", c.q)
		}
		parses := query.ParseCount()
		u.do(u.annotationsChanged)
		if n := query.ParseCount() - parses; n != c.parses {
			t.Errorf("%s: an annotation change parsed the query %d times, want %d (the rerun's, in the store)", c.q, n, c.parses)
		}
	}
}

// An annotation change while the search box's search is still to come
// starts it at once, quietly (as it did when the window parsed the text to
// see its filters): the status line keeps the change's message.
func TestAnnotationChangeDuringPendingSearch(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() {
		u.search.entry.SetText("actor:kilimnik") // debounced: not run yet
		u.status.setMessage("Bookmark added.")
		u.annotationsChanged()
	})
	if u.results.typed != "actor:kilimnik" || len(u.results.items) == 0 {
		t.Fatalf("results for %q (%d)", u.results.typed, len(u.results.items))
	}
	if got := u.status.message.Text; got != "Bookmark added." {
		t.Errorf("status %q, want the change's message kept", got)
	}
}

// worker.after runs its function on the UI goroutine once, and waiting
// covers it; stopped in time, it never runs and waiting does not hang.
func TestWorkerAfter(t *testing.T) {
	newSerialApp(t)
	var w worker
	ran := 0
	w.after(0, func() { ran++ })
	w.wait()
	if ran != 1 {
		t.Fatalf("ran %d times after waiting, want once", ran)
	}
	stop := w.after(time.Hour, func() { ran++ })
	if !stop() {
		t.Fatal("stop reports it was too late for an hour's delay")
	}
	w.wait() // would hang if stopping left the job counted
	if ran != 1 {
		t.Errorf("a stopped job ran")
	}
	stop = w.after(0, func() { ran++ })
	w.wait()
	if stop() || ran != 2 {
		t.Errorf("stop after the job ran: reported in time, or the job ran %d times in all", ran)
	}
}

// worker.later runs its function on the UI goroutine once the delay has
// passed, but waiting does not sit the delay out (the query history's pause
// is an hour in tests); stopped in time, it never runs.
func TestWorkerLater(t *testing.T) {
	newSerialApp(t)
	var w worker
	stop := w.later(time.Hour, func() { t.Error("a stopped job ran") })
	w.wait() // would hang if the hour counted as pending work
	if !stop() {
		t.Fatal("stop reports it was too late for an hour's delay")
	}
	ran := make(chan struct{})
	stop = w.later(0, func() { close(ran) })
	<-ran // it runs, without anyone waiting for it
	w.wait()
	if stop() {
		t.Error("stop after the job ran reports it was in time")
	}
}

// Opening a result in the reader is one store call and one parse: the
// document, its matches for the query, bookmarks and tags come together
// (store.ReadDocument).
func TestOpeningAResultCostsOneCall(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.reader.reset() }) // as if nothing were open yet
	st, _ := u.store()
	calls, parses := st.PoolUses(), query.ParseCount()
	u.do(func() { u.results.list.Select(hitIndex(t, u, 13)) })
	if p, ok := u.reader.currentPassage(); !ok || p.Ordinal != 13 || len(u.reader.hits) == 0 {
		t.Fatalf("reader: passage %+v (ok %v) with %d hits, want passage 13 with kilimnik's", p, ok, len(u.reader.hits))
	}
	if c, p := st.PoolUses()-calls, query.ParseCount()-parses; c != 1 || p != 1 {
		t.Errorf("opening a result made %d store calls and %d query parses, want 1 and 1", c, p)
	}
}

// A search that matched nothing marks nothing in the document open in the
// reader, though one of its words stands there: the reader said "691 hits
// in this document" beside "No passages match" (found by a UI pass).
func TestASearchThatMatchedNothingMarksNothingInTheReader(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(hitIndex(t, u, 13)) })
	if len(u.reader.hits) == 0 {
		t.Fatal("kilimnik: no hits in the reader")
	}
	u.find("kilimnik zzyzxnotaword")
	u.work.waitIdleJobs()
	var hits int
	var label string
	u.do(func() { hits, label = len(u.reader.hits), u.reader.hitLabel.Text() })
	if hits != 0 || label != "" {
		t.Errorf("after a search that matched nothing the reader counts %d hits (%q)", hits, label)
	}
	u.find("kilimnik")
	u.work.waitIdleJobs()
	u.do(func() { hits = len(u.reader.hits) })
	if hits == 0 {
		t.Error("kilimnik again: the reader marks nothing")
	}
}
