package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown parses CommonMark with GitHub's tables and strikethrough.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

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
	doc := &Document{Format: "markdown"}
	body := text[frontMatter(doc, text):]
	src := []byte(body)
	r := &mdRenderer{src: src, doc: doc}
	root := markdown.Parser().Parse(gmtext.NewReader(src))
	r.blocks(root)
	doc.Text = r.out.String()
	for _, p := range r.spans {
		for _, part := range splitLong(doc.Text, p) {
			part.Heading = p.Heading
			doc.Passages = append(doc.Passages, part)
		}
	}
	return doc, nil
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

// mdRenderer writes a Markdown tree out as plain text, one passage per
// block, separated by blank lines.
type mdRenderer struct {
	src   []byte
	doc   *Document
	out   strings.Builder
	spans []Span
}

// passage appends one passage's text (trimmed; empty ones are dropped).
func (r *mdRenderer) passage(s string) { r.add(s, false) }

// add appends one passage, a heading or not.
func (r *mdRenderer) add(s string, heading bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if r.out.Len() > 0 {
		r.out.WriteString("\n\n")
	}
	start := r.out.Len()
	r.out.WriteString(s)
	r.spans = append(r.spans, Span{Start: start, End: r.out.Len(), Heading: heading})
}

// blocks renders n's block children; prefix goes before the first passage
// (a list item's bullet).
func (r *mdRenderer) blocks(n ast.Node) {
	r.blocksWithPrefix(n, "")
}

func (r *mdRenderer) blocksWithPrefix(n ast.Node, prefix string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.Heading:
			t := r.inline(b)
			if b.Level == 1 && r.doc.Title == "" && strings.TrimSpace(t) != "" {
				r.doc.Title = strings.TrimSpace(t)
				// The title opens the text, as in a plain-text file, but is
				// not a passage.
				if r.out.Len() == 0 {
					r.out.WriteString(r.doc.Title)
				}
				continue
			}
			r.add(prefix+t, true)
		case *ast.Paragraph, *ast.TextBlock:
			r.passage(prefix + r.inline(b))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			r.passage(prefix + r.lines(b))
		case *ast.HTMLBlock:
			r.passage(prefix + htmlTag.ReplaceAllString(r.lines(b), ""))
		case *ast.List:
			n := b.Start
			for item := b.FirstChild(); item != nil; item = item.NextSibling() {
				bullet := "• "
				if b.IsOrdered() {
					bullet = strconv.Itoa(n) + ". "
					n++
				}
				r.blocksWithPrefix(item, bullet)
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
			r.blocksWithPrefix(b, prefix)
		}
		if c.Type() == ast.TypeBlock {
			prefix = "" // only the first block of a list item gets the bullet
		}
	}
}

// lineBreakTag matches an inline <br>, <br/> or <BR />.
var lineBreakTag = regexp.MustCompile(`(?i)^<br\s*/?>$`)

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
			v := t.Value(r.src)
			if !t.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
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
