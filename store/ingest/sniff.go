package ingest

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// Formats sniffMarked (and, for tests, sniffFormat) reports.
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

// sniffMarked tells a file's format by its content, not its name, for the
// formats that announce themselves: zip archives by their members
// (word/document.xml for Word; the mimetype member for EPUB and ODT), PDF by
// its %PDF- header (which readers accept anywhere in the first kilobyte),
// HTML by a doctype or <html> tag at the start. It returns "" for any other
// content, without decoding the whole file: text and binary are told apart
// by the text reader, which decodes it anyway.
func sniffMarked(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		if kind := sniffZip(data); kind != FormatBinary {
			return kind
		}
		return "" // a damaged archive: its name's reader says what is wrong
	}
	head := data[:min(len(data), 4096)]
	if bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")) {
		return FormatPDF
	}
	if looksHTML(head) {
		return FormatHTML
	}
	// A page saved as UTF-16 (parseHTML reads its BOM): its head decoded.
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		if text, err := decodeUTF16(head[2:len(head)&^1], head[0] == 0xfe); err == nil && looksHTML([]byte(text)) {
			return FormatHTML
		}
	}
	return ""
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
