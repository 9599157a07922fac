package app

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// An address is one line, and a one-line field draws its line as one
// texture: a 2,048-character address at text size 1.8 (~32,600 px) was
// wider than GL allows and was drawn as a black bar (ui19's L5). The
// Address field is Fyne's plain one-line field while its line fits a
// texture with room to spare, as almost every address does. Past that it
// shows the line in rows it breaks itself (ui26's design), each row a
// texture no wider than the field. Fyne's own break-wrapping held the
// window 6-26 s on such an address (ui23): it measured the rest of the
// text for every row. The rows' breaks are the field's alone: its value,
// Copy, Cut and Save give the line without them.

// textureSide is the widest texture every GL Dossier runs on allows
// (8,192 pixels on many GPUs; Mesa's llvmpipe allows 16,384).
const textureSide = 8192

// oneLineMost is the widest line, in device pixels, an address field
// draws on one line: a quarter under textureSide, for the margin between
// the sum of the characters' widths measured here and the texture Fyne
// makes of the shaped line.
const oneLineMost = textureSide * 3 / 4

// oneLineAgain is how narrow a line shown in rows must become to go back
// to one line: a line at the edge would otherwise switch with every key
// typed, and each switch clears Fyne's undo.
const oneLineAgain = oneLineMost * 7 / 8

// addressRows is how many rows an address field shows at most, scrolling
// past them.
const addressRows = 2

// addressRowRunes is the most characters a row holds before the field
// knows its width: 128 of the widest glyphs at text size 1.8 on a screen
// of scale 2 stay under textureSide.
const addressRowRunes = 128

// addressState is what an address field keeps besides Fyne's entry.
type addressState struct {
	shownAt   float32            // the text size the field chose rows or one line at
	brokenAt  float32            // the field's width its rows were broken at
	advance   map[rune]float32   // each character's width at advanceAt
	advanceAt float32            // the text size of advance
	undo      *addressBeforeEdit // the line before the last edit, if the field set its text after it
}

// addressBeforeEdit is the line as it was before an edit after which the
// field set its text, switching between rows and one line or breaking
// the rows afresh (setting the text cleared Fyne's undo), and the
// cursor's place in it: Ctrl+Z right after gives it back.
type addressBeforeEdit struct {
	line string
	at   int
}

// newAddressField is a one-line field for a web address (Document
// details' Address).
func (u *UI) newAddressField() *fieldEntry {
	e := u.newField()
	e.addr = &addressState{}
	return e
}

// inRows tells whether the field shows its line in rows.
func (e *fieldEntry) inRows() bool { return e.addr != nil && e.MultiLine }

// value is what the field holds: its text, without the rows' breaks.
func (e *fieldEntry) value() string {
	if e.inRows() {
		return withoutBreaks(e.Text)
	}
	return e.Text
}

// setValue puts s in the field: an address field shows it on one line, or
// in rows if it is too wide for one texture.
func (e *fieldEntry) setValue(s string) {
	if e.addr == nil {
		e.SetText(s)
		return
	}
	e.addr.undo = nil
	e.show(s, e.valueOffset(), !e.fitsOneLine(s, oneLineMost))
}

func withoutBreaks(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", "", "\n", "").Replace(s)
}

func (e *fieldEntry) textSize() float32 { return e.Theme().Size(theme.SizeNameText) }

// lineWidth is the sum of line's characters' widths, each measured once
// per text size: the field decides rows or one line, and breaks its rows,
// in one pass over the line.
func (e *fieldEntry) lineWidth(line string) float32 {
	size := e.textSize()
	if e.addr.advance == nil || e.addr.advanceAt != size {
		e.addr.advance, e.addr.advanceAt = map[rune]float32{}, size
	}
	width := float32(0)
	for _, r := range line {
		width += e.advance(r, size)
	}
	return width
}

func (e *fieldEntry) advance(r rune, size float32) float32 {
	w, ok := e.addr.advance[r]
	if !ok {
		w = fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
		e.addr.advance[r] = w
	}
	return w
}

// fitsOneLine tells whether line, drawn on one line, is at most most
// device pixels wide.
func (e *fieldEntry) fitsOneLine(line string, most float32) bool {
	return e.lineWidth(line)*e.ui.win.Canvas().Scale() <= most
}

// show puts line in the field, in rows or on one line, the cursor at its
// at'th character.
func (e *fieldEntry) show(line string, at int, rows bool) {
	e.addr.shownAt = e.textSize()
	switched := e.MultiLine != rows
	e.MultiLine = rows
	if rows {
		e.addr.brokenAt = e.Size().Width
		e.SetText(e.breakRows(line))
		e.SetMinRowsVisible(min(strings.Count(e.Text, "\n")+1, addressRows))
	} else {
		e.SetText(line)
	}
	e.placeCursor(at)
	if top := e.ui.win.Canvas().Overlays().Top(); switched && top != nil {
		// Its dialog grows or shrinks with it: Fyne lays a pop-up out at
		// its content's new height only when it is refreshed (the note
		// under the field was pushed out of sight, the body scrolling).
		top.Refresh()
	}
}

// valueOffset is the cursor's place in the field's line.
func (e *fieldEntry) valueOffset() int {
	if !e.inRows() {
		return e.CursorColumn
	}
	at := e.CursorColumn
	rows := strings.Split(e.Text, "\n")
	for _, row := range rows[:min(e.CursorRow, len(rows))] {
		at += utf8.RuneCountInString(row)
	}
	return at
}

// placeCursor puts the cursor before the line's at'th character (at the
// start of a row rather than the end of the one before).
func (e *fieldEntry) placeCursor(at int) {
	row, col := 0, at
	if e.inRows() {
		rows := strings.Split(e.Text, "\n")
		for ; row < len(rows)-1; row++ {
			n := utf8.RuneCountInString(rows[row])
			if col < n {
				break
			}
			col -= n
		}
		col = min(col, utf8.RuneCountInString(rows[row]))
	} else {
		col = min(col, utf8.RuneCountInString(e.Text))
	}
	e.CursorRow, e.CursorColumn = row, col
	e.Entry.Refresh()
}

// rowWidth is how wide a row may be: the field's width less its insets
// and a character's margin (kerning may make a row a little wider than
// its characters' widths), or, before the field is laid out, unbounded
// (addressRowRunes bounds it).
func (e *fieldEntry) rowWidth() float32 {
	th := e.Theme()
	size := th.Size(theme.SizeNameText)
	w := e.Size().Width - 2*(th.Size(theme.SizeNameInnerPadding)+th.Size(theme.SizeNameInputBorder)) - size
	if w < size {
		return textureSide
	}
	return w
}

// breakRows breaks line into rows of at most rowWidth and addressRowRunes.
func (e *fieldEntry) breakRows(line string) string {
	width, size := e.rowWidth(), e.textSize()
	e.lineWidth("") // the widths measured at this size
	var b strings.Builder
	b.Grow(len(line) + len(line)/16)
	run, runes := float32(0), 0
	for _, r := range line {
		w := e.advance(r, size)
		if runes > 0 && (run+w > width || runes >= addressRowRunes) {
			b.WriteByte('\n')
			run, runes = 0, 0
		}
		b.WriteRune(r)
		run += w
		runes++
	}
	return b.String()
}

// rebreak breaks the rows afresh (after a paste, a row typed past the
// field's edge, a new width or text size), the cursor kept at the same
// character, and reports whether they changed. Not after every key:
// setting the text clears Fyne's undo.
func (e *fieldEntry) rebreak() bool {
	e.addr.brokenAt = e.Size().Width
	at := e.valueOffset()
	text := e.breakRows(withoutBreaks(e.Text))
	if text == e.Text {
		return false
	}
	e.SetText(text)
	e.SetMinRowsVisible(min(strings.Count(text, "\n")+1, addressRows))
	e.placeCursor(at)
	return true
}

// rowOverflows tells whether the cursor's row runs past the field's edge.
func (e *fieldEntry) rowOverflows() bool {
	rows := strings.Split(e.Text, "\n")
	row := rows[min(e.CursorRow, len(rows)-1)]
	return utf8.RuneCountInString(row) > addressRowRunes || e.lineWidth(row) > e.rowWidth()
}

// refit shows the line in rows once it is too wide for one texture, and
// on one line again once it is well within one, keeping line and cursor.
// It reports whether it switched.
func (e *fieldEntry) refit() bool {
	line, most := e.value(), float32(oneLineMost)
	if e.inRows() {
		most = oneLineAgain
	}
	e.addr.shownAt = e.textSize()
	if e.inRows() == e.fitsOneLine(line, most) {
		e.show(line, e.valueOffset(), !e.inRows())
		return true
	}
	return false
}

// editAddress runs edit, a key or shortcut in an address field, then
// shows the line in rows or on one line as its width now asks; in rows,
// it breaks them afresh where always, or the cursor's row overflows. An
// edit after which the field set its text (which clears Fyne's undo) can
// be undone by the next Ctrl+Z.
func (e *fieldEntry) editAddress(edit func(), always bool) {
	before, at := e.value(), e.valueOffset()
	edit()
	if e.value() == before {
		return
	}
	e.addr.undo = nil
	if e.refit() || e.inRows() && (always || e.rowOverflows()) && e.rebreak() {
		e.addr.undo = &addressBeforeEdit{before, at}
	}
}

// addressKey is an address field's handling of a key: in rows, a row's
// break is no character, so Backspace at a row's start deletes the
// character before it, Delete at a row's end the one after it, and Left
// and Right step over it in one press.
func (e *fieldEntry) addressKey(k *fyne.KeyEvent) {
	again := false
	if e.inRows() && e.SelectedText() == "" {
		rows := strings.Split(e.Text, "\n")
		atStart := e.CursorColumn == 0 && e.CursorRow > 0
		atEnd := e.CursorRow < len(rows)-1 && e.CursorColumn == utf8.RuneCountInString(rows[e.CursorRow])
		switch {
		case k.Name == fyne.KeyBackspace && atStart:
			e.CursorRow--
			e.CursorColumn = utf8.RuneCountInString(rows[e.CursorRow])
		case k.Name == fyne.KeyDelete && atEnd:
			e.CursorRow++
			e.CursorColumn = 0
		case k.Name == fyne.KeyLeft && atStart, k.Name == fyne.KeyRight && atEnd:
			again = true
		}
	}
	e.editAddress(func() {
		e.Entry.TypedKey(k)
		if again {
			e.Entry.TypedKey(k)
		}
	}, false)
}

// addressShortcut is an address field's handling of a shortcut (a paste
// already without line breaks, and capped).
func (e *fieldEntry) addressShortcut(s fyne.Shortcut) {
	switch c := s.(type) {
	case *fyne.ShortcutUndo:
		if u := e.addr.undo; u != nil {
			e.addr.undo = nil
			e.show(u.line, u.at, !e.fitsOneLine(u.line, oneLineMost))
			return
		}
		e.editAddress(func() { e.Entry.TypedShortcut(s) }, true)
		e.addr.undo = nil // a second Ctrl+Z does not redo
	case *fyne.ShortcutCopy, *fyne.ShortcutCut:
		selected, rows := e.SelectedText(), e.inRows()
		e.editAddress(func() { e.Entry.TypedShortcut(s) }, false)
		// The rows' breaks are the field's: the line leaves it whole.
		if clip := clipboardOf(c); rows && selected != "" && clip != nil {
			clip.SetContent(withoutBreaks(selected))
		}
	case *fyne.ShortcutPaste, *fyne.ShortcutRedo:
		e.editAddress(func() { e.Entry.TypedShortcut(s) }, true)
	default:
		e.editAddress(func() { e.Entry.TypedShortcut(s) }, false)
	}
}

func clipboardOf(s fyne.Shortcut) fyne.Clipboard {
	switch c := s.(type) {
	case *fyne.ShortcutCopy:
		return c.Clipboard
	case *fyne.ShortcutCut:
		return c.Clipboard
	}
	return nil
}

// addressResized breaks the rows afresh at a new width.
func (e *fieldEntry) addressResized(size fyne.Size) {
	if e.inRows() && size.Width != e.addr.brokenAt {
		e.rebreak()
	}
}

// addressRestyled follows a new text size (the theme applied again): the
// line may now fit one texture, or no longer, and rows are broken afresh.
func (e *fieldEntry) addressRestyled() {
	if e.addr.shownAt == 0 || e.textSize() == e.addr.shownAt {
		return
	}
	if !e.refit() && e.inRows() {
		e.rebreak()
	}
}
