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
	m := &mdParser{doc: doc, text: text}
	for _, b := range blocks(text, pos, len(text)) {
		m.block(b)
	}
	m.flush() // an unterminated fence runs to the end of the file
	doc.Passages = m.out
	return doc, nil
}

// frontMatter fills doc from a leading "---" block and returns where the
// body starts.
func frontMatter(doc *Document, text string) int {
	if !strings.HasPrefix(text, "---\n") {
		return 0
	}
	// Search from the opening line's newline, so that an empty block
	// ("---\n---\n") closes at once.
	end := strings.Index(text[3:], "\n---")
	if end < 0 {
		return 0
	}
	block := text[4:max(4, 3+end)]
	// A leading "---" can also be a thematic break above ordinary text; then
	// the "front matter" up to the next break is prose, and dropping it
	// silently lost it. Only a block that reads like YAML is metadata.
	for _, l := range strings.Split(block, "\n") {
		if !yamlish(l) {
			return 0
		}
	}
	for _, l := range strings.Split(block, "\n") {
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
	body := 3 + end + len("\n---")
	if nl := strings.IndexByte(text[body:], '\n'); nl >= 0 {
		return body + nl + 1
	}
	return len(text)
}

// yamlish reports whether a front-matter line looks like YAML: blank, a
// comment, a list item or continuation, or "key: value" with a one-word key.
func yamlish(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "- ") || t == "-" || l[0] == ' ' || l[0] == '\t' {
		return true
	}
	k, _, ok := strings.Cut(t, ":")
	return ok && k != "" && !strings.ContainsAny(k, " \t")
}

// mdParser segments runs of non-blank lines. Headings and list items start
// passages of their own; heading markers are left out of the passage span.
//
// The fence state lives here rather than per block: a fenced code block may
// contain blank lines, and everything up to the closing fence is code (a
// "# comment" inside it is not a heading, and certainly not the title).
type mdParser struct {
	doc     *Document
	text    string
	out     []Span
	run     []line
	inFence bool
}

func (m *mdParser) flush() {
	if len(m.run) == 0 {
		return
	}
	p := trim(m.text, Span{m.run[0].start, m.run[len(m.run)-1].end})
	if p.End > p.Start {
		m.out = append(m.out, splitLong(m.text, p)...)
	}
	m.run = nil
}

// block handles one run of non-blank lines.
func (m *mdParser) block(b []line) {
	text, doc := m.text, m.doc
	for _, l := range b {
		s := strings.TrimSpace(text[l.start:l.end])
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			if !m.inFence {
				m.flush()
			}
			m.inFence = !m.inFence
			m.run = append(m.run, l)
			if !m.inFence {
				m.flush()
			}
			continue
		}
		if m.inFence {
			m.run = append(m.run, l)
			continue
		}
		if level, body := heading(text, l); level > 0 {
			m.flush()
			if body.End <= body.Start {
				continue
			}
			if level == 1 && doc.Title == "" {
				doc.Title = text[body.Start:body.End]
				continue
			}
			// A (pathological) heading longer than a passage is cut like a
			// paragraph, so no passage exceeds MaxPassageLen.
			m.out = append(m.out, splitLong(text, body)...)
			continue
		}
		if isListItem(s) {
			m.flush()
		}
		m.run = append(m.run, l)
	}
	if !m.inFence { // inside a fence, a blank line does not end the block
		m.flush()
	}
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
