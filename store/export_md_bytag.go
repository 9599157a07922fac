package store

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"dossier/internal/wording"
	"dossier/store/claims"
)

// exportMarkdownByTag writes the user's findings as Markdown grouped by
// actor and source, for a story about people rather than papers: per tag
// (by family, then name), the passages tagged with it (each bookmark on
// them quoted with its note, else the whole passage), the claims it makes
// and the claims about it, each with its citation; then the bookmarks on
// passages no actor or source is on. A passage under several tags is
// quoted under each. Offsets and the query as ExportMarkdown has them.
func (s *Store) exportMarkdownByTag(ctx context.Context, w io.Writer, userQuery string) (ExportCounts, error) {
	d, err := s.gather(ctx, userQuery, true)
	if err != nil {
		return ExportCounts{}, s.fileErr(err)
	}
	bw := &errWriter{w: w}
	tagsOn := d.acceptedTags()
	marks := map[int64][]exportBookmark{} // by passage
	for _, b := range d.bookmarks {
		marks[b.P.ID] = append(marks[b.P.ID], b)
	}
	// Reading order across documents: by title as the export lists them,
	// then by passage.
	docRank := map[int64]int{}
	for i, doc := range d.docs {
		docRank[doc.ID] = i
	}
	inOrder := func(a, b *exportPassage) int {
		if r := docRank[a.DocumentID] - docRank[b.DocumentID]; r != 0 {
			return r
		}
		return a.Ordinal - b.Ordinal
	}
	passagesOf := map[int64][]*exportPassage{}
	type tagged struct{ tag, passage int64 }
	listed := map[tagged]bool{} // a tag on two spans of one passage quotes it once
	for _, tg := range d.taggings {
		if k := (tagged{tg.TagID, tg.P.ID}); tg.State == StateAccepted && !listed[k] {
			listed[k] = true
			passagesOf[tg.TagID] = append(passagesOf[tg.TagID], tg.P)
		}
	}
	docsOf := map[int64][]int64{}
	for _, dt := range d.docTags {
		docsOf[dt.TagID] = append(docsOf[dt.TagID], dt.DocumentID)
	}
	claimsBy, claimsAbout := map[int64][]exportClaim{}, map[int64][]exportClaim{}
	for _, c := range d.claims {
		if c.SourceID != 0 {
			claimsBy[c.SourceID] = append(claimsBy[c.SourceID], c)
		}
		for _, id := range c.About {
			if id != c.SourceID {
				claimsAbout[id] = append(claimsAbout[id], c)
			}
		}
	}
	byPlace := func(list []exportClaim) {
		slices.SortStableFunc(list, func(a, b exportClaim) int { return inOrder(a.P, b.P) })
	}

	// On one line each, as in the report by document.
	file, query := wording.OneLine(d.file), wording.OneLine(d.query)
	bw.printf("# Dossier export by actor and source: %s\n\n", mdHeading(file))
	bw.printf("Exported %s from the research file `%s`.\n", s.now().UTC().Format("2006-01-02 15:04 MST"), strings.ReplaceAll(file, "`", "'"))
	if query != "" {
		bw.printf("Limited to passages matching `%s`.\n", strings.ReplaceAll(query, "`", "'"))
	}
	var shown []int64
	for _, id := range d.tagOrder {
		if len(passagesOf[id]) > 0 || len(docsOf[id]) > 0 || len(claimsBy[id]) > 0 || len(claimsAbout[id]) > 0 {
			shown = append(shown, id)
		}
	}
	c := d.counts()
	held := wording.Count(len(shown), "actor or source|actors and sources") + ": " + wording.Count(c.TaggedPassages, "tagged passage") + ", " +
		wording.Count(len(d.bookmarks), "bookmark") + " and " + wording.Count(c.Claims, "claim")
	bw.printf("\n%s, in %s. A passage is quoted under each actor or source on it. Character offsets count Unicode characters (code points) from the start of the document, starting at 0; the end is exclusive.\n",
		held, wording.Count(len(d.docs), "document"))

	where := func(p *exportPassage) string {
		return fmt.Sprintf("“%s”, passage %d", mdEscape(wording.OneLine(d.docByID[p.DocumentID].Title)), p.Ordinal)
	}
	// passage quotes p under its heading: each bookmark on it with its
	// note, or the whole passage; the other actors and sources on it.
	passage := func(p *exportPassage, except int64) {
		others := slices.DeleteFunc(slices.Clone(tagsOn[p.ID]), func(t Tag) bool { return t.ID == except })
		list := marks[p.ID]
		if len(list) == 0 {
			list = []exportBookmark{{P: p}}
		}
		for _, b := range list {
			what := where(p)
			if b.Span != nil {
				what += " (excerpt)"
			}
			q := d.quote(p, b.Span)
			bw.printf("\n#### %s\n\n%s\n", what, blockquote(q.Printed()))
			if b.Note != "" {
				bw.printf("\n**Note:** %s\n", mdLines(b.Note))
			}
			if len(others) > 0 {
				bw.printf("\n**Also tagged:** %s\n", mdEscape(tagList(others)))
			}
			bw.printf("\n%s\n", q.markdownCitation())
		}
	}
	for _, id := range shown {
		t := d.tags[id]
		bw.printf("\n---\n\n## %s\n\n", mdHeading(wording.OneLine(tagList([]Tag{t}))))
		if len(t.Aliases) > 0 {
			bw.printf("- **Also called:** %s\n", mdEscape(wording.OneLine(strings.Join(t.Aliases, ", "))))
		}
		if t.Description != "" {
			bw.printf("- **Description:** %s\n", mdEscape(wording.OneLine(t.Description)))
		}
		if docs := docsOf[id]; len(docs) > 0 {
			slices.SortFunc(docs, func(a, b int64) int { return docRank[a] - docRank[b] })
			titles := make([]string, len(docs))
			for i, doc := range docs {
				titles[i] = "“" + wording.OneLine(d.docByID[doc].Title) + "”"
			}
			bw.printf("- **Documents tagged as a whole:** %s\n", mdEscape(strings.Join(titles, ", ")))
		}
		if ps := passagesOf[id]; len(ps) > 0 {
			slices.SortStableFunc(ps, inOrder)
			bw.printf("\n### Passages (%s)\n", strconv.Itoa(len(ps)))
			for _, p := range ps {
				passage(p, id)
			}
		}
		name := wording.OneLine(t.Name)
		if list := claimsBy[id]; len(list) > 0 {
			byPlace(list)
			d.markdownClaimList(bw, "Claims by "+name, list, func(c exportClaim) string {
				return where(c.P) + ": " + c.saying().Verb(claims.PluralSource(t.Name))
			})
		}
		if list := claimsAbout[id]; len(list) > 0 {
			byPlace(list)
			d.markdownClaimList(bw, "Claims about "+name, list, func(c exportClaim) string {
				source := d.tags[c.SourceID].Name
				if source == "" {
					source = "no source"
				}
				return where(c.P) + ": " + mdEscape(wording.OneLine(source)) + " " + c.saying().Verb(claims.PluralSource(source))
			})
		}
	}
	var untagged []*exportPassage
	seen := map[int64]bool{}
	for _, b := range d.bookmarks {
		if len(tagsOn[b.P.ID]) == 0 && !seen[b.P.ID] {
			seen[b.P.ID] = true
			untagged = append(untagged, b.P)
		}
	}
	if len(untagged) > 0 {
		slices.SortStableFunc(untagged, inOrder)
		bw.printf("\n---\n\n## Bookmarks with no actor or source\n")
		for _, p := range untagged {
			passage(p, 0)
		}
	}
	if len(d.saved) > 0 {
		bw.printf("\n---\n\n## Saved searches\n\n")
		for _, ss := range d.saved {
			bw.printf("- **%s:** `%s`\n", mdEscape(wording.OneLine(ss.Name)), strings.ReplaceAll(wording.OneLine(ss.Query), "`", "'"))
		}
	}
	return c, d.result(bw.err)
}
