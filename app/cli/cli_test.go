package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

const seedTitle = "Russian interference in 2020 included influencing Trump associates"

type result struct {
	code           int
	stdout, stderr string
}

// run calls cli.Run against a research file in dir; the window must never
// start for a subcommand.
func run(t *testing.T, db string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(append([]string{"--db", db}, args...), &out, &errOut, func(string, bool) int {
		t.Fatalf("Run(%q) started the window", args)
		return 99
	})
	return result{code, out.String(), errOut.String()}
}

func newDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "research.dossier")
}

type searchJSON struct {
	Total  int  `json:"total"`
	Capped bool `json:"capped"`
	Hits   []struct {
		Passage  int64    `json:"passage"`
		Document string   `json:"document"`
		Ordinal  int      `json:"ordinal"`
		Text     string   `json:"text"`
		Snippet  string   `json:"snippet"`
		Matches  [][2]int `json:"matches"`
	} `json:"hits"`
}

func searchJSONOut(t *testing.T, db string, args ...string) searchJSON {
	t.Helper()
	r := run(t, db, append([]string{"search", "--json"}, args...)...)
	if r.code != cli.ExitOK {
		t.Fatalf("search %q: exit %d, stderr %s", args, r.code, r.stderr)
	}
	var res searchJSON
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("search %q: invalid JSON %v:\n%s", args, err, r.stdout)
	}
	return res
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
	if res.Total != 2 || len(res.Hits) != 2 || res.Capped {
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
}

func TestSearchText(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "search", "Kilimnik", "manafort")
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, `1 passages match "Kilimnik manafort"`) || !strings.Contains(r.stdout, "[Kilimnik] was an associate of Paul [Manafort]") {
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
}

func docsJSON(t *testing.T, db string) []docJSON {
	t.Helper()
	r := run(t, db, "docs", "--json")
	if r.code != cli.ExitOK {
		t.Fatalf("docs --json: %d %s", r.code, r.stderr)
	}
	var docs []docJSON
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&docs); err != nil {
		t.Fatalf("docs --json: %v\n%s", err, r.stdout)
	}
	return docs
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
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "19 passages  "+seedTitle+" — Reuters") || !strings.HasSuffix(r.stdout, "1 documents\n") {
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
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"--nope"}, &out, &errOut, nil); code != cli.ExitUsage {
		t.Errorf("bad flag: exit %d", code)
	}
	if code := cli.Run([]string{"-h"}, &out, &errOut, nil); code != cli.ExitOK {
		t.Errorf("-h: exit %d", code)
	}
	// Unknown commands and usage errors create no research file.
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("research file created by usage errors: %v", err)
	}
}

func TestNoCommandStartsWindow(t *testing.T) {
	db := newDB(t)
	var got string
	var explicit bool
	code := cli.Run([]string{"--db", db, "-psn_0_12345"}, new(bytes.Buffer), new(bytes.Buffer), func(p string, e bool) int {
		got, explicit = p, e
		return 7
	})
	if code != 7 || got != db || !explicit {
		t.Errorf("gui: code %d, path %q, explicit %v", code, got, explicit)
	}
	t.Setenv("DOSSIER_DB", db)
	got, explicit = "", false
	cli.Run(nil, new(bytes.Buffer), new(bytes.Buffer), func(p string, e bool) int { got, explicit = p, e; return 0 })
	if got != db || !explicit {
		t.Errorf("DOSSIER_DB: window opened %q (explicit %v)", got, explicit)
	}
	t.Setenv("DOSSIER_DB", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	got, explicit = "", true
	cli.Run(nil, new(bytes.Buffer), new(bytes.Buffer), func(p string, e bool) int { got, explicit = p, e; return 0 })
	if def, _ := store.DefaultPath(); got != def || explicit {
		t.Errorf("default: window opened %q (explicit %v), want %q", got, explicit, def)
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

func TestCharRanges(t *testing.T) {
	s := "é🎉 ab Tōkyō"
	i := strings.Index(s, "Tōkyō")
	got := cli.CharRanges(s, []store.Range{{Start: 0, End: 2}, {Start: i, End: i + len("Tōkyō")}})
	want := [][2]int{{0, 1}, {6, 11}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("CharRanges = %v, want %v", got, want)
	}
	if got := cli.CharRanges("x", nil); got == nil || len(got) != 0 {
		t.Errorf("no ranges: %#v (want an empty, non-nil slice for JSON [])", got)
	}
}
