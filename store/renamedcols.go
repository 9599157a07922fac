package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// renamedColumns is, when the file's table is Dossier's own at the file's
// schema version but for columns another program renamed, each renamed
// column's name in Dossier's schema → its name in the file; nil when the
// table is Dossier's as it is, or was changed otherwise. SQLite's RENAME
// COLUMN keeps a column's place and definition and rewrites only its name
// in the table's statement, so the same renames applied to Dossier's own
// table must give the file's statement word for word: a column another
// program dropped and another added at the end, or a column dropped before
// one renamed, is not taken for a rename (a hostile pass: recover took an
// added color column for a dropped date, and wrote "red" into every row).
// Columns another program added after its renames (ADD COLUMN writes them
// at one place in the statement, found by adding one to the scratch copy)
// are the file's own: a column renamed and then a new one of its old name
// added (note to notes, then an empty note) lost every note, read by name.
// A rename of a key another table refers to rewrites that table's
// REFERENCES too, so the renames of the tables a table refers to are
// replayed first (a renamed passages.id left bookmarks' renamed note
// unread: every note lost).
func renamedColumns(ctx context.Context, q querier, table string) (map[string]string, error) {
	return renamedColumnsIn(ctx, q, table, map[string]bool{})
}

// renamedColumnsIn is renamedColumns, replaying no table of seen (a table
// referring to itself, or round: its renames are its own).
func renamedColumnsIn(ctx context.Context, q querier, table string, seen map[string]bool) (map[string]string, error) {
	// The tables on the way here, not every table visited: claim_actors
	// refers to claims and tags, and claims to tags too, whose renames
	// were then left out of claims' replay (a hostile pass: every claim
	// actor lost).
	seen[table] = true
	defer delete(seen, table)
	objects, version, err := schemaObjects(ctx, q)
	if err != nil || version < 1 || version > len(migrationNames()) {
		return nil, err
	}
	at := slices.IndexFunc(objects, func(o schemaObject) bool { return o.kind == "table" && o.name == table })
	if at < 0 {
		return nil, nil
	}
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	want, ok := own[objectKey("table", table)]
	if !ok || want.sql == objects[at].sql || strings.HasPrefix(want.sql, "CREATE VIRTUAL TABLE") {
		return nil, nil
	}
	names := func(q querier) ([]string, error) {
		return queryAll(ctx, q, func(row scanner) (name string, err error) { return name, row.Scan(&name) },
			`SELECT name FROM pragma_table_xinfo(?) ORDER BY cid`, table)
	}
	has, err := names(q)
	if err != nil {
		return nil, nil // unreadable: read by name, as before
	}
	db, err := scratchSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	owns, err := names(db)
	if err != nil || len(owns) > len(has) {
		return nil, err
	}
	added := len(has) - len(owns)
	has = has[:len(owns)]
	renamed := map[string]string{}
	for i := range owns {
		if owns[i] != has[i] {
			renamed[owns[i]] = has[i]
		}
	}
	if len(renamed) == 0 {
		return nil, nil
	}
	parents, err := queryAll(ctx, db, func(row scanner) (name string, err error) { return name, row.Scan(&name) },
		`SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, table)
	if err != nil {
		return nil, err
	}
	for _, parent := range parents {
		if seen[parent] {
			continue
		}
		theirs, err := renamedColumnsIn(ctx, q, parent, seen)
		if err != nil {
			return nil, err
		}
		if !replayRenames(ctx, db, parent, theirs) {
			return nil, nil
		}
	}
	if !replayRenames(ctx, db, table, renamed) {
		return nil, nil // a rename SQLite refuses: not what the file went through
	}
	statement := func() (string, error) {
		var got string
		err := db.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&got)
		return unquoted(spaced(got)), err
	}
	got, err := statement()
	if err != nil {
		return nil, err
	}
	file := unquoted(objects[at].sql)
	if added == 0 && got != file {
		return nil, nil
	}
	if added > 0 {
		const marker = "dossier_added_marker"
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s ADD COLUMN %s`, quoteIdent(table), marker)); err != nil {
			return nil, nil
		}
		withMarker, err := statement()
		if err != nil {
			return nil, err
		}
		cut := strings.Index(withMarker, ", "+marker)
		if cut < 0 {
			return nil, nil
		}
		before, after := withMarker[:cut], withMarker[cut+len(", "+marker):]
		if len(file) <= len(before)+len(after) || !strings.HasPrefix(file, before+", ") || !strings.HasSuffix(file, after) {
			return nil, nil
		}
	}
	// Names that only change places among Dossier's own (created_at and
	// updated_at swapped) may be a table rebuilt with its columns in
	// another order, as table editors do, which the statement cannot tell
	// from renames where the columns are defined alike and named nowhere
	// else in it: read by name, whatever else was renamed (a rename read
	// the dates swapped; with one more column renamed, the guard for the
	// whole table let it; hostile passes). Defined otherwise (start and
	// end, named in a CHECK; document_id and ordinal), the statement shows
	// renames: read by name, every passage was lost. A chain that ends in
	// a name of the file's own (start to begin_at, end to start) is
	// renames.
	replayed, _, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	var rebuilt []string
	for name := range renamed {
		if cycle := cycleOf(renamed, name); cycle != nil && alike(want.sql, cycle) && !renamedElsewhere(own, objects, replayed, table, cycle) {
			rebuilt = append(rebuilt, name)
		}
	}
	for _, name := range rebuilt {
		delete(renamed, name)
	}
	if len(renamed) == 0 {
		return nil, nil
	}
	return renamed, nil
}

// cycleOf is the names met following renamed from name, if that comes
// back to it (names compared as SQLite does, whatever their case); nil
// otherwise.
func cycleOf(renamed map[string]string, name string) []string {
	folded := map[string]string{}
	for from, to := range renamed {
		folded[strings.ToLower(from)] = to
	}
	cycle := []string{name}
	next, ok := folded[strings.ToLower(name)]
	for steps := 0; ok && steps < len(renamed); steps++ {
		if strings.EqualFold(next, name) {
			return cycle
		}
		cycle = append(cycle, strings.ToLower(next))
		next, ok = folded[strings.ToLower(next)]
	}
	return nil
}

// alike reports whether the columns named are defined alike in Dossier's
// table statement (type, constraints, collation, reference: the words
// after the name) and named nowhere else in it, so that changing their
// places cannot be told from renaming them there. (SQLite's column list
// leaves UNIQUE and COLLATE out: saved searches' name and query, swapped
// by renames, were read by name; a hostile pass.)
func alike(statement string, names []string) bool {
	defs := columnTexts(statement)
	for _, name := range names {
		def, ok := defs[strings.ToLower(name)]
		if !ok || def != defs[strings.ToLower(names[0])] {
			return false
		}
		word := regexp.MustCompile(`(?i)(^|[^A-Za-z0-9_])"?` + regexp.QuoteMeta(name) + `"?($|[^A-Za-z0-9_])`)
		if len(word.FindAllStringIndex(statement, -1)) != 1 {
			return false
		}
	}
	return true
}

// renamedElsewhere reports whether an index or trigger of Dossier's naming
// one of the columns is in the file as the renames rewrite it (replayed),
// not as Dossier made it (own): the renames are then shown (documents'
// title and imported_at swapped by renames rewrote documents_title_file,
// and read by name every title became a date; a hostile pass).
func renamedElsewhere(own map[string]schemaObject, file, replayed []schemaObject, table string, names []string) bool {
	find := func(objects []schemaObject, kind, name string) (string, bool) {
		at := slices.IndexFunc(objects, func(o schemaObject) bool { return o.kind == kind && strings.EqualFold(o.name, name) })
		if at < 0 {
			return "", false
		}
		return unquoted(objects[at].sql), true
	}
	for _, o := range own {
		if o.kind != "index" && o.kind != "trigger" {
			continue
		}
		named := slices.ContainsFunc(names, func(name string) bool {
			return regexp.MustCompile(`(?i)(^|[^A-Za-z0-9_])"?` + regexp.QuoteMeta(name) + `"?($|[^A-Za-z0-9_])`).MatchString(o.sql)
		})
		if !named {
			continue
		}
		inFile, ok := find(file, o.kind, o.name)
		rewritten, ok2 := find(replayed, o.kind, o.name)
		if ok && ok2 && inFile == rewritten && rewritten != unquoted(o.sql) {
			return true
		}
	}
	return false
}

// columnTexts is each column's definition in a CREATE TABLE statement,
// the words after its name, by its name in lower case.
func columnTexts(statement string) map[string]string {
	texts := map[string]string{}
	open, end := strings.IndexByte(statement, '('), strings.LastIndexByte(statement, ')')
	if open < 0 || end <= open {
		return texts
	}
	body := statement[open+1 : end]
	var quote byte
	depth, from := 0, 0
	piece := func(p string) {
		p = strings.TrimSpace(p)
		name, rest := p, ""
		if strings.HasPrefix(p, `"`) {
			if close := strings.Index(p[1:], `"`); close >= 0 {
				name, rest = p[1:close+1], p[close+2:]
			}
		} else if sp := strings.IndexAny(p, " \t\n"); sp >= 0 {
			name, rest = p[:sp], p[sp:]
		}
		texts[strings.ToLower(name)] = strings.Join(strings.Fields(rest), " ")
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			piece(body[from:i])
			from = i + 1
		}
	}
	piece(body[from:])
	return texts
}

// renamedSchema is Dossier's schema at version with the renames recover
// reads in the file's tables replayed, as SQLite rewrites its indexes and
// triggers with them: each object's key → its statement (spaced, plain
// names unquoted).
func renamedSchema(ctx context.Context, q querier, version int) (map[string]string, error) {
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	db, err := scratchSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	for _, o := range own {
		if o.kind != "table" || strings.HasPrefix(o.sql, "CREATE VIRTUAL TABLE") {
			continue
		}
		renamed, err := renamedColumns(ctx, q, o.name)
		if err != nil {
			return nil, err
		}
		if len(renamed) > 0 && !replayRenames(ctx, db, o.name, renamed) {
			return nil, nil
		}
	}
	objects, _, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	statements := map[string]string{}
	for _, o := range objects {
		statements[objectKey(o.kind, o.name)] = unquoted(o.sql)
	}
	return statements, nil
}

// replayRenames renames table's columns in db as renamed says, through
// names of their own first, so that names moved along (start to begin_at,
// end to start) never meet; false if SQLite refuses one.
func replayRenames(ctx context.Context, db *sql.DB, table string, renamed map[string]string) bool {
	from := slices.Sorted(maps.Keys(renamed))
	for i, name := range from {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s`,
			quoteIdent(table), quoteIdent(name), fmt.Sprint("dossier_renamed_", i))); err != nil {
			return false
		}
	}
	for i, name := range from {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s`,
			quoteIdent(table), fmt.Sprint("dossier_renamed_", i), quoteIdent(renamed[name]))); err != nil {
			return false
		}
	}
	return true
}

// plainQuoted is a plain name in double quotes, or a string literal (left
// as it is).
var plainQuoted = regexp.MustCompile(`'(?:[^']|'')*'|"([A-Za-z_][A-Za-z0-9_]*)"`)

// unquoted is a statement with its plain names' quotes taken off: SQLite
// writes a renamed column's name as the rename gave it, quoted or not.
// Not inside a string literal: a trigger writing '"now"' for a time was
// taken for Dossier's writing 'now' (a hostile pass).
func unquoted(statement string) string {
	return plainQuoted.ReplaceAllStringFunc(statement, func(m string) string {
		if strings.HasPrefix(m, "'") {
			return m
		}
		return m[1 : len(m)-1]
	})
}

// quoteIdent is name as an SQL identifier, whatever it holds.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
