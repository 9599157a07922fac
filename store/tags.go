package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"dossier/store/query"
)

// Tag families and kinds.
const (
	FamilyActor  = "actor"
	FamilySource = "source"
)

// Kinds lists the kinds each family allows, in the order pickers show them.
var Kinds = map[string][]string{
	FamilyActor:  {"person", "organisation", "state", "agency", "company", "party", "other"},
	FamilySource: {"outlet", "report", "anonymous", "statement", "credit", "other"},
}

// KindLabel is how a kind is named to users.
var KindLabel = map[string]string{
	"person": "person", "organisation": "organisation", "state": "state / government",
	"agency": "intelligence or government agency", "company": "company", "party": "political party",
	"outlet": "news outlet", "report": "official report", "anonymous": "anonymous source",
	"statement": "official statement", "credit": "photo / credit", "other": "other",
}

// Tagging states and origins.
const (
	StateAccepted  = "accepted"
	StatePending   = "pending"
	StateRejected  = "rejected"
	OriginManual   = "manual"
	OriginSuggest  = "suggested"
	maxTagNameSize = 200
)

// Tag is an actor or a source.
type Tag struct {
	ID          int64
	Family      string
	Kind        string
	Name        string
	Aliases     []string
	Description string
	Color       string // "#rrggbb" or ""
	Created     time.Time
	Accepted    int // passages tagged and accepted (or tagged by hand)
	Pending     int // suggested passages awaiting a decision
	Documents   int // documents tagged as a whole
}

// Tagging is a tag applied to a passage.
type Tagging struct {
	PassageID int64
	TagID     int64
	Origin    string
	State     string
	Span      *Range // the mention within the passage, if known
	Created   time.Time
}

// DocumentTagging is a tag applied to a whole document.
type DocumentTagging struct {
	DocumentID int64
	TagID      int64
	Created    time.Time
}

func validateTag(family, kind, name, color string) error {
	kinds, ok := Kinds[family]
	if !ok {
		return fmt.Errorf("unknown tag family %q (use actor or source)", query.Clip(family))
	}
	found := false
	for _, k := range kinds {
		found = found || k == kind
	}
	if !found {
		return fmt.Errorf("unknown %s kind %q (use one of %s)", family, query.Clip(kind), strings.Join(kinds, ", "))
	}
	if strings.TrimSpace(name) == "" {
		return errors.New("a tag needs a name")
	}
	if len(name) > maxTagNameSize {
		return fmt.Errorf("tag names are at most %d bytes", maxTagNameSize)
	}
	if !validColor(color) {
		return fmt.Errorf("tag colour %q is not of the form #rrggbb", query.Clip(color))
	}
	return nil
}

func validColor(c string) bool {
	if c == "" {
		return true
	}
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// ErrTagExists is returned when a tag of that family and name exists.
var ErrTagExists = errors.New("a tag with that name already exists")

// CreateTag adds a tag with optional aliases, and suggests it on every
// passage that mentions it.
func (s *Store) CreateTag(ctx context.Context, t Tag) (Tag, error) {
	t.Name = strings.TrimSpace(t.Name)
	if err := validateTag(t.Family, t.Kind, t.Name, t.Color); err != nil {
		return t, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return t, err
	}
	defer tx.Rollback()
	if err := nameTaken(ctx, tx, t.Family, t.Name, 0); err != nil {
		return t, err
	}
	id, err := insertTag(ctx, tx, t)
	if err != nil {
		return t, err
	}
	if err := suggestTx(ctx, tx, []int64{id}, nil); err != nil {
		return t, err
	}
	if err := s.fileErr(tx.Commit()); err != nil {
		return t, err
	}
	return s.Tag(ctx, id)
}

func insertTag(ctx context.Context, tx *sql.Tx, t Tag) (int64, error) {
	var id any
	if t.ID != 0 {
		id = t.ID
	}
	created := now()
	if !t.Created.IsZero() {
		created = formatTime(t.Created) // Restore and bundles keep the original
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO tags (id, family, kind, name, description, color, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, t.Family, t.Kind, t.Name, t.Description, t.Color, created)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return 0, fmt.Errorf("%s %q: %w", t.Family, query.Clip(t.Name), ErrTagExists)
		}
		return 0, err
	}
	newID, _ := r.LastInsertId()
	for _, a := range t.Aliases {
		if a = strings.TrimSpace(a); a != "" && !strings.EqualFold(a, t.Name) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tag_aliases (tag_id, alias) VALUES (?, ?)`, newID, a); err != nil {
				return 0, err
			}
		}
	}
	return newID, nil
}

const tagColumns = `t.id, t.family, t.kind, t.name, t.description, t.color, t.created_at,
	(SELECT count(*) FROM passage_tags pt WHERE pt.tag_id = t.id AND pt.state = 'accepted'),
	(SELECT count(*) FROM passage_tags pt WHERE pt.tag_id = t.id AND pt.state = 'pending'),
	(SELECT count(*) FROM document_tags dt WHERE dt.tag_id = t.id),
	(SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM tag_aliases a WHERE a.tag_id = t.id ORDER BY alias))`

func scanTag(sc interface{ Scan(...any) error }) (Tag, error) {
	var t Tag
	var aliases sql.NullString
	var created string
	err := sc.Scan(&t.ID, &t.Family, &t.Kind, &t.Name, &t.Description, &t.Color, &created, &t.Accepted, &t.Pending, &t.Documents, &aliases)
	t.Created = parseTime(created)
	if aliases.Valid && aliases.String != "" {
		t.Aliases = strings.Split(aliases.String, "\x1f")
	}
	return t, err
}

// Tag returns one tag with its aliases and counts.
func (s *Store) Tag(ctx context.Context, id int64) (Tag, error) {
	t, err := scanTag(s.db.QueryRowContext(ctx, `SELECT `+tagColumns+` FROM tags t WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("tag %d: %w", id, ErrNotFound)
	}
	return t, err
}

// Tags lists the tags of a family ("" for both), by name.
func (s *Store) Tags(ctx context.Context, family string) ([]Tag, error) {
	return queryTags(ctx, s.db, `SELECT `+tagColumns+` FROM tags t WHERE ? = '' OR t.family = ?
		ORDER BY t.family, t.name`, family, family)
}

// FindTags returns the tags of a family ("" for both) whose name or an alias
// equals name, ignoring case — in any script: SQLite's NOCASE folds ASCII
// only, so "MÜLLER" would miss "Müller". Names and aliases are few and short,
// so they are compared in Go.
func (s *Store) FindTags(ctx context.Context, family, name string) ([]Tag, error) {
	ids, err := tagIDsNamed(ctx, s.db, family, name, 0)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return queryTags(ctx, s.db, `SELECT `+tagColumns+` FROM tags t WHERE t.id IN (`+joinIDs(ids)+`) ORDER BY t.name`)
}

// FindTag returns the one tag of a family called name (or with that alias),
// ignoring case; ErrNotFound, with a message naming it, when there is none.
// A name that is one tag's and another's alias resolves to the named one.
func (s *Store) FindTag(ctx context.Context, family, name string) (Tag, error) {
	tags, err := s.FindTags(ctx, family, name)
	if err != nil {
		return Tag{}, err
	}
	for _, t := range tags {
		if foldName(t.Name) == foldName(name) {
			return t, nil
		}
	}
	if len(tags) > 0 {
		return tags[0], nil
	}
	what := family
	if what == "" {
		what = "actor or source"
	}
	return Tag{}, notFound(fmt.Sprintf("No %s is called “%s”.", what, strings.TrimSpace(name)))
}

// notFound is an ErrNotFound whose message is a whole sentence for the user.
type notFound string

func (e notFound) Error() string        { return string(e) }
func (e notFound) Is(target error) bool { return target == ErrNotFound }

// foldName is a tag name as compared: trimmed, case folded in every script
// (upper then lower, so that e.g. ſ and s, K and the Kelvin sign, agree).
func foldName(s string) string {
	return strings.ToLower(strings.ToUpper(strings.TrimSpace(s)))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// tagIDsNamed lists the tags of a family ("" for both), other than except,
// whose name or an alias folds to name's folding.
func tagIDsNamed(ctx context.Context, q querier, family, name string, except int64) ([]int64, error) {
	want := foldName(name)
	if want == "" {
		return nil, nil
	}
	// An ASCII name is looked up through the NOCASE indexes (a filter runs
	// on every search); any other is compared with every name and alias.
	query := `SELECT t.id, t.name FROM tags t WHERE (?1 = '' OR t.family = ?1) AND t.id <> ?2
		UNION ALL SELECT a.tag_id, a.alias FROM tag_aliases a JOIN tags t ON t.id = a.tag_id
		WHERE (?1 = '' OR t.family = ?1) AND t.id <> ?2`
	if isASCII(want) {
		query = `SELECT t.id, t.name FROM tags t WHERE (?1 = '' OR t.family = ?1) AND t.id <> ?2 AND t.name = ?3
			UNION ALL SELECT a.tag_id, a.alias FROM tag_aliases a JOIN tags t ON t.id = a.tag_id
			WHERE (?1 = '' OR t.family = ?1) AND t.id <> ?2 AND a.alias = ?3`
	}
	rows, err := q.QueryContext(ctx, query, family, except, want)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		if foldName(n) == want && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// nameTaken reports whether another tag of the family already has name as
// its name, ignoring case in every script (the UNIQUE constraint only
// catches ASCII case).
func nameTaken(ctx context.Context, q querier, family, name string, except int64) error {
	rows, err := q.QueryContext(ctx, `SELECT name FROM tags WHERE family = ? AND id <> ?`, family, except)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		if foldName(n) == foldName(name) {
			if n == name {
				return fmt.Errorf("%s %q: %w", family, query.Clip(name), ErrTagExists)
			}
			return fmt.Errorf("%s %q (as %q): %w", family, query.Clip(name), query.Clip(n), ErrTagExists)
		}
	}
	return rows.Err()
}

// queryTags runs a query selecting tagColumns.
func queryTags(ctx context.Context, q querier, query string, args ...any) ([]Tag, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		t, err := scanTag(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// UpdateTag changes a tag's name, kind, description, colour and aliases.
// A tag's family cannot change; t.Family may be left empty.
func (s *Store) UpdateTag(ctx context.Context, t Tag) error {
	t.Name = strings.TrimSpace(t.Name)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Validate the kind against the stored family, not the caller's idea of
	// it: the UPDATE below never changes the family.
	var family string
	if err := tx.QueryRowContext(ctx, `SELECT family FROM tags WHERE id = ?`, t.ID).Scan(&family); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("tag %d: %w", t.ID, ErrNotFound)
		}
		return err
	}
	if t.Family != "" && t.Family != family {
		return fmt.Errorf("tag %q is an %s; a tag's family cannot change", query.Clip(t.Name), family)
	}
	t.Family = family
	if err := validateTag(t.Family, t.Kind, t.Name, t.Color); err != nil {
		return err
	}
	if err := nameTaken(ctx, tx, t.Family, t.Name, t.ID); err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, `UPDATE tags SET kind = ?, name = ?, description = ?, color = ? WHERE id = ?`,
		t.Kind, t.Name, t.Description, t.Color, t.ID)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return fmt.Errorf("%s %q: %w", t.Family, query.Clip(t.Name), ErrTagExists)
		}
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("tag %d: %w", t.ID, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM tag_aliases WHERE tag_id = ?`, t.ID); err != nil {
		return err
	}
	for _, a := range t.Aliases {
		if a = strings.TrimSpace(a); a != "" && !strings.EqualFold(a, t.Name) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tag_aliases (tag_id, alias) VALUES (?, ?)`, t.ID, a); err != nil {
				return err
			}
		}
	}
	if err := suggestTx(ctx, tx, []int64{t.ID}, nil); err != nil {
		return err
	}
	return s.fileErr(tx.Commit())
}

// TagPassage tags a passage by hand (accepted), with an optional mention
// span. Tagging a passage that had a suggestion accepts it.
func (s *Store) TagPassage(ctx context.Context, passageID, tagID int64, span *Range) error {
	if err := s.checkTagSpan(ctx, passageID, span); err != nil {
		return err
	}
	return tagPassage(ctx, s.db, passageID, tagID, span)
}

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

func tagPassage(ctx context.Context, q querier, passageID, tagID int64, span *Range) error {
	var start, end any
	if span != nil {
		start, end = span.Start, span.End
	}
	_, err := q.ExecContext(ctx, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at)
		VALUES (?, ?, 'manual', 'accepted', ?, ?, ?)
		ON CONFLICT (passage_id, tag_id) DO UPDATE SET state = 'accepted'`, passageID, tagID, start, end, now())
	return friendlyFK(err, "passage or tag")
}

// UntagPassage removes a tagging. A suggested one is marked rejected
// instead, so that suggestions do not bring it back.
func (s *Store) UntagPassage(ctx context.Context, passageID, tagID int64) error {
	return untagPassage(ctx, s.db, passageID, tagID)
}

func untagPassage(ctx context.Context, q querier, passageID, tagID int64) error {
	_, err := q.ExecContext(ctx, `UPDATE passage_tags SET state = 'rejected' WHERE passage_id = ? AND tag_id = ? AND origin = 'suggested'`, passageID, tagID)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `DELETE FROM passage_tags WHERE passage_id = ? AND tag_id = ? AND origin = 'manual'`, passageID, tagID)
	return err
}

// TagDocument tags a whole document.
func (s *Store) TagDocument(ctx context.Context, documentID, tagID int64) error {
	return tagDocument(ctx, s.db, documentID, tagID)
}

func tagDocument(ctx context.Context, q querier, documentID, tagID int64) error {
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
		documentID, tagID, now())
	return friendlyFK(err, "document or tag")
}

// UntagDocument removes a document tagging.
func (s *Store) UntagDocument(ctx context.Context, documentID, tagID int64) error {
	return untagDocument(ctx, s.db, documentID, tagID)
}

func untagDocument(ctx context.Context, q querier, documentID, tagID int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM document_tags WHERE document_id = ? AND tag_id = ?`, documentID, tagID)
	return err
}

func friendlyFK(err error, what string) error {
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("no such %s: %w", what, ErrNotFound)
	}
	return err
}

// SetTaggingState accepts or rejects one suggestion.
func (s *Store) SetTaggingState(ctx context.Context, passageID, tagID int64, state string) error {
	return setTaggingState(ctx, s.db, passageID, tagID, state)
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

// DecideSuggestions accepts or rejects every pending suggestion of a tag and
// returns how many changed.
func (s *Store) DecideSuggestions(ctx context.Context, tagID int64, state string) (int, error) {
	return decideSuggestions(ctx, s.db, tagID, state)
}

func decideSuggestions(ctx context.Context, q querier, tagID int64, state string) (int, error) {
	if state != StateAccepted && state != StateRejected {
		return 0, fmt.Errorf("unknown decision %q", query.Clip(state))
	}
	r, err := q.ExecContext(ctx, `UPDATE passage_tags SET state = ? WHERE tag_id = ? AND state = 'pending'`, state, tagID)
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

// PassageTags returns the tags on each of the given passages (not rejected
// ones), including tags on their documents.
func (s *Store) PassageTags(ctx context.Context, passageIDs []int64) (map[int64][]PassageTag, error) {
	out := map[int64][]PassageTag{}
	if len(passageIDs) == 0 {
		return out, nil
	}
	ids := joinIDs(passageIDs)
	rows, err := s.db.QueryContext(ctx, `
		SELECT pt.passage_id, pt.origin, pt.state, pt.span_start, pt.span_end, 0, t.id
		FROM passage_tags pt JOIN tags t ON t.id = pt.tag_id
		WHERE pt.passage_id IN (`+ids+`) AND pt.state <> 'rejected'
		UNION ALL
		SELECT p.id, 'manual', 'accepted', NULL, NULL, 1, dt.tag_id
		FROM passages p JOIN document_tags dt ON dt.document_id = p.document_id
		WHERE p.id IN (`+ids+`)`)
	if err != nil {
		return nil, err
	}
	type row struct {
		pid      int64
		pt       PassageTag
		tagID    int64
		start    sql.NullInt64
		end      sql.NullInt64
		document int
	}
	var rs []row
	tagIDs := map[int64]bool{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.pid, &r.pt.Origin, &r.pt.State, &r.start, &r.end, &r.document, &r.tagID); err != nil {
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
		t, err := s.Tag(ctx, id)
		if err != nil {
			return nil, err
		}
		tags[id] = t
	}
	for _, r := range rs {
		pt := r.pt
		pt.Tag = tags[r.tagID]
		pt.Document = r.document == 1
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

// TagPassages lists the passages a tag applies to (accepted and pending,
// or only one state), in reading order.
func (s *Store) TagPassages(ctx context.Context, tagID int64, state string) ([]Hit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.document_id, d.title, p.ordinal, p.text, pt.span_start, pt.span_end
		FROM passage_tags pt JOIN passages p ON p.id = pt.passage_id JOIN documents d ON d.id = p.document_id
		WHERE pt.tag_id = ? AND (? = '' AND pt.state <> 'rejected' OR pt.state = ?)
		ORDER BY d.title COLLATE NOCASE, d.id, p.ordinal`, tagID, state, state)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var start, end sql.NullInt64
		if err := rows.Scan(&h.PassageID, &h.DocumentID, &h.DocumentTitle, &h.Ordinal, &h.Text, &start, &end); err != nil {
			return nil, err
		}
		// A damaged or crafted span must not reach Snippet.
		if sp := (Range{int(start.Int64), int(end.Int64)}); start.Valid && end.Valid && checkSpan(h.Text, sp) {
			h.Matches = []Range{sp}
		}
		h.Snippet, h.SnippetRanges = Snippet(h.Text, h.Matches, SnippetLen)
		out = append(out, h)
	}
	return out, rows.Err()
}

// TagSnapshot holds tags with everything attached to them, so that rename,
// merge and delete can be undone exactly.
type TagSnapshot struct {
	Tags      []Tag
	Passages  []Tagging
	Documents []DocumentTagging
}

func (s *Store) snapshot(ctx context.Context, q querier, ids ...int64) (*TagSnapshot, error) {
	snap := &TagSnapshot{}
	for _, id := range ids {
		t, err := scanTag(q.QueryRowContext(ctx, `SELECT `+tagColumns+` FROM tags t WHERE t.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("tag %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		snap.Tags = append(snap.Tags, t)
		rows, err := q.QueryContext(ctx, `SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at
			FROM passage_tags WHERE tag_id = ?`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			tg, err := scanTagging(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			snap.Passages = append(snap.Passages, tg)
		}
		rows.Close()
		docs, err := queryDocumentTaggings(ctx, q, `SELECT document_id, tag_id, created_at FROM document_tags WHERE tag_id = ?`, id)
		if err != nil {
			return nil, err
		}
		snap.Documents = append(snap.Documents, docs...)
	}
	return snap, nil
}

func scanTagging(sc interface{ Scan(...any) error }) (Tagging, error) {
	var tg Tagging
	var start, end sql.NullInt64
	var created string
	err := sc.Scan(&tg.PassageID, &tg.TagID, &tg.Origin, &tg.State, &start, &end, &created)
	if start.Valid && end.Valid {
		tg.Span = &Range{int(start.Int64), int(end.Int64)}
	}
	tg.Created = parseTime(created)
	return tg, err
}

// Restore puts tags back exactly as a snapshot holds them: it undoes a
// rename, merge or delete made after the snapshot was taken.
func (s *Store) Restore(ctx context.Context, snap *TagSnapshot) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range snap.Tags {
		if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, t.ID); err != nil {
			return err
		}
	}
	for _, t := range snap.Tags {
		if _, err := insertTag(ctx, tx, t); err != nil {
			return err
		}
	}
	for _, tg := range snap.Passages {
		var start, end any
		if tg.Span != nil {
			start, end = tg.Span.Start, tg.Span.End
		}
		// A passage deleted meanwhile is skipped, not an error.
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at)
			SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM passages WHERE id = ?)`,
			tg.PassageID, tg.TagID, tg.Origin, tg.State, start, end, formatTime(tg.Created), tg.PassageID); err != nil {
			return err
		}
	}
	for _, dt := range snap.Documents {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO document_tags (document_id, tag_id, created_at)
			SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)`,
			dt.DocumentID, dt.TagID, formatTime(dt.Created), dt.DocumentID); err != nil {
			return err
		}
	}
	return s.fileErr(tx.Commit())
}

// RenameTag renames a tag; the snapshot undoes it.
func (s *Store) RenameTag(ctx context.Context, id int64, name string) (*TagSnapshot, error) {
	snap, err := s.snapshot(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	t := snap.Tags[0]
	t.Name = name
	return snap, s.UpdateTag(ctx, t)
}

// DeleteTag removes a tag and its taggings (never a passage); the snapshot
// undoes it.
func (s *Store) DeleteTag(ctx context.Context, id int64) (*TagSnapshot, error) {
	snap, err := s.snapshot(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, id)
	return snap, err
}

// MergeTags moves every tagging and alias of loser onto survivor (the
// loser's name becomes an alias) and deletes loser. Where both tagged the
// same passage, the stronger state wins (accepted over pending over
// rejected). The snapshot undoes it.
func (s *Store) MergeTags(ctx context.Context, survivor, loser int64) (*TagSnapshot, error) {
	if survivor == loser {
		return nil, errors.New("cannot merge a tag into itself")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	snap, err := s.snapshot(ctx, tx, survivor, loser)
	if err != nil {
		return nil, err
	}
	if snap.Tags[0].Family != snap.Tags[1].Family {
		return nil, fmt.Errorf("cannot merge %s %q into %s %q: they are of different families",
			snap.Tags[1].Family, query.Clip(snap.Tags[1].Name), snap.Tags[0].Family, query.Clip(snap.Tags[0].Name))
	}
	stmts := []string{
		// Strengthen the survivor's state where the loser's was stronger.
		`UPDATE passage_tags AS s SET state = l.state, origin = CASE WHEN l.origin = 'manual' THEN 'manual' ELSE s.origin END
		 FROM passage_tags AS l
		 WHERE s.tag_id = ?1 AND l.tag_id = ?2 AND l.passage_id = s.passage_id
		   AND (CASE l.state WHEN 'accepted' THEN 2 WHEN 'pending' THEN 1 ELSE 0 END) >
		       (CASE s.state WHEN 'accepted' THEN 2 WHEN 'pending' THEN 1 ELSE 0 END)`,
		`INSERT OR IGNORE INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at)
		 SELECT passage_id, ?1, origin, state, span_start, span_end, created_at FROM passage_tags WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at)
		 SELECT document_id, ?1, created_at FROM document_tags WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO tag_aliases (tag_id, alias) SELECT ?1, alias FROM tag_aliases WHERE tag_id = ?2`,
		`INSERT OR IGNORE INTO tag_aliases (tag_id, alias) SELECT ?1, name FROM tags WHERE id = ?2`,
		`DELETE FROM tag_aliases WHERE tag_id = ?1 AND alias = (SELECT name FROM tags WHERE id = ?1)`,
		`DELETE FROM tags WHERE id = ?2`,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, survivor, loser); err != nil {
			return nil, err
		}
	}
	return snap, s.fileErr(tx.Commit())
}

// queryDocumentTaggings runs a query selecting document_id, tag_id and
// created_at from document_tags.
func queryDocumentTaggings(ctx context.Context, q querier, query string, args ...any) ([]DocumentTagging, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocumentTagging
	for rows.Next() {
		var dt DocumentTagging
		var created string
		if err := rows.Scan(&dt.DocumentID, &dt.TagID, &created); err != nil {
			return nil, err
		}
		dt.Created = parseTime(created)
		out = append(out, dt)
	}
	return out, rows.Err()
}
