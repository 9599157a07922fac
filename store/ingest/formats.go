package ingest

import (
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
	// Sniff, if not nil, recognises the format by the file's first bytes
	// (at most sniffLen of them: magic numbers), whatever its name says.
	Sniff func(head []byte) bool
	// Read turns the file's bytes (non-empty, at most MaxFileSize) into a
	// document: text, passages and what metadata the format carries. An
	// error's text is the reason the file is refused.
	Read func(name string, data []byte) (*Document, error)
}

// formats is every format Dossier reads, one line each. The first whose
// Sniff knows a file's content wins; otherwise the file's extension decides.
var formats = []Format{
	{Name: "plain text", Exts: []string{".txt", ".text"}, Read: textReader(parsePlainText)},
	{Name: "Markdown", Exts: []string{".md", ".markdown"}, Read: textReader(parseMarkdown)},
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

// formatFor picks the format for a file: by content if a format knows it,
// else by extension.
func formatFor(name string, data []byte) (Format, bool) {
	head := data[:min(len(data), sniffLen)]
	for _, f := range formats {
		if f.Sniff != nil && f.Sniff(head) {
			return f, true
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		ext = noExt
	}
	return formatByExt(ext)
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
