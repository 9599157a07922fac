package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"dossier/store/query"
)

// mentionMatcher finds mentions of tag names and aliases in text, on word
// boundaries. Acronyms (all capitals: "US", "U.S.", "GRU") match only in
// capitals, so "US" never matches "us"; other names ignore case. A name
// never matches inside a longer word: "Iran" does not match "Iranian"
// unless "Iranian" is itself an alias.
type mentionMatcher struct {
	keys   map[string][]int64 // token key → tag ids
	maxLen int                // longest name, in tokens
	first  map[string]bool    // every name's first token, lower-case: where a mention can start
}

type token struct {
	start, end int
	text       string
}

func tokenize(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, token{start, i, s[start:i]})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{start, len(s), s[start:]})
	}
	return out
}

func isAcronym(toks []token) bool {
	letters := 0
	for _, t := range toks {
		for _, r := range t.text {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters > 0 && letters <= 6
}

func exactKey(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return "=" + strings.Join(parts, " ")
}

func foldKey(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = strings.ToLower(t.text)
	}
	return strings.Join(parts, " ")
}

// empty says whether the matcher knows no names (nothing to suggest).
func (m *mentionMatcher) empty() bool { return len(m.keys) == 0 }

func newMentionMatcher() *mentionMatcher {
	return &mentionMatcher{keys: map[string][]int64{}, first: map[string]bool{}}
}

func (m *mentionMatcher) add(name string, tagID int64) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	key := foldKey(toks)
	if isAcronym(toks) {
		key = exactKey(toks)
	}
	for _, id := range m.keys[key] {
		if id == tagID {
			return
		}
	}
	m.keys[key] = append(m.keys[key], tagID)
	m.maxLen = max(m.maxLen, len(toks))
	m.first[strings.ToLower(toks[0].text)] = true
}

// find returns each tag's first mention in text.
func (m *mentionMatcher) find(text string) map[int64]Range {
	out := map[int64]Range{}
	toks := tokenize(text)
	for i := range toks {
		for n := min(m.maxLen, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			for _, key := range []string{exactKey(span), foldKey(span)} {
				for _, id := range m.keys[key] {
					if _, seen := out[id]; !seen {
						out[id] = Range{span[0].start, span[n-1].end}
					}
				}
			}
		}
	}
	return out
}

// loadMatcher builds a matcher for the given tags (nil: all tags).
func loadMatcher(ctx context.Context, q querier, tagIDs []int64) (*mentionMatcher, error) {
	where := ""
	if tagIDs != nil {
		where = ` WHERE t.id IN (` + joinIDs(tagIDs) + `)`
	}
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name FROM tags t`+where+`
		UNION ALL SELECT a.tag_id, a.alias FROM tag_aliases a JOIN tags t ON t.id = a.tag_id`+where)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := newMentionMatcher()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		m.add(name, id)
	}
	return m, rows.Err()
}

// suggestion is a pending tagging found by the matcher: tag mentioned in
// passage at span.
type suggestion struct {
	passage, tag int64
	span         Range
}

// suggest appends to found each tag's first mention in a passage's text.
func (m *mentionMatcher) suggest(passage int64, text string, found []suggestion) []suggestion {
	if m.empty() {
		return found // no names to look for: skip tokenizing
	}
	for tag, span := range m.find(text) {
		found = append(found, suggestion{passage, tag, span})
	}
	return found
}

// suggestTx records a pending suggestion for every mention of the given
// tags (nil: all) in the given documents' passages (nil: all). Existing
// taggings — accepted, pending or rejected — are left as they are, so a
// rejected suggestion is never resurrected.
func suggestTx(ctx context.Context, tx *sql.Tx, tagIDs, docIDs []int64, at time.Time) error {
	m, err := loadMatcher(ctx, tx, tagIDs)
	if err != nil || m.empty() {
		return err
	}
	q := `SELECT id, text FROM passages`
	if docIDs != nil {
		q += ` WHERE document_id IN (` + joinIDs(docIDs) + `)`
	}
	var found []suggestion
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			rows.Close()
			return err
		}
		found = m.suggest(id, text, found)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return insertSuggestions(ctx, tx, found, at)
}

// insertSuggestions records found as pending suggestions, leaving any
// existing tagging of the same passage and tag as it is.
func insertSuggestions(ctx context.Context, tx *sql.Tx, found []suggestion, at time.Time) error {
	if len(found) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO passage_tags
		(passage_id, tag_id, origin, state, span_start, span_end, created_at) VALUES (?, ?, 'suggested', 'pending', ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	t := formatTime(at)
	for _, f := range found {
		if _, err := stmt.ExecContext(ctx, f.passage, f.tag, f.span.Start, f.span.End, t); err != nil {
			return err
		}
	}
	return nil
}

const gazetteerKey = "gazetteer_loaded"

// ensureGazetteer loads the starter gazetteer (JSON list of entries) into a
// research file once, and suggests its tags across the library.
func (s *Store) ensureGazetteer(ctx context.Context, data []byte) error {
	if s.ReadOnly() {
		return nil // nothing can be added; the file is shown as it is
	}
	if _, done, err := getMeta(ctx, s.db, gazetteerKey); err != nil || done {
		return err
	}
	var entries []TagJSON // known actors and sources
	if err := json.Unmarshal(data, &entries); err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, done, err := getMeta(ctx, tx, gazetteerKey); err != nil || done {
		return err
	}
	for _, e := range entries {
		if err := validateTag(e.Family, e.Kind, e.Name, e.Color); err != nil {
			return fmt.Errorf("gazetteer entry %q: %w", query.Clip(e.Name), err)
		}
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE family = ? AND name = ?`, e.Family, e.Name).Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			continue
		}
		if _, err := insertTag(ctx, tx, e.tag(), s.now()); err != nil {
			return fmt.Errorf("gazetteer entry %q: %w", query.Clip(e.Name), err)
		}
	}
	if err := suggestTx(ctx, tx, nil, nil, s.now()); err != nil {
		return err
	}
	if err := setMeta(ctx, tx, gazetteerKey, s.stamp()); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}
