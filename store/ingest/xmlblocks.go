package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// This file is the block reader shared by the word-processor formats
// (DOCX, ODT): both are a stream of paragraphs, table rows and cells in
// XML, differing only in element names, which a format's classify maps to
// actions. No recursion: a file nesting deeply costs memory, not stack.

// maxXMLDepth is the deepest element nesting read in a word-processor
// file. Word nests a paragraph a dozen deep (tables in tables, text
// boxes); a file nesting thousands deep is not a document.
const maxXMLDepth = 1024

type xmlAction int

const (
	xmlPass xmlAction = iota // an element read through
	xmlSkip                  // dropped with its content
	xmlPara                  // a paragraph (or heading)
	xmlCell                  // a table cell
	xmlRow                   // a table row: one passage, cells joined by " | "
	xmlRun                   // character data inside is text (DOCX's w:t)
	xmlItem                  // a list item: its first paragraph gets a bullet
	xmlSpan                  // a run of text that may be hidden (DOCX's w:r)
)

type xmlFrame struct {
	kind    xmlAction
	text    strings.Builder
	cells   []string
	style   string
	list    bool // a list item's paragraph
	outline int  // a DOCX outline level + 1 (0: body text)
	pending bool // a list item whose bullet is not yet given
	hidden  bool // a run formatted as hidden text
	start   xml.StartElement
}

type xmlBlocks struct {
	// classify maps an element to an action; it may set properties of the
	// paragraph being read (r.para()) or write to it (a tab).
	classify func(r *xmlBlocks, se xml.StartElement) xmlAction
	// anyText: character data anywhere in a paragraph is text (ODT);
	// otherwise only inside xmlRun elements (DOCX).
	anyText bool
	// emit writes a finished paragraph, given its normalised text.
	emit   func(f *xmlFrame, text string)
	stack  []*xmlFrame
	inText int
	w      blockWriter
}

// nearest is the innermost open frame of one of the kinds, below skip
// frames from the top.
func (r *xmlBlocks) nearest(skip int, kinds ...xmlAction) *xmlFrame {
	for i := len(r.stack) - 1 - skip; i >= 0; i-- {
		for _, k := range kinds {
			if r.stack[i].kind == k {
				return r.stack[i]
			}
		}
	}
	return nil
}

// para is the paragraph being read, or nil.
func (r *xmlBlocks) para() *xmlFrame { return r.nearest(0, xmlPara) }

// hidden reports text inside a run formatted as hidden.
func (r *xmlBlocks) hidden() bool {
	s := r.nearest(0, xmlSpan)
	return s != nil && s.hidden
}

// write adds text to the paragraph being read.
func (r *xmlBlocks) write(s string) {
	if p := r.para(); p != nil {
		p.text.WriteString(s)
	}
}

func (r *xmlBlocks) run(d *xml.Decoder) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			act := r.classify(r, t)
			if act == xmlSkip {
				if err := d.Skip(); err != nil {
					return err
				}
				continue
			}
			f := &xmlFrame{kind: act}
			switch act {
			case xmlRun:
				r.inText++
			case xmlItem:
				f.pending = true
			case xmlPara:
				if item := r.nearest(0, xmlItem); item != nil && item.pending {
					f.list, item.pending = true, false
				}
			}
			f.start = t
			r.stack = append(r.stack, f)
			// Every token looks through the open elements (nearest): a
			// file nesting without end would take quadratic time.
			if len(r.stack) > maxXMLDepth {
				return fmt.Errorf("its elements nest more than %d deep", maxXMLDepth)
			}
		case xml.CharData:
			if (r.inText > 0 || r.anyText) && !r.hidden() {
				r.write(string(t))
			}
		case xml.EndElement:
			if len(r.stack) == 0 {
				continue
			}
			f := r.stack[len(r.stack)-1]
			r.stack = r.stack[:len(r.stack)-1]
			r.end(f)
			// Past the paragraph or text cap the file is refused: reading
			// on only cost time (a 594 KB Word file of six million
			// paragraphs took some 11 s of CPU more before it was refused).
			if r.w.tooMany || r.w.over {
				return nil
			}
		}
	}
}

// end finishes a frame: a paragraph goes to its cell or is written; a cell
// to its row; a row to its enclosing cell (a nested table) or is written.
func (r *xmlBlocks) end(f *xmlFrame) {
	switch f.kind {
	case xmlRun:
		r.inText--
	case xmlPara:
		text := normaliseBlock(f.text.String())
		if text == "" {
			return
		}
		if c := r.nearest(0, xmlCell, xmlPara); c != nil && c.kind == xmlCell {
			c.text.WriteString(text + " ")
			return
		}
		r.emit(f, text) // a text box's paragraph inside another is its own
	case xmlCell:
		if row := r.nearest(0, xmlRow); row != nil {
			if text := normaliseBlock(f.text.String()); text != "" {
				row.cells = append(row.cells, text)
			}
		}
	case xmlRow:
		text := strings.Join(f.cells, " | ")
		if text == "" {
			return
		}
		if c := r.nearest(0, xmlCell); c != nil {
			c.text.WriteString(text + " ")
			return
		}
		r.w.add(text, false)
	}
}
