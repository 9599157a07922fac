package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// salvageDocument stores document id from the damaged file src when its row
// cannot be read whole. A document's text is by far its largest column,
// spread over many overflow pages, so it is the likeliest to be hit; the
// columns stored before it usually still read, and every passage holds its
// own text and byte offsets, so the text is put back together from them
// (what lay between passages — blank lines, a title line — becomes
// newlines). That keeps the passages, and the bookmarks and tags on them,
// which would otherwise all be lost with the one row. The content hash is
// kept, so bundles exported before the damage still match.
func salvageDocument(ctx context.Context, src *sql.DB, tx *sql.Tx, id int64) bool {
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
	if len(cols) == 0 {
		return false
	}
	row, err := readRows(ctx, src, fmt.Sprintf(`SELECT %s FROM documents WHERE id = ?`, strings.Join(cols, ", ")), len(cols), id)
	if err != nil || len(row) != 1 {
		return false
	}
	// Passages that cannot be read are skipped later anyway: use those that can.
	ps, _ := readRows(ctx, src, `SELECT start, end, text FROM passages WHERE document_id = ? ORDER BY start`, 3, id)
	var text []byte
	for _, p := range ps {
		start, ok1 := p[0].(int64)
		end, ok2 := p[1].(int64)
		pt := asString(p[2])
		if !ok1 || !ok2 || start < int64(len(text)) || end-start != int64(len(pt)) || end > 1<<31 {
			continue // overlapping or inconsistent: leave that stretch as it is
		}
		for int64(len(text)) < start {
			text = append(text, '\n')
		}
		text = append(text, pt...)
	}
	if len(text) == 0 {
		return false
	}
	vals := append(row[0], string(text))
	cols = append(cols, `"text"`)
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
