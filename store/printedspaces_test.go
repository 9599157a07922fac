package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"dossier/store"
)

// A heading or quote is printed for reading with each run of white space
// one space: the Mueller report's headings hold a tab after their number,
// and a bookmarked one exported as "> A.<tab>GRU Hacking Directed at the
// Clinton Campaign" (a researcher's pass). The CSV's quote column is the
// stored text between its offsets, and keeps it.
func TestExportsPrintHeadingsWithoutTabs(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	doc := importText(t, s, "report.txt", "Report\n\n<SECTION>III. Russian Hacking\n\n<SECTION>A.\tGRU Hacking Directed at the Clinton Campaign\n\nThe GRU  hacked\tthe DNC.\n").DocumentID
	ps, err := s.Passages(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	var heading, body store.Passage
	for _, p := range ps {
		switch {
		case strings.HasPrefix(p.Text, "A.\t"):
			heading = p
		case strings.HasPrefix(p.Text, "The GRU"):
			body = p
		}
	}
	if !heading.Heading || body.ID == 0 {
		t.Fatalf("passages %+v: want the A. heading and the paragraph", ps)
	}
	if _, err := s.AddBookmark(ctx, heading.ID, nil, "the GRU chapter"); err != nil {
		t.Fatal(err)
	}
	gru, err := s.CreateTag(ctx, store.Tag{Family: store.FamilyActor, Kind: "agency", Name: "Main Intelligence Directorate"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.TagPassage(ctx, body.ID, gru.ID, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.ExportFormat{store.ExportMarkdownFormat, store.ExportMarkdownByTagFormat} {
		var buf bytes.Buffer
		if _, err := s.Export(ctx, &buf, f, ""); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		for _, want := range []string{"> A. GRU Hacking Directed at the Clinton Campaign\n", "> The GRU hacked the DNC.\n", "section “III.A. GRU Hacking Directed at the Clinton Campaign”"} {
			if !strings.Contains(md, want) {
				t.Errorf("export %v lacks %q:\n%s", f, want, md)
			}
		}
		if strings.Contains(md, "\t") {
			t.Errorf("export %v prints a tab:\n%s", f, md)
		}
	}

	var out bytes.Buffer
	if _, err := s.Export(ctx, &out, store.ExportCSVFormat, ""); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	quote := -1
	for i, h := range rows[0] {
		if h == "quote" {
			quote = i
		}
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "bookmark" {
			found = true
			if quote < 0 || r[quote] != "A.\tGRU Hacking Directed at the Clinton Campaign" {
				t.Errorf("CSV quote %q, want the stored text between its offsets", r)
			}
		}
	}
	if !found {
		t.Error("no bookmark row in the CSV")
	}
}
