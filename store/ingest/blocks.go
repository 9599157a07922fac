package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// blockWriter builds a Document's text from extracted blocks (paragraphs,
// headings, list items, table rows) for the structured formats (HTML,
// DOCX, ODT, EPUB): each block's white space is normalised, blocks are
// joined by a blank line, and a span records where each lies, so that
// Text[span.Start:span.End] is the passage exactly.
type blockWriter struct {
	out   strings.Builder
	spans []Span
	// over: the text reached MaxFileSize and the rest was not kept. A
	// zipped format unpacks to far more text than its file's size (a 1 MB
	// Word file held 200 MB of text and took 2 GB to import); the file is
	// refused, as a text file of that size would be (see Parse).
	over bool
	// tooMany: the blocks passed MaxPassages and the rest were not kept
	// (a 594 KB Word file of millions of one-letter paragraphs took
	// 1.4 GB; a hostile pass); the file is refused (see Parse).
	tooMany bool
}

// add appends one block as a passage (a heading or not) and reports
// whether it held any text.
func (w *blockWriter) add(s string, heading bool) bool {
	if len(w.spans) >= MaxPassages {
		w.tooMany = true
		return false
	}
	start, end := w.write(s)
	if end <= start {
		return false
	}
	w.spans = append(w.spans, Span{Start: start, End: end, Heading: heading})
	return true
}

// write appends a block's normalised text after a blank line without
// making it a passage (a title kept in the text, as Markdown does).
func (w *blockWriter) write(s string) (start, end int) {
	if w.over || w.tooMany {
		return 0, 0
	}
	s = normaliseBlock(s)
	if w.out.Len()+len(s) > MaxFileSize {
		w.over = true
		return 0, 0
	}
	return appendBlock(&w.out, s)
}

// appendBlock adds a block of text (already cleaned; "" adds nothing) to a
// document's text after a blank line, and returns where it lies.
func appendBlock(out *strings.Builder, s string) (start, end int) {
	if s == "" {
		return 0, 0
	}
	if out.Len() > 0 {
		out.WriteString("\n\n")
	}
	start = out.Len()
	out.WriteString(s)
	return start, out.Len()
}

// document returns the text and passages, long passages cut at sentence
// ends so that each stays under MaxPassageLen.
func (w *blockWriter) document(format string) *Document {
	doc := &Document{Format: format, Text: w.out.String(), overflow: w.over, tooMany: w.tooMany}
	for _, p := range w.spans {
		for _, part := range splitLong(doc.Text, p) {
			part.Heading, part.Footnote = p.Heading, p.Footnote
			doc.Passages = append(doc.Passages, part)
		}
	}
	return doc
}

// normaliseBlock collapses white space runs to one space and trims them,
// and drops characters that are not text: control characters (\x02 and
// \x03 are search's match markers), soft hyphens, zero-width spaces and
// byte-order marks, and replacement characters the parsers put for NUL.
func normaliseBlock(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == utf8.RuneError, r == '\u00ad', r == '\u200b', r == '\ufeff', unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine normalises a metadata value (title, author) to one line.
func oneLine(s string) string { return normaliseBlock(s) }

// MaxMetaLen bounds a document's title, author, source and date, in
// characters, as renaming does: a page whose <title> runs to megabytes
// would otherwise be one line of megabytes in every list and citation.
const MaxMetaLen = 500

// MaxURLLen is the longest source address kept, in bytes; a longer one is
// dropped, since a cut address leads nowhere.
const MaxURLLen = 2048

// clipMetadata bounds the metadata a reader found, each one line: tabs,
// line breaks and runs of spaces in it are one space, as a rename makes a
// title (a title line with a tab, from the Mueller report's glossary, was
// drawn with a box over its next letter; a hostile UI pass).
//
// Characters that are not text go as normaliseBlock drops them: a
// Markdown heading's escape character went into the title, citations and
// exports, where an HTML page's was dropped (hostile data pass data10).
func clipMetadata(doc *Document) {
	for _, v := range []*string{&doc.Title, &doc.Author, &doc.Source, &doc.Published} {
		*v = clipLine(normaliseBlock(*v), MaxMetaLen)
	}
	if len(doc.URL) > MaxURLLen {
		doc.URL = ""
	}
}

// clipLine cuts s to at most max characters, at a space where one falls in
// the last fifth, marking the cut with an ellipsis.
func clipLine(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max-1 {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*4/5 {
		head = head[:sp]
	}
	return strings.TrimSpace(head) + "…"
}
