package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of a passage.
type span struct{ start, end int }

func isQuote(r rune) bool { return strings.ContainsRune("\"“”«»", r) }

func isCloser(r rune) bool { return strings.ContainsRune("\"”’')]»", r) }

// sentences splits a passage into sentences: a sentence ends at . ! or ?
// (and any closing quotes or brackets) before a space and a capital, a
// digit, an opening quote or bracket ("[redacted] were discussed": 17
// claims of the Mueller report ran on into the next sentence) or the end
// — unless the full stop closes an abbreviation ("Gen.", "U.S.") or an
// initial ("Robert S. Mueller").
func (lex *Lexicon) sentences(text string) []span {
	var out []span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(text) {
			c, n := utf8.DecodeRuneInString(text[end:])
			if !isCloser(c) {
				break
			}
			end += n
		}
		end += markupAt(text[end:]) // "said.<FN12> Next"
		if r == '.' && lex.abbreviationBefore(text, i-1) {
			continue
		}
		// A name spelt with "!" ("Yahoo! News reported that …") goes on:
		// the sentence had begun at "News", which became a source (a
		// researcher's pass). abbreviations.txt lists it with its "!".
		if r == '!' && lex.abbreviationBefore(text, i) {
			continue
		}
		if !sentenceStartsAt(text, end) {
			continue
		}
		out = appendSentence(out, text, start, end)
		start, i = end, end
	}
	return appendSentence(out, text, start, len(text))
}

// sentenceStartsAt tells whether a new sentence can begin after text[:at]:
// the end of the text, or white space then a capital, digit or quote.
func sentenceStartsAt(text string, at int) bool {
	if at >= len(text) {
		return true
	}
	rest := strings.TrimLeftFunc(text[at:], unicode.IsSpace)
	if len(rest) == len(text[at:]) {
		return false // no space: "U.S.-based", "3.5"
	}
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isQuote(r) || r == '(' || r == '‘' || r == '<' || r == '['
}

// abbreviationBefore tells whether the full stop at text[dot] closes an
// abbreviation or an initial.
func (lex *Lexicon) abbreviationBefore(text string, dot int) bool {
	word := text[:dot]
	if i := strings.LastIndexFunc(word, func(r rune) bool { return unicode.IsSpace(r) || isQuote(r) || r == '(' }); i >= 0 {
		_, n := utf8.DecodeRuneInString(word[i:])
		word = word[i+n:]
	}
	if lex.abbreviations[word] {
		return true
	}
	r, n := utf8.DecodeRuneInString(word)
	return n == len(word) && unicode.IsUpper(r) // an initial
}

func appendSentence(out []span, text string, start, end int) []span {
	s := text[start:end]
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	start += len(s) - len(trimmed)
	end = start + len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
	if end > start {
		out = append(out, span{start, end})
	}
	return out
}

// markupAt is the length of a footnote marker or similar markup ("<FN12>")
// at the start of s, or 0.
func markupAt(s string) int {
	if !strings.HasPrefix(s, "<") {
		return 0
	}
	i := strings.IndexByte(s, '>')
	if i < 0 || strings.ContainsFunc(s[:i], unicode.IsSpace) {
		return 0
	}
	return i + 1
}
