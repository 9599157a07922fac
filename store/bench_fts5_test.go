package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkFTS5Variants is the import-rate experiment behind BENCHMARKS.md's
// "40k/s looks out of reach": 100k generated passages written the way the
// store writes them (importBatch and indexDocuments in documents.go: the
// passage rows through a prepared statement, then one INSERT … SELECT into
// an external-content FTS5 index, 5,000 passages per transaction) but with
// no other Dossier table, for the shipped index options and cheaper ones
// that give up features the search needs; "bulk-optimize" holds automerge
// off during the import and runs 'optimize' at the end (timed); "plain" is
// the baseline of the other benchmarks (buildPlain: content in the FTS5
// table, default settings, one transaction). Reports passages/s and the
// file's size over the raw text. One iteration is enough (-benchtime 1x).
func BenchmarkFTS5Variants(b *testing.B) {
	if testing.Short() {
		b.Skip("-short")
	}
	trainModel(b)
	gen := model.NewGenerator(benchSeed)
	rows := make([]plainRow, 100_000)
	var textBytes int64
	for i := range rows {
		rows[i] = plainRow{int64(i + 1), gen.Passage()}
		textBytes += int64(len(rows[i].text))
	}
	const porter, hash = "tokenize='porter unicode61 remove_diacritics 2'", "hashsize=33554432"
	for _, v := range []struct{ name, options, config, after string }{
		{"shipped", porter + ", prefix='2 3'", hash, ""},
		{"shipped-no-automerge", porter + ", prefix='2 3'", hash + ";automerge=0", ""},
		{"bulk-optimize", porter + ", prefix='2 3'", hash + ";automerge=0", "optimize;automerge=4"},
		{"no-porter", "tokenize='unicode61 remove_diacritics 2', prefix='2 3'", hash, ""},
		{"prefix-3-only", porter + ", prefix='3'", hash, ""},
		{"no-prefix", porter, hash, ""},
		{"floor-ascii-detail-none-no-prefix-no-automerge", "tokenize='ascii', detail=none", hash + ";automerge=0", ""},
		{"plain", "", "", ""},
	} {
		b.Run(v.name, func(b *testing.B) {
			var elapsed time.Duration
			var size int64
			for range b.N {
				path := filepath.Join(b.TempDir(), "bare.db")
				if v.name == "plain" {
					p, err := buildPlain(path, rows)
					if err != nil {
						b.Fatal(err)
					}
					p.db.Close()
					elapsed += p.insertTime
					size = p.dbBytes
					continue
				}
				elapsed += insertLikeStore(b, path, rows, v.options, v.config, v.after)
				size = fileBytes(path)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(len(rows)*b.N)/elapsed.Seconds(), "passages/s")
			b.ReportMetric(float64(size)/float64(textBytes), "size/text")
		})
	}
}

// insertLikeStore creates a passages table and an external-content FTS5
// index with the given options and config ("key=value;…", applied before;
// after: after the last batch, "optimize" or key=value) in a new file at
// path and times writing rows as the store does. The file is checkpointed
// and closed before it returns.
func insertLikeStore(b *testing.B, path string, rows []plainRow, options, config, after string) time.Duration {
	b.Helper()
	db, err := openPlain(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// The store's passages columns (migrations 0001, 0006-0008), less the
	// documents table they point at.
	if _, err := db.Exec(`CREATE TABLE passages (
		id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, ordinal INTEGER NOT NULL,
		start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
		heading INTEGER NOT NULL DEFAULT 0, footnote INTEGER NOT NULL DEFAULT 0, page INTEGER,
		UNIQUE (document_id, ordinal));
		CREATE INDEX passages_footnote ON passages (id) WHERE footnote > 0;
		CREATE INDEX passages_page ON passages (page) WHERE page IS NOT NULL`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`CREATE VIRTUAL TABLE f USING fts5(text, content='passages', content_rowid='id', ` + options + `)`); err != nil {
		b.Fatal(err)
	}
	setConfig := func(config string) {
		for _, kv := range strings.Split(config, ";") {
			k, v, _ := strings.Cut(kv, "=")
			var err error
			if k == "optimize" {
				_, err = db.Exec(`INSERT INTO f(f) VALUES ('optimize')`)
			} else {
				_, err = db.Exec(`INSERT INTO f(f, rank) VALUES (?, ?)`, k, v)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	setConfig(config)
	const batch = 5000 // store.bulkPassages: 50 documents of 100 passages
	began := time.Now()
	for i := 0; i < len(rows); i += batch {
		part := rows[i:min(i+batch, len(rows))]
		if err := insertBatchLikeStore(db, part); err != nil {
			b.Fatal(err)
		}
	}
	if after != "" {
		setConfig(after)
	}
	elapsed := time.Since(began)
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	return elapsed
}

// insertBatchLikeStore is one import transaction: the rows, 100 to a
// "document", then one INSERT … SELECT into the index (indexDocuments).
func insertBatchLikeStore(db *sql.DB, part []plainRow) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(`INSERT INTO passages (id, document_id, ordinal, start, end, text, heading, footnote, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range part {
		doc, ord := (r.id-1)/passagesPerDoc+1, (r.id-1)%passagesPerDoc+1
		if _, err := stmt.Exec(r.id, doc, ord, 0, len(r.text), r.text, 0, 0, nil); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`INSERT INTO f (rowid, text) SELECT id, text FROM passages WHERE id BETWEEN %d AND %d ORDER BY id`,
		part[0].id, part[len(part)-1].id)); err != nil {
		return err
	}
	return tx.Commit()
}
