package app

// Tests for a window a researcher can trust: the reader follows the search
// box, and no menu command, at any text size or theme, with results, a
// passage and a dialog showing, brings the window down.

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// After a new search, the open document shows the new query's hits and
// count, not the last one's; clearing the search clears them.
func TestReaderFollowsTheQuery(t *testing.T) {
	u := newTestUI(t)
	u.find("kilimnik")
	u.do(func() { u.results.list.Select(0) })
	r := u.reader
	if len(r.hits) != 2 || !strings.HasPrefix(r.hitLabel.Text(), "Hit ") {
		t.Fatalf("kilimnik: %d hits, label %q", len(r.hits), r.hitLabel.Text())
	}
	focus := r.focus

	u.find("manafort")
	if r.query != "manafort" {
		t.Fatalf("reader highlights %q after searching manafort", r.query)
	}
	if len(r.hits) == 0 {
		t.Fatal("no manafort hits in the open document")
	}
	for _, row := range r.rows {
		for _, b := range boldSpans(row.text.spans) {
			if !strings.EqualFold(b, "manafort") && !strings.EqualFold(b, "manafort's") {
				t.Errorf("reader still highlights %q", b)
			}
		}
	}
	if strings.HasPrefix(r.hitLabel.Text(), "Hit ") || !strings.Contains(r.hitLabel.Text(), "hit") {
		t.Errorf("hit label %q: no hit of the new query is current yet", r.hitLabel.Text())
	}
	if r.focus != focus {
		t.Errorf("focus moved from %d to %d", focus, r.focus)
	}

	u.find("")
	if r.query != "" || len(r.hits) != 0 || r.hitLabel.Text() != "" {
		t.Errorf("after clearing: query %q, %d hits, label %q", r.query, len(r.hits), r.hitLabel.Text())
	}
	for _, row := range r.rows {
		if b := boldSpans(row.text.spans); len(b) > 0 && !row.text.spans[0].bold {
			t.Errorf("still highlighted after clearing: %q", b)
		}
	}
}

// menuItems lists every item of the window's menus, submenus included.
func menuItems(w fyne.Window) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, m := range w.MainMenu().Items {
		out = append(out, menuTree(m)...)
	}
	return out
}

// menuTree lists the items of menu m, its submenus' items after each
// submenu, separators left out.
func menuTree(m *fyne.Menu) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, it := range m.Items {
		if it.IsSeparator {
			continue
		}
		out = append(out, it)
		if it.ChildMenu != nil {
			out = append(out, menuTree(it.ChildMenu)...)
		}
	}
	return out
}

// closeOverlays dismisses every dialog and pop-up.
func closeOverlays(w fyne.Window) {
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
}

// Every menu command, at every text size from the smallest to the largest
// and in both themes, with results listed, a passage open and a dialog
// showing: nothing panics, and the search and its results survive.
func TestEveryCommandAtEveryTextSize(t *testing.T) {
	if testing.Short() {
		t.Skip("walks every menu item at every text size")
	}
	u := newTestUI(t)
	u.find("trump")
	u.do(func() { u.results.list.Select(1) })
	draw := func() { u.a.onUI(func() { u.w.Canvas().Capture() }) }
	var scales []float32
	for s := float32(minTextScale); s <= maxTextScale+0.001; s += textScaleStep {
		scales = append(scales, s)
	}
	// The View menu's theme and text-size items change what the walk is
	// at: each runs in the first walk, which then puts the theme and size
	// back, and is left out of the later walks, so that every walk runs at
	// its loop's theme and size (they ran at the last item's: a light pass
	// in the dark theme, the View and Help items at 1.0).
	appearance := map[string]bool{} // by label: the menu is made anew
	walk := func() {
		for _, it := range menuItems(u.w) {
			if it.Action == nil || it.Label == "Quit" || appearance[it.Label] {
				continue
			}
			var variant string
			var scale float32
			u.do(func() { variant, scale = u.theme.variant, u.theme.scale })
			u.do(u.showAbout) // with a dialog open
			u.do(it.Action)
			u.a.onUI(func() { closeOverlays(u.w) })
			var changed bool
			u.do(func() { changed = u.theme.variant != variant || u.theme.scale != scale })
			if changed {
				appearance[it.Label] = true
				u.do(func() { u.setTheme(variant); u.setTextScale(scale) })
			}
			if u.search.query() != "trump" {
				u.find("trump") // Clear search did its job; search again
				u.do(func() { u.results.list.Select(1) })
			}
		}
		draw()
	}
	if raceDetector {
		// The race detector (several times slower) looks for unsafe
		// sharing, which does not depend on the size or theme: the
		// extremes, and one walk, Larger/Smaller text stepping through
		// the sizes. scripts/test runs the whole walk without it.
		scales = []float32{scales[0], scales[len(scales)-1]}
	}
	for _, variant := range []string{themeLight, themeDark} {
		u.do(func() { u.setTheme(variant) })
		for i, scale := range scales {
			u.do(u.showSearchHelp) // a dialog open while the size changes
			u.do(func() { u.setTextScale(scale) })
			draw()
			u.a.onUI(func() { closeOverlays(u.w) })
			if !raceDetector || (variant == themeDark && i == len(scales)-1) {
				walk()
			}
			if u.results.hitCount() == 0 || u.reader.passages == nil {
				t.Fatalf("%s theme, text ×%.1f: %d results, reader open %v", variant, scale, u.results.hitCount(), u.reader.passages != nil)
			}
			var atVariant string
			var atScale float32
			u.do(func() { atVariant, atScale = u.theme.variant, u.theme.scale })
			if atVariant != variant || math.Abs(float64(atScale-scale)) > 0.001 {
				t.Fatalf("the walk at %s ×%.1f ended at %s ×%.1f", variant, scale, atVariant, atScale)
			}
		}
	}
	if cut := cutRows(u); len(cut) > 0 {
		t.Errorf("rows cut off: %v", cut)
	}
}
