package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPassageLen is the length (bytes) above which a paragraph is split at
// sentence ends, so that a passage stays a readable, citable unit.
const MaxPassageLen = 1500

// wrapWidth: lines no longer than this inside a block are read as a
// hard-wrapped paragraph; longer lines are read as one paragraph each.
const wrapWidth = 100

// line is one line of text by byte range, without its newline.
type line struct{ start, end int }

// blocks groups the lines of text[from:to] into runs of non-blank lines.
// The runs share one array, sized to the lines counted first: grown line
// by line it took five times the lines' own memory (320 MB for a file of
// four million one-letter lines; a hostile pass).
func blocks(text string, from, to int) [][]line {
	var out [][]line
	all := make([]line, 0, strings.Count(text[from:to], "\n")+1)
	first := 0 // where the current run starts in all
	for i := from; i < to; {
		j := strings.IndexByte(text[i:to], '\n')
		end := to
		next := to
		if j >= 0 {
			end = i + j
			next = end + 1
		}
		if strings.TrimSpace(text[i:end]) == "" {
			if len(all) > first {
				out = append(out, all[first:len(all):len(all)])
				first = len(all)
			}
		} else {
			all = append(all, line{i, end})
		}
		i = next
	}
	if len(all) > first {
		out = append(out, all[first:len(all):len(all)])
	}
	return out
}

// paragraphs splits a block into paragraph spans: a hard-wrapped block is
// one paragraph; a block of long lines is one paragraph per line.
func paragraphs(text string, b []line) []Span {
	wrapped := true
	for _, l := range b[:len(b)-1] {
		if utf8.RuneCountInString(text[l.start:l.end]) > wrapWidth {
			wrapped = false
			break
		}
	}
	if wrapped {
		return []Span{trim(text, Span{Start: b[0].start, End: b[len(b)-1].end})}
	}
	// No more than a file may have (MaxPassages): the caller refuses past
	// it, and four million lines made a slice of four million spans first.
	out := make([]Span, 0, min(len(b), MaxPassages+1))
	for _, l := range b[:min(len(b), MaxPassages+1)] {
		out = append(out, trim(text, Span{Start: l.start, End: l.end}))
	}
	return out
}

// trim narrows a span to exclude surrounding white space.
func trim(text string, s Span) Span {
	for s.Start < s.End {
		r, w := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += w
	}
	for s.End > s.Start {
		r, w := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= w
	}
	return s
}

// splitLong cuts a span longer than MaxPassageLen at sentence ends, packing
// sentences greedily; a sentence longer than the limit is cut at a space.
func splitLong(text string, s Span) []Span {
	if s.End-s.Start <= MaxPassageLen {
		return []Span{s}
	}
	var out []Span
	start := s.Start
	for s.End-start > MaxPassageLen {
		limit := start + MaxPassageLen
		cut := lastSentenceEnd(text, start, limit)
		if cut <= start+MaxPassageLen/4 {
			cut = lastSpace(text, start, limit)
		}
		if cut <= start {
			cut = runeBoundary(text, limit)
		}
		if p := trim(text, Span{Start: start, End: cut}); p.End > p.Start {
			out = append(out, p)
		}
		start = trim(text, Span{Start: cut, End: s.End}).Start
	}
	if p := trim(text, Span{Start: start, End: s.End}); p.End > p.Start {
		out = append(out, p)
	}
	return out
}

// abbreviations that end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "no": true, "vol": true, "u.s": true,
	"u.k": true, "e.g": true, "i.e": true, "vs": true, "inc": true, "co": true, "corp": true,
	"lt": true, "col": true, "sgt": true, "prof": true, "pp": true, "p": true, "fig": true,
}

// lastSentenceEnd returns the byte index just after the last sentence end in
// text[from:limit], or from if there is none. A sentence ends at . ! or ?
// (optionally followed by closing quotes or brackets) before white space and
// a capital letter, digit or opening quote.
func lastSentenceEnd(text string, from, limit int) int {
	best := from
	for i := from; i < limit; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		// Step over closing quotes and brackets ("... end." she said).
		for j < limit {
			r, w := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune("\"')]”’", r) {
				break
			}
			j += w
		}
		if j >= limit || !unicode.IsSpace(rune(text[j])) {
			continue
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t') {
			k++
		}
		if k >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[k:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '\'' || r == '(' || r == '<') {
			continue
		}
		if c == '.' && isAbbreviation(text, from, i) {
			continue
		}
		best = j
	}
	return best
}

func isAbbreviation(text string, from, dot int) bool {
	k := dot
	for k > from {
		r, w := utf8.DecodeLastRuneInString(text[from:k])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		k -= w
	}
	word := strings.ToLower(text[k:dot])
	if abbreviations[word] {
		return true
	}
	// A single capital letter is an initial ("Robert S. Mueller").
	return utf8.RuneCountInString(word) == 1
}

func lastSpace(text string, from, limit int) int {
	for i := limit - 1; i > from; i-- {
		if text[i] == ' ' || text[i] == '\n' {
			return i
		}
	}
	return from
}

func runeBoundary(text string, i int) int {
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
