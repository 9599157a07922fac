package store

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"dossier/internal/wording"
)

// ExportMarkdown writes the user's findings as Markdown: per document, its
// bookmarks (quote, note, tags, citation), its accepted tagged passages
// that have no bookmark, and its accepted claims (quote, source, stance,
// likelihood and confidence in words; see markdownClaims). A non-empty query limits the export to the passages
// matching it (the Search language). Character offsets in citations count
// Unicode code points in the document text, from 0, end exclusive.
func (s *Store) ExportMarkdown(ctx context.Context, w io.Writer, userQuery string) error {
	_, err := s.exportMarkdown(ctx, w, userQuery)
	return err
}

func (s *Store) exportMarkdown(ctx context.Context, w io.Writer, userQuery string) (ExportCounts, error) {
	d, err := s.gather(ctx, userQuery, true)
	if err != nil {
		return ExportCounts{}, s.fileErr(err)
	}
	bw := &errWriter{w: w}
	bms, tgs, dts := d.byDocument()
	tagsOn := d.acceptedTags()
	docClaims := d.claimsByDocument()

	// On one line each: a file name's or a query's line break (the CLI's
	// `export $'putin\n# Heading'`) began a line of the report's own, a
	// heading (a hostile data pass).
	file, query := wording.OneLine(d.file), wording.OneLine(d.query)
	bw.printf("# Dossier export: %s\n\n", mdHeading(file))
	bw.printf("Exported %s from the research file `%s`.\n", s.now().UTC().Format("2006-01-02 15:04 MST"), strings.ReplaceAll(file, "`", "'"))
	if query != "" {
		bw.printf("Limited to passages matching `%s`.\n", strings.ReplaceAll(query, "`", "'"))
	}
	bookmarked := map[int64]bool{}
	for _, b := range d.bookmarks {
		bookmarked[b.P.ID] = true
	}
	tagged := map[int64]bool{}
	for _, tg := range d.taggings {
		tagged[tg.P.ID] = true
	}
	held := wording.Count(len(d.bookmarks), "bookmark") + " and " + wording.Count(len(tagged), "tagged passage")
	if n := d.counts().Claims; n > 0 {
		// The claims are exported too; the summary used to leave them out.
		held = wording.Count(len(d.bookmarks), "bookmark") + ", " + wording.Count(len(tagged), "tagged passage") + " and " + wording.Count(n, "claim")
	}
	bw.printf("\n%s in %s. Character offsets count Unicode characters (code points) from the start of the document, starting at 0; the end is exclusive.\n",
		held, wording.Count(len(d.docs), "document"))

	for _, doc := range d.docs {
		bw.printf("\n---\n\n## %s\n\n", mdHeading(wording.OneLine(doc.Title)))
		field := func(label, value string) {
			if value != "" {
				bw.printf("- **%s:** %s\n", label, mdEscape(wording.OneLine(value)))
			}
		}
		field("Source", doc.Source)
		field("Author", doc.Author)
		field("Date", doc.Published)
		if webAddress(doc.URL) {
			bw.printf("- **URL:** %s\n", mdLink(doc.URL))
		} else {
			// Any other address is text, not a link: '<javascript:…>' from
			// a Markdown file's front matter or typed in Document details
			// was a link in the report, and 'see the printed copy' read
			// '<see%20the%20printed%20copy>' (a hostile data pass).
			field("URL", doc.URL)
		}
		field("File", doc.FileName)
		if ts := dts[doc.ID]; len(ts) > 0 {
			field("Document tags", tagList(ts))
		}

		if list := bms[doc.ID]; len(list) > 0 {
			bw.printf("\n### Bookmarks\n")
			for _, b := range list {
				q := d.quote(b.P, b.Span)
				what := "Passage " + strconv.Itoa(b.P.Ordinal)
				if b.Span != nil {
					what += " (excerpt)"
				}
				bw.printf("\n#### %s\n\n%s\n", what, blockquote(q.Printed()))
				if b.Note != "" {
					bw.printf("\n**Note:** %s\n", mdLines(b.Note))
				}
				if ts := tagsOn[b.P.ID]; len(ts) > 0 {
					bw.printf("\n**Tags:** %s\n", mdEscape(tagList(ts)))
				}
				bw.printf("\n%s\n", q.markdownCitation())
			}
		}

		var rest []*exportPassage
		seen := map[int64]bool{}
		for _, tg := range tgs[doc.ID] {
			if !bookmarked[tg.P.ID] && !seen[tg.P.ID] {
				seen[tg.P.ID] = true
				rest = append(rest, tg.P)
			}
		}
		if len(rest) > 0 {
			bw.printf("\n### Tagged passages without a bookmark\n")
			for _, p := range rest {
				q := d.quote(p, nil)
				bw.printf("\n#### Passage %d\n\n%s\n", p.Ordinal, blockquote(q.Printed()))
				bw.printf("\n**Tags:** %s\n", mdEscape(tagList(tagsOn[p.ID])))
				bw.printf("\n%s\n", q.markdownCitation())
			}
		}
		d.markdownClaims(bw, docClaims[doc.ID])
	}
	if len(d.saved) > 0 {
		bw.printf("\n---\n\n## Saved searches\n\n")
		for _, ss := range d.saved {
			bw.printf("- **%s:** `%s`\n", mdEscape(wording.OneLine(ss.Name)), strings.ReplaceAll(wording.OneLine(ss.Query), "`", "'"))
		}
	}
	return d.counts(), d.result(bw.err)
}

// tagList renders tags as "Name (kind), …".
func tagList(ts []Tag) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		kind := KindLabel[t.Kind]
		if kind == "" {
			kind = t.Kind
		}
		parts[i] = t.Name + " (" + kind + ")"
	}
	return strings.Join(parts, ", ")
}

// mdEscape keeps text from being read as Markdown: inline markup is
// backslash-escaped, and so is whatever would start a block at a line's
// start (a heading, quote, list item or rule).
func mdEscape(s string) string {
	var b strings.Builder
	for i, line := range mdSplit(s) {
		if i > 0 {
			b.WriteByte('\n')
		}
		trimmed := strings.TrimLeft(line, " \t")
		b.WriteString(line[:len(line)-len(trimmed)])
		at := blockStart(trimmed)
		for i, r := range trimmed {
			switch {
			case i == at:
				b.WriteByte('\\')
			case r == '\\', r == '`', r == '*', r == '_', r == '[', r == ']', r == '<':
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLink is a web address (webAddress) as a Markdown autolink.
func mdLink(u string) string {
	return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(u) + ">"
}

// mdHeading is mdEscape for a heading's text, whose closing #s are
// escaped too: "Notes on C #" was headed "Notes on C", a heading's
// closing sequence (a hostile data pass).
func mdHeading(s string) string {
	e := mdEscape(s)
	if !strings.HasSuffix(e, "#") {
		return e
	}
	body := e[:len(e)-1]
	if slashes := len(body) - len(strings.TrimRight(body, `\`)); slashes%2 == 1 {
		return e // escaped already (a title that is "#")
	}
	return body + `\#`
}

// blockStart returns the byte index in line of the character to escape so
// that the line does not start a block, or -1.
func blockStart(line string) int {
	if line == "" {
		return -1
	}
	switch line[0] {
	case '#', '>', '=', '|':
		return 0
	case '-', '+':
		if len(line) == 1 || line[1] == ' ' || line[1] == line[0] {
			return 0
		}
		return -1
	}
	// "1." and "1)" start ordered lists; a backslash before a digit is not
	// an escape, so it goes before the punctuation: "1\.".
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') {
		return i
	}
	return -1
}

// mdSplit splits text into lines where Markdown would: at a line feed, a
// carriage return, or both. Split at line feeds alone, a note's lone
// carriage return (a bundle's, a pasted old Mac text's) began a line no
// escape had seen: "ok\r# Heading" made a heading of the report's own (a
// hostile data pass).
func mdSplit(s string) []string {
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
}

// mdLines escapes a multi-line text and keeps its line breaks.
func mdLines(s string) string {
	lines := mdSplit(strings.TrimSpace(s))
	for i, l := range lines {
		lines[i] = mdEscape(strings.TrimRight(l, " \t"))
	}
	return strings.Join(lines, "  \n")
}

// blockquote quotes text as printed (Quote.Printed), one "> " per line,
// each line's runs of white space one space: the Mueller report's
// headings hold a tab after their number, and a bookmarked one exported as
// "> A.<tab>GRU Hacking Directed at the Clinton Campaign" (a researcher's
// pass); an indented line would read as code in a Markdown viewer. The
// quote's character offsets, in the citation, still locate the stored text.
func blockquote(s string) string {
	lines := mdSplit(s)
	for i, l := range lines {
		if l = wording.OneLine(l); l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + mdEscape(l)
		}
	}
	return strings.Join(lines, "\n")
}

type errWriter struct {
	w   io.Writer
	err error
}

// printf writes as fmt.Fprintf does, with the bidirectional controls shown
// as U+FFFD (see printable): the Markdown export is all printed text.
func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, printable(fmt.Sprintf(format, args...)))
	}
}

// webAddress reports whether u is a web address, which the Markdown export
// links.
func webAddress(u string) bool {
	l := strings.ToLower(u)
	for _, scheme := range []string{"http://", "https://"} {
		if rest, ok := strings.CutPrefix(l, scheme); ok && rest != "" {
			return true
		}
	}
	return false
}
