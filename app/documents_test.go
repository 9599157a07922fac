package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dossier/store"
)

// The delete confirmation counts as the rest of the window does, with
// thousands separated ("4461 passages" there, "4,461" everywhere else:
// found by a UI pass).
func TestDeleteQuestionSeparatesThousands(t *testing.T) {
	q := deleteQuestion(store.Document{Title: "Mueller report", Passages: 4461}, "", store.AnnotationCounts{Suggestions: 3242, Bookmarks: 1})
	for _, want := range []string{"4,461 passages", "3,242 suggested tags", "1 bookmark"} {
		if !strings.Contains(q, want) {
			t.Errorf("%q lacks %q", q, want)
		}
	}
}

// The confirmation says that accepted claims go with the document (a
// hostile data pass: it named bookmarks and tags only).
func TestDeleteQuestionNamesClaims(t *testing.T) {
	q := deleteQuestion(store.Document{Title: "Report", Passages: 19}, "", store.AnnotationCounts{Claims: 2})
	if !strings.Contains(q, "2 claims accepted or annotated") {
		t.Errorf("%q does not name the 2 accepted claims", q)
	}
}

// The confirmation counts a document's suggested claims, as it does its
// suggested tags, and says that suggestions come back with a new import
// (the Mueller report's 910 suggested claims went unsaid: ui15's L3).
func TestDeleteQuestionNamesSuggestedClaims(t *testing.T) {
	for _, c := range []struct {
		counts store.AnnotationCounts
		want   string
	}{
		{store.AnnotationCounts{Bookmarks: 1, Suggestions: 7520, SuggestedClaims: 910},
			"1 bookmark will be deleted with it. So will its 7,520 suggested tags and 910 suggested claims: suggestions come back when it is imported again."},
		{store.AnnotationCounts{SuggestedClaims: 1},
			"It has no bookmarks, tags or claims accepted or annotated. Its 1 suggested claim will be deleted with it: suggestions come back when it is imported again."},
	} {
		if q := deleteQuestion(store.Document{Title: "Mueller report", Passages: 4461}, "", c.counts); !strings.Contains(q, "\n\n"+c.want+"\n\n") {
			t.Errorf("%+v: %q does not say %q", c.counts, q, c.want)
		}
	}
}

// Library → Document details… fills in what citations name; the reader's
// header and Copy with citation show it at once, and Undo puts it back (a
// researcher's pass: the Mueller report could only be cited by Dossier's
// own passage and character numbers).
func TestDocumentDetailsDialog(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	u.do(func() { u.showDocumentDetails(u.reader.doc) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	if len(fields) != 5 || fields[0].Text != seedTitle || fields[2].Text != "Reuters" {
		t.Fatalf("%d fields, title %q", len(fields), fields[0].Text)
	}
	u.do(func() {
		fields[1].SetText("Jonathan Landay")
		fields[3].SetText("16 March 2021")
		fields[4].SetText("https://www.reuters.com/article/us-usa-election-russia")
	})
	u.tapDialogButton(t, "Document details", "Save")
	if got := u.reader.meta.Segments[0].(*widget.TextSegment).Text; !strings.Contains(got, "by Jonathan Landay") || !strings.Contains(got, "16 March 2021") {
		t.Errorf("the reader's header says %q", got)
	}
	u.do(u.copyCitation)
	// The address too, which the dialog says citations name (left out: a
	// UI pass).
	if got := u.a.Clipboard().Content(); !strings.Contains(got, "— Jonathan Landay, “"+seedTitle+"”, Reuters, 16 March 2021 (passage 13") ||
		!strings.HasSuffix(got, "), https://www.reuters.com/article/us-usa-election-russia.") {
		t.Errorf("citation %q", got)
	}
	u.do(u.undoNow)
	u.work.wait()
	d, err := u.CurrentStore().Document(context.Background(), u.reader.doc.ID)
	if err != nil || d.Author != "" || d.Published != "" {
		t.Errorf("after undo: %+v, %v", d.Details(), err)
	}
	if got := u.reader.meta.Segments[0].(*widget.TextSegment).Text; strings.Contains(got, "Landay") {
		t.Errorf("after undo the reader's header says %q", got)
	}
}

// A detail holding a bidirectional control is shown with U+FFFD for it;
// saving another detail leaves it as it is (U+FFFD was written over the
// controls of a title not touched; a hostile data pass). Undo after the
// details were changed in another window leaves them as they are.
func TestDocumentDetailsKeepWhatTheyShowAsMarks(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	ctx := context.Background()
	st := u.CurrentStore()
	d := u.reader.doc
	withBidi := d.Details()
	withBidi.Title, withBidi.Published = "\u202bאבג\u202c "+seedTitle, "16 \u2067March\u2069 2021"
	if _, err := st.SetDocumentDetails(ctx, d.ID, withBidi); err != nil {
		t.Fatal(err)
	}
	d, _ = st.Document(ctx, d.ID)
	u.do(func() { u.showDocumentDetails(d) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	if !strings.Contains(fields[0].Text, "\ufffd") {
		t.Fatalf("the title field shows %q", fields[0].Text)
	}
	u.do(func() { fields[1].SetText("Jonathan Landay") })
	u.tapDialogButton(t, "Document details", "Save")
	u.work.wait()
	want := withBidi
	want.Author = "Jonathan Landay"
	if got, _ := st.Document(ctx, d.ID); got.Details() != want {
		t.Errorf("after saving the author: %q, want %q", got.Details(), want)
	}

	theirs := want
	theirs.Source = "Reuters wire"
	if _, err := st.SetDocumentDetails(ctx, d.ID, theirs); err != nil { // as another window on the file would
		t.Fatal(err)
	}
	u.do(u.undoNow)
	u.work.wait()
	if got, _ := st.Document(ctx, d.ID); got.Details() != theirs {
		t.Errorf("undo over details changed since left %q, want %q", got.Details(), theirs)
	}
}

// The reader header's details line shows a bidirectional control as the
// title does, as U+FFFD: an author with U+202E turned the rest of the line
// around, the file name and counts with it (a hostile data pass).
func TestTheHeaderLineShowsBidiControlsAsMarks(t *testing.T) {
	line := metadataLine(store.Document{Author: "Landay\u202e", Source: "Reuters\u2067", Published: "2017", FileName: "a.txt", Passages: 3})
	if strings.IndexFunc(line, isBidiControl) >= 0 || !strings.Contains(line, "by Landay\ufffd · 2017 · file: a.txt") {
		t.Errorf("header line %q", line)
	}
}

// A detail left as the dialog showed it keeps what the file holds when
// saved: a date another window filled in while this dialog was open was
// put back to empty when the author was saved here (a hostile data pass).
func TestDocumentDetailsLeftAsShownKeepAnotherWindowsEdit(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	ctx := context.Background()
	st := u.CurrentStore()
	d := u.reader.doc
	u.do(func() { u.showDocumentDetails(d) })
	fields := findAll[*fieldEntry](u.dialog(t, "Document details"))
	theirs := d.Details()
	theirs.Published = "16 March 2021"
	if _, err := st.SetDocumentDetails(ctx, d.ID, theirs); err != nil { // as another window on the file would
		t.Fatal(err)
	}
	u.do(func() { fields[1].SetText("Jonathan Landay") })
	u.tapDialogButton(t, "Document details", "Save")
	u.work.wait()
	want := theirs
	want.Author = "Jonathan Landay"
	if got, _ := st.Document(ctx, d.ID); got.Details() != want {
		t.Errorf("after saving the author: %q, want %q", got.Details(), want)
	}
	u.do(u.undoNow)
	u.work.wait()
	if got, _ := st.Document(ctx, d.ID); got.Details() != theirs {
		t.Errorf("after undo: %q, want %q", got.Details(), theirs)
	}
}

// Undoing a rename leaves a title renamed since in another window as it
// is, and says so: the undo wrote over it without a word (a hostile data
// pass).
func TestUndoingARenameLeavesATitleRenamedSince(t *testing.T) {
	u := newTestUI(t)
	u.openPassage(t, "kilimnik manafort", 13)
	ctx := context.Background()
	st := u.CurrentStore()
	d := u.reader.doc
	u.do(func() { u.renameDocument(d) })
	u.do(func() { findAll[*fieldEntry](u.dialog(t, "Rename document"))[0].SetText("Interference\x00 report") })
	u.tapDialogButton(t, "Rename document", "Rename")
	u.work.wait()
	if got, _ := st.Document(ctx, d.ID); got.Title != "Interference report" {
		t.Errorf("renamed to %q", got.Title)
	}
	if _, err := st.RenameDocument(ctx, d.ID, "Their title"); err != nil { // as another window on the file would
		t.Fatal(err)
	}
	u.do(u.undoNow)
	u.work.wait()
	if got, _ := st.Document(ctx, d.ID); got.Title != "Their title" {
		t.Errorf("undo over a title renamed since left %q", got.Title)
	}
	var msg string
	u.do(func() { msg = overlayTexts(u.w) })
	if !strings.Contains(msg, "it is left as it is now") {
		t.Errorf("the window says %q", msg)
	}
}
