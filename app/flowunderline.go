package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// flowUnderline is a byte range of a flowText drawn with a line under it, in
// the gap between lines, where it clears the hits' underline and the marks'
// backgrounds: a claim's words. A dashed line marks a suggestion, a solid
// one a claim the user accepted.
type flowUnderline struct {
	start, end int
	color      fyne.ThemeColorName
	dashed     bool
}

// underlineThickness is the line's thickness; dashes are dashLength long
// with gaps of dashGap.
const (
	underlineThickness = 2
	dashLength         = 5
	dashGap            = 3
)

// underlineObjects draws the underlines over lines laid out at size.
func underlineObjects(lines [][]placedRun, underlines []flowUnderline, size float32) []fyne.CanvasObject {
	if len(underlines) == 0 {
		return nil
	}
	pad := theme.InnerPadding()
	lineH := flowLineHeight()
	textH := measureText("Mg", size, fyne.TextStyle{}).Height
	var out []fyne.CanvasObject
	for _, u := range underlines {
		c := theme.Color(u.color)
		for _, b := range rangeBoxes(lines, u.start, u.end, size) {
			y := pad + float32(b.line)*lineH + textH
			if !u.dashed {
				out = append(out, bar(c, b.x+pad, y, b.w))
				continue
			}
			for x := float32(0); x < b.w; x += dashLength + dashGap {
				out = append(out, bar(c, b.x+pad+x, y, min(dashLength, b.w-x)))
			}
		}
	}
	return out
}

func bar(c color.Color, x, y, w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.Move(fyne.NewPos(x, y))
	r.Resize(fyne.NewSize(w, underlineThickness))
	return r
}
