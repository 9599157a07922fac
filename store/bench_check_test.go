package store_test

// BenchmarkQuickCheck: what the check after every opening costs (the
// window runs it in the background; a bulk import waits for it once per
// open file), beside SQLite's own PRAGMA quick_check of the same file, the
// part Dossier adds being RowProblems (foreign keys and the schema's
// objects):
//
//	DOSSIER_BENCH_DIR=dir [DOSSIER_BENCH_1M=1] go test ./store/ -run '^$' -bench QuickCheck -benchtime 3x -timeout 60m

import (
	"context"
	"database/sql"
	"testing"
)

func BenchmarkQuickCheck(b *testing.B) {
	ctx := context.Background()
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			c := corpus(b, c.name)
			b.Run("sqlite-quick_check", func(b *testing.B) {
				db, err := sql.Open("sqlite", "file:"+c.path+"?mode=ro")
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				for b.Loop() {
					var res string
					if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&res); err != nil || res != "ok" {
						b.Fatalf("quick_check: %q, %v", res, err)
					}
				}
			})
			b.Run("RowProblems", func(b *testing.B) {
				for b.Loop() {
					if p, err := c.st.RowProblems(ctx); err != nil || len(p) > 0 {
						b.Fatalf("row problems: %q, %v", p, err)
					}
				}
			})
			b.Run("QuickCheck", func(b *testing.B) {
				for b.Loop() {
					if p, err := c.st.QuickCheck(ctx); err != nil || len(p) > 0 {
						b.Fatalf("quick check: %q, %v", p, err)
					}
				}
			})
		})
	}
}
