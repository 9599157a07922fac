package ingest

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// Formats sniffFormat reports.
const (
	FormatText   = "text"
	FormatHTML   = "html"
	FormatPDF    = "pdf"
	FormatDOCX   = "docx"
	FormatODT    = "odt"
	FormatEPUB   = "epub"
	FormatZip    = "zip"    // a zip archive of no format Dossier reads (xlsx, pptx, …)
	FormatBinary = "binary" // anything else that is not text
)

// sniffFormat tells a file's format by its content, not its name: zip
// archives by their members (word/document.xml for Word; the mimetype
// member for EPUB and ODT), PDF by its %PDF- header (which readers accept
// anywhere in the first kilobyte), HTML by a doctype or <html> tag at the
// start; otherwise text when it decodes (see decodeTextFile) and does not
// look binary.
func sniffFormat(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return sniffZip(data)
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF
	}
	if looksHTML(data) {
		return FormatHTML
	}
	text, enc, err := decodeTextFile(data)
	if err != nil || looksBinary([]byte(text)) {
		return FormatBinary
	}
	if (enc == EncUTF16LE || enc == EncUTF16BE) && looksHTML([]byte(text)) {
		return FormatHTML // a page saved as UTF-16 (parseHTML reads its BOM)
	}
	return FormatText
}

// sniffZip names a zip archive's format from its member list.
func sniffZip(data []byte) string {
	if zipHeaders(data) > maxZipEntries {
		return FormatBinary // too many entries to list: a reader named by the extension says so
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxZipEntries {
		return FormatBinary
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return FormatDOCX
		case "mimetype":
			rc, err := f.Open()
			if err != nil {
				continue
			}
			m, _ := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			switch string(bytes.TrimSpace(m)) {
			case "application/epub+zip":
				return FormatEPUB
			case "application/vnd.oasis.opendocument.text":
				return FormatODT
			}
		}
	}
	return FormatZip
}

// looksHTML reports a page that opens (after a byte-order mark, white
// space, an XML declaration and comments) with a doctype naming HTML or an
// <html> tag.
func looksHTML(data []byte) bool {
	s := data
	if len(s) > 4096 {
		s = s[:4096]
	}
	s = bytes.TrimPrefix(s, []byte("\xef\xbb\xbf"))
	for {
		s = bytes.TrimLeft(s, " \t\r\n\f")
		lower := bytes.ToLower(s[:min(len(s), 16)])
		switch {
		case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")) &&
			(len(lower) == 5 || strings.IndexByte(" \t\r\n\f>", lower[5]) >= 0):
			return true
		case bytes.HasPrefix(s, []byte("<?xml")):
			end := bytes.Index(s, []byte("?>"))
			if end < 0 {
				return false
			}
			s = s[end+2:]
		case bytes.HasPrefix(s, []byte("<!--")):
			end := bytes.Index(s[4:], []byte("-->"))
			if end < 0 {
				return false
			}
			s = s[4+end+3:]
		default:
			return false
		}
	}
}
