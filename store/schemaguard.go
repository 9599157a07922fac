package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
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
// same to an INSERT OR REPLACE. So every object of the file's schema named
// as one of Dossier's (in any case: SQLite's names are not case-sensitive)
// must be the one Dossier's migrations make for the file's schema version,
// word for word, FTS5's shadow tables included; any trigger must be
// Dossier's own; and someone else's tables, views and indexes are allowed
// only apart from Dossier's (no index on its tables, no foreign key to
// them). Anything else keeps the file read-only: check names it, and
// recover copies the rows into a file built by the migrations alone.
//
// Objects that are missing are damage, for check, not foreign SQL.

// schemaObject is one row of sqlite_schema.
type schemaObject struct{ kind, name, table, sql string }

// label names an object for a message: "trigger wipe".
func (o schemaObject) label() string {
	if o.kind == "column" {
		return "column " + o.name + " of table " + o.table
	}
	return o.kind + " " + o.name
}

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
	db, err := scratchSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	objects, _, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	own := map[string]schemaObject{}
	for _, o := range objects {
		own[objectKey(o.kind, o.name)] = o
	}
	if ownSchemas.byVersion == nil {
		ownSchemas.byVersion = map[int]map[string]schemaObject{}
	}
	ownSchemas.byVersion[version] = own
	return own, nil
}

// scratchSchema is a database in memory holding Dossier's schema at
// version, made by its migrations; the caller closes it.
func scratchSchema(ctx context.Context, version int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:own-schema?mode=memory")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: one memory database
	for _, name := range migrationNames()[:version] {
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			db.Close()
			return nil, err
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			db.Close()
			return nil, fmt.Errorf("migration %s in memory: %w", name, err)
		}
	}
	return db, nil
}

var droppedColumns struct {
	sync.Mutex
	known map[string][]string // by version and the table's statement
}

// lackingColumns names the columns of Dossier's table o lacks, when o is
// that table at version exactly as ALTER TABLE … DROP COLUMN of them
// leaves it, and nil otherwise. A file whose table lacks a column (dropped
// by another program) was said to carry foreign SQL that "could alter or
// delete your work": it is damage, as a dropped table is. Any other
// rewrite of the table stays foreign SQL.
func lackingColumns(ctx context.Context, q querier, version int, o schemaObject) ([]string, error) {
	if o.kind != "table" || version < 1 || version > len(migrationNames()) {
		return nil, nil
	}
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	want, ok := own[objectKey("table", o.name)]
	if !ok || want == o || strings.HasPrefix(want.sql, "CREATE VIRTUAL TABLE") {
		return nil, nil
	}
	key := fmt.Sprint(version, "\x00", o.sql)
	droppedColumns.Lock()
	defer droppedColumns.Unlock()
	if cols, ok := droppedColumns.known[key]; ok {
		return cols, nil
	}
	has, err := queryAll(ctx, q, func(row scanner) (name string, err error) { return name, row.Scan(&name) },
		`SELECT name FROM pragma_table_xinfo(?)`, o.name)
	if err != nil {
		return nil, nil // unreadable: not for this to say
	}
	db, err := scratchSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	owns, err := queryAll(ctx, db, func(row scanner) (name string, err error) { return name, row.Scan(&name) },
		`SELECT name FROM pragma_table_xinfo(?)`, want.name)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, c := range owns {
		if !slices.ContainsFunc(has, func(h string) bool { return strings.EqualFold(h, c) }) {
			cols = append(cols, c)
		}
	}
	var got string
	if len(cols) > 0 && len(cols)+len(has) == len(owns) {
		for _, c := range cols {
			if _, err := db.ExecContext(ctx, `ALTER TABLE "`+want.name+`" DROP COLUMN "`+c+`"`); err != nil {
				cols = nil // a column SQLite would not drop
				break
			}
		}
		err = db.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, want.name).Scan(&got)
		if err != nil {
			return nil, err
		}
	}
	if spaced(got) != o.sql {
		cols = nil
	}
	if droppedColumns.known == nil {
		droppedColumns.known = map[string][]string{}
	}
	droppedColumns.known[key] = cols
	return cols, nil
}

// schemaObjects reads sqlite_schema, each statement spaced, and the schema
// version, in one statement, so one snapshot: another process opening a
// new file may be between two migrations.
func schemaObjects(ctx context.Context, q querier) (objects []schemaObject, version int, err error) {
	objects, err = queryAll(ctx, q, func(row scanner) (o schemaObject, err error) {
		err = row.Scan(&o.kind, &o.name, &o.table, &o.sql, &version)
		o.sql = spaced(o.sql)
		return o, err
	}, `SELECT type, name, tbl_name, coalesce(sql, ''), (SELECT user_version FROM pragma_user_version) FROM sqlite_schema`)
	return objects, version, err
}

// present is the objects by objectKey.
func present(objects []schemaObject) map[string]bool {
	have := map[string]bool{}
	for _, o := range objects {
		have[objectKey(o.kind, o.name)] = true
	}
	return have
}

// foreignSQL is what of a file's schema Dossier's migrations do not make.
type foreignSQL struct {
	names    []string // the objects, sorted: "trigger wipe", "table passages"
	tablesOf int      // when all are Dossier's own of another schema version, that version
	recorded int      // the version the file records
	// changedTables: every name is a table of Dossier's whose definition
	// another program changed (a column renamed or retyped, a constraint
	// added), none a trigger, view or index: nothing runs with every
	// change, as the usual words said.
	changedTables bool
}

// foreignSchema finds the objects of the file's schema that Dossier's
// migrations do not make as they are. When they are all Dossier's own of
// another schema version than the file records (its user_version changed
// behind Dossier's back), it says which. A file from a newer Dossier is
// left to the open's own refusal.
func foreignSchema(ctx context.Context, q querier) (f foreignSQL, err error) {
	objects, version, err := schemaObjects(ctx, q)
	if err != nil || len(objects) == 0 || version < 0 || version > len(migrationNames()) {
		return f, err
	}
	f.recorded = version
	if f.names, err = foreignTo(ctx, q, objects, version); err != nil {
		return f, err
	}
	if ranked, err := rankSetting(ctx, q); err != nil {
		return f, err
	} else if ranked {
		// FTS5 keeps a rank function as data: bm25(-1.0) put the weakest
		// match first in every ranked search.
		f.names = append(f.names, "setting rank of passages_fts")
	}
	if len(f.names) == 0 {
		return f, nil
	}
	own, err := ownSchema(ctx, version)
	if err != nil {
		return f, err
	}
	// An index or trigger SQLite rewrote when another program renamed a
	// column it names is part of the table changed: said to be SQL that
	// "SQLite would run with every change", recover was said to drop the
	// bookmarks it copies (a hostile pass).
	var renamedSQL map[string]string
	if slices.ContainsFunc(f.names, func(name string) bool { return !strings.HasPrefix(name, "table ") }) {
		if renamedSQL, err = renamedSchema(ctx, q, version); err != nil {
			return f, err
		}
	}
	f.changedTables = !slices.ContainsFunc(f.names, func(name string) bool {
		if table, ok := strings.CutPrefix(name, "table "); ok {
			return own[objectKey("table", table)].name == ""
		}
		at := slices.IndexFunc(objects, func(o schemaObject) bool { return o.label() == name })
		if at < 0 {
			return true
		}
		renamed, ok := renamedSQL[objectKey(objects[at].kind, objects[at].name)]
		return !ok || renamed != unquoted(objects[at].sql)
	})
	for v := len(migrationNames()); v >= 1; v-- {
		if v == version {
			continue
		}
		if other, err := foreignTo(ctx, q, objects, v); err != nil {
			return f, err
		} else if len(other) == 0 && hasAllOf(ctx, objects, v) {
			f.tablesOf = v
			break
		}
	}
	return f, nil
}

// rankSetting reports whether the full-text index has a rank function of
// its own set (Dossier never sets one).
func rankSetting(ctx context.Context, q querier) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'passages_fts_config'`).Scan(&n)
	if err != nil || n == 0 {
		return false, err
	}
	err = q.QueryRowContext(ctx, `SELECT count(*) FROM passages_fts_config WHERE k = 'rank'`).Scan(&n)
	return n > 0, err
}

// foreignTo names the objects that are not Dossier's own at version, and
// Dossier's triggers that are missing: without passages_ad, deleting a
// document left its words in the index, and the next import's passages
// (taking the same ids) were found by them.
func foreignTo(ctx context.Context, q querier, objects []schemaObject, version int) ([]string, error) {
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	reserved, err := ownSchema(ctx, len(migrationNames()))
	if err != nil {
		return nil, err
	}
	var foreign []string
	have := present(objects)
	for _, o := range objects {
		if ownObject(own, reserved, o) {
			continue
		}
		if cols, err := lackingColumns(ctx, q, version, o); err != nil {
			return nil, err
		} else if len(cols) > 0 {
			continue // damage: missingObjects names it
		}
		foreign = append(foreign, o.label())
	}
	for k, o := range own {
		if o.kind == "trigger" && !have[k] {
			foreign = append(foreign, o.label()+", removed")
		}
	}
	slices.Sort(foreign)
	return foreign, nil
}

// missingObjects names the tables, indexes and views of Dossier's schema
// at the file's recorded version that the file lacks: dropped by another
// program, every such file passed check, and the first change that needed
// one failed with SQLite's "no such table" (found by a hostile pass). Its
// triggers are not named here: one missing is foreign SQL (foreignTo),
// which keeps the file read-only; nor the table of passage lengths, which
// check names on its own and opening the file makes again; nor SQLite's
// own objects, which come and go with those named.
func missingObjects(ctx context.Context, q querier) ([]string, error) {
	missing, err := missingSchemaObjects(ctx, q)
	var names []string
	for _, o := range missing {
		names = append(names, o.label())
	}
	return names, err
}

// missingSchemaObjects is missingObjects, as the objects the migrations
// make.
func missingSchemaObjects(ctx context.Context, q querier) ([]schemaObject, error) {
	objects, version, err := schemaObjects(ctx, q)
	if err != nil || len(objects) == 0 || version < 1 || version > len(migrationNames()) {
		return nil, err
	}
	own, err := ownSchema(ctx, version)
	if err != nil {
		return nil, err
	}
	have := present(objects)
	var missing []schemaObject
	for k, o := range own {
		if have[k] || o.kind == "trigger" || o.name == "passage_lengths" || strings.HasPrefix(strings.ToLower(o.name), "sqlite_") {
			continue
		}
		if o.kind == "index" && !have[objectKey("table", o.table)] {
			continue // gone with its table
		}
		missing = append(missing, o)
	}
	for _, o := range objects {
		cols, err := lackingColumns(ctx, q, version, o)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			missing = append(missing, schemaObject{kind: "column", name: c, table: o.name})
		}
	}
	// A virtual table's shadow tables go with it.
	missing = slices.DeleteFunc(missing, func(o schemaObject) bool {
		return o.kind == "table" && slices.ContainsFunc(missing, func(v schemaObject) bool {
			return strings.HasPrefix(v.sql, "CREATE VIRTUAL TABLE") && strings.HasPrefix(o.name, v.name+"_")
		})
	})
	// Tables first: "table bookmarks, index …".
	slices.SortFunc(missing, func(a, b schemaObject) int {
		if ta, tb := a.kind == "table", b.kind == "table"; ta != tb {
			if ta {
				return -1
			}
			return 1
		}
		return strings.Compare(a.label(), b.label())
	})
	return missing, nil
}

// rebuildMissingIndexes makes again the indexes of Dossier's schema a
// writable file lacks, when they are all it lacks, and reports whether
// it did: a file without one opened read-only, said to be damaged, though
// the index is rebuilt from its table (a hostile pass).
func rebuildMissingIndexes(ctx context.Context, db querier) (bool, error) {
	missing, err := indexesToRebuild(ctx, db)
	if err != nil || len(missing) == 0 {
		return false, err
	}
	for _, o := range missing {
		if _, err := db.ExecContext(ctx, o.sql); err != nil {
			return false, fmt.Errorf("rebuilding the missing %s: %w", o.label(), err)
		}
	}
	return true, nil
}

// indexesToRebuild are the indexes rebuildMissingIndexes makes again: those
// missing, when nothing else of the schema is.
func indexesToRebuild(ctx context.Context, db querier) ([]schemaObject, error) {
	missing, err := missingSchemaObjects(ctx, db)
	if err != nil || slices.ContainsFunc(missing, func(o schemaObject) bool { return o.kind != "index" }) {
		return nil, err
	}
	return missing, nil
}

// missingProblem is what check says of the objects missingObjects names.
func missingProblem(names []string) string {
	return fmt.Sprintf("the file lacks part of Dossier's schema (%s): what needs it fails or runs slowly; recover copies the rows into a sound file",
		foreignList(names))
}

// hasAllOf reports whether objects hold every object of Dossier's schema
// at version.
func hasAllOf(ctx context.Context, objects []schemaObject, version int) bool {
	own, err := ownSchema(ctx, version)
	if err != nil {
		return false
	}
	have := present(objects)
	for k := range own {
		if !have[k] {
			return false
		}
	}
	return true
}

// ownObject reports whether o is one of Dossier's own objects as its
// migrations make it at this version (own), or one that cannot reach
// Dossier's rows. reserved is every name Dossier's latest schema uses.
func ownObject(own, reserved map[string]schemaObject, o schemaObject) bool {
	// SQLite's names are not case-sensitive: "Documents" is documents, and
	// must be it word for word.
	if want, ok := own[objectKey(o.kind, o.name)]; ok {
		return want == o
	}
	if o.kind == "trigger" {
		return false // a trigger on any table can change Dossier's
	}
	if reservedName(reserved, o.name) {
		// A name Dossier's own object has, or will have once a later
		// migration makes it (which then fails on it).
		return false
	}
	if unknownCollation(o.sql) {
		// SQLite cannot use such an object, and then calls the whole file
		// unreadable: a backup or an import fails with its words.
		return false
	}
	switch o.kind {
	case "index":
		// On a table of someone else's (below); not on Dossier's, where a
		// unique one could make an INSERT OR REPLACE delete rows. SQLite
		// takes the table from the statement, not from tbl_name (which
		// writable_schema can set to anything): neither may name one.
		return !dossierName(reserved, o.table) && !namesDossierTable(reserved, o.sql)
	case "table", "view":
		// Someone else's table (SQLite's own bookkeeping, sqlite_sequence
		// and sqlite_stat1, among them), which Dossier never reads or
		// writes, is inert unless it refers to Dossier's rows: a foreign
		// key of its own would refuse Dossier's deletes, or make them
		// crawl through thousands of cascades.
		return !dossierName(reserved, o.name) && !strings.Contains(strings.ToUpper(o.sql), "REFERENCES")
	}
	return false
}

// collation finds the collating sequences a statement names.
var collation = regexp.MustCompile("(?i)\\bCOLLATE\\s+[\"'`\\[]?(\\w+)")

// unknownCollation reports whether a statement names a collating sequence
// other than SQLite's own (Dossier registers none).
func unknownCollation(sql string) bool {
	for _, m := range collation.FindAllStringSubmatch(sql, -1) {
		switch strings.ToUpper(m[1]) {
		case "BINARY", "NOCASE", "RTRIM":
		default:
			return true
		}
	}
	return false
}

// reservedName reports whether name (in any case) is that of an object of
// Dossier's latest schema.
func reservedName(reserved map[string]schemaObject, name string) bool {
	for _, o := range reserved {
		if strings.EqualFold(o.name, name) {
			return true
		}
	}
	return false
}

// namesDossierTable reports whether a statement names one of Dossier's
// tables, in any case or quoting: any word of it is one.
func namesDossierTable(reserved map[string]schemaObject, sql string) bool {
	words := strings.FieldsFunc(sql, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f)
	})
	for _, w := range words {
		if dossierName(reserved, w) {
			return true
		}
	}
	return false
}

// objectKey is how an object is found by kind and name, whatever its case.
func objectKey(kind, name string) string { return kind + "\x00" + strings.ToLower(name) }

// dossierName reports whether name (in any case) is that of one of
// Dossier's tables in its latest schema, or of a shadow table of one of
// its virtual tables (passages_fts_data, …), such as a file of an older
// schema may not have yet.
func dossierName(reserved map[string]schemaObject, name string) bool {
	name = strings.ToLower(name)
	for _, o := range reserved {
		if o.kind != "table" {
			continue
		}
		own := strings.ToLower(o.name)
		if own == name || strings.HasPrefix(o.sql, "CREATE VIRTUAL TABLE") && strings.HasPrefix(name, own+"_") {
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

// any reports whether there is any.
func (f foreignSQL) any() bool { return len(f.names) > 0 }

// reason is why a file carrying foreign SQL is read-only.
func (f foreignSQL) reason() string {
	names, tablesOf, recorded := f.names, f.tablesOf, f.recorded
	if tablesOf > 0 {
		return fmt.Sprintf("its tables are those of Dossier's schema version %d, but it records version %d (something changed that number): Dossier would apply its changes over them again; recovering it into a new file (dossier --db FILE recover --out NEW) copies its rows into a sound one",
			tablesOf, recorded)
	}
	if f.changedTables {
		return fmt.Sprintf("it carries SQL that Dossier never makes (%s, changed by another program), so Dossier's changes there could fail, or alter or delete your work; recovering it into a new file (dossier --db FILE recover --out NEW) copies its rows into tables as Dossier makes them",
			foreignList(names))
	}
	return fmt.Sprintf("it carries SQL that Dossier never makes (%s), which SQLite would run with every change and which could alter or delete your work; recovering it into a new file (dossier --db FILE recover --out NEW) makes a copy without it",
		foreignList(names))
}

// What check says of foreign SQL begins with one of these.
const (
	foreignSQLProblem     = "the file carries SQL that Dossier never makes"
	renumberedFileProblem = "the file records schema version"
)

// problem is what check says of it.
func (f foreignSQL) problem() string {
	names, tablesOf, recorded := f.names, f.tablesOf, f.recorded
	if tablesOf > 0 {
		return fmt.Sprintf(renumberedFileProblem+" %d, but its tables are those of version %d (something changed that number): recover copies its rows into a sound file",
			recorded, tablesOf)
	}
	if f.changedTables {
		return fmt.Sprintf(foreignSQLProblem+" (%s, changed by another program): Dossier's changes there could fail, or alter or delete your work (recover copies its rows into tables as Dossier makes them)",
			foreignList(names))
	}
	return fmt.Sprintf(foreignSQLProblem+" (%s): SQLite would run it with every change, and it could alter or delete your work (recover makes a copy without it)",
		foreignList(names))
}

// IsForeignSQLProblem reports whether a problem CheckFile found is SQL
// that Dossier never makes (or a changed schema version) rather than
// damage: a backup is no way out of it when the file came as it is.
func IsForeignSQLProblem(problem string) bool {
	return strings.HasPrefix(problem, foreignSQLProblem) || strings.HasPrefix(problem, renumberedFileProblem)
}

// missingReason is why a file lacking part of Dossier's schema is
// read-only.
func missingReason(names []string) string {
	return fmt.Sprintf("it lacks part of Dossier's schema (%s), so changes that need it would fail; recovering it into a new file (dossier --db FILE recover --out NEW) copies its rows into a sound one",
		foreignList(names))
}

// MissingSchema names what of Dossier's schema the file lacks ("table
// bookmarks"), which keeps it read-only, or "" if it lacks nothing.
func (s *Store) MissingSchema() string {
	if len(s.missingSchema) == 0 {
		return ""
	}
	return foreignList(s.missingSchema)
}

// ChangedTables names the tables of Dossier's another program changed
// ("table bookmarks"), when they are all that keeps the file read-only,
// or "".
func (s *Store) ChangedTables() string {
	if !s.foreignSQL.changedTables {
		return ""
	}
	return foreignList(s.foreignSQL.names)
}

// ForeignSQL names what of the file's schema keeps it read-only ("index
// sneaky, trigger wipe"), or "" if nothing does.
func (s *Store) ForeignSQL() string {
	if !s.foreignSQL.any() {
		return ""
	}
	return foreignList(s.foreignSQL.names)
}
