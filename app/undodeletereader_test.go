package app

import "testing"

// Undoing "Delete document" shows the document again in the reader, at
// the passage it was read at, as the confirmation promises ("Undo brings
// it all back"): the reader stayed on "Select a result…" (a hostile UI
// pass). The search's hits come back with it.
func TestUndoingADeleteShowsTheDocumentAgain(t *testing.T) {
	u := newTestUI(t)
	p := u.openPassage(t, "kilimnik", 13)
	hits := len(u.reader.hits)
	u.do(u.menuItem(t, "Library", "Delete document…").Action)
	u.tapDialogButton(t, "Delete document", "Delete")
	if u.reader.passages != nil {
		t.Fatal("the reader still shows the deleted document")
	}
	u.ctrlZ()
	got, ok := u.reader.currentPassage()
	if !ok || got.ID != p.ID || u.reader.doc.ID != p.DocumentID {
		t.Errorf("after undoing the delete the reader shows document %d at %+v (ok %v); want document %d at passage %d", u.reader.doc.ID, got, ok, p.DocumentID, p.ID)
	}
	if len(u.reader.hits) != hits || hits == 0 {
		t.Errorf("after undoing the delete the reader has %d hits of the search, had %d", len(u.reader.hits), hits)
	}
}
