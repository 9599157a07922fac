package app

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
)

// Stepping through one document's hits from the results list moves the
// reader's focus without building its rows again (refocus), and paints
// exactly what a rebuild would: the focus background, the current hit, the
// hit count. Once the document's annotations changed meanwhile, the rows are
// built again, so the change shows.
func TestSteppingThroughHitsKeepsTheReadersRows(t *testing.T) {
	u := newTestUI(t)
	var b strings.Builder
	b.WriteString("Many mentions\n\n")
	for i := range 30 {
		fmt.Fprintf(&b, "Paragraph %d names the plumtwist committee.\n\n", i+1)
	}
	u.do(func() { u.importPaths([]string{writeFile(t, filepath.Join(t.TempDir(), "many.txt"), b.String())}) })
	u.find("plumtwist")
	res, r := u.results, u.reader
	u.do(func() { res.list.Select(0) })
	first := r.focus
	rows := map[int]*passageRow{}
	for i, row := range r.rows {
		rows[i] = row
	}
	if first < 0 || len(rows) == 0 {
		t.Fatalf("reader focus %d with %d rows", first, len(rows))
	}

	for step := 1; step <= 5; step++ {
		old := r.focus
		u.do(func() { res.move(+1) })
		hit := res.items[res.selected].hit
		if hit == nil || r.focus < 0 || r.passages[r.focus].ID != hit.PassageID {
			t.Fatalf("step %d: reader focus %d, want the passage of the selected hit", step, r.focus)
		}
		if r.focus == old {
			t.Fatalf("step %d: the focus did not move", step)
		}
		for i, row := range rows {
			if r.rows[i] != row {
				t.Fatalf("step %d: passage %d's row was built again", step, i)
			}
		}
		if got := r.rows[r.focus].bg.FillColor; got != theme.Color(colorNameFocus) {
			t.Errorf("step %d: focused row background %v", step, got)
		}
		if got := r.rows[old].bg.FillColor; got != color.Transparent {
			t.Errorf("step %d: the row left keeps background %v", step, got)
		}
		if r.cur < 0 || r.hits[r.cur].passage != r.focus {
			t.Errorf("step %d: current hit %d is not in the focused passage", step, r.cur)
		}
		if want := fmt.Sprintf("Hit %d of %d", r.cur+1, len(r.hits)); r.hitLabel.Text() != want {
			t.Errorf("step %d: hit label %q, want %q", step, r.hitLabel.Text(), want)
		}
		current := 0
		for _, row := range r.rows {
			for _, sp := range row.text.spans {
				if sp.color == colorNameCurrentHit {
					current++
				}
			}
		}
		if current != 1 {
			t.Errorf("step %d: %d current-hit spans, want 1", step, current)
		}
	}

	// A bookmark made elsewhere (another window) meanwhile: the next step
	// lays the rows out again and shows it.
	st, _ := u.store()
	marked := r.passages[r.focus-1]
	if _, err := st.AddBookmark(context.Background(), marked.ID, nil, ""); err != nil {
		t.Fatal(err)
	}
	u.do(func() { res.move(+1) })
	rebuilt := false
	for i, row := range rows {
		if r.rows[i] != row {
			rebuilt = true
		}
	}
	if !rebuilt {
		t.Error("the rows were kept though the document's bookmarks changed")
	}
	for i, p := range r.passages {
		if row, ok := r.rows[i]; ok && p.ID == marked.ID && !row.mark.Visible() {
			t.Error("the new bookmark is not shown")
		}
	}
}
