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
		1:       "Executive Summary to Volume I", // a heading is in its own section
	} {
		if got := store.SectionOf(ps, ordinal); got != want {
			t.Errorf("section of passage %d is %q, want %q", ordinal, got, want)
		}
	}
}

// The outline reads I., V. and X. as letters after H., U. and W., and i.,
// ii. as small Roman numerals under a small letter; it reads past an
// unnumbered heading the document writes more than once ("Evidence"),
// not one it writes once; a level the text lost
// is a "?", not left out; a document whose headings open volumes cites the
// volume, or the appendix it is in (rs7's report: ¶22 of the Mueller report cited
// no volume, "I. The President Orders McGahn …" after "H." read as chapter
// I, and "h." straight under "D." gave III.D.h.).
func TestSectionOfReadsLettersNumeralsAndVolumes(t *testing.T) {
	var ps []store.Passage
	add := func(text string, heading bool) int {
		ps = append(ps, store.Passage{Ordinal: len(ps) + 1, Text: text, Heading: heading})
		return len(ps)
	}
	add("Introduction to Volume I", true)
	intro := add("This report is submitted to the Attorney General.", false)
	add("Executive Summary to Volume I", true)
	add("Russian Hacking Operations", true)
	hacking := add("In March 2016, the GRU began hacking.", false)
	add("III. Russian Hacking and Dumping Operations", true)
	add("D.\tTrump Campaign and the Dissemination of Hacked Materials", true)
	add("h. Contacts with the Campaign about WikiLeaks", true)
	lost := add("The Campaign discussed WikiLeaks.", false)
	add("2. Other Potential Campaign Interest in Russian Hacked Materials", true)
	add("a. Henry Oknyansky", true)
	add("i. Outreach to Donald Trump Jr.", true)
	first := add("Oknyansky reached out.", false)
	add("ii. Awareness of the Meeting", true)
	second := add("Others knew.", false)
	add("Introduction to Volume II", true)
	add("II. Factual Results of the Obstruction Investigation", true)
	add("H.\tThe President's Further Efforts", true)
	add("I.\tThe President Orders McGahn to Deny that the President Tried to Fire the Special Counsel", true)
	mcgahn := add("The President asked McGahn to deny the story.", false)
	// "Overview" and "Evidence", under each lettered section, are parts of
	// it: the outline reads past them.
	add("Overview", true)
	add("Evidence", true)
	pressHeading := add("1. The Press Reports that the President Tried to Fire the Special Counsel", true)
	press := add("The press reported it.", false)
	add("Analysis", true)
	add("The President sought to have McGahn deny it.", false)
	add("J.\tThe President's Conduct Towards Flynn, Manafort", true)
	overviewHeading := add("Overview", true)
	overview := add("The President's conduct towards Flynn and Manafort.", false)
	add("Evidence", true)
	add("1.\tConduct Directed at Michael Flynn", true)
	flynn := add("The President spoke of Flynn.", false)
	// "Analysis" after "1." is a part of J. as "Overview" is.
	add("Analysis", true)
	analysis := add("The evidence shows the President's intent.", false)
	appendix := add("Appendix A", true)
	app := add("The order appointing the Special Counsel.", false)
	// A heading written once starts a new outline.
	add("Special Counsel's Office Transferred, Referred, and Completed Cases", true)
	add("A. Transfers", true)
	transfers := add("The Office transferred cases.", false)
	for _, c := range []struct {
		ordinal         int
		section, volume string
	}{
		{intro, "Introduction to Volume I", "Volume I"},
		{hacking, "Executive Summary to Volume I — Russian Hacking Operations", "Volume I"},
		{lost, "III.D.?.h. Contacts with the Campaign about WikiLeaks", "Volume I"},
		{first, "III.D.2.a.i. Outreach to Donald Trump Jr.", "Volume I"},
		{second, "III.D.2.a.ii. Awareness of the Meeting", "Volume I"},
		{mcgahn, "II.I. The President Orders McGahn to Deny that the President Tried to Fire the Special Counsel", "Volume II"},
		{press, "II.I.1. The Press Reports that the President Tried to Fire the Special Counsel", "Volume II"},
		{flynn, "II.J.1. Conduct Directed at Michael Flynn", "Volume II"},
		{overview, "II.J. The President's Conduct Towards Flynn, Manafort — Overview", "Volume II"},
		{analysis, "II.J. The President's Conduct Towards Flynn, Manafort — Analysis", "Volume II"},
		// A heading is in its own section, and in its own volume.
		{pressHeading, "II.I.1. The Press Reports that the President Tried to Fire the Special Counsel", "Volume II"},
		{overviewHeading, "II.J. The President's Conduct Towards Flynn, Manafort — Overview", "Volume II"},
		{appendix, "Appendix A", "Appendix A"}, // an appendix names itself where a volume is named
		{intro - 1, "Introduction to Volume I", "Volume I"},
		{app, "Appendix A", "Appendix A"},
		{transfers, "A. Transfers", "Appendix A"},
	} {
		if got := store.SectionOf(ps, c.ordinal); got != c.section {
			t.Errorf("section of passage %d is %q, want %q", c.ordinal, got, c.section)
		}
		if got := store.VolumeOf(ps, c.ordinal); got != c.volume {
			t.Errorf("volume of passage %d is %q, want %q", c.ordinal, got, c.volume)
		}
	}

	// "I." under "II." after "H." is a letter: its subsections are II.I.1.
	// and so on. A small "i." after "h." is a letter too.
	letters := []store.Passage{
		{Ordinal: 1, Text: "II. Factual Results", Heading: true},
		{Ordinal: 2, Text: "H. Further Efforts", Heading: true},
		{Ordinal: 3, Text: "I. The President Orders McGahn", Heading: true},
		{Ordinal: 4, Text: "1. The Press Reports", Heading: true},
		{Ordinal: 5, Text: "The press reported it.", Heading: false},
		{Ordinal: 6, Text: "h. Eighth", Heading: true},
		{Ordinal: 7, Text: "i. Ninth", Heading: true},
		{Ordinal: 8, Text: "The ninth item.", Heading: false},
	}
	for ordinal, want := range map[int]string{5: "II.I.1. The Press Reports", 8: "II.I.1.i. Ninth"} {
		if got := store.SectionOf(letters, ordinal); got != want {
			t.Errorf("section of passage %d is %q, want %q", ordinal, got, want)
		}
	}
	// A document that numbers "1." straight under "I." lost no level.
	plain := []store.Passage{
		{Ordinal: 1, Text: "I. Chapter", Heading: true},
		{Ordinal: 2, Text: "1. Part", Heading: true},
		{Ordinal: 3, Text: "Text.", Heading: false},
		{Ordinal: 4, Text: "II. Chapter", Heading: true},
		{Ordinal: 5, Text: "1. Part", Heading: true},
	}
	if got := store.SectionOf(plain, 3); got != "I.1. Part" {
		t.Errorf("section %q, want I.1. Part", got)
	}

	// The citation names the volume before the section, once.
	doc := store.Document{Title: "Mueller report"}
	cite := func(ordinal int) string {
		q := store.Quote{Document: doc, Ordinal: ordinal, Text: "x", Section: store.SectionOf(ps, ordinal), Volume: store.VolumeOf(ps, ordinal)}
		return q.Citation()
	}
	if c := cite(hacking); !strings.Contains(c, "“Mueller report”, section “Executive Summary to Volume I — Russian Hacking Operations” (passage ") {
		t.Errorf("citation %q names no volume", c)
	}
	if c := cite(intro); strings.Contains(c, "Volume I, section") || !strings.Contains(c, "section “Introduction to Volume I”") {
		t.Errorf("citation %q names the volume twice", c)
	}
	if c := cite(app); strings.Contains(c, "Volume") {
		t.Errorf("citation %q names a volume in an appendix", c)
	}
	// A part of a section too long to cite whole keeps its part's name
	// after the section's cut words.
	long := store.Quote{Document: doc, Ordinal: 9, Text: "x", Section: "II.G. The President's Efforts to Prevent Disclosure of Emails About the June 9, 2016 Meeting Between Russians and Senior Campaign Officials — Overview"}
	if c := long.Citation(); !strings.Contains(c, "section “II.G. The President's Efforts to Prevent Disclosure of Emails About the June 9, 2016 Meet… — Overview” (passage") {
		t.Errorf("citation %q loses the part's name", c)
	}
}

// A part the document writes under its chapters and again under numbered
// subsections ("Overview") names the subsection it is under, not the
// chapter: all parts were read at one level, the highest any part
// followed, so every Overview cited its chapter (rs9's limit). A part
// straight after a numbered heading opens it; a part after another part is
// of the same section; a part after a subsection's text whose name opens
// subsections elsewhere is the subsection's; one whose name opens nothing
// is of the section an earlier part of another name is of, as the Mueller
// report's "Analysis" after "4." is its lettered section's.
func TestAPartUnderASubsectionNamesTheSubsection(t *testing.T) {
	var ps []store.Passage
	add := func(text string, heading bool) int {
		ps = append(ps, store.Passage{Ordinal: len(ps) + 1, Text: text, Heading: heading})
		return len(ps)
	}
	add("I. Foreign Influence Operations", true)
	add("Overview", true)
	chapter := add("The chapter surveys the operations.", false)
	add("A. Social Media", true)
	add("The section covers three platforms.", false)
	add("1. Facebook", true)
	add("Overview", true)
	facebook := add("The pages reached millions.", false)
	add("Assessment", true)
	assessment := add("The reach was overstated.", false)
	add("2. Twitter", true)
	add("Twitter is treated more briefly.", false)
	twitterOverview := add("Overview", true)
	twitter := add("The accounts posted thousands of tweets.", false)
	add("Assessment", true)
	add("The accounts were bots.", false)
	add("II. Cyber Operations", true)
	add("Overview", true)
	cyber := add("The chapter covers intrusions.", false)
	add("A. Intrusions", true)
	add("1. Spearphishing", true)
	phishing := add("Emails were sent.", false)
	add("Assessment", true)
	// "Assessment" never opens a section: after "1."'s text, it is the
	// chapter's, as the earlier Overview is (a section that holds it,
	// never a narrower one it may not be in).
	chapterAssessment := add("The intrusions succeeded.", false)
	for _, c := range []struct {
		ordinal int
		want    string
	}{
		{chapter, "I. Foreign Influence Operations — Overview"},
		{facebook, "I.A.1. Facebook — Overview"},
		{assessment, "I.A.1. Facebook — Assessment"},
		{twitterOverview, "I.A.2. Twitter — Overview"},
		{twitter, "I.A.2. Twitter — Overview"},
		{cyber, "II. Cyber Operations — Overview"},
		{phishing, "II.A.1. Spearphishing"},
		{chapterAssessment, "II. Cyber Operations — Assessment"},
	} {
		if got := store.SectionOf(ps, c.ordinal); got != c.want {
			t.Errorf("section of passage %d is %q, want %q", c.ordinal, got, c.want)
		}
	}
	// An export reads the headings alone: the same sections.
	var headings []store.Passage
	for _, p := range ps {
		if p.Heading {
			headings = append(headings, p)
		}
	}
	for _, ordinal := range []int{chapter, facebook, assessment, twitter, chapterAssessment} {
		if got, want := store.NewOutline(headings).SectionOf(ordinal), store.SectionOf(ps, ordinal); got != want {
			t.Errorf("from the headings alone, passage %d is in %q, want %q", ordinal, got, want)
		}
	}
}

// A heading written once under a volume's heading, no numbered heading
// between, names the volume's heading too: the Mueller report's Volume II
// opens with an executive summary whose last heading is "Conclusion", and
// its chapter IV is "IV. Conclusion"; ¶2180 cited "Volume II, section
// “Conclusion”", which a reader finds at chapter IV (a researcher's pass).
// An appendix's headings are not named after it in their section: the
// citation names the appendix where it would name a volume (VolumeOf).
func TestAHeadingUnderAVolumesSummaryNamesIt(t *testing.T) {
	var ps []store.Passage
	add := func(text string, heading bool) int {
		ps = append(ps, store.Passage{Ordinal: len(ps) + 1, Text: text, Heading: heading})
		return len(ps)
	}
	add("Executive Summary to Volume II", true)
	add("Our obstruction-of-justice inquiry focused on a series of actions.", false)
	add("Factual Results of the Obstruction Investigation", true)
	results := add("The key issues and events we examined include the following.", false)
	add("Conclusion", true)
	summaryConclusion := add("Because we determined not to make a traditional prosecutorial judgment …", false)
	add("I. Background Legal and Evidentiary Principles", true)
	add("IV. Conclusion", true)
	chapterConclusion := add("Because we determined not to make a traditional prosecutorial judgment, we did not draw ultimate conclusions.", false)
	add("Appendix C", true)
	add("Introductory Note", true)
	note := add("The President's counsel submitted written responses.", false)
	add("Introduction to Volume III", true)
	add("1. Scope", true)
	add("Methods", true)
	methods := add("A heading written once after a numbered one starts afresh.", false)
	for _, c := range []struct {
		ordinal int
		want    string
	}{
		{results, "Executive Summary to Volume II — Factual Results of the Obstruction Investigation"},
		{summaryConclusion, "Executive Summary to Volume II — Conclusion"},
		{chapterConclusion, "IV. Conclusion"},
		{note, "Introductory Note"},
		{methods, "Methods"},
	} {
		if got := store.SectionOf(ps, c.ordinal); got != c.want {
			t.Errorf("section of passage %d is %q, want %q", c.ordinal, got, c.want)
		}
	}
	q := store.Quote{Document: store.Document{Title: "Mueller report"}, Ordinal: summaryConclusion, Text: "x",
		Section: store.SectionOf(ps, summaryConclusion), Volume: store.VolumeOf(ps, summaryConclusion)}
	if c := q.Citation(); !strings.Contains(c, "“Mueller report”, section “Executive Summary to Volume II — Conclusion” (passage 6,") {
		t.Errorf("citation %q", c)
	}
}
