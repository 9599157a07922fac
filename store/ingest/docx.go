package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
)

// Namespaces of WordprocessingML (transitional and strict), markup
// compatibility, and the document properties.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// parseDOCX reads a Word document (.docx): paragraphs, headings (the
// Heading 1…9 and Title styles, or an outline level), list items (with a
// bullet, as Markdown's) and table rows as passages; the title and author
// from the document properties (docProps/core.xml), else the first
// Title-styled paragraph or heading. Left out: tracked deletions, field
// codes, hidden text and the fallback copies of text boxes (not text the
// reader sees),
// and a table of contents (it repeats the headings). Footnotes follow the
// body as footnote passages (see docxnotes.go); endnotes and comments are
// not read.
func parseDOCX(name string, data []byte) (*Document, error) {
	fail := func(err error) error {
		return &Error{File: name, Reason: "is not a valid Word document: " + errText(err)}
	}
	if bytes.HasPrefix(data, oleMagic) {
		// Word saves a password-protected .docx inside an OLE compound
		// file, the container of the old .doc format too.
		return nil, &Error{File: name, Reason: "is a password-protected Word file or an old-style .doc; Dossier reads unprotected .docx files (remove the password, or save it as .docx)"}
	}
	z, err := openZip(data)
	if err != nil {
		return nil, fail(err)
	}
	body, err := z.open("word/document.xml")
	if err != nil {
		return nil, fail(err)
	}
	defer body.Close()
	styles := map[string]wordStyle{}
	if s, err := z.read("word/styles.xml"); err == nil {
		styles = readWordStyles(s)
	} else if !errors.Is(err, errMissing) {
		return nil, fail(err)
	}
	doc := &Document{Format: "docx"}
	if core, err := z.read("docProps/core.xml"); err == nil {
		// Damaged properties only cost the metadata, not the document.
		_ = xmlText(core, map[xml.Name]*string{{Space: nsDC, Local: "title"}: &doc.Title, {Space: nsDC, Local: "creator"}: &doc.Author})
	} else if !errors.Is(err, errMissing) {
		return nil, fail(err)
	}

	var notes *wordNotes
	if fn, err := z.read("word/footnotes.xml"); err == nil {
		notes = readWordNotes(fn)
	} else if !errors.Is(err, errMissing) {
		return nil, fail(err)
	}

	var titleStyled, firstHead string
	r := &xmlBlocks{classify: func(r *xmlBlocks, se xml.StartElement) xmlAction {
		if isW(se.Name) && se.Name.Local == "footnoteReference" && !r.hidden() {
			mark := notes.cite(wAttr(se, "id"))
			if v := wAttr(se, "customMarkFollows"); v != "1" && v != "true" && v != "on" {
				r.write(mark) // else the author's own mark ("*") follows as text
			}
		}
		return classifyDOCX(r, se)
	}}
	r.emit = func(f *xmlFrame, text string) {
		st := styles[f.style]
		if isTOCName(f.style) || isTOCName(st.name) {
			return // a table of contents repeats the headings, with page numbers
		}
		heading := f.outline > 0 || st.outline > 0 || isHeadingName(f.style) || isHeadingName(st.name)
		if isTitleName(f.style) || isTitleName(st.name) {
			if titleStyled == "" {
				titleStyled = text
				r.w.write(text) // the title stays in the text, as in Markdown, not as a passage
				return
			}
			heading = true
		}
		if heading && firstHead == "" {
			firstHead = text
		}
		if (f.list || st.list) && !heading {
			text = "• " + text
		}
		r.w.add(text, heading)
	}
	if err := r.run(newXMLStreamDecoder(body)); errors.Is(err, errBomb) {
		return nil, fail(err)
	} else if err != nil {
		return nil, fail(errors.New("word/document.xml is damaged (" + err.Error() + ")"))
	}
	notes.write(&r.w)
	out := r.w.document("docx")
	out.Title, out.Author = doc.Title, doc.Author
	if out.Title == "" {
		out.Title = titleStyled
	}
	if out.Title == "" {
		out.Title = firstHead
	}
	if len(out.Passages) == 0 {
		return nil, &Error{File: name, Reason: "has no readable text (an empty document, or one of images only)"}
	}
	return out, nil
}

// oleMagic opens an OLE compound file (.doc, .xls, encrypted Office files).
var oleMagic = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

func wAttr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || isW(a.Name)) {
			return a.Value
		}
	}
	return ""
}

func classifyDOCX(r *xmlBlocks, se xml.StartElement) xmlAction {
	if se.Name.Space == nsMC && se.Name.Local == "Fallback" {
		return xmlSkip // a copy of the Choice before it (text boxes for old Word)
	}
	if !isW(se.Name) {
		return xmlPass
	}
	switch se.Name.Local {
	case "p":
		return xmlPara
	case "t":
		return xmlRun
	case "r":
		return xmlSpan
	case "vanish":
		// Hidden text, unless switched off (w:val="false" or "0").
		if v := wAttr(se, "val"); v != "false" && v != "0" && v != "off" {
			if s := r.nearest(0, xmlSpan); s != nil && r.nearest(0, xmlSpan, xmlPara).kind == xmlSpan {
				s.hidden = true
			}
		}
	case "tc":
		return xmlCell
	case "tr":
		return xmlRow
	case "tab", "br", "cr", "ptab":
		r.write(" ")
	case "noBreakHyphen":
		r.write("-")
	case "moveFrom", "del", "rPrChange", "pPrChange":
		return xmlSkip // tracked changes: what was moved away or deleted
	case "pStyle":
		if p := r.para(); p != nil {
			p.style = wAttr(se, "val")
		}
	case "numPr":
		if p := r.para(); p != nil {
			p.list = true
		}
	case "outlineLvl":
		if p := r.para(); p != nil {
			if n, err := strconv.Atoi(wAttr(se, "val")); err == nil && n >= 0 && n < 9 {
				p.outline = n + 1
			}
		}
	}
	return xmlPass
}

// wordStyle is what matters of a paragraph style.
type wordStyle struct {
	name    string
	outline int // outline level + 1, 0 for body text
	list    bool
}

// readWordStyles maps style ids to their names, outline levels and
// numbering (a list style). A damaged styles part only costs the headings.
func readWordStyles(data []byte) map[string]wordStyle {
	out := map[string]wordStyle{}
	d := newXMLDecoder(data)
	var id string
	var cur wordStyle
	for {
		tok, err := d.Token()
		if err != nil { // the end, or damage: the styles read so far stand
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "style":
				id, cur = wAttr(t, "styleId"), wordStyle{}
			case "name":
				cur.name = wAttr(t, "val")
			case "outlineLvl":
				if n, err := strconv.Atoi(wAttr(t, "val")); err == nil && n >= 0 && n < 9 {
					cur.outline = n + 1
				}
			case "numPr":
				cur.list = true
			}
		case xml.EndElement:
			if isW(t.Name) && t.Name.Local == "style" && id != "" {
				out[id] = cur
				id = ""
			}
		}
	}
}

// isHeadingName: "heading 1" (a style's name) or "Heading1" (its id).
func isHeadingName(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	if !strings.HasPrefix(s, "heading") {
		return false
	}
	n, err := strconv.Atoi(s[len("heading"):])
	return err == nil && n >= 1 && n <= 9
}

// isTOCName: a table of contents' styles ("toc 1", "TOC1", "TOC Heading").
func isTOCName(s string) bool { return strings.HasPrefix(strings.ToLower(s), "toc") }

func isTitleName(s string) bool { return strings.EqualFold(s, "title") }
