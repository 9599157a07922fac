package claims

import (
	"encoding/json"
	"strings"
	"unicode"
)

// Tag is what the suggester needs of a store tag: its names and its family
// ("actor" or "source") and kind ("person", "outlet", "report", …).
type Tag struct {
	ID      int64
	Name    string
	Family  string
	Kind    string
	Aliases []string
}

// GazetteerTags reads a gazetteer (assets.Gazetteer's JSON), numbering the
// entries from 1 as the store would on an empty file.
func GazetteerTags(data []byte) ([]Tag, error) {
	var entries []struct {
		Family, Kind, Name string
		Aliases            []string
	}
	if err := json.Unmarshal(data, &entries); err != nil {
		return nil, err
	}
	out := make([]Tag, len(entries))
	for i, e := range entries {
		out[i] = Tag{ID: int64(i + 1), Name: e.Name, Family: e.Family, Kind: e.Kind, Aliases: e.Aliases}
	}
	return out, nil
}

// token is a word (letters and digits) and where it is in its text.
type token struct {
	start, end int
	text       string
	lower      string
}

// tokenize splits s into words exactly as the store's mention matcher does.
func tokenize(s string) []token {
	out := make([]token, 0, len(s)/6+1) // English words and their spaces average about six bytes
	start := -1
	add := func(end int) {
		out = append(out, token{start, end, s[start:end], strings.ToLower(s[start:end])})
	}
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			add(i)
			start = -1
		}
	}
	if start >= 0 {
		add(len(s))
	}
	return out
}

// Tags finds mentions of tag names and aliases with the store's rules:
// whole words; acronyms ("US", "GRU") in capitals only, other names in any
// case; the longest name at each place.
type Tags struct {
	tags   map[int64]Tag
	keys   map[string][]int64 // name key → tag ids
	maxLen int
	first  map[string]bool    // every name's first word, lower case: where a mention can start
	byName map[string][]int64 // lower-case name → tag ids
}

// NewTags indexes tags for matching.
func NewTags(tags []Tag) *Tags {
	t := &Tags{tags: map[int64]Tag{}, keys: map[string][]int64{}, first: map[string]bool{}, byName: map[string][]int64{}}
	for _, tag := range tags {
		t.tags[tag.ID] = tag
		t.byName[strings.ToLower(tag.Name)] = append(t.byName[strings.ToLower(tag.Name)], tag.ID)
		for _, name := range append([]string{tag.Name}, tag.Aliases...) {
			t.add(name, tag.ID)
		}
	}
	return t
}

func isAcronym(toks []token) bool {
	letters := 0
	for _, t := range toks {
		for _, r := range t.text {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters > 0 && letters <= 6
}

func exactKey(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return "=" + strings.Join(parts, " ")
}

func foldKey(toks []token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.lower
	}
	return strings.Join(parts, " ")
}

func (t *Tags) add(name string, id int64) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	key := foldKey(toks)
	if isAcronym(toks) {
		key = exactKey(toks)
	}
	for _, have := range t.keys[key] {
		if have == id {
			return
		}
	}
	t.keys[key] = append(t.keys[key], id)
	t.maxLen = max(t.maxLen, len(toks))
	t.first[toks[0].lower] = true
}

// mention is a run of tokens [from, to) naming tags.
type mention struct {
	from, to int
	ids      []int64
}

// mentions returns the names in toks, the longest at each place, without
// overlaps, in order.
func (t *Tags) mentions(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); i++ {
		if !t.first[toks[i].lower] {
			continue // most words start no name
		}
		for n := min(t.maxLen, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			ids := append(append([]int64(nil), t.keys[exactKey(span)]...), t.keys[foldKey(span)]...)
			if len(ids) > 0 {
				out = append(out, mention{i, i + n, ids})
				i += n - 1
				break
			}
		}
	}
	return out
}

// byFamily returns the first of ids in the given family.
func (t *Tags) byFamily(ids []int64, family string) (Tag, bool) {
	for _, id := range ids {
		if tag := t.tags[id]; tag.Family == family {
			return tag, true
		}
	}
	return Tag{}, false
}

// source names a source: the source tag of that name when there is one, or
// a new source to create.
func (t *Tags) source(name string) Source {
	if tag, ok := t.byFamily(t.byName[strings.ToLower(name)], "source"); ok {
		return Source{Name: tag.Name, TagID: tag.ID}
	}
	return Source{Name: name, New: true}
}
