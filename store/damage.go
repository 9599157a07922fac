package store

import (
	"fmt"
	"strings"
)

// A research file can be damaged, or crafted, so that stored passage
// offsets no longer fit the document text. Nothing that reads one may
// panic: the readers below check offsets before slicing, skip what does
// not fit and say so.

// ExportProblems is returned by an export that wrote everything it could
// but met damaged items in the research file: Markdown and CSV leave them
// out; the JSON bundle keeps them as stored (it is the backup of the
// notes) and reports them. The output is complete otherwise, so callers
// keep it and show the problems.
type ExportProblems struct{ Problems []string }

func (e *ExportProblems) Error() string {
	return fmt.Sprintf("the research file is damaged: %s", strings.Join(e.Problems, "; "))
}

// passageProblem says what is wrong with a passage's stored offsets into
// its document's text (textLen bytes, text when loaded), or "".
func passageProblem(title string, ordinal, start, end int, passageText string, text *string, textLen int) string {
	if start < 0 || end < start || end > textLen {
		return fmt.Sprintf("passage %d of “%s” lies outside the document (characters %d–%d of %d bytes)",
			ordinal, title, start, end, textLen)
	}
	if text != nil && (*text)[start:end] != passageText {
		return fmt.Sprintf("passage %d of “%s” does not match the document text at its offsets", ordinal, title)
	}
	return ""
}

// passageProblems checks a document's passages against its text, as the
// reader loads them: each problem names a passage whose offsets are
// damaged (its citation would be wrong).
func passageProblems(doc Document, text string, passages []Passage) []string {
	var out []string
	for _, p := range passages {
		if why := passageProblem(doc.Title, p.Ordinal, p.Start, p.End, p.Text, &text, len(text)); why != "" {
			out = append(out, why)
		}
	}
	return out
}

// checkPassages finds the exported passages whose offsets do not fit their
// document. reading exports leave their bookmarks and taggings out; the
// bundle keeps them. Either way each problem is reported once.
func (d *exportData) checkPassages(textLen map[int64]int, reading bool) {
	bad := map[*exportPassage]bool{}
	check := func(p *exportPassage) bool {
		if seen, ok := bad[p]; ok {
			return !seen
		}
		doc := d.docByID[p.DocumentID]
		if doc == nil { // a crafted file: no document to cite, none to name in a bundle
			bad[p] = true
			d.problems = append(d.problems, fmt.Sprintf("passage %d belongs to no document (document id %d); its bookmarks and tags were left out",
				p.Ordinal, p.DocumentID))
			return false
		}
		title := doc.Title
		var text *string
		if ri := d.texts[p.DocumentID]; ri != nil {
			text = &ri.text
		}
		why := passageProblem(title, p.Ordinal, p.Start, p.End, p.Text, text, textLen[p.DocumentID])
		bad[p] = why != ""
		if why != "" {
			if reading {
				why += "; its bookmarks and tags were left out"
			} else {
				why += "; kept in the bundle as stored"
			}
			d.problems = append(d.problems, why)
		}
		return why == ""
	}
	keep := func(p *exportPassage) bool {
		ok := check(p)
		return ok || !reading && d.docByID[p.DocumentID] != nil
	}
	var bms []exportBookmark
	for _, b := range d.bookmarks {
		if keep(b.P) {
			bms = append(bms, b)
		}
	}
	var tgs []exportTagging
	for _, tg := range d.taggings {
		if keep(tg.P) {
			tgs = append(tgs, tg)
		}
	}
	var dts []DocumentTagging
	for _, dt := range d.docTags {
		if d.docByID[dt.DocumentID] != nil {
			dts = append(dts, dt)
		} else {
			d.problems = append(d.problems, fmt.Sprintf("a document tagging names no document (document id %d); it was left out", dt.DocumentID))
		}
	}
	var cls []exportClaim
	kept := map[int64]bool{}
	for _, c := range d.claims {
		if keep(c.P) {
			cls = append(cls, c)
			kept[c.ID] = true
		}
	}
	var links []exportClaimLink
	for _, l := range d.claimLinks {
		if kept[l.A] && kept[l.B] {
			links = append(links, l)
		}
	}
	d.bookmarks, d.taggings, d.docTags, d.claims, d.claimLinks = bms, tgs, dts, cls, links
}

// result is what an export returns once written: nil, the write error, or
// the problems met.
func (d *exportData) result(err error) error {
	if err == nil && len(d.problems) > 0 {
		return &ExportProblems{Problems: d.problems}
	}
	return err
}
