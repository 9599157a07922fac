package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"unicode"
)

// TestCSVFormulaInjection: cells that a spreadsheet would run as formulas
// (quotes from a hostile document, notes) start with an apostrophe in the
// CSV export; Markdown and the JSON bundle keep the text exactly.
func TestCSVFormulaInjection(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	doc := importText(t, s, "hostile.md", "# =HYPERLINK(\"http://evil.example\",\"click\")\n\n"+
		"+cmd|' /C calc'!A0\n\n-2+3+cmd|' /C calc'!A0\n\n@SUM(1+1)*cmd|' /C calc'!A0\n\nPlain passage.\n").DocumentID
	ps, err := s.Passages(ctx, doc)
	if err != nil || len(ps) != 4 { // the heading is the title
		t.Fatalf("passages: %d, %v", len(ps), err)
	}
	// Ones with white space before the formula too: a spreadsheet that
	// trims what it reads runs them (a hostile data pass).
	for i, note := range []string{"\t=1+1", "\r=1+1", "=cmd", "-- a dash note", "  =HYPERLINK(\"http://evil.example\")", "\n@SUM(1)"} {
		if _, err := s.AddBookmark(ctx, ps[i%len(ps)].ID, nil, note); err != nil {
			t.Fatal(err)
		}
	}

	var buf bytes.Buffer
	if err := s.ExportCSV(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		`'=HYPERLINK("http://evil.example","click")`: false,
		`'+cmd|' /C calc'!A0`:                        false,
		`'-2+3+cmd|' /C calc'!A0`:                    false,
		`'@SUM(1+1)*cmd|' /C calc'!A0`:               false,
		"'\r=1+1":                                    false,
		"'-- a dash note":                            false,
		"'=cmd":                                      false,
		"'  =HYPERLINK(\"http://evil.example\")":     false,
		"'\n@SUM(1)":                                 false,
	}
	for _, rec := range records[1:] {
		for _, cell := range rec {
			if c := strings.TrimLeftFunc(cell, unicode.IsSpace); c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) || cell != "" && strings.ContainsRune("\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts a formula (row %q)", cell, rec)
			}
			if _, ok := want[cell]; ok {
				want[cell] = true
			}
		}
	}
	for cell, seen := range want {
		if !seen {
			t.Errorf("no cell %q in:\n%q", cell, records)
		}
	}

	// The JSON bundle is exact.
	b, err := s.ExportBundle(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, bm := range b.Bookmarks {
		got[bm.Note] = true
		got[bm.Quote] = true
	}
	for _, exact := range []string{"\t=1+1", "\r=1+1", "=cmd", "+cmd|' /C calc'!A0", "-- a dash note"} {
		if !got[exact] {
			t.Errorf("bundle lost %q exactly: %v", exact, got)
		}
	}
	// Markdown neither prefixes an apostrophe.
	buf.Reset()
	if err := s.ExportMarkdown(ctx, &buf, ""); err != nil {
		t.Fatal(err)
	}
	if md := buf.String(); strings.Contains(md, "'+cmd") || strings.Contains(md, "'=HYPERLINK") || !strings.Contains(md, "+cmd|' /C calc'!A0") {
		t.Errorf("Markdown changed the text:\n%s", md)
	}
}
