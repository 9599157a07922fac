package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
)

// The import dialog names the file being imported, says how many bytes and
// passages are done, and its bar moves with the bytes from 0 to 1 (it sat
// at 0% looking full, then vanished).
func TestImportProgressIsHonest(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("The Larkspur papers\n\n")
	for i := range 400 {
		fmt.Fprintf(&b, "Paragraph %d of the larkspur papers records a meeting.\n\n", i)
	}
	big := writeFile(t, filepath.Join(dir, "larkspur-papers.txt"), b.String())
	small := writeFile(t, filepath.Join(dir, "ledger.txt"), "The Quetzalvane ledger\n\nThe quetzalvane ledger listed payments.\n")

	type shown struct {
		file, detail string
		value        float64
	}
	var seen []shown
	progressObserver = func(file, detail string, value float64) { seen = append(seen, shown{file, detail, value}) }
	defer func() { progressObserver = nil }()
	u.do(func() { u.importPaths([]string{big, small}) })

	if len(seen) < 3 {
		t.Fatalf("the progress dialog showed %d states, want the start, some progress and the end: %+v", len(seen), seen)
	}
	if first := seen[0]; first.file != "Reading 2 files…" || first.value != 0 {
		t.Errorf("the dialog starts with %+v", first)
	}
	moved, named := false, false
	for i, s := range seen {
		if i > 0 && s.value < seen[i-1].value {
			t.Errorf("the bar went back from %v to %v", seen[i-1].value, s.value)
		}
		moved = moved || (s.value > 0 && s.value < 1)
		named = named || strings.HasPrefix(s.file, "File 1 of 2: larkspur-papers.txt")
	}
	if !moved || !named {
		t.Errorf("no state part-way through naming the file (moved %v, named %v): %+v", moved, named, seen)
	}
	// Every file in, the import merges the search index, and says so; then
	// it reads the new documents for claims, counting them.
	tidied := false
	for _, s := range seen {
		tidied = tidied || s.value == 1 && strings.HasPrefix(s.file, "Every file is in; tidying the search index")
	}
	if !tidied {
		t.Errorf("no state says the index is being tidied with the bar full: %+v", seen)
	}
	last := seen[len(seen)-1]
	if last.value != 1 || last.file != "Every file is in; finding who says what (claims): 2 of 2 new documents" ||
		!strings.Contains(last.detail, "401 passages stored") {
		t.Errorf("the dialog ends with %+v; want the bar full, both documents read for claims and 401 passages", last)
	}
}

// A status names the last file until the index merge begins.
func TestImportProgressNamesTheIndexMerge(t *testing.T) {
	s := importStatus{name: "ledger.txt", pos: 2, files: 2, fileBytes: 60, filePassages: 1, fileTotal: 1, fileScanned: 1,
		done: 50, total: 100, passages: 401, stored: 401, elapsed: time.Minute}
	if line := s.fileLine(); !strings.HasPrefix(line, "File 2 of 2: ledger.txt (") {
		t.Errorf("before the merge: %q", line)
	}
	if d := s.detailLine(); !strings.Contains(d, "left") {
		t.Errorf("detail half-way: %q, want the time left", d)
	}
	s.merging = true
	if line := s.fileLine(); !strings.Contains(line, "tidying the search index") {
		t.Errorf("during the merge: %q", line)
	}
	if d := s.detailLine(); d != "50 bytes of 100 bytes · 401 passages stored in all" {
		t.Errorf("detail during the merge: %q, want no time left guessed", d)
	}
}

// The time left is estimated from the rate so far, once there is one.
func TestImportTimeLeft(t *testing.T) {
	for _, c := range []struct {
		elapsed     time.Duration
		done, total int64
		want        string
	}{
		{time.Second, 10, 100, ""}, // too early to tell
		{3 * time.Second, 0, 100, ""},
		{3 * time.Second, 100, 100, ""},
		{3 * time.Second, 50, 100, "a few seconds left"},
		{10 * time.Second, 25, 100, "about 30 s left"},
		{60 * time.Second, 20, 100, "about 4 min left"},
	} {
		got, ok := timeLeft(c.elapsed, c.done, c.total)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("timeLeft(%v, %d, %d) = %q, %v; want %q", c.elapsed, c.done, c.total, got, ok, c.want)
		}
	}
	s := importStatus{name: "a.txt", pos: 1, files: 2, done: 1_200_000, total: 3_400_000, passages: 1234, stored: 1234, elapsed: 4 * time.Second}
	if got := s.detailLine(); got != "1.2 MB of 3.4 MB · 1,234 passages stored in all · a few seconds left" {
		t.Errorf("detail line %q", got)
	}
}

// Passages are said to be stored once their batch is committed, not as
// they are written into it: "183,360 passages stored" was said of a
// document still in its transaction, which a kill then lost (a hostile
// data pass).
func TestImportProgressSaysStoredOnlyOfWhatIsCommitted(t *testing.T) {
	s := importStatus{name: "mueller-report.txt", pos: 1, files: 2, fileBytes: 1 << 20, filePassages: 4000, fileTotal: 4461,
		done: 1_200_000, total: 3_400_000, passages: 4120, stored: 120}
	if got := s.detailLine(); got != "1.2 MB of 3.4 MB · 4,120 passages written in all, 120 stored" {
		t.Errorf("detail line %q, want the 4,000 not committed said written, not stored", got)
	}
	if got := s.stepLine(); got != "4,000 passages written" {
		t.Errorf("step line %q, want the file's passages said written", got)
	}
}

// After a file's passages are stored, the dialog says what the rest of the
// bar is for — finding the actors and sources they mention — and counts it.
func TestImportProgressNamesTheMentionSearch(t *testing.T) {
	s := importStatus{name: "mueller-report.txt", pos: 1, files: 1, fileBytes: 1 << 20, filePassages: 4461, fileTotal: 4461, fileScanned: 1200}
	if got := s.fileLine(); !strings.Contains(got, "4,461 passages written; finding the actors and sources they mention: 1,200 of 4,461") {
		t.Errorf("file line %q", got)
	}
	s.filePassages, s.fileScanned = 2000, 0
	if got := s.fileLine(); strings.Contains(got, "finding") {
		t.Errorf("still storing, but the line says %q", got)
	}
	s.filePassages, s.fileScanned = 4461, 4461
	if got := s.fileLine(); strings.Contains(got, "finding") {
		t.Errorf("done, but the line says %q", got)
	}
}

// While a long PDF is read, the dialog counts its pages; once its passages
// are being stored, the passages take over.
func TestImportProgressCountsPagesRead(t *testing.T) {
	s := importStatus{name: "report.pdf", pos: 1, files: 1, fileBytes: 9 << 20, pagesRead: 120, pages: 1300}
	if got := s.fileLine(); got != "File 1 of 1: report.pdf (9.4 MB), reading page 120 of 1,300" {
		t.Errorf("file line %q", got)
	}
	s.filePassages = 64
	if got := s.fileLine(); strings.Contains(got, "reading page") {
		t.Errorf("storing, but the line says %q", got)
	}
}

// The dialog shows the file and its step on lines of their own, each whole
// at every text size: on one line a long file name cut the step off
// mid-word ("…stored; finding th…").
func TestImportProgressStepHasItsOwnLine(t *testing.T) {
	u := newTestUI(t)
	s := importStatus{name: strings.Repeat("a long folder of reports ", 3) + ".txt", pos: 6, files: 40, fileBytes: 1 << 20,
		filePassages: 4461, fileTotal: 4461, fileScanned: 1200, done: 1, total: 2, passages: 31227}
	want := "4,461 passages written; finding the actors and sources they mention: 1,200 of 4,461"
	for _, scale := range []float32{defaultTextScale, maxTextScale} {
		u.do(func() {
			u.setTextScale(scale)
			p := newImportProgress(40, u.w, func() {})
			p.show(s)
			if p.file.Text != s.nameLine() || strings.Contains(p.file.Text, "stored") {
				t.Errorf("file line %q", p.file.Text)
			}
			if p.step.Text != want {
				t.Errorf("step line %q, want %q", p.step.Text, want)
			}
			if need, have := widget.NewLabel(p.step.Text).MinSize().Width, progressWidth(u.w); need > have {
				t.Errorf("text ×%v: the step line needs %.0f px, the dialog gives %.0f", scale, need, have)
			}
			if !strings.Contains(p.detail.Text, "31,227 passages written in all") {
				t.Errorf("detail %q", p.detail.Text)
			}
		})
	}
}
