package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

const (
	nsOPF   = "http://www.idpf.org/2007/opf"
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsOPS   = "http://www.idpf.org/2007/ops"
)

// parseEPUB reads an e-book (.epub): the chapters in the order of the
// package's spine, each chapter's XHTML read as a web page is (blocks,
// headings, lists, tables; scripts, styles, hidden and navigation
// elements dropped), without main-content extraction, which a chapter does
// not need. Footnotes and endnotes (epub:type footnote, endnote, note)
// are footnote passages, numbered through the book in reading order.
// Title, author, date and publisher come from the package metadata. The
// navigation document (the table of contents) is not read.
func parseEPUB(name string, data []byte) (*Document, error) {
	fail := func(err error) error {
		return &Error{File: name, Reason: "is not a valid EPUB book: " + errText(err)}
	}
	z, err := openZip(data)
	if err != nil {
		return nil, fail(err)
	}
	container, err := z.read("META-INF/container.xml")
	if err != nil {
		return nil, fail(err)
	}
	opfPath, err := rootFile(container)
	if err != nil {
		return nil, fail(err)
	}
	opfData, err := z.read(opfPath)
	if err != nil {
		return nil, fail(err)
	}
	pkg, err := readOPF(opfData)
	if err != nil {
		return nil, fail(fmt.Errorf("%s is damaged (%v)", opfPath, err))
	}
	w := &blockWriter{}
	var headings []heading
	notes := 0
	read := map[string]bool{}
	binary := 0 // chapters skipped as not text
	for _, id := range pkg.spine {
		item, ok := pkg.items[id]
		if !ok || strings.Contains(" "+item.properties+" ", " nav ") {
			continue
		}
		if !strings.Contains(item.mediaType, "html") {
			continue // an image or SVG page: no text to read
		}
		href, err := url.PathUnescape(strings.SplitN(item.href, "#", 2)[0])
		if err != nil {
			href = item.href
		}
		member := path.Join(path.Dir(opfPath), href)
		if read[member] {
			continue // a spine listing a chapter twice (or 10,000 times) reads it once
		}
		read[member] = true
		chapter, err := z.read(member)
		if errors.Is(err, errMissing) {
			continue // a book with a missing chapter still has the others
		}
		if err != nil {
			return nil, fail(err)
		}
		if _, enc := decodeHTML(chapter[:min(len(chapter), 1024)]); !strings.HasPrefix(enc, "utf-16") && binaryHead(chapter) {
			binary++
			continue // an image listed as a chapter: no text to read, as for one listed as an image
		}
		if tooManyBlocks(chapter) { // each chapter's tree is built, read and let go in turn

			return nil, &Error{File: name, Reason: tooManyPassages}
		}
		root, err := parseXHTML(chapter)
		if err != nil {
			return nil, fail(fmt.Errorf("%s is damaged (%v)", href, err))
		}
		if tooDeep(root) {
			return nil, fail(fmt.Errorf("%s nests elements more than %d deep", href, maxDepth))
		}
		markNotes(root)
		clean(root)
		body := findElement(root, atom.Body)
		if body == nil {
			body = root
		}
		b := &htmlBlocks{w: w, notes: &notes}
		b.walk(body)
		b.flush(false)
		headings = append(headings, b.headings...)
	}
	doc := w.document("epub")
	doc.Title, doc.Author, doc.Published, doc.Source = pkg.title, pkg.author, pkg.date, pkg.publisher
	if doc.Title == "" {
		doc.Title = firstHeading(headings)
	}
	if len(doc.Passages) == 0 {
		if _, err := z.member("META-INF/encryption.xml"); err == nil && binary > 0 {
			// Chapters that are not text, in a book that declares
			// encryption: DRM (font obfuscation alone leaves chapters be).
			return nil, &Error{File: name, Reason: "is protected by DRM (its chapters are encrypted); Dossier cannot read it"}
		}
		return nil, &Error{File: name, Reason: "has no readable text (its chapters are empty or images only)"}
	}
	return doc, nil
}

// rootFile is the package document's path, from META-INF/container.xml.
func rootFile(container []byte) (string, error) {
	d := newXMLDecoder(container)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", errors.New("META-INF/container.xml names no package document")
		}
		if err != nil {
			return "", fmt.Errorf("META-INF/container.xml is damaged (%v)", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rootfile" {
			for _, a := range se.Attr {
				if a.Name.Local == "full-path" && strings.TrimSpace(a.Value) != "" {
					return strings.TrimSpace(a.Value), nil
				}
			}
		}
	}
}

type opfItem struct{ href, mediaType, properties string }

type opfPackage struct {
	title, author, date, publisher string
	items                          map[string]opfItem
	spine                          []string
}

func readOPF(data []byte) (*opfPackage, error) {
	pkg := &opfPackage{items: map[string]opfItem{}}
	meta := map[xml.Name]*string{
		{Space: nsDC, Local: "title"}: &pkg.title, {Space: nsDC, Local: "creator"}: &pkg.author,
		{Space: nsDC, Local: "date"}: &pkg.date, {Space: nsDC, Local: "publisher"}: &pkg.publisher,
	}
	if err := xmlText(data, meta); err != nil {
		return nil, err
	}
	d := newXMLDecoder(data)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != nsOPF {
			continue
		}
		get := func(k string) string {
			for _, a := range se.Attr {
				if a.Name.Local == k && a.Name.Space == "" {
					return a.Value
				}
			}
			return ""
		}
		switch se.Name.Local {
		case "item":
			if id := get("id"); id != "" {
				pkg.items[id] = opfItem{href: get("href"), mediaType: strings.ToLower(get("media-type")), properties: get("properties")}
			}
		case "itemref":
			pkg.spine = append(pkg.spine, get("idref"))
		}
	}
	if len(pkg.spine) == 0 {
		return nil, errors.New("its spine lists no chapters")
	}
	return pkg, nil
}

// parseXHTML builds an HTML tree from a chapter's XHTML with an XML
// parser: the HTML parser misreads XHTML's self-closed elements (a
// "<title/>" would swallow the chapter as the title's text). Sloppy XHTML
// is read leniently (HTML's entities, unclosed void elements); a chapter
// that is not XML at all goes to the HTML parser.
//
// A chapter nesting deeper than maxDepth is refused as it is read, before
// its tree costs memory; one the HTML parser refuses is an error, never a
// chapter silently cut where the XML went wrong.
func parseXHTML(data []byte) (*html.Node, error) {
	d := newXMLDecoder(data)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &html.Node{Type: html.DocumentNode}
	cur := root
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return parseHTMLTree(data)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &html.Node{Type: html.ElementNode, Data: t.Name.Local, DataAtom: atom.Lookup([]byte(t.Name.Local))}
			if t.Name.Space != "" && t.Name.Space != nsXHTML {
				n.Namespace = t.Name.Space // SVG, MathML, epub:switch: dropped by clean
			}
			for _, a := range t.Attr {
				switch a.Name.Space {
				case "", nsXHTML:
					n.Attr = append(n.Attr, html.Attribute{Key: a.Name.Local, Val: a.Value})
				case nsOPS:
					n.Attr = append(n.Attr, html.Attribute{Key: "epub:" + a.Name.Local, Val: a.Value})
				}
			}
			cur.AppendChild(n)
			cur = n
			if depth++; depth > maxDepth {
				return nil, errTooDeep
			}
		case xml.EndElement:
			if cur.Parent != nil {
				cur = cur.Parent
				depth--
			}
		case xml.CharData:
			cur.AppendChild(&html.Node{Type: html.TextNode, Data: string(t)})
		}
	}
}

// noteAttr marks an element markNotes found to be a footnote.
const noteAttr = "data-dossier-note"

// markNotes finds the chapter's footnotes and endnotes (EPUB 3's
// epub:type) and makes each a plain, visible block marked with noteAttr:
// a book's notes are often asides, or hidden until their reference is
// tapped, which a web page's cleaning would drop with the sidebars.
func markNotes(root *html.Node) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && isNote(n) {
			n.DataAtom, n.Data = atom.Div, "div"
			kept := []html.Attribute{{Key: noteAttr}}
			for _, a := range n.Attr {
				if a.Key != "hidden" && a.Key != "aria-hidden" && a.Key != "style" && a.Key != "role" {
					kept = append(kept, a)
				}
			}
			n.Attr = kept
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
}

func isNote(n *html.Node) bool {
	v, _ := attr(n, "epub:type")
	if v == "" {
		v, _ = attr(n, "role") // DPUB-ARIA: doc-footnote, doc-endnote
	}
	for _, t := range strings.Fields(strings.ToLower(v)) {
		switch t {
		case "footnote", "endnote", "rearnote", "note", "doc-footnote", "doc-endnote":
			return true
		}
	}
	return false
}
