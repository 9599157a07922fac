package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// parseHTML reads a saved web page (.html, .htm): its readable text only,
// as passages, with the page's metadata. Nothing in the page is fetched or
// run: the markup is parsed by x/net/html and only text nodes are read.
//
// Boilerplate goes in two steps. First what is never prose: scripts,
// styles, comments, forms' controls, hidden elements, nav and aside, and
// header/footer outside the article. Then the main content is chosen by
// go-readability (a port of Firefox's Reader View, kept up to date by
// Readeck): on saved news pages it keeps the story and drops the related
// links, share bars, cookie notices and comment threads that the first
// step cannot tell from prose. When it finds no article (a short page, an
// index) the whole cleaned body is read instead.
func parseHTML(name string, data []byte) (*Document, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: name, Reason: tooLarge(int64(len(data)))}
	}
	if tooManyBlocks(data) {
		return nil, &Error{File: name, Reason: tooManyPassages}
	}
	root, err := parseHTMLTree(data)
	if err == nil && tooDeep(root) {
		err = errTooDeep
	}
	if err != nil {
		return nil, &Error{File: name, Reason: "is not a readable web page: " + err.Error()}
	}
	meta := pageMeta(root)
	clean(root)

	body := findElement(root, atom.Body)
	if body == nil {
		body = root
	}
	whole := readBlocks(body)
	chosen := whole
	rd := readability.NewParser()
	// Readability's time grows faster than the page: past this many
	// elements (a long report saved as one page, ten times a news page)
	// it is skipped and the whole cleaned body is read.
	rd.MaxElemsToParse = maxArticleElems
	art, err := rd.ParseDocument(root, nil)
	if err == nil && art.Node != nil {
		// Below readability's own threshold for an article (500
		// characters) it has only guessed: on a short page (a note, a
		// press release with a table) it drops headings, tables and lists
		// that are the page's content, so the whole cleaned body is read.
		if main := readBlocks(art.Node); utf8.RuneCountInString(main.w.out.String()) >= articleMin {
			chosen = main
		}
	}
	doc := chosen.w.document("html")
	doc.Author, doc.Published, doc.Source, doc.URL = meta.author, meta.published, meta.source, meta.url
	if err == nil {
		if doc.Author == "" {
			doc.Author = byline(art.Byline())
		}
		if doc.Source == "" {
			doc.Source = oneLine(art.SiteName())
		}
	}
	// The title: the page's, as readability trims it ("Story - Site"
	// gives "Story"); with no <title>, the first top-level heading.
	switch {
	case meta.title != "" && err == nil && oneLine(art.Title()) != "":
		doc.Title = oneLine(art.Title())
	case meta.title != "":
		doc.Title = meta.title
	default:
		doc.Title = firstHeading(whole.headings)
	}
	if len(doc.Passages) == 0 {
		return nil, &Error{File: name, Reason: "has no readable text (the page may be built by scripts, which Dossier does not run)"}
	}
	return doc, nil
}

// errTooDeep is a page refused for nesting past maxDepth.
var errTooDeep = fmt.Errorf("its elements nest more than %d deep", maxDepth)

// parseHTMLTree decodes and parses a page. The parser (x/net/html from
// v0.45) refuses a page nesting past 512 open elements, where the HTML
// tree-building algorithms turn quadratic; that refusal is worded for
// people.
func parseHTMLTree(data []byte) (*html.Node, error) {
	src, enc := decodeHTML(data)
	if (bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})) && len(data)%2 != 0 {
		// Its last byte would become U+FFFD and vanish, unsaid.
		return nil, errors.New("it is UTF-16 text cut short (an odd number of bytes)")
	}
	if !strings.HasPrefix(enc, "utf-16") && binaryHead(data) {
		// An image or other binary file named .html (or listed as a
		// chapter): the HTML parser would make "text" of any bytes.
		return nil, errBinaryPage
	}
	if enc == "windows-1252" && !declares(data) {
		// Not valid UTF-8, so read as Windows-1252 as browsers do; but
		// mostly UTF-8 with a few bad bytes would become "Ã©" throughout.
		if bad, first := damagedUTF8(data); bad > 0 {
			return nil, fmt.Errorf("it %v", damagedUTF8Error(bad, first))
		}
	}
	if enc == "replacement" {
		// The WHATWG maps ISO-2022-KR, ISO-2022-CN and HZ-GB-2312 to an
		// encoding that decodes a whole page to one U+FFFD: say so, rather
		// than that the page has no text.
		return nil, errors.New("its declared character set (ISO-2022-KR, ISO-2022-CN or HZ-GB-2312) cannot be read; save the page as UTF-8")
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements") {
			return nil, errTooDeep
		}
		return nil, err
	}
	return root, nil
}

// blockElements are the elements a passage may begin at.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Dt: true, atom.Dd: true,
}

// tooManyBlocks reports whether markup starts more block elements than a
// file may have passages (MaxPassages). It is read as a stream, before the
// page's tree is built: a 24 MB page of three million paragraphs took
// 2.5 GB to parse before the passages were counted, and a 70 KB EPUB
// unpacking to 268 MB 3.5 GB (a hostile pass). A page holding fewer tags
// of any kind is not read twice.
func tooManyBlocks(data []byte) bool {
	if bytes.Count(data, []byte("<")) <= MaxPassages {
		return false
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	n := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if blockElements[atom.Lookup(name)] {
				if n++; n > MaxPassages {
					return true
				}
			}
		}
	}
}

// errBinaryPage is a "page" of binary content.
var errBinaryPage = errors.New("it looks like a binary file (an image?), not a web page")

// binaryHead reports content whose first 8 KB is more than 5% control
// characters (and at least 16): not text in any 8-bit encoding. (Unlike looksBinary, a stray
// NUL is allowed: the HTML parser drops it.)
func binaryHead(data []byte) bool {
	head := data[:min(len(data), 8192)]
	ctrl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	return ctrl >= 16 && ctrl*20 > len(head) // a few stray controls in a short page are not binary
}

// articleMin is the length (characters) of text from which readability's
// choice of the main content is trusted (its CharThresholds default).
const articleMin = 500

// maxArticleElems is the largest page (in elements, after cleaning) whose
// main content readability picks.
const maxArticleElems = 30000

// byline is an author's name without a leading "By".
func byline(s string) string {
	s = oneLine(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

// readBlocks writes the blocks under n to a new writer.
func readBlocks(n *html.Node) *htmlBlocks {
	b := &htmlBlocks{w: &blockWriter{}}
	b.walk(n)
	b.flush(false)
	return b
}

// decodeHTML converts a page to UTF-8: by its byte-order mark, else its
// <meta charset> (unless the page declares UTF-8 and is not), else UTF-8
// when the bytes are valid UTF-8, else Windows-1252, as browsers do.
func decodeHTML(data []byte) (string, string) {
	e, enc, certain := charset.DetermineEncoding(data, "")
	if !certain {
		switch {
		case enc == "utf-8" && !utf8.Valid(data):
			e, enc = charset.Lookup("windows-1252")
		case enc == "windows-1252" && utf8.Valid(data) && !declares(data):
			e, enc = charset.Lookup("utf-8")
		}
	}
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return string(data), "utf-8"
	}
	out = bytes.TrimPrefix(out, []byte("\ufeff"))
	return string(out), enc
}

// declares reports a page whose start names a charset (prescan found one).
func declares(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

type metadata struct{ title, author, published, source, url string }

// pageMeta reads the <title>, <meta> and canonical link, wherever the
// parser put them.
func pageMeta(root *html.Node) metadata {
	var m metadata
	set := func(dst *string, v string) {
		if v = oneLine(v); *dst == "" && v != "" {
			*dst = v
		}
	}
	var walk func(n *html.Node)
	stack := []*html.Node{root}
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch tag(n) {
		case atom.Title:
			if n.Namespace == "" {
				set(&m.title, textOf(n))
			}
		case atom.Meta:
			key, _ := attr(n, "property")
			if key == "" {
				key, _ = attr(n, "name")
			}
			if key == "" {
				key, _ = attr(n, "itemprop")
			}
			content, _ := attr(n, "content")
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author":
				if !strings.Contains(content, "://") { // article:author is often a profile link
					set(&m.author, byline(content))
				}
			case "article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
				"datepublished", "pubdate", "publishdate", "parsely-pub-date", "sailthru.date":
				set(&m.published, content)
			case "og:site_name", "application-name":
				set(&m.source, content)
			case "og:url":
				if strings.HasPrefix(content, "http://") || strings.HasPrefix(content, "https://") {
					set(&m.url, content)
				}
			}
		case atom.Link:
			rel, _ := attr(n, "rel")
			href, _ := attr(n, "href")
			if strings.EqualFold(strings.TrimSpace(rel), "canonical") && (strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://")) {
				set(&m.url, href)
			}
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		walk(n)
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return m
}

// textOf is the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}

// findElement is the first element a under n, depth first.
func findElement(n *html.Node, a atom.Atom) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode && tag(c) == a && c.Namespace == "" {
			return c
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return nil
}
