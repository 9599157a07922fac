package ingest

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
)

// A Markdown file of markdownPiecesFrom lines or more is given to goldmark
// markdownPieceLines at a time (about: some 23 MB of its nodes). Variables
// for tests.
var (
	markdownPiecesFrom = maxMarkdownLines
	markdownPieceLines = 100_000
)

// markdownPieces cuts a long file's body into pieces of about
// markdownPieceLines lines, each cut where a block starts that nothing
// before it can continue: a line at the left margin after a blank line
// that is not a list item, quote, table row, HTML or code fence, outside
// fenced code and the HTML blocks that run past blank lines. Read piece by
// piece, a hard-wrapped book of a million lines keeps its headings (read
// as plain text, "# Chapter 2" was a passage). nil when some piece would
// reach maxMarkdownLines with no such place: one-letter lines without a
// blank between them.
func markdownPieces(body string) []string {
	var pieces []string
	start, lines := 0, 0
	blank := true
	var closer string // what ends the open fence or HTML block; "" outside one
	var fence byte
	for at := 0; at < len(body); {
		end := strings.IndexByte(body[at:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += at
		}
		line := body[at:end]
		next := min(end+1, len(body))
		switch {
		case closer != "":
			if fence != 0 && closesFence(line, fence, len(closer)) ||
				fence == 0 && strings.Contains(strings.ToLower(line), closer) {
				closer, fence = "", 0
			}
		case blank && lines >= markdownPieceLines && startsBlockAtMargin(line):
			pieces = append(pieces, body[start:at])
			start, lines = at, 0
			fallthrough
		default:
			closer, fence = opensLongBlock(line)
		}
		blank = strings.TrimSpace(line) == ""
		if lines++; lines >= maxMarkdownLines {
			return nil
		}
		at = next
	}
	return append(pieces, body[start:])
}

// startsBlockAtMargin reports whether line, after a blank line, starts a
// block no open block can take in: plain text at the left margin.
func startsBlockAtMargin(line string) bool {
	return line != "" && !strings.ContainsRune(" \t>|<`~[", rune(line[0])) && listMarker(line) == 0
}

// opensLongBlock is, for a line opening a fenced code block or an HTML
// block that blank lines do not end, what closes it (for a fence: its
// character repeated as often) and the fence character; "" otherwise.
func opensLongBlock(line string) (closer string, fence byte) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || t == "" {
		return "", 0
	}
	if c := t[0]; c == '`' || c == '~' {
		n := len(t) - len(strings.TrimLeft(t, string(c)))
		if n >= 3 && (c == '~' || !strings.Contains(t[n:], "`")) {
			return strings.Repeat(string(c), n), c
		}
		return "", 0
	}
	lower := strings.ToLower(t)
	for _, tag := range []string{"script", "pre", "style", "textarea"} {
		if rest, ok := strings.CutPrefix(lower, "<"+tag); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '>') {
			return endsOnItsLine(lower, "</"+tag+">")
		}
	}
	for _, p := range [][2]string{{"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}} {
		if strings.HasPrefix(lower, p[0]) {
			return endsOnItsLine(lower[len(p[0]):], p[1])
		}
	}
	if len(lower) > 2 && lower[1] == '!' && lower[2] >= 'a' && lower[2] <= 'z' {
		return endsOnItsLine(lower, ">")
	}
	return "", 0
}

// endsOnItsLine is closer, unless the line holds it already.
func endsOnItsLine(rest, closer string) (string, byte) {
	if strings.Contains(rest, closer) {
		return "", 0
	}
	return closer, 0
}

// closesFence reports whether line closes a fence of n characters c.
func closesFence(line string, c byte, n int) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	run := len(t) - len(strings.TrimLeft(t, string(c)))
	return run >= n && strings.TrimSpace(t[run:]) == ""
}

// referenceLine is a line that may define a link reference.
var referenceLine = regexp.MustCompile(`(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$`)

// maxReferenceText bounds the reference definitions every piece is given.
const maxReferenceText = 1 << 20

// markdownReferences is the file's link reference definitions, for every
// piece to resolve its links with ("[text][ref]" defined in another piece
// was left as written). Only lines goldmark itself reads as definitions
// are taken, so none can add text.
func markdownReferences(body string) []parser.Reference {
	var defs strings.Builder
	for _, line := range referenceLine.FindAllString(body, -1) {
		if defs.Len()+len(line) > maxReferenceText {
			break
		}
		defs.WriteString(line)
		defs.WriteString("\n\n")
	}
	if defs.Len() == 0 {
		return nil
	}
	ctx := parser.NewContext()
	markdownFlat.Parser().Parse(gmtext.NewReader([]byte(defs.String())), parser.WithContext(ctx))
	return ctx.References()
}
