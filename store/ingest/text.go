package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parsePlainText reads a .txt file: an optional headline as the title,
// photo-credit lines as metadata, every other paragraph as a passage
// (footnotes, "<FN12>…" paragraphs of cleaned report text, marked as such).
func parsePlainText(name, text string) (*Document, error) {
	// The document's identity stays that of the file as read, so that a
	// file imported before redaction marks were normalised is still known.
	sum := sha256.Sum256([]byte(text))
	text = normaliseMarks(text)
	doc := &Document{Format: "text", Text: text, Hash: hex.EncodeToString(sum[:])}
	var spans []Span
	titleTaken := false
	var titleSpan Span
	paras := 0
	for i, b := range blocks(text, 0, len(text)) {
		for _, p := range paragraphs(text, b) {
			paras++
			para := text[p.Start:p.End]
			if i == 0 && !titleTaken && isHeadline(para) && len(b) == 1 {
				doc.Title = para
				titleTaken, titleSpan = true, p
				continue
			}
			if c, ok := parseCredit(para); ok {
				if doc.Source == "" {
					doc.Source = c.agency
				}
				if doc.PhotoCredit == "" {
					doc.PhotoCredit = c.String()
				}
				continue
			}
			if h, ok := sectionHeading(text, p); ok {
				spans = append(spans, h)
				continue
			}
			n := footnoteNumber(para)
			for _, piece := range splitLong(text, p) {
				piece.Footnote = n
				spans = append(spans, piece)
			}
			if len(spans) > MaxPassages {
				return nil, errors.New(tooManyPassages) // stopped here: every passage more cost memory
			}
		}
	}
	if paras == 1 && titleTaken {
		// A short note with no full stop ("Kilimnik met Manafort") reads
		// like a headline, but it is all the file says: keep it as the
		// passage too, rather than refuse the file as having no paragraphs.
		spans = append(spans, titleSpan)
	}
	doc.Passages = spans
	return doc, nil
}

// redactedMark is how cleaned report text marks a redaction; it is stored
// as redactedShown, a visible mark rather than angle-bracket markup. Both are
// ten bytes, so offsets computed on either text agree.
const (
	redactedMark  = "<REDACTED>"
	redactedShown = "[redacted]"
)

// normaliseMarks replaces markup meant for the eye before any offset is
// computed: passages are cut from the normalised text, so they stay exact.
func normaliseMarks(text string) string {
	return strings.ReplaceAll(text, redactedMark, redactedShown)
}

// footnoteMarker starts a footnote paragraph in cleaned report text:
// "<FN12>Id. at 3." (the same marker inside a sentence is a reference).
var footnoteMarker = regexp.MustCompile(`^<FN([0-9]{1,9})>`)

// footnoteNumber is the number of the footnote para starts, or 0. Short
// footnote lines that follow each other ("<FN5>Id." "<FN6>Id.") read as one
// hard-wrapped paragraph, numbered after the first: cutting them apart
// would renumber the passages of files imported before footnotes were
// recognised, which bundles locate by number.
func footnoteNumber(para string) int {
	m := footnoteMarker.FindStringSubmatch(para)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1]) // at most nine digits: cannot fail
	return n
}

// sectionMarker starts a heading line in cleaned report text (the shared
// Mueller report corpus marks its section headings so).
const sectionMarker = "<SECTION>"

// sectionHeading reads a one-line "<SECTION>Heading" paragraph as a heading
// passage, without the marker.
func sectionHeading(text string, p Span) (Span, bool) {
	para := text[p.Start:p.End]
	if !strings.HasPrefix(para, sectionMarker) || strings.ContainsRune(para, '\n') {
		return Span{}, false
	}
	h := trim(text, Span{Start: p.Start + len(sectionMarker), End: p.End})
	if h.End <= h.Start || h.End-h.Start > MaxPassageLen {
		return Span{}, false
	}
	h.Heading = true
	return h, true
}

// isHeadline: a short first line that reads like a title rather than a
// sentence or markup.
func isHeadline(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 160 || strings.ContainsRune(s, '\n') {
		return false
	}
	if strings.HasPrefix(s, "<") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ":") {
		return false
	}
	return true
}

type credit struct {
	agency, photographer, caption string
}

func (c credit) String() string {
	if c.photographer == "" {
		return c.agency
	}
	return c.agency + " / " + c.photographer
}

// creditAgencies are the wire agencies a photo credit names, as it writes
// them, with the names they are shown by.
var creditAgencies = []struct{ written, shown string }{
	{"REUTERS", "Reuters"}, {"AP", "AP"}, {"AFP", "AFP"}, {"EPA", "EPA"}, {"GETTY IMAGES", "Getty Images"},
	{"ASSOCIATED PRESS", "Associated Press"}, {"BLOOMBERG", "Bloomberg"}, {"ANADOLU AGENCY", "Anadolu Agency"},
	{"XINHUA", "Xinhua"},
}

// creditLine matches a caption ending in an upper-case wire-agency credit and
// photographer, e.g. "… in 2020 Election   REUTERS  CARLOS BARRIA".
var creditLine = func() *regexp.Regexp {
	names := make([]string, len(creditAgencies))
	for i, a := range creditAgencies {
		names[i] = regexp.QuoteMeta(a.written)
	}
	return regexp.MustCompile(`^(.*?)\s*\b(` + strings.Join(names, "|") + `)(?:\s+/)?\s+([A-Z][A-Z.'\-]*(?:\s+[A-Z][A-Z.'\-]*){0,3})\s*$`)
}()

var agencyNames = func() map[string]string {
	m := make(map[string]string, len(creditAgencies))
	for _, a := range creditAgencies {
		m[a.written] = a.shown
	}
	return m
}()

// namesAnAgency reports whether s holds a wire agency's name as a credit
// writes it, which creditLine needs: most paragraphs hold none, and the
// regular expression's walk over each was 8% of an import of the Mueller
// report.
func namesAnAgency(s string) bool {
	for _, a := range creditAgencies {
		if strings.Contains(s, a.written) {
			return true
		}
	}
	return false
}

// parseCredit recognises a photo-credit line (short, ending in AGENCY NAME).
func parseCredit(s string) (credit, bool) {
	if len(s) > 300 || strings.ContainsRune(s, '\n') || !namesAnAgency(s) {
		return credit{}, false
	}
	m := creditLine.FindStringSubmatch(s)
	if m == nil {
		return credit{}, false
	}
	return credit{
		caption:      strings.TrimSpace(m[1]),
		agency:       agencyNames[strings.Join(strings.Fields(m[2]), " ")],
		photographer: titleCase(m[3]),
	}, true
}

// titleCase turns "CARLOS BARRIA" into "Carlos Barria".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = strings.ToUpper(string(r)) + w[n:]
	}
	return strings.Join(words, " ")
}
