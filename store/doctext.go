package store

import (
	"bytes"
	"compress/flate"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/store/ingest"
)

// A document's text (migration 0011): its passages hold it whole, each
// with its lead, the text between the previous passage and it, and the
// documents row holds only the tail after the last passage, its whole
// length, and a deflated copy (text_z). The text is read from the
// passages; when some are lost (a damaged page of their table) the copy
// still holds it, as the whole text in the row did before. Documents
// imported before keep their whole text in the row (text_length NULL).

// maxText bounds a document's text as read back (four times the largest
// file an import reads: formats such as .docx are compressed), so that a
// crafted length cannot make the reader allocate more.
const maxText = 4 * ingest.MaxFileSize

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
// ordinal order, and its tail; length is the stored whole length (-1:
// unknown). A damaged or crafted file may have lost a passage or changed
// its offsets:
// what cannot be placed is left as spaces, so every other passage keeps its
// offsets. A passage left out is only counted here: its offsets no longer
// fit the text, which passageProblems says; the problems are what it
// cannot see (text lost with a passage, a passage that does not fit after
// the one before).
func assembleText(title string, pieces []passagePiece, tail string, length int) (text string, problems []string, leftOut int) {
	var b strings.Builder
	stored := len(tail)
	for _, p := range pieces {
		stored += len(p.lead) + len(p.text)
	}
	b.Grow(stored)
	// Blanks stand for what is missing: never more than the length lacks
	// (none when the length is unknown, -1).
	budget := max(min(length, maxText)-stored, 0)
	pos, after, blanks := 0, false, 0 // after: a passage left out since the last placed
	for _, p := range pieces {
		if p.start < 0 || p.end < p.start || p.end-p.start != len(p.text) || blanks+p.start-len(p.lead)-pos > budget {
			after = true
			leftOut++
			budget += len(p.lead) + len(p.text) // its bytes are blanks now
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
			if !after {
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
		pos, after = p.end, false
	}
	b.WriteString(tail)
	if length >= 0 && b.Len() != length && len(problems) == 0 && leftOut == 0 {
		problems = append(problems, fmt.Sprintf("“%s” should be %d bytes long, its passages make %d", title, length, b.Len()))
	}
	return b.String(), problems, leftOut
}

// documentText is a document's whole text: put together from its
// passages while none is lost, else its row's copy, else what the passages
// still give; problems say what could not be (see assembleText), for the
// reader to show beside the document. The copy is read only when it is
// needed: a crafted one cannot cost memory while the passages are whole.
func (v view) documentText(ctx context.Context, id int64) (text string, problems []string, err error) {
	stored, err := v.storedText(ctx, id)
	if err != nil || stored.kind == "null" {
		return stored.rowText, nil, err // imported before: the row holds it whole
	}
	pieces, err := queryAll(ctx, v.db, func(row scanner) (passagePiece, error) {
		var p passagePiece
		err := row.Scan(&p.ordinal, &p.start, &p.end, &p.lead, &p.text)
		return p, err
	}, `SELECT ordinal, start, end, coalesce(lead, ''), coalesce(text, '') FROM passages WHERE document_id = ? ORDER BY ordinal`, id)
	if err != nil {
		return "", nil, err
	}
	return stored.assemble(pieces)
}

// documentTextAndPassages is documentText with the document's passages,
// read once for both (the reader and the check want both: reading them
// twice was a fifth of opening a long document). Each passage keeps its own
// copy of its words, not a slice of the text: the window caches words it
// has measured, and a slice would keep every document ever shown in memory.
func (v view) documentTextAndPassages(ctx context.Context, id int64) (text string, problems []string, passages []Passage, err error) {
	_, text, problems, passages, err = v.textAndPassages(ctx, id)
	return text, problems, passages, err
}

// textAndPassages is documentTextAndPassages with the document's row.
func (v view) textAndPassages(ctx context.Context, id int64) (stored storedTextRow, text string, problems []string, passages []Passage, err error) {
	if stored, err = v.storedText(ctx, id); err != nil {
		return stored, "", nil, nil, err
	}
	var leads []string
	passages, err = queryAll(ctx, v.db, func(row scanner) (Passage, error) {
		var p Passage
		var lead string
		err := row.Scan(&p.ID, &p.DocumentID, &p.Ordinal, &p.Start, &p.End, &p.Text, &p.Heading, &p.Footnote, &p.Page, &lead)
		leads = append(leads, lead)
		return p, err
	}, `SELECT `+passageColumns+`, coalesce(lead, '') FROM passages WHERE document_id = ? ORDER BY ordinal`, id)
	if err != nil || stored.kind == "null" {
		return stored, stored.rowText, nil, passages, err // imported before: the row holds it whole
	}
	pieces := make([]passagePiece, len(passages))
	for i, p := range passages {
		pieces[i] = passagePiece{ordinal: p.Ordinal, start: p.Start, end: p.End, lead: leads[i], text: p.Text}
	}
	if text, problems, err = stored.assemble(pieces); err != nil {
		return stored, "", nil, nil, err
	}
	return stored, text, problems, passages, nil
}

// storedTextRow is what a document's row holds of its text (see the top of
// this file).
type storedTextRow struct {
	title   string
	rowText string // the tail after the last passage; the whole text before 0011
	kind    string // text_length's type: "null" for a document imported before 0011
	length  int64  // the whole length; -1 when unknown
	hasCopy bool   // the row has a deflated copy (text_z)
	// readCopy reads the deflated copy, which is read only when it is
	// needed: it is a third of the text's size (3 ms of opening the Mueller
	// report in the reader), and a crafted one costs nothing while the
	// passages are whole.
	readCopy func() ([]byte, error)
}

func (v view) storedText(ctx context.Context, id int64) (storedTextRow, error) {
	r := storedTextRow{readCopy: func() ([]byte, error) {
		var z []byte
		err := v.db.QueryRowContext(ctx, `SELECT text_z FROM documents WHERE id = ?`, id).Scan(&z)
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err() // cancelled, not damaged
		}
		return z, err
	}}
	err := v.db.QueryRowContext(ctx, `SELECT title, coalesce(text, ''), typeof(text_length),
		CASE WHEN typeof(text_length) = 'integer' THEN text_length ELSE -1 END, typeof(text_z) <> 'null' FROM documents WHERE id = ?`, id).
		Scan(&r.title, &r.rowText, &r.kind, &r.length, &r.hasCopy)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return r, err
}

// assemble is the text of a document imported since 0011 from its passages'
// pieces, in ordinal order, and its row (see documentText). A copy that
// cannot be read is a damaged one; err is only a cancelled read's.
func (r storedTextRow) assemble(pieces []passagePiece) (text string, problems []string, err error) {
	length := min(r.length, maxText) // -1: not a number (a crafted file), so unknown
	whole := true                    // an import numbers a document's passages 1 to n
	for i, p := range pieces {
		whole = whole && p.ordinal == i+1
	}
	assembled, problems, leftOut := assembleText(r.title, pieces, r.rowText, int(length))
	if whole && len(problems) == 0 && leftOut == 0 {
		return assembled, nil, nil
	}
	z, err := r.readCopy()
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return "", nil, err
	}
	if copied, ok := inflate(z, length, firstPiece(pieces, length)); err == nil && ok {
		if whole && int64(len(assembled)) >= length {
			return copied, nil, nil // passages that do not fit it: passageProblems names them
		}
		// A gap, or the last ones gone: what nothing else can say.
		// The reader lists passages, so it cannot show what was lost;
		// citations and exports work from this text.
		return copied, []string{fmt.Sprintf("“%s” has lost passages: the reader leaves out what they held and searches do not find it; "+
			"the whole text survives in the file's stored copy, which citations and exports use", r.title)}, nil
	}
	return assembled, append([]string{fmt.Sprintf("the stored copy of “%s” is damaged or missing too: its text was put together from the passages left", r.title)}, problems...), nil
}

// deflate is the stored copy of a document's text.
func deflate(text string) []byte {
	var b bytes.Buffer
	// The fastest level: a third of the text's size, at ~100 MB/s.
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	w.Write([]byte(text))
	w.Close()
	return b.Bytes()
}

// deflateAhead deflates docs' texts in order on a goroutine of its own, so
// that a batch's inserts (SQLite's, on this one) do not wait for it on a
// machine with a core to spare: copy(i) is document i's, once ready.
// Cancelled, it deflates no more (copy then returns nil).
func deflateAhead(ctx context.Context, docs []*ingest.Document) (copy func(i int) []byte) {
	out := make([]chan []byte, len(docs))
	for i := range out {
		out[i] = make(chan []byte, 1)
	}
	go func() {
		for i, d := range docs {
			if ctx.Err() != nil {
				out[i] <- nil
				continue
			}
			out[i] <- deflate(d.Text)
		}
	}()
	return func(i int) []byte { return <-out[i] }
}

// firstPiece is the first passage whose offsets fit a text of length
// bytes, which a sound copy agrees with (none: a zero piece).
func firstPiece(pieces []passagePiece, length int64) passagePiece {
	for _, p := range pieces {
		if p.start >= 0 && p.end-p.start == len(p.text) && int64(p.end) <= length && p.end > p.start {
			return p
		}
	}
	return passagePiece{}
}

// inflate reads a stored copy back, if it is sound: length bytes long, with
// first's text at its offsets. That is checked as soon as it is read, so a
// crafted copy (a few KB inflating to the whole length: a "bomb") costs no
// more than the passage's end.
func inflate(z []byte, length int64, first passagePiece) (string, bool) {
	if len(z) == 0 || length < 0 || length > maxText {
		return "", false
	}
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	head := make([]byte, first.end)
	if _, err := io.ReadFull(r, head); err != nil || string(head[first.start:]) != first.text {
		return "", false
	}
	// The rest as it comes (a crafted length allocates nothing), one byte
	// past the length: a longer copy is not this text.
	rest, err := io.ReadAll(io.LimitReader(r, length+1-int64(first.end)))
	if err != nil || int64(first.end+len(rest)) != length {
		return "", false
	}
	return string(head) + string(rest), true
}

// textLength is a document's whole text length in bytes, without reading
// the text.
func textLength(ctx context.Context, q querier, id int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT CASE WHEN text_length IS NULL THEN length(CAST(text AS BLOB))
		WHEN typeof(text_length) = 'integer' THEN text_length ELSE 0 END FROM documents WHERE id = ?`, id).Scan(&n)
	return n, err
}

// textProblems is what the file's check says of document id's text:
// passages that do not fit it (passageProblems, as the reader says), and a
// stored copy that does not hold the text its passages make — the copy is
// what the reader falls back on when passages are lost, and what recovery
// rebuilds the text from. Passages lost while the copy holds the text are
// not reported: that is how a recovered file keeps what it could not save,
// and the reader says so beside the document.
func (v view) textProblems(ctx context.Context, id int64) ([]string, error) {
	doc, err := v.document(ctx, id)
	if err != nil {
		return nil, err
	}
	stored, text, readerSays, passages, err := v.textAndPassages(ctx, id)
	if err != nil {
		return nil, err
	}
	if stored.kind == "null" {
		if stored.hasCopy { // an import since 0011 always stores the length
			return []string{fmt.Sprintf("the stored length of “%s” is missing: its text is read as the %d bytes its row holds", doc.Title, len(text))}, nil
		}
		return passageProblems(doc, text, passages), nil // imported before: the row holds the text whole
	}
	problems := passageProblems(doc, text, passages)
	pieces := make([]passagePiece, len(passages))
	for i, p := range passages {
		pieces[i] = passagePiece{ordinal: p.Ordinal, start: p.Start, end: p.End, text: p.Text}
	}
	z, err := stored.readCopy()
	if err != nil {
		return nil, err
	}
	if !copyHolds(z, stored.length, firstPiece(pieces, stored.length), text) {
		if len(readerSays) > 0 {
			problems = append(problems, fmt.Sprintf("the stored copy of “%s” is damaged or missing, and passages are lost: "+
				"the text cannot be put together whole", doc.Title))
		} else {
			problems = append(problems, fmt.Sprintf("the stored copy of “%s” does not hold the text its passages make: "+
				"one of the two was changed or damaged, and the text would be lost with its passages", doc.Title))
		}
	}
	return problems, nil
}

// copyHolds says whether the stored copy z is sound (see inflate) and holds
// text, reading it as it inflates: the check keeps no second copy of a
// long text in memory.
func copyHolds(z []byte, length int64, first passagePiece, text string) bool {
	if len(z) == 0 || length != int64(len(text)) || length > maxText || first.end > len(text) || text[first.start:first.end] != first.text {
		return false
	}
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	buf := make([]byte, 64<<10)
	at := 0
	for {
		n, err := r.Read(buf)
		if at+n > len(text) || string(buf[:n]) != text[at:at+n] {
			return false
		}
		at += n
		if err == io.EOF {
			return at == len(text)
		}
		if err != nil {
			return false
		}
	}
}
