package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Rows of claims not measured yet at the ledger's widths are sized from an
// estimate, not one line each: at 800×600, text ×1.8, the rows opened by
// Ctrl+5 were one line high for a second and their words ran over the
// rows below (a hostile UI pass). And a row's cells are clipped to it.
func TestLedgerRowsAreEstimatedUntilMeasured(t *testing.T) {
	u := newTestUI(t)
	u.openClaims(t)
	u.do(func() {
		u.w.Resize(fyne.NewSize(800, 600))
		u.setTextScale(maxTextScale)
	})
	u.do(func() { u.w.Canvas().Capture() })
	l := u.claims.ledger
	if len(l.rows) < 5 {
		t.Fatalf("%d claims", len(l.rows))
	}
	measured := map[int64]rowLines{}
	u.do(func() {
		for _, c := range l.rows {
			n, ok := l.lines[c.ID]
			if !ok {
				t.Fatalf("claim %d not measured", c.ID)
			}
			measured[c.ID] = n
		}
	})
	tall := 0
	var sumMeasured, sumEstimated int
	// As a ledger of claims never measured: the rows' heights before the
	// measuring (on a worker) comes in.
	u.a.onUI(func() {
		l.lines, l.guess, l.linesAt = map[int64]rowLines{}, nil, ledgerKey{}
		l.measure()
		for _, c := range l.rows {
			m, e := measured[c.ID], l.linesOf(c.ID)
			sumMeasured += m.total
			sumEstimated += e.total
			if m.total >= 3 {
				tall++
				if e.total < 2 {
					t.Errorf("claim %d: %d lines, estimated %d", c.ID, m.total, e.total)
				}
			}
		}
	})
	u.work.wait()
	if tall == 0 {
		t.Fatal("no claim takes three lines: the set-up does not test the estimate")
	}
	if float64(sumEstimated) < 0.8*float64(sumMeasured) {
		t.Errorf("rows estimated %d lines in all, measured %d", sumEstimated, sumMeasured)
	}
	// Measured, the rows have their measured lines again.
	u.do(func() {
		for _, c := range l.rows {
			if got := l.linesOf(c.ID); got != measured[c.ID] {
				t.Errorf("claim %d: %v lines after measuring, %v before", c.ID, got, measured[c.ID])
			}
		}
	})
	// Each cell is drawn inside a clip of the row's size.
	row := l.createRow().(*claimRow)
	for i, c := range row.clips {
		if c == nil || c.Content != row.cells[i] {
			t.Errorf("cell %d is not in a clip", i)
		}
	}
}
