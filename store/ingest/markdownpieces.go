package ingest

import (
	"bytes"
	"runtime"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Markdown file of markdownPiecesFrom lines or more is given to goldmark
// in pieces of markdownPieceLines or more (some 23 MB of its nodes for
// 100,000). Variables for tests.
var (
	markdownPiecesFrom = maxMarkdownLines
	markdownPieceLines = 100_000
)

// markdownBlocks and markdownFlatBlocks parse Markdown's blocks as
// markdown and markdownFlat do, in less memory: inline markup does not
// change where blocks start or end, but tables do (a table then "===" is
// no setext heading; a hostile pass).
var (
	markdownBlocks     = blockParser(true)
	markdownFlatBlocks = blockParser(false)
)

func blockParser(tables bool) parser.Parser {
	transformers := parser.DefaultParagraphTransformers()
	if tables {
		transformers = append(transformers, util.Prioritized(extension.NewTableParagraphTransformer(), 200))
	}
	return parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...), parser.WithParagraphTransformers(transformers...))
}

// markdownPieces cuts a long file's body into pieces that read as the
// whole file does, and returns them with the file's link reference
// definitions for every piece to resolve its links with. blocks is the
// block parser of the parser the pieces will be read with. A cut is made only before a paragraph or
// heading that goldmark, given the file from the last cut to some lines
// further, reads as a block of the document itself: everything before it
// is then closed, in the whole file as in the piece, since blocks are read
// line by line. The cut is the last such block past half of the lines
// read for the piece (a code-heavy book has one between its listings;
// trying only the line found at a distance, a hostile pass read a book
// whose tried lines all fell inside code as plain text). Where there is
// none, twice the lines are read. Read piece by piece, a hard-wrapped book
// of a million lines keeps its headings (read as plain text, "# Chapter 2"
// was a passage), in the memory a piece takes. nil when some piece would
// reach maxMarkdownLines: a million one-letter lines, or a code block as
// long, cannot be cut.
func markdownPieces(blocks parser.Parser, body string) (pieces []string, refs []parser.Reference) {
	all := parser.NewContext()
	collect := func(ctx parser.Context) {
		for _, ref := range ctx.References() {
			all.AddReference(ref) // the first definition of a label wins
		}
	}
	for start := 0; ; {
		cut := -1
		for lines := markdownPieceLines; cut < 0; lines = longer(lines) {
			from, end, whole := lineOffsets(body, start, max(lines/2, 1), lines)
			if whole {
				if strings.Count(body[start:], "\n") >= maxMarkdownLines {
					return nil, nil // no place to cut
				}
				ctx := parser.NewContext()
				blocks.Parse(gmtext.NewReader([]byte(body[start:])), parser.WithContext(ctx))
				collect(ctx)
				return append(pieces, body[start:]), all.References()
			}
			ctx := parser.NewContext()
			src := []byte(body[start:end])
			if at := lastDocumentBlock(blocks.Parse(gmtext.NewReader(src), parser.WithContext(ctx)), src, from-start); at > 0 {
				cut = start + at
				// With those after the cut, which are read again with the
				// next piece: a label's first definition still wins.
				collect(ctx)
			}
			settle(body[start:end])
		}
		pieces = append(pieces, body[start:cut])
		start = cut
	}
}

// longer is twice lines, but at most the last length a piece may have,
// and then past it.
func longer(lines int) int {
	if lines >= maxMarkdownLines-1 {
		return maxMarkdownLines
	}
	return min(2*lines, maxMarkdownLines-1)
}

// lineOffsets is where the line half lines after start's begins, and where
// the line lines after it ends; whole when the body ends before that, or
// it is maxMarkdownLines or more after start.
func lineOffsets(body string, start, half, lines int) (from, end int, whole bool) {
	if lines >= maxMarkdownLines {
		return 0, 0, true
	}
	pos := start
	for n := 0; n < lines; n++ {
		if n == half {
			from = pos
		}
		eol := strings.IndexByte(body[pos:], '\n')
		if eol < 0 {
			return 0, 0, true
		}
		pos += eol + 1
	}
	return from, pos, pos >= len(body)
}

// lastDocumentBlock is where the line starts of the last paragraph or
// heading of the document itself (not in a list, quote or other block),
// after a blank line, in src that starts at or after offset from; 0 if
// none does.
func lastDocumentBlock(root ast.Node, src []byte, from int) int {
	for n := root.LastChild(); n != nil; n = n.PreviousSibling() {
		switch n.(type) {
		case *ast.Paragraph, *ast.Heading:
		default:
			continue
		}
		if n.Lines().Len() == 0 {
			continue
		}
		at := n.Lines().At(0).Start
		if at < from {
			return 0
		}
		// After a blank line: a paragraph's first line left once goldmark
		// took a link definition off its start ("[x]:", "/u", "Title",
		// "===") is not where the block starts.
		line := bytes.LastIndexByte(src[:at], '\n') + 1
		if line > 0 {
			before := src[bytes.LastIndexByte(src[:line-1], '\n')+1 : line-1]
			if len(bytes.Trim(before, " \t")) == 0 {
				return line
			}
		}
	}
	return 0
}

// settle collects the tree goldmark built for a piece longer than usual
// before the next is built: two trees of almost a million lines took 486
// MB (a hostile pass).
func settle(piece string) {
	if strings.Count(piece, "\n") > 2*markdownPieceLines {
		runtime.GC()
	}
}
