package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier/internal/wording"
	"dossier/store/claims"
)

// Claims in exports: reading exports (Markdown, CSV) show the accepted
// claims; the JSON bundle carries every claim, in any state, with its links,
// so that restoring it keeps the user's decisions.

type exportClaim struct {
	P             *exportPassage
	ID            int64
	Span          Range
	Found         *Range // the span the suggester found; nil for a claim marked by hand
	SourceID      int64  // 0: none
	About         []int64
	Stance, Cue   string
	CueSpan       *Range
	Speaker       string
	Likelihood    int
	Confidence    int
	State, Origin string
	Rule, Note    string
	Created       time.Time
	Updated       time.Time
}

type exportClaimLink struct {
	A, B    int64 // claim ids, both exported
	Kind    string
	Created time.Time
}

// outsideClaimLink is a link from an exported claim to one the export
// does not hold (suggested, rejected, or outside its query).
type outsideClaimLink struct {
	Claim         int64 // the exported claim
	Kind, State   string
	Ordinal       int // the other claim's passage
	Title, Source string
}

// Text is the claim's words as stored, footnote references and all.
func (c exportClaim) Text() string {
	text, _, _ := spanOf(c.P.Text, &c.Span)
	return text
}

// shown is the claim's words as the window shows them (shownWords): the
// Mueller report's "…of him,<FN203> but Eisenberg …" without its mark. The
// exports' offsets still count the mark.
func (d *exportData) shown(c exportClaim) string {
	return shownWords(c.Text(), d.refs[c.P.DocumentID])
}

// saying is how a sentence words the claim's stance (claims.HowSaid).
func (c exportClaim) saying() claims.Saying {
	stance := claims.Asserts
	if c.Stance == claims.Denies.String() {
		stance = claims.Denies
	}
	return claims.HowSaid(stance, c.Cue, c.Text())
}

// gatherClaims reads the claims on the exported passages (restrict renders
// the passage set's condition on p.id) and the links between them.
func (d *exportData) gatherClaims(ctx context.Context, tx *sql.Tx, reading bool, restrict func(string) (string, []any),
	passageOf func(id, doc int64, ordinal, page, start, end, footnote int, text string) *exportPassage) error {
	where, args := restrict("p.id")
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.passage_id, p.document_id, p.ordinal, coalesce(p.page, 0), p.start, p.end, p.footnote, p.text,
			c.span_start, c.span_end, c.found_start, c.found_end, coalesce(c.source_id, 0), c.stance, c.cue, c.cue_start, c.cue_end,
			c.speaker, c.likelihood, c.confidence, c.state, c.origin, c.rule, c.note, c.created_at, c.updated_at
		FROM claims c JOIN passages p ON p.id = c.passage_id
		WHERE (NOT ? OR c.state = 'accepted')`+where+`
		ORDER BY p.document_id, p.ordinal, c.span_start, c.span_end, c.id`, append([]any{reading}, args...)...)
	if err != nil {
		return humanize(err)
	}
	byID := map[int64]*exportClaim{}
	for rows.Next() {
		var c exportClaim
		var pid, doc int64
		var ordinal, page, start, end, footnote int
		var text, created, updated string
		var fs, fe, cs, ce sql.NullInt64
		if err := rows.Scan(&c.ID, &pid, &doc, &ordinal, &page, &start, &end, &footnote, &text, &c.Span.Start, &c.Span.End, &fs, &fe,
			&c.SourceID, &c.Stance, &c.Cue, &cs, &ce, &c.Speaker, &c.Likelihood, &c.Confidence, &c.State, &c.Origin,
			&c.Rule, &c.Note, &created, &updated); err != nil {
			rows.Close()
			return err
		}
		c.P = passageOf(pid, doc, ordinal, page, start, end, footnote, text)
		if fs.Valid && fe.Valid {
			c.Found = &Range{int(fs.Int64), int(fe.Int64)}
		}
		if cs.Valid && ce.Valid {
			c.CueSpan = &Range{int(cs.Int64), int(ce.Int64)}
		}
		c.Created, c.Updated = parseTime(created), parseTime(updated)
		d.claims = append(d.claims, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(d.claims) == 0 {
		return err
	}
	// Whether a document's marks are references, for the words shown; a
	// reading export reads it for every document later (gather).
	for _, c := range d.claims {
		if err := d.learnReferences(ctx, tx, c.P.DocumentID, c.Text()); err != nil {
			return err
		}
	}
	ids := make([]int64, len(d.claims))
	for i := range d.claims {
		byID[d.claims[i].ID] = &d.claims[i]
		ids[i] = d.claims[i].ID
	}
	list := joinIDs(ids)
	rows, err = tx.QueryContext(ctx, `SELECT claim_id, tag_id FROM claim_actors WHERE claim_id IN (`+list+`) ORDER BY claim_id, position, tag_id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, tag int64
		if err := rows.Scan(&id, &tag); err != nil {
			rows.Close()
			return err
		}
		byID[id].About = append(byID[id].About, tag)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT claim_a, claim_b, kind, created_at FROM claim_links
		WHERE claim_a IN (`+list+`) AND claim_b IN (`+list+`) ORDER BY claim_a, claim_b`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l exportClaimLink
		var created string
		if err := rows.Scan(&l.A, &l.B, &l.Kind, &created); err != nil {
			rows.Close()
			return err
		}
		l.Created = parseTime(created)
		d.claimLinks = append(d.claimLinks, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil || !reading {
		return err
	}
	// A reading export names the claims linked to its own that it does
	// not hold too: a contradiction with a claim still suggested vanished
	// from the Markdown, though the window showed the pair as disputed (a
	// researcher's pass).
	rows, err = tx.QueryContext(ctx, `SELECT CASE WHEN l.claim_a IN (`+list+`) THEN l.claim_a ELSE l.claim_b END,
			l.kind, o.state, p.ordinal, coalesce(d.title, ''), coalesce(t.name, '')
		FROM claim_links l
		JOIN claims o ON o.id = CASE WHEN l.claim_a IN (`+list+`) THEN l.claim_b ELSE l.claim_a END
		JOIN passages p ON p.id = o.passage_id JOIN documents d ON d.id = p.document_id
		LEFT JOIN tags t ON t.id = o.source_id
		WHERE (l.claim_a IN (`+list+`)) <> (l.claim_b IN (`+list+`))
		ORDER BY d.title, p.ordinal, o.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l outsideClaimLink
		if err := rows.Scan(&l.Claim, &l.Kind, &l.State, &l.Ordinal, &l.Title, &l.Source); err != nil {
			return err
		}
		d.outsideLinks = append(d.outsideLinks, l)
	}
	return rows.Err()
}

// claimTags are the tags the claims name (sources and actors).
func (d *exportData) claimTags(used map[int64]bool) {
	for _, c := range d.claims {
		if c.SourceID != 0 {
			used[c.SourceID] = true
		}
		for _, a := range c.About {
			used[a] = true
		}
	}
}

// claimsByDocument groups the claims per document, in reading order.
func (d *exportData) claimsByDocument() map[int64][]exportClaim {
	out := map[int64][]exportClaim{}
	for _, c := range d.claims {
		out[c.P.DocumentID] = append(out[c.P.DocumentID], c)
	}
	for _, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].P.Ordinal < list[j].P.Ordinal })
	}
	return out
}

// claimAbout names the actors a claim is about, "; "-separated.
func (d *exportData) claimAbout(c exportClaim) string {
	names := make([]string, len(c.About))
	for i, id := range c.About {
		names[i] = d.tags[id].Name
	}
	return strings.Join(names, "; ")
}

// markdownClaims writes a document's "Claims" section: each claim's words
// quoted, then who asserts or denies it, about whom, how sure (in words),
// the note, the claims it is linked to, and the citation.
func (d *exportData) markdownClaims(bw *errWriter, list []exportClaim) {
	d.markdownClaimList(bw, "Claims", list, func(c exportClaim) string {
		source := d.tags[c.SourceID].Name
		if source == "" {
			source = "no source"
		}
		return fmt.Sprintf("Passage %d: %s %s", c.P.Ordinal, mdEscape(wording.OneLine(source)), c.saying().Verb(claims.PluralSource(source)))
	})
}

// markdownClaimList writes a section of claims under heading, each headed
// by title (Markdown, escaped).
func (d *exportData) markdownClaimList(bw *errWriter, heading string, list []exportClaim, title func(exportClaim) string) {
	if len(list) == 0 {
		return
	}
	where := map[int64]exportClaim{}
	for _, c := range d.claims {
		where[c.ID] = c
	}
	linked := func(c exportClaim, kind string) string {
		var parts []string
		for _, l := range d.claimLinks {
			other := int64(0)
			switch {
			case l.Kind != kind:
			case l.A == c.ID:
				other = l.B
			case l.B == c.ID:
				other = l.A
			}
			if o, ok := where[other]; ok {
				parts = append(parts, fmt.Sprintf("passage %d of “%s” (%s)", o.P.Ordinal, wording.OneLine(d.docByID[o.P.DocumentID].Title), wording.OneLine(d.tags[o.SourceID].Name)))
			}
		}
		for _, l := range d.outsideLinks {
			if l.Claim != c.ID || l.Kind != kind {
				continue
			}
			state := map[string]string{ClaimSuggested: "suggested, not accepted", ClaimRejected: "rejected"}[l.State]
			if state == "" {
				state = "not in this export"
			}
			who := wording.OneLine(l.Source)
			if who == "" {
				who = "no source"
			}
			parts = append(parts, fmt.Sprintf("passage %d of “%s” (%s; %s)", l.Ordinal, wording.OneLine(l.Title), who, state))
		}
		return strings.Join(parts, "; ")
	}
	bw.printf("\n### %s\n", mdHeading(heading))
	for _, c := range list {
		q := d.quote(c.P, &c.Span)
		bw.printf("\n#### %s\n\n%s\n\n", title(c), blockquote(q.Printed()))
		item := func(label, value string) {
			if value != "" {
				bw.printf("- **%s:** %s\n", label, mdEscape(wording.OneLine(value)))
			}
		}
		if c.Cue != "" {
			item("Cue", "“"+c.Cue+"”")
		}
		item("About", strings.ReplaceAll(d.claimAbout(c), "; ", ", "))
		item("Likelihood", claims.Likelihood(c.Likelihood).String())
		item("Confidence", claims.Confidence(c.Confidence).String())
		item("Same claim as", linked(c, LinkSame))
		item("Contradicts", linked(c, LinkContradicts))
		if c.Note != "" {
			bw.printf("- **Note:** %s\n", mdLines(c.Note))
		}
		bw.printf("\n%s\n", q.markdownCitation())
	}
}

// learnReferences reads whether doc's note marks are references
// (referencesSQL) where text, a quote of it, has one and it is not known.
func (d *exportData) learnReferences(ctx context.Context, tx *sql.Tx, doc int64, text string) error {
	if _, known := d.refs[doc]; known || !strings.Contains(text, "<FN") {
		return nil
	}
	var refs bool
	if err := tx.QueryRowContext(ctx, referencesSQL, doc).Scan(&refs); err != nil {
		return err
	}
	d.refs[doc] = refs
	return nil
}
