package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// headers lists the header rows' labels and checks every hit sits under
// its own document's header.
func headers(t *testing.T, r *resultsView) []string {
	t.Helper()
	var out []string
	var cur *docHeader
	for i, it := range r.items {
		switch {
		case it.header != nil:
			cur = it.header
			out = append(out, it.header.label())
		case it.hit != nil:
			if r.grouped && (cur == nil || cur.docID != it.hit.DocumentID) {
				t.Fatalf("row %d (%s) is not under its document's header", i, it.hit.DocumentTitle)
			}
		}
	}
	return out
}

// View → Group by document: a header per document with its hits in the
// whole result set (beyond the page), hits under it; next/previous result
// skip headers; a further page joins its groups; the choice is remembered.
func TestGroupByDocument(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range pageSize + 7 {
		fmt.Fprintf(&b, "Paragraph %d says Kilimnik met the plumtwist committee.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "many.txt"), b.String())}) })
	u.find("kilimnik")
	if len(headers(t, u.results)) != 0 {
		t.Fatal("headers shown while grouping is off")
	}
	item := u.menuItem(t, "View", "Group by document")
	if item.Checked {
		t.Fatal("Group by document is checked by default")
	}
	u.do(item.Action)
	if !u.menuItem(t, "View", "Group by document").Checked || !u.a.Preferences().Bool(prefGroupByDocument) {
		t.Error("Group by document is neither checked nor remembered")
	}
	r := u.results
	// The page holds 50 of the 57 hits in "Many mentions": its header counts
	// the whole result set, not the page.
	got := headers(t, r)
	if strings.Join(got, "|") != "Many mentions — 57 passages" || r.hitCount() != pageSize {
		t.Fatalf("headers %q over %d hits, want one header, Many mentions — 57 passages, over a page of %d", got, r.hitCount(), pageSize)
	}
	row := r.createRow().(*resultRow)
	r.updateRow(0, row)
	if !row.headerTip.Visible() || !row.headerCount.Visible() || row.body.Visible() || row.header.Text+" "+row.headerCount.Text != got[0] {
		t.Errorf("header row: %q %q visible %v, body visible %v", row.header.Text, row.headerCount.Text, row.headerTip.Visible(), row.body.Visible())
	}

	// A further page joins its document's group or starts a new one;
	// nothing repeats.
	r.updateRow(len(r.items)-1, row)
	u.do(func() { test.Tap(row.more) })
	got = headers(t, r)
	want := "Many mentions — 57 passages|" + seedTitle + " — 2 passages"
	if strings.Join(got, "|") != want || r.hitCount() != pageSize+7+2 {
		t.Errorf("after more: headers %q over %d hits, want %q over %d", got, r.hitCount(), want, pageSize+9)
	}
	checkNoDuplicates(t, r.listed())

	// The keyboard never lands on a header.
	down := func() { u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }
	u.do(down)
	if r.selected != 1 || r.items[1].hit == nil {
		t.Fatalf("first Down selected row %d, want 1 (the first hit under the header)", r.selected)
	}
	firstGroup := 57 // rows 1..57; the second header is row 58
	for range firstGroup {
		u.do(down)
	}
	if it := r.items[r.selected]; it.hit == nil || r.selected != firstGroup+2 || it.hit.DocumentTitle != seedTitle {
		t.Errorf("Down across a group boundary selected row %d, want %d past the second header", r.selected, firstGroup+2)
	}
	u.do(func() { u.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) })
	if r.selected != firstGroup {
		t.Errorf("Up across the boundary selected row %d, want %d", r.selected, firstGroup)
	}
	// Tapping a header opens its first hit.
	u.do(func() { r.list.Select(firstGroup + 1) })
	if r.selected != firstGroup+2 {
		t.Errorf("selecting the second header selected row %d, want its first hit %d", r.selected, firstGroup+2)
	}

	// Off again: a plain list, as searched.
	u.do(u.menuItem(t, "View", "Group by document").Action)
	if len(headers(t, r)) != 0 || u.a.Preferences().Bool(prefGroupByDocument) {
		t.Error("headers remain after turning grouping off")
	}
}

// From the "more" row (selected with the mouse), ↑ goes to the result above
// it, ↓ stays on the last result; nothing jumps to the top.
func TestMoveFromTheMoreRow(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range pageSize + 3 {
		fmt.Fprintf(&b, "Paragraph %d names the plumtwist committee.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "many.txt"), b.String())}) })
	u.find("plumtwist")
	r := u.results
	more := len(r.items) - 1
	if !r.items[more].more {
		t.Fatal("no 'more' row")
	}
	u.do(func() { r.list.Select(more) })
	u.do(func() { r.move(-1) })
	if r.selected != more-1 {
		t.Errorf("Up from the more row selected %d, want %d", r.selected, more-1)
	}
	u.do(func() { r.list.Select(more) })
	u.do(func() { r.move(+1) })
	if r.selected != more-1 {
		t.Errorf("Down from the more row selected %d, want the last result %d", r.selected, more-1)
	}
}

// A document with a long title: its header row cuts the title, never the
// count of hits beside it (the seed article's title is longer than the
// results pane is wide).
func TestGroupHeaderKeepsCountOfLongTitle(t *testing.T) {
	u := newTestUI(t)
	u.do(u.menuItem(t, "View", "Group by document").Action)
	u.find("kilimnik")
	r := u.results
	if len(r.items) == 0 || r.items[0].header == nil {
		t.Fatalf("first row is not a header: %+v", r.items)
	}
	row := r.createRow().(*resultRow)
	test.WidgetRenderer(row) // lay the row out as the list would
	r.updateRow(0, row)
	const width = 300
	row.Resize(fyne.NewSize(width, row.MinSize().Height))
	if row.header.Text != seedTitle || row.headerCount.Text != "— 2 passages" {
		t.Fatalf("header %q count %q", row.header.Text, row.headerCount.Text)
	}
	c := row.headerCount
	if !c.Visible() || c.Size().Width < c.MinSize().Width || c.Position().X+c.Size().Width > width {
		t.Errorf("the count is cut: at x %v width %v (needs %v) in a row %v wide", c.Position().X, c.Size().Width, c.MinSize().Width, width)
	}
	if w := row.headerTip.Size().Width; w <= 0 || w+c.Size().Width > width {
		t.Errorf("title width %v beside a count %v wide in a row %v wide", w, c.Size().Width, width)
	}
}
