package ingest

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file turns a parsed HTML tree into blocks (shared by the HTML and
// EPUB readers): what is dropped as not readable, and where passages end.

// dropped lists elements whose content is never readable text: code,
// styling, embedded media, form controls, and navigation boilerplate.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Nav: true,
	atom.Aside: true, atom.Dialog: true, atom.Link: true, atom.Meta: true, atom.Base: true,
	atom.Head: true, atom.Title: true,
}

// boilerplateRoles are ARIA landmarks for site chrome, not the article.
var boilerplateRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "menu": true, "menubar": true, "dialog": true, "alertdialog": true,
}

// isBlock lists elements that start and end a block of text.
var isBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Blockquote: true, atom.Pre: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Li: true, atom.Figure: true, atom.Figcaption: true,
	atom.Table: true, atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Tr: true, atom.Address: true, atom.Hr: true, atom.Center: true, atom.Details: true,
	atom.Summary: true, atom.Fieldset: true, atom.Legend: true, atom.Form: true,
	atom.Header: true, atom.Footer: true, atom.Body: true, atom.Html: true, atom.Hgroup: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hidden reports an element the page does not show: the hidden attribute,
// aria-hidden="true", or an inline display:none / visibility:hidden.
func hidden(n *html.Node) bool {
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); strings.EqualFold(strings.TrimSpace(v), "true") {
		return true
	}
	if v, ok := attr(n, "style"); ok {
		s := strings.ToLower(strings.Join(strings.Fields(v), ""))
		for _, decl := range strings.Split(s, ";") {
			if strings.HasPrefix(decl, "display:none") || strings.HasPrefix(decl, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// inContent reports whether n lies inside an article or main element,
// where a header or footer belongs to the story (headline, byline, notes)
// rather than to the site.
func inContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (tag(p) == atom.Article || tag(p) == atom.Main) {
			return true
		}
	}
	return false
}

// unreadable reports an element dropped with its content.
func unreadable(n *html.Node) bool {
	if n.Type == html.ElementNode {
		if dropped[tag(n)] || hidden(n) {
			return true
		}
		if role, _ := attr(n, "role"); boilerplateRoles[strings.ToLower(strings.TrimSpace(role))] {
			return true
		}
		if (tag(n) == atom.Header || tag(n) == atom.Footer) && !inContent(n) {
			return true
		}
		// An element outside HTML's namespace (inline SVG or MathML in
		// XHTML) holds drawing instructions, not prose.
		return n.Namespace != ""
	}
	return n.Type != html.TextNode && n.Type != html.DocumentNode
}

// clean removes unreadable nodes (comments included) from the tree.
func clean(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if unreadable(c) && !keepForMeta(c) {
			n.RemoveChild(c)
		} else {
			clean(c)
		}
		c = next
	}
}

// keepForMeta reports the page's head and its metadata (title, meta and
// link elements, structured data in application/ld+json scripts): kept in
// the tree for readability to read, never walked as text.
func keepForMeta(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Namespace != "" {
		return false
	}
	switch tag(n) {
	case atom.Head, atom.Title, atom.Meta, atom.Link, atom.Base:
		return true
	case atom.Script:
		t, _ := attr(n, "type")
		return strings.EqualFold(strings.TrimSpace(t), "application/ld+json")
	}
	return false
}

// htmlBlocks walks a cleaned tree and writes its blocks: every block
// element ends a passage, as do two <br> in a row; headings are passages of
// their own; a table row is one passage, its cells joined by " | "; list
// items get a bullet or their number, as in Markdown.
type htmlBlocks struct {
	w        *blockWriter
	cur      strings.Builder
	prefix   string // a list item's bullet, written with its first text
	brs      int    // <br> since the last text
	inline   int    // >0 inside a heading or table row: blocks do not break it
	headings []heading
	numbers  map[*html.Node]int // an ordered list's last item number
	notes    *int               // footnotes numbered so far (EPUB; nil for web pages)
	note     int                // the footnote being read, or 0
}

type heading struct {
	level int
	text  string
}

func (b *htmlBlocks) flush(isHeading bool) {
	text := normaliseBlock(b.cur.String())
	b.cur.Reset()
	b.brs = 0
	if text == "" {
		return
	}
	if b.w.add(b.prefix+text, isHeading) && b.note > 0 {
		b.w.spans[len(b.w.spans)-1].Footnote = b.note
	}
	b.prefix = ""
}

// walk writes n's content.
func (b *htmlBlocks) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.cur.WriteString(n.Data)
		if strings.TrimSpace(n.Data) != "" {
			b.brs = 0
		}
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	if n.Type == html.ElementNode && unreadable(n) {
		return
	}
	if _, ok := attr(n, noteAttr); ok && b.notes != nil && b.note == 0 && b.inline == 0 {
		b.flush(false)
		*b.notes++
		b.note = *b.notes
		b.children(n)
		b.flush(false)
		b.note = 0
		return
	}
	switch a := tag(n); {
	case a == atom.Br:
		if b.brs++; b.brs >= 2 && b.inline == 0 {
			b.flush(false)
			return
		}
		b.cur.WriteByte(' ')
		return
	case headingLevel(a) > 0:
		if b.inline > 0 {
			b.children(n)
			return
		}
		b.flush(false)
		b.inline++
		b.children(n)
		b.inline--
		b.headings = append(b.headings, heading{headingLevel(a), normaliseBlock(b.cur.String())})
		b.flush(true)
		return
	case a == atom.Tr:
		if b.inline > 0 {
			b.cells(n)
			return
		}
		b.flush(false)
		b.inline++
		b.cells(n)
		b.inline--
		b.flush(false)
		return
	case a == atom.Li:
		if b.inline > 0 {
			b.children(n)
			return
		}
		b.flush(false)
		b.prefix = b.bullet(n)
		b.children(n)
		b.flush(false)
		b.prefix = ""
		return
	case isBlock[a]:
		if b.inline > 0 {
			b.cur.WriteByte(' ')
			b.children(n)
			b.cur.WriteByte(' ')
			return
		}
		b.flush(false)
		b.children(n)
		b.flush(false)
		return
	case a == atom.Td || a == atom.Th:
		b.cur.WriteByte(' ')
		b.children(n)
		b.cur.WriteByte(' ')
		return
	}
	b.children(n)
}

func (b *htmlBlocks) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
}

// cells writes a table row's cells, non-empty ones joined by " | ".
func (b *htmlBlocks) cells(tr *html.Node) {
	first := true
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (tag(c) != atom.Td && tag(c) != atom.Th) || unreadable(c) {
			b.walk(c)
			continue
		}
		var cell htmlBlocks
		cell.w = b.w
		cell.inline = 1
		cell.children(c)
		text := normaliseBlock(cell.cur.String())
		if text == "" {
			continue
		}
		if !first {
			b.cur.WriteString(" | ")
		}
		b.cur.WriteString(text)
		first = false
	}
}

// bullet is a list item's mark: its number in an ordered list (honouring
// start and value), a bullet otherwise.
func (b *htmlBlocks) bullet(li *html.Node) string {
	p := li.Parent
	if p == nil || p.Type != html.ElementNode || tag(p) != atom.Ol {
		return "• "
	}
	if b.numbers == nil {
		b.numbers = map[*html.Node]int{}
	}
	n, ok := b.numbers[p]
	if !ok {
		n = intAttr(p, "start", 1) - 1
	}
	n = intAttr(li, "value", n+1)
	b.numbers[p] = n
	return strconv.Itoa(n) + ". "
}

func intAttr(n *html.Node, key string, def int) int {
	if v, ok := attr(n, key); ok {
		if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i > -1e9 && i < 1e9 {
			return i
		}
	}
	return def
}

// maxDepth is the deepest element nesting read. Real pages nest a few
// dozen deep; a file nesting thousands deep is refused rather than walked
// (every walk here, and readability's, recurses).
const maxDepth = 512

// tooDeep reports a tree nesting deeper than maxDepth, without recursing.
func tooDeep(root *html.Node) bool {
	type item struct {
		n     *html.Node
		depth int
	}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > maxDepth {
			return true
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			if c.FirstChild != nil {
				stack = append(stack, item{c, it.depth + 1})
			}
		}
	}
	return false
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// firstHeading is the text of the highest-level heading that comes first.
func firstHeading(hs []heading) string {
	best := heading{level: 7}
	for _, h := range hs {
		if h.text != "" && h.level < best.level {
			best = h
		}
	}
	return best.text
}

// tag is an element's atom. Elements that readability creates or renames
// carry only their name (Data), not an atom.
func tag(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
