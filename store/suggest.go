package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"dossier/store/query"
)

// loadMatcher builds a matcher for the given tags (nil: all tags). Other
// tags' names that could overlap a mention of theirs are loaded too, as
// names that are not wanted: a longer name wins where it is written ("Trump
// Jr." over "Trump"), whichever tags were asked for.
func loadMatcher(ctx context.Context, q querier, tagIDs []int64) (*mentionMatcher, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.id, t.name FROM tags t
		UNION ALL SELECT a.tag_id, a.alias FROM tag_aliases a JOIN tags t ON t.id = a.tag_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []namedID
	for rows.Next() {
		var n namedID
		if err := rows.Scan(&n.id, &n.name); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	m := newMentionMatcher()
	if tagIDs != nil {
		m.wanted = make(map[int64]bool, len(tagIDs))
		for _, id := range tagIDs {
			m.wanted[id] = true
		}
		names = overlapping(names, m.wanted)
	}
	for _, n := range names {
		m.add(n.name, n.id)
	}
	return m, nil
}

// namedID is a tag's name or alias.
type namedID struct {
	id   int64
	name string
}

// overlapping keeps the wanted tags' names and those that can overlap
// their mentions: names sharing a word with them, and so on, since a
// mention that starts no other can only be one that overlaps it. (Only
// these can change what is found; matching a file against one new tag
// stays a small matcher's work.)
func overlapping(names []namedID, wanted map[int64]bool) []namedID {
	words := make([][]string, len(names))
	for i, n := range names {
		words[i] = strings.Fields(strings.ToLower(strings.Map(func(r rune) rune {
			if isWordRune(r) {
				return r
			}
			return ' '
		}, n.name)))
	}
	// A walk over the words shared, each name and word taken once: the
	// rounds over every name until none was added took time in the square
	// of the names' count where each round added one.
	byWord := map[string][]int{}
	for i, ws := range words {
		for _, w := range ws {
			byWord[w] = append(byWord[w], i)
		}
	}
	kept := make([]bool, len(names))
	seen := map[string]bool{}
	var next []string
	keep := func(i int) {
		if kept[i] {
			return
		}
		kept[i] = true
		for _, w := range words[i] {
			if !seen[w] {
				seen[w] = true
				next = append(next, w)
			}
		}
	}
	for i, n := range names {
		if wanted[n.id] {
			keep(i)
		}
	}
	for len(next) > 0 {
		w := next[len(next)-1]
		next = next[:len(next)-1]
		for _, i := range byWord[w] {
			keep(i)
		}
	}
	var out []namedID
	for i, n := range names {
		if kept[i] {
			out = append(out, n)
		}
	}
	return out
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
	if err := insertSuggestions(ctx, tx, found, at); err != nil {
		return err
	}
	return actorsInSuggestedClaims(ctx, tx, m, found)
}

// actorsInSuggestedClaims adds the actors among the tags found to the
// suggested claims whose words name them, as the claims' reading does
// when it suggests them (store/claims): a claim was read for actors only
// then, so an actor made later ("Internet Research Agency", alias IRA,
// after importing the Mueller report) was in none of the claims, in the
// ledger nor by about:IRA (a researcher's pass). A claim the user has
// decided on keeps its actors as they are. Only the passages that
// mention a tag found are read.
func actorsInSuggestedClaims(ctx context.Context, tx *sql.Tx, m *mentionMatcher, found []suggestion) error {
	tagSet := map[int64]bool{}
	for _, f := range found {
		tagSet[f.tag] = true
	}
	if len(tagSet) == 0 {
		return nil
	}
	actors := map[int64]bool{}
	list, err := queryAll(ctx, tx, func(sc scanner) (id int64, err error) { return id, sc.Scan(&id) },
		`SELECT id FROM tags WHERE family = 'actor' AND id IN (`+joinIDs(slices.Collect(maps.Keys(tagSet)))+`)`)
	if err != nil || len(list) == 0 {
		return err // new sources (claims' own) name no actor
	}
	for _, id := range list {
		actors[id] = true
	}
	passages := map[int64]bool{}
	for _, f := range found {
		if actors[f.tag] {
			passages[f.passage] = true
		}
	}
	ids := make([]int64, 0, len(passages))
	for id := range passages {
		ids = append(ids, id)
	}
	type claimWords struct {
		id   int64
		text string
	}
	claims, err := queryAll(ctx, tx, func(sc scanner) (claimWords, error) {
		var c claimWords
		var start, end int
		err := sc.Scan(&c.id, &c.text, &start, &end)
		if err == nil && 0 <= start && start <= end && end <= len(c.text) {
			c.text = c.text[start:end]
		}
		return c, err
	}, `SELECT c.id, p.text, c.span_start, c.span_end FROM claims c JOIN passages p ON p.id = c.passage_id
		WHERE c.state = 'suggested' AND c.passage_id IN (`+joinIDs(ids)+`) ORDER BY c.id`)
	if err != nil || len(claims) == 0 {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO claim_actors (claim_id, tag_id, position)
		VALUES (?1, ?2, coalesce((SELECT max(position) + 1 FROM claim_actors WHERE claim_id = ?1), 0))`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range claims {
		named := m.find(c.text)
		tags := make([]int64, 0, len(named))
		for tag := range named {
			if actors[tag] {
				tags = append(tags, tag)
			}
		}
		// In the order the words name them, as the reading keeps them.
		slices.SortFunc(tags, func(a, b int64) int { return named[a].Start - named[b].Start })
		for _, tag := range tags {
			if _, err := stmt.ExecContext(ctx, c.id, tag); err != nil {
				return err
			}
		}
	}
	return nil
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
	rows := rowContext(ctx)
	for _, f := range found {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := stmt.ExecContext(rows, f.passage, f.tag, f.span.Start, f.span.End, t); err != nil {
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
