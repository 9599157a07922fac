package store

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"dossier/assets"
)

// The trie matcher against the one it replaced (refMatcher): the same
// mentions, first mentions and emptiness, on generated texts and on the
// shared corpus.

type namedTag struct {
	name string
	id   int64
}

// gazetteerNames lists the starter gazetteer's names and aliases, each
// entry's under its own id, as loadMatcher would after seeding.
func gazetteerNames(tb testing.TB) []namedTag {
	tb.Helper()
	var entries []TagJSON
	if err := json.Unmarshal(assets.Gazetteer, &entries); err != nil {
		tb.Fatal(err)
	}
	var out []namedTag
	for i, e := range entries {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			out = append(out, namedTag{n, int64(i + 1)})
		}
	}
	return out
}

// trickyNames exercise acronyms (exact case) next to names that ignore
// case, names inside names, shared names, other scripts and case
// mappings that change a word's length, and names with no word at all.
var trickyNames = []namedTag{
	{"US", 101}, {"U.S.", 101}, {"us", 102}, {"GRU", 103}, {"F-16", 104}, {"A1", 105}, {"UK", 106},
	{"U.S. Senate", 107}, {"Senate", 108}, {"New York", 109}, {"New York City", 110}, {"York", 111},
	{"Iran", 112}, {"Iranian", 113}, {"Émile Zola", 114}, {"ÉMILE", 115}, {"İstanbul", 116},
	{"straße", 117}, {"ΣΟΦΙΑ", 118}, {"σοφια", 119}, {"\u212Aelvin", 120}, {"9/11", 121}, {"2016", 122},
	{"x", 123}, {"", 124}, {"...", 125}, {" — ", 126}, {"Putin", 127}, {"Putin", 127}, {"Putin", 128},
	{"Trump Tower Moscow", 129}, {"Trump Tower", 130}, {"Donald J. Trump", 131}, {"ABCDEFG", 132},
	{"İİ", 133}, {"GRU Unit 26165", 134}, {"ǅemal", 135}, {"日本", 136}, {"Ⅻ", 137}, {"١٢٣", 138},
	{"the the", 139}, {"a a a", 140}, {"A", 141}, {"IRA", 142}, {"Ira", 143}, {"ﬁle", 144},
}

// pieces of generated text besides the names' words.
var (
	fillerWords = []string{"the", "and", "of", "said", "report", "russian", "trumpet", "usa", "u", "s",
		"Zoë", "ǅ", "ﬁ", "١٢", "Ⅻ", "½", "日本語", "İ", "ı", "ẞ", "ß", "Σ", "ς", "K", "Ω", "x2", "26165",
		"Jr", "Jr.", ", Jr.", "SR", "sr", "II", "III", "Iii", "IV", "Jnr"}
	separators = []string{" ", " ", " ", "  ", ", ", ". ", "-", "'", "’", "\n", "\n\n", "\u00a0", "\t", "(", ")",
		"", "", "_", "\xff", "\xe2\x80", "\u200b", "\u0301", "·", "/", "\"", "<FN12>", "\ufffd"}
)

// wordsOf lists every word of the names.
func wordsOf(names []namedTag) []string {
	var out []string
	for _, n := range names {
		for _, t := range refTokenize(n.name) {
			out = append(out, t.text)
		}
	}
	return out
}

// recase writes s as is, in capitals, in lower case, capitalised, or with
// each letter's case flipped at random.
func recase(r *rand.Rand, s string) string {
	switch r.IntN(6) {
	case 0:
		return strings.ToUpper(s)
	case 1:
		return strings.ToLower(s)
	case 2:
		first, size := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(first)) + s[size:]
	case 3:
		return strings.Map(func(c rune) rune {
			if r.IntN(2) == 0 {
				return unicode.ToUpper(c)
			}
			return unicode.ToLower(c)
		}, s)
	}
	return s
}

// genText strings names, their words and filler together, recased, with
// separators that sometimes glue them into longer words.
func genText(r *rand.Rand, names []namedTag, words []string) string {
	var b strings.Builder
	for range r.IntN(40) {
		var piece string
		switch k := r.IntN(10); {
		case k < 4:
			piece = names[r.IntN(len(names))].name
		case k < 7:
			piece = words[r.IntN(len(words))]
		default:
			piece = fillerWords[r.IntN(len(fillerWords))]
		}
		if r.IntN(3) == 0 {
			piece = recase(r, piece)
		}
		b.WriteString(piece)
		b.WriteString(separators[r.IntN(len(separators))])
	}
	return b.String()
}

// matchers builds the new and the reference matcher from the same names.
func matchers(names []namedTag) (*mentionMatcher, *refMatcher) {
	m, ref := newMentionMatcher(), newRefMatcher()
	for _, n := range names {
		m.add(n.name, n.id)
		ref.add(n.name, n.id)
	}
	return m, ref
}

// sameMentions fails unless m and ref find the same in text.
func sameMentions(t *testing.T, m *mentionMatcher, ref *refMatcher, text string) bool {
	t.Helper()
	if got, want := m.find(text), ref.find(text); !maps.Equal(got, want) {
		t.Errorf("find(%q) = %v, want %v", clipText(text), got, want)
		return false
	}
	if got, want := m.findAll(text), ref.findAll(text); !slices.Equal(got, want) {
		t.Errorf("findAll(%q) = %v, want %v", clipText(text), got, want)
		return false
	}
	return true
}

func clipText(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestMentionMatcherMatchesReference(t *testing.T) {
	all := append(gazetteerNames(t), trickyNames...)
	words := wordsOf(all)
	r := rand.New(rand.NewPCG(13, 2026))
	texts, failures, rounds := 0, 0, 40
	if testing.Short() || raceDetector { // in full without -race in scripts/test
		rounds = 5
	}
	for round := range rounds {
		// All names, then random subsets in random order (a filter's tags).
		names := all
		if round > 0 {
			names = slices.Clone(all)
			r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
			names = names[:r.IntN(len(names))]
		}
		m, ref := matchers(names)
		if round%3 == 2 { // some tags wanted, the others' names there to win where longer
			m.wanted, ref.wanted = map[int64]bool{}, map[int64]bool{}
			for _, n := range names {
				if r.IntN(3) == 0 {
					m.wanted[n.id], ref.wanted[n.id] = true, true
				}
			}
		}
		if m.empty() != (len(ref.keys) == 0) {
			t.Fatalf("round %d: empty() = %v with %d keys", round, m.empty(), len(ref.keys))
		}
		for range 300 {
			texts++
			if !sameMentions(t, m, ref, genText(r, all, words)) {
				if failures++; failures > 10 {
					t.Fatal("too many differences")
				}
			}
		}
	}
	t.Logf("%d texts", texts)
}

func TestMentionMatcherEdges(t *testing.T) {
	m, ref := matchers(trickyNames)
	for _, text := range []string{"", " ", "US", "us", "Us", "U.S.", "u.s.", "USA", "US-", "-US", "U S Senate",
		"Iranian Iran", "IRANIAN", "New York City York", "New New York", "the the the the", "a a a a a a a",
		"A a A", "ǅEMAL ǆemal", "KELVIN", "\u212Aelvin", "kelvin", "İSTANBUL", "istanbul", "i̇stanbul",
		"STRASSE straẞe STRAẞE", "σοφιά ΣΟΦΙΑ σοφια", "9/11 9-11 911", "x2 x 2", "Putin\xffPutin",
		"Putin\u0301", "GRU Unit 26165.", "F16 F-16 f-16", "ﬁle FILE file"} {
		sameMentions(t, m, ref, text)
	}
	for _, names := range [][]namedTag{nil, {{"", 1}}, {{"...", 1}, {" — ", 2}}} {
		m, ref := matchers(names)
		if !m.empty() || len(ref.keys) != 0 {
			t.Errorf("%v: empty() = %v, %d keys", names, m.empty(), len(ref.keys))
		}
	}
}

// matcherCorpus reads a file of shared/corpus (DOSSIER_CORPUS_DIR overrides).
func matcherCorpus(tb testing.TB, name string) string {
	tb.Helper()
	dir := os.Getenv("DOSSIER_CORPUS_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		tb.Skipf("corpus absent: %v", err)
	}
	return string(b)
}

func TestMentionMatcherMatchesReferenceOnCorpus(t *testing.T) {
	for _, file := range []string{"seed-article.txt", "mueller-report.txt"} {
		t.Run(file, func(t *testing.T) {
			if raceDetector && file != "seed-article.txt" {
				t.Skip("the report runs without -race (scripts/test)") // single-threaded; 15 s under -race
			}
			text := matcherCorpus(t, file)
			m, ref := matchers(append(gazetteerNames(t), trickyNames...))
			sameMentions(t, m, ref, text)
			found := 0
			for _, p := range strings.Split(text, "\n") {
				if !sameMentions(t, m, ref, p) {
					return
				}
				found += len(m.findAll(p))
			}
			if found == 0 {
				t.Error("no mention found: the comparison proves nothing")
			}
			t.Logf("%d mentions", found)
		})
	}
}

// BenchmarkMentionMatcher: the starter gazetteer found in the Mueller
// report's passages (split on blank lines), by the matcher before the
// tries (old) and after (new); one op is the whole report.
func BenchmarkMentionMatcher(b *testing.B) {
	passages := strings.Split(matcherCorpus(b, "mueller-report.txt"), "\n\n")
	size := 0
	for _, p := range passages {
		size += len(p)
	}
	names := gazetteerNames(b)
	type matcher interface {
		find(string) map[int64]Range
		findAll(string) []Range
	}
	newM, oldM := matchers(names)
	for _, c := range []struct {
		name string
		m    matcher
	}{{"old", oldM}, {"new", newM}} {
		b.Run(c.name+"/find", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range passages {
					c.m.find(p)
				}
			}
		})
		b.Run(c.name+"/findAll", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range passages {
					c.m.findAll(p)
				}
			}
		})
	}
}
