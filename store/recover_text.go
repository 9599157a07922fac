package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// salvageDocument stores document id from the damaged file src when its row
// cannot be read whole. A document's text is by far its largest column,
// spread over many overflow pages, so it is the likeliest to be hit; the
// columns stored before it usually still read, and every passage holds its
// own text and byte offsets, so the text is put back together from them
// (what lay between passages — blank lines, a title line — from their
// leads, or newlines where a passage has none). That keeps the passages, and the bookmarks and tags on them,
// which would otherwise all be lost with the one row. The content hash is
// kept, so bundles exported before the damage still match.
func salvageDocument(ctx context.Context, src querier, tx *sql.Tx, id int64) bool {
	srcCols, err := readRows(ctx, src, `SELECT name FROM pragma_table_info('documents')`, 1)
	if err != nil {
		return false
	}
	var cols []string
	for _, r := range srcCols {
		name, _ := r[0].(string)
		if name == "text" {
			break // columns after it are read through its overflow pages
		}
		cols = append(cols, `"`+name+`"`)
	}
	var vals []any
	if len(cols) > 0 {
		row, err := readRows(ctx, src, fmt.Sprintf(`SELECT %s FROM documents WHERE id = ?`, strings.Join(cols, ", ")), len(cols), id)
		if err == nil && len(row) == 1 {
			vals = row[0]
		}
	}
	if vals == nil {
		// The row is lost altogether (its page, or the table's root):
		// the passages still say which document they belong to.
		cols = []string{`"id"`, `"title"`, `"format"`}
		vals = []any{id, fmt.Sprintf("Recovered document %d", id), "text"}
	}
	// Passages that cannot be read are skipped later anyway: use those that can.
	// A document whose text is stored once (0011) has what lies between
	// passages in their leads; one from before has only its passages.
	// Each passage is read on its own (their ids from the index, which
	// holds them): one on a damaged page must not cost the others.
	ps := readPassagesOf(ctx, src, id)
	// The newlines standing for what no passage holds are never more than
	// the passages hold: a crafted offset cannot make this allocate
	// gigabytes (nor lose the document).
	var budget, padded int64
	for _, p := range ps {
		budget += int64(len(asString(p[2])) + len(asString(p[3])))
	}
	var text []byte
	for _, p := range ps {
		start, ok1 := p[0].(int64)
		end, ok2 := p[1].(int64)
		pt, lead := asString(p[2]), asString(p[3])
		if !ok1 || !ok2 || start < int64(len(text)) || end-start != int64(len(pt)) || end > maxText ||
			padded+start-int64(len(lead))-int64(len(text)) > budget {
			continue // overlapping, inconsistent or far off: leave that stretch as it is
		}
		padded += max(start-int64(len(lead))-int64(len(text)), 0)
		for int64(len(text)) < start-int64(len(lead)) {
			text = append(text, '\n')
		}
		if int64(len(text)) == start-int64(len(lead)) {
			text = append(text, lead...)
		}
		for int64(len(text)) < start {
			text = append(text, '\n')
		}
		text = append(text, pt...)
	}
	if len(text) == 0 {
		return false
	}
	vals = append(vals, string(text))
	cols = append(cols, `"text"`)
	if !contains(cols, `"content_hash"`) {
		sum := sha256.Sum256(text)
		cols = append(cols, `"content_hash"`)
		vals = append(vals, hex.EncodeToString(sum[:]))
	}
	if !contains(cols, `"imported_at"`) {
		cols = append(cols, `"imported_at"`)
		vals = append(vals, time.Now().UTC().Format(time.RFC3339))
	}
	_, err = tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO documents (%s) VALUES (%s)`, strings.Join(cols, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")), vals...)
	return err == nil
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// salvageOrphanDocuments stores, rebuilt from their passages, the
// documents that passages in src belong to but that could not be copied at
// all: when the documents table's root page is damaged, no row of it can
// be read, and every passage, bookmark and tag would go with them.
func salvageOrphanDocuments(ctx context.Context, src querier, tx *sql.Tx) int {
	ids, _ := readRows(ctx, src, `SELECT DISTINCT document_id FROM passages`, 1)
	n := 0
	for _, r := range ids {
		id, ok := r[0].(int64)
		if !ok {
			continue
		}
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, id).Scan(&one); !errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if salvageDocument(ctx, src, tx, id) {
			n++
		}
	}
	return n
}

// readPassagesOf reads the start, end, text and lead of each readable
// passage of document id in the damaged file src, in the order of their
// starts.
func readPassagesOf(ctx context.Context, src querier, id int64) [][]any {
	ids, err := readRows(ctx, src, `SELECT id FROM passages WHERE document_id = ? ORDER BY ordinal`, 1, id)
	if err != nil { // the index is damaged: the table, as far as it reads
		ids, _ = readRows(ctx, src, `SELECT id FROM passages NOT INDEXED WHERE document_id = ?`, 1, id)
	}
	row := `SELECT start, end, text, lead FROM passages WHERE id = ?`
	if _, err := readRows(ctx, src, `SELECT lead FROM passages LIMIT 0`, 1); err != nil {
		row = `SELECT start, end, text, '' FROM passages WHERE id = ?` // a file from before leads
	}
	var ps [][]any
	for _, r := range ids {
		if got, err := readRows(ctx, src, row, 4, r[0]); err == nil && len(got) == 1 {
			ps = append(ps, got[0])
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, _ := ps[i][0].(int64)
		b, _ := ps[j][0].(int64)
		return a < b
	})
	return ps
}
