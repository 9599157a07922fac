package ingest

import (
	"math"
	"sort"
)

// pdfBlock is a run of lines read top to bottom, with the left and right
// edges of the column it lies in (for indents and short lines).
type pdfBlock struct {
	lines  []*pdfLine
	x0, x1 float64
}

// readingOrder orders a page's lines by recursive XY-cut: columns are split
// where a vertical gutter runs through the whole region and read left to
// right; otherwise the region is split at wide horizontal gaps and read top
// to bottom; what cannot be cut is read line by line from the top.
func readingOrder(lines []*pdfLine, gap float64) []pdfBlock {
	if len(lines) == 0 {
		return nil
	}
	x0, x1 := extent(lines)
	var out []pdfBlock
	xyCut(lines, x0, x1, gap, 0, &out)
	return out
}

func extent(lines []*pdfLine) (x0, x1 float64) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		x0, x1 = math.Min(x0, l.x0), math.Max(x1, l.x1)
	}
	return x0, x1
}

func xyCut(lines []*pdfLine, colX0, colX1, gap float64, depth int, out *[]pdfBlock) {
	if len(lines) > 1 && depth < 32 {
		if parts := cutColumns(lines); len(parts) > 1 {
			for _, p := range parts {
				x0, x1 := extent(p)
				xyCut(p, x0, x1, gap, depth+1, out)
			}
			return
		}
		if parts := cutRows(lines, gap); len(parts) > 1 {
			for _, p := range parts {
				xyCut(p, colX0, colX1, gap, depth+1, out)
			}
			return
		}
	}
	sorted := append([]*pdfLine(nil), lines...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if math.Min(a.y1, b.y1)-math.Max(a.y0, b.y0) > 0.3*math.Min(a.y1-a.y0, b.y1-b.y0) {
			return a.x0 < b.x0 // on one line
		}
		return a.y1 > b.y1
	})
	*out = append(*out, pdfBlock{lines: sorted, x0: colX0, x1: colX1})
}

// cutColumns splits lines at vertical gaps (wider than colGap em) that no
// line crosses.
func cutColumns(lines []*pdfLine) [][]*pdfLine {
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return lines[idx[a]].x0 < lines[idx[b]].x0 })
	var parts [][]*pdfLine
	var cur []*pdfLine
	reach := math.Inf(-1)
	for _, i := range idx {
		l := lines[i]
		if len(cur) > 0 && l.x0-reach > colGap*l.size {
			parts = append(parts, cur)
			cur = nil
		}
		cur = append(cur, l)
		reach = math.Max(reach, l.x1)
	}
	return append(parts, cur)
}

// cutRows splits lines at horizontal gaps (wider than gap em: more than
// between the lines of a paragraph) that no line crosses.
func cutRows(lines []*pdfLine, gap float64) [][]*pdfLine {
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return lines[idx[a]].y1 > lines[idx[b]].y1 })
	var parts [][]*pdfLine
	var cur []*pdfLine
	floor := math.Inf(1)
	for _, i := range idx {
		l := lines[i]
		if len(cur) > 0 && floor-l.y1 > gap*l.size {
			parts = append(parts, cur)
			cur = nil
		}
		cur = append(cur, l)
		floor = math.Min(floor, l.y0)
	}
	return append(parts, cur)
}
