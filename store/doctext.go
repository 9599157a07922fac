package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A document's text is stored once (migration 0011): its passages hold it,
// each with its lead, the text between the previous passage and it, and
// the documents row holds only the tail after the last passage. Documents
// imported before keep their whole text in the row (text_length NULL).

// maxHole bounds the blanks left for lost passages in one document, so
// that crafted offsets cannot make the reader allocate gigabytes.
const maxHole = 1 << 20

// passagePiece is what a passage adds to its document's text.
type passagePiece struct {
	ordinal    int
	start, end int
	lead, text string
}

// splitText is the inverse of assembleText for an import: the lead of each
// passage (in the order given) and the tail after the last one. Passages
// that overlap or go back get no lead; assembleText skips what they repeat.
func splitText(text string, spans [][2]int) (leads []string, tail string) {
	leads = make([]string, len(spans))
	pos := 0
	for i, s := range spans {
		if s[0] >= pos {
			leads[i] = text[pos:s[0]]
		}
		pos = max(pos, s[1])
	}
	return leads, text[pos:]
}

// assembleText puts a document's text back together from its passages, in
// ordinal order, and its tail; length is the stored whole length. A
// damaged or crafted file may have lost a passage or changed its offsets:
// what cannot be placed is left as spaces, so every other passage keeps its
// offsets. A passage left out is not reported here: its offsets no longer
// fit the text, which passageProblems says; the problems are what it
// cannot see (text lost with a passage, a passage that does not fit after
// the one before).
func assembleText(title string, pieces []passagePiece, tail string, length int) (string, []string) {
	var b strings.Builder
	stored := len(tail)
	for _, p := range pieces {
		stored += len(p.lead) + len(p.text)
	}
	b.Grow(stored)
	var problems []string
	pos, leftOut, blanks := 0, false, 0
	for _, p := range pieces {
		if p.start < 0 || p.end < p.start || p.end-p.start != len(p.text) || blanks+p.start-len(p.lead)-pos > maxHole {
			leftOut = true
			continue
		}
		if p.start < pos { // overlaps what is written: add only what is new
			if p.end > pos {
				b.WriteString(p.text[pos-p.start:])
				pos = p.end
			}
			continue
		}
		from := p.start - len(p.lead)
		switch {
		case from > pos:
			b.WriteString(strings.Repeat(" ", from-pos))
			blanks += from - pos
			if !leftOut {
				problems = append(problems, fmt.Sprintf("%d bytes of “%s” before passage %d are missing (a passage was lost): left blank",
					from-pos, title, p.ordinal))
			}
			b.WriteString(p.lead)
		case from < pos: // the file was changed: the lead overlaps the passage before
			problems = append(problems, fmt.Sprintf("passage %d of “%s” overlaps the text before it", p.ordinal, title))
			b.WriteString(p.lead[pos-from:])
		default:
			b.WriteString(p.lead)
		}
		b.WriteString(p.text)
		pos, leftOut = p.end, false
	}
	b.WriteString(tail)
	if b.Len() != length && len(problems) == 0 && !leftOut {
		problems = append(problems, fmt.Sprintf("“%s” should be %d bytes long, its passages make %d", title, length, b.Len()))
	}
	return b.String(), problems
}

// documentText is a document's whole text, put together from its passages
// when it is stored once; problems say what could not be (see
// assembleText), for the reader to show beside the document.
func (v view) documentText(ctx context.Context, id int64) (text string, problems []string, err error) {
	var title string
	var length sql.NullInt64
	err = v.db.QueryRowContext(ctx, `SELECT title, text, text_length FROM documents WHERE id = ?`, id).Scan(&title, &text, &length)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil || !length.Valid {
		return text, nil, err
	}
	pieces, err := queryAll(ctx, v.db, func(row scanner) (passagePiece, error) {
		var p passagePiece
		err := row.Scan(&p.ordinal, &p.start, &p.end, &p.lead, &p.text)
		return p, err
	}, `SELECT ordinal, start, end, coalesce(lead, ''), text FROM passages WHERE document_id = ? ORDER BY ordinal`, id)
	if err != nil {
		return "", nil, err
	}
	text, problems = assembleText(title, pieces, text, int(length.Int64))
	return text, problems, nil
}

// textLength is a document's whole text length in bytes, without reading
// the text.
func textLength(ctx context.Context, q querier, id int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT coalesce(text_length, length(CAST(text AS BLOB))) FROM documents WHERE id = ?`, id).Scan(&n)
	return n, err
}
