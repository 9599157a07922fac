package cli_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/app/cli"
	"dossier/store"
)

type claimsJSON struct {
	Claims []struct {
		ID          int64    `json:"id"`
		Document    string   `json:"document"`
		Ordinal     int      `json:"ordinal"`
		Text        string   `json:"text"`
		Shown       string   `json:"shown"`
		Start       int      `json:"start"`
		End         int      `json:"end"`
		Source      string   `json:"source"`
		About       []string `json:"about"`
		Stance      string   `json:"stance"`
		Cue         string   `json:"cue"`
		Likelihood  string   `json:"likelihood"`
		Confidence  string   `json:"confidence"`
		State       string   `json:"state"`
		Note        string   `json:"note"`
		SameAs      []int64  `json:"same_as"`
		Contradicts []int64  `json:"contradicts"`
	} `json:"claims"`
}

// passageTexts reads a research file's passages by document title and
// ordinal, through the store.
func passageTexts(t *testing.T, db string) map[string]map[int]string {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[int]string{}
	for _, d := range docs {
		ps, err := st.Passages(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[d.Title] = map[int]string{}
		for _, p := range ps {
			out[d.Title][p.Ordinal] = p.Text
		}
	}
	return out
}

func TestClaimsCommand(t *testing.T) {
	db := newDB(t)
	got := runJSON[claimsJSON](t, db, "claims", "--json")
	if len(got.Claims) < 7 {
		t.Fatalf("%d claims in the built-in article", len(got.Claims))
	}
	texts := passageTexts(t, db)
	sources := map[string]bool{}
	for _, c := range got.Claims {
		runes := []rune(texts[c.Document][c.Ordinal])
		if c.Start < 0 || c.End > len(runes) || string(runes[c.Start:c.End]) != c.Text {
			t.Errorf("claim %d: [%d,%d) of ¶%d is not %q", c.ID, c.Start, c.End, c.Ordinal, c.Text)
		}
		if c.State != "suggested" || c.About == nil || c.SameAs == nil || c.Contradicts == nil || c.Likelihood == "" || c.Confidence == "" {
			t.Errorf("claim %d: %+v", c.ID, c)
		}
		sources[c.Source] = true
	}
	for _, s := range []string{"ODNI report on foreign threats to the 2020 election", "Anonymous sources", "CNN"} {
		if !sources[s] {
			t.Errorf("no claim by %s", s)
		}
	}

	// A query: the claims filters and words.
	cnn := runJSON[claimsJSON](t, db, "claims", "--json", "by:cnn")
	if len(cnn.Claims) != 1 || cnn.Claims[0].Source != "CNN" || cnn.Claims[0].Cue != "first reported by" {
		t.Errorf("by:cnn: %+v", cnn.Claims)
	}
	denies := runJSON[claimsJSON](t, db, "claims", "--json", "stance:denies", "iran")
	if len(denies.Claims) == 0 {
		t.Error("stance:denies iran: nothing")
	}
	for _, c := range denies.Claims {
		if c.Stance != "denies" {
			t.Errorf("stance:denies iran: %+v", c)
		}
	}

	// States: a rejected claim is listed only when asked for.
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	first := got.Claims[0].ID
	if err := st.RejectClaim(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	if err := st.AcceptClaim(context.Background(), got.Claims[1].ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ids := func(args ...string) []int64 {
		var out []int64
		for _, c := range runJSON[claimsJSON](t, db, append([]string{"claims", "--json"}, args...)...).Claims {
			out = append(out, c.ID)
		}
		return out
	}
	if slices.Contains(ids(), first) || !slices.Contains(ids("--state", "all"), first) ||
		!slices.Equal(ids("--state", "rejected"), []int64{first}) || !slices.Equal(ids("--state", "accepted"), []int64{got.Claims[1].ID}) ||
		len(ids("--state", "suggested")) != len(got.Claims)-2 {
		t.Errorf("states: default %d, all %d, accepted %v", len(ids()), len(ids("--state", "all")), ids("--state", "accepted"))
	}

	// The listing for people ends with the count.
	r := run(t, db, "claims", "by:cnn")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "CNN asserts: “sanctions would be imposed") || !strings.HasSuffix(r.stdout, "\n1 claim\n") {
		t.Errorf("claims by:cnn: %d %q", r.code, r.stdout)
	}
}

// The listing says a claim as true English: the built-in article's
// denials are in the quoted words, so the report says them ("… denies:
// “Beijing "did not deploy …"”" read as the report saying Beijing did
// deploy), while the JSON keeps the stance; a plural source takes a plural
// verb.
func TestClaimsListingSaysDenialsAsTheSourceDoes(t *testing.T) {
	db := newDB(t)
	r := run(t, db, "claims", "stance:denies")
	for _, want := range []string{
		"   ODNI report on foreign threats to the 2020 election says (denial): “Beijing \"did not deploy interference efforts\"”\n",
		"   United States officials say (denial): “Beijing valued a stable relationship",
	} {
		if r.code != cli.ExitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("claims stance:denies lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, " denies: ") {
		t.Errorf("a denial in the quoted words is said as denied:\n%s", r.stdout)
	}
	if r := run(t, db, "claims", `by:"anonymous sources"`); !strings.Contains(r.stdout, "   Anonymous sources assert: “") || strings.Contains(r.stdout, "sources asserts") {
		t.Errorf("claims by anonymous sources:\n%s", r.stdout)
	}
	for _, c := range runJSON[claimsJSON](t, db, "claims", "--json", "stance:denies").Claims {
		if c.Stance != "denies" {
			t.Errorf("JSON stance %q, want denies", c.Stance)
		}
	}
}

// --suggest finds the claims of documents imported since (the import
// itself suggests none), with progress on stderr; start and end count
// characters, not bytes.
func TestClaimsSuggest(t *testing.T) {
	db := newDB(t)
	file := filepath.Join(t.TempDir(), "memo.txt")
	text := "Mémo\n\nLes négociations — « reprises » — will resume in March, Reuters reported.\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "import", file); r.code != cli.ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	if got := runJSON[claimsJSON](t, db, "claims", "--json", "doc:memo"); len(got.Claims) != 0 {
		t.Fatalf("importing suggested %d claims", len(got.Claims))
	}
	r := run(t, db, "claims", "--suggest", "--json", "doc:memo")
	if r.code != cli.ExitOK || !strings.Contains(r.stderr, "suggesting claims: 2 of 2 documents") || !strings.Contains(r.stderr, "suggested 1 new claim\n") {
		t.Fatalf("claims --suggest: %d %q", r.code, r.stderr)
	}
	got := runJSON[claimsJSON](t, db, "claims", "--json", "doc:memo")
	if len(got.Claims) != 1 {
		t.Fatalf("memo claims: %+v", got.Claims)
	}
	c := got.Claims[0]
	want := "Les négociations — « reprises » — will resume in March"
	if c.Text != want || c.Source != "Reuters" || c.Start != 0 || c.End != len([]rune(want)) {
		t.Errorf("memo claim: %+v (end %d, want %d characters)", c, c.End, len([]rune(want)))
	}
	// Again: nothing new.
	if r := run(t, db, "claims", "--suggest", "doc:memo"); r.code != cli.ExitOK || !strings.Contains(r.stderr, "suggested 0 new claims") {
		t.Errorf("suggesting again: %q", r.stderr)
	}
}

// In a report whose "<FN203>" marks are footnote references, "text" is
// the characters that start and end count, marks and all, so a program
// slicing the passage with them finds it; "shown" is the words as the
// window shows them. "text" had dropped the mark while the offsets counted
// it (the Mueller report's sentence below).
func TestClaimsJSONTextIsWhatItsOffsetsCount(t *testing.T) {
	db := newDB(t)
	file := filepath.Join(t.TempDir(), "report.txt")
	said := "Flynn told Eisenberg that the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him.<FN204>"
	if err := os.WriteFile(file, []byte("Report\n\n"+said+"\n\n<FN203> Eisenberg 2/23/18 302, at 3.\n\n<FN204> Id.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, db, "import", file); r.code != cli.ExitOK {
		t.Fatalf("import: %s", r.stderr)
	}
	if r := run(t, db, "claims", "--suggest", "doc:report"); r.code != cli.ExitOK {
		t.Fatalf("claims --suggest: %s", r.stderr)
	}
	got := runJSON[claimsJSON](t, db, "claims", "--json", "doc:report", "by:flynn")
	if len(got.Claims) != 1 {
		t.Fatalf("claims %+v, want Flynn's", got.Claims)
	}
	c := got.Claims[0]
	runes := []rune(passageTexts(t, db)[c.Document][c.Ordinal])
	words := "the FBI had told him that the FBI was closing out its investigation of him,<FN203> but Eisenberg did not believe him"
	if c.Text != words || c.Start < 0 || c.End > len(runes) || string(runes[c.Start:c.End]) != c.Text {
		t.Errorf("text %q at [%d,%d), want %q, what the offsets count", c.Text, c.Start, c.End, words)
	}
	if want := strings.Replace(words, "<FN203>", "", 1); c.Shown != want {
		t.Errorf("shown %q, want %q", c.Shown, want)
	}
}

// A research file whose suggestions an older suggester made (here: the
// Beijing claim stored as asserting, about nobody; a suggestion no rule
// makes now) is brought up to date by --suggest, which says so; the
// claims the user decided stay (the Iran denial, accepted and edited).
func TestClaimsSuggestBringsOldSuggestionsUpToDate(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs")
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE claims SET stance = 'asserts' WHERE cue = 'concluding'`,
		`DELETE FROM claim_actors WHERE claim_id IN (SELECT id FROM claims WHERE cue = 'concluding')`,
		`UPDATE claims SET stance = 'asserts', likelihood = 7, state = 'accepted' WHERE cue = 'concluded' AND stance = 'denies'`,
		`INSERT INTO claims (passage_id, span_start, span_end, found_start, found_end, source_id, stance, cue, state, origin, created_at, updated_at)
			SELECT passage_id, 0, 3, 0, 3, source_id, 'asserts', 'said', 'suggested', 'suggested', created_at, updated_at FROM claims WHERE cue = 'concluding'`,
		`PRAGMA wal_checkpoint(TRUNCATE)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	r := run(t, db, "claims", "--suggest", "stance:denies")
	if want := "suggested 0 new claims; 1 earlier suggestion brought up to date; 1 earlier suggestion no longer made, withdrawn\n"; r.code != cli.ExitOK || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("claims --suggest: %d %q, want it to end %q", r.code, r.stderr, want)
	}
	got := runJSON[claimsJSON](t, db, "claims", "--json", "--state", "all", "china")
	var beijing, iran int
	for _, c := range got.Claims {
		switch c.Cue {
		case "concluding":
			beijing++
			if c.Stance != "denies" || !slices.Equal(c.About, []string{"China"}) || c.State != "suggested" {
				t.Errorf("the Beijing claim: %+v", c)
			}
		}
	}
	for _, c := range runJSON[claimsJSON](t, db, "claims", "--json", "--state", "all").Claims {
		if c.Cue == "concluded" && c.Ordinal == 18 {
			iran++
			if c.Stance != "asserts" || c.Likelihood != "almost certain" || c.State != "accepted" {
				t.Errorf("the accepted Iran claim changed: %+v", c)
			}
		}
		if c.Start == 0 && c.End == 3 {
			t.Errorf("the old suggestion stays: %+v", c)
		}
	}
	if beijing != 1 || iran != 1 {
		t.Errorf("%d Beijing claims, %d Iran claims", beijing, iran)
	}
}

func TestClaimsUsageErrors(t *testing.T) {
	db := newDB(t)
	for _, bad := range [][]string{{"claims", "--state", "maybe"}, {"claims", "--bogus"}} {
		if r := run(t, db, bad...); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "usage: dossier claims") {
			t.Errorf("%q: %d %q", bad, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("usage errors created the research file: %v", err)
	}
	run(t, db, "docs") // makes the file, and says so once
	for _, bad := range []string{"likelihood:probable", "by:nobody", "stance:maybe"} {
		if r := run(t, db, "claims", bad); r.code != cli.ExitError || !strings.HasPrefix(r.stderr, "dossier claims: ") {
			t.Errorf("claims %s: %d %q", bad, r.code, r.stderr)
		}
	}
}

// Claims decided in one research file travel in its JSON export: importing
// it elsewhere restores the decisions and says so.
func TestClaimsThroughBundle(t *testing.T) {
	a, b := newDB(t), newDB(t)
	got := runJSON[claimsJSON](t, a, "claims", "--json", "by:cnn")
	st, err := store.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RejectClaim(context.Background(), got.Claims[0].ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	bundle := filepath.Join(t.TempDir(), "a.json")
	if r := run(t, a, "export", "--format", "json", "--out", bundle); r.code != cli.ExitOK {
		t.Fatalf("export: %s", r.stderr)
	}
	r := run(t, b, "import", bundle)
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "1 claim restored") {
		t.Errorf("import: %d %q", r.code, r.stdout)
	}
	if n := len(runJSON[claimsJSON](t, b, "claims", "--json", "--suggest", "by:cnn").Claims); n != 0 {
		t.Errorf("the rejected claim is listed (or suggested again) in the restored file: %d", n)
	}
	if rej := runJSON[claimsJSON](t, b, "claims", "--json", "--state", "rejected").Claims; len(rej) != 1 || rej[0].Source != "CNN" {
		t.Errorf("rejected in the restored file: %+v", rej)
	}
}

// A read-only research file lists its claims but refuses --suggest.
func TestClaimsSuggestReadOnly(t *testing.T) {
	db := newDB(t)
	run(t, db, "docs") // creates it
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	r := run(t, db, "claims", "--suggest")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "read-only") || r.stdout != "" {
		t.Errorf("claims --suggest on a read-only file: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := run(t, db, "claims", "by:cnn"); r.code != cli.ExitOK || !strings.HasSuffix(r.stdout, "\n1 claim\n") {
		t.Errorf("claims on a read-only file: %d %q %q", r.code, r.stdout, r.stderr)
	}
}
