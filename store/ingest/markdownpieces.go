package ingest

import (
	"runtime"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
)

// A Markdown file of markdownPiecesFrom lines or more is given to goldmark
// in pieces of markdownPieceLines or more (some 23 MB of its nodes for
// 100,000). Variables for tests.
var (
	markdownPiecesFrom = maxMarkdownLines
	markdownPieceLines = 100_000
)

// markdownBlocks parses Markdown's blocks only, as goldmark's full parser
// does (inline markup does not change where blocks start or end), and
// collects the link reference definitions.
var markdownBlocks = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))

// markdownPieces cuts a long file's body into pieces that read as the
// whole file does, and returns them with the file's link reference
// definitions for every piece to resolve its links with. A cut is made
// only before a line that goldmark, given the piece up to that line, reads
// as a new paragraph or heading of the document itself: everything before
// it is then closed, in the whole file as in the piece, since blocks are
// read line by line. Read piece by piece, a hard-wrapped book of a million
// lines keeps its headings (read as plain text, "# Chapter 2" was a
// passage), in the memory a piece takes. A cut tried and refused is tried
// again twice as far on, so that few are tried. nil when some piece would
// reach maxMarkdownLines: a million one-letter lines, or a code block as
// long, cannot be cut.
func markdownPieces(body string) (pieces []string, refs []parser.Reference) {
	all := parser.NewContext()
	collect := func(ctx parser.Context) {
		for _, ref := range ctx.References() {
			all.AddReference(ref) // the first definition of a label wins
		}
	}
	for start := 0; ; {
		cut := -1
		for want := markdownPieceLines; cut < 0; want *= 2 {
			at, end := marginLineAfter(body, start, want)
			if at < 0 {
				if strings.Count(body[start:], "\n") >= maxMarkdownLines {
					return nil, nil // no place to cut
				}
				ctx := parser.NewContext()
				markdownBlocks.Parse(gmtext.NewReader([]byte(body[start:])), parser.WithContext(ctx))
				collect(ctx)
				return append(pieces, body[start:]), all.References()
			}
			ctx := parser.NewContext()
			root := markdownBlocks.Parse(gmtext.NewReader([]byte(body[start:end])), parser.WithContext(ctx))
			if startsADocumentBlock(root.LastChild(), at-start) {
				cut = at
				collect(ctx) // none is on the line cut at: it is a paragraph
			}
			settle(body[start:end])
		}
		pieces = append(pieces, body[start:cut])
		start = cut
	}
}

// settle collects the tree goldmark built for a piece longer than usual
// before the next is built: two trees of almost a million lines took 486
// MB (a hostile pass).
func settle(piece string) {
	if strings.Count(piece, "\n") > 2*markdownPieceLines {
		runtime.GC()
	}
}

// marginLineAfter is where the first line at least lines after start's
// begins, that follows a blank line and starts with text at the left
// margin (where a paragraph or heading may start: not a fence, HTML, a
// quote, a table row, a definition or a list item), and where it ends; -1
// when there is none before maxMarkdownLines after start.
func marginLineAfter(body string, start, lines int) (at, end int) {
	blank := false
	for n, pos := 0, start; pos < len(body) && n < maxMarkdownLines; n++ {
		eol := strings.IndexByte(body[pos:], '\n')
		if eol < 0 {
			eol = len(body)
		} else {
			eol += pos
		}
		line := body[pos:eol]
		if n >= lines && blank && line != "" && !strings.ContainsRune(" \t`~<>|[", rune(line[0])) && listMarker(line) == 0 {
			return pos, eol
		}
		blank = strings.Trim(line, " \t") == "" // goldmark's blank line
		pos = eol + 1
	}
	return -1, -1
}

// startsADocumentBlock reports whether n, the document's last block, is a
// paragraph or heading whose text starts at or after offset at.
func startsADocumentBlock(n ast.Node, at int) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.Heading:
		return n.Lines().Len() > 0 && n.Lines().At(0).Start >= at
	}
	return false
}
