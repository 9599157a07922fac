// Package corpusgen generates large, deterministic, realistic-looking text
// corpora for scale tests and benchmarks of the store.
//
// A word-level Markov chain (order 2, falling back to order 1) is trained on
// real text — in the benchmarks, the seed article and the Mueller report from
// shared/corpus — and then walked with a fixed-seed PCG generator, so every
// run produces the same passages, byte for byte. Word frequencies, word
// lengths, sentence shapes and phrases ("special counsel") follow the
// training text, which is what matters for a full-text index's size and
// query costs.
//
// A Markov chain alone never says a word its training text did not, so a
// million generated passages would share the training text's ~10,000 words,
// each in hundreds of passages — unlike a real library, whose vocabulary
// keeps growing (Heaps' law) and always has words found in a handful of
// passages. A Generator therefore replaces some rare proper names with
// invented ones (spelled by a letter-level chain trained on the real names),
// drawn from a Pitman–Yor process: a few invented names recur often, most
// rarely, and new ones keep appearing as the corpus grows.
package corpusgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/store/ingest"
)

// Passage length bounds, in words.
const (
	MinPassageWords = 40
	MaxPassageWords = 200
	// maxSentenceWords caps one generated sentence (see AppendPassage for
	// why passages then stay within the bounds).
	maxSentenceWords = 60
)

// boundary is the token id marking a sentence's start and end.
const boundary = 0

// Model is a trained word-level Markov chain. It is read-only after Train and
// safe for concurrent use (each caller brings its own *rand.Rand).
type Model struct {
	words []string            // token id → token (id 0 is the sentence boundary)
	next2 map[uint64][]uint32 // (previous two tokens) → observed successors, with repeats
	next1 [][]uint32          // (previous token) → observed successors, with repeats

	// Rare proper names, which a Generator may replace with invented ones:
	// name[id] is the length of the token's leading name (0 if the token is
	// not one), e.g. 8 for "Kilimnik’s".
	name    []uint8
	letters *letterChain

	// Mix is the probability of taking an order-1 step even where the
	// order-2 context is known. It creates word pairs the training text does
	// not have, so a large generated corpus is not just the training
	// sentences re-stitched. Contexts unknown to the order-2 table (which
	// only such steps produce) always fall back to order 1.
	Mix float64
}

// DefaultMix is the Mix of a freshly trained model.
const DefaultMix = 0.1

// NewRand returns the PCG-seeded generator the package is meant to be used
// with; equal seeds give equal corpora.
func NewRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// TrainFiles reads the files at paths and trains a model on them.
func TrainFiles(paths ...string) (*Model, error) {
	texts := make([]string, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	m := Train(texts...)
	if len(m.next2[pair(boundary, boundary)]) == 0 {
		return nil, fmt.Errorf("corpusgen: no sentences in %s", strings.Join(paths, ", "))
	}
	return m, nil
}

var (
	// Mueller report markup: footnote markers <FN12> (and OCR variants such
	// as <FN12l>), redactions <REDACTED>, <FW>, <IMAGE>, page markers <12>.
	markupRE = regexp.MustCompile(`<(?:FN[^<>]*|REDACTED[^<>]*|FW|IMAGE|SECTION|\d+)>`)
	// Whole lines that are not prose: section headings and footnote bodies
	// (citations such as "<FN442> Papadopoulos Statement of Offense ¶ 10.").
	skipLineRE = regexp.MustCompile(`^\s*<(?:SECTION|FN[^<>]*|IMAGE)>`)
)

// Clean strips the Mueller report's markup from text and drops the lines that
// are not prose (section headings, footnote bodies). Other text passes
// through unchanged.
func Clean(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if skipLineRE.MatchString(l) {
			continue
		}
		out = append(out, markupRE.ReplaceAllString(l, " "))
	}
	return strings.Join(out, "\n")
}

// Train builds a model from texts (cleaned with Clean). Each non-blank line is
// a paragraph; paragraphs are split into sentences, and sentences into
// whitespace-separated tokens that keep their punctuation.
func Train(texts ...string) *Model {
	m := &Model{
		words: []string{""},
		next2: map[uint64][]uint32{},
		next1: [][]uint32{nil},
		Mix:   DefaultMix,
	}
	ids := map[string]uint32{}
	id := func(w string) uint32 {
		if i, ok := ids[w]; ok {
			return i
		}
		i := uint32(len(m.words))
		ids[w] = i
		m.words = append(m.words, w)
		m.next1 = append(m.next1, nil)
		return i
	}
	var sent []uint32
	var count []int
	for _, text := range texts {
		for _, line := range strings.Split(Clean(text), "\n") {
			toks := tokens(line)
			for i, t := range toks {
				w := id(t)
				sent = append(sent, w)
				for int(w) >= len(count) {
					count = append(count, 0)
				}
				count[w]++
				if i == len(toks)-1 || endsSentence(t, toks[i+1]) {
					m.addSentence(sent)
					sent = sent[:0]
				}
			}
		}
	}
	m.name = make([]uint8, len(m.words))
	m.letters = newLetterChain()
	for w, tok := range m.words {
		if n := nameLen(tok); n > 0 && count[w] <= maxNameCount {
			m.name[w] = uint8(n)
			m.letters.add(strings.ToLower(tok[:n]))
		}
	}
	return m
}

// maxNameCount: proper names seen at most this often in training are rare
// enough to be replaced by invented ones.
const maxNameCount = 50

// nameLen returns the length of tok's leading proper name — a capital ASCII
// letter and then at least three lower-case ones, as in "Kilimnik’s" — or 0.
func nameLen(tok string) int {
	if len(tok) < 4 || tok[0] < 'A' || tok[0] > 'Z' {
		return 0
	}
	n := 1
	for n < len(tok) && tok[n] >= 'a' && tok[n] <= 'z' {
		n++
	}
	if r, _ := utf8.DecodeRuneInString(tok[n:]); n < 4 || n > 255 || isWordChar(r) {
		return 0 // too short, or followed by more letters (non-ASCII, mixed case)
	}
	return n
}

// tokens splits a line into words, dropping debris left by markup.
func tokens(line string) []string {
	f := strings.Fields(line)
	out := f[:0]
	for _, w := range f {
		if strings.ContainsAny(w, "<>") || !strings.ContainsFunc(w, isWordChar) && w != "—" && w != "-" && w != "§" && w != "&" {
			continue
		}
		out = append(out, w)
	}
	return out
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// abbreviations end in a period without ending the sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "jr": true, "sr": true, "st": true,
	"no": true, "nos": true, "inc": true, "corp": true, "co": true, "ltd": true, "v": true,
	"vs": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"vol": true, "pp": true, "p": true, "id": true, "cf": true, "fed": true, "supp": true,
	"cir": true, "dist": true, "ct": true, "f": true, "app'x": true, "amb": true, "pres": true,
}

// endsSentence reports whether tok ends a sentence, given the token after it.
func endsSentence(tok, next string) bool {
	core := strings.TrimRight(tok, `"'”’)]`)
	if core == "" {
		return false
	}
	last := core[len(core)-1]
	if last != '.' && last != '?' && last != '!' {
		return false
	}
	if last == '.' {
		word := strings.ToLower(strings.TrimLeft(core[:len(core)-1], `"'“‘([`))
		if abbreviations[word] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
			return false // Mr. / U.S. / e.g. / J. (an initial)
		}
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(next, `"'“‘([`))
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func pair(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

func (m *Model) addSentence(s []uint32) {
	if len(s) == 0 {
		return
	}
	a, b := uint32(boundary), uint32(boundary)
	for _, w := range append(s, boundary) {
		k := pair(a, b)
		m.next2[k] = append(m.next2[k], w)
		m.next1[b] = append(m.next1[b], w)
		a, b = b, w
	}
}

// sentence generates one sentence (at most maxSentenceWords words) and appends
// its token ids to buf.
func (m *Model) sentence(rng *rand.Rand, buf []uint32) []uint32 {
	start := len(buf)
	for try := 0; ; try++ {
		buf = buf[:start]
		a, b := uint32(boundary), uint32(boundary)
		for len(buf)-start <= maxSentenceWords {
			var succ []uint32
			if b == boundary || rng.Float64() >= m.Mix {
				succ = m.next2[pair(a, b)]
			}
			if len(succ) == 0 {
				succ = m.next1[b]
			}
			w := succ[rng.IntN(len(succ))]
			if w == boundary {
				return buf
			}
			buf = append(buf, w)
			a, b = b, w
		}
		if try >= 8 { // a runaway sentence: cut it
			buf = buf[:start+maxSentenceWords]
			return buf
		}
	}
}

// Passage generates one paragraph from the chain alone (no invented names):
// whole sentences, MinPassageWords to MaxPassageWords words in all,
// separated by single spaces.
func (m *Model) Passage(rng *rand.Rand) string {
	var b strings.Builder
	m.appendPassage(&b, rng, nil)
	return b.String()
}

// appendPassage writes a generated passage to b, with names from g's pool
// if g is not nil.
func (m *Model) appendPassage(b *strings.Builder, rng *rand.Rand, g *Generator) {
	// A target between the bounds, skewed towards 70–110 words like the
	// paragraphs of a report; whole sentences are added until it is reached.
	// The largest target is 139 words, and the last sentence adds at most
	// maxSentenceWords, so no passage exceeds MaxPassageWords.
	target := MinPassageWords + rng.IntN(34) + rng.IntN(34) + rng.IntN(34)
	var ids []uint32
	words := 0
	for words < target {
		n := len(ids)
		ids = m.sentence(rng, ids)
		if len(ids) == n {
			continue
		}
		words += len(ids) - n
		// A sentence that was cut (or that ends without punctuation, like a
		// headline) gets a period, so sentences stay sentences.
		last, _ := utf8.DecodeLastRuneInString(m.words[ids[len(ids)-1]])
		if !strings.ContainsRune(`.?!"”’)`, last) {
			ids = append(ids, boundary) // means: a period after the previous word
		}
	}
	for i, id := range ids {
		if id == boundary {
			b.WriteByte('.')
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		w := m.words[id]
		if n := int(m.name[id]); g != nil && n > 0 && rng.Float64() < g.NameRate {
			b.WriteString(g.name())
			w = w[n:]
		}
		b.WriteString(w)
	}
}

// Generator writes a corpus: passages from the chain, with some rare proper
// names replaced by invented ones, so that the vocabulary grows with the
// corpus as a real library's does. Its output depends only on the model and
// the seed. It is not safe for concurrent use.
type Generator struct {
	m   *Model
	rng *rand.Rand

	// NameRate is the probability that a rare proper name is replaced.
	NameRate float64
	// Pitman–Yor parameters of the invented-name pool: with n names drawn
	// so far, K of them distinct, a new name is invented with probability
	// (Concentration + Discount·K) / (Concentration + n); otherwise an
	// existing name k is reused with probability ∝ count(k) − Discount.
	// Discount near 1 gives a long tail of names seen once or twice.
	Concentration, Discount float64

	names []string // invented names, by pool index
	count []int32  // draws of each name
	draws []uint32 // every draw so far (pool indexes), to sample ∝ count
	taken map[string]bool
}

// Defaults for a Generator.
const (
	DefaultNameRate      = 0.3
	DefaultConcentration = 100
	DefaultDiscount      = 0.7
)

// NewGenerator returns a generator seeded with seed.
func (m *Model) NewGenerator(seed uint64) *Generator {
	g := &Generator{
		m: m, rng: NewRand(seed),
		NameRate: DefaultNameRate, Concentration: DefaultConcentration, Discount: DefaultDiscount,
		taken: map[string]bool{},
	}
	for _, w := range m.words {
		g.taken[strings.ToLower(strings.TrimRightFunc(w, func(r rune) bool { return !isWordChar(r) }))] = true
	}
	return g
}

// Invented returns how many distinct names the generator has invented.
func (g *Generator) Invented() int { return len(g.names) }

// name draws a name from the pool.
func (g *Generator) name() string {
	n, k := float64(len(g.draws)), float64(len(g.names))
	var i uint32
	if g.rng.Float64()*(g.Concentration+n) < g.Concentration+g.Discount*k {
		i = uint32(len(g.names))
		g.names = append(g.names, g.invent())
		g.count = append(g.count, 0)
	} else {
		// ∝ count − Discount: a uniform past draw is ∝ count; accept it
		// with probability (count − Discount)/count.
		for {
			i = g.draws[g.rng.IntN(len(g.draws))]
			c := float64(g.count[i])
			if g.rng.Float64()*c < c-g.Discount {
				break
			}
		}
	}
	g.count[i]++
	g.draws = append(g.draws, i)
	return g.names[i]
}

// invent spells a new name, unlike any word of the training text or any
// name invented before.
func (g *Generator) invent() string {
	for try := 0; ; try++ {
		w := g.m.letters.word(g.rng)
		// A small chain runs out of new spellings: lengthen them.
		for i := 0; i < try/20; i++ {
			w += string(rune('a' + g.rng.IntN(26)))
		}
		if len(w) >= 4 && !g.taken[w] {
			g.taken[w] = true
			return strings.ToUpper(w[:1]) + w[1:]
		}
	}
}

// Passage generates one paragraph: whole sentences, MinPassageWords to
// MaxPassageWords words in all, separated by single spaces.
func (g *Generator) Passage() string {
	var b strings.Builder
	g.m.appendPassage(&b, g.rng, g)
	return b.String()
}

// Document generates a document of n passages. Its text is the passages
// joined by blank lines; its spans are exact byte offsets, so
// Text[p.Start:p.End] is each passage. Number names it ("Generated report
// 12") and Hash is the sha256 of Text, as ingest computes it.
func (g *Generator) Document(number, n int) *ingest.Document {
	var b strings.Builder
	b.Grow(n * 700)
	spans := make([]ingest.Span, 0, n)
	for i := range n {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		g.m.appendPassage(&b, g.rng, g)
		spans = append(spans, ingest.Span{Start: start, End: b.Len()})
	}
	text := b.String()
	sum := sha256.Sum256([]byte(text))
	return &ingest.Document{
		Title:    fmt.Sprintf("Generated report %d", number),
		FileName: fmt.Sprintf("generated-report-%07d.txt", number),
		Format:   "text",
		Text:     text,
		Hash:     hex.EncodeToString(sum[:]),
		Passages: spans,
	}
}

// letterChain is an order-3 letter-level Markov chain over lower-case ASCII
// names, for inventing plausible ones ("Papadonov").
type letterChain struct {
	next map[string][]byte // last three letters ('^'-padded) → next letter, '$' ends
}

func newLetterChain() *letterChain { return &letterChain{next: map[string][]byte{}} }

func (c *letterChain) add(w string) {
	s := "^^^" + w + "$"
	for i := 3; i < len(s); i++ {
		c.next[s[i-3:i]] = append(c.next[s[i-3:i]], s[i])
	}
}

func (c *letterChain) word(rng *rand.Rand) string {
	if len(c.next) == 0 { // no names in the training text
		b := make([]byte, 6+rng.IntN(5))
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	ctx := []byte("^^^")
	for len(ctx) < 3+16 {
		succ := c.next[string(ctx[len(ctx)-3:])]
		l := succ[rng.IntN(len(succ))]
		if l == '$' {
			break
		}
		ctx = append(ctx, l)
	}
	return string(ctx[3:])
}

// Words returns how many distinct tokens the model knows.
func (m *Model) Words() int { return len(m.words) - 1 }

// DocFreq counts, for each lower-cased word, how many passages contain it.
// Words are split like FTS5's unicode61 tokenizer splits them (runs of
// letters and digits), but are not stemmed.
type DocFreq struct {
	Passages int
	counts   map[string]int
	seen     map[string]int // word → last passage (1-based) it was counted in
}

// NewDocFreq returns an empty counter.
func NewDocFreq() *DocFreq {
	return &DocFreq{counts: map[string]int{}, seen: map[string]int{}}
}

// Add counts one passage.
func (d *DocFreq) Add(passage string) {
	d.Passages++
	for w := range strings.FieldsFuncSeq(passage, func(r rune) bool { return !isWordChar(r) }) {
		w = strings.ToLower(w)
		if d.seen[w] == d.Passages {
			continue
		}
		d.seen[w] = d.Passages
		d.counts[w]++
	}
}

// Count returns the number of passages containing word (lower-case).
func (d *DocFreq) Count(word string) int { return d.counts[word] }

// Words calls fn for every counted word; the order is unspecified.
func (d *DocFreq) Words(fn func(word string, passages int)) {
	for w, n := range d.counts {
		fn(w, n)
	}
}
