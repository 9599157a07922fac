package app

// The reader's passage rows: a passage's text with its hits and bookmark
// spans painted in, its gutter and its tag chips.

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// passageRow is one passage in the reader: its number (and a bookmark
// mark) in the gutter, its text, and its tags as chips, over a background
// that marks the focused passage. Tapping it focuses it.
type passageRow struct {
	bg       *canvas.Rectangle
	ordinal  *widget.Label
	page     *widget.Label   // "p. 7" above the number where a new page starts; nil elsewhere
	mark     *fyne.Container // the bookmark icon, shown under the number
	text     *selectableText
	chips    *fyne.Container
	claims   *fyne.Container // a chip per claim on the passage; hidden when none
	chipRows *fyne.Container // claims over chips, under the text
	block    *fyne.Container // the text over chipRows
	content  fyne.CanvasObject
}

func (r *readerView) newPassageRow(i int, p store.Passage) *passageRow {
	row := &passageRow{
		bg:      canvas.NewRectangle(color.Transparent),
		ordinal: widget.NewLabel(fmt.Sprint(p.Ordinal)),
		text:    newSelectableText(func(start, end int) { r.selected(i, start, end) }),
		chips:   container.New(&flowLayout{fit: true}),
		claims:  container.New(&flowLayout{fit: true}),
	}
	row.text.plainMarks = func() bool { return !r.noteRefs }
	row.claims.Hide()
	row.bg.CornerRadius = theme.InputRadiusSize()
	row.ordinal.Importance = widget.LowImportance
	row.ordinal.Alignment = fyne.TextAlignTrailing
	widths := &gutterLayout{widest: max(p.Ordinal, r.doc.Passages), pages: r.doc.Pages, narrow: &r.ui.narrow}
	gutter := container.New(widths, row.ordinal)
	margin := container.NewVBox(gutter)
	// A page mark where a new page starts (paged documents only), so the
	// reader can find "p. 7" of a citation.
	if p.Page > 0 && (i == 0 || r.passages[i-1].Page != p.Page) {
		row.page = widget.NewLabelWithStyle(store.PageRef(p.Page), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		row.page.Importance = widget.LowImportance
		margin = container.NewVBox(container.New(widths, row.page), gutter)
	}
	// Hidden, the mark takes no height: an unmarked one-line passage is
	// one line tall.
	row.mark = container.NewGridWrap(fyne.NewSize(44, 18), container.NewCenter(widget.NewIcon(bookmarkIcon)))
	row.mark.Hide()
	margin.Add(row.mark)
	row.chipRows = container.NewVBox(row.claims, row.chips)
	row.block = container.NewBorder(nil, row.chipRows, nil, nil, row.text)
	body := container.NewBorder(nil, nil, margin, nil, row.block)
	tapped := func() {
		r.clearSelection()
		r.focusOn(i)
	}
	row.text.onTap = func(offset int) {
		tapped()
		r.tappedText(i, offset)
	}
	row.content = newTapArea(container.NewStack(row.bg, body), tapped)
	return row
}

// paint renders passage i's text with its hits, and its focus background.
func (r *readerView) paint(i int) {
	row, ok := r.rows[i]
	if !ok {
		return
	}
	p := r.passages[i]
	cur := -1
	if r.cur >= 0 && r.hits[r.cur].passage == i {
		cur = r.hits[r.cur].rng // the eye should find the current hit after a jump
	}
	spans := hitSpans(p.Text, r.matches[p.ID], cur)
	if p.Heading { // a section heading reads as one
		for i := range spans {
			spans[i].bold = true
		}
	}
	selStart, selEnd := 0, 0
	if r.sel.ok && r.sel.passage == i {
		selStart, selEnd = r.sel.rng.Start, r.sel.rng.End
	}
	row.text.underlines = r.claimUnderlines(p)
	row.text.show(spans, r.spanMarks(p), selStart, selEnd)
	if _, ok := r.marks[p.ID]; ok {
		row.mark.Show()
	} else {
		row.mark.Hide()
	}
	row.chips.Objects = r.chipsFor(p)
	row.chips.Refresh()
	row.claims.Objects = r.claimChips(p)
	shown := row.claims.Visible()
	if len(row.claims.Objects) == 0 {
		row.claims.Hide() // no gap where there are none
	} else {
		row.claims.Show()
		row.claims.Refresh()
	}
	if shown != row.claims.Visible() {
		// Hiding or showing the chip row changes the passage's height:
		// the rows are laid out again, or the last claim rejected would
		// leave an empty gap where its chip was. Inside out: the row
		// keeps its size when the text takes the freed height.
		row.chipRows.Refresh()
		row.block.Refresh()
		r.box.Refresh()
	}
	if i == r.focus {
		r.updateMarkButton()
		row.bg.FillColor = theme.Color(colorNameFocus)
		row.ordinal.Importance = widget.MediumImportance // dim grey vanishes on the focus colour
	} else {
		row.bg.FillColor = color.Transparent
		row.ordinal.Importance = widget.LowImportance
	}
	row.bg.Refresh()
	row.ordinal.Refresh()
}

// flatSpaces turns line breaks, tabs and other control characters into
// spaces, byte for byte (so byte ranges stay valid): hard-wrapped lines
// flow, and a tab is not drawn as a gap of unknown width.
func flatSpaces(text string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, text)
}

// hitSpans styles a passage: ranges in bold hit colour, range cur (if not
// -1) as the current hit. Newlines become spaces, and bidirectional
// controls visible marks (showable), byte for byte.
func hitSpans(text string, ranges []store.Range, cur int) []flowSpan {
	text = showable(flatSpaces(text))
	var spans []flowSpan
	prev := 0
	for i, rg := range ranges {
		if rg.Start < prev || rg.End > len(text) || rg.Start >= rg.End {
			continue
		}
		if rg.Start > prev {
			spans = append(spans, flowSpan{text: text[prev:rg.Start]})
		}
		hit := flowSpan{text: text[rg.Start:rg.End], bold: true, color: colorNameHit}
		if i == cur {
			hit.color, hit.underline = colorNameCurrentHit, true
		}
		spans = append(spans, hit)
		prev = rg.End
	}
	if prev < len(text) {
		spans = append(spans, flowSpan{text: text[prev:]})
	}
	spans = dimNoteMarks(spans)
	for i := range spans {
		spans[i].hyphens = true // "intelligence-|gathering" in a narrow reader
	}
	return spans
}

// dimNoteMarks draws the footnote references in plain spans dim
// (store.NoteMarks: "…with Putin,<FN981> Putin raised…"), so that they read
// as references rather than part of the sentence, and a line may break
// before them.
func dimNoteMarks(spans []flowSpan) []flowSpan {
	var out []flowSpan
	for _, sp := range spans {
		marks := store.NoteMarks(sp.text)
		if sp.bold || sp.color != "" || len(marks) == 0 {
			out = append(out, sp)
			continue
		}
		prev := 0
		for _, m := range marks {
			if m[0] > prev {
				out = append(out, flowSpan{text: sp.text[prev:m[0]]})
			}
			// The line may break before it: glued to its word
			// ("Government.”<FN844>", 277 pixels at the largest
			// text), it broke the word between letters in a narrow
			// reader (a UI pass).
			out = append(out, flowSpan{text: sp.text[m[0]:m[1]], color: theme.ColorNameDisabled, breakBefore: true})
			prev = m[1]
		}
		if prev < len(sp.text) {
			out = append(out, flowSpan{text: sp.text[prev:]})
		}
	}
	return out
}
