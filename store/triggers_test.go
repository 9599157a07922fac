package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/store"
)

// A research file carrying SQL triggers Dossier never makes, or one of its
// own rewritten, opens read-only: they run with Dossier's own changes
// (here: deleting every document when a bookmark is added, and renaming an
// imported document), and check called such a file ok. Check names them,
// and recover makes a copy without them. Found by a hostile pass.
func TestForeignTriggersKeepAFileReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.dossier")
	st := mustOpenAt(t, path)
	if _, err := st.ImportText(ctx, "Report", "", "First paragraph.\n\nSecond paragraph."); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if p, err := store.CheckFile(ctx, path); err != nil || len(p) != 0 {
		t.Fatalf("a file with Dossier's own triggers: %q, %v", p, err)
	}
	for _, c := range []struct{ name, ddl string }{
		{"wipe", `CREATE TRIGGER wipe AFTER INSERT ON bookmarks BEGIN DELETE FROM documents; END`},
		// One of Dossier's own, rewritten.
		{"passages_ad", `DROP TRIGGER passages_ad; CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    UPDATE documents SET title = 'pwned';
END`},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "copy.dossier")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, b, 0o644)
			db := rawDB(t, p)
			if _, err := db.Exec(c.ddl); err != nil {
				t.Fatal(err)
			}
			db.Close()
			problems, err := store.CheckFile(ctx, p)
			if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "triggers") || !strings.Contains(problems[0], c.name) {
				t.Errorf("check: %q, %v; want the trigger %s named", problems, err, c.name)
			}
			s, err := store.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !s.ReadOnly() || !s.CarriesForeignTriggers() || !strings.Contains(s.ReadOnlyReason(), c.name) {
				t.Fatalf("opened read-only %v (%q), foreign triggers %v", s.ReadOnly(), s.ReadOnlyReason(), s.CarriesForeignTriggers())
			}
			hits, err := s.Search(ctx, store.SearchRequest{Query: "paragraph"})
			if err != nil || hits.Total != 2 {
				t.Fatalf("search: %+v, %v", hits, err)
			}
			if _, err := s.AddBookmark(ctx, hits.Hits[0].PassageID, nil, "note"); !errors.Is(err, store.ErrReadOnly) {
				t.Errorf("bookmark in a file with foreign triggers: %v", err)
			}
			if docs, _ := s.Documents(ctx); len(docs) != 1 || docs[0].Title != "Report" {
				t.Errorf("documents after the refused bookmark: %+v", docs)
			}
			out := filepath.Join(t.TempDir(), "clean.dossier")
			if _, err := store.Recover(ctx, p, out); err != nil {
				t.Fatal(err)
			}
			if problems, err := store.CheckFile(ctx, out); err != nil || len(problems) != 0 {
				t.Errorf("recovered copy: %q, %v", problems, err)
			}
			r := mustOpenAt(t, out)
			if r.ReadOnly() {
				t.Errorf("the recovered copy is read-only: %s", r.ReadOnlyReason())
			}
		})
	}
}
