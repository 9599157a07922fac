package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// In an 800×600 window at the largest text, with the sidebar and the
// reader beside it, the ledger's pane has no room for a claim beside its
// buttons: the claim had 5 text sizes there and its words broke inside
// ("interfere|d", "president|ial"). The buttons go in a row under the
// words, the claim takes the pane's width, and no word breaks that fits
// it; the buttons lie over no words and inside their row.
func TestLedgerKeepsWordsWholeInASmallWindow(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	l := u.claims.ledger
	if !u.sidebarPane.Visible() || !l.stacked() {
		t.Fatalf("sidebar shown %v, ledger stacked %v: not the cramped case", u.sidebarPane.Visible(), l.stacked())
	}
	size := theme.TextSize()
	if l.total-l.actionWidth() >= claimMinEms*size {
		t.Fatalf("the pane is %v wide: room for the claim beside the buttons; not the cramped case", l.total)
	}
	if len(l.list.shown) == 0 {
		t.Fatal("no rows shown")
	}
	// Every claim's words, and the line under each, as laid out in the
	// cells' widths.
	broken := 0
	for _, c := range l.rows {
		for _, cell := range []struct {
			name  string
			spans []flowSpan
		}{{"claim", claimSpans(c)}, {"line under it", stackedSpans(c, nil)}} {
			lines, _ := layoutFlow(cell.spans, cellWidth(l.w[colClaim]), size, 0)
			texts := lineTexts(lines)
			for k := 0; k+1 < len(lines); k++ {
				if strings.HasSuffix(lineText(lines[k]), " ") {
					continue // broken at a space
				}
				before, after := lastField(texts[k]), firstField(texts[k+1])
				line := lines[k]
				if w := measureWord(before+after, size, textStyle(line[len(line)-1].span)); w+themeSizes().cellPad() <= l.total {
					if broken++; broken <= 5 {
						t.Errorf("the %s of claim %q breaks %q as %q / %q in a %v pane; it needs %v",
							cell.name, c.Text, before+after, before, after, l.total, w)
					}
				}
			}
		}
	}
	if broken > 5 {
		t.Errorf("and %d more words broken", broken-5)
	}
	// The rows shown: the buttons lie over no words, inside their row.
	for i, o := range l.list.shown {
		r := o.(*claimRow)
		c := l.rows[i]
		a := r.actions
		for _, clip := range []fyne.CanvasObject{r.clips[colClaim], r.clips[colSource]} {
			// A cell reaches cellOverlap into its neighbours' blank margins.
			words, wordsSize := clip.Position().AddXY(cellOverlap(), 0), clip.Size().SubtractWidthHeight(2*cellOverlap(), 0)
			if overlap(a.Position(), a.Size(), words, wordsSize) {
				t.Errorf("claim %q: its buttons (%v, %v) lie over its words (%v, %v)", c.Text, a.Position(), a.Size(), clip.Position(), clip.Size())
			}
		}
		if bottom := a.Position().Y + a.Size().Height; bottom > r.Size().Height+1 || a.Size().Width > l.total {
			t.Errorf("claim %q: its buttons end at %v×%v, its row is %v×%v", c.Text, a.Size().Width, bottom, l.total, r.Size().Height)
		}
		cell, clip := r.cells[colClaim], r.clips[colClaim]
		if need := flowHeight(len(cell.lines)); need > clip.Size().Height+1 {
			t.Errorf("claim %q: its %d lines need %v, its cell is %v high: cut", c.Text, len(cell.lines), need, clip.Size().Height)
		}
	}
	// Back at the usual size, the buttons are beside the claim again.
	u.do(func() { u.setTextScale(defaultTextScale) })
	u.do(func() { u.w.Canvas().Capture() })
	for _, o := range l.list.shown {
		if y := o.(*claimRow).actions.Position().Y; y != 0 {
			t.Fatalf("at the usual text size in %v px the buttons stay under the claims (y %v)", l.total, y)
		}
	}
}

// overlap reports whether two boxes share more than a pixel's edge.
func overlap(p1 fyne.Position, s1 fyne.Size, p2 fyne.Position, s2 fyne.Size) bool {
	return p1.X < p2.X+s2.Width-1 && p2.X < p1.X+s1.Width-1 && p1.Y < p2.Y+s2.Height-1 && p2.Y < p1.Y+s1.Height-1
}
