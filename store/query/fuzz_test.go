package query_test

import (
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/store/query"

	_ "modernc.org/sqlite"
)

// ftsTable opens a small FTS5 table with the research file's tokenizer, to
// check that every expression Parse produces is one FTS5 accepts.
func ftsTable(t testing.TB, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		`CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')`,
		`INSERT INTO t(text) VALUES ('Russian interference in 2020 included influencing Trump associates'),
			('Kilimnik was an associate of Paul Manafort, the U.S. campaign chairman.'),
			('We met in Tōkyō at a café; 日本語 and emoji 🎉 too.'),
			('NEAR AND OR NOT are just words here: "quoted" * ^ col:x')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// FuzzParse: Parse never panics; errors are *query.Error; a query without
// error renders an expression that is empty exactly when there are no
// positive terms, and otherwise runs in a real FTS5 table (MATCH and
// highlight); String() renders a query that parses back to the same one.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"putin kilimnik", `"influence operations"`, "sanction*", "iran OR china", "putin -trump", `doc:"two words" x`,
		`"unbalanced`, `"*"`, "NEAR(", "a:b", "^", "col:", "-", "OR OR", "🎉", "a\x00b", strings.Repeat("long", 300),
		"NEAR(putin kilimnik, 10)", "putin NEAR/10 kilimnik", `NEAR("a b" c*, 0) doc:x`, "a NEAR b NEAR/3 c",
		"NEAR(a, b, 5)", `NEAR(")" a)`, "-NEAR(a b) c", "x OR a NEAR b", "foo:bar", "10:30 https://x.org/a:b",
		"page:7", "page:3-9 x", "page:9-3", "page:x", `page:"1 - 2"`,
		`likelihood:>="very likely" x`, `confidence:<"`, `by:"anonymous sources"`, "-stance:denies",
	} {
		f.Add(s)
	}
	db := ftsTable(f, f.TempDir())
	f.Fuzz(func(t *testing.T, in string) {
		q, err := query.Parse(in)
		if err != nil {
			var qe *query.Error
			if !errors.As(err, &qe) || qe.Msg == "" {
				t.Fatalf("Parse(%q): error %T %v is not a *query.Error", in, err, err)
			}
			return
		}
		expr := q.MatchExpr()
		if (expr == "") != !q.HasText() {
			t.Fatalf("Parse(%q): MatchExpr %q but HasText %v", in, expr, q.HasText())
		}
		if q.IsEmpty() && (len(q.Filters) > 0 || len(q.Excludes) > 0) {
			t.Fatalf("Parse(%q): IsEmpty with filters or exclusions", in)
		}
		if expr != "" {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM t WHERE t MATCH ?`, expr).Scan(&n); err != nil {
				t.Fatalf("Parse(%q): FTS5 rejects %s: %v", in, expr, err)
			}
			rows, err := db.Query(`SELECT highlight(t, 0, char(2), char(3)) FROM t WHERE t MATCH ? ORDER BY rank`, expr)
			if err != nil {
				t.Fatalf("Parse(%q): highlight with %s: %v", in, expr, err)
			}
			for rows.Next() {
			}
			if err := rows.Err(); err != nil {
				t.Fatalf("Parse(%q): highlight with %s: %v", in, expr, err)
			}
			rows.Close()
		}
		// Round trip through the normalised rendering (which may be a few
		// characters longer than the input: "a|b" renders as "a OR b").
		s := q.String()
		if len([]rune(s)) > query.MaxQueryLen {
			return
		}
		again, err := query.Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q, which does not parse: %v", in, s, err)
		}
		if !reflect.DeepEqual(normalise(again), normalise(q)) {
			t.Fatalf("Parse(%q).String() = %q parses to %+v, want %+v", in, s, again, q)
		}
	})
}

// normalise treats nil and empty slices alike.
func normalise(q query.Query) query.Query {
	if len(q.Clauses) == 0 {
		q.Clauses = nil
	}
	if len(q.Excludes) == 0 {
		q.Excludes = nil
	}
	if len(q.Filters) == 0 {
		q.Filters = nil
	}
	return q
}
