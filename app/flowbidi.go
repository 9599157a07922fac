package app

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// Fyne draws each text in logical order: the letters of a right-to-left
// word come out right, but an Arabic or Hebrew sentence drawn as one text
// read backwards word by word, and a word starting with a Hebrew letter
// took its trailing space to its left ("שלוםand  مرحباappear"; found by a
// hostile UI pass). flowText places words itself, so it orders each line's
// words visually by the Unicode bidirectional algorithm, at word
// granularity: a word's direction is its first strong letter's, and
// spaces, punctuation and numbers between words are resolved as the
// algorithm's neutrals and numbers. Lines are still broken in logical
// order. Right-to-left words are drawn one by one, without their spaces,
// which are placed between the words as pieces of their own.

// bidiClass is a word's class: its first strong letter's direction, a
// number, or neutral (spaces, punctuation, the ellipsis).
type bidiClass uint8

const (
	bidiN bidiClass = iota
	bidiL
	bidiR
	bidiEN
	bidiAN // Arabic digits: a number, which a left-to-right word before it does not make one of its own
)

// spansHaveRTL is whether any span has a right-to-left letter or an
// Arabic digit: if none, lines are laid out as they always were.
func spansHaveRTL(spans []flowSpan) bool {
	for i := range spans {
		if hasRTL(spans[i].text) {
			return true
		}
	}
	return false
}

func hasRTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0xD6 { // ASCII, or a letter before U+0590 (Hebrew)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x590 {
			switch p, _ := bidi.LookupRune(r); p.Class() {
			case bidi.R, bidi.AL, bidi.AN:
				return true
			}
		}
		i += n - 1
	}
	return false
}

// neutralEnds cuts a word into the punctuation it starts with, the rest,
// and the punctuation it ends with: other neutrals and separators (quotes,
// brackets, commas, full stops), not the signs a number keeps ("$5",
// "35%", "-3").
func neutralEnds(s string) (lead, core, trail string) {
	neutral := func(r rune) bool {
		p, _ := bidi.LookupRune(r)
		return p.Class() == bidi.ON || p.Class() == bidi.CS
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !neutral(r) {
			break
		}
		i += n
	}
	j := len(s)
	for j > i {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if !neutral(r) {
			break
		}
		j -= n
	}
	return s[:i], s[i:j], s[j:]
}

// bidiText is the text a run is drawn with: a right-to-left run without a
// right-to-left letter (punctuation resolved right to left) reversed and
// its brackets mirrored, as Fyne draws such text left to right.
func bidiText(run placedRun, text string) string {
	if run.rtl && !hasRTL(text) {
		return bidi.ReverseString(text)
	}
	return text
}

// classOf is the class of a word: its first strong letter's direction,
// else its first digit's, else neutral.
func classOf(s string) bidiClass {
	if c := firstStrong(s); c != bidiN {
		return c
	}
	for _, r := range s {
		switch p, _ := bidi.LookupRune(r); p.Class() {
		case bidi.EN:
			return bidiEN
		case bidi.AN:
			return bidiAN
		}
	}
	return bidiN
}

// firstStrong is the direction of s's first strong letter, bidiN if none.
func firstStrong(s string) bidiClass {
	for _, r := range s {
		switch p, _ := bidi.LookupRune(r); p.Class() {
		case bidi.L:
			return bidiL
		case bidi.R, bidi.AL:
			return bidiR
		}
	}
	return bidiN
}

// paragraphRTL is whether the spans' first strong letter is right-to-left:
// then the paragraph's lines read right to left, and are right-aligned.
func paragraphRTL(spans []flowSpan) bool {
	for i := range spans {
		if spans[i].isolate {
			continue // as rule P2 skips an isolate's letters
		}
		if c := firstStrong(spans[i].text); c != bidiN {
			return c == bidiR
		}
	}
	return false
}

// bidiRows orders each row's pieces visually (see reorderRow).
func bidiRows(rows [][]placed, rtl bool, avail, size float32) {
	for i, row := range rows {
		rows[i] = reorderRow(row, rtl, avail, size)
	}
}

// reorderRow orders a line's pieces visually, each word and each run of
// spaces a piece of its own, and places them again from the left (from
// the right, if rtl: the paragraph's direction). Pieces keep their
// offsets, so selection and marks find the text under the pointer. A line
// of left-to-right words in a left-to-right paragraph is left as it is.
func reorderRow(row []placed, rtl bool, avail, size float32) []placed {
	var units []placed
	var cls []bidiClass
	anyR := false // any right-to-left letter or Arabic digit
	for _, p := range row {
		trimmed := strings.TrimRight(p.text, " ")
		// Measured again, not taken from p.w: withEllipsis shortens the
		// piece it ends with, not its width.
		style := textStyle(p.span)
		vis := measureWord(trimmed, size, style)
		if trimmed != "" {
			// A part of a right-to-left isolate is ordered as one even
			// with no such letter on this line (see isolatedLevels).
			anyR = anyR || hasRTL(trimmed) || p.span != nil && p.span.isolate && hasRTL(p.span.text)
			// Punctuation and brackets at a word's ends are pieces of
			// their own, resolved between the words (see neutralEnds):
			// "(מרחבא)" drawn as one word read ")מרחבא(", and "[מקור 3]."
			// in a right-to-left line ended "3]." on the left.
			lead, core, trail := neutralEnds(trimmed)
			if core == "" || (lead == "" && trail == "") {
				units = append(units, placed{piece: piece{p.span, trimmed, p.off}, w: vis})
				cls = append(cls, classOf(trimmed))
			} else {
				at := 0
				for _, part := range [...]string{lead, core, trail} {
					if part == "" {
						continue
					}
					off := p.off
					if off >= 0 {
						off += at
					}
					at += len(part)
					units = append(units, placed{piece: piece{p.span, part, off}, w: measureWord(part, size, style)})
					cls = append(cls, classOf(part))
				}
			}
		}
		if trimmed != p.text {
			off := p.off
			if off >= 0 {
				off += len(trimmed)
			}
			spaces := p.text[len(trimmed):]
			units = append(units, placed{piece: piece{p.span, spaces, off}, w: float32(len(spaces)) * measureWord(" ", size, style)})
			cls = append(cls, bidiN)
		}
	}
	if !anyR && !rtl {
		return row
	}
	// The spaces that end a line are not shown (nor boxed as selected).
	for len(units) > 0 && strings.TrimSpace(units[len(units)-1].text) == "" {
		units, cls = units[:len(units)-1], cls[:len(cls)-1]
	}
	levels := isolatedLevels(units, cls, rtl)
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	top := 0
	for _, l := range levels {
		top = max(top, l)
	}
	// Rule L2: from the highest level down to 1, reverse every run of
	// pieces at that level or higher.
	for lvl := top; lvl >= 1; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	out := make([]placed, len(units))
	x := float32(0)
	for k, i := range order {
		u := units[i]
		// A run is drawn in logical order (see mergeRuns): only words
		// and spaces read left to right join one, and none with a
		// right-to-left letter or digit, which Fyne draws as it will.
		u.x, u.rtl, u.alone = x, levels[i]%2 == 1, levels[i]%2 == 1 || hasRTL(u.text)
		x += u.w
		out[k] = u
	}
	if rtl && x < avail {
		for k := range out {
			out[k].x += avail - x
		}
	}
	return out
}

// isolatedLevels is bidiLevels for units some of which are of isolated
// spans (flowSpan.isolate): each such run of units counts as one neutral
// among the others (rule X5c: an isolate's initiator), and is resolved on
// its own, in the direction of its first strong letter, at the least
// level above the paragraph's of that direction (X5a–X5c).
func isolatedLevels(units []placed, cls []bidiClass, rtl bool) []int {
	if !slices.ContainsFunc(units, func(u placed) bool { return u.span != nil && u.span.isolate }) {
		return bidiLevels(cls, rtl)
	}
	type group struct{ from, to int } // units[from:to], of one isolated span
	var groups []group
	var outer []bidiClass
	for i := 0; i < len(units); {
		sp := units[i].span
		if sp == nil || !sp.isolate {
			outer = append(outer, cls[i])
			i++
			continue
		}
		j := i
		for j < len(units) && units[j].span == sp {
			j++
		}
		groups = append(groups, group{i, j})
		outer = append(outer, bidiN)
		i = j
	}
	outerLevels := bidiLevels(outer, rtl)
	levels := make([]int, len(units))
	paragraph := 0
	if rtl {
		paragraph = 1
	}
	g, k := 0, 0 // the next group; the next outer entry
	for i := 0; i < len(units); k++ {
		if g == len(groups) || groups[g].from != i {
			levels[i] = outerLevels[k]
			i++
			continue
		}
		gr := groups[g]
		// The isolate's direction is its whole text's, not only the words
		// on this line: a title broken over two lines keeps one direction.
		inRTL := firstStrong(units[gr.from].span.text) == bidiR
		base, inner := paragraph+1, 0 // the least level above the paragraph's, of the isolate's direction
		if inRTL != (base%2 == 1) {
			base++
		}
		if inRTL {
			inner = 1 // bidiLevels' levels are from an RTL paragraph's 1
		}
		for j, l := range bidiLevels(cls[gr.from:gr.to], inRTL) {
			levels[gr.from+j] = base + l - inner
		}
		i, g = gr.to, g+1
	}
	return levels
}

// bidiLevels resolves the pieces' embedding levels in a paragraph of
// direction rtl: rules W7 (a number after a left-to-right word is one),
// N1–N2 (neutrals between two words of one direction take it, others the
// paragraph's; numbers count as right-to-left) and I1–I2.
func bidiLevels(cls []bidiClass, rtl bool) []int {
	base := bidiL
	if rtl {
		base = bidiR
	}
	res := make([]bidiClass, len(cls))
	strong := base
	for i, c := range cls {
		switch c {
		case bidiL, bidiR:
			strong = c
		case bidiEN:
			if strong == bidiL {
				c = bidiL
			}
		}
		res[i] = c
	}
	dir := func(c bidiClass) bidiClass {
		if c == bidiEN || c == bidiAN {
			return bidiR
		}
		return c
	}
	for i := 0; i < len(res); {
		if res[i] != bidiN {
			i++
			continue
		}
		j := i
		for j < len(res) && res[j] == bidiN {
			j++
		}
		before, after := base, base
		if i > 0 {
			before = dir(res[i-1])
		}
		if j < len(res) {
			after = dir(res[j])
		}
		d := base
		if before == after {
			d = before
		}
		for k := i; k < j; k++ {
			res[k] = d
		}
		i = j
	}
	levels := make([]int, len(res))
	for i, c := range res {
		switch {
		case !rtl && c == bidiR:
			levels[i] = 1
		case c == bidiEN || c == bidiAN:
			levels[i] = 2
		case rtl && c == bidiL:
			levels[i] = 2
		case rtl:
			levels[i] = 1
		}
	}
	return levels
}
