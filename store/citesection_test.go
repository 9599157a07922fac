package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"dossier/store"
)

// sectionedDoc has headings, one with quotation marks and one with a
// right-to-left override, and a paragraph before any section.
const sectionedDoc = "# Field notes\n\nA paragraph before any section.\n\n## Russian “Active Measures” Campaign\n\nThe IRA ran accounts.\n\nIt bought ads.\n\n## Hacking \u202eevil\n\nThe GRU hacked the DNC.\n"

// A citation names the section a quote is in, its nearest heading above,
// for an editor: "“Mueller report”, passage 22" named none (a researcher's
// pass). A document without headings, author or date cites its title and
// the passage alone.
func TestCitationsNameTheSection(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	docID := importText(t, s, "field.md", sectionedDoc).DocumentID
	doc, _ := s.Document(ctx, docID)
	ps, _ := s.Passages(ctx, docID)
	text, _ := s.DocumentText(ctx, docID)
	cite := func(needle string) string {
		t.Helper()
		for _, p := range ps {
			if strings.Contains(p.Text, needle) {
				q := store.QuotePassage(doc, p, nil, text, false)
				q.Section = store.SectionOf(ps, p.Ordinal)
				return q.Citation()
			}
		}
		t.Fatalf("no passage has %q: %+v", needle, ps)
		return ""
	}
	// The heading's own quotation marks become single ones, as the
	// quote's do.
	if c := cite("It bought ads."); !strings.Contains(c, "— “Field notes”, section “Russian ‘Active Measures’ Campaign” (passage ") {
		t.Errorf("citation %q does not name its section", c)
	}
	// An override in a heading is shown, not obeyed (printable).
	if c := cite("The GRU hacked"); strings.ContainsRune(c, '\u202e') || !strings.Contains(c, "section “Hacking \ufffdevil” (passage ") {
		t.Errorf("citation %q: the heading's override is printed", c)
	}
	// Before any section (the title is not one): no section.
	if c := cite("before any section"); strings.Contains(c, ", section") {
		t.Errorf("citation %q names a section", c)
	}

	plainID := importText(t, s, "plain.txt", "Plain notes\n\nA passage with no heading above it.\n").DocumentID
	plain, _ := s.Document(ctx, plainID)
	pps, _ := s.Passages(ctx, plainID)
	ptext, _ := s.DocumentText(ctx, plainID)
	last := pps[len(pps)-1]
	q := store.QuotePassage(plain, last, nil, ptext, false)
	q.Section = store.SectionOf(pps, last.Ordinal)
	want := fmt.Sprintf("“A passage with no heading above it.”\n— “Plain notes” (passage %d, characters 13–48 of plain.txt).", last.Ordinal)
	if got := q.Citation(); got != want {
		t.Errorf("citation without headings or details\n got %q\nwant %q", got, want)
	}

	// The exports name it too: the Markdown citation line and the CSV's
	// section and citation columns.
	for _, p := range ps {
		if strings.Contains(p.Text, "It bought ads.") {
			if _, err := s.AddBookmark(ctx, p.ID, nil, "ads"); err != nil {
				t.Fatal(err)
			}
		}
	}
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "— “Field notes”, section “Russian ‘Active Measures’ Campaign” (passage ") {
		t.Errorf("the Markdown citation names no section:\n%s", md.String())
	}
	var out bytes.Buffer
	if err := s.ExportCSV(ctx, &out, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "bookmark" {
			found = true
			if r[col["section"]] != "Russian “Active Measures” Campaign" {
				t.Errorf("section cell %q", r[col["section"]])
			}
			if c := r[col["citation"]]; !strings.HasPrefix(c, "“Field notes”, section “Russian ‘Active Measures’ Campaign” (passage ") || !strings.HasSuffix(c, "of field.md)") {
				t.Errorf("citation cell %q", c)
			}
		}
	}
	if !found {
		t.Error("no bookmark row")
	}
}

// A numbered heading takes the numbers of the headings it comes under, as
// the report's outline names it; an unnumbered heading starts afresh.
func TestSectionOfNamesTheOutline(t *testing.T) {
	var ps []store.Passage
	add := func(text string, heading bool) int {
		ps = append(ps, store.Passage{Ordinal: len(ps) + 1, Text: text, Heading: heading})
		return len(ps)
	}
	add("Executive Summary to Volume I", true)
	summary := add("The GRU hacked.", false)
	add("III. Russian Hacking and Dumping Operations", true)
	add("A.\tGRU Hacking Directed at the Clinton Campaign", true)
	add("1.\tGRU Units Target the Clinton Campaign", true)
	gru := add("Two GRU units carried out the operations.", false)
	add("2. Intrusions into the DCCC and DNC Networks", true)
	add("a. Initial Access", true)
	access := add("By no later than April 12, 2016, the GRU had gained access.", false)
	add("B. Dissemination of the Hacked Materials", true)
	dissem := add("The GRU released the documents.", false)
	add("Introduction to Volume II", true)
	add("1. Obstruction", true)
	vol2 := add("Under an unnumbered heading, a 1. is the first.", false)
	for ordinal, want := range map[int]string{
		summary: "Executive Summary to Volume I",
		gru:     "III.A.1. GRU Units Target the Clinton Campaign",
		access:  "III.A.2.a. Initial Access",
		dissem:  "III.B. Dissemination of the Hacked Materials",
		vol2:    "1. Obstruction",
		1:       "",
	} {
		if got := store.SectionOf(ps, ordinal); got != want {
			t.Errorf("section of passage %d is %q, want %q", ordinal, got, want)
		}
	}
}
