package ingest

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"

	"dossier/internal/wording"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
)

// pdfChar is one character PDFium found on a page: its box in points (y
// grows upwards, as in PDF) and its font size.
type pdfChar struct {
	r              rune
	x0, y0, x1, y1 float64
	size           float64
	space          bool // a space character came before it in the content
}

// pdfPage is one page's lines (see pageLines): its characters are grouped
// into lines as the page is read and not kept, since they take some fifty
// times the memory of the text they spell.
type pdfPage struct {
	width, height float64
	lines         []*pdfLine
	chars         int // how many characters PDFium found on it
}

// parsePDF reads a PDF's text layer page by page and rebuilds words, lines,
// columns and paragraphs from character boxes (see pdflayout.go): PDFium's
// own plain text drops the spaces of justified lines. Encrypted, image-only
// and damaged files are refused whole.
func parsePDF(name string, data []byte, page PageFunc) (*Document, error) {
	var pages []pdfPage
	var title, author string
	err := withPDFium(func(p pdfium.Pdfium) error {
		var err error
		pages, title, author, err = readPDF(p, data, page)
		return err
	})
	if err != nil {
		return nil, err
	}
	chars := 0
	for _, pg := range pages {
		chars += pg.chars
	}
	if chars == 0 {
		return nil, errors.New("this PDF has no text layer — OCR is not supported (it may hold scanned pages)")
	}
	doc := layoutPDF(pages)
	if len(doc.Passages) == 0 {
		return nil, errors.New("this PDF has no readable text — OCR is not supported")
	}
	doc.Format = "pdf"
	doc.Pages = len(pages)
	doc.Author = cleanInfo(author)
	if t := pdfTitle(title); t != "" {
		doc.Title = t
	} else if len(doc.Passages) > 0 {
		first := doc.Passages[0]
		if t := doc.Text[first.Start:first.End]; first.Footnote == 0 && len(t) <= 120 && !strings.HasSuffix(t, ".") {
			doc.Title = t
		}
	}
	return doc, nil
}

// readPDF opens the document and collects every page's lines and the info
// dictionary's title and author. A file whose pages hold more characters
// than MaxFileSize is refused as other formats are past that much text: one
// page object listed on 300,000 pages, each read anew, would hold millions.
func readPDF(p pdfium.Pdfium, data []byte, report PageFunc) (pages []pdfPage, title, author string, err error) {
	opened, err := p.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword):
			return nil, "", "", errors.New("is an encrypted (password-protected) PDF; Dossier cannot import it — save an unprotected copy first")
		case errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, "", "", errors.New("is a PDF protected by a security handler Dossier cannot open")
		}
		return nil, "", "", fmt.Errorf("is a PDF that is damaged and cannot be read (%s)", pdfiumReason(err))
	}
	doc := opened.Document
	defer p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc})

	if meta, err := p.GetMetaData(&requests.GetMetaData{Document: doc}); err == nil {
		for _, t := range meta.Tags {
			switch t.Tag {
			case "Title":
				title = t.Value
			case "Author":
				author = t.Value
			}
		}
	}
	count, err := p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc})
	if err != nil {
		return nil, "", "", fmt.Errorf("is a PDF that is damaged: its pages cannot be counted (%v)", err)
	}
	if count.PageCount <= 0 {
		return nil, "", "", errors.New("is a PDF with no pages")
	}
	budget := pdfTextBudget
	for i := 0; i < count.PageCount; i++ {
		page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc, Index: i}}
		size, err := p.GetPageSize(&requests.GetPageSize{Page: page})
		if err != nil {
			return nil, "", "", fmt.Errorf("is a PDF that is damaged: page %d cannot be read (%v)", i+1, err)
		}
		chars, err := pageChars(p, page, budget)
		if errors.Is(err, errPDFText) {
			return nil, "", "", err
		}
		if err != nil {
			return nil, "", "", fmt.Errorf("is a PDF that is damaged: the text of page %d cannot be read (%v)", i+1, err)
		}
		budget -= len(chars)
		pages = append(pages, pdfPage{width: size.Width, height: size.Height, lines: pageLines(chars), chars: len(chars)})
		report(i+1, count.PageCount)
	}
	return pages, title, author, nil
}

// pdfTitle is the info dictionary's title, unless it is a tool's
// placeholder rather than the document's title.
func pdfTitle(t string) string {
	t = cleanInfo(t)
	t = strings.TrimPrefix(t, "Microsoft Word - ")
	switch strings.ToLower(t) {
	case "untitled", "title", "document", "slide 1":
		return ""
	}
	if strings.HasSuffix(strings.ToLower(t), ".doc") || strings.HasSuffix(strings.ToLower(t), ".docx") {
		return ""
	}
	return t
}

func cleanInfo(s string) string { return normaliseBlock(s) }

// pdfTextBudget is how many characters Dossier reads from one PDF's pages
// (lowered by tests).
var pdfTextBudget = MaxFileSize

// errPDFText is a PDF past pdfTextBudget.
var errPDFText = fmt.Errorf("holds more than %s of text, more than Dossier imports from one file", wording.Bytes(MaxFileSize))

// pageChars reads a page's characters with their loose boxes (the glyph's
// advance and the font's height, as poppler uses, not the ink: a colon's
// side bearing is no word gap) and font sizes; more than budget of them is
// errPDFText.
func pageChars(p pdfium.Pdfium, page requests.Page, budget int) ([]pdfChar, error) {
	var chars []pdfChar
	tp, err := p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return nil, err
	}
	defer p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, err
	}
	space, spaceX0, spaceX1 := false, 0.0, 0.0
	for i := 0; i < n.Count; i++ {
		u, err := p.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		r := rune(u.Unicode)
		if r == 2 {
			// PDFium's mark for a hyphen that breaks a word at a line end.
			r = '\u00ad'
		}
		if unicode.IsSpace(r) {
			// A space in the content parts words where it lies between
			// two letters (PDFium's own spaces, put at gaps it guesses,
			// and spaces it files out of place do not: they split kerned
			// words); a missing one is found from the boxes.
			g, err := p.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i})
			if err != nil {
				return nil, err
			}
			if !g.IsGenerated {
				b, err := p.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
				if err != nil {
					return nil, err
				}
				space, spaceX0, spaceX1 = true, float64(min(b.Rect.Left, b.Rect.Right)), float64(max(b.Rect.Left, b.Rect.Right))
			}
			continue
		}
		if r == 0 || r > unicode.MaxRune || unicode.IsControl(r) || r == 0xfffe || r == 0xfffd {
			continue
		}
		box, err := p.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		fs, err := p.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return nil, err
		}
		b := box.Rect
		ch := pdfChar{r: r, x0: float64(b.Left), x1: float64(b.Right), y0: float64(b.Bottom), y1: float64(b.Top), size: fs.FontSize, space: space}
		space = false
		if ch.y0 > ch.y1 {
			ch.y0, ch.y1 = ch.y1, ch.y0
		}
		if ch.x0 > ch.x1 {
			ch.x0, ch.x1 = ch.x1, ch.x0
		}
		if ch.space && len(chars) > 0 {
			prev := chars[len(chars)-1]
			// (not one drawn over the next letter: a kerning trick)
			ch.space = spaceX0 >= prev.x0-0.5 && spaceX1 <= ch.x0+0.5
		}
		if ch.size <= 0 || ch.size > 2000 || math.IsNaN(ch.size) {
			ch.size = max(ch.y1-ch.y0, 1)
		}
		if len(chars) >= budget {
			return nil, errPDFText
		}
		chars = append(chars, ch)
	}
	return chars, nil
}

// pdfiumReason is PDFium's error without its code ("3: incorrect format"
// → "incorrect format").
func pdfiumReason(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); i > 0 && i < 4 {
		s = s[i+2:]
	}
	return s
}
