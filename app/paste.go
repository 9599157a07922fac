package app

// Library → New document from clipboard…: text copied out of a browser or a
// viewer becomes a document, imported like a text file, with a title and
// the source typed in.

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/internal/wording"
	"dossier/store"
)

// pasteTitleLen bounds the title prefilled from the clipboard's first line.
const pasteTitleLen = 120

// showPasteDialog asks for the title (prefilled from the clipboard text's
// first line) and the source of the clipboard's text, then imports it.
func (u *UI) showPasteDialog() {
	if u.refuseReadOnly() || u.raiseDialog("paste-document") {
		return
	}
	text := u.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		u.showInfo("Nothing to paste", "The clipboard holds no text. Copy the text of an article or a report "+
			"(in a browser or a viewer), then choose Library → New document from clipboard… again.")
		return
	}
	title := u.newField()
	title.SetText(pastedTitle(text))
	source := u.newField()
	source.SetPlaceHolder("optional, e.g. copied from nytimes.com")
	size := widget.NewLabel(fmt.Sprintf("%s of text from the clipboard.", plural(utf8.RuneCountInString(text), "character")))
	size.Importance = widget.LowImportance
	body := container.NewVBox(widget.NewForm(widget.NewFormItem("Title", title), widget.NewFormItem("Source", source)), size)
	u.showKeyed(keyedDialog{
		name: "paste-document", title: "New document from clipboard", ok: "Import", cancel: "Cancel", focus: title,
		body: body, size: fyne.NewSize(560, 0),
		validate: func() error {
			if wording.Blank(title.Text) { // invisible characters alone (U+200B) are no title
				return errors.New("a document needs a title")
			}
			return nil
		},
		onOK: func() { u.importPasted(title.Text, source.Text, text) },
	})
	title.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// pastedTitle is the text's first non-blank line, on one line and brief: the
// title a pasted article most likely has. A longer line is cut after a
// whole word: cut at 120 characters, the title offered (and imported as
// it was) ended in the middle of a word, "…said electio…" (a hostile UI
// pass, a passage copied with its citation).
func pastedTitle(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		l := wording.OneLine(line)
		if wording.Blank(l) { // a line of zero-width spaces from a web page is none
			continue
		}
		r := []rune(l)
		if len(r) <= pasteTitleLen {
			return l
		}
		cut := string(r[:pasteTitleLen])
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 && r[pasteTitleLen] != ' ' {
			cut = cut[:i]
		}
		return strings.TrimRight(cut, " ,;:—–-") + "…"
	}
	return ""
}

// importPasted imports pasted text on the worker, then shows the summary an
// import shows and refreshes the library and the current search.
func (u *UI) importPasted(title, source, text string) {
	if u.refuseReadOnly() {
		return
	}
	st, gen := u.store()
	life := u.life // quitting stops it, as it stops an import
	// A long text takes seconds to store and read for claims: nothing on
	// screen said anything was happening until the summary (a hostile
	// pass, 2 MB pasted). The library's refresh after it says the rest.
	u.status.setMessage(fmt.Sprintf("Importing “%s” from the clipboard and finding its claims…", showable(wording.Brief(title, 80))))
	u.work.run(func() func() {
		res, note, err := st.ImportTextNoted(life, title, source, text)
		var claims claimsFound
		if err == nil && !res.AlreadyPresent {
			if claimsPhaseHook != nil {
				claimsPhaseHook()
			}
			claims = findClaims(life, st, []int64{res.DocumentID}, importStatus{}, nil)
		}
		// The note stays while the claims are found (a kill meanwhile is
		// said at the next open), and past the window's end if that
		// stopped it, as a file import's does (see importPaths).
		if life.Err() != nil && (claims.stopped || claims.err != nil) {
			note.Leave()
		} else {
			note.Done()
		}
		return func() {
			if !u.current(gen) {
				return
			}
			if store.IsFileError(err) { // the research file's failure, not the text's
				u.showError(err)
				return
			}
			o := importOutcome{path: "Clipboard", title: res.Title, passages: res.Passages, present: res.AlreadyPresent, err: err}
			u.showImportSummary([]importOutcome{o}, 1, false, claims, nil)
			u.refreshLibrary()
			u.annotationsChanged()
			u.search.rerun()
			if err == nil {
				u.reader.openDocument(res.DocumentID)
			}
		}
	})
}
