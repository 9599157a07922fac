package ingest

import (
	"strings"
)

// parseMarkdown reads a .md file: YAML-style front matter (title, author,
// date, source, url) as metadata, the first level-one heading as the title
// when the front matter has none, every other heading, list item, fenced
// block and paragraph as a passage.
func parseMarkdown(name, text string) (*Document, error) {
	doc := &Document{Format: "markdown", Text: text}
	pos := frontMatter(doc, text)
	var spans []Span
	for _, b := range blocks(text, pos, len(text)) {
		spans = append(spans, markdownBlock(doc, text, b)...)
	}
	doc.Passages = spans
	return doc, nil
}

// frontMatter fills doc from a leading "---" block and returns where the
// body starts.
func frontMatter(doc *Document, text string) int {
	if !strings.HasPrefix(text, "---\n") {
		return 0
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return 0
	}
	for _, l := range strings.Split(text[4:4+end], "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			doc.Title = v
		case "author", "authors":
			doc.Author = v
		case "date", "published":
			doc.Published = v
		case "source", "publisher", "outlet":
			doc.Source = v
		case "url", "link":
			doc.URL = v
		}
	}
	body := 4 + end + len("\n---")
	if nl := strings.IndexByte(text[body:], '\n'); nl >= 0 {
		return body + nl + 1
	}
	return len(text)
}

// markdownBlock segments one run of non-blank lines. Headings and list
// items start passages of their own; heading markers are left out of the
// passage span.
func markdownBlock(doc *Document, text string, b []line) []Span {
	var out []Span
	var run []line
	flush := func() {
		if len(run) == 0 {
			return
		}
		p := trim(text, Span{run[0].start, run[len(run)-1].end})
		if p.End > p.Start {
			out = append(out, splitLong(text, p)...)
		}
		run = nil
	}
	inFence := false
	for _, l := range b {
		s := strings.TrimSpace(text[l.start:l.end])
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			if !inFence {
				flush()
			}
			inFence = !inFence
			run = append(run, l)
			if !inFence {
				flush()
			}
			continue
		}
		if inFence {
			run = append(run, l)
			continue
		}
		if level, body := heading(text, l); level > 0 {
			flush()
			if body.End <= body.Start {
				continue
			}
			if level == 1 && doc.Title == "" {
				doc.Title = text[body.Start:body.End]
				continue
			}
			out = append(out, body)
			continue
		}
		if isListItem(s) {
			flush()
		}
		run = append(run, l)
	}
	flush()
	return out
}

// heading returns an ATX heading's level and its text span (without the
// leading #s and any closing #s).
func heading(text string, l line) (int, Span) {
	s := text[l.start:l.end]
	lead := len(s) - len(strings.TrimLeft(s, " "))
	if lead > 3 {
		return 0, Span{}
	}
	i := lead
	for i < len(s) && s[i] == '#' {
		i++
	}
	level := i - lead
	if level == 0 || level > 6 || (i < len(s) && s[i] != ' ' && s[i] != '\t') {
		return 0, Span{}
	}
	body := trim(text, Span{l.start + i, l.end})
	// Drop a closing sequence of #s ("## Title ##").
	t := text[body.Start:body.End]
	if stripped := strings.TrimRight(t, "#"); stripped != t && (stripped == "" || strings.HasSuffix(stripped, " ")) {
		body = trim(text, Span{body.Start, body.Start + len(stripped)})
	}
	return level, body
}

func isListItem(s string) bool {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "+ ") || strings.HasPrefix(s, "> ") {
		return true
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s)-1 && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}
