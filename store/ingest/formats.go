package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is one kind of document file Dossier imports. Adding a format is
// one small file defining its Format (extensions, an optional content sniff
// and a reader) plus one line in formats: the picker's filter, the folder
// walk, the summary messages and Parse all go by this list.
type Format struct {
	Name string   // for people: "plain text", "Markdown"
	Exts []string // lower-case file extensions, with the dot
	// Kind is what sniffMarked calls files of this format (FormatHTML,
	// FormatDOCX, …): content of that kind is read by this format,
	// whatever the file is named. Text formats (FormatText) are told apart
	// by extension.
	Kind string
	// Sniff, if not nil, recognises the format by the file's first bytes
	// (at most sniffLen of them: magic numbers), for a format sniffMarked
	// does not know.
	Sniff func(head []byte) bool
	// Read turns the file's bytes (non-empty, at most MaxFileSize) into a
	// document: text, passages and what metadata the format carries. An
	// error's text is the reason the file is refused.
	Read func(name string, data []byte) (*Document, error)
	// ReadPages, for a paged format, is its reader instead of Read: it
	// calls page (never nil) as each page is read, for the import dialog.
	ReadPages func(name string, data []byte, page PageFunc) (*Document, error)
}

// PageFunc hears how far a paged file's reading has come: done of total
// pages read.
type PageFunc func(done, total int)

// formats is every format Dossier reads, one line each. The first whose
// Sniff knows a file's content wins; otherwise the file's extension decides.
var formats = []Format{
	{Name: "plain text", Kind: FormatText, Exts: []string{".txt", ".text"}, Read: textReader(parsePlainText)},
	{Name: "Markdown", Kind: FormatText, Exts: []string{".md", ".markdown"}, Read: textReader(parseMarkdown)},
	{Name: "HTML", Kind: FormatHTML, Exts: []string{".html", ".htm", ".xhtml"}, Read: parseHTML},
	{Name: "Word", Kind: FormatDOCX, Exts: []string{".docx"}, Read: parseDOCX},
	{Name: "OpenDocument text", Kind: FormatODT, Exts: []string{".odt"}, Read: parseODT},
	{Name: "EPUB", Kind: FormatEPUB, Exts: []string{".epub"}, Read: parseEPUB},
	{Name: "PDF", Kind: FormatPDF, Exts: []string{".pdf"}, ReadPages: parsePDF},
}

// sniffLen is how much of a file Sniff is shown.
const sniffLen = 512

// noExt is the extension a file named without one is read as, when it is
// named on its own (a folder walk takes only files with a known extension).
const noExt = ".txt"

// Supported lists the extensions Dossier imports documents from, in the
// order of formats: for file dialogs and messages.
func Supported() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.Exts...)
	}
	return out
}

// Importable reports whether a file of this name is a document Dossier
// imports, by its extension: the rule for what a folder offers. (A file
// named on its own is always tried, and its content may decide; see Parse.)
func Importable(name string) bool {
	_, ok := formatByExt(strings.ToLower(filepath.Ext(name)))
	return ok
}

// formatFor picks the format for a file by its content where the content
// says (a Word file named .txt is read as Word), else by its extension. It
// returns a reason when no format reads the file.
func formatFor(name string, data []byte) (Format, string) {
	head := data[:min(len(data), sniffLen)]
	for _, f := range formats {
		if f.Sniff != nil && f.Sniff(head) {
			return f, ""
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		ext = noExt
	}
	byExt, known := formatByExt(ext)
	if kind := sniffMarked(data); kind != "" {
		for _, f := range formats {
			if f.Kind == kind {
				return f, ""
			}
		}
		return Format{}, unreadKind(kind)
	}
	// Text, or not: the extension decides, and a text format's reader says
	// why content is not text (a damaged Word file or book is best told so
	// by its own reader).
	if known {
		return byExt, ""
	}
	return Format{}, fmt.Sprintf("unsupported file type %q (Dossier imports %s)", ext, strings.Join(Supported(), ", "))
}

// unreadKind is the reason a file of a kind Dossier recognises but does not
// read is refused.
func unreadKind(kind string) string {
	switch kind {
	case FormatZip:
		return "is a zip archive of a kind Dossier does not read (it imports Word .docx, OpenDocument .odt and EPUB books)"
	}
	return "is a " + kind + " file, which Dossier does not read"
}

func formatByExt(ext string) (Format, bool) {
	for _, f := range formats {
		for _, e := range f.Exts {
			if e == ext {
				return f, true
			}
		}
	}
	return Format{}, false
}
