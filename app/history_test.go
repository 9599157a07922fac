package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The pause timer never fires in this package's tests: a slow test would
// otherwise record queries behind its back. Tests run what it does
// (queryHistory.paused) when they mean to.
func init() { historyPause = time.Hour }

// historyNow is the recorded history, read on the UI goroutine.
func (u *testUI) historyNow() []string {
	var out []string
	u.do(func() { out = slices.Clone(u.search.history.items) })
	return out
}

func (u *testUI) key(k fyne.KeyName) {
	u.do(func() { u.search.entry.TypedKey(&fyne.KeyEvent{Name: k}) })
}

// The pause timer runs through the window's worker and records the query
// by itself once the pause has passed.
func TestHistoryPauseTimerRecords(t *testing.T) {
	defer func(d time.Duration) { historyPause = d }(historyPause)
	historyPause = time.Millisecond
	u := newTestUI(t)
	u.find("manafort")
	for !slices.Equal(u.historyNow(), []string{"manafort"}) {
		// Each look is a round trip to the UI goroutine; the timer's apply
		// comes in between once it has fired.
	}
}

// A query is recorded when its results stay on screen (the pause timer
// fires), on Enter, on opening a result or saving it — not the prefixes
// typed on the way, nor one that found nothing and was left. Most recent
// first, no duplicates, remembered in the preferences.
func TestQueryHistoryRecords(t *testing.T) {
	u := newTestUI(t)
	h := u.search.history
	pause := func() { u.do(h.paused) } // what the timer does after historyPause

	u.find("manafort")
	if got := u.historyNow(); len(got) != 0 {
		t.Fatalf("recorded %q before the pause", got)
	}
	pause()
	u.find("kil")
	u.find("kilimnik") // a keystroke before the pause: "kil" is not history
	pause()
	u.find("zzzqqqx") // nothing found, left: not history
	pause()
	u.find("putin")
	u.key(fyne.KeyReturn) // Enter
	u.find("foo:bar")     // the box cannot read it: not history, even with Enter
	u.key(fyne.KeyReturn)
	u.find("manafort")
	u.key(fyne.KeyReturn)
	want := []string{"manafort", "putin", "kilimnik"}
	if got := u.historyNow(); !slices.Equal(got, want) {
		t.Fatalf("history %q, want %q", got, want)
	}
	if got := u.a.Preferences().StringList(prefSearchHistory); !slices.Equal(got, want) {
		t.Errorf("preferences hold %q, want %q", got, want)
	}
	// Opening a result records its query.
	u.find("sanctions")
	u.do(func() { u.results.list.Select(0) })
	if got := u.historyNow(); len(got) == 0 || got[0] != "sanctions" {
		t.Errorf("after opening a result: %q", got)
	}
	// A new window reads it back.
	var again []string
	u.do(func() { again = newQueryHistory(u.UI).items })
	if !slices.Equal(again, u.historyNow()) {
		t.Errorf("read back %q, want %q", again, u.historyNow())
	}
	// Bounded, most recent first.
	u.do(func() {
		for i := range maxSearchHistory + 10 {
			h.record(fmt.Sprintf("q%d", i))
		}
	})
	if got := u.historyNow(); len(got) != maxSearchHistory || got[0] != fmt.Sprintf("q%d", maxSearchHistory+9) {
		t.Errorf("%d entries, first %q; want %d, newest first", len(got), got[0], maxSearchHistory)
	}
	// Preferences edited by hand: blanks and repeats dropped, the newest
	// 50 kept.
	stored := []string{"new", " ", "new", "older"}
	for i := range maxSearchHistory + 5 {
		stored = append(stored, fmt.Sprintf("old%d", i))
	}
	u.a.Preferences().SetStringList(prefSearchHistory, stored)
	u.do(func() { again = newQueryHistory(u.UI).items })
	if len(again) != maxSearchHistory || again[0] != "new" || again[1] != "older" || again[2] != "old0" {
		t.Errorf("read back from edited preferences: %d entries starting %q", len(again), again[:3])
	}
}

// ↑/↓ in the empty box walk the history (running each query); ↓ past the
// newest empties the box; with a typed query they move through results.
func TestQueryHistoryWalk(t *testing.T) {
	u := newTestUI(t)
	for _, q := range []string{"putin", "kilimnik", "manafort"} {
		u.find(q)
		u.key(fyne.KeyReturn)
	}
	u.key(fyne.KeyEscape)
	if u.search.query() != "" {
		t.Fatal("Esc did not clear the box")
	}
	for _, want := range []string{"manafort", "kilimnik", "putin", "putin"} { // stays on the oldest
		u.key(fyne.KeyUp)
		if got := u.search.query(); got != want {
			t.Fatalf("Up: box %q, want %q", got, want)
		}
		if u.results.query != want || u.results.hitCount() == 0 {
			t.Fatalf("Up to %q: results for %q (%d)", want, u.results.query, u.results.hitCount())
		}
		if u.results.selected >= 0 {
			t.Fatalf("Up to %q also selected result %d", want, u.results.selected)
		}
	}
	if got := u.historyNow(); !slices.Equal(got, []string{"manafort", "kilimnik", "putin"}) {
		t.Errorf("walking reordered the history: %q", got)
	}
	u.key(fyne.KeyDown)
	u.key(fyne.KeyDown)
	if got := u.search.query(); got != "manafort" {
		t.Errorf("Down twice: %q, want manafort", got)
	}
	u.key(fyne.KeyDown)
	if got := u.search.query(); got != "" || u.results.items[0].doc == nil {
		t.Errorf("Down past the newest: box %q, want it empty with the library listed", got)
	}
	// Walking does not arm the pause: results of a walked query are not
	// a new query.
	u.key(fyne.KeyUp)
	u.key(fyne.KeyUp)
	u.do(u.search.history.paused)
	if got := u.historyNow(); got[0] != "manafort" {
		t.Errorf("a walked-to query was recorded on a pause: %q", got)
	}
	// Typing ends the walk: the arrows move through results again.
	u.do(func() { test.Type(u.search.entry, " manafort") })
	u.work.wait()
	u.key(fyne.KeyDown)
	if u.search.query() != "kilimnik manafort" || u.results.selected != 0 {
		t.Errorf("Down with a typed query: box %q, selected %d; want the first result", u.search.query(), u.results.selected)
	}
	u.key(fyne.KeyUp)
	if u.search.query() != "kilimnik manafort" {
		t.Errorf("Up with a typed query changed the box to %q", u.search.query())
	}
}

// The History list under the saved searches runs a query when tapped;
// Go → Clear search history empties it (and the preferences), with Undo.
func TestQueryHistoryListAndClear(t *testing.T) {
	u := newTestUI(t)
	for _, q := range []string{"putin", "kilimnik"} {
		u.find(q)
		u.key(fyne.KeyReturn)
	}
	u.do(func() { u.sidebar.showNamed("saved") })
	v := u.saved
	if v.history.Length() != 2 || v.historyHeading.Text != "History (2)" || v.historyEmpty.Visible() {
		t.Fatalf("History list: %d rows, heading %q", v.history.Length(), v.historyHeading.Text)
	}
	o := v.history.CreateItem()
	v.history.UpdateItem(1, o)
	if got := o.(*hoverTip).label.Text; got != "putin" {
		t.Errorf("second history row %q, want putin", got)
	}
	u.find("")
	u.do(func() { v.history.Select(1) })
	if u.search.query() != "putin" || u.results.query != "putin" {
		t.Errorf("tapping putin: box %q, results for %q", u.search.query(), u.results.query)
	}
	if got := u.historyNow(); got[0] != "putin" {
		t.Errorf("running from the list did not make it the most recent: %q", got)
	}

	u.do(u.menuItem(t, "Go", "Clear search history").Action)
	if got := u.historyNow(); len(got) != 0 || len(u.a.Preferences().StringList(prefSearchHistory)) != 0 {
		t.Fatalf("after clearing: %q, preferences %q", got, u.a.Preferences().StringList(prefSearchHistory))
	}
	if v.history.Length() != 0 || !v.historyEmpty.Visible() || !strings.Contains(u.status.message.Text, "2 queries") {
		t.Errorf("after clearing: %d rows, status %q", v.history.Length(), u.status.message.Text)
	}
	u.do(func() { test.Tap(u.status.undo) })
	if got := u.historyNow(); !slices.Equal(got, []string{"putin", "kilimnik"}) || v.history.Length() != 2 {
		t.Errorf("undo restored %q", got)
	}
}

// Clearing the search history leaves the sidebar as wide as it was: the
// empty-history hint's longest line widened it by 27 px.
func TestClearingHistoryKeepsTheSplit(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.sidebar.showNamed("saved") })
	u.do(func() { u.search.history.record("kilimnik") })
	u.do(func() { u.saved.historyChanged() })
	u.do(func() { u.w.Canvas().Capture() })
	before := u.sidebar.content().MinSize().Width
	u.do(u.clearSearchHistory)
	u.do(func() { u.w.Canvas().Capture() })
	if after := u.sidebar.content().MinSize().Width; after > before {
		t.Errorf("the sidebar needed %.0f px with history, %.0f px once cleared", before, after)
	}
	if !u.saved.historyEmpty.Visible() {
		t.Error("the empty-history hint is not shown")
	}
}

// At the largest text size the empty saved-searches, history and bookmarks
// hints wrap to the sidebar: the saved searches' hint was drawn over the
// middle pane, and a first search (its hint hidden) moved the split.
func TestEmptyHintsFitTheSidebar(t *testing.T) {
	u := newTestUI(t)
	u.do(func() { u.w.Resize(fyne.NewSize(1280, 800)) })
	u.do(func() { u.setTextScale(maxTextScale) })
	for _, pane := range []string{"saved", "bookmarks"} {
		u.do(func() { u.sidebar.showNamed(pane) })
		u.do(func() { u.w.Canvas().Capture() })
		side := u.sidebarSplit.Leading
		if need, have := side.MinSize().Width, side.Size().Width; need > have {
			t.Errorf("%s pane, empty: the sidebar needs %.0f px, has %.0f", pane, need, have)
		}
	}
	u.do(func() { u.sidebar.showNamed("saved") })
	before := u.sidebarSplit.Leading.MinSize().Width
	u.find("kilimnik")
	if after := u.sidebarSplit.Leading.MinSize().Width; after > before {
		t.Errorf("a first search widened the sidebar's need from %.0f to %.0f px", before, after)
	}
}

// Typed slowly, a query paused on and then extended is one step of the
// next: the longer one, recorded by a pause soon after, takes its place.
// One meant by Enter (or opening a result) stays. ('"outreach to' and
// '"outreach to donald trump' were both kept; a researcher's pass.)
func TestAPausedQueryExtendedIsReplaced(t *testing.T) {
	u := newTestUI(t)
	h := u.search.history
	pause := func() { u.do(h.paused) }
	u.find("putin")
	pause()
	u.find("putin directed")
	pause()
	u.find("putin directed efforts")
	pause()
	if got, want := u.historyNow(), []string{"putin directed efforts"}; !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
	// Another query, not an extension: both kept.
	u.find("kilimnik")
	pause()
	if got, want := u.historyNow(), []string{"kilimnik", "putin directed efforts"}; !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
	// Meant by Enter: kept when extended.
	u.find("manafort")
	u.key(fyne.KeyReturn)
	u.find("manafort kilimnik")
	pause()
	if got, want := u.historyNow(), []string{"manafort kilimnik", "manafort", "kilimnik", "putin directed efforts"}; !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
}

// A query the history holds already (meant by Enter before), reached again
// by a pause and then extended, stays: the pause moved it up, and the
// longer query took its place, so a search the user had meant was lost (a
// hostile data pass).
func TestAKeptQueryPausedOnAndExtendedStays(t *testing.T) {
	u := newTestUI(t)
	h := u.search.history
	pause := func() { u.do(h.paused) }
	u.find("putin")
	u.key(fyne.KeyReturn)
	u.find("kilimnik")
	pause()
	u.find("putin")
	pause()
	u.find("putin directed")
	pause()
	if got, want := u.historyNow(), []string{"putin directed", "putin", "kilimnik"}; !slices.Equal(got, want) {
		t.Errorf("history %q, want %q", got, want)
	}
}
