package app

// The corroboration matrix: one row per assertion (claims linked as the
// same form one), one column per source, ✓ where the source asserts it,
// ✗ where it denies it. Which claims rest on one source, which are
// repeated, which are disputed — at a glance.

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// matrixLines is how many lines of its claim a matrix row shows; the
// ledger and the reader show it whole.
const matrixLines = 3

// matrixPane shows the matrix in the middle pane.
type matrixPane struct {
	v       *claimsView
	box     *fyne.Container
	table   *widget.Table
	summary *widget.Label
	m       store.ClaimMatrix
	width   float32 // the table's
	rows    []int   // the rows shown: indexes into m.Rows
	count   float32 // the width of the column counting sources
}

func newMatrixPane(v *claimsView) *matrixPane {
	p := &matrixPane{v: v}
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.rows), 2 + len(p.m.Sources) },
		func() fyne.CanvasObject {
			t := newFlowText()
			t.setMaxLines(matrixLines)
			// The table sizes every row as its template: matrixLines tall.
			tall := canvas.NewRectangle(color.Transparent)
			tall.SetMinSize(fyne.NewSize(0, flowHeight(matrixLines)))
			return container.NewStack(tall, t)
		},
		p.updateCell,
	)
	p.table.ShowHeaderColumn = false
	p.table.StickyColumnCount = 1
	p.table.CreateHeader = func() fyne.CanvasObject {
		t := newFlowText()
		t.setMaxLines(3)
		return t
	}
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row >= 0 {
			return
		}
		t := o.(*flowText)
		switch id.Col {
		case 0:
			t.setSpans([]flowSpan{{text: "Claim", bold: true}})
		case 1:
			t.setSpans([]flowSpan{{text: "Sources", bold: true}})
		default:
			if i := id.Col - 2; i < len(p.m.Sources) {
				t.setSpans([]flowSpan{{text: p.m.Sources[i].Name, bold: true}})
			}
		}
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		p.table.UnselectAll()
		p.open(id)
	}
	// The table scrolls its columns itself; its sticky columns' width must
	// not widen the window at a large text size.
	// The claims take about half the pane's width, the sources the rest.
	p.box = container.NewBorder(p.summary, nil, nil, nil, container.New(&shrinkLayout{onWidth: func(w float32) {
		p.width = w
		p.sizeColumns()
	}}, p.table))
	return p
}

// shrinkLayout fills its area with its objects and asks for no room; it
// tells onWidth a new width.
type shrinkLayout struct {
	width   float32
	onWidth func(float32)
}

func (*shrinkLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (l *shrinkLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.onWidth(size.Width)
	}
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (p *matrixPane) content() fyne.CanvasObject { return p.box }

// set takes a newly loaded matrix.
func (p *matrixPane) set(m store.ClaimMatrix) {
	p.m = m
	p.sizeColumns()
}

// sizeColumns sets the columns' widths and the rows' height for the text
// size.
func (p *matrixPane) sizeColumns() {
	ts := theme.TextSize()
	// As wide as its header needs: at a small text size the padding, which
	// does not shrink with the text, broke it as "Source / s" (found by a
	// hostile pass).
	p.count = max(5.5*ts, measureText("Sources", ts, fyne.TextStyle{Bold: true}).Width+2*theme.InnerPadding()+2)
	claim := min(max(p.width-p.count-3*8*ts, 12*ts), 30*ts) // room for three sources if it can
	p.table.SetColumnWidth(0, claim)
	p.table.SetColumnWidth(1, p.count)
	for i := range p.m.Sources {
		p.table.SetColumnWidth(2+i, 8*ts)
	}
	p.table.SetRowHeight(-1, flowHeight(3))
}

// showGroup shows the rows holding a claim of the chosen group, and sums
// them up.
func (p *matrixPane) showGroup(key string) {
	p.rows = p.rows[:0]
	single, repeated, disputed := 0, 0, 0
	inGroup := groupFilter(key)
	for i, r := range p.m.Rows {
		if !slices.ContainsFunc(r.Claims, inGroup) {
			continue
		}
		p.rows = append(p.rows, i)
		switch n := r.SourceCount(); {
		case r.Disputed():
			disputed++
		case n > 1:
			repeated++
		default:
			single++
		}
	}
	v := p.v
	v.paneLine.SetNamed("Corroboration — ", v.groupName(), fmt.Sprintf(" · %s × %s", plural(len(p.rows), "assertion"), plural(len(p.m.Sources), "source")))
	p.summary.SetText(fmt.Sprintf("%s on one source, %s by several, %s (a source denies what another asserts, or linked as contradicting). ✓ asserts · ✗ denies. Claims linked as the same form one row. Click a mark to read that source's claim.",
		claimsThat(single, "rests", "rest"), claimsThat(repeated, "is repeated", "are repeated"), claimsThat(disputed, "is disputed", "are disputed")))
	p.sizeColumns()
	p.table.Refresh()
	p.table.ScrollToTop()
	if len(p.rows) == 0 {
		v.showMessage(v.emptyMessage())
		return
	}
	v.messageLine.Hide()
	p.box.Show()
}

// markSize is the size a source's ✓ or ✗ is drawn at: the glyphs come
// from a fallback font, and at the text size they were half as tall as the
// digits beside them, hard to see at text 1.0 (UI passes ui13, ui14).
const markSize = theme.SizeNameHeadingText

func (p *matrixPane) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	t := o.(*fyne.Container).Objects[1].(*flowText)
	// The table hands cells from column to column: only a source's column
	// draws at markSize (setSpans below lays the text out again).
	t.sizeName = ""
	if id.Col >= 2 {
		t.sizeName = markSize
	}
	if id.Row < 0 || id.Row >= len(p.rows) {
		t.setSpans(nil)
		return
	}
	ri := p.rows[id.Row]
	r := p.m.Rows[ri]
	switch id.Col {
	case 0:
		t.setSpans(matrixClaimSpans(ri, r))
	case 1:
		n := r.SourceCount()
		spans := []flowSpan{{text: thousands(n)}}
		if r.Disputed() {
			spans = append(spans, flowSpan{text: " disputed", bold: true, color: colorNameDenies})
		} else if n > 1 {
			spans = append(spans, flowSpan{text: " repeated", color: colorNameAsserts})
		}
		if len(r.Contradicts) > 0 {
			var nums []string
			for _, c := range r.Contradicts {
				nums = append(nums, fmt.Sprintf("%d", c+1))
			}
			spans = append(spans, flowSpan{text: " ≠ " + strings.Join(nums, ", "), color: colorNameDenies})
		}
		t.setSpans(spans)
	default:
		col := id.Col - 2
		if col >= len(r.Marks) {
			t.setSpans(nil)
			return
		}
		switch r.Marks[col] {
		case store.MarkAsserts:
			t.setSpans([]flowSpan{{text: "✓", bold: true, color: colorNameAsserts}})
		case store.MarkDenies:
			t.setSpans([]flowSpan{{text: "✗", bold: true, color: colorNameDenies}})
		case store.MarkBoth:
			t.setSpans([]flowSpan{{text: "✓ ✗", bold: true, color: colorNameBoth}})
		default:
			t.setSpans(nil)
		}
	}
}

// open reads the claim behind a cell: the source's claim under a mark,
// the row's first claim elsewhere.
func (p *matrixPane) open(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(p.rows) {
		return
	}
	r := p.m.Rows[p.rows[id.Row]]
	c := r.Claims[0]
	if col := id.Col - 2; col >= 0 && col < len(p.m.Sources) {
		for _, cl := range r.Claims {
			if cl.SourceID == p.m.Sources[col].ID {
				c = cl
				break
			}
		}
	}
	p.v.ui.reader.openPassage(c.DocumentID, c.PassageID, "")
	p.v.ui.reader.claimed = c.ID // Ctrl+K opens this claim
	p.v.ui.status.setMessage(fmt.Sprintf("Claim by %s in %s of %s.", claimBy(c), passagePlace(c.Page, c.Ordinal), p.v.ui.docNamed(c.DocumentID, c.DocumentTitle)))
}

// claimsThat says how many claims do something: "1 rests", "3 rest".
func claimsThat(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// matrixClaimSpans is the matrix's first cell of row ri: its number and
// its first claim's words, a line break in them a space (drawn as a
// missing-glyph box, as in the ledger).
func matrixClaimSpans(ri int, r store.MatrixRow) []flowSpan {
	spans := []flowSpan{{text: fmt.Sprintf("%d. ", ri+1), bold: true}, {text: "“" + flatSpaces(r.Claims[0].Text) + "”"}}
	if n := len(r.Claims); n > 1 {
		spans = append(spans, flowSpan{text: fmt.Sprintf(" (+%d linked)", n-1), color: theme.ColorNameDisabled})
	}
	return spans
}
