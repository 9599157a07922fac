package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The status line's message gets the width the research file's path does
// not need, the path at most a third: with half each, a count line such as
// "More than 10,000 passages in at least 101 documents · 42 ms · in reading
// order (add words to narrow)" was cut short beside a short path.
func TestStatusMessageGetsTheWidthThePathDoesNotNeed(t *testing.T) {
	test.NewTempApp(t)
	s := newStatusBar()
	bar := s.content()
	bar.Resize(fyne.NewSize(1200, bar.MinSize().Height))
	s.setFile("/tmp/lib.dossier")
	s.setMessage("More than 10,000 passages in at least 101 documents · 42 ms · in reading order (add words to narrow)")
	msg, file := s.message.Size().Width, s.file.Size().Width
	if need := measureText(s.file.Text, s.file.Theme().Size(theme.SizeNameText), s.file.TextStyle).Width; file < need {
		t.Errorf("the path gets %v wide, less than the %v its text needs", file, need)
	}
	if msg < 1200-file-s.undo.MinSize().Width-10 || msg <= 600 {
		t.Errorf("the message gets %v of 1200 beside a path %v wide", msg, file)
	}

	s.setFile("/" + strings.Repeat("a very long folder name/", 20) + "lib.dossier")
	if file := s.file.Size().Width; file > 1200/3+1 {
		t.Errorf("a long path takes %v of 1200, more than a third", file)
	}
	if msg := s.message.Size().Width; msg < 1200*2/3-1 {
		t.Errorf("beside a long path the message gets %v of 1200", msg)
	}
}
