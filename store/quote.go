package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"dossier/internal/bidi"
	"dossier/internal/wording"
)

// A traceable quote names where its text is: the document, the passage and
// the character offsets in the document text. Character offsets count
// Unicode code points from 0, end exclusive, so that any language can cut
// the quote out of the text again. The window's Copy with citation, the
// CLI's search --json ranges and the exports all count them here.

// charIndex converts byte offsets in a text into character offsets,
// counting on (or back) from the previous conversion: offsets mostly
// ascend, as a document's passages do, but a passage's bookmarks are in
// the order they were made, and counting each one that went back from the
// start of the text took an export of 500 spans in a 10 MB document ten
// seconds (a hostile data pass). Offsets outside the text are clamped to
// it.
type charIndex struct {
	text            string
	lastByte, chars int
}

// newCharIndex indexes text.
func newCharIndex(text string) *charIndex { return &charIndex{text: text} }

// at returns the character offset of byte offset b.
func (ci *charIndex) at(b int) int {
	b = max(0, min(b, len(ci.text)))
	switch {
	case b >= ci.lastByte:
		ci.chars += utf8.RuneCountInString(ci.text[ci.lastByte:b])
	case b < ci.lastByte-b: // nearer the start
		ci.chars = utf8.RuneCountInString(ci.text[:b])
	default:
		ci.chars -= utf8.RuneCountInString(ci.text[b:ci.lastByte])
	}
	ci.lastByte = b
	return ci.chars
}

// between returns the character range of the byte range [start, end).
func (ci *charIndex) between(start, end int) (int, int) {
	s := ci.at(start)
	return s, max(s, ci.at(end))
}

// CharRanges converts byte ranges in s into character ranges; no ranges
// give an empty, non-nil slice (JSON []).
func CharRanges(s string, ranges []Range) [][2]int {
	ci := newCharIndex(s)
	out := make([][2]int, 0, len(ranges))
	for _, r := range ranges {
		start, end := ci.between(r.Start, r.End)
		out = append(out, [2]int{start, end})
	}
	return out
}

// Quote is a passage, or a span of one, located in its document.
type Quote struct {
	Document           Document
	Ordinal            int    // the passage's
	Page               int    // the page the passage starts on; 0 when unpaged
	Text               string // the passage, or the span
	CharStart, CharEnd int    // in the document text
	// Section is the heading the passage comes under (SectionOf); "" when
	// none does. Volume is the volume it is in (VolumeOf), "Volume I"; ""
	// when the document's headings open none.
	Section, Volume string

	// References says that the document's "<FN12>" marks are footnote
	// references, recognised as such by its import (NoteReferences): a
	// printed quote leaves them out. Elsewhere they are the document's own
	// words ("<FN12> marks a note" in notes about the markup) and print.
	References bool
	// footnote: the quote is of a footnote passage, where a mark starting a
	// line is a footnote's own number ("<FN12>Id. at 3."); lineStart: the
	// quote starts a line of its passage.
	footnote, lineStart bool
}

// QuotePassage quotes p, or the span of its text when span is set and fits,
// with offsets counted in docText, the document's text (a stale text
// shorter than the offsets clamps them rather than failing). refs says
// whether the document's note marks are footnote references
// (NoteReferences).
func QuotePassage(doc Document, p Passage, span *Range, docText string, refs bool) Quote {
	return quoteIn(newCharIndex(docText), doc, p.Ordinal, p.Page, p.Start, p.Footnote, p.Text, span, refs)
}

func quoteIn(ci *charIndex, doc Document, ordinal, page, start, footnote int, passage string, span *Range, refs bool) Quote {
	q, from, to := quoteText(passage, span, footnote, refs)
	q.Document, q.Ordinal, q.Page = doc, ordinal, page
	q.CharStart, q.CharEnd = ci.between(start+from, start+to)
	return q
}

// quoteText is a quote's text, the span of passage (or all of it), with
// what Printed needs to print it, and its byte range in passage.
func quoteText(passage string, span *Range, footnote int, refs bool) (q Quote, from, to int) {
	q.Text, from, to = spanOf(passage, span)
	q.References, q.footnote, q.lineStart = refs, footnote > 0, from == 0 || passage[from-1] == '\n'
	return q, from, to
}

// NoteReferences reports whether a document's "<FN12>" marks are footnote
// references: its import (the plain-text reader, for a .txt or a Markdown
// file read as text) found footnote paragraphs it starts ("<FN12>Id. at
// 3."), as in the cleaned report text. passages are all of the document's.
// The passages' footnote numbers record it (since migration 0007, for
// files imported before too); referencesSQL is the same test in SQL.
func NoteReferences(doc Document, passages []Passage) bool {
	if doc.Format != "text" && doc.Format != "markdown" {
		return false
	}
	for _, p := range passages {
		if p.Footnote > 0 && noteLead(p.Text) {
			return true
		}
	}
	return false
}

// referencesSQL is NoteReferences for the document ?, in one row of one
// boolean column.
const referencesSQL = `SELECT d.format IN ('text', 'markdown') AND EXISTS (SELECT 1 FROM passages p
	WHERE p.document_id = d.id AND p.footnote > 0 AND p.text GLOB '<FN[0-9]*>*') FROM documents d WHERE d.id = ?`

// noteReferences reads, once a document, whether its note marks are
// references (referencesSQL), for the texts that have a mark.
type noteReferences struct {
	db    querier
	known map[int64]bool
}

// of reports whether the marks in text, of the document doc, are
// references; false without asking when text has none.
func (r *noteReferences) of(ctx context.Context, doc int64, text string) (bool, error) {
	if !strings.Contains(text, "<FN") {
		return false, nil
	}
	if refs, ok := r.known[doc]; ok {
		return refs, nil
	}
	var refs bool
	if err := r.db.QueryRowContext(ctx, referencesSQL, doc).Scan(&refs); err != nil {
		return false, err
	}
	if r.known == nil {
		r.known = map[int64]bool{}
	}
	r.known[doc] = refs
	return refs, nil
}

// noteLead reports whether text starts with a note mark.
func noteLead(text string) bool {
	m := noteMark.FindStringIndex(text)
	return m != nil && m[0] == 0
}

// spanOf returns the span of a passage's text, with its byte range in it,
// or the whole passage when span is nil or does not fit.
func spanOf(passage string, span *Range) (string, int, int) {
	if span != nil && checkSpan(passage, *span) {
		return passage[span.Start:span.End], span.Start, span.End
	}
	return passage, 0, len(passage)
}

// noteMark is a footnote reference in cleaned report text ("…with
// Putin,<FN981> Putin raised…"), kept in the stored text (offsets,
// bookmarks and searches rest on it) and drawn dim by the reader.
var noteMark = regexp.MustCompile(`<FN[0-9]{1,9}>`)

// NoteMarks lists the byte ranges of the footnote references in text.
func NoteMarks(text string) [][]int { return noteMark.FindAllStringIndex(text, -1) }

// Printed is the quote's text as it is printed (Copy with citation, the
// Markdown export): without the footnote references of a document whose
// marks are references, which read as markup in an exported or pasted
// quote ("…ties to Russian intelligence.<FN860>"; a researcher's pass). A
// footnote's own text keeps its number, as "[12] Id. at 3."; a reference a
// quote of body text starts on is left out like any other: it printed as
// "[860] Putin raised…", footnote 860's text to a reader. The citation's
// character offsets still locate the quote in the stored text.
func (q Quote) Printed() string {
	text := q.Text
	if !q.References || !strings.Contains(text, "<FN") {
		return text
	}
	var b strings.Builder
	prev := 0
	for _, m := range NoteMarks(text) {
		b.WriteString(text[prev:m[0]])
		prev = m[1]
		startsLine := m[0] == 0 && q.lineStart || m[0] > 0 && text[m[0]-1] == '\n'
		if q.footnote && startsLine {
			b.WriteString("[" + text[m[0]+len("<FN"):m[1]-1] + "] ")
		} else if m[0] > 0 && !startsLine {
			continue
		}
		// "<FN860> Putin raised…", "<FN31>\tInternet…": nor the space
		// after it ("[31] \tInternet" in the Mueller report).
		prev = len(text) - len(strings.TrimLeft(text[prev:], " \t"))
	}
	b.WriteString(text[prev:])
	return b.String()
}

// OutsideNoteMarks narrows [start, end) of text so that it neither begins
// nor ends inside a footnote reference: a selection dragged onto the dim
// "<FN860>" after a sentence, widened to whole words, ended in the middle
// of it, and its bookmark quoted "…intelligence.<FN860" (a researcher's
// pass). A reference it ends in is left out; one it starts in is skipped.
func OutsideNoteMarks(text string, start, end int) (int, int) {
	for _, m := range NoteMarks(text) {
		if m[0] < end && end < m[1] {
			end = m[0]
		}
		if m[0] < start && start < m[1] {
			start = m[1]
		}
	}
	return start, max(start, end)
}

// AroundNoteMarks widens [start, end) of text so that it neither begins nor
// ends inside a note mark, for a document whose marks are its own words
// (NoteReferences false): "writes <FN12> where" dragged to the middle of
// the mark and widened to whole words ended at "<FN12", and leaving it out,
// as OutsideNoteMarks does a reference, lost words the document is about.
func AroundNoteMarks(text string, start, end int) (int, int) {
	for _, m := range NoteMarks(text) {
		if m[0] < end && end < m[1] {
			end = m[1]
		}
		if m[0] < start && start < m[1] {
			start = m[0]
		}
	}
	return start, max(start, end)
}

// Citation is the quote as the window copies it: the text on one line in
// quotation marks, then "— " and the citation (cite).
func (q Quote) Citation() string {
	// Quotation marks inside the quote become single ones, as in print:
	// “…a Russian “spy.”” read as two quotes (a researcher's pass).
	text := innerQuotes.Replace(wording.OneLine(q.Printed()))
	return printable(fmt.Sprintf("“%s”\n— %s.", text, q.cite()))
}

// CitationLine is the citation without the quote, as the CSV's citation
// column has it.
func (q Quote) CitationLine() string { return printable(q.cite()) }

// maxSectionCite is how many characters of a section's heading a citation
// names: a Markdown heading may be a paragraph long.
const maxSectionCite = 100

// citeWithoutAddress names what an editor needs to cite the quote, the way a reference
// manager does, then where Dossier finds it: "Author, “Title”, Source,
// Date, Volume I, section “Heading”, p. 7 (passage N, characters A–B of file.txt),
// Address", leaving out what the document does not have (the page, for a
// document without pages). "“Mueller report”, passage 22 (characters
// 8938–9644 of mueller-report.txt)" was exact but meant nothing outside
// Dossier: it named no author, section or page (a researcher's pass). The
// Copy with citation, Markdown exports and the CSV all build it here.
func (q Quote) citeWithoutAddress() string {
	d := q.Document
	var parts []string
	add := func(s string) {
		if s = wording.OneLine(s); s != "" && !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	add(d.Author)
	parts = append(parts, "“"+innerQuotes.Replace(wording.OneLine(d.Title))+"”")
	add(d.Source)
	add(d.Published)
	if v := wording.OneLine(q.Volume); v != "" && !namesVolume(q.Section, v) {
		add(v)
	}
	if h := briefSection(q.Section); h != "" {
		parts = append(parts, "section “"+innerQuotes.Replace(h)+"”")
	}
	add(q.PageRef())
	of := ""
	if f := wording.OneLine(d.FileName); f != "" {
		of = " of " + f
	}
	return fmt.Sprintf("%s (passage %d, characters %d–%d%s)", strings.Join(parts, ", "), q.Ordinal, q.CharStart, q.CharEnd, of)
}

// briefSection is a section's name cut to maxSectionCite characters; a
// part's name (SectionOf's "… — Overview") is kept after its section's
// cut words, which it tells apart.
func briefSection(section string) string {
	if head, part, ok := cutLast(wording.OneLine(section), partSep); ok && len([]rune(part)) < maxSectionCite/4 {
		if len([]rune(head)) > maxSectionCite-len([]rune(partSep+part)) {
			return wording.Brief(head, maxSectionCite-len([]rune(partSep+part))) + partSep + part
		}
	}
	return wording.Brief(section, maxSectionCite)
}

// cutLast is strings.Cut at sep's last place.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// cite is the citation: citeWithoutAddress, then the document's address,
// last as a reference manager prints it (it was left out, though the
// details dialog says citations name it; a UI pass).
func (q Quote) cite() string {
	out := q.citeWithoutAddress()
	if u := wording.OneLine(q.Document.URL); u != "" {
		out += ", " + u
	}
	return out
}

// SectionOf is the heading of the section the passage with the given
// ordinal is in: the nearest heading passage before it in passages (all of
// its document's, or its headings, in order); "" when none comes before
// it. A numbered heading ("1. GRU Units Target the Clinton Campaign")
// takes the numbers of the headings it comes under, as a report's outline
// names it: "III.A.1. GRU Units Target the Clinton Campaign" (there are
// a 1. in every chapter of the Mueller report). Where the outline skips a
// level that the heading above uses elsewhere (the text lost a heading),
// the missing number is a "?": "III.D.?.h." rather than "III.D.h.", an
// address the report does not have. A heading passage is in its own
// section (a bookmarked heading cited the one above it). A part that the
// document writes under each of its sections ("Overview", "Analysis", see
// recurring) is named after the section it is part of:
// "II.C. The President's Reaction … — Overview", not "Overview" alone,
// which every lettered section of the Mueller report's Volume II has
// (partOwner says which section a part is of). A heading written once
// under a volume's heading, no numbered heading between, is named after it:
// "Executive Summary to Volume II — Conclusion", which "Conclusion" alone
// was as well as chapter IV's.
//
// Citing many passages of one document, use one Outline for them all.
func SectionOf(passages []Passage, ordinal int) string {
	return NewOutline(passages).SectionOf(ordinal)
}

// Outline is a document's headings read as an outline, each heading's
// number read once and kept: SectionOf alone reads every heading again for
// each citation, 15 ms a citation on a hostile 20,000-heading outline (an
// export of 2,000 bookmarks took half a minute; data17). Not safe for
// concurrent use.
type Outline struct {
	passages []Passage
	labels   []outlineEntry          // by index in passages, read on first use
	parts    map[string]bool         // see recurring; nil until read
	opened   map[string]map[int]bool // see opens; nil until read
	tree     *outlineTree            // see readTree; nil until read
	uses     map[[2]int]bool         // see usesLevel, by heading and level
	volumes  []string                // VolumeOf by heading index; nil until read
	// volumeReads counts the headings read for their volume, and looks
	// the headings looked at as an outline (for tests).
	volumeReads, looks int
}

// outlineTree is how the headings nest, by index in passages (-1 for
// none): each numbered heading's parent, the section it is in; each
// recurring part's owner, the section it is a part of (partOwner); each
// numbered heading's enclosing part, the nearest part before it whose
// section holds it (a part of no section counts); and each heading written
// once's opener, the volume's heading it comes under with no numbered
// heading between ("Executive Summary to Volume II" over "Conclusion").
type outlineTree struct {
	parent, owner, enclosing, opener []int
}

// outlineEntry is outlineLabel's answer for one heading.
type outlineEntry struct {
	read        bool
	label, rest string
	level       int
}

// NewOutline reads passages (all of a document's, or its headings, in
// order) as an outline, lazily.
func NewOutline(passages []Passage) *Outline {
	return &Outline{passages: passages, labels: make([]outlineEntry, len(passages))}
}

// label is outlineLabel(o.passages, i), read once.
func (o *Outline) label(i int) (label, rest string, level int) {
	o.looks++
	e := &o.labels[i]
	if !e.read {
		e.label, e.rest, e.level = outlineLabel(o.passages, i)
		e.read = true
	}
	return e.label, e.rest, e.level
}

// SectionOf is SectionOf(passages, ordinal) for the outline's passages.
func (o *Outline) SectionOf(ordinal int) string {
	passages := o.passages
	i := headingAt(passages, ordinal)
	if i < 0 {
		return ""
	}
	label, rest, level := o.label(i)
	if level == 0 {
		if o.recurring()[strings.ToLower(rest)] {
			if owner := o.partOwner(i); owner >= 0 {
				return o.SectionOf(passages[owner].Ordinal) + partSep + rest
			}
		}
		if v := o.readTree().opener[i]; v >= 0 {
			_, vh, _ := o.label(v)
			return vh + partSep + rest
		}
		return rest
	}
	// The sections it is in (parent reads past "Evidence" under "C." of
	// the Mueller report's Volume II, and stops at an unnumbered heading,
	// "Executive Summary", which starts a new outline).
	for j := o.parent(i); j >= 0; j = o.parent(j) {
		l, _, lv := o.label(j)
		for k := level - 1; k > lv; k-- {
			if o.usesLevel(j, lv, k) {
				label = "?." + label
			}
		}
		label, level = l+"."+label, lv
	}
	return label + ". " + rest
}

// recurring are the unnumbered headings a document writes more than once,
// lower case: parts of its numbered sections ("Overview", "Evidence",
// "Analysis" under each lettered section of the Mueller report's Volume
// II), which the outline reads past. "3. The President Asks Intelligence
// Community Leaders …" under "Evidence" under "C." cited "3." alone, a
// number every section has (seen in the real window). A heading written
// once ("Executive Summary to Volume I") starts a new outline, and so does
// a volume's or an appendix's.
func (o *Outline) recurring() map[string]bool {
	if o.parts != nil {
		return o.parts
	}
	seen := map[string]int{}
	for i, p := range o.passages {
		if !outlineHeading(p) {
			continue
		}
		if _, h, lv := o.label(i); lv == 0 && !volumeHeading.MatchString(h) && !appendixHeading.MatchString(h) {
			seen[strings.ToLower(h)]++
		}
	}
	o.parts = map[string]bool{}
	for h, n := range seen {
		if n > 1 {
			o.parts[h] = true
		}
	}
	return o.parts
}

// partSep joins a section and its part in SectionOf.
const partSep = " — "

// partOwner is the index in passages of the numbered heading whose part
// the recurring heading passages[i] is; -1 when none is (it comes before
// any, or after a heading written once, which starts a new outline).
//
// A part that comes straight after a numbered heading, no text between,
// opens it ("C." then "Overview"; "2. Sub" then "Overview"). A part after
// another part is its sibling, of the same section ("Evidence" after
// "Overview"). A part after a numbered heading's text is a part of the
// section an earlier, differently named part is of, when that section holds
// the heading ("Analysis" after "4." under "Evidence" under "C." is C.'s,
// not 4.'s); otherwise it is the numbered heading's. So an "Overview"
// under each numbered subsection names the subsection, though the
// document also writes an "Overview" under each chapter: all parts were
// read at one level, the highest any followed, and cited the chapter (rs9).
func (o *Outline) partOwner(i int) int { return o.readTree().owner[i] }

// parent is the index of the section the numbered heading passages[j] is
// in: the nearest numbered heading before it of a higher level (a lower
// number), read past the recurring parts; -1 when none is in j's outline.
func (o *Outline) parent(j int) int { return o.readTree().parent[j] }

// readTree reads how the headings nest, in one pass from the first: read
// back from each citation, as before, an outline of 2,000 chapters of ten
// sections each took seconds to cite, and a long run of siblings nested
// calls as deep as the run.
func (o *Outline) readTree() *outlineTree {
	if o.tree != nil {
		return o.tree
	}
	n := len(o.passages)
	t := &outlineTree{parent: make([]int, n), owner: make([]int, n), enclosing: make([]int, n), opener: make([]int, n)}
	for i := range n {
		t.parent[i], t.owner[i], t.enclosing[i], t.opener[i] = -1, -1, -1, -1
	}
	o.tree = t
	// The numbered headings open at this point, each with the last part
	// of it read so far; rootPart is the last part of no section.
	type open struct{ i, level, lastPart int }
	var stack []open
	rootPart, prev, opener := -1, -1, -1
	parts := o.recurring()
	for i, p := range o.passages {
		if !outlineHeading(p) {
			continue
		}
		_, h, lv := o.label(i)
		switch {
		case lv == 0 && parts[strings.ToLower(h)]:
			own := o.ownerAfter(i, prev)
			t.owner[i] = own
			if own < 0 {
				rootPart = i
			}
			for k := len(stack) - 1; k >= 0 && own >= 0; k-- {
				if stack[k].i == own {
					stack[k].lastPart = i
					break
				}
			}
		case lv == 0: // a heading written once starts a new outline
			stack, rootPart = stack[:0], -1
			switch {
			case volumeHeading.MatchString(h):
				opener = i
			case appendixHeading.MatchString(h):
				// An appendix is in no volume; nor are its headings
				// named after its own in their section (the citation
				// names the appendix, VolumeOf).
				opener = -1
			default:
				t.opener[i] = opener
			}
		default:
			opener = -1
			for len(stack) > 0 && stack[len(stack)-1].level >= lv {
				stack = stack[:len(stack)-1]
			}
			e := rootPart
			for _, s := range stack {
				e = max(e, s.lastPart)
			}
			t.enclosing[i] = e
			if len(stack) > 0 {
				t.parent[i] = stack[len(stack)-1].i
			}
			stack = append(stack, open{i: i, level: lv, lastPart: -1})
		}
		prev = i
	}
	return t
}

// ownerAfter is partOwner(i) for the part passages[i] whose heading before
// it is passages[j], read as readTree reaches i (the tree is read up to j).
func (o *Outline) ownerAfter(i, j int) int {
	if j < 0 {
		return -1
	}
	t := o.tree
	_, h, lv := o.label(j)
	switch {
	case lv == 0 && o.recurring()[strings.ToLower(h)]:
		return t.owner[j]
	case lv == 0:
		return -1
	case o.passages[j].Ordinal == o.passages[i].Ordinal-1:
		return j
	}
	_, name, _ := o.label(i)
	// A part the document opens sections of some level with elsewhere
	// (the first rule) is a part of the nearest section of that level
	// holding it: an "Overview" after a subsection's opening paragraph.
	if levels := o.opens()[strings.ToLower(name)]; levels != nil {
		for a := j; a >= 0; a = t.parent[a] {
			if _, _, la := o.label(a); levels[la] {
				return a
			}
		}
	}
	// An earlier part of a section that holds j.
	q := t.enclosing[j]
	if q < 0 {
		return j
	}
	_, qname, _ := o.label(q)
	switch own := t.owner[q]; {
	case strings.EqualFold(qname, name):
		return j // a section has one part of a name: this one is j's
	case own < 0:
		return -1 // a part of the whole outline, as the earlier one is
	default:
		return own
	}
}

// opens is, for each recurring part's name, the levels of the numbered
// headings it comes straight after somewhere in the document (partOwner's
// first rule): "overview" → {1, 3} where each chapter and each numbered
// subsection opens with an Overview.
func (o *Outline) opens() map[string]map[int]bool {
	if o.opened != nil {
		return o.opened
	}
	o.opened = map[string]map[int]bool{}
	for i, p := range o.passages {
		if !outlineHeading(p) || i == 0 || !outlineHeading(o.passages[i-1]) || o.passages[i-1].Ordinal != p.Ordinal-1 {
			continue
		}
		_, h, lv := o.label(i)
		_, _, above := o.label(i - 1)
		if name := strings.ToLower(h); lv == 0 && above > 0 && o.recurring()[name] {
			if o.opened[name] == nil {
				o.opened[name] = map[int]bool{}
			}
			o.opened[name][above] = true
		}
	}
	return o.opened
}

// headingAt is the index in passages of the heading of the passage with
// the given ordinal: the passage itself when it is a heading, else the
// nearest heading before it; -1 when none is. A bookmarked heading ("4. The
// President Asks Comey …") cited the section above it ("II.C.3.").
func headingAt(passages []Passage, ordinal int) int {
	i, found := slices.BinarySearchFunc(passages, ordinal, func(p Passage, o int) int { return p.Ordinal - o })
	if found && outlineHeading(passages[i]) {
		return i
	}
	for i--; i >= 0 && !outlineHeading(passages[i]); i-- {
	}
	return i
}

// usesLevel tells whether a heading of outline level k comes under the
// heading passages[j], of level lv: after it and before the next heading
// of its level or above (or an unnumbered one that starts a new outline,
// see recurring). "2. Other Potential Campaign Interest" under "D." says
// that "h." straight under "D." lost the number above it; a document that
// numbers "1." straight under "I." throughout has no capital letters to
// lose.
func (o *Outline) usesLevel(j, lv, k int) bool {
	key := [2]int{j, k}
	if u, ok := o.uses[key]; ok {
		return u
	}
	if o.uses == nil {
		o.uses = map[[2]int]bool{}
	}
	u := o.readUsesLevel(j, lv, k)
	o.uses[key] = u
	return u
}

// readUsesLevel is usesLevel read from the outline.
func (o *Outline) readUsesLevel(j, lv, k int) bool {
	for m := j + 1; m < len(o.passages); m++ {
		if !outlineHeading(o.passages[m]) {
			continue
		}
		switch _, h, l := o.label(m); {
		case l == 0 && o.recurring()[strings.ToLower(h)]:
			continue
		case l == 0 || l <= lv:
			return false
		case l == k:
			return true
		}
	}
	return false
}

// outlineNumber is a heading's outline number: "III.", "A.", "1.", "a." or
// "iv." and the words after it.
var outlineNumber = regexp.MustCompile(`^([IVX]+|[A-Z]|[0-9]{1,3}|[ivx]+|[a-z])\.\s+(\S.*)$`)

// outlineLabel splits the heading passages[i] into its outline number,
// without the point, and its words, with the number's level: 1 for a Roman
// numeral, 2 for a capital letter, 3 for a number, 4 for a small letter,
// 5 for a small Roman numeral; 0 when the heading has no number. I., V.
// and X. are letters after H., U. and W. ("I. The President Orders McGahn
// …" after "H." in the Mueller report's Volume II read as chapter I), and
// i., v. and x. after h., u. and w. under the same heading.
func outlineLabel(passages []Passage, i int) (label, rest string, level int) {
	h := wording.OneLine(passages[i].Text)
	m := outlineNumber.FindStringSubmatch(h)
	if m == nil {
		return "", h, 0
	}
	label = m[1]
	switch c := label[0]; {
	case strings.Trim(label, "IVX") == "":
		level = 1
		if len(label) == 1 && letterAfter(passages, i, 'A', 'Z') {
			level = 2
		}
	case c >= 'A' && c <= 'Z':
		level = 2
	case c >= '0' && c <= '9':
		level = 3
	case strings.Trim(label, "ivx") == "":
		level = 5
		if len(label) == 1 && letterAfter(passages, i, 'a', 'z') {
			level = 4
		}
	default:
		level = 4
	}
	return label, m[2], level
}

// letterAfter tells whether the one-letter number of heading passages[i]
// comes after its sibling of the letter before ("I." after "H."): the
// nearest heading before it numbered in the same case, read back past
// unnumbered headings ("Overview", "Analysis") but not past a heading of a
// higher level (a number above a small letter) or a volume's.
func letterAfter(passages []Passage, i int, first, last byte) bool {
	want := outlineNumber.FindStringSubmatch(wording.OneLine(passages[i].Text))[1][0] - 1
	for j := i - 1; j >= 0; j-- {
		if !outlineHeading(passages[j]) {
			continue
		}
		h := wording.OneLine(passages[j].Text)
		if volumeHeading.MatchString(h) || appendixHeading.MatchString(h) {
			return false
		}
		m := outlineNumber.FindStringSubmatch(h)
		if m == nil {
			continue
		}
		if c := m[1][0]; c >= first && c <= last {
			return m[1] == string(want)
		}
		if first == 'a' {
			return false // a higher level: no sibling before it
		}
	}
	return false
}

// volumeHeading is a heading that opens a volume: "Introduction to Volume
// II", "Executive Summary to Volume I", "Volume 2", "Vol. III: Appendices".
var volumeHeading = regexp.MustCompile(`(?i)^(?:(?:introduction|executive summary|summary|preface|foreword|overview|contents)\s+(?:to|of|for)\s+(?:the\s+)?)?vol(?:ume|\.)\s+([ivxlc]+|[0-9]{1,3})\b`)

// appendixHeading is a heading that opens an appendix, which is in no
// volume.
var appendixHeading = regexp.MustCompile(`(?i)^(?:appendix|appendices|annex)\b`)

// appendixName is the name an appendix's heading gives it: "Appendix C"
// in "APPENDIX C" and "Appendix B: Glossary".
var appendixName = regexp.MustCompile(`(?i)^(appendix|annex)\s+([a-z]|[0-9]{1,3}|[ivx]{1,5})\b`)

// appendixTitle is a paragraph that is an appendix's title alone
// ("Appendix D"): a heading, though the text did not mark it one. The
// Mueller report's text lost Appendix D's heading mark, and its passages
// were cited as Appendix C's.
var appendixTitle = regexp.MustCompile(`(?i)^(?:appendix|annex)\s+(?:[a-z]|[0-9]{1,3}|[ivx]{1,5})\.?$`)

// outlineHeading tells whether a passage is a heading of its document's
// outline: a heading, or a paragraph that is an appendix's title alone.
func outlineHeading(p Passage) bool {
	return p.Heading || len(p.Text) <= 16 && appendixTitle.MatchString(strings.TrimSpace(p.Text))
}

// VolumeOf is the volume of the document the passage with the given
// ordinal is in, "Volume I", when its headings open volumes ("Introduction
// to Volume I", as in the Mueller report), or the appendix it is in
// ("Appendix C"), which a citation names in its place; "" when none is. ¶22
// of the report cited "Russian Hacking Operations", a heading of each
// volume's summary, without its volume (a researcher's pass), and Appendix
// C's "II. Russian Hacking …" read as a chapter II (rs10's L2).
//
// Citing many passages of one document, use one Outline for them all.
func VolumeOf(passages []Passage, ordinal int) string {
	for i := headingAt(passages, ordinal); i >= 0; i-- {
		if !outlineHeading(passages[i]) {
			continue
		}
		if v, opens := volumeOpened(passages[i].Text); opens {
			return v
		}
	}
	return ""
}

// volumeOpened tells whether a heading opens a volume ("Volume I") or an
// appendix, which is in none: its name ("Appendix C") stands for the
// volume in a citation, whose section would otherwise read as a volume's
// (Appendix C's questions are numbered "II.", "III." as Volume I's
// chapters are); "" for an appendix of no name ("Appendices").
func volumeOpened(heading string) (volume string, opens bool) {
	h := wording.OneLine(heading)
	if appendixHeading.MatchString(h) {
		if m := appendixName.FindStringSubmatch(h); m != nil {
			return strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + " " + strings.ToUpper(m[2]), true
		}
		return "", true
	}
	if m := volumeHeading.FindStringSubmatch(h); m != nil {
		n := m[1]
		if strings.Trim(strings.ToUpper(n), "IVXLC") == "" {
			n = strings.ToUpper(n)
		}
		return "Volume " + n, true
	}
	return "", false
}

// VolumeOf is VolumeOf(passages, ordinal) for the outline's passages,
// every heading's volume read in one pass: read back for each citation,
// 17–24 ms a citation on a hostile 20,000-heading outline without volumes
// (an export of 2,000 bookmarks, 40 s; data18).
func (o *Outline) VolumeOf(ordinal int) string {
	if o.volumes == nil {
		o.volumes = make([]string, len(o.passages))
		volume := ""
		for k, p := range o.passages {
			if !outlineHeading(p) {
				continue
			}
			o.volumeReads++
			if v, opens := volumeOpened(p.Text); opens {
				volume = v
			}
			o.volumes[k] = volume
		}
	}
	if i := headingAt(o.passages, ordinal); i >= 0 {
		return o.volumes[i]
	}
	return ""
}

// namesVolume tells whether a section's heading names the volume already
// ("Executive Summary to Volume I").
func namesVolume(section, volume string) bool {
	words := func(s string) []string {
		f := strings.Fields(strings.ToLower(s))
		for i := range f {
			f[i] = strings.Trim(f[i], ".,:;()“”‘’\"'")
		}
		return f
	}
	sec, vol := words(section), words(volume)
	for i := 0; i+len(vol) <= len(sec); i++ {
		if slices.Equal(sec[i:i+len(vol)], vol) {
			return true
		}
	}
	return false
}

// printable is printed text (a citation, the Markdown export) with each
// bidirectional control (bidi.IsControl) shown as U+FFFD, as the reader
// shows them: a title's right-to-left override turned the citation Dossier
// writes after it around, "…”, passage 1, characters 20–133." reading
// ".331–02 sretcarahc ,1 egassap ,”" in any editor or browser, and let a
// title pose as other words (a hostile data pass). One character stands
// for one, so character offsets still hold; the CSV and the JSON bundle
// keep them, as the research file does.
func printable(s string) string {
	if strings.IndexFunc(s, bidi.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if bidi.IsControl(r) {
			return '\ufffd'
		}
		return r
	}, s)
}

// innerQuotes turns double quotation marks into single ones.
var innerQuotes = strings.NewReplacer("“", "‘", "”", "’", `"`, "'")

// PageRef is how a citation names the quote's page, "p. 7"; "" when the
// document has no pages.
func (q Quote) PageRef() string { return PageRef(q.Page) }

// PageRef names a page for people, "p. 7"; "" for 0 (unpaged).
func PageRef(page int) string {
	if page <= 0 {
		return ""
	}
	return fmt.Sprintf("p. %d", page)
}

// markdownCitation is the export's citation line under a quote: "— " and
// the citation (cite), escaped, its web address a link as the document's
// header gives it.
func (q Quote) markdownCitation() string {
	out := "— " + mdEscape(q.citeWithoutAddress())
	if u := wording.OneLine(q.Document.URL); webAddress(u) {
		out += ", " + mdLink(u)
	} else if u != "" {
		out += ", " + mdEscape(u)
	}
	return out + "."
}
