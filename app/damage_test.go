package app

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestReaderReportsDamagedPassages: a document whose stored passage
// offsets lie past its text (a damaged or crafted file) opens without a
// panic, and the status bar says it is damaged and which passage.
func TestReaderReportsDamagedPassages(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	docs, err := st.Documents(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v, %v", docs, err)
	}
	ps, err := st.Passages(t.Context(), docs[0].ID)
	if err != nil || len(ps) < 3 {
		t.Fatalf("passages: %d, %v", len(ps), err)
	}
	raw, err := sql.Open("sqlite", "file:"+st.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE passages SET end = end + 100000 WHERE id = ?`, ps[2].ID); err != nil {
		t.Fatal(err)
	}
	// The reader holds the seed article already: open another one first.
	other := writeFile(t, filepath.Join(t.TempDir(), "other.txt"), "Another document\n\nWith one paragraph.\n")
	res := importFile(t, st, other)
	u.do(func() { u.reader.openDocument(res.DocumentID) })
	if msg := u.status.message.Text; strings.Contains(msg, "damaged") {
		t.Errorf("a sound document is called damaged: %q", msg)
	}
	u.do(func() { u.reader.openDocument(docs[0].ID) })
	if msg := u.status.message.Text; !strings.Contains(msg, "This document is damaged") || !strings.Contains(msg, "passage 3 of") {
		t.Errorf("status: %q", msg)
	} else if !strings.HasSuffix(msg, ".") {
		// As the status line's other messages end (a UI pass: the
		// message of a recovered file's lost passages ended "…which
		// citations and exports use").
		t.Errorf("the status line's message ends without a full stop: %q", msg)
	}
	if len(u.reader.passages) != len(ps) {
		t.Errorf("reader shows %d passages; want all %d as stored", len(u.reader.passages), len(ps))
	}
}

// TestExportFromWindowWithDamage: the window's export of a damaged file
// (which used to panic in charRange) writes what can be read, says
// "Exported … to …" and shows the problems in a dialog.
func TestExportFromWindowWithDamage(t *testing.T) {
	u := newTestUI(t)
	st := u.CurrentStore()
	docs, err := st.Documents(t.Context())
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v, %v", docs, err)
	}
	ps, err := st.Passages(t.Context(), docs[0].ID)
	if err != nil || len(ps) < 3 {
		t.Fatalf("passages: %d, %v", len(ps), err)
	}
	for i, note := range []string{"sound note", "", "note on the damaged passage"} {
		if i == 1 {
			continue
		}
		if _, err := st.AddBookmark(t.Context(), ps[i].ID, nil, note); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", "file:"+st.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE passages SET end = end + 100000 WHERE id = ?`, ps[2].ID); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.csv")
	u.do(func() { u.writeExport(exportFormats[1], "", out) })
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "sound note") || strings.Contains(string(data), "note on the damaged passage") {
		t.Errorf("export file: %v\n%s", err, data)
	}
	if msg := u.status.message.Text; msg != "Exported 1 bookmark to "+out {
		t.Errorf("status: %q", msg)
	}
	if u.w.Canvas().Overlays().Top() == nil {
		t.Error("no dialog shows the problems")
	}
}
