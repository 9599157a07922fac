package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeTextFile(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		text string
		enc  string
	}{
		{"UTF-8", []byte("caf\u00e9\r\nline"), "caf\u00e9\r\nline", EncUTF8},
		{"UTF-8 BOM", []byte("\xef\xbb\xbfna\u00efve"), "na\u00efve", EncUTF8BOM},
		{"UTF-16 LE", []byte{0xff, 0xfe, 'Z', 0, 0xfc, 0, 0x3d, 0xd8, 0x00, 0xde, '\n', 0}, "Z\u00fc\U0001F600\n", EncUTF16LE},
		{"UTF-16 BE", []byte{0xfe, 0xff, 0, 'Z', 0x65, 0xe5, 0, '\n'}, "Z\u65e5\n", EncUTF16BE},
		{"Windows-1252", []byte("\x93Quoted\x94 caf\xe9 \x96 \x80" + "5"), "\u201cQuoted\u201d caf\u00e9 \u2013 \u20ac5", EncWindows1252},
		{"Latin-1", []byte("Gr\xfc\xdfe aus K\xf6ln \xa9"), "Gr\u00fc\u00dfe aus K\u00f6ln \u00a9", EncLatin1},
		{"empty", nil, "", EncUTF8},
	} {
		text, enc, err := decodeTextFile(c.in)
		if err != nil || text != c.text || enc != c.enc {
			t.Errorf("%s: got %q %q %v, want %q %q", c.name, text, enc, err, c.text, c.enc)
		}
	}
}

func TestDecodeTextFileRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"bad UTF-8 after BOM", []byte("\xef\xbb\xbfok\xff"), "not valid UTF-8 (first bad byte at offset 5)"},
		{"odd UTF-16", []byte{0xff, 0xfe, 'a', 0, 'b'}, "odd number of bytes"},
		{"lone surrogate", []byte{0xff, 0xfe, 'a', 0, 0x3d, 0xd8, 'b', 0}, "unpaired surrogate at offset 4"},
		{"lone low surrogate", []byte{0xfe, 0xff, 0xde, 0x00}, "unpaired surrogate at offset 2"},
		{"undefined in Windows-1252", []byte("abc\x81def\xe9"), "byte 0x81 at offset 3"},
	} {
		text, _, err := decodeTextFile(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %q, %v; want an error with %q", c.name, text, err, c.want)
		}
	}
}

func TestSniffFormat(t *testing.T) {
	utf16 := []byte{0xff, 0xfe, 'h', 0, 'i', 0}
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"docx", docxFixture(t, true), FormatDOCX},
		{"epub", epubFixture(t), FormatEPUB},
		{"other zip", makeZip(t, member{name: "xl/workbook.xml", body: "<w/>"}), FormatZip},
		{"damaged zip", []byte("PK\x03\x04garbage"), FormatBinary},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), FormatPDF},
		{"pdf after junk", append([]byte("\x00\x01junk\n"), "%PDF-1.4"...), FormatPDF},
		{"html doctype", []byte("\n  <!DOCTYPE html><p>x"), FormatHTML},
		{"html tag", []byte("\xef\xbb\xbf<HTML lang=en><body>x"), FormatHTML},
		{"xhtml", []byte(`<?xml version="1.0"?>` + "\n<!-- saved -->\n" + `<html xmlns="http://www.w3.org/1999/xhtml">`), FormatHTML},
		{"markdown about html", []byte("# Notes\n\nUse <html> at the top.\n"), FormatText},
		{"<htmlx> is not html", []byte("<htmlx>"), FormatText},
		{"text", []byte("Plain notes.\n"), FormatText},
		{"latin-1 text", []byte("caf\xe9\n"), FormatText},
		{"utf-16 text", utf16, FormatText},
		{"utf-16 html", []byte{0xfe, 0xff, 0, '<', 0, 'h', 0, 't', 0, 'm', 0, 'l', 0, '>'}, FormatHTML},
		{"binary", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), FormatBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), FormatBinary},
	} {
		if got := sniffFormat(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// Every fixture's decode is valid UTF-8 and keeps U+FFFD only where the
// input had it.
func TestDecodeTextFileNoReplacement(t *testing.T) {
	text, enc, err := decodeTextFile([]byte("\xef\xbf\xbd\xff"))
	if err != nil || enc != EncLatin1 || !utf8.ValidString(text) || strings.ContainsRune(text, utf8.RuneError) {
		t.Fatalf("%q %q %v", text, enc, err)
	}
}

// sniffFormat is sniffMarked, with the rest told apart as text (when it
// decodes, see decodeTextFile, and does not look binary) or binary; for
// tests. As sniffMarked, it tells a file's format by its content: zip
// archives by their members (word/document.xml for Word; the mimetype
// member for EPUB and ODT), PDF by its %PDF- header (which readers accept
// anywhere in the first kilobyte), HTML by a doctype or <html> tag at the
// start; otherwise text when it decodes (see decodeTextFile) and does not
// look binary.
func sniffFormat(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return sniffZip(data)
	}
	if kind := sniffMarked(data); kind != "" {
		return kind
	}
	text, _, err := decodeTextFile(data)
	if err != nil || looksBinary([]byte(text)) {
		return FormatBinary
	}
	return FormatText
}
