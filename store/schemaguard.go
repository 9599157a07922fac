package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// A research file is shared like a document, and SQLite runs what a file's
// schema says on every change made to it: a trigger added by someone else
// could rename what is imported, or delete every document when a bookmark
// is added; a table definition rewritten (PRAGMA writable_schema) could
// add a cascading foreign key or an ON CONFLICT REPLACE that silently
// deletes rows with an unrelated action; an extra unique index could do the
// same to an INSERT OR REPLACE. So every object of the file's schema must
// be one Dossier's migrations make, word for word, for the file's schema
// version; any other keeps the file read-only (check names them, and
// recover copies the rows into a file built by the migrations alone).
//
// Objects that are missing are damage, for check, not foreign SQL.

// schemaObject is one row of sqlite_schema.
type schemaObject struct{ kind, name, table, sql string }

// label names an object for a message: "trigger wipe".
func (o schemaObject) label() string { return o.kind + " " + o.name }

var ownSchemas struct {
	sync.Mutex
	byVersion map[int]map[string]schemaObject
}

// ownSchema is the schema Dossier's migrations make up to version, by
// kind and name, built once per version in a scratch database in memory
// (the same SQL through the same SQLite, so the text SQLite keeps for each
// object is what it keeps in a research file, ALTER TABLE's edits
// included).
func ownSchema(ctx context.Context, version int) (map[string]schemaObject, error) {
	ownSchemas.Lock()
	defer ownSchemas.Unlock()
	if s, ok := ownSchemas.byVersion[version]; ok {
		return s, nil
	}
	db, err := sql.Open("sqlite", "file:own-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one memory database
	for _, name := range migrationNames()[:version] {
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			return nil, fmt.Errorf("migration %s in memory: %w", name, err)
		}
	}
	objects, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	own := map[string]schemaObject{}
	for _, o := range objects {
		own[o.kind+"\x00"+o.name] = o
	}
	if ownSchemas.byVersion == nil {
		ownSchemas.byVersion = map[int]map[string]schemaObject{}
	}
	ownSchemas.byVersion[version] = own
	return own, nil
}

// schemaObjects reads sqlite_schema, each statement spaced.
func schemaObjects(ctx context.Context, q querier) ([]schemaObject, error) {
	return queryAll(ctx, q, func(row scanner) (o schemaObject, err error) {
		err = row.Scan(&o.kind, &o.name, &o.table, &o.sql)
		o.sql = spaced(o.sql)
		return o, err
	}, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema`)
}

// foreignSchema names the objects of the file's schema that Dossier's
// migrations do not make as they are ("trigger wipe", "table passages"),
// sorted. A file from a newer Dossier is left to the open's own refusal.
func foreignSchema(ctx context.Context, q querier) ([]string, error) {
	// The version and the schema in one statement, so one snapshot: another
	// process opening a new file may be between two migrations.
	var version int
	objects, err := queryAll(ctx, q, func(row scanner) (o schemaObject, err error) {
		err = row.Scan(&o.kind, &o.name, &o.table, &o.sql, &version)
		o.sql = spaced(o.sql)
		return o, err
	}, `SELECT type, name, tbl_name, coalesce(sql, ''), (SELECT user_version FROM pragma_user_version) FROM sqlite_schema`)
	if err != nil || len(objects) == 0 || version < 0 || version > len(migrationNames()) {
		return nil, err
	}
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	var foreign []string
	for _, o := range objects {
		if !ownObject(own, o) {
			foreign = append(foreign, o.label())
		}
	}
	slices.Sort(foreign)
	return foreign, nil
}

// ownObject reports whether o is one of Dossier's own objects as its
// migrations make it, or one SQLite makes by itself.
func ownObject(own map[string]schemaObject, o schemaObject) bool {
	if want, ok := own[o.kind+"\x00"+o.name]; ok && want == o {
		return true
	}
	switch {
	case o.kind == "index" && strings.HasPrefix(o.name, "sqlite_autoindex_"):
		// A table's own UNIQUE and PRIMARY KEY: the table's text is checked.
		return true
	case o.kind == "table" && (o.name == "sqlite_sequence" || strings.HasPrefix(o.name, "sqlite_stat")):
		return true // SQLite's own bookkeeping (AUTOINCREMENT, ANALYZE)
	case o.kind == "trigger":
		return false // a trigger on any table can change Dossier's
	case o.kind == "index" && !ownTable(own, o.table):
		return true // on a table of someone else's (below)
	case (o.kind == "table" || o.kind == "view") && !ownTable(own, o.name) && !shadowOfOwn(own, o.name):
		// Someone else's table, which Dossier never reads or writes: it
		// cannot change Dossier's rows (a foreign key of its own only
		// refuses or follows Dossier's deletes, and a trigger would be
		// caught above).
		return true
	case o.kind == "table" && shadowOfOwn(own, o.name):
		// FTS5 writes its shadow tables' statements itself, and a SQLite
		// release could word them differently from the one that made the
		// file: they hold only the index (which recover rebuilds), and
		// must not carry what could reach the user's rows.
		up := strings.ToUpper(o.sql)
		return !strings.Contains(up, "REFERENCES") && !strings.Contains(up, "CONFLICT") && !strings.Contains(up, "TRIGGER")
	}
	return false
}

// ownTable reports whether name is one of Dossier's tables, or a shadow
// table of one.
func ownTable(own map[string]schemaObject, name string) bool {
	_, ok := own["table\x00"+name]
	return ok || shadowOfOwn(own, name)
}

// shadowOfOwn reports whether name is that of a shadow table of one of
// Dossier's virtual tables (passages_fts_data, …).
func shadowOfOwn(own map[string]schemaObject, name string) bool {
	for _, o := range own {
		if o.kind == "table" && strings.HasPrefix(o.sql, "CREATE VIRTUAL TABLE") && strings.HasPrefix(name, o.name+"_") {
			return true
		}
	}
	return false
}

// spaced is sql with each run of white space one space: the same statement
// written out again is the same.
func spaced(sql string) string { return strings.Join(strings.Fields(sql), " ") }

// foreignList names at most a few of them, and how many more.
func foreignList(names []string) string {
	const shown = 4
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}

// foreignSchemaReason is why a file carrying foreign SQL is read-only.
func foreignSchemaReason(names []string) string {
	return fmt.Sprintf("it carries SQL that Dossier never makes (%s), which SQLite would run with every change and which could alter or delete your work; recovering it into a new file (dossier recover) makes a copy without it",
		foreignList(names))
}

// foreignSchemaProblem is what check says of them.
func foreignSchemaProblem(names []string) string {
	return fmt.Sprintf("the file carries SQL that Dossier never makes (%s): SQLite would run it with every change, and it could alter or delete your work (recover makes a copy without it)",
		foreignList(names))
}
