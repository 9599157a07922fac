package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	gmtext "github.com/yuin/goldmark/text"
)

// markdown parses CommonMark with GitHub's tables and strikethrough.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// markdownFlat parses CommonMark with strikethrough but not tables: a
// table's rows are read as a paragraph, pipes and all.
var markdownFlat = goldmark.New(goldmark.WithExtensions(extension.Strikethrough))

// maxMarkdownCells bounds the cells of a file's tables that goldmark is
// given to build. It makes a node for every cell, some 500 bytes each
// with its text: a 2 MB table of 5,000 columns by 200 rows took 500 MB
// (1.1 GB before decodeText reused its writer), an 8 MB one 2 GB; and rows
// short of cells are filled out to the header's width, so two bytes a row
// can cost thousands of cells. Past this bound (400,000 cells: about 200
// MB; 100,000 read a data table of 8,400 rows of 10 columns, under 1 MB,
// as raw pipes: a hostile pass) the file's tables are read as the text
// they are written in, a passage of rows with their pipes.
const maxMarkdownCells = 400_000

// parseMarkdown reads a .md file: YAML-style front matter (title, author,
// date, source, url) as metadata, the first level-one heading as the title
// when the front matter has none, every other heading, list item, table
// row, code block and paragraph as a passage.
//
// The stored text is what a reader sees, not the markup: emphasis markers,
// link targets and escapes are gone, wrapped lines are joined, list items
// get a bullet or their number. Passage offsets index this text, so quotes
// and citations never carry "**" or "](https://…)".
func parseMarkdown(name, text string) (*Document, error) {
	if PathologicalMarkdown(text) {
		// goldmark's time grows with the square of nesting depth: a
		// 200 KB line of ">" takes it 20 s. No real document nests so
		// deep; read such a file as plain text instead.
		return parseMarkdownAsText(name, text)
	}
	// Identical files import once: the hash covers the file as written,
	// front matter included, not just the text shown (and matches files
	// imported before Markdown was rendered).
	sum := sha256.Sum256([]byte(text))
	doc := &Document{Format: "markdown", Hash: hex.EncodeToString(sum[:])}
	body := text[frontMatter(doc, text):]
	r := &mdRenderer{doc: doc}
	md, blocks := markdown, markdownBlocks
	if tableCells(body) > maxMarkdownCells {
		md, blocks = markdownFlat, markdownFlatBlocks
	}
	if strings.Count(body, "\n") < markdownPiecesFrom {
		r.src = []byte(body)
		r.blocks(md.Parser().Parse(gmtext.NewReader(r.src)), "")
	} else {
		// goldmark keeps some 230 bytes for every line: a long file is
		// given to it a piece at a time, or read as plain text if it cannot
		// be cut.
		pieces, refs := markdownPieces(blocks, body)
		if pieces == nil {
			return parseMarkdownAsText(name, text)
		}
		for _, piece := range pieces {
			ctx := parser.NewContext()
			for _, ref := range refs {
				ctx.AddReference(ref)
			}
			r.src = []byte(piece)
			r.blocks(md.Parser().Parse(gmtext.NewReader(r.src), parser.WithContext(ctx)), "")
			settle(piece)
		}
		r.src = nil
	}
	doc.Text = r.out.String()
	for _, p := range r.spans {
		for _, part := range splitLong(doc.Text, p) {
			part.Heading = p.Heading
			doc.Passages = append(doc.Passages, part)
		}
	}
	return doc, nil
}

// parseMarkdownAsText reads a Markdown file goldmark cannot be given as
// plain text.
func parseMarkdownAsText(name, text string) (*Document, error) {
	doc, err := parsePlainText(name, text)
	if doc != nil {
		doc.Format = "markdown"
	}
	return doc, err
}

// frontMatter fills doc from a leading "---" block and returns where the
// body starts.
func frontMatter(doc *Document, text string) int {
	if !strings.HasPrefix(text, "---\n") {
		return 0
	}
	// Search from the opening line's newline, so that an empty block
	// ("---\n---\n") closes at once.
	end := strings.Index(text[3:], "\n---")
	if end < 0 {
		return 0
	}
	block := text[4:max(4, 3+end)]
	// A leading "---" can also be a thematic break above ordinary text; then
	// the "front matter" up to the next break is prose, and dropping it
	// silently lost it. Only a block that reads like YAML is metadata.
	for _, l := range strings.Split(block, "\n") {
		if !yamlish(l) {
			return 0
		}
	}
	for _, l := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			doc.Title = v
		case "author", "authors":
			doc.Author = v
		case "date", "published":
			doc.Published = v
		case "source", "publisher", "outlet":
			doc.Source = v
		case "url", "link":
			doc.URL = v
		}
	}
	body := 3 + end + len("\n---")
	if nl := strings.IndexByte(text[body:], '\n'); nl >= 0 {
		return body + nl + 1
	}
	return len(text)
}

// yamlish reports whether a front-matter line looks like YAML: blank, a
// comment, a list item or continuation, or "key: value" with a one-word key.
func yamlish(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "- ") || t == "-" || l[0] == ' ' || l[0] == '\t' {
		return true
	}
	k, _, ok := strings.Cut(t, ":")
	return ok && k != "" && !strings.ContainsAny(k, " \t")
}

// Limits past which a file is not parsed as Markdown.
const (
	maxMarkdownNesting  = 64   // block quotes or list items opened on one line
	maxMarkdownBrackets = 2000 // link openers on one line
	// maxMarkdownDefinitions: goldmark reads a paragraph of link reference
	// definitions again after each, in time growing with the square of
	// their number (100,000 in a row took 10 s, a file of them 7 minutes).
	maxMarkdownDefinitions = 10_000
	// maxMarkdownLines: goldmark keeps some 230 bytes for every line (its
	// segment and text node), so that an 8 MB file of one-letter lines
	// took 950 MB, and 64 MB of them would take 7 GB. A file of a million
	// lines or more (230 MB; some 60 MB of ordinary prose) is given to it
	// in pieces (markdownPieces), and read as plain text where no piece
	// of fewer lines can be cut.
	maxMarkdownLines = 1_000_000
)

// PathologicalMarkdown spots input that would make goldmark crawl: a line
// opening dozens of nested block quotes or list items, thousands of links,
// or ten thousand link definitions in a paragraph. Such a file is read as
// plain text.
func PathologicalMarkdown(text string) bool {
	definitions := 0 // lines in a row that may define a link reference
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if strings.Count(line, "[") > maxMarkdownBrackets {
			return true
		}
		// Counted over a paragraph: a definition may run over lines
		// ("[r1]:", "/u"; a hostile pass).
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "[") && strings.Contains(t, "]:") {
			if definitions++; definitions > maxMarkdownDefinitions {
				return true
			}
		} else if strings.Trim(line, " \t") == "" {
			definitions = 0
		}
		// Lists also nest across lines, by indentation: an item needs at
		// least two columns more than its parent, so the columns before a
		// marker bound the depth reached from earlier lines.
		depth, indent := 0, 0
		rest := line
		for {
			for ; rest != "" && (rest[0] == ' ' || rest[0] == '\t'); rest = rest[1:] {
				indent++
				if rest[0] == '\t' {
					indent += 3
				}
			}
			if rest == "" {
				break
			}
			if n := listMarker(rest); rest[0] == '>' || n > 0 {
				rest = rest[max(n, 1):]
			} else {
				break
			}
			if depth++; depth+indent/2 > maxMarkdownNesting {
				return true
			}
		}
	}
	return false
}

// tableCells is at least the number of cells goldmark would build for the
// tables in text: a table is a delimiter row ("|---|:-:|") below a header,
// and every line after it until a blank line can be a row as wide as it.
// So each run of non-blank lines holding a delimiter row after its first
// line counts the run's lines times the widest such row's columns.
func tableCells(text string) int {
	total, run, cols := 0, 0, 0
	end := func() {
		if cols > 0 {
			total += run * cols
		}
		run, cols = 0, 0
	}
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if strings.TrimSpace(line) == "" {
			end()
			continue
		}
		if run > 0 && tableDelimiter(line) {
			// Pipes on the row's edges open and close it: "|a|b|" is two
			// cells, not four.
			edges := strings.TrimSpace(line)
			n := strings.Count(edges, "|") + 1
			if strings.HasPrefix(edges, "|") {
				n--
			}
			if strings.HasSuffix(edges, "|") && len(edges) > 1 {
				n--
			}
			cols = max(cols, n)
		}
		run++
		if cols > 0 && (total > MaxFileSize || run > MaxFileSize/cols) {
			return MaxFileSize + 1 // (no overflow, however wide)
		}
	}
	end()
	return total
}

// tableDelimiter reports whether line could be a table's delimiter row:
// only dashes, colons, pipes and spaces, with a dash.
func tableDelimiter(line string) bool {
	for i := 0; i < len(line); i++ {
		if !strings.ContainsRune(" \t-|:", rune(line[i])) {
			return false
		}
	}
	return strings.Contains(line, "-")
}

// listMarker is the length of the list item marker ("- ", "12. ", "3) ")
// that starts s, or 0.
func listMarker(s string) int {
	if len(s) > 1 && strings.ContainsRune("-*+", rune(s[0])) && (s[1] == ' ' || s[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t') {
		return i + 2
	}
	return 0
}

// mdRenderer writes a Markdown tree out as plain text, one passage per
// block, separated by blank lines.
type mdRenderer struct {
	src     []byte
	doc     *Document
	out     strings.Builder
	spans   []Span
	dec     *bufio.Writer // decodeText's, writing to decoded
	decoded bytes.Buffer
}

// passage appends one passage's text (trimmed; empty ones are dropped).
func (r *mdRenderer) passage(s string) { r.add(s, false) }

// add appends one passage, a heading or not.
func (r *mdRenderer) add(s string, heading bool) {
	start, end := r.write(s)
	if end > start {
		r.spans = append(r.spans, Span{Start: start, End: end, Heading: heading})
	}
}

// write appends a block's text, cleaned and trimmed, after a blank line,
// and returns where it lies.
func (r *mdRenderer) write(s string) (start, end int) {
	return appendBlock(&r.out, strings.TrimSpace(textClean.Replace(s)))
}

// textClean keeps characters that character references (&#2;, &#13;) can
// produce out of the text, as Parse does for the file itself: \x02 and
// \x03 are search's match markers, and lines end in \n.
var textClean = strings.NewReplacer("\x02", "", "\x03", "", "\r\n", "\n", "\r", "\n", "\x00", "\uFFFD")

// blocks renders n's block children; prefix goes before the first passage
// (a list item's bullet).
func (r *mdRenderer) blocks(n ast.Node, prefix string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.Heading:
			t := r.inline(b)
			if b.Level == 1 && r.doc.Title == "" && strings.TrimSpace(t) != "" {
				// The title stays in the text, as in a plain-text file, but
				// is not a passage.
				r.doc.Title = strings.TrimSpace(textClean.Replace(t))
				r.write(r.doc.Title)
				continue
			}
			r.add(prefix+t, true)
		case *ast.Paragraph, *ast.TextBlock:
			r.passage(prefix + r.inline(b))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			r.passage(prefix + r.lines(b))
		case *ast.HTMLBlock:
			raw := r.lines(b)
			if b.HasClosure() { // <pre>, <script>, <!-- … -->: the closing line is kept apart
				raw += string(b.ClosureLine.Value(r.src))
			}
			if invisibleHTML.MatchString(raw) {
				continue // a script or style sheet is not text anyone reads
			}
			r.passage(prefix + htmlTag.ReplaceAllString(raw, ""))
		case *ast.List:
			n := b.Start
			for item := b.FirstChild(); item != nil; item = item.NextSibling() {
				bullet := "• "
				if b.IsOrdered() {
					bullet = strconv.Itoa(n) + ". "
					n++
				}
				r.blocks(item, bullet)
			}
		case *extast.Table:
			for row := b.FirstChild(); row != nil; row = row.NextSibling() {
				var cells []string
				for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
					cells = append(cells, strings.TrimSpace(r.inline(cell)))
				}
				r.passage(prefix + strings.Join(cells, " · "))
			}
		case *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		default: // block quotes, list items, anything that holds blocks
			r.blocks(b, prefix)
		}
		if c.Type() == ast.TypeBlock {
			prefix = "" // only the first block of a list item gets the bullet
		}
	}
}

// decodeText resolves backslash escapes and character references in one
// pass, as CommonMark wants ("\\&amp;" is the text "&amp;"): goldmark's
// HTML writer does exactly that, then the HTML it writes is unescaped.
// Text with neither is itself. The writer is the renderer's, reused: one
// made for each piece of text (4 KB each, a line or a table cell) took
// 16 GB of allocation for an 8 MB file of one-letter lines, and 2.5 GB of
// memory at its peak.
func (r *mdRenderer) decodeText(src []byte) string {
	if !bytes.ContainsAny(src, "\\&\x00") {
		return string(src)
	}
	if r.dec == nil {
		r.dec = bufio.NewWriter(&r.decoded)
	}
	r.decoded.Reset()
	gmhtml.DefaultWriter.Write(r.dec, src)
	r.dec.Flush()
	return html.UnescapeString(r.decoded.String())
}

// lineBreakTag matches an inline <br>, <br/> or <BR />.
var lineBreakTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

// invisibleHTML matches an HTML block that renders nothing readable.
var invisibleHTML = regexp.MustCompile(`(?i)^\s*<(script|style)[\s>]`)

// htmlTag matches a tag in a raw HTML block; its text is kept.
var htmlTag = regexp.MustCompile(`<[^>]*>`)

// lines returns a code or HTML block's lines verbatim.
func (r *mdRenderer) lines(n ast.Node) string {
	var b strings.Builder
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b.Write(seg.Value(r.src))
	}
	return b.String()
}

// inline renders n's inline content as plain text.
func (r *mdRenderer) inline(n ast.Node) string {
	var b strings.Builder
	r.inlineTo(&b, n)
	return b.String()
}

func (r *mdRenderer) inlineTo(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			if t.IsRaw() {
				b.Write(t.Value(r.src))
			} else {
				b.WriteString(r.decodeText(t.Value(r.src)))
			}
			switch {
			case t.HardLineBreak():
				b.WriteByte('\n')
			case t.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(r.src))
		case *ast.RawHTML:
			// Inline tags are markup, not words; <br> breaks the line.
			var tag []byte
			for i := 0; i < t.Segments.Len(); i++ {
				seg := t.Segments.At(i)
				tag = append(tag, seg.Value(r.src)...)
			}
			if lineBreakTag.Match(tag) {
				b.WriteByte('\n')
			}
		default: // emphasis, links (their text), images (alt text), code spans
			r.inlineTo(b, c)
		}
	}
}
