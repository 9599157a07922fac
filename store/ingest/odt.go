package ingest

import (
	"encoding/xml"
	"errors"
)

// OpenDocument namespaces.
const (
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsMeta   = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
)

// parseODT reads an OpenDocument text (.odt, LibreOffice's own format) as
// parseDOCX reads Word's: paragraphs, headings (text:h), list items and
// table rows from content.xml; title and author from meta.xml. Footnotes,
// comments, tracked deletions and generated indexes (a table of contents)
// are left out.
func parseODT(name string, data []byte) (*Document, error) {
	fail := func(err error) error {
		return &Error{File: name, Reason: "is not a valid OpenDocument text: " + errText(err)}
	}
	z, err := openZip(data)
	if err != nil {
		return nil, fail(err)
	}
	content, err := z.open("content.xml")
	if err != nil {
		return nil, fail(err)
	}
	defer content.Close()
	var title, author, initial string
	if meta, err := z.read("meta.xml"); err == nil {
		_ = xmlText(meta, map[xml.Name]*string{{Space: nsDC, Local: "title"}: &title,
			{Space: nsDC, Local: "creator"}: &author, {Space: nsMeta, Local: "initial-creator"}: &initial})
	} else if !errors.Is(err, errMissing) {
		return nil, fail(err)
	}
	if author == "" {
		author = initial
	}
	// Automatic styles (P1, P2, …) name the style they derive from: a
	// paragraph styled "P3" may be a Title.
	parents := map[string]string{}
	var titleStyled, firstHead string
	r := &xmlBlocks{anyText: true}
	r.classify = func(r *xmlBlocks, se xml.StartElement) xmlAction {
		switch se.Name {
		case xml.Name{Space: nsText, Local: "p"}, xml.Name{Space: nsText, Local: "h"}:
			return xmlPara
		case xml.Name{Space: nsText, Local: "list-item"}, xml.Name{Space: nsText, Local: "list-header"}:
			return xmlItem
		case xml.Name{Space: nsText, Local: "s"}, xml.Name{Space: nsText, Local: "tab"}, xml.Name{Space: nsText, Local: "line-break"}:
			r.write(" ")
		case xml.Name{Space: nsTable, Local: "table-cell"}:
			return xmlCell
		case xml.Name{Space: nsTable, Local: "table-row"}:
			return xmlRow
		case xml.Name{Space: nsTable, Local: "covered-table-cell"},
			xml.Name{Space: nsText, Local: "note"}, xml.Name{Space: nsText, Local: "tracked-changes"},
			xml.Name{Space: nsText, Local: "table-of-content"}, xml.Name{Space: nsText, Local: "alphabetical-index"},
			xml.Name{Space: nsText, Local: "illustration-index"}, xml.Name{Space: nsText, Local: "bibliography"},
			xml.Name{Space: nsText, Local: "sequence-decls"}, xml.Name{Space: nsOffice, Local: "annotation"},
			xml.Name{Space: nsText, Local: "hidden-text"}, xml.Name{Space: nsText, Local: "hidden-paragraph"},
			xml.Name{Space: nsOffice, Local: "scripts"}, xml.Name{Space: nsOffice, Local: "forms"}:
			return xmlSkip
		case xml.Name{Space: nsStyle, Local: "style"}:
			parents[odfAttr(se, nsStyle, "name")] = odfAttr(se, nsStyle, "parent-style-name")
		}
		return xmlPass
	}
	r.emit = func(f *xmlFrame, text string) {
		style := odfAttr(f.start, nsText, "style-name")
		if p, ok := parents[style]; ok && p != "" {
			style = p
		}
		heading := f.start.Name.Local == "h"
		if isTitleName(style) {
			if titleStyled == "" {
				titleStyled = text
				r.w.write(text)
				return
			}
			heading = true
		}
		if heading && firstHead == "" {
			firstHead = text
		}
		if f.list && !heading {
			text = "• " + text
		}
		r.w.add(text, heading)
	}
	if err := r.run(newXMLStreamDecoder(content)); errors.Is(err, errBomb) {
		return nil, fail(err)
	} else if err != nil {
		return nil, fail(errors.New("content.xml is damaged (" + err.Error() + ")"))
	}
	doc := r.w.document("odt")
	doc.Title, doc.Author = title, author
	for _, t := range []string{titleStyled, firstHead} {
		if doc.Title == "" {
			doc.Title = t
		}
	}
	if len(doc.Passages) == 0 {
		return nil, &Error{File: name, Reason: "has no readable text (an empty document, or one of images only)"}
	}
	return doc, nil
}

func odfAttr(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
