package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier/store/query"
)

// checkTagSpan checks that a mention span is a range of characters of the
// passage.
func (s *Store) checkTagSpan(ctx context.Context, passageID int64, span *Range) error {
	if span == nil {
		return nil
	}
	p, err := s.Passage(ctx, passageID)
	if err != nil {
		return err
	}
	if !checkSpan(p.Text, *span) {
		return fmt.Errorf("mention span [%d,%d) is not a range of characters in passage %d", span.Start, span.End, p.Ordinal)
	}
	return nil
}

func tagPassage(ctx context.Context, q querier, passageID, tagID int64, span *Range, at time.Time) error {
	var start, end any
	if span != nil {
		start, end = span.Start, span.End
	}
	_, err := q.ExecContext(ctx, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
		VALUES (?, ?, 'manual', 'accepted', ?, ?, ?5, ?5)
		ON CONFLICT (passage_id, tag_id) DO UPDATE SET state = 'accepted'`, passageID, tagID, start, end, formatTime(at))
	return friendlyFK(err, "passage or tag")
}

func untagPassage(ctx context.Context, q querier, passageID, tagID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE passage_tags SET state = 'rejected' WHERE passage_id = ? AND tag_id = ? AND origin = 'suggested'`, passageID, tagID)
	if err != nil {
		return err
	}
	r, err := q.ExecContext(ctx, `DELETE FROM passage_tags WHERE passage_id = ? AND tag_id = ? AND origin = 'manual'`, passageID, tagID)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		return rememberPassageTagRemoval(ctx, q, passageID, tagID, at)
	}
	return nil
}

func tagDocument(ctx context.Context, q querier, documentID, tagID int64, at time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
		documentID, tagID, formatTime(at))
	return friendlyFK(err, "document or tag")
}

func untagDocument(ctx context.Context, q querier, documentID, tagID int64, at time.Time) error {
	r, err := q.ExecContext(ctx, `DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?`, documentID, tagID)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		return rememberDocumentTagRemoval(ctx, q, documentID, tagID, at)
	}
	return nil
}

func friendlyFK(err error, what string) error {
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("no such %s: %w", what, ErrNotFound)
	}
	return err
}

func setTaggingState(ctx context.Context, q querier, passageID, tagID int64, state string) error {
	if state != StateAccepted && state != StateRejected && state != StatePending {
		return fmt.Errorf("unknown tagging state %q", query.Clip(state))
	}
	r, err := q.ExecContext(ctx, `UPDATE passage_tags SET state = ? WHERE passage_id = ? AND tag_id = ?`, state, passageID, tagID)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("passage %d has no tagging with tag %d: %w", passageID, tagID, ErrNotFound)
	}
	return nil
}

func decideSuggestions(ctx context.Context, q querier, tagID int64, state string, at time.Time) (int, error) {
	if state != StateAccepted && state != StateRejected {
		return 0, fmt.Errorf("unknown decision %q", query.Clip(state))
	}
	// Dated here, so that migration 0013's trigger (an update of its own
	// per row) does not run for each of what may be thousands.
	r, err := q.ExecContext(ctx, `UPDATE passage_tags SET state = ?, decided_at = ? WHERE tag_id = ? AND state = 'pending'`, state, formatTime(at), tagID)
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// PassageTag is a tag as it applies to one passage, for chips.
type PassageTag struct {
	Tag
	Origin   string
	State    string
	Span     *Range
	Document bool // applied to the whole document, not the passage
}

// passageTags returns the tags on each of the given passages (not rejected
// ones), including tags on their documents, each Tag as chips and result
// rows show and filter by it: without its counts and aliases
// (tagLookColumns; the tag list and the tag manager read them).
func (v view) passageTags(ctx context.Context, passageIDs []int64) (map[int64][]PassageTag, error) {
	if len(passageIDs) == 0 {
		return map[int64][]PassageTag{}, nil
	}
	return v.readPassageTags(ctx, tagLookColumns, `
		SELECT pt.passage_id, pt.origin, pt.state, pt.span_start, pt.span_end, 0, t.id
		FROM passage_tags pt JOIN tags t ON t.id = pt.tag_id
		WHERE pt.passage_id IN (SELECT value FROM json_each(?1)) AND pt.state <> 'rejected'
		UNION ALL
		SELECT p.id, 'manual', 'accepted', NULL, NULL, 1, dt.tag_id
		FROM passages p JOIN document_tags dt ON dt.document_id = p.document_id
		WHERE p.id IN (SELECT value FROM json_each(?1))`, idsJSON(passageIDs))
}

// documentPassageTags is passageTags for every passage of a document (the
// reader's): found through the document, not a list of its thousands of
// passage ids that SQLite parses and indexes twice.
func (v view) documentPassageTags(ctx context.Context, documentID int64) (map[int64][]PassageTag, error) {
	return v.readPassageTags(ctx, tagLookColumns, `
		SELECT pt.passage_id, pt.origin, pt.state, pt.span_start, pt.span_end, 0, t.id
		FROM passages p JOIN passage_tags pt ON pt.passage_id = p.id JOIN tags t ON t.id = pt.tag_id
		WHERE p.document_id = ?1 AND pt.state <> 'rejected'
		UNION ALL
		SELECT p.id, 'manual', 'accepted', NULL, NULL, 1, dt.tag_id
		FROM passages p JOIN document_tags dt ON dt.document_id = p.document_id
		WHERE p.document_id = ?1`, documentID)
}

// readPassageTags runs a query of passageTags' columns and puts each row's
// tag, read with columns (tagColumns or tagLookColumns), on its passage,
// sorted as chips are shown (family, then name).
func (v view) readPassageTags(ctx context.Context, columns, query string, arg any) (map[int64][]PassageTag, error) {
	rows, err := v.queryKept(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	// Only what a row holds: a whole Tag in each (thousands for a long
	// report) was most of the memory this read allocated.
	type row struct {
		pid, tagID    int64
		origin, state string
		start, end    sql.NullInt64
		document      int
	}
	var rs []row
	tagIDs := map[int64]bool{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.pid, &r.origin, &r.state, &r.start, &r.end, &r.document, &r.tagID); err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, r)
		tagIDs[r.tagID] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	tags := map[int64]Tag{}
	for id := range tagIDs {
		t, err := scanTag(v.queryRowKept(ctx, `SELECT `+columns+` FROM tags t WHERE t.id = ?`, id))
		if err != nil {
			return nil, err
		}
		tags[id] = t
	}
	out := map[int64][]PassageTag{}
	for _, r := range rs {
		pt := PassageTag{Tag: tags[r.tagID], Origin: r.origin, State: r.state, Document: r.document == 1}
		if r.start.Valid && r.end.Valid {
			pt.Span = &Range{int(r.start.Int64), int(r.end.Int64)}
		}
		out[r.pid] = append(out[r.pid], pt)
	}
	for pid := range out {
		sort.SliceStable(out[pid], func(i, j int) bool {
			a, b := out[pid][i], out[pid][j]
			if a.Family != b.Family {
				return a.Family < b.Family
			}
			return strings.ToLower(a.Name) < strings.ToLower(b.Name)
		})
	}
	return out, nil
}

func scanTagging(sc scanner) (Tagging, error) {
	var tg Tagging
	var start, end sql.NullInt64
	var created string
	err := sc.Scan(&tg.PassageID, &tg.TagID, &tg.Origin, &tg.State, &start, &end, &created, &tg.decided)
	if start.Valid && end.Valid {
		tg.Span = &Range{int(start.Int64), int(end.Int64)}
	}
	tg.Created = parseTime(created)
	return tg, err
}

// queryDocumentTaggings runs a query selecting document_id, tag_id and
// created_at from document_tags.
func queryDocumentTaggings(ctx context.Context, q querier, query string, args ...any) ([]DocumentTagging, error) {
	return queryAll(ctx, q, func(rows scanner) (DocumentTagging, error) {
		var dt DocumentTagging
		var created string
		err := rows.Scan(&dt.DocumentID, &dt.TagID, &created)
		dt.Created = parseTime(created)
		return dt, err
	}, query, args...)
}
