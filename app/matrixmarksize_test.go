package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
)

// The Corroboration table draws a source's ✓ and ✗ larger than the text:
// they come from a fallback font, and at the text size were half as tall
// as the digits beside them (UI passes ui13, ui14). A cell the table hands
// on to the claim's or the count's column draws at the text size again.
func TestCorroborationMarksAreDrawnLarge(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() { test.Tap(u.claims.matrixB) })
	m := u.claims.matrix
	r := &m.m.Rows[m.rows[0]]
	if len(r.Marks) == 0 {
		t.Fatal("the seed's matrix has no sources")
	}
	box := m.table.CreateCell().(*fyne.Container)
	cell := box.Objects[1].(*flowText)
	drawn := func() (sizes map[string]float32) {
		sizes = map[string]float32{}
		cell.Resize(fyne.NewSize(8*theme.TextSize(), flowHeight(matrixLines)))
		for _, o := range test.WidgetRenderer(cell).Objects() {
			if txt, ok := o.(*canvas.Text); ok {
				sizes[txt.Text] = txt.TextSize
			}
		}
		return sizes
	}
	for _, mark := range []store.MatrixMark{store.MarkAsserts, store.MarkDenies, store.MarkBoth} {
		u.do(func() {
			r.Marks[0] = mark
			m.updateCell(widgetCell(0, 2), box)
			sizes := drawn()
			if len(sizes) == 0 {
				t.Fatalf("mark %v: nothing drawn", mark)
			}
			for text, size := range sizes {
				if size < 1.5*theme.TextSize() {
					t.Errorf("mark %q drawn at %v, the text at %v", text, size, theme.TextSize())
				}
			}
			m.updateCell(widgetCell(0, 1), box) // the cell handed to the count's column
			for text, size := range drawn() {
				if size != theme.TextSize() {
					t.Errorf("the count %q drawn at %v, the text at %v", text, size, theme.TextSize())
				}
			}
		})
	}
}
