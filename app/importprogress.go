package app

import (
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
)

// importStatus is how far an import has come, as the progress dialog shows
// it.
type importStatus struct {
	name         string // the file being worked on; "" before the first
	pos, files   int    // its position (from 1) and the number of files
	fileBytes    int64  // its size
	filePassages int    // its passages written so far
	fileTotal    int    // its passages in all, once known
	fileScanned  int    // of which searched for the actors and sources they mention
	pagesRead    int    // a paged file being read: its pages read so far
	pages        int    // and in all (0 when not reading a paged file)
	done, total  int64  // bytes processed and in all
	passages     int    // passages written, committed or not
	stored       int    // of which committed: kept if the import is stopped
	merging      bool   // every file is in; the search index is being merged
	claimDocs    int    // the new documents being read for claims (0: not yet)
	claimsRead   int    // of which read so far
	elapsed      time.Duration
}

// fraction is the bar's value, 0 to 1.
func (s importStatus) fraction() float64 {
	if s.claimDocs > 0 {
		return 1 // every file is in; the line counts the documents read for claims
	}
	if s.total <= 0 {
		if s.files == 0 {
			return 0
		}
		return float64(s.pos) / float64(s.files) // empty files only
	}
	return min(float64(s.done)/float64(s.total), 1)
}

// fileLine is the whole state of the current file on one line: its name
// and the step it is at (nameLine, then stepLine).
func (s importStatus) fileLine() string {
	if step := s.stepLine(); step != "" {
		return s.nameLine() + ", " + step
	}
	return s.nameLine()
}

// nameLine names the file being worked on and its size, or the phase when
// no one file is.
func (s importStatus) nameLine() string {
	if s.name == "" {
		return fmt.Sprintf("Reading %s…", plural(s.files, "file"))
	}
	if s.claimDocs > 0 {
		return fmt.Sprintf("Every file is in; finding who says what (claims): %s of %s", thousands(s.claimsRead), plural(s.claimDocs, "new document"))
	}
	if s.merging {
		return "Every file is in; tidying the search index so that searches stay fast…"
	}
	return fmt.Sprintf("File %d of %d: %s (%s)", s.pos, s.files, s.name, wording.Bytes(s.fileBytes))
}

// stepLine says how far the current file has come: pages read, passages
// written, then the passages searched for mentions; "" between files.
// "Written", not "stored": they are not kept until their batch commits (a
// kill then loses them), and the detail line says how many are.
func (s importStatus) stepLine() string {
	if s.name == "" || s.claimDocs > 0 || s.merging {
		return ""
	}
	line := ""
	if s.pages > 0 && s.filePassages == 0 {
		line = fmt.Sprintf("reading page %s of %s", thousands(s.pagesRead), thousands(s.pages))
	}
	if s.filePassages > 0 {
		line = fmt.Sprintf("%s written", plural(s.filePassages, "passage"))
	}
	if s.fileTotal > 0 && s.filePassages >= s.fileTotal && s.fileScanned < s.fileTotal {
		// The second half of the work: say what it is, or the count
		// stands still while the bar moves.
		line += fmt.Sprintf("; finding the actors and sources they mention: %s of %s", thousands(s.fileScanned), thousands(s.fileTotal))
	}
	return line
}

// detailLine gives bytes, passages and, once there is a rate to go by, the
// time left.
func (s importStatus) detailLine() string {
	if s.name == "" {
		return "" // nothing is known yet
	}
	// "in all": several small files are stored in one batch, so the total
	// can run a file ahead of the file line, which names the one whose
	// passages are being searched for mentions.
	// "Stored" only of what is committed: "183,360 passages stored" was
	// said of a document still in its transaction, which a kill lost (a
	// hostile data pass).
	stored := fmt.Sprintf("%s stored in all", plural(s.passages, "passage"))
	if s.stored < s.passages {
		stored = fmt.Sprintf("%s written in all, %s stored", plural(s.passages, "passage"), thousands(s.stored))
	}
	line := fmt.Sprintf("%s of %s · %s", wording.Bytes(s.done), wording.Bytes(s.total), stored)
	if s.merging || s.claimDocs > 0 {
		return line // no time left to guess: the files are done
	}
	if left, ok := timeLeft(s.elapsed, s.done, s.total); ok {
		line += " · " + left
	}
	return line
}

// etaAfter is how long an import runs before it guesses the time left: the
// rate of the first moments says little.
const etaAfter = 2 * time.Second

// timeLeft estimates the time left from the rate so far.
func timeLeft(elapsed time.Duration, done, total int64) (string, bool) {
	if elapsed < etaAfter || done <= 0 || done >= total {
		return "", false
	}
	left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
	switch {
	case left < 10*time.Second:
		return "a few seconds left", true
	case left < 90*time.Second:
		return fmt.Sprintf("about %d s left", int(left.Round(5*time.Second)/time.Second)), true
	case left < 90*time.Minute:
		return fmt.Sprintf("about %d min left", int(left.Round(time.Minute)/time.Minute)), true
	}
	return fmt.Sprintf("about %.1f h left", left.Hours()), true
}

// importProgress is the progress dialog: the file, bytes and passages, a
// bar that moves with the bytes processed, and Cancel.
type importProgress struct {
	file, step, detail *widget.Label
	bar                *widget.ProgressBar
	dlg                dialog.Dialog
}

// progressObserver, when set, is told each status the dialog shows. For
// tests.
var progressObserver func(file, detail string, value float64)

func newImportProgress(files int, w fyne.Window, cancel func()) *importProgress {
	p := &importProgress{file: widget.NewLabel(""), step: widget.NewLabel(""), detail: widget.NewLabel(""), bar: widget.NewProgressBar()}
	// The step has a line of its own: after a long file name on one line
	// it was cut off mid-word ("…stored; finding th…"). A long name is
	// still cut, at its end.
	p.file.Truncation = fyne.TextTruncateEllipsis
	p.step.Truncation = fyne.TextTruncateEllipsis
	p.detail.Truncation = fyne.TextTruncateEllipsis
	p.detail.Importance = widget.LowImportance
	body := container.NewVBox(p.file, p.step, p.bar, p.detail)
	p.show(importStatus{files: files})
	p.dlg = dialog.NewCustom("Importing documents", "Cancel", container.NewGridWrap(fyne.NewSize(progressWidth(w), body.MinSize().Height), body), w)
	p.dlg.SetOnClosed(cancel)
	return p
}

// progressWidth is wide enough for the longest fixed lines, the index
// merge's and the claims finder's, at the current text size (a fixed 460
// pixels cut every line off with "…" at the larger sizes), and no wider
// than the window allows.
func progressWidth(w fyne.Window) float32 {
	longest := ""
	for _, s := range []importStatus{
		{name: "x", merging: true},
		{name: "x", claimDocs: 1000, claimsRead: 1000},
		{name: "x", filePassages: 99999, fileTotal: 99999, fileScanned: 99998},
	} {
		for _, line := range []string{s.nameLine(), stepText(s)} {
			if len(line) > len(longest) {
				longest = line
			}
		}
	}
	// A label's own minimum, and some room: the window's renderer measures
	// a few pixels wider than the test driver.
	width := max(460, widget.NewLabel(longest).MinSize().Width+2*theme.Padding())
	if room := w.Canvas().Size().Width * 0.9; room > 0 {
		width = min(width, room)
	}
	return width
}

// show displays a status; on the UI goroutine.
func (p *importProgress) show(s importStatus) {
	p.file.SetText(s.nameLine())
	p.step.SetText(stepText(s))
	p.detail.SetText(s.detailLine())
	p.bar.SetValue(s.fraction())
	if observe := progressObserver; observe != nil {
		observe(s.fileLine(), p.detail.Text, p.bar.Value)
	}
}

// progressEvery throttles the dialog's updates: at most ten a second, so a
// fast import of many small files does not flood the UI goroutine.
const progressEvery = 100 * time.Millisecond

// progressThrottle passes statuses on to the UI goroutine (through the
// worker's report), no more often than progressEvery. It is used from the
// import job only.
type progressThrottle struct {
	p      *importProgress
	report func(step func())
	last   time.Time
}

// update shows s unless one was shown very recently; force shows it anyway
// (the last one, so the dialog ends at the totals). The report that the
// index is being merged is always shown: it comes right after the last
// file's, and the merge it announces can take seconds; so is the first of
// the claims finder's.
func (t *progressThrottle) update(s importStatus, force bool) {
	now := time.Now()
	firstOfPhase := s.merging || s.claimDocs > 0 && s.claimsRead == 0
	if !force && !firstOfPhase && now.Sub(t.last) < progressEvery {
		return
	}
	t.last = now
	t.report(func() { t.p.show(s) })
}

// stepText is the step line as its label shows it, starting with a capital.
func stepText(s importStatus) string {
	step := s.stepLine()
	if step == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(step)
	return string(unicode.ToUpper(r)) + step[n:]
}
