package app

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showAbout shows Help → About: what this build is (version, build, commit,
// Go and SQLite versions), the open research file, and the licences of what
// is bundled in a scrollable view. The SQLite version is asked of the store,
// off the UI goroutine.
func (u *UI) showAbout() {
	if u.raiseDialog("about") {
		return
	}
	st, _ := u.store()
	u.work.run(func() func() {
		sqlite, err := st.SQLiteVersion(context.Background())
		if err != nil {
			sqlite = "unknown (" + err.Error() + ")"
		}
		return func() {
			if u.raiseDialog("about") { // asked twice while the store answered
				return
			}
			u.aboutDialog(aboutText(u.opts, sqlite, runtime.Version(), st.Path()))
		}
	})
}

// aboutText is the dialog's top part.
func aboutText(o Options, sqlite, goVersion, path string) string {
	build, commit := o.Build, o.Commit
	if build == "" {
		build = "development"
	}
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("Dossier %s (build %s, commit %s)\n\n"+
		"An offline research desk for reading, searching and annotating reports.\n\n"+
		"Go %s · SQLite %s\n\nResearch file:\n%s",
		o.Version, build, commit, strings.TrimPrefix(goVersion, "go"), sqlite, path)
}

func (u *UI) aboutDialog(text string) {
	info := widget.NewLabel(text)
	info.Wrapping = fyne.TextWrapWord
	licences := u.opts.Licences
	if licences == "" {
		licences = "The licence texts are not part of this build."
	}
	// The licences (216 KB) as a list of blocks of lines, of which only
	// those on screen are laid out: in one wrapped text field they froze
	// the window for half a minute (found by a hostile pass). Copy puts
	// them all on the clipboard; the packages install them as files too.
	size := aboutSize(u.win.Canvas().Size())
	chunks := licenceChunks(licences, size.columns, licenceChunkLines)
	// A dialog's list: once Tab had focused it, Fyne's list swallowed
	// Esc and Enter (found driving the window).
	list := u.newDialogList(func() int { return len(chunks) },
		func() fyne.CanvasObject {
			l := widget.NewLabel(strings.Repeat("\n", licenceChunkLines-1))
			l.TextStyle = fyne.TextStyle{Monospace: true}
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(chunks[i]) })
	list.HideSeparators = true
	if n := len(chunks); n > 0 {
		last := widget.NewLabel(chunks[n-1])
		last.TextStyle = fyne.TextStyle{Monospace: true}
		list.SetItemHeight(n-1, last.MinSize().Height)
	}
	list.OnSelected = func(widget.ListItemID) { list.UnselectAll() }
	heading := widget.NewLabelWithStyle("Licences of bundled software", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewBorder(container.NewVBox(info, heading), nil, nil, nil, list)
	d := dialog.NewCustomWithoutButtons("About Dossier", atLeast(size.width, size.height, body), u.win)
	copyAll := u.newDialogButton("Copy licences", theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(licences)
		u.status.setMessage("Copied the licences of bundled software.")
	})
	setButtons(d, []fyne.CanvasObject{copyAll, u.newDialogButton("Close", nil, d.Hide)})
	u.trackDialog("about", d, d.Hide, nil)
}

// licenceColumns is how many characters a licence line shows at most;
// licence texts are mostly wrapped at 80.
const licenceColumns = 80

// aboutLayout is the About dialog's least size and the licence lines'
// width in characters.
type aboutLayout struct {
	width, height float32
	columns       int
}

// aboutSize fits the About dialog within a window of the given size, with
// a margin around it: sized for 80 monospace columns and 480 pixels, at
// larger text or in a small window it covered the window edge to edge and
// cut its licence lines mid-word (found by a UI pass). The lines are
// wrapped at as many columns as fit, 80 at most and 30 at least.
func aboutSize(window fyne.Size) aboutLayout {
	mono := measureText("M", theme.TextSize(), fyne.TextStyle{Monospace: true}).Width
	// the list's padding and scroll bar, the dialog's own padding
	extra := 2*theme.InnerPadding() + theme.ScrollBarSize() + 6*theme.Padding()
	room := fyne.NewSize(window.Width*0.9-4*theme.Padding(), window.Height*0.6)
	l := aboutLayout{columns: licenceColumns}
	if room.Width > 0 && float32(licenceColumns)*mono+extra > room.Width {
		l.columns = max(30, int((room.Width-extra)/mono))
	}
	l.width = max(float32(l.columns)*mono+extra, min(640, room.Width))
	l.height = 480
	if room.Height > 0 {
		l.height = min(480, room.Height)
	}
	return l
}

// licenceChunkLines is how many lines make one block of the licence list:
// few enough that a block (the list's least height) fits the window at the
// largest text.
const licenceChunkLines = 12

// licenceChunks cuts text into lines of at most columns characters (at a
// space where there is one) and joins them into blocks of lines.
func licenceChunks(text string, columns, lines int) []string {
	var all []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.ReplaceAll(line, "\t", "    ")
		for utf8.RuneCountInString(line) > columns {
			r := []rune(line)
			cut := columns
			if i := strings.LastIndex(string(r[:columns]), " "); i > 0 {
				cut = utf8.RuneCountInString(string(r[:columns])[:i])
			}
			all = append(all, strings.TrimRight(string(r[:cut]), " "))
			line = strings.TrimLeft(string(r[cut:]), " ")
		}
		all = append(all, line)
	}
	var chunks []string
	for i := 0; i < len(all); i += lines {
		chunks = append(chunks, strings.Join(all[i:min(i+lines, len(all))], "\n"))
	}
	return chunks
}
