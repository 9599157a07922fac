package store

import "encoding/csv"

// csvFormulaStart holds the first characters that make a spreadsheet read a
// cell as a formula (or, for tab and CR, as the start of one after
// trimming). Quotes come from imported and possibly hostile documents.
const csvFormulaStart = "=+-@\t\r"

// csvCell neutralises a cell that a spreadsheet would evaluate, as OWASP
// recommends for CSV injection: a leading apostrophe makes it text. Only
// the CSV export does this; Markdown and JSON stay exact.
func csvCell(s string) string {
	if s != "" && containsByte(csvFormulaStart, s[0]) {
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
