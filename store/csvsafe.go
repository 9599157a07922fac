package store

import (
	"encoding/csv"
	"strings"
	"unicode"
)

// csvFormulaStart holds the first characters that make a spreadsheet read a
// cell as a formula (or, for tab and CR, as the start of one after
// trimming). Quotes come from imported and possibly hostile documents.
const csvFormulaStart = "=+-@\t\r"

// csvCell neutralises a cell that a spreadsheet would evaluate, as OWASP
// recommends for CSV injection: a leading apostrophe makes it text. Only
// the CSV export does this; Markdown and JSON stay exact.
//
// So is one whose first character after white space starts a formula: a
// spreadsheet set to trim cells as it reads them (LibreOffice's "Trim
// spaces") may read a note's " =HYPERLINK(…)" as one (a hostile data
// pass).
func csvCell(s string) string {
	if s == "" {
		return s
	}
	if t := strings.TrimLeftFunc(s, unicode.IsSpace); containsByte(csvFormulaStart, s[0]) || t != "" && containsByte(csvFormulaStart, t[0]) {
		return "'" + s
	}
	return s
}

func containsByte(set string, b byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == b {
			return true
		}
	}
	return false
}

// safeCSV writes rows with every cell passed through csvCell.
type safeCSV struct{ *csv.Writer }

func (w safeCSV) Write(row []string) error {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = csvCell(c)
	}
	return w.Writer.Write(out)
}
