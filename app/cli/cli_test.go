package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/app/cli"
	"dossier/assets"
	"dossier/store"
)

const seedTitle = "Russian interference in 2020 included influencing Trump associates"

type result struct {
	code           int
	stdout, stderr string
}

// run calls cli.Run with a subcommand against the research file db.
func run(t *testing.T, db string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(db, args, seed, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// seed is what the entry point hands the command line.
var seed = store.Seed{Gazetteer: assets.Gazetteer, ArticleName: assets.SeedArticleName, Article: assets.SeedArticle}

func newDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "research.dossier")
}

type searchJSON struct {
	Total  int  `json:"total"`
	Capped bool `json:"capped"`
	Ranked bool `json:"ranked"`
	Hits   []struct {
		Passage  int64    `json:"passage"`
		Document string   `json:"document"`
		Ordinal  int      `json:"ordinal"`
		Page     int      `json:"page"` // paged documents only
		Text     string   `json:"text"`
		Snippet  string   `json:"snippet"`
		Matches  [][2]int `json:"matches"`
	} `json:"hits"`
}

func searchJSONOut(t *testing.T, db string, args ...string) searchJSON {
	t.Helper()
	return runJSON[searchJSON](t, db, append([]string{"search", "--json"}, args...)...)
}

// runJSON runs a subcommand that must succeed and decodes its JSON output
// strictly: a field the test does not know about fails it.
func runJSON[T any](t *testing.T, db string, args ...string) T {
	t.Helper()
	r := run(t, db, args...)
	if r.code != cli.ExitOK {
		t.Fatalf("%q: exit %d, stderr %s", args, r.code, r.stderr)
	}
	var v T
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%q: invalid JSON %v:\n%s", args, err, r.stdout)
	}
	return v
}

// runeSlices returns text's matched substrings, slicing by code points.
func runeSlices(t *testing.T, text string, matches [][2]int) []string {
	t.Helper()
	runes := []rune(text)
	var out []string
	for _, m := range matches {
		if m[0] < 0 || m[1] <= m[0] || m[1] > len(runes) {
			t.Fatalf("match %v outside %d characters", m, len(runes))
		}
		out = append(out, string(runes[m[0]:m[1]]))
	}
	return out
}

func TestSearchJSON(t *testing.T) {
	db := newDB(t)
	res := searchJSONOut(t, db, "Kilimnik")
	if res.Total != 2 || len(res.Hits) != 2 || res.Capped || !res.Ranked {
		t.Fatalf("total %d, hits %d", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Document != seedTitle || h.Passage == 0 || (h.Ordinal != 7 && h.Ordinal != 13) {
			t.Errorf("hit %+v", h)
		}
		got := runeSlices(t, h.Text, h.Matches)
		if len(got) != 1 || got[0] != "Kilimnik" {
			t.Errorf("passage %d: matches %v -> %q", h.Ordinal, h.Matches, got)
		}
		if !strings.Contains(h.Snippet, "Kilimnik") {
			t.Errorf("snippet %q", h.Snippet)
		}
	}

	// Code points, not bytes: a passage with multi-byte letters before the
	// match (JSON consumers index strings by character).
	f := filepath.Join(t.TempDir(), "travel.txt")
	os.WriteFile(f, []byte("Travel notes\n\nÀ Zürich, “we” met in Tōkyō at a café — ¡Kilimnik! 🎉 Kilimnik again.\n"), 0o644)
	if r := run(t, db, "import", f); r.code != cli.ExitOK {
		t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
	}
	res = searchJSONOut(t, db, "tokyo", "cafe")
	if res.Total != 1 {
		t.Fatalf("tokyo cafe: total %d", res.Total)
	}
	if got := runeSlices(t, res.Hits[0].Text, res.Hits[0].Matches); strings.Join(got, ",") != "Tōkyō,café" {
		t.Errorf("tokyo cafe: %q", got)
	}
	res = searchJSONOut(t, db, "--limit", "5", "kilimnik", "doc:travel")
	if res.Total != 1 || strings.Join(runeSlices(t, res.Hits[0].Text, res.Hits[0].Matches), ",") != "Kilimnik,Kilimnik" {
		t.Errorf("kilimnik doc:travel: %+v", res)
	}

	// No hits is an empty list, not null.
	r := run(t, db, "search", "--json", "zzyzx")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, `"hits": []`) || !strings.Contains(r.stdout, `"total": 0`) {
		t.Errorf("no hits: %d %s", r.code, r.stdout)
	}
}

func TestSearchPagingFlags(t *testing.T) {
	db := newDB(t)
	all := searchJSONOut(t, db, "--limit", "100", "trump")
	page := searchJSONOut(t, db, "--limit", "3", "--offset", "3", "trump")
	if all.Total != 9 || page.Total != 9 || len(page.Hits) != 3 {
		t.Fatalf("all %d, page total %d with %d hits", all.Total, page.Total, len(page.Hits))
	}
	for i, h := range page.Hits {
		if h.Passage != all.Hits[3+i].Passage {
			t.Errorf("page hit %d is passage %d, want %d", i, h.Passage, all.Hits[3+i].Passage)
		}
	}
	for _, bad := range [][]string{{"--limit", "0", "x"}, {"--offset", "-1", "x"}, {"--limit", "abc", "x"}, {"--bogus", "x"}} {
		if r := run(t, db, append([]string{"search"}, bad...)...); r.code != cli.ExitUsage {
			t.Errorf("search %q: exit %d", bad, r.code)
		}
	}
	// A page holds at most 2,000: a larger --limit is refused, not cut
	// short quietly (a script would take 2,000 for every match).
	if r := run(t, db, "search", "--limit", "2001", "trump"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "--limit is at most 2000") {
		t.Errorf("--limit 2001: %+v", r)
	}
	if r := run(t, db, "search", "--limit", "2000", "trump"); r.code != cli.ExitOK {
		t.Errorf("--limit 2000: %+v", r)
	}
}

func TestSearchText(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "search", "Kilimnik", "manafort")
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, `1 passage matches "Kilimnik manafort"`) || !strings.Contains(r.stdout, "[Kilimnik] was an associate of Paul [Manafort]") {
		t.Errorf("output:\n%s", r.stdout)
	}
	// The echoed query keeps a quoted word quoted.
	r = run(t, db, "search", `"-trump"`, "putin")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, `match "\"-trump\" putin"`) {
		t.Errorf("quoted dash word: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestSearchErrors(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "search")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, "give a QUERY") {
		t.Errorf("no query: %d %q", r.code, r.stderr)
	}
	r = run(t, db, "search", "--json")
	if r.code != cli.ExitUsage {
		t.Errorf("--json but no query: %d", r.code)
	}
	r = run(t, db, "search", "-trump")
	if r.code != cli.ExitUsage && r.code != cli.ExitError {
		t.Errorf("-trump: exit %d", r.code)
	}
	r = run(t, db, "search", "--", "-trump")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "Add a word") {
		t.Errorf("-- -trump: %d %q", r.code, r.stderr)
	}
	r = run(t, db, "search", `"*"`)
	if r.code != cli.ExitError || !strings.Contains(r.stderr, store.ErrEmptyQuery.Error()) {
		t.Errorf(`"*": %d %q`, r.code, r.stderr)
	}
	r = run(t, db, "search", "x", "doc:")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "doc: needs a value") {
		t.Errorf("doc: without value: %d %q", r.code, r.stderr)
	}
}

func TestImport(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "Good notes\n\nA kumquat paragraph.\n\nAnother one.\n")
	r := run(t, db, "import", good)
	if r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "imported  "+good+`: "Good notes" with 2 passages`) {
		t.Fatalf("import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, db, "import", good)
	if r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "present   "+good) || !strings.Contains(r.stdout, "nothing changed") {
		t.Errorf("again: %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	second := write("second.md", "# Second\n\nMarkdown body about kumquats.\n")
	bad := write("bad.txt", "bin\x00ary")
	third := write("third.txt", "Third\n\nMore kumquat.\n")
	r = run(t, db, "import", second, bad, third)
	if r.code != cli.ExitError {
		t.Errorf("with a bad file: exit %d", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "imported  "+second) ||
		!strings.HasPrefix(lines[1], "error     "+bad+": ") || !strings.Contains(lines[1], "binary") ||
		!strings.HasPrefix(lines[2], "imported  "+third) {
		t.Errorf("output:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "1 of 3 files could not be imported") {
		t.Errorf("stderr %q", r.stderr)
	}
	// The good ones are in, with the seed.
	docs := docsJSON(t, db)
	titles := map[string]int{}
	for _, d := range docs {
		titles[d.Title] = d.Passages
	}
	if len(docs) != 4 || titles["Second"] != 1 || titles["Third"] != 1 || titles["Good notes"] != 2 || titles[seedTitle] != 19 {
		t.Errorf("docs: %+v", docs)
	}
	if res := searchJSONOut(t, db, "kumquat*"); res.Total != 3 {
		t.Errorf("kumquat*: total %d", res.Total)
	}

	r = run(t, db, "import", filepath.Join(dir, "missing.txt"))
	if r.code != cli.ExitError || !strings.Contains(r.stdout, "missing.txt: no such file") {
		t.Errorf("missing: %d %q", r.code, r.stdout)
	}
	if r := run(t, db, "import"); r.code != cli.ExitUsage {
		t.Errorf("import without files: exit %d", r.code)
	}
}

type docJSON struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Source      string `json:"source"`
	Author      string `json:"author"`
	Published   string `json:"published"`
	URL         string `json:"url"`
	File        string `json:"file"`
	PhotoCredit string `json:"photo_credit"`
	Passages    int    `json:"passages"`
	Hash        string `json:"content_hash"`
	Pages       int    `json:"pages"` // paged documents only
}

func docsJSON(t *testing.T, db string) []docJSON {
	t.Helper()
	return runJSON[[]docJSON](t, db, "docs", "--json")
}

func TestDocs(t *testing.T) {
	db := newDB(t)
	docs := docsJSON(t, db)
	if len(docs) != 1 {
		t.Fatalf("docs: %+v", docs)
	}
	d := docs[0]
	if d.Title != seedTitle || d.Passages != 19 || d.Source != "Reuters" || d.PhotoCredit != "Reuters / Carlos Barria" ||
		d.File != "seed-article.txt" || len(d.Hash) != 64 || d.ID == 0 {
		t.Errorf("seed: %+v", d)
	}
	r := run(t, db, "docs")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "19 passages  "+seedTitle+" — Reuters") || !strings.HasSuffix(r.stdout, "1 document\n") {
		t.Errorf("docs: %d\n%s", r.code, r.stdout)
	}
	if r := run(t, db, "docs", "extra"); r.code != cli.ExitUsage {
		t.Errorf("docs extra: exit %d", r.code)
	}
}

func TestUsage(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "frobnicate")
	if r.code != cli.ExitUsage || !strings.Contains(r.stderr, `unknown command "frobnicate"`) || !strings.Contains(r.stderr, "Usage:") {
		t.Errorf("unknown command: %d %q", r.code, r.stderr)
	}
	if r := run(t, db, "help"); r.code != cli.ExitOK || !strings.Contains(r.stderr, "Usage:") {
		t.Errorf("help: %d", r.code)
	}
	if r := run(t, db); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "Usage:") {
		t.Errorf("no command: %d %q", r.code, r.stderr)
	}
	// Unknown commands and usage errors create no research file.
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("research file created by usage errors: %v", err)
	}
}

func TestBadResearchFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("Not a database, just notes.\n")
	os.WriteFile(db, content, 0o644)
	for _, args := range [][]string{{"search", "x"}, {"docs"}, {"import", db}} {
		r := run(t, db, args...)
		if r.code != cli.ExitError || !strings.Contains(r.stderr, "not a SQLite database") {
			t.Errorf("%q: %d %q", args, r.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, content) {
		t.Error("the file was changed")
	}
}

// tagJSON is what tags --json lists: the tag's one JSON shape and its counts.
type tagJSON struct {
	store.TagJSON
	Accepted  int `json:"accepted"`
	Pending   int `json:"pending"`
	Documents int `json:"documents"`
}

func tagsJSON(t *testing.T, db string) map[string]tagJSON {
	t.Helper()
	tags := runJSON[[]tagJSON](t, db, "tags", "--json")
	out := map[string]tagJSON{}
	for _, tg := range tags {
		out[tg.Family+"/"+tg.Name] = tg
	}
	return out
}

// withStore opens the research file directly for setting up annotations.
func withStore(t *testing.T, db string, f func(ctx context.Context, st *store.Store, seed int64)) {
	t.Helper()
	st, err := store.OpenResearchFile(db, seed)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var seed int64
	for _, d := range docs {
		if d.Title == seedTitle {
			seed = d.ID
		}
	}
	f(ctx, st, seed)
}

func passage(t *testing.T, st *store.Store, doc int64, ordinal int) store.Passage {
	t.Helper()
	ps, err := st.Passages(context.Background(), doc)
	if err != nil || len(ps) < ordinal {
		t.Fatalf("passages of %d: %d, %v", doc, len(ps), err)
	}
	return ps[ordinal-1]
}

func findTag(t *testing.T, st *store.Store, name string) store.Tag {
	t.Helper()
	tag, err := st.FindTag(context.Background(), "", name)
	if err != nil {
		t.Fatalf("FindTag(%q): %v", name, err)
	}
	return tag
}

// isBundle: data is JSON that says it is an annotation bundle, as the
// import reads it.
func isBundle(data []byte) bool {
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(data, &head) == nil && head.Format == store.BundleFormat
}

func TestTags(t *testing.T) {
	db := newDB(t)
	tags := tagsJSON(t, db)
	kil, ok := tags["actor/Konstantin Kilimnik"]
	if !ok || kil.Kind != "person" || kil.Accepted != 0 || kil.Pending != 2 || len(kil.Aliases) != 1 || kil.Aliases[0] != "Kilimnik" || kil.Color != "#8e44ad" {
		t.Errorf("Kilimnik: %+v", kil)
	}
	if wh := tags["actor/White House"]; wh.Aliases == nil || len(wh.Aliases) != 0 {
		t.Errorf("a tag without aliases lists %#v, want [] in JSON", wh.Aliases)
	}
	if r := tags["source/Reuters"]; r.Kind != "outlet" || r.Documents != 0 {
		t.Errorf("Reuters: %+v", r)
	}

	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		k := findTag(t, st, "Konstantin Kilimnik")
		if _, err := st.SetTaggingStateUndoable(ctx, passage(t, st, seed, 13).ID, k.ID, store.StateAccepted); err != nil {
			t.Fatal(err)
		}
		if _, err := st.TagDocumentUndoable(ctx, seed, findTag(t, st, "Reuters").ID); err != nil {
			t.Fatal(err)
		}
	})
	tags = tagsJSON(t, db)
	if kil := tags["actor/Konstantin Kilimnik"]; kil.Accepted != 1 || kil.Pending != 1 {
		t.Errorf("after accepting one: %+v", kil)
	}
	if r := tags["source/Reuters"]; r.Documents != 1 {
		t.Errorf("Reuters after tagging the document: %+v", r)
	}

	r := run(t, db, "tags")
	if r.code != cli.ExitOK {
		t.Fatalf("tags: %d %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(tags)+2 || strings.Join(strings.Fields(lines[0]), " ") != "FAMILY KIND NAME ACCEPTED PENDING ALIASES" ||
		lines[len(lines)-1] != fmt.Sprintf("%d tags", len(tags)) {
		t.Errorf("tags output:\n%s", r.stdout)
	}
	found := false
	for _, l := range lines {
		if strings.Join(strings.Fields(l), " ") == "actor person Konstantin Kilimnik 1 1 Kilimnik" {
			found = true
		}
	}
	if !found {
		t.Errorf("no Kilimnik line in:\n%s", r.stdout)
	}
	for _, bad := range [][]string{{"tags", "extra"}, {"tags", "--bogus"}} {
		if r := run(t, db, bad...); r.code != cli.ExitUsage {
			t.Errorf("%q: exit %d", bad, r.code)
		}
	}
}

const trickyNote = "Manafort's associate, \"K.\"\nsee passage 7"

// annotateForExport bookmarks passage 13 (a span) and 7, accepts
// Kilimnik on 13 and saves a search.
func annotateForExport(t *testing.T, db string) {
	t.Helper()
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		p13, p7 := passage(t, st, seed, 13), passage(t, st, seed, 7)
		i := strings.Index(p13.Text, "Paul Manafort")
		if _, err := st.AddBookmark(ctx, p13.ID, &store.Range{Start: i, End: i + len("Paul Manafort")}, trickyNote); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddBookmark(ctx, p7.ID, nil, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetTaggingStateUndoable(ctx, p13.ID, findTag(t, st, "Konstantin Kilimnik").ID, store.StateAccepted); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveSearchUndoable(ctx, "Kilimnik", "actor:kilimnik"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestExport(t *testing.T) {
	db := newDB(t)
	annotateForExport(t, db)

	// Markdown is the default; stdout when there is no --out.
	r := run(t, db, "export")
	if r.code != cli.ExitOK || !strings.HasPrefix(r.stdout, "# Dossier export: research.dossier\n") ||
		!strings.Contains(r.stdout, "> Paul Manafort\n") || !strings.Contains(r.stdout, "**Note:** Manafort's associate, \"K.\"  \nsee passage 7\n") ||
		!strings.Contains(r.stdout, "**Tags:** Konstantin Kilimnik (person)") || r.stderr != "" {
		t.Errorf("export: %d %q\n%s", r.code, r.stderr, r.stdout)
	}
	if md := run(t, db, "export", "--format", "md"); md.stdout[strings.Index(md.stdout, "\n"):] != r.stdout[strings.Index(r.stdout, "\n"):] {
		t.Error("--format md differs from the default")
	}
	// --out - is the standard output, as elsewhere: it wrote a file named
	// "-" (a hostile pass).
	here := t.TempDir()
	t.Chdir(here)
	if dash := run(t, db, "export", "--out", "-"); dash.code != cli.ExitOK || dash.stdout != r.stdout {
		t.Errorf("export --out -: %d %q\n%s", dash.code, dash.stderr, dash.stdout)
	}
	if _, err := os.Stat(filepath.Join(here, "-")); err == nil {
		t.Error(`export --out - wrote a file named "-"`)
	}

	r = run(t, db, "export", "--format", "csv")
	if r.code != cli.ExitOK {
		t.Fatalf("csv: %d %s", r.code, r.stderr)
	}
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v\n%s", err, r.stdout)
	}
	// Header, 2 bookmarks, 1 accepted tagging.
	if len(records) != 4 || records[0][0] != "type" || records[0][8] != "note" {
		t.Fatalf("csv records: %q", records)
	}
	notes := map[string]bool{}
	for _, rec := range records[1:] {
		notes[rec[8]] = true
	}
	if !notes[trickyNote] {
		t.Errorf("the note with a comma, quotes and a newline did not survive CSV: %q", records)
	}

	r = run(t, db, "export", "--format", "json")
	if r.code != cli.ExitOK || !isBundle([]byte(r.stdout)) {
		t.Fatalf("json: %d %s\n%.200s", r.code, r.stderr, r.stdout)
	}
	var b store.Bundle
	err = json.Unmarshal([]byte(r.stdout), &b)
	if err != nil || len(b.Bookmarks) != 2 || len(b.SavedSearches) != 1 || len(b.Documents) != 1 || b.Documents[0].Title != seedTitle {
		t.Errorf("bundle: %+v, %v", b, err)
	}

	// A query limits the export.
	r = run(t, db, "export", "--format", "csv", "manafort")
	if records, _ := csv.NewReader(strings.NewReader(r.stdout)).ReadAll(); r.code != cli.ExitOK || len(records) != 3 {
		t.Errorf("csv manafort: %d, %q", r.code, records) // passage 13: its bookmark and its tagging
	}
	r = run(t, db, "export", "--format", "md", "is:bookmarked", "-manafort")
	if r.code != cli.ExitOK || strings.Contains(r.stdout, "Paul Manafort") || !strings.Contains(r.stdout, "#### Passage 7") ||
		!strings.Contains(r.stdout, "Limited to passages matching `is:bookmarked -manafort`") {
		t.Errorf("md is:bookmarked -manafort: %d\n%s", r.code, r.stdout)
	}

	// --out writes the file, and nothing to stdout.
	out := filepath.Join(t.TempDir(), "findings.json")
	r = run(t, db, "export", "--format", "json", "--out", out)
	data, err := os.ReadFile(out)
	if r.code != cli.ExitOK || r.stdout != "" || r.stderr != "exported 2 bookmarks, 1 tagged passage and 1 saved search to "+out+"\n" || err != nil || !isBundle(data) {
		t.Errorf("--out: %d %q %q, %v", r.code, r.stdout, r.stderr, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("--out left other files: %v", entries)
	}
	// A query matching none of the work says so (it said "exported to"
	// alone, as if something had been).
	none := filepath.Join(t.TempDir(), "none.md")
	r = run(t, db, "export", "--out", none, "xyzzyqwv")
	if r.code != cli.ExitOK || r.stderr != "exported to "+none+": no bookmarks, tags or claims on the passages matching the search (only the 1 saved search)\n" {
		t.Errorf("an export matching nothing: %d %q", r.code, r.stderr)
	}

	// Errors: a bad query writes nothing (and leaves an earlier file alone).
	r = run(t, db, "export", "--format", "json", "--out", out, "actor:nobody")
	if after, _ := os.ReadFile(out); r.code != cli.ExitError || !strings.Contains(r.stderr, "No actor is called “nobody”") || !bytes.Equal(after, data) {
		t.Errorf("bad query: %d %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("a failed export left files: %v", entries)
	}
	r = run(t, db, "export", "actor:nobody")
	if r.code != cli.ExitError || r.stdout != "" {
		t.Errorf("bad query to stdout: %d %q", r.code, r.stdout)
	}
	if r := run(t, db, "export", "--out", filepath.Join(t.TempDir(), "missing", "x.md")); r.code != cli.ExitError {
		t.Errorf("--out into a missing folder: %d", r.code)
	}

	// Usage errors exit 2 and create no research file.
	fresh := newDB(t)
	for _, bad := range [][]string{{"export", "--format", "pdf"}, {"export", "--format"}, {"export", "--bogus"}} {
		r := run(t, fresh, bad...)
		if r.code != cli.ExitUsage {
			t.Errorf("%q: exit %d %q", bad, r.code, r.stderr)
		}
	}
	if r := run(t, fresh, "export", "--format", "pdf"); !strings.Contains(r.stderr, `unknown format "pdf" (use md, md-actors, csv or json)`) {
		t.Errorf("bad format message: %q", r.stderr)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("usage errors created the research file: %v", err)
	}
}

func TestImportBundle(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := newDB(t)
	annotateForExport(t, a)
	travel := write("travel.txt", "Travel notes\n\nMet Kilimnik in Zürich.\n")
	bundle := travelBundle(t, a, travel, filepath.Join(dir, "annotations.json"))

	// B holds the seed but not the travel notes.
	b := newDB(t)
	r := run(t, b, "import", bundle)
	if r.code != cli.ExitOK {
		t.Fatalf("import bundle: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "restored  "+bundle+": ") || !strings.Contains(lines[0], "2 bookmarks") ||
		!strings.Contains(lines[0], "1 saved search") || !strings.HasPrefix(lines[1], "skipped   ") || !strings.Contains(lines[1], "on “Travel notes”") ||
		!strings.Contains(lines[1], "not in this research file") {
		t.Errorf("import bundle output:\n%s", r.stdout)
	}
	withStore(t, b, func(ctx context.Context, st *store.Store, seed int64) {
		bms, _ := st.Bookmarks(ctx)
		notes := map[string]bool{}
		for _, bm := range bms {
			notes[bm.Note] = true
		}
		if len(bms) != 2 || !notes[trickyNote] {
			t.Errorf("B's bookmarks: %+v", bms)
		}
		if docs, _ := st.Documents(ctx); len(docs) != 1 {
			t.Errorf("the bundle was imported as a document too: %d documents", len(docs))
		}
	})
	if kil := tagsJSON(t, b)["actor/Konstantin Kilimnik"]; kil.Accepted != 1 {
		t.Errorf("Kilimnik in B: %+v", kil)
	}

	// Again: nothing new. With the travel notes imported: restored.
	r = run(t, b, "import", bundle)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "restored  "+bundle+": nothing new; ") {
		t.Errorf("second import: %d\n%s", r.code, r.stdout)
	}
	r = run(t, b, "import", travel, bundle)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "imported  "+travel) || !strings.Contains(r.stdout, "1 bookmark restored") || strings.Contains(r.stdout, "skipped") {
		t.Errorf("import with the travel notes: %d\n%s", r.code, r.stdout)
	}

	// Other JSON is refused as not a bundle. A bundle from a newer Dossier
	// is an error.
	other := write("data.json", `{"format": "something", "version": 1}`)
	newer := write("newer.json", `{"format": "dossier-annotations", "version": 9}`)
	r = run(t, b, "import", other, newer)
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != cli.ExitError || len(lines) != 2 || !strings.HasPrefix(lines[0], "error     "+other) || !strings.Contains(lines[0], "not a Dossier annotation bundle") ||
		!strings.HasPrefix(lines[1], "error     "+newer+": ") || !strings.Contains(lines[1], "newer Dossier") ||
		!strings.Contains(r.stderr, "2 of 2 files could not be imported") {
		t.Errorf("bad JSON files: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// A tag has one JSON shape: `tags --json` writes the fields an exported
// bundle writes for it (with counts instead of its creation time), in the
// same order.
func TestTagJSONShapeMatchesBundle(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs") // creates and seeds the research file
	withStore(t, db, func(ctx context.Context, st *store.Store, _ int64) {
		// No description, no colour: each key is written all the same.
		if _, _, err := st.CreateTagUndoable(ctx, store.Tag{Family: store.FamilyActor, Kind: "person", Name: "A Plain Tag"}); err != nil {
			t.Fatal(err)
		}
	})
	tagsOut := run(t, db, "tags", "--json")
	bundleOut := run(t, db, "export", "--format", "json")
	if tagsOut.code != cli.ExitOK || bundleOut.code != cli.ExitOK {
		t.Fatalf("tags: %d %s; export: %d %s", tagsOut.code, tagsOut.stderr, bundleOut.code, bundleOut.stderr)
	}
	var listed []json.RawMessage
	var bundle struct{ Tags []json.RawMessage }
	if err := json.Unmarshal([]byte(tagsOut.stdout), &listed); err != nil || len(listed) == 0 {
		t.Fatalf("tags --json: %v", err)
	}
	if err := json.Unmarshal([]byte(bundleOut.stdout), &bundle); err != nil || len(bundle.Tags) == 0 {
		t.Fatalf("export json: %v", err)
	}
	keys := func(raw json.RawMessage) []string {
		dec := json.NewDecoder(bytes.NewReader(raw))
		var out []string
		dec.Token() // {
		for dec.More() {
			k, _ := dec.Token()
			out = append(out, k.(string))
			var skip json.RawMessage
			dec.Decode(&skip)
		}
		return out
	}
	plain := func(list []json.RawMessage) json.RawMessage {
		for _, raw := range list {
			var tag struct{ Name string }
			if json.Unmarshal(raw, &tag) == nil && tag.Name == "A Plain Tag" {
				return raw
			}
		}
		t.Fatal("the plain tag is not listed")
		return nil
	}
	got, want := strings.Join(keys(plain(listed)), ","), strings.Join(keys(plain(bundle.Tags)), ",")
	if got != "family,kind,name,aliases,description,color,accepted,pending,documents" ||
		want != "family,kind,name,aliases,description,color,created" {
		t.Errorf("tags --json keys %s; bundle tag keys %s", got, want)
	}
}

// One line per file, whatever the file's name holds: a hostile pass broke
// the line with a newline in a name.
func TestImportKeepsALinePerFile(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	odd := filepath.Join(dir, "two\nlines\tname.txt")
	bad := filepath.Join(dir, "bad\nname.txt")
	os.WriteFile(odd, []byte("Odd name\n\nA kumquat in an oddly named file.\n"), 0o644)
	os.WriteFile(bad, []byte("bin\x00ary"), 0o644)
	r := run(t, db, "import", odd, bad)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "imported  "+filepath.Join(dir, `two\nlines\tname.txt`)+": ") ||
		!strings.HasPrefix(lines[1], "error     "+filepath.Join(dir, `bad\nname.txt`)+": ") {
		t.Errorf("names with a newline and a tab:\n%s", r.stdout)
	}
}

// A command that makes a new research file says so, once: a mistyped --db
// would otherwise answer with the built-in article alone.
func TestANewResearchFileIsAnnounced(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "docs")
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, "made a new research file "+db) {
		t.Fatalf("first docs: %+v", r)
	}
	if r = run(t, db, "docs"); r.code != cli.ExitOK || r.stderr != "" {
		t.Errorf("second docs: %+v", r)
	}
}

// A bundle that replaces a note made here says so, and names the backup
// the file as it was is kept in (found by a re-attack: the command line's
// summary said only "1 bookmark restored").
func TestImportBundleSaysWhatItReplaced(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	db := newDB(t)
	run(t, db, "docs")
	withStore(t, db, func(ctx context.Context, st *store.Store, seed int64) {
		ps, err := st.Passages(ctx, seed)
		if err != nil || len(ps) == 0 {
			t.Fatalf("passages: %v", err)
		}
		if _, err := st.AddBookmark(ctx, ps[0].ID, nil, "mine"); err != nil {
			t.Fatal(err)
		}
	})
	out := run(t, db, "export", "--format", "json")
	if out.code != cli.ExitOK {
		t.Fatalf("export: %s", out.stderr)
	}
	var b map[string]any
	if err := json.Unmarshal([]byte(out.stdout), &b); err != nil {
		t.Fatal(err)
	}
	for _, m := range b["bookmarks"].([]any) {
		bm := m.(map[string]any)
		bm["note"], bm["updated"] = "theirs", time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	}
	data, _ := json.Marshal(b)
	bundle := filepath.Join(t.TempDir(), "theirs.json")
	os.WriteFile(bundle, data, 0o644)
	r := run(t, db, "import", bundle)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "replaced by the bundle's copy: 1 bookmark note") ||
		!strings.Contains(r.stdout, "kept in the backup ") {
		t.Errorf("import of a bundle replacing a note:\n%s%s", r.stdout, r.stderr)
	}
}
