package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/internal/wording"
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

// TagJSON is a tag as every JSON that Dossier reads or writes names it:
// an annotation bundle (BundleTag adds its creation time), the starter
// gazetteer, and `dossier tags --json` (which adds its counts).
type TagJSON struct {
	Family      string   `json:"family"`
	Kind        string   `json:"kind"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	Color       string   `json:"color"`
}

// JSON is t as TagJSON; no aliases are an empty list (JSON []).
func (t Tag) JSON() TagJSON {
	aliases := t.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return TagJSON{Family: t.Family, Kind: t.Kind, Name: t.Name, Aliases: aliases, Description: t.Description, Color: t.Color}
}

func (j TagJSON) tag() Tag {
	return Tag{Family: j.Family, Kind: j.Kind, Name: j.Name, Aliases: j.Aliases, Description: j.Description, Color: j.Color}
}

// Tagging is a tag applied to a passage.
type Tagging struct {
	PassageID int64
	TagID     int64
	Origin    string
	State     string
	Span      *Range // the mention within the passage, if known
	Created   time.Time
	decided   sql.NullString // when its state was last set, as stored (undo puts it back)
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
	if strings.ContainsAny(name, lineBreaks) {
		return errTagNameLineBreak // checked last: updateTag lets a name kept as it was through
	}
	if wording.Blank(name) {
		return errTagNameInvisible // as a line break
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

// createTag inserts a new tag and suggests it, in tx.
func createTag(ctx context.Context, tx *sql.Tx, t Tag, at time.Time) (int64, error) {
	t.Name = strings.TrimSpace(t.Name)
	if err := validateTag(t.Family, t.Kind, t.Name, t.Color); err != nil {
		return 0, err
	}
	if err := validateAliases(t.Aliases); err != nil {
		return 0, err
	}
	if err := nameTaken(ctx, tx, t.Family, t.Name, 0); err != nil {
		return 0, err
	}
	id, err := insertTag(ctx, tx, t, at)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tags SET by_hand = 1 WHERE id = ?`, id); err != nil {
		return 0, err
	}
	return id, suggestTx(ctx, tx, []int64{id}, nil, at)
}

func insertTag(ctx context.Context, tx *sql.Tx, t Tag, at time.Time) (int64, error) {
	var id any
	if t.ID != 0 {
		id = t.ID
	}
	created := formatTime(at)
	if !t.Created.IsZero() {
		created = formatTime(t.Created) // Restore and bundles keep the original
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO tags (id, family, kind, name, description, color, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, t.Family, t.Kind, t.Name, t.Description, t.Color, created, created)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return 0, fmt.Errorf("%s %q: %w", t.Family, query.Clip(t.Name), ErrTagExists)
		}
		return 0, err
	}
	newID, _ := r.LastInsertId()
	// A deleted tag put back (an undo, t.ID set) gets the delete
	// remembered of its name put back as it was (restoreTags); a new tag
	// given the name keeps it remembered: a bundle's copy of the deleted
	// tag, made before the delete, is not the new one (it gave it the
	// deleted tag's aliases and taggings; a hostile data pass).
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

// tagLookColumns are tagColumns without the counts and the aliases: what
// a page of hits and the reader's chips show of a tag (its name and
// colour) and filter by. Each count walks the tag's taggings: a common
// actor's thousands of suggestions, read again for every page of results
// (on 8 copies of the Mueller report, a fifth of an as-you-type search)
// and for every tag of a document the reader opens.
const tagLookColumns = `t.id, t.family, t.kind, t.name, t.description, t.color, t.created_at, 0, 0, 0, NULL`

func scanTag(sc scanner) (Tag, error) {
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
	tags, err := queryTags(ctx, s.db, `SELECT `+tagColumns+` FROM tags t WHERE ? = '' OR t.family = ?
		ORDER BY t.family, t.name`, family, family)
	return tags, s.fileErr(err)
}

// findTags returns the tags of a family ("" for both) whose name or an alias
// equals name, ignoring case — in any script: SQLite's NOCASE folds ASCII
// only, so "MÜLLER" would miss "Müller". Names and aliases are few and short,
// so they are compared in Go.
func (v view) findTags(ctx context.Context, family, name string) ([]Tag, error) {
	ids, err := tagIDsNamed(ctx, v.db, family, name, 0)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return queryTags(ctx, v.db, `SELECT `+tagColumns+` FROM tags t WHERE t.id IN (`+joinIDs(ids)+`) ORDER BY t.name`)
}

// FindTag returns the one tag of a family called name (or with that alias),
// ignoring case; ErrNotFound, with a message naming it, when there is none.
// A name that is one tag's and another's alias resolves to the named one.
func (s *Store) FindTag(ctx context.Context, family, name string) (Tag, error) {
	tags, err := view{s.db}.findTags(ctx, family, name)
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

// tagIDFolded returns the tag of the family whose name is name ignoring
// case in every script (as nameTaken compares), or 0. An ASCII name is
// left to the NOCASE lookup that comes first (this one reads every name).
func tagIDFolded(ctx context.Context, q querier, family, name string) (int64, error) {
	if isASCII(name) {
		return 0, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM tags WHERE family = ?`, family)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	want := foldName(name)
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, err
		}
		if foldName(n) == want {
			return id, nil
		}
	}
	return 0, rows.Err()
}

// queryTags runs a query selecting tagColumns.
func queryTags(ctx context.Context, q querier, query string, args ...any) ([]Tag, error) {
	return queryAll(ctx, q, scanTag, query, args...)
}

// updateTag changes a tag's name, kind, description, colour and aliases,
// and suggests it again, in tx. A tag's family cannot change; t.Family may
// be left empty.
func updateTag(ctx context.Context, tx *sql.Tx, t Tag, at time.Time) error {
	t.Name = strings.TrimSpace(t.Name)
	// Validate the kind against the stored family, not the caller's idea of
	// it: the UPDATE below never changes the family.
	var family, oldName string
	if err := tx.QueryRowContext(ctx, `SELECT family, name FROM tags WHERE id = ?`, t.ID).Scan(&family, &oldName); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("tag %d: %w", t.ID, ErrNotFound)
		}
		return err
	}
	if t.Family != "" && t.Family != family {
		return fmt.Errorf("tag %q is an %s; a tag's family cannot change", query.Clip(t.Name), family)
	}
	t.Family = family
	if err := validateTag(t.Family, t.Kind, t.Name, t.Color); err != nil && !((errors.Is(err, errTagNameLineBreak) || errors.Is(err, errTagNameInvisible)) && t.Name == oldName) {
		return err
	}
	if err := validateNewAliases(ctx, tx, t.ID, t.Aliases); err != nil {
		return err
	}
	if err := nameTaken(ctx, tx, t.Family, t.Name, t.ID); err != nil {
		return err
	}
	// Dated when anything changes: an older bundle's kind, description or
	// colour replaced the ones edited here (a hostile pass).
	r, err := tx.ExecContext(ctx, `UPDATE tags SET kind = ?1, name = ?2, description = ?3, color = ?4,
		updated_at = CASE WHEN kind = ?1 AND name = ?2 COLLATE BINARY AND description = ?3 AND color = ?4 THEN updated_at ELSE ?6 END
		WHERE id = ?5`, t.Kind, t.Name, t.Description, t.Color, t.ID, formatTime(at))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return fmt.Errorf("%s %q: %w", t.Family, query.Clip(t.Name), ErrTagExists)
		}
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("tag %d: %w", t.ID, ErrNotFound)
	}
	if !sameNoCase(oldName, t.Name) {
		// An older bundle knows the tag by its old name (it was created
		// again under it). A former name the tag takes stays another's
		// past: unused while a tag has the name, and kept for undo.
		if err := rememberFormerName(ctx, tx, t.Family, oldName, t.ID, at); err != nil {
			return err
		}
	}
	before, err := tagAliasList(ctx, tx, t.ID)
	if err != nil {
		return err
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
	// An alias taken off is remembered: an older bundle's aliases, which a
	// restore adds, brought back one taken off here since, and its
	// suggestions with it (a hostile data pass).
	if err := settleAliases(ctx, tx, t.ID, before, at); err != nil {
		return err
	}
	return suggestTx(ctx, tx, []int64{t.ID}, nil, at)
}

// tagAliasList lists a tag's aliases, sorted.
func tagAliasList(ctx context.Context, tx *sql.Tx, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT alias FROM tag_aliases WHERE tag_id = ? ORDER BY alias COLLATE BINARY`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
