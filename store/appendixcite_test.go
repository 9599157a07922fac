package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"dossier/store"
)

// appendixDoc is the Mueller report's end as its text has it: Appendix C's
// questions numbered "II.", as Volume I's chapters are, and Appendix D's
// title a plain paragraph, written twice, its heading mark lost.
const appendixDoc = "Report\n\n<SECTION>Introduction to Volume I\n\nThis report is submitted.\n\n" +
	"<SECTION>II.\tRussian “Active Measures” Social Media Campaign\n\nThe IRA ran accounts.\n\n" +
	"<SECTION>Appendix C\n\n<SECTION>APPENDIX C\n\n<SECTION>Introductory Note\n\nThe President's counsel submitted written responses.\n\n" +
	"<SECTION>II.\tRussian Hacking / Russian Efforts Using Social Media / WikiLeaks\n\nWhen did you become aware of the hacking?\n\n" +
	"<SECTION>Response to Question II, Part (a)\n\nI recall that there were reports.\n\n" +
	"Appendix D\n\nAppendix D\n\n" +
	"<SECTION>Special Counsel’s Office Transferred, Referred, and Completed Cases\n\nThis appendix identifies matters transferred.\n\n" +
	"<SECTION>A. Transfers\n\nThe Office transferred cases.\n"

// A passage of an appendix cites the appendix: Appendix C's "II. Russian
// Hacking …" was cited as section “II. …” with nothing else, read as a
// chapter II of the report (rs10's L2), and its answers named no appendix.
// A paragraph that is an appendix's title alone opens it: the text lost
// Appendix D's heading mark, and its cases would have been Appendix C's.
// The exports, which read the headings alone, cite as the window does.
func TestAnAppendixPassageCitesTheAppendix(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	docID := importText(t, s, "mueller.txt", appendixDoc).DocumentID
	doc, _ := s.Document(ctx, docID)
	ps, _ := s.Passages(ctx, docID)
	text, _ := s.DocumentText(ctx, docID)
	outline := store.NewOutline(ps)
	cite := func(needle string) (string, store.Passage) {
		t.Helper()
		for _, p := range ps {
			if strings.Contains(p.Text, needle) {
				q := store.QuotePassage(doc, p, nil, text, false)
				q.Section, q.Volume = outline.SectionOf(p.Ordinal), outline.VolumeOf(p.Ordinal)
				if v := store.VolumeOf(ps, p.Ordinal); v != q.Volume {
					t.Errorf("%q: VolumeOf says %q, the Outline %q", needle, v, q.Volume)
				}
				return q.CitationLine(), p
			}
		}
		t.Fatalf("no passage has %q", needle)
		return "", store.Passage{}
	}
	var bookmarked []string
	for needle, want := range map[string]string{
		"The IRA ran accounts":          "“Report”, Volume I, section “II. Russian ‘Active Measures’ Social Media Campaign” (passage",
		"written responses":             "“Report”, Appendix C, section “Introductory Note” (passage",
		"become aware of the hacking":   "“Report”, Appendix C, section “II. Russian Hacking / Russian Efforts Using Social Media / WikiLeaks” (passage",
		"there were reports":            "“Report”, Appendix C, section “Response to Question II, Part (a)” (passage",
		"matters transferred":           "“Report”, Appendix D, section “Special Counsel’s Office Transferred, Referred, and Completed Cases” (passage",
		"The Office transferred cases.": "“Report”, Appendix D, section “A. Transfers” (passage",
	} {
		got, p := cite(needle)
		if !strings.HasPrefix(got, want) {
			t.Errorf("%q cites\n %q, want\n %q…", needle, got, want)
		}
		if _, err := s.AddBookmark(ctx, p.ID, nil, ""); err != nil {
			t.Fatal(err)
		}
		bookmarked = append(bookmarked, want)
	}
	// The appendix's title names it once.
	if got, _ := cite("Appendix D"); !strings.HasPrefix(got, "“Report”, section “Appendix D” (passage") {
		t.Errorf("Appendix D's title cites %q", got)
	}
	var md bytes.Buffer
	if err := s.ExportMarkdown(ctx, &md, ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range bookmarked {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown export has no %q:\n%s", want, md.String())
		}
	}
}
