package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"dossier/store/claims"
	"dossier/store/query"
)

// The claims ledger (issue 14): claims found by the suggester in
// store/claims or marked by hand, each a span of a passage with its source,
// the actors it is about, its stance and its estimative language. This file
// reads the ledger; claimsuggest.go records suggestions and claimedit.go
// holds the user's decisions.

// Claim states; a claim's origin is OriginSuggest or OriginManual.
const (
	ClaimSuggested = "suggested"
	ClaimAccepted  = StateAccepted
	ClaimRejected  = StateRejected
)

// Claim link kinds.
const (
	LinkSame        = "same"
	LinkContradicts = "contradicts"
)

// Claim is one claim of the ledger, with what a list of claims shows.
type Claim struct {
	ID            int64
	PassageID     int64
	DocumentID    int64
	DocumentTitle string
	Ordinal       int // the passage's
	Page          int // the page the passage starts on; 0 when unpaged
	PassageText   string
	Span          Range  // the claim's words: byte offsets into PassageText
	Text          string // PassageText[Span.Start:Span.End], as shown: without footnote references (shownClaimTexts); Words has them
	SourceID      int64  // the source tag; 0 when its tag was deleted
	Source        string // the source tag's name; "" when none
	About         []ClaimActor
	Stance        claims.Stance
	Cue           string // the attributing words ("according to", "said")
	CueSpan       *Range // where the cue is in the passage, when known
	Speaker       string // the words that named the source, as the suggester read them
	Likelihood    claims.Likelihood
	Confidence    claims.Confidence
	State         string // ClaimSuggested, ClaimAccepted or ClaimRejected
	Origin        string // OriginSuggest or OriginManual
	Rule          string // the suggester's rule; "" for a claim marked by hand
	Note          string
	Created       time.Time
	Updated       time.Time
	SameAs        []int64 // claims linked as the same assertion
	Contradicts   []int64 // claims linked as contradicting this one
}

// ClaimActor is an actor a claim is about.
type ClaimActor struct {
	TagID int64
	Name  string
}

// Why explains a suggested claim in a line (see claims.Claim.Why); "" for
// one marked by hand.
func (c Claim) Why() string {
	if c.Rule == "" {
		return ""
	}
	return claims.Claim{Rule: c.Rule, Cue: c.Cue, Speaker: c.Speaker, Source: claims.Source{Name: c.Source}}.Why()
}

// ClaimQuery chooses claims. Query is the search language: its words and
// passage filters (doc:, actor:, …) choose the passages; its claim filters
// (is:claim, by:, about:, likelihood:, confidence:, stance:) are read for
// each claim, so "by:CNN likelihood:likely" lists CNN's likely claims.
// State is ClaimSuggested, ClaimAccepted, ClaimRejected, "all", or "" for
// suggested and accepted (not rejected).
type ClaimQuery struct {
	Query      string
	State      string
	DocumentID int64 // only this document's claims; 0 for all
}

// claimFilterKeys are the filters that are read for each claim.
var claimFilterKeys = map[string]bool{"by": true, "about": true, "likelihood": true, "confidence": true, "stance": true}

func isClaimFilter(f query.Filter) bool {
	return claimFilterKeys[f.Key] || (f.Key == "is" && isClaimWord(f.Value))
}

func allClaimFilters(group []query.Filter) bool {
	for _, f := range group {
		if !isClaimFilter(f) {
			return false
		}
	}
	return true
}

func isClaimWord(v string) bool {
	v = strings.ToLower(v)
	return v == "claim" || v == "claims"
}

// Claims lists the claims q chooses, by document title, passage and
// position, in one read transaction.
func (s *Store) Claims(ctx context.Context, q ClaimQuery) ([]Claim, error) {
	where, args, err := s.claimWhere(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []Claim
	err = s.readTx(ctx, func(v view) error {
		out, err = v.claims(ctx, where, args)
		return err
	})
	return out, err
}

// Claim returns one claim.
func (s *Store) Claim(ctx context.Context, id int64) (Claim, error) {
	return view{s.db}.claim(ctx, id)
}

func (v view) claim(ctx context.Context, id int64) (Claim, error) {
	cs, err := v.claims(ctx, ` AND c.id = ?`, []any{id})
	if err != nil {
		return Claim{}, err
	}
	if len(cs) == 0 {
		return Claim{}, fmt.Errorf("claim %d: %w", id, ErrNotFound)
	}
	return cs[0], nil
}

// claimWhere renders q as SQL conditions (each starting " AND ") on the
// claims c.
func (s *Store) claimWhere(ctx context.Context, q ClaimQuery) (string, []any, error) {
	var where strings.Builder
	var args []any
	switch strings.ToLower(q.State) {
	case "":
		where.WriteString(` AND c.state <> 'rejected'`)
	case "all":
	case ClaimSuggested, ClaimAccepted, ClaimRejected:
		where.WriteString(` AND c.state = ?`)
		args = append(args, strings.ToLower(q.State))
	default:
		return "", nil, fmt.Errorf("unknown claim state %q (use suggested, accepted, rejected or all)", query.Clip(q.State))
	}
	if q.DocumentID != 0 {
		where.WriteString(` AND p.document_id = ?`)
		args = append(args, q.DocumentID)
	}
	if strings.TrimSpace(q.Query) == "" {
		return where.String(), args, nil
	}
	parsed, err := query.Parse(q.Query)
	if err != nil {
		return "", nil, err
	}
	rest := parsed
	rest.Filters = nil
	v := view{s.db}
	for _, group := range query.FilterGroups(parsed.Filters) {
		if !allClaimFilters(group) {
			// is:claim OR is:bookmarked: the passages of either
			rest.Filters = append(rest.Filters, group...)
			continue
		}
		conds := make([]string, len(group))
		for i, f := range group {
			cond, cargs, err := v.claimCond(ctx, f)
			if err != nil {
				return "", nil, err
			}
			if f.Negated {
				cond = `NOT (` + cond + `)`
			}
			conds[i] = `(` + cond + `)`
			args = append(args, cargs...)
		}
		where.WriteString(` AND (` + strings.Join(conds, " OR ") + `)`)
	}
	if rest.IsEmpty() {
		return where.String(), args, nil
	}
	set, setArgs, err := v.passageSet(ctx, rest)
	if err != nil {
		return "", nil, err
	}
	where.WriteString(` AND c.passage_id IN (` + set + `)`)
	return where.String(), append(args, setArgs...), nil
}

// passageSet renders a parsed query as SQL selecting every passage it
// matches (in a column named id), as passageSetSQL does for a typed one.
func (v view) passageSet(ctx context.Context, q query.Query) (string, []any, error) {
	filterSQL, args, err := v.filterClause(ctx, q.Filters)
	if err != nil {
		return "", nil, err
	}
	if q.HasText() {
		set := `SELECT rowid AS id FROM passages_fts WHERE passages_fts MATCH ?`
		if filterSQL != "" {
			set += ` AND rowid IN (` + filterSQL + `)`
		}
		return set, append([]any{q.MatchExpr()}, args...), nil
	}
	if filterSQL == "" {
		filterSQL = `SELECT id FROM passages` // exclusions alone: "by:CNN -sanctions"
	}
	set, args := withExclusions(q, filterSQL, args)
	return set, args, nil
}

const claimColumns = `c.id, c.passage_id, p.document_id, d.title, p.ordinal, coalesce(p.page, 0), p.text,
	c.span_start, c.span_end, coalesce(c.source_id, 0), coalesce(t.name, ''), c.stance, c.cue, c.cue_start, c.cue_end,
	c.speaker, c.likelihood, c.confidence, c.state, c.origin, c.rule, c.note, c.created_at, c.updated_at`

const claimFrom = ` FROM claims c JOIN passages p ON p.id = c.passage_id JOIN documents d ON d.id = p.document_id
	LEFT JOIN tags t ON t.id = c.source_id`

func scanClaim(sc scanner) (Claim, error) {
	var c Claim
	var stance, created, updated string
	var cs, ce sql.NullInt64
	err := sc.Scan(&c.ID, &c.PassageID, &c.DocumentID, &c.DocumentTitle, &c.Ordinal, &c.Page, &c.PassageText,
		&c.Span.Start, &c.Span.End, &c.SourceID, &c.Source, &stance, &c.Cue, &cs, &ce,
		&c.Speaker, &c.Likelihood, &c.Confidence, &c.State, &c.Origin, &c.Rule, &c.Note, &created, &updated)
	if err != nil {
		return c, err
	}
	if stance == "denies" {
		c.Stance = claims.Denies
	}
	if cs.Valid && ce.Valid {
		c.CueSpan = &Range{int(cs.Int64), int(ce.Int64)}
	}
	c.Text, _, _ = spanOf(c.PassageText, &c.Span)
	c.Created, c.Updated = parseTime(created), parseTime(updated)
	return c, nil
}

// shownClaimTexts leaves the footnote references out of the claims' words
// in a document whose marks are references (NoteReferences): the Mueller
// report's "… his search for the deleted Clinton emails,<FN281> but the
// Office did not identify …" showed its marker in the list, the matrix and
// the claim's dialog. Span still places the words, marks and all, in the
// passage. A document whose "<FN12>" is its own text keeps it.
func (v view) shownClaimTexts(ctx context.Context, cs []Claim) error {
	refs := noteReferences{db: v.db}
	for i := range cs {
		c := &cs[i]
		isRefs, err := refs.of(ctx, c.DocumentID, c.Text)
		if err != nil {
			return err
		}
		c.Text = shownWords(c.Text, isRefs)
	}
	return nil
}

// Words is the claim's words as stored, PassageText[Span.Start:Span.End]
// with any footnote references: what Span's offsets count.
func (c Claim) Words() string {
	words, _, _ := spanOf(c.PassageText, &c.Span)
	return words
}

// shownWords is a claim's words as the window shows them: without the
// footnote references of a document whose marks are references (refs,
// NoteReferences). Exports show them so too.
func shownWords(words string, refs bool) string {
	if !refs || !strings.Contains(words, "<FN") {
		return words
	}
	return noteMark.ReplaceAllString(words, "")
}

// claims reads the claims matching where (conditions on c, p and d) with
// their actors and links.
func (v view) claims(ctx context.Context, where string, args []any) ([]Claim, error) {
	out, err := queryAll(ctx, v.db, scanClaim, `SELECT `+claimColumns+claimFrom+` WHERE 1`+where+`
		ORDER BY d.title COLLATE NOCASE, d.id, p.ordinal, c.span_start, c.span_end, c.id`, args...)
	if err != nil || len(out) == 0 {
		return out, humanizeClaims(err)
	}
	if err := v.shownClaimTexts(ctx, out); err != nil {
		return nil, err
	}
	byID := make(map[int64]*Claim, len(out))
	ids := make([]int64, len(out))
	for i := range out {
		byID[out[i].ID] = &out[i]
		ids[i] = out[i].ID
	}
	list := joinIDs(ids)
	rows, err := v.db.QueryContext(ctx, `SELECT ca.claim_id, t.id, t.name FROM claim_actors ca JOIN tags t ON t.id = ca.tag_id
		WHERE ca.claim_id IN (`+list+`) ORDER BY ca.claim_id, ca.position, t.name`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var a ClaimActor
		if err := rows.Scan(&id, &a.TagID, &a.Name); err != nil {
			rows.Close()
			return nil, err
		}
		byID[id].About = append(byID[id].About, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = v.db.QueryContext(ctx, `SELECT claim_a, claim_b, kind FROM claim_links
		WHERE claim_a IN (`+list+`) OR claim_b IN (`+list+`) ORDER BY claim_a, claim_b`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		var kind string
		if err := rows.Scan(&a, &b, &kind); err != nil {
			return nil, err
		}
		link := func(from, to int64) {
			if c := byID[from]; c != nil {
				if kind == LinkSame {
					c.SameAs = append(c.SameAs, to)
				} else {
					c.Contradicts = append(c.Contradicts, to)
				}
			}
		}
		link(a, b)
		link(b, a)
	}
	return out, rows.Err()
}

// humanizeClaims turns an FTS5 complaint about the query into a message.
func humanizeClaims(err error) error {
	if err == nil {
		return nil
	}
	var qe *QueryError
	if errors.As(err, &qe) {
		return err
	}
	return humanize(err)
}
