package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dossier/store"
)

// Citation formats a passage as a quotation followed by where it comes from:
// document title, source, date, passage number and character offsets, so the
// quote can be traced back to its exact place. Offsets are in characters
// (Unicode code points) of the document's text, which docText holds.
func Citation(d store.Document, p store.Passage, docText string) string {
	quote := strings.Join(strings.Fields(p.Text), " ")
	var src []string
	src = append(src, "“"+d.Title+"”")
	if d.Author != "" {
		src = append(src, d.Author)
	}
	if d.Source != "" {
		src = append(src, d.Source)
	}
	if d.Published != "" {
		src = append(src, d.Published)
	}
	src = append(src, fmt.Sprintf("passage %d", p.Ordinal))
	return fmt.Sprintf("“%s”\n— %s (characters %d–%d%s).", quote, strings.Join(src, ", "),
		runeOffset(docText, p.Start), runeOffset(docText, p.End), fileNote(d))
}

func fileNote(d store.Document) string {
	if d.FileName == "" {
		return ""
	}
	return " of " + d.FileName
}

// runeOffset converts a byte offset into a character (code point) offset.
// An offset beyond s (a stale text) is clamped rather than trusted.
func runeOffset(s string, b int) int { return utf8.RuneCountInString(s[:min(max(b, 0), len(s))]) }
