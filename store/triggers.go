package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// A research file is shared like a document, and SQLite runs the triggers
// a file carries on every change made to it: a trigger added by someone
// else could rename what is imported, or delete every document when a
// bookmark is added. Dossier's own triggers keep the full-text index in
// step with the passages; any other, or one of its own rewritten, keeps
// the file read-only (check names them, and recover copies the file
// without them).

var (
	createTrigger = regexp.MustCompile(`(?s)CREATE TRIGGER\s+(\w+)\b.*?\bEND\b`)
	dropTrigger   = regexp.MustCompile(`DROP TRIGGER (?:IF EXISTS )?(\w+)`)
)

// ownTriggers is Dossier's triggers as a file at schema version has them
// (name → the CREATE statement SQLite keeps, spaced), from the migrations.
func ownTriggers(version int) map[string]string {
	own := map[string]string{}
	for _, name := range migrationNames()[:min(version, len(migrationNames()))] {
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			panic(err) // embedded at build time: cannot fail
		}
		for _, m := range dropTrigger.FindAllStringSubmatch(string(b), -1) {
			delete(own, m[1])
		}
		for _, m := range createTrigger.FindAllStringSubmatch(string(b), -1) {
			own[m[1]] = spaced(m[0])
		}
	}
	return own
}

// foreignTriggers names the triggers in the file that are not Dossier's
// own as its schema version has them, sorted.
func foreignTriggers(ctx context.Context, q querier) ([]string, error) {
	var version int
	if err := q.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return nil, err
	}
	own := ownTriggers(version)
	rows, err := q.QueryContext(ctx, `SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'trigger'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var foreign []string
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return nil, err
		}
		if own[name] != spaced(sql) {
			foreign = append(foreign, name)
		}
	}
	slices.Sort(foreign)
	return foreign, rows.Err()
}

// spaced is sql with each run of white space one space: the same trigger
// written out again is the same.
func spaced(sql string) string { return strings.Join(strings.Fields(sql), " ") }

// triggersReason is why a file carrying foreign triggers is read-only.
func triggersReason(names []string) string {
	return fmt.Sprintf("it carries SQL triggers that Dossier never makes (%s), which would run with every change and could alter or delete your work; recovering it into a new file (dossier recover) makes a copy without them",
		strings.Join(names, ", "))
}

// triggersProblem is what check says of them.
func triggersProblem(names []string) string {
	return fmt.Sprintf("the file carries SQL triggers that Dossier never makes (%s): they would run with every change and could alter or delete your work (recover makes a copy without them)",
		strings.Join(names, ", "))
}
