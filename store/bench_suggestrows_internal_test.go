package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkSuggestionRows stores an import's tag suggestions as the import
// does (insertSuggestions: one prepared statement, a row per suggestion,
// 2.4 a passage as in the generated corpora) into passage_tags as
// migration 0017 makes it, and beside it into the table as it was before
// (its state's check an IN list of three values, for which SQLite builds
// a temporary table at every insert). Reports µs a row.
//
//	go test ./store/ -run '^$' -bench SuggestionRows -benchtime 5x
func BenchmarkSuggestionRows(b *testing.B) {
	for _, check := range []string{"comparisons", "in-list"} {
		b.Run(check, func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(filepath.Join(b.TempDir(), "research.dossier"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if check == "in-list" {
				for _, q := range UndoStateCheck(b) {
					if !strings.HasPrefix(q, "PRAGMA") {
						if _, err := s.db.ExecContext(ctx, q); err != nil {
							b.Fatalf("%s: %v", q, err)
						}
					}
				}
			}
			const passages, tags = 10000, 60
			var text strings.Builder
			for i := range passages {
				fmt.Fprintf(&text, "Paragraph %d names an actor or two.\n\n", i)
			}
			doc, err := s.ImportText(ctx, "Many passages", "", text.String())
			if err != nil {
				b.Fatal(err)
			}
			for i := range tags {
				if _, err := s.db.ExecContext(ctx, `INSERT INTO tags (family, kind, name, description, color, created_at) VALUES ('actor', 'person', ?, '', '', '2026-01-01T00:00:00.000Z')`,
					fmt.Sprintf("Actor %d", i)); err != nil {
					b.Fatal(err)
				}
			}
			var first int64
			if err := s.db.QueryRowContext(ctx, `SELECT min(id) FROM passages WHERE document_id = ?`, doc.DocumentID).Scan(&first); err != nil {
				b.Fatal(err)
			}
			var tagIDs []int64
			rows, err := s.db.QueryContext(ctx, `SELECT id FROM tags`)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				tagIDs = append(tagIDs, id)
			}
			rows.Close()
			var found []suggestion
			for p := range int64(passages) {
				for k := range 2 + p%5/4 { // 2 or 3 a passage: 2.2 on average
					found = append(found, suggestion{passage: first + p, tag: tagIDs[(p*7+k*13)%int64(len(tagIDs))], span: Range{Start: 0, End: 9}})
				}
			}
			b.ResetTimer()
			var elapsed time.Duration
			for range b.N {
				tx, err := s.db.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if err := insertSuggestions(ctx, tx, found, time.Now()); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
				tx.Rollback()
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(elapsed.Microseconds())/float64(b.N*len(found)), "µs/row")
		})
	}
}
