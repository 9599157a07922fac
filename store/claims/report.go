package claims

// DocFor guesses what a document is about: the report (a source tag of kind
// "report") named in its title or its first passages — by a name of its
// own, not by "the report", which could be any. A report named in the
// title is the document itself (Doc.IsReport).
func (s *Suggester) DocFor(title string, passages []Passage) Doc {
	doc := Doc{Title: title}
	if name, ok := s.reportIn(title); ok {
		doc.Report, doc.IsReport = name, true
		return doc
	}
	for _, p := range passages[:min(len(passages), leadPassages)] {
		if name, ok := s.reportIn(p.Text); ok {
			doc.Report = name
			return doc
		}
	}
	return doc
}

// leadPassages is how far into a document DocFor looks: a news story
// names its subject in its first paragraphs.
const leadPassages = 5

func (s *Suggester) reportIn(text string) (string, bool) {
	toks := tokenize(text)
	for _, m := range s.tags.mentions(toks) {
		if s.lex.selfRefs.hasSuffix(toks[m.from:m.to]) {
			continue
		}
		for _, id := range m.ids {
			if tag := s.tags.tags[id]; tag.Family == "source" && tag.Kind == "report" {
				return tag.Name, true
			}
		}
	}
	return "", false
}
