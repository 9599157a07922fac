package store

import (
	"context"
	"fmt"
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
func renamedColumns(ctx context.Context, q querier, table string) (map[string]string, error) {
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
	var from []string
	for i := range owns {
		if owns[i] != has[i] {
			renamed[owns[i]] = has[i]
			from = append(from, owns[i])
		}
	}
	if len(renamed) == 0 {
		return nil, nil
	}
	// Names that only change places among Dossier's own are a table
	// rebuilt with its columns in another order (as table editors do),
	// which SQLite's statement cannot tell from renames: read by name. A
	// rename read its dates swapped (a hostile pass).
	if !slices.ContainsFunc(from, func(name string) bool { return !slices.Contains(owns, renamed[name]) }) {
		return nil, nil
	}
	// Through names of their own first, so that names moved along
	// (start to begin_at, end to start) never meet.
	for i, name := range from {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s`,
			quoteIdent(table), quoteIdent(name), fmt.Sprint("dossier_renamed_", i))); err != nil {
			return nil, nil // a rename SQLite refuses: not what the file went through
		}
	}
	for i, name := range from {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s RENAME COLUMN %s TO %s`,
			quoteIdent(table), fmt.Sprint("dossier_renamed_", i), quoteIdent(renamed[name]))); err != nil {
			return nil, nil
		}
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
	if added == 0 {
		if got != file {
			return nil, nil
		}
		return renamed, nil
	}
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
	return renamed, nil
}

// plainQuoted is a plain name in double quotes.
var plainQuoted = regexp.MustCompile(`"([A-Za-z_][A-Za-z0-9_]*)"`)

// unquoted is a statement with its plain names' quotes taken off: SQLite
// writes a renamed column's name as the rename gave it, quoted or not.
func unquoted(statement string) string { return plainQuoted.ReplaceAllString(statement, "$1") }

// quoteIdent is name as an SQL identifier, whatever it holds.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
