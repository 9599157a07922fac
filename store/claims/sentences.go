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
		if r == '<' && footnoteEnds(text, i-1) {
			end := i - 1 + markupRun(text[i-1:])
			out = appendSentence(out, text, start, end)
			start, i = end, end
			continue
		}
		if r == ']' && redactionEnds(text, i) {
			out = appendSentence(out, text, start, i)
			start = i
			continue
		}
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
		marks := markupRun(text[end:]) // "said.<FN12> Next", "<FN781><FN782>"
		if marks == 0 {
			// A footnote's number written bare: "… in Northern
			// Virginia.529 The President's advisors …", "nominee.”687 On".
			marks = bareFootnote(text, i-1, end)
		}
		end += marks
		// A footnote marker after an abbreviation's full stop marks the
		// sentence's end: "… including Trump Jr.<FN712> President Trump
		// has stated …" ran on into the next sentence.
		if r == '.' && marks == 0 && lex.abbreviationBefore(text, i-1) {
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

// markupRun is the length of the footnote markers or similar markup at
// the start of s ("<FN781><FN782>"), or 0.
func markupRun(s string) int {
	n := 0
	for {
		m := markupAt(s[n:])
		if m == 0 {
			return n
		}
		n += m
	}
}

// footnoteEnds tells whether the footnote marker at text[at] ends a
// sentence whose full stop the text lost: one after a word, a quotation or
// a bracket (not a comma, colon or dash, even inside the quotation) and
// before a sentence's start.
// "… the story was otherwise accurate<FN813> The President asked McGahn,
// …" and "… a friend of hers <FN425> Based on this interaction, …" were
// one sentence, the next one's words in the claim.
func footnoteEnds(text string, at int) bool {
	n := markupRun(text[at:])
	if n == 0 || !isFootnoteMark(text[at:at+markupAt(text[at:])]) {
		return false
	}
	// Past closing quotes: "in person,”<FN1149> Kislyak nonetheless
	// agreed" goes on.
	before := strings.TrimRight(text[:at], " \t\"”’'")
	last, _ := utf8.DecodeLastRuneInString(before)
	if before == "" || !(unicode.IsLetter(last) || unicode.IsDigit(last) || last == ')' || last == ']') {
		return false
	}
	return sentenceStartsAt(text, at+n) && at+n < len(text)
}

// redactionEnds tells whether the redaction ending at text[:at] ("[redacted]")
// swallowed a sentence's end: the word after it opens a sentence ("The",
// "As", "During"). "… the Trump Campaign displayed interest in the
// WikiLeaks releases, and that [redacted] As explained in Volume I, …" was
// one sentence, its claim running into the next.
func redactionEnds(text string, at int) bool {
	const mark = "[redacted]"
	if at < len(mark) || !strings.EqualFold(text[at-len(mark):at], mark) {
		return false
	}
	rest := strings.TrimLeft(text[at:], " \t")
	if len(rest) == len(text[at:]) {
		return false
	}
	word := rest
	if i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		word = rest[:i]
	}
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r) && functionWords[strings.ToLower(word)]
}

// bareFootnote is the length of a footnote's number written without
// markup at text[at:] after the full stop (or "?", "!") at text[dot] and
// any closing quotes, or 0: one to four digits, straight after a word's
// full stop and before white space ("Virginia.529 The"; not "3.5
// percent").
func bareFootnote(text string, dot, at int) int {
	n := 0
	for at+n < len(text) && n <= 4 && text[at+n] >= '0' && text[at+n] <= '9' {
		n++
	}
	if n == 0 || n > 4 || at+n >= len(text) || !unicode.IsSpace(rune(text[at+n])) {
		return 0
	}
	if before, _ := utf8.DecodeLastRuneInString(text[:dot]); !unicode.IsLetter(before) {
		return 0
	}
	return n
}

// isFootnoteMark tells whether markup ("<FN12>") is a footnote's marker:
// letters, then digits.
func isFootnoteMark(m string) bool {
	m = strings.TrimSuffix(strings.TrimPrefix(m, "<"), ">")
	letters := strings.TrimRightFunc(m, unicode.IsDigit)
	return letters != m && letters != "" && !strings.ContainsFunc(letters, func(r rune) bool { return !unicode.IsLetter(r) })
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
