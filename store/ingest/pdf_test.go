package ingest

import (
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The PDF tests share one PDFium runtime (pdfPool starts it once per
// process); each parse takes a fresh instance of it.

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// reportPassages is testdata/report.pdf read: two columns per page, a
// paragraph running on across a column, a page and a footnote ("We found…"
// ends in the right column; "Our examination…" runs from page 1's right
// column to page 2's left, past the footnote, which follows it as its own
// passage), words hyphenated at line ends joined, the running header with
// its banner and the page numbers gone.
var reportPassages = []struct {
	page, note int
	text       string
}{
	{1, 0, "# Review of Field Office Procedures"},
	{1, 0, "# Office of the Inspector General"},
	{1, 0, "# 1. Background"},
	{1, 0, "The Attorney General asked the Office of the Inspector General to examine how field offices record, store and share the information they gather during preliminary investigations. This review covers the period from January through December and draws on interviews with supervisory personnel, case agents and administrative staff in seven offices."},
	{1, 0, "We found that the procedures differed considerably between offices. Some offices maintained comprehensive electronic indices that were reconciled every quarter, while others relied on paper logs that were rarely reviewed by anyone outside the squad that created them. Supervisors in the smaller offices told us that they lacked the administrative support needed to keep their records current."},
	{1, 0, "# 2. Findings"},
	{1, 0, "Our examination identified three recurring weaknesses. First, the documentation of investigative decisions was frequently incomplete, which made it difficult for reviewers to reconstruct why a matter had been opened or closed. Second, the authorization records required by the guidelines were missing in a significant number of the files we sampled. Third, the offices did not consistently notify headquarters when a preliminary investigation was converted into a full investigation, as the guidelines require."},
	{1, 1, "The seven offices were selected by the Inspection Division on the basis of caseload and geography."},
	{2, 0, "These weaknesses are not merely technical. Without reliable records, supervisors cannot verify that investigative techniques were approved at the appropriate level, and the Department cannot demonstrate to the courts or to Congress that its procedures protect the constitutional rights of the people under investigation. Counsel’s work on pending litigation was repeatedly delayed because the relevant files could not be located."},
	{2, 0, "The offices that performed best shared several characteristics: a designated records coordinator, regular internal inspections, and electronic case management systems that prompted agents to complete the required entries before a matter could proceed to the next stage."},
	{2, 0, "# 3. Recommendations"},
	{2, 0, "We recommend that the Director issue uniform instructions on the documentation of investigative decisions, that each field office designate a records coordinator, and that the Inspection Division include compliance with these instructions in its periodic reviews. We also recommend that headquarters develop an automated notification so that conversions of preliminary investigations are reported without relying on the memory of individual agents."},
	{2, 0, "The Department concurred with each of our recommendations and described the steps it intends to take to implement them over the coming year. We will monitor the implementation and report on its progress."},
	{2, 0, "# 4. Scope and Methodology"},
	{2, 0, "The review team examined a random sample of closed and pending files in each office, compared the entries in the case management system with the paper records, and interviewed the employees responsible for maintaining them. We also reviewed the training materials that new agents receive on records management and the internal inspection reports prepared during the previous two years."},
	{3, 0, "Our work was conducted in accordance with the quality standards for inspections and evaluations. The findings in this report are limited to the offices we visited and may not reflect the practices of every field office, although the officials we interviewed at headquarters described similar difficulties elsewhere."},
	{3, 0, "We provided a draft of this report to the Department for comment. Its response is summarized in the preceding section, and we have made technical corrections where appropriate."},
}

func TestPDFReport(t *testing.T) {
	doc, err := Parse("report.pdf", readFixture(t, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	if doc.Format != "pdf" || doc.Pages != 3 || doc.Title != "Review of Field Office Procedures" || doc.Author != "Office of the Inspector General" {
		t.Errorf("format %q, pages %d, title %q, author %q", doc.Format, doc.Pages, doc.Title, doc.Author)
	}
	got := listing(doc)
	var want []string
	for _, p := range reportPassages {
		want = append(want, p.text)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("passages:\n got %q\nwant %q", got, want)
	}
	for i, p := range doc.Passages {
		if p.Page != reportPassages[i].page || p.Footnote != reportPassages[i].note {
			t.Errorf("passage %d %q: page %d footnote %d, want page %d footnote %d", i, got[i], p.Page, p.Footnote, reportPassages[i].page, reportPassages[i].note)
		}
	}
	if strings.Contains(doc.Text, "UNCLASSIFIED") || regexp.MustCompile(`(^|\n)\d+(\n|$)`).MatchString(doc.Text) || strings.Contains(doc.Text, "them.1") {
		t.Errorf("boilerplate or a note reference left in the text:\n%s", doc.Text)
	}
}

// TestPDFMatchesPdftotext compares the words read with poppler's (when
// installed; CI does not need it), less what Dossier drops on purpose: the
// running header, page numbers and note references.
func TestPDFMatchesPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command("pdftotext", "testdata/report.pdf", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	ref := string(out)
	ref = strings.ReplaceAll(ref, "UNCLASSIFIED", "")
	ref = regexp.MustCompile(`-\n`).ReplaceAllString(ref, "")
	doc, err := Parse("report.pdf", readFixture(t, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	words := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.Fields(s) {
			w = strings.TrimRight(w, "0123456789") // note references
			if w != "" {
				m[w]++
			}
		}
		return m
	}
	// Poppler keeps the header on pages 2 and 3; the title once is ours.
	got, want := words(doc.Text), words(ref)
	for _, w := range strings.Fields("Review of Field Office Procedures") {
		want[w] -= 3
	}
	for w, n := range want {
		if got[w] != n {
			t.Errorf("%q: %d times, pdftotext %d", w, got[w], n)
		}
	}
	for w, n := range got {
		if want[w] == 0 {
			t.Errorf("%q (%d times) not in pdftotext's text", w, n)
		}
	}
}

func TestPDFPagesAndBoilerplate(t *testing.T) {
	doc, err := Parse("book.pdf", bookPDF(4))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, doc)
	if doc.Pages != 4 || doc.Title != "Annual Review" || doc.Author != "Port Authority" {
		t.Errorf("pages %d title %q author %q", doc.Pages, doc.Title, doc.Author)
	}
	if len(doc.Passages) != 20 {
		t.Fatalf("%d passages, want 20: %q", len(doc.Passages), listing(doc))
	}
	for i, p := range doc.Passages {
		if p.Page != i/5+1 {
			t.Errorf("passage %d on page %d, want %d", i, p.Page, i/5+1)
		}
	}
	if strings.Contains(doc.Text, "Annual Review of Port") {
		t.Error("running header kept")
	}
	for i, s := range doc.Passages {
		if want := strings.Join(bookLines(i/5, i%5), " "); doc.Text[s.Start:s.End] != want {
			t.Errorf("passage %d %q, want %q", i, doc.Text[s.Start:s.End], want)
		}
	}
}

func TestPDFTitleWithoutInfo(t *testing.T) {
	data := makePDF([][]pdfText{{{x: 72, y: 700, size: 16, s: "Port Security Assessment"}, {x: 72, y: 660, size: 11, s: "Inspections fell by a third."}}}, "", "")
	doc, err := Parse("assessment.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Port Security Assessment" || doc.Author != "" || doc.Pages != 1 {
		t.Errorf("title %q author %q pages %d", doc.Title, doc.Author, doc.Pages)
	}
	wantPassages(t, doc, []string{"# Port Security Assessment", "Inspections fell by a third."})
}

func TestPDFRefused(t *testing.T) {
	report := readFixture(t, "report.pdf")
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"encrypted.pdf", readFixture(t, "encrypted.pdf"), "encrypted"},
		{"scan.pdf", makePDF([][]pdfText{nil, nil}, "Scan", ""), "no text layer — OCR is not supported"},
		{"garbage.pdf", []byte("%PDF-1.4\nthis is not a PDF body at all\n"), "damaged"},
		{"truncated.pdf", report[:len(report)/2], "damaged"},
		{"named.txt", report[:len(report)-200], "damaged"},
	} {
		doc, err := Parse(c.name, c.data)
		if doc != nil {
			t.Errorf("%s: imported %d passages", c.name, len(doc.Passages))
		}
		wantError(t, err, c.name, c.want)
	}
}

// TestPDFTimeout: a file PDFium takes too long over is stopped and refused,
// and the next file reads normally.
func TestPDFTimeout(t *testing.T) {
	if _, err := pdfPool(); err != nil {
		t.Fatal(err)
	}
	old := pdfTimeout
	pdfTimeout = time.Nanosecond
	_, err := Parse("slow.pdf", bookPDF(40))
	pdfTimeout = old
	wantError(t, err, "slow.pdf", "took too long")
	if _, err := Parse("report.pdf", readFixture(t, "report.pdf")); err != nil {
		t.Fatalf("after a timeout: %v", err)
	}
}

func FuzzPDF(f *testing.F) {
	f.Add(readFixture(f, "report.pdf"))
	f.Add(makePDF([][]pdfText{{{x: 72, y: 700, size: 11, s: "Hello (world)"}, {x: 72, y: 40, size: 9, s: "1"}}}, "T", "A"))
	f.Add(makePDF([][]pdfText{nil}, "", ""))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	old := pdfTimeout
	pdfTimeout = 20 * time.Second
	f.Cleanup(func() { pdfTimeout = old })
	// PDFium's start (seconds; a minute under -race without the cache)
	// is not the inputs' time.
	if _, err := pdfPool(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMax {
			return
		}
		checkReader(t, "fuzz.pdf", Parse, data)
	})
}

// BenchmarkParsePDF reads a generated 300-page report (pages/s); the
// runtime is started before the timer (see BenchmarkPDFStart for that).
func BenchmarkParsePDF(b *testing.B) {
	data := bookPDF(300)
	if _, err := pdfPool(); err != nil {
		b.Fatal(err)
	}
	benchReader(b, "book.pdf", func(name string, data []byte) (*Document, error) { return parsePDF(name, data, func(int, int) {}) }, data)
	b.ReportMetric(float64(300*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPDFStart is the runtime's first start, with wazero's
// compilation cache (warm after the first run) and without it.
func BenchmarkPDFStart(b *testing.B) {
	for _, c := range []struct {
		name string
		dir  func() string
	}{{"cache", func() string { return b.TempDir() }}, {"nocache", func() string { return "" }}} {
		b.Run(c.name, func(b *testing.B) {
			dir := c.dir()
			if dir != "" { // fill the cache once
				p, err := startPDFium(dir)
				if err != nil {
					b.Fatal(err)
				}
				p.Close()
			}
			for b.Loop() {
				p, err := startPDFium(dir)
				if err != nil {
					b.Fatal(err)
				}
				p.Close()
			}
		})
	}
}

// TestPDFIndentedBodyAndLists: body text set right of its headings is not
// one paragraph per line; list items are passages of their own, their
// hanging-indented lines joined; a line ending early ends its paragraph.
func TestPDFIndentedBodyAndLists(t *testing.T) {
	mono := func(x, y float64, s string) pdfText { return pdfText{x: x, y: y, size: 10, s: s, mono: true} }
	data := makePDF([][]pdfText{{
		{x: 72, y: 760, size: 14, s: "1. Scope"},
		mono(120, 740, "The review covered every port on the northern coast and the inland depots"),
		mono(120, 728, "that serve them, over the two years to March."),
		mono(120, 716, "Inspectors were interviewed at each site and their logs compared with the"),
		mono(120, 704, "central records."),
		mono(120, 686, "- Seizures fell by a third while the number of containers handled there rose"),
		mono(132, 674, "by a tenth over the same period."),
		mono(120, 662, "- Queues shortened at every gate."),
	}}, "Port review", "")
	doc, err := Parse("scope.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	wantPassages(t, doc, []string{
		"# 1. Scope",
		"The review covered every port on the northern coast and the inland depots that serve them, over the two years to March.",
		"Inspectors were interviewed at each site and their logs compared with the central records.",
		"- Seizures fell by a third while the number of containers handled there rose by a tenth over the same period.",
		"- Queues shortened at every gate.",
	})
}

func TestPDFPageNumberPattern(t *testing.T) {
	for s, want := range map[string]bool{
		"7": true, "- 7 -": true, "Page 7": true, "page 7 of 90": true, "7 / 90": true, "xiv": true, "IV": true,
		"civil": false, "Findings": false, "7 days": false, "": false, "12345": false,
	} {
		if got := pageNumber.MatchString(s) && s != ""; got != want {
			t.Errorf("%q: page number %v", s, got)
		}
	}
	for s, want := range map[string]bool{"UNCLASSIFIED": true, "SECRET//NOFORN": true, "TOP SECRET": true, "Unclassified review": false} {
		if got := banner.MatchString(s); got != want {
			t.Errorf("%q: banner %v", s, got)
		}
	}
}

// A PDF's pages are reported as they are read, for the import dialog.
func TestPDFReportsPages(t *testing.T) {
	data, err := os.ReadFile("testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var seen [][2]int
	doc, err := ParsePages("report.pdf", data, func(done, total int) { seen = append(seen, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{1, 3}, {2, 3}, {3, 3}}
	if !reflect.DeepEqual(seen, want) || doc.Pages != 3 {
		t.Errorf("pages reported %v (want %v), document has %d", seen, want, doc.Pages)
	}
	// Unpaged formats report nothing; a nil reporter is fine.
	if _, err := ParsePages("a.txt", []byte("Text.\n"), func(int, int) { t.Error("a text file reported a page") }); err != nil {
		t.Fatal(err)
	}
	if _, err := ParsePages("report.pdf", data, nil); err != nil {
		t.Fatal(err)
	}
}
