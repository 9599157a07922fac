package ingest

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Word footnotes: word/footnotes.xml holds their text by id; the body
// refers to them (w:footnoteReference) in reading order, which is how Word
// numbers them. The reference becomes "[n]" in the running text and each
// footnote a passage of its own after the body, "[n] text", marked with
// its number (Span.Footnote), so it ranks below body text as the plain
// text reader's footnotes do.

// wordNotes are a document's footnotes and the order they are cited in.
type wordNotes struct {
	text map[string]string // by w:id
	refs []string          // ids, in order of first reference
	num  map[string]int
}

// readWordNotes reads footnotes.xml; a damaged part only costs the notes
// read so far.
func readWordNotes(data []byte) *wordNotes {
	n := &wordNotes{text: map[string]string{}, num: map[string]int{}}
	d := newXMLDecoder(data)
	id := ""
	var b strings.Builder
	inText, hidden := false, false
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "footnote":
				switch wAttr(t, "type") {
				case "", "normal":
					id = wAttr(t, "id")
					b.Reset()
				default: // separators and continuation notices are rules, not notes
					id = ""
				}
			case "t":
				inText = true
			case "r":
				hidden = false
			case "vanish": // a run formatted as hidden text, as in the body
				if v := wAttr(t, "val"); v != "false" && v != "0" && v != "off" {
					hidden = true
				}
			case "tab", "br", "cr", "ptab":
				b.WriteByte(' ')
			case "noBreakHyphen": // as in the body: "co-operate", not "cooperate"
				b.WriteByte('-')
			case "del", "moveFrom":
				if err := d.Skip(); err != nil {
					return n
				}
			}
		case xml.EndElement:
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				hidden = false
			case "p":
				b.WriteByte(' ')
			case "footnote":
				if text := normaliseBlock(b.String()); id != "" && text != "" {
					n.text[id] = text
				}
				id = ""
			}
		case xml.CharData:
			if inText && id != "" && !hidden {
				b.Write(t)
			}
		}
	}
}

// cite numbers a reference to footnote id and returns the mark to write
// in the text ("" for a note the document does not hold).
func (n *wordNotes) cite(id string) string {
	if n == nil || n.text[id] == "" {
		return ""
	}
	num, ok := n.num[id]
	if !ok {
		n.refs = append(n.refs, id)
		num = len(n.refs)
		n.num[id] = num
	}
	return "[" + strconv.Itoa(num) + "]"
}

// write appends the cited footnotes as footnote passages.
func (n *wordNotes) write(w *blockWriter) {
	if n == nil {
		return
	}
	for i, id := range n.refs {
		num := strconv.Itoa(i + 1)
		if w.add("["+num+"] "+n.text[id], false) {
			w.spans[len(w.spans)-1].Footnote = i + 1
		}
	}
}
