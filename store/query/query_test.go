package query_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"dossier/store/query"
)

func TestMatchExpr(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"putin kilimnik", `"putin" AND "kilimnik"`},
		{"putin AND kilimnik", `"putin" AND "kilimnik"`},
		{"putin & kilimnik", `"putin" AND "kilimnik"`},
		{`"influence operations"`, `"influence operations"`},
		{`"  influence   operations  "`, `"influence operations"`},
		{`"single"`, `"single"`},
		{`"unterminated phrase`, `"unterminated phrase"`},
		{"sanction*", `"sanction"*`},
		{"sanction**", `"sanction"*`},
		{"U.S*", `"U.S"*`},
		{"iran OR china", `("iran" OR "china")`},
		{"iran | china", `("iran" OR "china")`},
		{"iran OR china trump", `("iran" OR "china") AND "trump"`},
		{"trump iran OR china OR russia", `"trump" AND ("iran" OR "china" OR "russia")`},
		{"(iran OR china) trump", `("iran" OR "china") AND "trump"`},
		{"a OR OR b", `("a" OR "b")`},
		{"OR a", `"a"`},
		{"a OR", `"a"`},
		{"putin -trump", `("putin") NOT "trump"`},
		{"putin NOT trump", `("putin") NOT "trump"`},
		{`putin -"donald trump" -biden`, `("putin") NOT "donald trump" NOT "biden"`},
		{"a OR b -c", `(("a" OR "b")) NOT "c"`},
		{"a - b", `"a" AND "b"`}, // a lone dash is not an exclusion
		{"1990 - 2000", `"1990" AND "2000"`},
		{"a --b", `("a") NOT "b"`},
		{"a -", `"a"`},
		{"http://x", `"http://x"`}, // unknown key:value is a word
		{`"a:b"`, `"a:b"`},         // quoted, any key:value is text
		{"col:", `"col:"`},         // a word ending in a colon is a word
		{"10:30", `"10:30"`},
		{"https://example.com/a:b", `"https://example.com/a:b"`},
		{"mailto:x@example.com", `"mailto:x@example.com"`},
		{"москва:тест", `"москва:тест"`},
		{"Trump-linked", `"Trump-linked"`},
		{"O'Brien", `"O'Brien"`},
		{`O"Brien`, `"O" AND "Brien"`},
		{"NEAR(a b)", `NEAR("a" "b", 10)`},
		{"NEAR(putin kilimnik, 10)", `NEAR("putin" "kilimnik", 10)`},
		{`NEAR("paul manafort" kilim*, 5) doc:x`, `NEAR("paul manafort" "kilim"*, 5)`},
		{"putin NEAR/10 kilimnik", `NEAR("putin" "kilimnik", 10)`},
		{"putin NEAR kilimnik", `NEAR("putin" "kilimnik", 10)`},
		{"putin NEAR/3 kilimnik NEAR/7 manafort", `NEAR("putin" "kilimnik" "manafort", 7)`},
		{"trump putin NEAR/0 kilimnik -biden", `("trump" AND NEAR("putin" "kilimnik", 0)) NOT "biden"`},
		{"iran OR putin NEAR kilimnik", `("iran" OR NEAR("putin" "kilimnik", 10))`},
		{"trump -NEAR(putin kilimnik)", `("trump") NOT NEAR("putin" "kilimnik", 10)`},
		{`NEAR("a,b" c)`, `NEAR("a,b" "c", 10)`},
		{"NEAR(a, b)", `NEAR("a," "b", 10)`},
		{"NEAR(election, 2020, 5)", `NEAR("election," "2020", 5)`}, // commas between words, then the distance
		{"near(a b)", `"near" AND "a" AND "b"`},                    // operators are upper-case, like OR
		{"^a", `"^a"`},
		{"a\x00b", `"a" AND "b"`}, // FTS5 would stop reading at a NUL
		{"\"a\x00b\"", `"a b"`},
		{"ＰＵＴＩＮ　ＯＲ　＂ｋｏｎｓｔａｎｔｉｎ ｋｉｌｉｍｎｉｋ＂", `("PUTIN" OR "konstantin kilimnik")`}, // typed full-width: read as ASCII (FTS5 folds the case)
		// Typographic quotes make a phrase as straight ones do: a phrase
		// typed with smart quotes on, or pasted from the window's own
		// “…” quotes, was searched as separate words ("“flynn to”": more
		// than 10,000 passages at 100k, 811 as a phrase; hostile pass ui9).
		{"“flynn to” moscow", `"flynn to" AND "moscow"`},
		{"„flynn to“ -”told comey”", `("flynn to") NOT "told comey"`},
		{"NEAR(“flynn to” moscow, 5)", `NEAR("flynn to" "moscow", 5)`},
		{"comey’s", `"comey’s"`}, // an apostrophe is not a quote
		{"a*b", `"a*b"`},
		{"kilimnik doc:Russian", `"kilimnik"`},
		{"Tōkyō café", `"Tōkyō" AND "café"`},
		{"... ,,, !! kilimnik ---", `"kilimnik"`}, // pure punctuation dropped
		{`"*" kilimnik`, `"kilimnik"`},
		{"** kilimnik", `"kilimnik"`},
		{"doc:x", ""},
		{"", ""},
	}
	for _, c := range cases {
		q, err := query.Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := q.MatchExpr(); got != c.want {
			t.Errorf("Parse(%q).MatchExpr() = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestQuotingEmbeddedQuotes(t *testing.T) {
	q := query.Query{Clauses: [][]query.Term{
		{{Kind: query.Word, Text: `say "hi"`}},
		{{Kind: query.Prefix, Text: `a"b`}, {Kind: query.Phrase, Text: `"`}},
	}, Excludes: []query.Term{{Kind: query.Word, Text: `x" OR y`}}}
	want := `("say ""hi""" AND ("a""b"* OR """")) NOT "x"" OR y"`
	if got := q.MatchExpr(); got != want {
		t.Errorf("MatchExpr = %s, want %s", got, want)
	}
}

func TestParseStructure(t *testing.T) {
	cases := []struct {
		in   string
		want query.Query
	}{
		{`doc:"two words"`, query.Query{Filters: []query.Filter{{Key: "doc", Value: "two words"}}}},
		{`DOC:Mueller`, query.Query{Filters: []query.Filter{{Key: "doc", Value: "Mueller"}}}},
		{`-doc:x putin`, query.Query{
			Clauses: [][]query.Term{{{Kind: query.Word, Text: "putin"}}},
			Filters: []query.Filter{{Key: "doc", Value: "x", Negated: true}}}},
		{`doc:a:b tag:t`, query.Query{Filters: []query.Filter{{Key: "doc", Value: "a:b"}, {Key: "tag", Value: "t"}}}},
		{`"influence operations" sanction* -iran`, query.Query{
			Clauses:  [][]query.Term{{{Kind: query.Phrase, Text: "influence operations"}}, {{Kind: query.Prefix, Text: "sanction"}}},
			Excludes: []query.Term{{Kind: query.Word, Text: "iran"}}}},
		{`OR a doc:x b`, query.Query{ // a dangling OR is dropped
			Clauses: [][]query.Term{{{Kind: query.Word, Text: "a"}}, {{Kind: query.Word, Text: "b"}}},
			Filters: []query.Filter{{Key: "doc", Value: "x"}}}},
		{`a doc:x OR`, query.Query{
			Clauses: [][]query.Term{{{Kind: query.Word, Text: "a"}}},
			Filters: []query.Filter{{Key: "doc", Value: "x"}}}},
		{`by:cnn OR -by:reuters doc:x`, query.Query{ // OR joins filters of one kind
			Filters: []query.Filter{{Key: "by", Value: "cnn"}, {Key: "by", Value: "reuters", Negated: true, OrPrevious: true}, {Key: "doc", Value: "x"}}}},
		{`a doc:x OR doc:y b`, query.Query{
			Clauses: [][]query.Term{{{Kind: query.Word, Text: "a"}}, {{Kind: query.Word, Text: "b"}}},
			Filters: []query.Filter{{Key: "doc", Value: "x"}, {Key: "doc", Value: "y", OrPrevious: true}}}},
		{`page:7 -page:3-9`, query.Query{Filters: []query.Filter{{Key: "page", Value: "7"}, {Key: "page", Value: "3-9", Negated: true}}}},
		{`doc:x -trump`, query.Query{ // exclusions with a filter are allowed
			Excludes: []query.Term{{Kind: query.Word, Text: "trump"}},
			Filters:  []query.Filter{{Key: "doc", Value: "x"}}}},
	}
	for _, c := range cases {
		q, err := query.Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(q, c.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, q, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"doc:", "doc: needs a value, for example doc:\"name\""},
		{"doc: mueller", "doc: needs a value"},
		{`doc:""`, "doc: needs a value"},
		{`doc:"   "`, "doc: needs a value"},
		{"source:", "source: needs a value"},
		{strings.Repeat("x", query.MaxQueryLen+1), "too long (1001 characters; the limit is 1000)"},
		{strings.Repeat("w ", query.MaxTerms+1), "too many terms (the limit is 32)"},
		{"s*", `Type at least 2 letters before * ("s*" would match too much).`},
		{"é*", "at least 2 letters"},
		{"a.*", "at least 2 letters"},
		{"-trump", `Add a word to search for: "-trump" only removes passages from results.`},
		{"NOT trump", "Add a word"},
		{"-NEAR(a b)", `Add a word to search for: "-NEAR(a b, 10)"`},
		{"foo:bar", "Unknown filter foo: — filters are doc:, page:, actor:, source:, tag:, is:, has:, by:, about:, likelihood:, confidence:, stance:. To search for the text, quote it: \"foo:bar\"."},
		{`kilimnik Foo:"x y"`, "Unknown filter foo:"},
		{"page:x", "page:x is not a page; write a page number, page:7, or a range, page:3-9."},
		{"page:9-3", "page:9-3 runs backwards; write the first page first, page:3-9."},
		{"page:0", "page:0 is not a page"},
		{"page:3-", "page:3- is not a page"},
		{"page:-3", "page:-3 is not a page"},
		{"page:1-2-3", "is not a page"},
		{"by:cnn OR about:putin", "OR between filters is supported only for filters of one kind"},
		// A word and a filter cannot be alternatives (the OR was an AND).
		{"is:bookmarked OR putin", `not a word and a filter: is:bookmarked and "putin" are both required, so leave out the OR.`},
		{"putin OR is:bookmarked", `is:bookmarked and "putin" are both required`},
		{`a OR doc:"two words" b`, `doc:"two words" and "a" are both required`},
		{`a doc:x OR doc:y OR b`, `doc:y and "b" are both required`},
		{`-iran OR by:cnn kilimnik`, `by:cnn and -"iran" are both required`},
		{`"influence operations" OR -actor:putin`, `-actor:putin and "influence operations" are both required`},
		{`by:cnn OR sanction*`, `by:cnn and sanction* are both required`},
		{`by:cnn OR NEAR(a b)`, `by:cnn and NEAR(a b, 10) are both required`},
		{"page:99999999999999999999", "is not a page"},
		{"page:", "page: needs a value"},
		{"-re:putin kilimnik", "Unknown filter re:"},
		{"NEAR(putin kilimnik", "NEAR( has no closing parenthesis"},
		{"NEAR(putin)", "NEAR(…) needs at least two words"},
		{"NEAR(putin ..., 3)", "NEAR(…) needs at least two words"},
		{"NEAR(a b, -1)", "must be a whole number of words from 0 to 1000"},
		{"NEAR(a b, 1.5)", "must be a whole number"},
		{"NEAR(a b, 5000)", "from 0 to 1000"},
		{"NEAR(a OR b)", "NEAR(…) holds only words"},
		{"NEAR(a -b)", "NEAR(…) holds only words"},
		{"NEAR(a doc:x)", "NEAR(…) holds only words"},
		{"NEAR(a b NEAR c)", "cannot be nested"},
		{"NEAR(NEAR(a b) c)", "cannot be nested"},                                     // its first ")" closes the inner group
		{"NEAR(putin biden, x)", "The distance in NEAR(…, x) must be a whole number"}, // not a third word
		{"NEAR(putin biden,)", "needs a number of words after its comma"},
		{"NEAR(putin biden, 5, 6)", "takes one distance"},
		{"NEAR(putin biden, 5 x)", "The distance in NEAR(…, 5 x) must be a whole number"},
		{"NEAR kilimnik", "NEAR needs a word on each side"},
		{"putin NEAR", "NEAR needs a word on each side"},
		{"putin NEAR/5", "NEAR needs a word on each side"},
		{"putin NEAR -kilimnik", "NEAR needs a word on each side"},
		{"putin NEAR OR kilimnik", "NEAR needs a word on each side"},
		{"doc:x NEAR kilimnik", "NEAR needs a word on each side"},
		{"putin NEAR/x kilimnik", "NEAR/ needs a number of words"},
		{"putin NEAR/+3 kilimnik", "NEAR/ needs a number of words"},
		{"NEAR(s* b)", "at least 2 letters"},
		{`-"donald trump"`, "Add a word"},
	}
	for _, c := range cases {
		_, err := query.Parse(c.in)
		var qe *query.Error
		if !errors.As(err, &qe) {
			t.Errorf("Parse(%q): err %T %v, want *query.Error", clip(c.in), err, err)
			continue
		}
		if !strings.Contains(qe.Msg, c.want) || qe.Error() != qe.Msg {
			t.Errorf("Parse(%q): %q, want it to contain %q", clip(c.in), qe.Msg, c.want)
		}
	}
	// The length limit counts characters, not bytes: 600 Cyrillic letters
	// (1,200 bytes) are fine.
	if _, err := query.Parse(strings.Repeat("ж", 600)); err != nil {
		t.Errorf("600 characters: %v", err)
	}
	if _, err := query.Parse(strings.Repeat("w ", query.MaxTerms)); err != nil {
		t.Errorf("MaxTerms terms: %v", err)
	}
	if _, err := query.Parse("ab*"); err != nil {
		t.Errorf("two-letter prefix: %v", err)
	}
}

func TestEmptyAndInvalidInput(t *testing.T) {
	for _, in := range []string{"", "   ", "!!! ... ???", `"*"`, "^", "-", "OR", "AND NOT", "( )", `""`, "*"} {
		q, err := query.Parse(in)
		if err != nil || !q.IsEmpty() || q.HasText() || q.MatchExpr() != "" {
			t.Errorf("Parse(%q) = %+v, %v; want an empty query", in, q, err)
		}
	}
	q, err := query.Parse("caf\xe9 ok")
	if err != nil || q.MatchExpr() != `"caf" AND "ok"` {
		t.Errorf("invalid UTF-8: %+v, %v", q, err)
	}
}

func TestString(t *testing.T) {
	cases := []struct{ in, want string }{
		{`putin  "influence   operations" sanction* iran | china -trump doc:"two words" -tag:x`,
			`putin "influence operations" sanction* iran OR china -trump doc:"two words" -tag:x`},
		{`NOT trump putin`, `putin -trump`},
		// Quoted words that would read as syntax keep their quotes.
		{`"-trump" x`, `"-trump" x`},
		{`"OR" x`, `"OR" x`},
		{`"doc:x" y`, `"doc:x" y`},
		{`"ab*" y`, `"ab*" y`},
		{`"a(b" y`, `"a(b" y`},
		{`y doc:"a(b)"`, `y doc:"a(b)"`},
		{`"plain" y`, `plain y`},
		{`"http://x"`, `http://x`},
		{`"foo:bar" y`, `"foo:bar" y`},
		{`"NEAR" y`, `"NEAR" y`},
		{`"NEAR/3" y`, `"NEAR/3" y`},
		{`putin NEAR/5 "paul manafort"`, `NEAR(putin "paul manafort", 5)`},
		{`NEAR("NEAR" "a)b" kilim*, 2)`, `NEAR("NEAR" "a)b" kilim*, 2)`},
		{`x -NEAR(a b)`, `x -NEAR(a b, 10)`},
		{`by:cnn | by:"anonymous sources" x`, `x by:cnn OR by:"anonymous sources"`},
	}
	for _, c := range cases {
		q, err := query.Parse(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.String(); got != c.want {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.want)
		}
		again, err := query.Parse(q.String())
		if err != nil || !reflect.DeepEqual(again, q) {
			t.Errorf("String() does not round-trip: %q -> %+v, %v; want %+v", q.String(), again, err, q)
		}
	}
}

func TestFilterKeys(t *testing.T) {
	for _, k := range strings.Split(query.FilterKeyHelp(), ", ") {
		if !query.FilterKeys[k] {
			t.Errorf("help lists %q, which is not a filter key", k)
		}
	}
	if len(query.FilterKeys) != len(strings.Split(query.FilterKeyHelp(), ", ")) {
		t.Error("FilterKeyHelp and FilterKeys disagree")
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func TestCompleteLast(t *testing.T) {
	cases := map[string]string{ // typed → completed ("" = not completed)
		"kilim":                             "kilim*",
		"kilimnik mana":                     "kilimnik mana*",
		"putin OR kilim":                    "", // the last clause has alternatives
		`"special coun"`:                    "", // a phrase
		"sanct*":                            "", // already a prefix
		"ab":                                "", // too short to guess
		"manafort -kilim":                   "", // the word being typed is an exclusion
		"doc:mueller russia":                "russia* doc:mueller",
		"doc:russia":                        "",
		"kilim ":                            "", // a finished word
		"Kilim":                             "Kilim*",
		"doc:mueller":                       "",
		"u.s.":                              "",
		"élect":                             "élect*",
		"putin\tkilim":                      "putin kilim*",
		"putin\u00a0kilim":                  "putin kilim*",
		"Zu\u0308ri":                        "Zu\u0308ri*",
		`putin " kilim`:                     "", // inside an open quote
		"kilim NOT kilim":                   "", // the word being typed is an exclusion
		`kilim -"paul kilim`:                "",
		"“flynn to” kilim":                  `"flynn to" kilim*`, // typographic quotes, read as straight ones
		"“flynn to\" kilim":                 `"flynn to" kilim*`,
		"putin “ kilim":                     "", // inside an open typographic quote
		strings.Repeat("x", 994) + " kilim": "", // 1,000 characters: completing would outgrow MaxQueryLen
	}
	for in, want := range cases {
		q, err := query.Parse(in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		done, ok := q.CompleteLast(in)
		got := ""
		if ok {
			got = done.String()
		}
		if got != want {
			t.Errorf("CompleteLast(%q) = %q, want %q", in, got, want)
		}
		if ok {
			if again, err := query.Parse(got); err != nil || again.MatchExpr() != done.MatchExpr() {
				t.Errorf("%q: completed query %q does not re-parse to itself: %v", in, got, err)
			}
			if q.String() == done.String() {
				t.Errorf("%q: the original query changed too", in)
			}
		}
	}
}

func TestShortenLast(t *testing.T) {
	q, err := query.Parse("russian interferen*")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ok := true; ok; q, ok = q.ShortenLast() {
		got = append(got, q.String())
	}
	// Down to MinShortenedLen (4) letters, then no further.
	want := []string{"russian interferen*", "russian interfere*", "russian interfer*", "russian interfe*",
		"russian interf*", "russian inter*", "russian inte*"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("shortened %q, want %q", got, want)
	}
	if _, ok := (query.Query{}).ShortenLast(); ok {
		t.Error("an empty query was shortened")
	}
	word, err := query.Parse("kilimnik")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := word.ShortenLast(); ok {
		t.Error("a plain word was shortened")
	}
}

func TestPageRange(t *testing.T) {
	cases := []struct {
		in          string
		first, last int
	}{{"7", 7, 7}, {"3-9", 3, 9}, {"3–9", 3, 9}, {" 2 - 2 ", 2, 2}, {"1-1000000", 1, query.MaxPage}}
	for _, c := range cases {
		first, last, err := query.PageRange(c.in)
		if err != nil || first != c.first || last != c.last {
			t.Errorf("PageRange(%q) = %d, %d, %v; want %d, %d", c.in, first, last, err, c.first, c.last)
		}
	}
}

// Claim filters: a comparison's level may follow in quotes, and a query
// holding one reads back the same.
func TestClaimFilterValues(t *testing.T) {
	for in, want := range map[string]query.Filter{
		`likelihood:>="very likely"`: {Key: "likelihood", Value: ">=very likely"},
		`likelihood:">=very likely"`: {Key: "likelihood", Value: ">=very likely"},
		"likelihood:>=likely":        {Key: "likelihood", Value: ">=likely"},
		`confidence:<"high"`:         {Key: "confidence", Value: "<high"},
		`by:"anonymous sources"`:     {Key: "by", Value: "anonymous sources"},
		"-stance:denies":             {Key: "stance", Value: "denies", Negated: true},
		"ABOUT:putin":                {Key: "about", Value: "putin"},
	} {
		q, err := query.Parse(in)
		if err != nil || len(q.Filters) != 1 || q.Filters[0] != want || q.HasText() {
			t.Errorf("Parse(%s) = %+v, %v; want the filter %+v alone", in, q, err, want)
			continue
		}
		again, err := query.Parse(q.String())
		if err != nil || len(again.Filters) != 1 || again.Filters[0] != want {
			t.Errorf("%s reads back as %q: %+v", in, q.String(), again.Filters)
		}
	}
	// Elsewhere ">=" before a quote stays as it was: the quote is a phrase.
	if q, err := query.Parse(`doc:>="x y"`); err != nil || len(q.Filters) != 1 || q.Filters[0].Value != ">=" || !q.HasText() {
		t.Errorf(`doc:>="x y": %+v, %v`, q, err)
	}
}
