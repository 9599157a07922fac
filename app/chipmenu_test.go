package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/store"
)

// A chip's menu fits in the window whatever the tag's name: "Show passages
// with" and a 100-letter name at the largest text size made a menu wider
// than the window, its end cut off at the window's edge with no ellipsis
// (found by the hostile UI pass ui9); forty wide letters still did. The
// name is shortened there; the filter it sets is the whole tag's. A
// result's tag menu likewise.
func TestChipMenuFitsTheWindow(t *testing.T) {
	u := newTestUI(t)
	u.do(func() {
		u.setTextScale(maxTextScale)
		u.w.Resize(fyne.NewSize(760, 560))
	})
	st := u.CurrentStore()
	ctx := context.Background()
	const name = "WMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMW Annual Threat Assessment of the US Intelligence Community"
	tag, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilySource, Kind: "report", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	p := u.openPassage(t, "putin directed", 1)
	if _, err := st.TagPassageUndoable(ctx, p.ID, tag.ID, nil); err != nil {
		t.Fatal(err)
	}
	u.do(u.reader.refreshAnnotations)
	u.do(func() { u.w.Canvas().Capture() })
	row := u.focusedRow(t)
	var tapped bool
	for _, c := range row.chips.Objects {
		for _, f := range findAll[*fitText](c) {
			if f.full == name {
				u.do(func() { c.(fyne.Tappable).Tapped(&fyne.PointEvent{}) })
				tapped = true
			}
		}
	}
	if !tapped {
		t.Fatalf("no chip for %q among %q", name, chipLabels(row))
	}
	menu := u.w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("tapping the chip opened no menu")
	}
	menuFits(t, u, menu, "the chip's")
	i := slices.IndexFunc(texts(menu), func(s string) bool { return strings.HasPrefix(s, "Show passages with ") })
	if i < 0 {
		t.Fatalf("chip menu %q: no Show passages with", texts(menu))
	}
	u.tapText(t, menu, texts(menu)[i])
	if got := u.search.entry.Text; !strings.Contains(got, "Annual Threat Assessment of the US Intelligence Community") {
		t.Errorf("Show passages with sets the query %q, want the whole tag's filter", got)
	}

	// A result's tag line offers the same in its menu.
	var rr *resultRow
	for _, r := range findAll[*resultRow](u.w.Content()) {
		if r.body.Visible() && strings.Contains(r.tags.Text, "WMWMWM") {
			rr = r
			break
		}
	}
	if rr == nil {
		t.Fatal("no visible result row lists the tag")
	}
	u.do(func() { test.Tap(rr.tagArea) })
	menu = u.w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("tapping the tag line opened no menu")
	}
	menuFits(t, u, menu, "the result's tag")
}

// menuFits fails the test when the open menu is wider than the window.
func menuFits(t *testing.T, u *testUI, menu fyne.CanvasObject, whose string) {
	t.Helper()
	var need, room float32
	u.do(func() {
		need = findAll[*fyne.Container](menu)[0].MinSize().Width
		room = u.w.Canvas().Size().Width
	})
	if need > room {
		t.Errorf("%s menu %q needs %v wide, the window is %v", whose, texts(menu), need, room)
	}
}
