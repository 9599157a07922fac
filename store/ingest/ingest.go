// Package ingest turns a file's bytes into a Document: normalised text,
// metadata and passage spans. Each file format is one small Format (see
// formats.go); the rest of the pipeline (validation, segmentation) is shared.
package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/wording"
)

// MaxFileSize is the largest file Dossier imports (documented in the README).
const MaxFileSize = 64 << 20

// MaxPassages is the most passages Dossier makes of one file. Prose of
// MaxFileSize makes a few hundred thousand; a file of millions of
// one-letter lines, each read as a paragraph, took 1.4 GB to read for
// 8 MB (a hostile pass), and would have taken the store as much again.
const MaxPassages = 1_000_000

// tooManyPassages is the reason a file past MaxPassages is refused.
var tooManyPassages = fmt.Sprintf("has more than %s paragraphs, more than Dossier imports from one file; split it into smaller files", wording.Thousands(MaxPassages))

// Document is a parsed file, ready to store. Passage spans are byte offsets
// into Text, so Text[p.Start:p.End] is the passage text exactly.
type Document struct {
	Title       string
	Source      string // outlet or publisher
	Author      string
	Published   string
	URL         string
	FileName    string
	PhotoCredit string
	Format      string
	Encoding    string // a text file's encoding when it was not UTF-8 ("Windows-1252"), for the import summary
	Text        string
	Hash        string // sha256 of Text (or of the source, for Markdown), hex; identical content imports once
	Pages       int    // a paged format's page count (PDF); 0 for unpaged text
	Passages    []Span
	overflow    bool // the reader stopped at MaxFileSize of text
	tooMany     bool // the reader stopped at MaxPassages
}

// Span is a passage's byte range in Document.Text. Heading marks a section
// heading (from Markdown), which the reader sets apart; Footnote is a
// footnote's number (0 for body text), which ranks below body text; Page is
// the page the passage starts on in a paged format (1-based; 0 when the
// format has no pages).
type Span struct {
	Start, End int
	Heading    bool
	Footnote   int
	Page       int
}

// Error is an import failure for one file, naming the file and the reason.
type Error struct {
	File   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.File, e.Reason) }

// ReadFile reads and parses a file from disk: a regular file (links are
// followed) of at most MaxFileSize bytes; see ReadRegular.
func ReadFile(path string) (*Document, error) { return ReadFilePages(path, nil) }

// ReadFilePages is ReadFile that reports a paged file's pages as they are
// read (page may be nil).
func ReadFilePages(path string, page PageFunc) (*Document, error) {
	data, err := ReadRegular(path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	doc, err := ParsePages(filepath.Base(path), data, page)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.File = path
		}
		return nil, err
	}
	return doc, nil
}

// maxReasonLen bounds the reason a file is refused, in characters.
const maxReasonLen = 400

// Parse picks the format for data (by content, then by name's extension)
// and has it read the document.
func Parse(name string, data []byte) (*Document, error) { return ParsePages(name, data, nil) }

// ParsePages is Parse that reports a paged file's pages as they are read
// (page may be nil).
func ParsePages(name string, data []byte, page PageFunc) (*Document, error) {
	// A reason may quote the file (an XML error quotes a bad entity or
	// tag name, an EPUB a member's path): bounded, so a hostile file
	// cannot write a megabyte line into the summary.
	fail := func(reason string) error { return &Error{File: name, Reason: clipLine(reason, maxReasonLen)} }
	if len(data) > MaxFileSize {
		return nil, fail(tooLarge(int64(len(data))))
	}
	if len(data) == 0 {
		return nil, fail("the file is empty")
	}
	f, why := formatFor(name, data)
	if why != "" {
		return nil, fail(why)
	}
	doc, err := readGuarded(f, name, data, page)
	if err != nil {
		// A reader's own *Error already names the file: its reason alone,
		// or the summary would say "a.epub: a.epub: …".
		var named *Error
		if errors.As(err, &named) {
			return nil, fail(named.Reason)
		}
		return nil, fail(err.Error())
	}
	if doc.overflow || len(doc.Text) > MaxFileSize {
		return nil, fail(fmt.Sprintf("holds more than %s of text, more than Dossier imports from one file", wording.Bytes(MaxFileSize)))
	}
	if len(doc.Passages) == 0 {
		return nil, fail("has no readable paragraphs")
	}
	if doc.tooMany || len(doc.Passages) > MaxPassages {
		return nil, fail(tooManyPassages)
	}
	doc.FileName = name
	clipMetadata(doc)
	// A title of invisible characters alone (a first line of zero-width
	// spaces, an HTML <title> of direction marks) is none, as a pasted
	// one is: imported, the library showed a blank row, and a file named
	// "\u200b.txt" an empty title (a hostile data pass). So is such an
	// author or source.
	for _, v := range []*string{&doc.Author, &doc.Source, &doc.Published} {
		if wording.Blank(*v) {
			*v = ""
		}
	}
	if wording.Blank(doc.Title) {
		doc.Title = clipLine(normaliseBlock(titleFromFileName(name)), MaxMetaLen)
	}
	if doc.Hash == "" { // a reader may hash its source instead
		sum := sha256.Sum256([]byte(doc.Text))
		doc.Hash = hex.EncodeToString(sum[:])
	}
	return doc, nil
}

// readGuarded runs a format's reader. The readers lean on third-party
// parsers (x/net/html, go-readability, archive/zip) fed whatever a file
// holds: should one panic on a file nobody foresaw, that file fails alone
// with a reason, instead of the import — or the window — going down.
func readGuarded(f Format, name string, data []byte, page PageFunc) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("could not be read as %s: Dossier's reader failed on it (%v); please report this file", f.Name, r)
		}
	}()
	if f.ReadPages != nil {
		if page == nil {
			page = func(int, int) {}
		}
		return f.ReadPages(name, data, page)
	}
	return f.Read(name, data)
}

// textReader makes a Format's Read of a parser of text: it checks that the
// bytes are text (UTF-8, not binary, not blank) and normalises line ends
// before parse sees them.
func textReader(parse func(name, text string) (*Document, error)) func(string, []byte) (*Document, error) {
	return func(name string, data []byte) (*Document, error) {
		// Binary content is named as such before any decoding is tried
		// (UTF-16, the one text encoding full of NULs, carries a BOM).
		if !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) && looksBinary(data) {
			return nil, errors.New("looks like a binary file, not text")
		}
		text, enc, err := decodeTextFile(data)
		if err != nil {
			return nil, err
		}
		// Every leading byte-order mark goes (files joined by some tools
		// carry two): one left would open the first passage with an
		// invisible character, and the stored text would not read back
		// the same.
		for strings.HasPrefix(text, "\ufeff") {
			text = text[len("\ufeff"):]
		}
		if len(text) == 0 {
			return nil, errors.New("the file is empty")
		}
		if len(strings.TrimSpace(text)) == 0 {
			return nil, errors.New("the file is empty (it holds only white space)")
		}
		// Line ends are normalised before the binary test, whose share of
		// control characters counts every byte: a file's verdict must not
		// depend on its line ends (a CRLF file and its LF copy, or the
		// stored text read again).
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
		if looksBinary([]byte(text)) {
			return nil, errors.New("looks like a binary file, not text")
		}
		// Search marks matches with \x02 and \x03 (see store.Search); a
		// stray one in the text would be taken for a marker, shifting every
		// match range and changing the passage text the reader is shown.
		// They mean nothing in prose, so drop them before any offset is
		// computed.
		text = strings.NewReplacer("\x02", "", "\x03", "").Replace(text)
		doc, err := parse(name, text)
		if err == nil && enc != EncUTF8 && enc != EncUTF8BOM {
			doc.Encoding = enc // said in the import summary
		}
		return doc, err
	}
}

// titleFromFileName makes a title of a file name when the text has none:
// "mueller-report.txt" → "Mueller report". Underscores and hyphens between
// letters become spaces (dates and "covid-19" keep theirs); an all
// lower-case name gets a capital.
func titleFromFileName(name string) string {
	base := []rune(strings.TrimSuffix(name, filepath.Ext(name)))
	for i, r := range base {
		switch {
		case r == '_':
			base[i] = ' '
		case r == '-' && i > 0 && i < len(base)-1 && unicode.IsLetter(base[i-1]) && unicode.IsLetter(base[i+1]):
			base[i] = ' '
		}
	}
	title := strings.Join(strings.Fields(string(base)), " ")
	if wording.Blank(title) {
		if wording.Blank(name) {
			return "Untitled"
		}
		return name
	}
	if strings.ToLower(title) == title {
		r, size := utf8.DecodeRuneInString(title)
		title = string(unicode.ToUpper(r)) + title[size:]
	}
	return title
}

// looksBinary spots NUL bytes anywhere, or a high share of control
// characters in the first few kilobytes, as file(1) does.
func looksBinary(data []byte) bool {
	// A NUL past the first few kilobytes still makes the file unusable as
	// text: SQLite's highlight() stops at it, so search would show a
	// passage different from the stored one. Scanning for it is cheap.
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, w := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return -1
}

// TooLarge is the error an import gives a document file of size bytes, over
// MaxFileSize, named path.
func TooLarge(path string, size int64) error { return &Error{File: path, Reason: tooLarge(size)} }

// tooLarge is the reason given for a file over MaxFileSize. Sizes are
// rounded for reading, unless rounding would make them look equal ("is 67
// MB; the limit is 67 MB"): then exact byte counts are given.
func tooLarge(n int64) string {
	size, limit := wording.Bytes(n), wording.Bytes(MaxFileSize)
	if size == limit {
		size, limit = fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", int64(MaxFileSize))
	}
	return fmt.Sprintf("is %s; the import limit is %s", size, limit)
}
