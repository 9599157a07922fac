package ingest

import (
	"bytes"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The layout rules below rebuild reading order from character boxes, the
// way poppler's pdftotext does, with thresholds relative to the font size
// so that they hold at any type size:
//   - a space between two characters on a line wider than wordGap em;
//   - a line split where the gap is wider than colGap em (a column gutter);
//   - columns found by cutting the page where no line crosses (XY-cut);
//   - paragraphs broken at an indent, a blank line, a change of type size
//     or a short line ending a sentence, and joined across columns and
//     pages otherwise.
const (
	wordGap = 0.12
	colGap  = 0.9
	// parGap is the blank space (em) beyond the document's usual space
	// between lines that ends a paragraph (a blank line is about 1 em).
	parGap = 0.6
	// band is the share of the page height at the top and the bottom where
	// running headers, footers and page numbers are looked for.
	band = 0.15
)

// pdfLine is a run of characters on one baseline, not crossing a gutter.
type pdfLine struct {
	chars          []pdfChar
	x0, y0, x1, y1 float64
	size           float64 // the line's dominant font size
	text           string
	count          int     // its characters (chars is dropped once it is spelt)
	firstW         float64 // the width of the line's first word
	marker         int     // a leading footnote number (superscript), or 0
	note           bool    // set for lines of a footnote
}

// pdfPara is a paragraph in reading order.
type pdfPara struct {
	text     []byte // its lines joined (see joinLine)
	page     int
	footnote int
}

// layoutPDF turns the pages' lines into a document.
func layoutPDF(pages []pdfPage) *Document {
	lines := make([][]*pdfLine, len(pages))
	for i, pg := range pages {
		lines[i] = pg.lines
	}
	dropBoilerplate(pages, lines)
	gap := lineGap(lines) + parGap
	var paras []pdfPara
	var notes []pdfPara
	var cur *pdfPara
	var prev *pdfLine
	var prevRight float64
	noteCount := 0
	flush := func() {
		if cur != nil && len(bytes.TrimSpace(cur.text)) > 0 {
			paras = append(paras, *cur)
		}
		cur = nil
		paras = append(paras, notes...)
		notes = nil
	}
	for pi := range pages {
		for _, blk := range readingOrder(lines[pi], gap) {
			left, right := blk.x0, blk.x1
			for _, l := range blk.lines {
				if l.note {
					text := l.text
					if l.marker > 0 || len(notes) == 0 {
						n := l.marker
						noteCount++
						if n == 0 {
							n = noteCount
						}
						notes = append(notes, pdfPara{page: pi + 1, footnote: n})
					}
					nt := &notes[len(notes)-1]
					nt.text = joinLine(nt.text, text)
					continue
				}
				if cur == nil || newParagraph(prev, l, prevRight, left, gap) {
					flush()
					cur = &pdfPara{page: pi + 1}
				}
				cur.text = joinLine(cur.text, l.text)
				prev, prevRight = l, right
			}
		}
	}
	flush()

	var out strings.Builder
	doc := &Document{}
	for _, p := range paras {
		start, end := appendBlock(&out, normaliseBlock(string(p.text)))
		if end <= start {
			continue
		}
		heading := p.footnote == 0 && isHeadingLike(out.String()[start:end])
		doc.Passages = append(doc.Passages, Span{Start: start, End: end, Heading: heading, Footnote: p.footnote, Page: p.page})
	}
	doc.Text = out.String()
	var spans []Span
	for _, s := range doc.Passages {
		for _, part := range splitLong(doc.Text, s) {
			part.Heading, part.Footnote, part.Page = s.Heading, s.Footnote, s.Page
			spans = append(spans, part)
		}
	}
	doc.Passages = spans
	return doc
}

// newParagraph decides whether line l starts a paragraph after prev.
func newParagraph(prev, l *pdfLine, prevRight, left, gap float64) bool {
	if prev == nil {
		return true
	}
	size := math.Max(prev.size, l.size)
	if math.Abs(prev.size-l.size) > 0.12*size {
		return true // a heading, or other type
	}
	below := l.y1 < prev.y0+0.2*size && l.x0 < prev.x1 && l.x1 > prev.x0
	// A first-line indent: against the line above, or at the top of a
	// column against the column's edge (body text may sit right of its
	// headings).
	ref := left
	if below {
		ref = prev.x0
	}
	if l.x0 > ref+0.8*l.size && !(below && bullet.MatchString(prev.text)) { // (a list item's hanging indent)
		return true
	}
	if bullet.MatchString(l.text) {
		return true // a list item
	}
	if below && prev.y0-l.y1 > gap*size {
		return true // a blank line between
	}
	// The line before ended early: the next line's first word would have
	// fitted on it, so the break was the writer's (a paragraph's last
	// line, a heading), not the typesetter's.
	return prevRight-prev.x1 > l.firstW+0.5*l.size
}

// lineGap is the usual blank space between two lines of a paragraph, in
// ems: the median over lines that follow one another down a column.
func lineGap(pages [][]*pdfLine) float64 {
	var gaps []float64
	for _, ls := range pages {
		for i := 1; i < len(ls); i++ {
			a, b := ls[i-1], ls[i]
			if a.size != b.size || b.x0 >= a.x1 || b.x1 <= a.x0 {
				continue
			}
			if g := (a.y0 - b.y1) / a.size; g > -0.5 && g < 2 {
				gaps = append(gaps, g)
			}
		}
	}
	if len(gaps) == 0 {
		return 0.2
	}
	sort.Float64s(gaps)
	return max(gaps[len(gaps)/2], 0)
}

// isHeadingLike is a short line that does not end like a sentence.
func isHeadingLike(s string) bool {
	if len(s) == 0 || len(s) > 100 {
		return false
	}
	r := []rune(s)
	if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
		return false
	}
	return !strings.ContainsRune(".,;:!?-", r[len(r)-1])
}

// joinLine adds a line to a paragraph's text, joining a word hyphenated at
// the line's end ("investiga-" + "tion"). The text grows in place and only
// its last two characters are looked at: a paragraph that never ends (one
// line on each of 300,000 pages) is laid out in linear time, where
// converting the whole paragraph for every line took minutes.
func joinLine(text []byte, line string) []byte {
	if len(text) == 0 {
		return append(text, line...)
	}
	last, n := utf8.DecodeLastRune(text)
	before, _ := utf8.DecodeLastRune(text[:len(text)-n])
	first, _ := utf8.DecodeRuneInString(line)
	if len(text) > n && (last == '-' || last == '\u00ad' || last == '\u2010') && unicode.IsLetter(before) &&
		line != "" && unicode.IsLower(first) {
		return append(text[:len(text)-n], line...)
	}
	text = append(text, ' ')
	return append(text, line...)
}

// pageLines groups a page's characters into lines (content-stream order
// gives the runs; a run is cut at a gutter-wide gap) and spells each line's
// words.
func pageLines(chars []pdfChar) []*pdfLine {
	var lines []*pdfLine
	var cur *pdfLine
	for i, c := range chars {
		if i > 0 {
			p := chars[i-1]
			if p.r == c.r && math.Abs(p.x0-c.x0) < 0.1 && math.Abs(p.y0-c.y0) < 0.1 {
				continue // drawn twice (fake bold)
			}
		}
		if cur != nil && sameLine(cur, c) {
			cur.chars = append(cur.chars, c)
			cur.x0, cur.x1 = math.Min(cur.x0, c.x0), math.Max(cur.x1, c.x1)
			cur.y0, cur.y1 = math.Min(cur.y0, c.y0), math.Max(cur.y1, c.y1)
			continue
		}
		cur = &pdfLine{chars: []pdfChar{c}, x0: c.x0, x1: c.x1, y0: c.y0, y1: c.y1}
		lines = append(lines, cur)
	}
	var out []*pdfLine
	for _, l := range lines {
		if spellLine(l) {
			l.count, l.chars = len(l.chars), nil
			out = append(out, l)
		}
	}
	return out
}

// sameLine reports whether c continues line l: it overlaps the line
// vertically and follows it closely on the right.
func sameLine(l *pdfLine, c pdfChar) bool {
	last := l.chars[len(l.chars)-1]
	size := math.Max(last.size, c.size)
	overlap := math.Min(l.y1, c.y1) - math.Max(l.y0, c.y0)
	h := math.Min(l.y1-l.y0, c.y1-c.y0)
	if overlap < 0.3*h && !(h <= 0.5 && overlap >= 0) {
		return false
	}
	gap := c.x0 - last.x1
	// A ligature's letters share one box: the next starts where it did.
	return (gap > -0.5*size || c.x0 >= last.x0-0.5) && gap < colGap*size
}

var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

// spellLine sets the line's text (a space at each word gap), size and
// footnote marker; superscript numbers inside a line (note references) are
// dropped. It reports whether the line holds any text.
func spellLine(l *pdfLine) bool {
	sort.SliceStable(l.chars, func(i, j int) bool { return l.chars[i].x0 < l.chars[j].x0 })
	sizes := map[float64]int{}
	for _, c := range l.chars {
		sizes[math.Round(c.size*2)/2]++
	}
	best := 0
	for s, n := range sizes {
		if n > best || (n == best && s > l.size) {
			l.size, best = s, n
		}
	}
	var b strings.Builder
	var prev *pdfChar
	for i := range l.chars {
		c := &l.chars[i]
		if unicode.IsDigit(c.r) && c.size < 0.85*l.size {
			// A superscript number: a footnote's own marker at the start
			// of the line, a reference to one elsewhere.
			if b.Len() == 0 {
				l.marker = l.marker*10 + int(c.r-'0')
				continue
			}
			continue
		}
		if prev != nil && (c.space || c.x0-prev.x1 > wordGap*math.Min(prev.size, c.size)) {
			if l.firstW == 0 {
				l.firstW = prev.x1 - l.x0
			}
			b.WriteByte(' ')
		}
		b.WriteRune(c.r)
		prev = c
	}
	if l.firstW == 0 {
		l.firstW = l.x1 - l.x0
	}
	l.text = strings.TrimSpace(ligatures.Replace(b.String()))
	if l.marker > 999 {
		l.marker = 0
	}
	return l.text != ""
}

// bodySize is the font size of most characters: the running text's.
func bodySize(pages [][]*pdfLine) float64 {
	count := map[float64]int{}
	for _, ls := range pages {
		for _, l := range ls {
			count[l.size] += l.count
		}
	}
	body, best := 0.0, 0
	for s, n := range count {
		if n > best {
			body, best = s, n
		}
	}
	return body
}

var (
	pageNumber = regexp.MustCompile(`^(?i)(page\s*)?[-–—]?\s*([0-9]{1,4}|m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3}))\s*[-–—]?(\s*(of|/)\s*[0-9]+)?$`)
	banner     = regexp.MustCompile(`^(?i)(UNCLASSIFIED|CONFIDENTIAL|RESTRICTED|(TOP )?SECRET|CUI|OFFICIAL)(\s*//\s*[A-Z /-]+)?$`)
	digits     = regexp.MustCompile(`[0-9]+`)
	bullet     = regexp.MustCompile(`^([•◦▪‣∙·–—*-]|\(?([0-9]{1,2}|[a-z])[.)]) `)
)

// dropBoilerplate removes running headers and footers (the same line at
// the same height on several pages), page numbers and classification
// banners from the top and bottom bands of each page.
func dropBoilerplate(pages []pdfPage, lines [][]*pdfLine) {
	top, bottom := math.Inf(-1), math.Inf(1)
	for _, ls := range lines {
		for _, l := range ls {
			top, bottom = math.Max(top, l.y1), math.Min(bottom, l.y0)
		}
	}
	key := func(l *pdfLine) string {
		return digits.ReplaceAllString(strings.ToLower(l.text), "#") + "@" + strconv.Itoa(int(math.Round(l.y0/3)))
	}
	inBand := func(pg pdfPage, l *pdfLine) bool {
		// Bands of the text's extent over the whole document, not of
		// the paper: a small page set on large paper has its footer at
		// mid-sheet.
		h := top - bottom
		return h > 0 && (l.y0 > top-h*band || l.y1 < bottom+h*band)
	}
	seen := map[string]int{}
	for i, ls := range lines {
		keys := map[string]bool{}
		for _, l := range ls {
			if inBand(pages[i], l) {
				keys[key(l)] = true
			}
		}
		for k := range keys {
			seen[k]++
		}
	}
	for i, ls := range lines {
		kept := ls[:0]
		for _, l := range ls {
			if inBand(pages[i], l) && (len(pages) > 1 && seen[key(l)] >= 2 || pageNumber.MatchString(l.text) || banner.MatchString(l.text)) {
				continue
			}
			kept = append(kept, l)
		}
		lines[i] = kept
	}
	// Footnotes: small type below every line of body type beneath which it
	// lies (at the foot of its column or page).
	body := bodySize(lines)
	for _, ls := range lines {
		for _, l := range ls {
			if l.size >= 0.92*body {
				continue
			}
			foot := true
			for _, o := range ls {
				if o.size >= 0.92*body && o.y1 < l.y0 && o.x0 < l.x1 && o.x1 > l.x0 {
					foot = false
					break
				}
			}
			l.note = foot
		}
	}
}
