package app

import "fmt"

// Results grouped by document (View → Group by document): each document's
// hits sit under a header row naming it with its number of passages in the
// whole result set (passages, as the status line counts them: "— 105
// hits" beside the reader's "150 of 157" hits, words found, in the same
// document said two numbers of one thing; a hostile UI pass). Documents come in the order of their best hit, so a
// ranked list stays ranked between groups; the keyboard's next/previous
// result skips the headers.

// docHeader is a document's header row.
type docHeader struct {
	docID int64
	title string
	hits  int // in the whole result set; -1 if not counted
	shown int // listed so far
}

// label is the header's text: "Mueller report — 37 passages".
func (h *docHeader) label() string { return h.title + " " + h.count() }

// count is the header's count, "— 37 passages": shown apart from the title so
// that a long title is cut, never the count.
func (h *docHeader) count() string {
	if h.hits < 0 {
		return fmt.Sprintf("— %s listed", plural(h.shown, "passage"))
	}
	return "— " + plural(h.hits, "passage")
}

// groupByDocument puts a header before each document's hits, documents in
// the order of their first hit; counts are hits per document (nil if not
// counted).
func groupByDocument(flat []resultItem, counts map[int64]int) []resultItem {
	var order []int64
	byDoc := map[int64][]resultItem{}
	for _, it := range flat {
		id := it.hit.DocumentID
		if _, seen := byDoc[id]; !seen {
			order = append(order, id)
		}
		byDoc[id] = append(byDoc[id], it)
	}
	out := make([]resultItem, 0, len(flat)+len(order)+1)
	for _, id := range order {
		hits := byDoc[id]
		h := &docHeader{docID: id, title: hits[0].hit.DocumentTitle, hits: -1, shown: len(hits)}
		if n, ok := counts[id]; ok {
			h.hits = n
		}
		out = append(out, resultItem{header: h})
		out = append(out, hits...)
	}
	return out
}

// layoutHits lists hits (with a "more" row if more), grouped or not.
func (r *resultsView) layoutHits(flat []resultItem, more bool) {
	if r.grouped {
		r.items = groupByDocument(flat, r.docHits)
	} else {
		r.items = flat
	}
	if more {
		r.items = append(r.items, resultItem{more: true})
	}
}

// listed is the hits listed, without headers and the "more" row.
func (r *resultsView) listed() []resultItem {
	flat := make([]resultItem, 0, len(r.items))
	for _, it := range r.items {
		if it.hit != nil {
			flat = append(flat, it)
		}
	}
	// Grouped, these are in group order; grouping them again with a further
	// page gives the groups the whole sequence would have (grouping is
	// stable, documents in the order of their first hit).
	return flat
}

// selectedItem is the selected hit's passage, or 0.
func (r *resultsView) selectedItem() int64 {
	if r.selected >= 0 && r.selected < len(r.items) && r.items[r.selected].hit != nil {
		return r.items[r.selected].hit.PassageID
	}
	return 0
}

// reselect moves the selection to passage's row after the rows moved,
// without opening it again.
func (r *resultsView) reselect(passage int64) {
	if passage == 0 {
		return
	}
	for i, it := range r.items {
		if it.hit != nil && it.hit.PassageID == passage {
			r.selected = i
			r.list.OnSelected = nil // already open in the reader
			r.list.Select(i)
			r.list.OnSelected = r.onSelected
			return
		}
	}
}

// setGrouped turns grouping by document on or off, remembers it, and
// searches again: the per-document counts come with the search.
func (u *UI) setGrouped(on bool) {
	u.results.grouped = on
	u.app.Preferences().SetBool(prefGroupByDocument, on)
	u.refreshMenu()
	if u.search.query() != "" {
		u.search.rerun()
	}
}
