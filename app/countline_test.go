package app

import (
	"strings"
	"testing"

	"dossier/store"
)

// When the total is capped, the documents are counted among the first
// matches only: the status line must not give that count as the whole.
// ("More than 10,000 passages in 14 documents" for "of the" over 21 copies
// of the Mueller report, every one of which matches.)
func TestCappedCountDoesNotUnderstateDocuments(t *testing.T) {
	res := &store.Results{Total: store.CountCap, Capped: true, Ranked: false}
	line := countLine(res, 14, "")
	if strings.Contains(line, " in 14 documents") {
		t.Errorf("status %q gives the documents among the first %d matches as all of them", line, store.CountCap)
	}
	if !strings.Contains(line, "14") {
		t.Errorf("status %q drops the documents counted", line)
	}
	exact := countLine(&store.Results{Total: 12, Ranked: true}, 3, "")
	if !strings.HasPrefix(exact, "12 passages in 3 documents") {
		t.Errorf("uncapped status %q", exact)
	}
}

// From the library, the status line says a search is under way until its
// first page comes: it had kept saying "Type to search." with the query in
// the box, for seconds on a busy machine (found by the UI pass).
func TestStatusSaysASearchIsUnderWay(t *testing.T) {
	u := newTestUI(t)
	if got := u.status.message.Text; !strings.HasSuffix(got, "Type to search.") {
		t.Fatalf("the library's status %q", got)
	}
	var during string
	u.a.onUI(func() {
		u.search.entry.SetText("kilimnik")
		if !u.search.flush() { // start it now, as the debounce would
			t.Error("no search pending after typing")
		}
		during = u.status.message.Text // the first page is applied later, by fyne.Do
	})
	u.work.wait()
	if during != "Searching for “kilimnik”…" {
		t.Errorf("status while searching %q", during)
	}
	if got := u.status.message.Text; !strings.Contains(got, "passage") || strings.Contains(got, "Searching") {
		t.Errorf("status once listed %q, want the count", got)
	}
}

// A query that cannot be run does not leave the status line saying it is
// being searched for (it did, for ever: found by a UI pass).
func TestStatusAfterAQueryThatCannotBeRun(t *testing.T) {
	u := newTestUI(t)
	for _, q := range []string{"NEAR(kilimnik", "foo:bar"} {
		u.do(func() { u.search.entry.SetText("") })
		u.work.wait()
		u.a.onUI(func() {
			u.search.entry.SetText(q)
			if !u.search.flush() {
				t.Error("no search pending after typing")
			}
		})
		u.work.wait()
		if got := u.status.message.Text; strings.Contains(got, "Searching") || !strings.Contains(got, "Cannot search") {
			t.Errorf("%s: status %q once the results say it cannot be run", q, got)
		}
		if h := u.results.heading.Text(); h != "Cannot search" {
			t.Errorf("%s: results heading %q", q, h)
		}
	}
}

// A filter whose name no tag has but the tag picker would find (another
// script, folded letters) lists that tag's passages, and the status line
// says which tag it read (ui19's L2: actor:Россия was "No actor is called
// “Россия”" while the picker offered Russia).
func TestStatusSaysWhichTagAFilterRead(t *testing.T) {
	u := newTestUI(t)
	u.a.onUI(func() {
		u.search.entry.SetText("actor:Россия")
		if !u.search.flush() {
			t.Error("no search pending after typing")
		}
	})
	u.work.wait()
	got := u.status.message.Text
	if !strings.HasPrefix(got, "Reading actor:Россия as actor:Russia · ") || !strings.Contains(got, "passage") {
		t.Errorf("status %q, want it to say actor:Россия was read as actor:Russia, then the count", got)
	}
	if h := u.results.heading.Text(); h == "Cannot search" {
		t.Errorf("results heading %q", h)
	}
}
