package claims

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"dossier/assets"
)

// phrase is one lexicon entry: its words (lower case), the value after "|"
// and its flags (the value split on commas).
type phrase struct {
	words []string
	value string
	flags map[string]bool
}

// phraseSet finds lexicon phrases in token runs, the longest at each place.
type phraseSet struct {
	byFirst map[string][]phrase // first word → phrases, longest first
}

func newPhraseSet(entries []phrase) phraseSet {
	ps := phraseSet{byFirst: map[string][]phrase{}}
	for _, e := range entries {
		ps.byFirst[e.words[0]] = append(ps.byFirst[e.words[0]], e)
	}
	for _, list := range ps.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
	return ps
}

// at returns the longest phrase starting at toks[i], and its length in
// tokens (0 when none).
func (ps phraseSet) at(toks []token, i int) (phrase, int) {
	for _, p := range ps.byFirst[toks[i].lower] {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p.words[1:] {
			if toks[i+1+k].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return p, len(p.words)
		}
	}
	return phrase{}, 0
}

// hasSuffix tells whether toks end with one of the set's phrases.
func (ps phraseSet) hasSuffix(toks []token) bool {
	for i := range toks {
		if _, n := ps.at(toks, i); n == len(toks)-i {
			return true
		}
	}
	return false
}

// has tells whether the single word w is an entry.
func (ps phraseSet) has(w string) bool {
	for _, p := range ps.byFirst[w] {
		if len(p.words) == 1 {
			return true
		}
	}
	return false
}

// Lexicon is the suggester's word lists (assets/claims, see its README).
type Lexicon struct {
	verbs, attribution, judgments    phraseSet
	likelihood, confidence           phraseSet
	denials, notDenials, contrast    phraseSet
	anonymous, selfRefs, speakerSkip phraseSet
	titles, notNames, notSpeakers    phraseSet
	demonyms, members                phraseSet
	abbreviations                    map[string]bool
}

// LoadLexicon reads the word lists from fsys (files named as in
// assets/claims, at its root).
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	lex := &Lexicon{abbreviations: map[string]bool{}}
	sets := []struct {
		file string
		set  *phraseSet
	}{
		{"reporting-verbs.txt", &lex.verbs},
		{"attribution.txt", &lex.attribution},
		{"judgments.txt", &lex.judgments},
		{"likelihood.txt", &lex.likelihood},
		{"confidence.txt", &lex.confidence},
		{"denials.txt", &lex.denials},
		{"not-denials.txt", &lex.notDenials},
		{"contrast.txt", &lex.contrast},
		{"anonymous.txt", &lex.anonymous},
		{"self-references.txt", &lex.selfRefs},
		{"speaker-skip.txt", &lex.speakerSkip},
		{"titles.txt", &lex.titles},
		{"not-names.txt", &lex.notNames},
		{"not-speakers.txt", &lex.notSpeakers},
		{"demonyms.txt", &lex.demonyms},
		{"members.txt", &lex.members},
	}
	for _, s := range sets {
		entries, err := readList(fsys, s.file)
		if err != nil {
			return nil, err
		}
		*s.set = newPhraseSet(entries)
	}
	abbr, err := fs.ReadFile(fsys, "abbreviations.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range lines(abbr) {
		lex.abbreviations[line] = true
	}
	for _, p := range lex.likelihood.all() {
		if _, ok := parseLikelihood(p.value); !ok {
			return nil, fmt.Errorf("likelihood.txt: %q is not an ICD 203 step", p.value)
		}
	}
	for _, p := range lex.confidence.all() {
		if _, ok := parseConfidence(p.value); !ok {
			return nil, fmt.Errorf("confidence.txt: %q is not low, moderate or high", p.value)
		}
	}
	return lex, nil
}

// demonymsOnly tells whether every word of toks is a demonym or its
// plural: "Russian", "Russian-American", "Russians".
func (lex *Lexicon) demonymsOnly(toks []token) bool {
	for _, t := range toks {
		if !lex.demonyms.has(t.lower) && !(strings.HasSuffix(t.lower, "s") && lex.demonyms.has(strings.TrimSuffix(t.lower, "s"))) {
			return false
		}
	}
	return len(toks) > 0
}

func (ps phraseSet) all() []phrase {
	var out []phrase
	for _, list := range ps.byFirst {
		out = append(out, list...)
	}
	return out
}

// lines returns a list file's entries: trimmed, without comments or blanks.
func lines(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func readList(fsys fs.FS, name string) ([]phrase, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var out []phrase
	for _, line := range lines(data) {
		words, value, _ := strings.Cut(line, "|")
		p := phrase{value: strings.TrimSpace(value), flags: map[string]bool{}}
		for _, t := range tokenize(words) {
			p.words = append(p.words, t.lower)
		}
		if len(p.words) == 0 {
			return nil, fmt.Errorf("%s: entry %q has no words", name, line)
		}
		for _, f := range strings.Split(p.value, ",") {
			if f = strings.TrimSpace(f); f != "" {
				p.flags[f] = true
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// DefaultLexicon is the lexicon shipped in assets/claims, read once.
var DefaultLexicon = sync.OnceValue(func() *Lexicon {
	sub, err := fs.Sub(assets.Claims, "claims")
	var lex *Lexicon
	if err == nil {
		lex, err = LoadLexicon(sub)
	}
	if err != nil {
		panic("claims lexicon: " + err.Error()) // a broken build; the tests read it
	}
	return lex
})
