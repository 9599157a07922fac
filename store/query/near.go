package query

import (
	"strconv"
	"strings"
)

// NEAR: "NEAR(a b "c d", 5)" or "a NEAR/5 b" finds passages where the terms
// occur within that many tokens of each other (FTS5's NEAR group).
const (
	DefaultNearDist = 10
	MaxNearDist     = 1000
)

const nearExample = "for example NEAR(putin kilimnik, 10) or putin NEAR/10 kilimnik"

// nearGroup is a lexed NEAR(...): its inner tokens and distance.
type nearGroup struct {
	toks []token
	dist int
}

// readNear reads a NEAR group's body from s[i:] (just past the opening
// parenthesis) up to its closing one, outside quotes, and returns the next
// index. The distance is what follows the last comma outside quotes.
func readNear(s string, i int) (*nearGroup, int, *Error) {
	end, lastComma := -1, -1
	inQuote := false
	depth := 0 // parentheses opened inside, so that a nested NEAR( is named as one
	for j := i; j < len(s) && end < 0; j++ {
		switch s[j] {
		case '"':
			inQuote = !inQuote
		case ',':
			if !inQuote && depth == 0 {
				lastComma = j
			}
		case '(':
			if !inQuote {
				depth++
			}
		case ')':
			switch {
			case inQuote:
			case depth > 0:
				depth--
			default:
				end = j
			}
		}
	}
	if end < 0 {
		return nil, len(s), errorf("NEAR( has no closing parenthesis; %s.", nearExample)
	}
	body, dist := s[i:end], DefaultNearDist
	if lastComma >= 0 {
		d := strings.TrimSpace(s[lastComma+1 : end])
		if d != "" && startsNumeric(d) || meantAsDistance(s[i:lastComma]) {
			n, err := strconv.Atoi(d)
			switch {
			case d == "":
				return nil, end + 1, errorf("NEAR(…, ) needs a number of words after its comma; %s.", nearExample)
			case err != nil || n < 0 || n > MaxNearDist:
				return nil, end + 1, errorf("The distance in NEAR(…, %s) must be a whole number of words from 0 to %d; %s.", Clip(d), MaxNearDist, nearExample)
			}
			body, dist = s[i:lastComma], n
			// "NEAR(putin biden, 5, 6)": a second distance, not a word 5.
			if c := strings.LastIndexByte(body, ','); c >= 0 && !strings.Contains(body[c:], `"`) {
				if more := strings.TrimSpace(body[c+1:]); more != "" && startsNumeric(more) && meantAsDistance(body[:c]) {
					return nil, end + 1, errorf("NEAR(…) takes one distance, after its last comma; %s.", nearExample)
				}
			}
		}
	}
	g := &nearGroup{dist: dist}
	for _, t := range lex(body) {
		switch {
		case t.err != nil:
			return nil, end + 1, t.err
		case t.near != nil || t.nearOp:
			return nil, end + 1, errorf("NEAR groups cannot be nested; %s.", nearExample)
		case t.key != "" || t.isOr || t.negated:
			return nil, end + 1, errorf("NEAR(…) holds only words, phrases and prefixes (no OR, exclusions or filters); %s.", nearExample)
		}
		g.toks = append(g.toks, t)
	}
	return g, end + 1, nil
}

// meantAsDistance reports whether what follows the only comma of a NEAR
// group stands where its distance goes: "NEAR(putin biden, x)" and
// "NEAR(putin biden,)" have their words before the comma and are named
// mistakes, while commas between words ("NEAR(a, b)", "NEAR(a, b, c)")
// only separate them.
func meantAsDistance(before string) bool {
	if strings.Contains(before, ",") {
		return false
	}
	return len(strings.FieldsFunc(before, breaksWord)) >= 2
}

// startsNumeric: the distance was meant as a number ("10", "-5", "1.5").
func startsNumeric(s string) bool {
	return s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9')
}

// term makes the group's Term; it needs two searchable terms.
func (g *nearGroup) term() (Term, bool, error) {
	t := Term{Kind: Near, Dist: g.dist}
	for _, tok := range g.toks {
		inner, ok, err := makeTerm(tok)
		if err != nil {
			return Term{}, false, err
		}
		if ok {
			t.Terms = append(t.Terms, inner)
		}
	}
	if len(t.Terms) < 2 {
		return Term{}, false, errorf("NEAR(…) needs at least two words; %s.", nearExample)
	}
	return t, true, nil
}

// nearOperator reads "NEAR" or "NEAR/n" (ok true), with the distance.
func nearOperator(word string) (dist int, ok bool, err *Error) {
	if word == "NEAR" {
		return DefaultNearDist, true, nil
	}
	d, found := strings.CutPrefix(word, "NEAR/")
	if !found {
		return 0, false, nil
	}
	n, convErr := strconv.Atoi(d)
	if convErr != nil || n < 0 || n > MaxNearDist || !startsNumeric(d) || d[0] == '+' {
		return 0, true, errorf("NEAR/ needs a number of words from 0 to %d after it; %s.", MaxNearDist, nearExample)
	}
	return n, true, nil
}

func nearSidesError() *Error {
	return errorf("NEAR needs a word on each side, %s. To search for the word itself, quote it: \"NEAR\".", strings.TrimPrefix(nearExample, "for example "))
}

// joinNear makes "left NEAR/dist right" one group; chained operators
// ("a NEAR b NEAR/20 c") make one group with the largest distance.
func joinNear(left, right Term, dist int) Term {
	g := Term{Kind: Near, Dist: dist}
	for _, t := range []Term{left, right} {
		if t.Kind == Near {
			g.Terms = append(g.Terms, t.Terms...)
			g.Dist = max(g.Dist, t.Dist)
		} else {
			g.Terms = append(g.Terms, t)
		}
	}
	return g
}

// count is how many terms t holds, for MaxTerms.
func (t Term) count() int {
	if t.Kind == Near {
		return len(t.Terms)
	}
	return 1
}

// excludeText is t as echoed in an error message.
func (t Term) excludeText() string {
	if t.Kind == Near {
		return t.user()
	}
	return t.Text
}

// notFilterSchemes start web addresses and the like, which are words.
var notFilterSchemes = map[string]bool{"http": true, "https": true, "ftp": true, "mailto": true, "file": true}

// filterWord decides whether a bare word is a filter ("key:value"): a
// known key always is; any other key of ASCII letters is one (an unknown
// filter, reported as such) when a value follows, unless it is a web address
// (https://…, mailto:…). Numbers ("10:30"), other scripts and a word ending
// in a colon ("Note:") stay words. quoteNext: a quoted value follows.
func filterWord(word string, quoteNext bool) (key, value string, ok bool) {
	k, v, found := strings.Cut(word, ":")
	if !found {
		return "", "", false
	}
	key = strings.ToLower(k)
	if FilterKeys[key] {
		return key, v, true
	}
	if key == "" || len(key) > 20 || notFilterSchemes[key] || strings.HasPrefix(v, "//") || (v == "" && !quoteNext) {
		return "", "", false
	}
	for _, r := range key {
		if r < 'a' || r > 'z' {
			return "", "", false
		}
	}
	return key, v, true
}

// unknownFilter reports a "key:value" whose key is not a filter.
func unknownFilter(key, value string) *Error {
	keys := strings.Split(filterKeyList, ", ")
	return errorf("Unknown filter %s: — filters are %s:. To search for the text, quote it: \"%s:%s\".",
		Clip(key), strings.Join(keys, ":, "), Clip(key), Clip(value))
}
