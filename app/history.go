package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store/query"
)

// Query history. Search runs as you type, so not every text that ran is a
// query the user meant: "k", "ki", "kil" are not history. A query is
// recorded when the user shows it was meant —
//   - its results stayed on screen for historyPause with the text unchanged,
//   - Enter was pressed in the search box,
//   - one of its results was opened, or
//   - it was saved as a saved search (or run again from the History list).
// Queries that found nothing are recorded only by Enter or saving. The
// history is most recent first, without duplicates, at most
// maxSearchHistory long, kept in the preferences (not the research file:
// it follows the user, like the last query).

// historyPause is how long results must stay unchanged to count as a query
// the user meant. A variable for tests.
var historyPause = 1500 * time.Millisecond

// queryHistory is the recent queries and the walk through them with ↑/↓ in
// the search box.
type queryHistory struct {
	ui    *UI
	items []string
	walk  int // the entry the search box shows while walking; -1 when not

	// The pause being timed: the text shown and its search's seq.
	stopTimer  func() bool
	armed      bool
	pending    string
	pendingSeq int
	armedID    int

	// The last query a pause recorded, and when: a longer one it is the
	// start of, recorded by a pause soon after, takes its place ('"outreach
	// to' then '"outreach to donald trump' were both kept when typing
	// slowly; a researcher's pass).
	lastPaused   string
	lastPausedAt time.Time
}

// refineWithin is how soon a pause's query replaces the last pause's query
// it extends.
const refineWithin = time.Minute

func newQueryHistory(u *UI) *queryHistory {
	h := &queryHistory{ui: u, walk: -1}
	for _, q := range u.app.Preferences().StringList(prefSearchHistory) { // newest first
		if q = strings.TrimSpace(q); q != "" && !slices.Contains(h.items, q) && len(h.items) < maxSearchHistory {
			h.items = append(h.items, q)
		}
	}
	return h
}

// add puts q first, removing an earlier copy; it reports whether q counts.
// A query the search box cannot read (foo:bar, an open NEAR) is not kept:
// history is for searches worth running again. read says the search has
// read q already (its results are listed), so it is not parsed again.
func (h *queryHistory) add(q string, read bool) bool {
	q = strings.TrimSpace(q)
	if q == "" {
		return false
	}
	if !read {
		if _, err := query.Parse(q); err != nil {
			return false
		}
	}
	h.items = slices.DeleteFunc(h.items, func(s string) bool { return s == q })
	h.items = slices.Insert(h.items, 0, q)
	if len(h.items) > maxSearchHistory {
		h.items = h.items[:maxSearchHistory]
	}
	return true
}

// record adds q to the history, saves it and shows it in the sidebar.
func (h *queryHistory) record(q string) { h.recordRead(q, false) }

// recordRead is record for a query the search may have read already
// (read: its results are listed).
func (h *queryHistory) recordRead(q string, read bool) {
	h.stopPause()
	h.lastPaused = "" // meant by Enter, opening, saving: kept (paused sets it again after)
	if !h.add(q, read) {
		return
	}
	h.walk = -1
	h.save()
}

func (h *queryHistory) save() {
	h.ui.app.Preferences().SetStringList(prefSearchHistory, h.items)
	if h.ui.saved != nil {
		h.ui.saved.historyChanged()
	}
}

// clear forgets every query.
func (h *queryHistory) clear() {
	h.items, h.walk = nil, -1
	h.save()
}

// walking reports whether the search box shows the history entry reached
// with ↑/↓ (typing ends the walk).
func (h *queryHistory) walking() bool {
	return h.walk >= 0 && h.walk < len(h.items) && h.ui.search.entry.Text == h.items[h.walk]
}

// step walks to an older (+1) or newer (-1) query and runs it; past the
// newest the box is empty again. It reports whether the key was used.
func (h *queryHistory) step(delta int) bool {
	s := h.ui.search
	if !h.walking() {
		h.walk = -1
		if s.entry.Text != "" || delta < 0 || len(h.items) == 0 {
			return false // the arrows move through the results
		}
	}
	next := h.walk + delta
	switch {
	case next >= len(h.items):
		return true // the oldest: stay
	case next < 0:
		h.walk = -1
		s.entry.SetText("")
		return true
	}
	h.walk = next
	q := h.items[next]
	s.setQuery(q)
	s.entry.CursorRow, s.entry.CursorColumn = 0, utf8.RuneCountInString(q)
	s.entry.Refresh()
	return true
}

// pauseAfter records text if its results stay unchanged for historyPause.
// Called on the UI goroutine when a first page of results is shown.
func (h *queryHistory) pauseAfter(text string, seq int) {
	h.stopPause()
	if h.walking() {
		return // walking the history is not a new query
	}
	h.pending, h.pendingSeq, h.armed = text, seq, true
	id := h.armedID
	h.stopTimer = h.ui.work.later(historyPause, func() {
		if h.armedID == id { // not a timer stopped too late
			h.paused()
		}
	})
}

// paused records the pending text unless the user has moved on since.
func (h *queryHistory) paused() {
	if !h.armed {
		return
	}
	h.armed, h.stopTimer = false, nil
	if h.ui.search.fresh(h.pendingSeq) && h.ui.search.entry.Text == h.pending && !h.walking() {
		q, last := strings.TrimSpace(h.pending), h.lastPaused
		if last != "" && len(h.items) > 0 && h.items[0] == last && q != last && strings.HasPrefix(q, last) && time.Since(h.lastPausedAt) < refineWithin {
			h.items = h.items[1:] // a step on the way to q
		}
		// Only a query this pause added new is a step that can give way:
		// one already kept (by Enter, yesterday) that the pause moved up
		// was removed when extended (a hostile data pass).
		kept := slices.Contains(h.items, q)
		h.record(h.pending)
		if !kept {
			h.lastPaused, h.lastPausedAt = q, time.Now()
		}
	}
}

func (h *queryHistory) stopPause() {
	h.armed = false
	h.armedID++
	if h.stopTimer != nil {
		h.stopTimer()
		h.stopTimer = nil
	}
}

// clearSearchHistory is Go → Clear search history; Undo puts it back.
func (u *UI) clearSearchHistory() {
	h := u.search.history
	old := slices.Clone(h.items)
	if len(old) == 0 {
		u.status.setMessage("The search history is empty.")
		return
	}
	h.clear()
	u.status.offerUndo(fmt.Sprintf("Cleared the search history (%s).", queries(len(old))), func() {
		h.items = old
		h.save()
		u.status.setMessage("Search history restored.")
	})
}

func queries(n int) string { return plural(n, "query|queries") }

// historyPane is the History list under the saved searches: tapping a
// query runs it.
func (v *savedView) historyPane() fyne.CanvasObject {
	h := v.ui.search.history
	v.historyHeading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.historyEmpty = newHint("No recent searches.\nQueries you run appear here; ↑ in the empty search box walks them.")
	v.history = widget.NewList(
		func() int { return len(h.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return newHoverTip(v.ui, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(h.items) {
				o.(*hoverTip).setText(h.items[id])
			}
		},
	)
	v.history.OnSelected = func(id widget.ListItemID) {
		v.history.UnselectAll()
		if id < len(h.items) {
			q := h.items[id]
			v.ui.search.setQuery(q)
			h.record(q)
		}
	}
	clear := widget.NewButtonWithIcon("", theme.DeleteIcon(), v.ui.clearSearchHistory)
	clear.Importance = widget.LowImportance
	v.historyChanged()
	top := container.NewBorder(widget.NewSeparator(), nil, nil, clear, v.historyHeading)
	return container.NewBorder(top, nil, nil, nil, container.NewStack(v.history, v.historyEmpty.box))
}

// historyChanged shows the history as it now is.
func (v *savedView) historyChanged() {
	if v.history == nil {
		return
	}
	n := len(v.ui.search.history.items)
	v.historyHeading.SetText(fmt.Sprintf("History (%d)", n))
	if n == 0 {
		v.historyEmpty.Show()
	} else {
		v.historyEmpty.Hide()
	}
	v.history.Refresh()
}

// hint is a sidebar pane's dim message for when it is empty, wrapped to
// the pane's width, in a scroller that shows and hides with it: wrapped in
// a narrow pane at the largest text it is many lines tall, and unscrolled
// it set the window's height (History and Saved searches made it 833
// pixels tall on a 768-pixel screen; found driving the app on a laptop).
type hint struct {
	*widget.Label
	box *container.Scroll // what the pane lays out
}

// newHint is a hint saying text.
func newHint(text string) *hint {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return &hint{Label: l, box: container.NewVScroll(container.NewPadded(l))}
}

// Show and Hide show and hide the hint with its scroller, which would
// otherwise take the scroll wheel from the list under it.
func (h *hint) Show() { h.Label.Show(); h.box.Show() }
func (h *hint) Hide() { h.Label.Hide(); h.box.Hide() }
