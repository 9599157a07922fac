package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"dossier/store"
	"dossier/store/claims"
)

// The Corroboration table's coloured marks and words (✓, ✗, ✓ ✗,
// "repeated", "disputed", "≠ n") and the ledger's "denies" read on the
// background in both themes (WCAG's 4.5:1): in the light theme Fyne's
// green ✓ had 1.5:1 and its orange ✓ ✗ 2.2:1 (a UI pass).
func TestClaimMarksReadInBothThemes(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() { test.Tap(u.claims.matrixB) })
	m := u.claims.matrix
	r := &m.m.Rows[m.rows[0]]
	if len(r.Marks) < 2 {
		t.Fatalf("the seed's matrix has %d sources, want two or more", len(r.Marks))
	}
	box := m.table.CreateCell().(*fyne.Container)
	cell := box.Objects[1].(*flowText)
	var coloured []flowSpan
	// shown sets the row's marks (on the UI goroutine, which draws them)
	// and keeps the coloured spans of its cell in column col.
	shown := func(col int, set func()) {
		u.do(func() {
			set()
			m.updateCell(widgetCell(0, col), box)
			for _, s := range cell.spans {
				if s.color != "" && s.color != theme.ColorNameDisabled {
					coloured = append(coloured, s)
				}
			}
		})
	}
	for _, mark := range []store.MatrixMark{store.MarkAsserts, store.MarkDenies, store.MarkBoth} {
		shown(2, func() { r.Marks[0] = mark }) // the first source's column
	}
	shown(1, func() { r.Marks[0], r.Marks[1] = store.MarkAsserts, store.MarkAsserts }) // "repeated"
	shown(1, func() { r.Marks[1], r.Contradicts = store.MarkDenies, []int{1} })        // "disputed", "≠ 2"
	want := []string{"✓", "✗", "✓ ✗", " repeated", " disputed", " ≠ 2"}
	if len(coloured) != len(want) {
		t.Fatalf("coloured spans %q, want %q", spanTexts(coloured), want)
	}
	for i, s := range coloured {
		if s.text != want[i] {
			t.Fatalf("coloured spans %q, want %q", spanTexts(coloured), want)
		}
	}
	// The ledger's stance column says "denies" in colour too.
	coloured = append(coloured, cellSpans(store.Claim{Stance: claims.Denies}, colStance, nil)...)

	for _, variant := range []string{themeLight, themeDark} {
		th := &dossierTheme{variant: variant, scale: 1}
		bg := toNRGBA(th.Color(theme.ColorNameBackground, theme.VariantLight))
		for _, s := range coloured {
			if r := contrast(toNRGBA(th.Color(s.color, theme.VariantLight)), bg); r < 4.5 {
				t.Errorf("%s theme: %q in %s has contrast %.2f on the background", variant, s.text, s.color, r)
			}
		}
	}
}

func spanTexts(spans []flowSpan) (out []string) {
	for _, s := range spans {
		out = append(out, s.text)
	}
	return out
}
