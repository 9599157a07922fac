package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/store/claims"
	"dossier/store/query"
)

// Claims in annotation bundles: every claim, in any state (a rejected one
// too, so that the suggester does not bring it back after a restore), with
// its links. A claim is matched on restore by its passage and the span the
// suggester found (a suggested claim, edited or not) or, for a claim
// marked by hand, its creation time (when it names one claim of the
// passage) else its span.

// BundleClaim is a claim. Likelihood and confidence are in words ("likely",
// "none stated"); Quote is the claim's words as the window shows them, for
// people (import ignores it; Span places them, footnote references and all).
type BundleClaim struct {
	BundlePassage
	Span       BundleSpan  `json:"span"`
	Found      *BundleSpan `json:"found,omitempty"`
	Source     *TagRef     `json:"source,omitempty"`
	About      []TagRef    `json:"about"`
	Stance     string      `json:"stance"`
	Cue        string      `json:"cue,omitempty"`
	CueSpan    *BundleSpan `json:"cue_span,omitempty"`
	Speaker    string      `json:"speaker,omitempty"`
	Likelihood string      `json:"likelihood"`
	Confidence string      `json:"confidence"`
	State      string      `json:"state"`
	Origin     string      `json:"origin"`
	Rule       string      `json:"rule,omitempty"`
	Note       string      `json:"note"`
	Quote      string      `json:"quote,omitempty"`
	Created    time.Time   `json:"created"`
	Updated    time.Time   `json:"updated"`
}

// BundleClaimRef names a claim by its passage and span.
type BundleClaimRef struct {
	BundlePassage
	Span BundleSpan `json:"span"`
}

// BundleClaimLink links two claims as the same assertion or as
// contradicting each other.
type BundleClaimLink struct {
	A       BundleClaimRef `json:"a"`
	B       BundleClaimRef `json:"b"`
	Kind    string         `json:"kind"`
	Created time.Time      `json:"created"`
}

// bundleClaims adds the gathered claims and links to b.
func (d *exportData) bundleClaims(b *Bundle, where func(*exportPassage) BundlePassage, ref func(int64) TagRef) {
	byID := map[int64]exportClaim{}
	for _, c := range d.claims {
		byID[c.ID] = c
		bc := BundleClaim{BundlePassage: where(c.P), Span: BundleSpan{c.Span.Start, c.Span.End}, About: []TagRef{},
			Stance: c.Stance, Cue: c.Cue, Speaker: c.Speaker, Likelihood: claims.Likelihood(c.Likelihood).String(),
			Confidence: claims.Confidence(c.Confidence).String(), State: c.State, Origin: c.Origin, Rule: c.Rule,
			Note: c.Note, Quote: d.shown(c), Created: c.Created, Updated: c.Updated}
		if c.Found != nil {
			bc.Found = &BundleSpan{c.Found.Start, c.Found.End}
		}
		if c.CueSpan != nil {
			bc.CueSpan = &BundleSpan{c.CueSpan.Start, c.CueSpan.End}
		}
		if c.SourceID != 0 {
			r := ref(c.SourceID)
			bc.Source = &r
		}
		for _, a := range c.About {
			bc.About = append(bc.About, ref(a))
		}
		b.Claims = append(b.Claims, bc)
	}
	cref := func(id int64) BundleClaimRef {
		c := byID[id]
		return BundleClaimRef{where(c.P), BundleSpan{c.Span.Start, c.Span.End}}
	}
	for _, l := range d.claimLinks {
		b.ClaimLinks = append(b.ClaimLinks, BundleClaimLink{A: cref(l.A), B: cref(l.B), Kind: l.Kind, Created: l.Created})
	}
}

// scale reads a likelihood or confidence in words ("" and "none stated"
// are none).
func scale(words string, levels []string) (int, bool) {
	if words == "" || strings.EqualFold(words, "none stated") {
		return 0, true
	}
	for i, l := range levels {
		if strings.EqualFold(words, l) {
			return i + 1, true
		}
	}
	return 0, false
}

var (
	likelihoodWords = func() (out []string) {
		for l := claims.AlmostNoChance; l <= claims.AlmostCertain; l++ {
			out = append(out, l.String())
		}
		return out
	}()
	confidenceWords = []string{claims.Low.String(), claims.Moderate.String(), claims.High.String()}
)

// claimKeyRef is a claim's place in a bundle: document hash, ordinal, span.
type claimKeyRef struct {
	doc        string
	ordinal    int
	start, end int
}

// claim restores one claim: matched, it takes the bundle's fields; new, it
// is added.
func (im *bundleImport) claim(bc BundleClaim, ids map[claimKeyRef]int64) error {
	bad := func(what, v string) error {
		return fmt.Errorf("annotation bundle: unknown claim %s %q", what, query.Clip(v))
	}
	switch {
	case bc.Stance != "asserts" && bc.Stance != "denies":
		return bad("stance", bc.Stance)
	case bc.State != ClaimSuggested && bc.State != ClaimAccepted && bc.State != ClaimRejected:
		return bad("state", bc.State)
	case bc.Origin != OriginSuggest && bc.Origin != OriginManual:
		return bad("origin", bc.Origin)
	}
	likelihood, ok := scale(bc.Likelihood, likelihoodWords)
	if !ok {
		return bad("likelihood", bc.Likelihood)
	}
	confidence, ok := scale(bc.Confidence, confidenceWords)
	if !ok {
		return bad("confidence", bc.Confidence)
	}
	span := bc.Span
	pid, ok, err := im.passage(bc.BundlePassage, &span, "claim")
	if err != nil || !ok {
		return err
	}
	var text string
	if err := im.tx.QueryRowContext(im.ctx, `SELECT text FROM passages WHERE id = ?`, pid).Scan(&text); err != nil {
		return err
	}
	for _, s := range []*BundleSpan{bc.Found, bc.CueSpan} {
		if s != nil && !checkSpan(text, Range{s.Start, s.End}) {
			im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("claim on passage %d: the span [%d,%d) does not fit the passage", bc.Ordinal, s.Start, s.End))
			return nil
		}
	}
	var source any
	if bc.Source != nil {
		id, err := im.tagID(*bc.Source)
		if err != nil && !errors.Is(err, errTagGone) { // deleted here: the claim has no source, as the delete left it
			return err
		}
		if err == nil {
			source = id
		}
	}
	var about []int64
	for _, a := range bc.About {
		id, err := im.tagID(a)
		if errors.Is(err, errTagGone) {
			continue
		}
		if err != nil {
			return err
		}
		if !slices.Contains(about, id) {
			about = append(about, id)
		}
	}
	found := func(s *BundleSpan) (any, any) {
		if s == nil {
			return nil, nil
		}
		return s.Start, s.End
	}
	fs, fe := found(bc.Found)
	cs, ce := found(bc.CueSpan)
	fields := []any{span.Start, span.End, fs, fe, source, bc.Stance, bc.Cue, cs, ce, bc.Speaker, likelihood, confidence,
		bc.State, bc.Origin, bc.Rule, bc.Note}

	// The claim already here: by the suggester's span, else by its span.
	ctx, tx := im.ctx, im.tx
	var id int64
	q := `SELECT id FROM claims WHERE passage_id = ? AND span_start = ? AND span_end = ? ORDER BY origin = 'manual' DESC, id LIMIT 1`
	args := []any{pid, span.Start, span.End}
	if bc.Found != nil {
		q = `SELECT id FROM claims WHERE passage_id = ? AND found_start = ? AND found_end = ?`
		args = []any{pid, bc.Found.Start, bc.Found.End}
	}
	if bc.Found == nil && !bc.Created.IsZero() {
		// A claim marked by hand is known by its creation time too: its
		// span given new words here (or in the bundle's file) since, an
		// older bundle made the claim again at its old words, beside it
		// (a hostile data pass). Only a claim the time names alone, and
		// not yet restored.
		var n int
		var byTime int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0) FROM (SELECT id FROM claims
				WHERE passage_id = ? AND found_start IS NULL AND created_at = ? LIMIT 2)`,
			pid, formatTime(bc.Created)).Scan(&n, &byTime); err != nil {
			return err
		}
		if n == 1 && !im.claimsSeen[byTime] {
			q, args = `SELECT id FROM claims WHERE id = ?`, []any{byTime}
		}
	}
	err = tx.QueryRowContext(ctx, q, args...).Scan(&id)
	if err == nil && im.claimsSeen[id] {
		im.rep.Unchanged++ // the bundle names this claim twice: the first one holds
		return nil
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if im.removed.claims {
			// Taken away here (an undone marking) after the bundle's
			// copy was last changed: it stays away.
			gone, err := claimRemovedAfter(ctx, tx, pid, span, bc.Created, bc.Updated)
			if err != nil {
				return err
			}
			if gone {
				im.rep.KeptHere++
				return nil
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO claims (span_start, span_end, found_start, found_end, source_id, stance, cue,
				cue_start, cue_end, speaker, likelihood, confidence, state, origin, rule, note, passage_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(fields, pid, im.stamp(bc.Created), im.stamp(bc.Updated))...)
		if err != nil {
			return err
		}
		id, _ = r.LastInsertId()
	case err != nil:
		return err
	default:
		var same, decided bool
		var updated string
		err := tx.QueryRowContext(ctx, `SELECT span_start IS ? AND span_end IS ? AND found_start IS ? AND found_end IS ?
				AND source_id IS ? AND stance IS ? AND cue IS ? AND cue_start IS ? AND cue_end IS ? AND speaker IS ?
				AND likelihood IS ? AND confidence IS ? AND state IS ? AND origin IS ? AND rule IS ? AND note IS ?,
				state <> 'suggested' OR origin = 'manual' OR coalesce(note, '') <> '', updated_at
			FROM claims WHERE id = ?`, append(fields, id)...).Scan(&same, &decided, &updated)
		if err != nil {
			return err
		}
		if !same && decided && !bc.Updated.After(parseTime(updated)) {
			// Decided, edited or annotated here since the bundle's copy
			// was last changed: an older bundle undid this week's decisions
			// and notes (found by a hostile pass). A suggestion untouched
			// here still takes the bundle's decision, whenever it was made.
			ids[claimKeyRef{bc.Document, bc.Ordinal, span.Start, span.End}] = id
			im.claimsSeen[id] = true
			im.rep.KeptHere++
			return nil
		}
		if !decided && bc.State == ClaimSuggested && bc.Origin == OriginSuggest && bc.Note == "" &&
			!bc.Updated.After(parseTime(updated)) {
			// A suggestion on both sides, the one here newer: the
			// suggester's (brought up to the current rules since the
			// bundle was made) stands, as the bundle's copy holds no work
			// of the user's. An older bundle put the old rules' words
			// and stances back.
			ids[claimKeyRef{bc.Document, bc.Ordinal, span.Start, span.End}] = id
			im.claimsSeen[id] = true
			im.rep.Unchanged++
			return nil
		}
		var have []int64
		rows, err := tx.QueryContext(ctx, `SELECT tag_id FROM claim_actors WHERE claim_id = ? ORDER BY position, tag_id`, id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t int64
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			have = append(have, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ids[claimKeyRef{bc.Document, bc.Ordinal, span.Start, span.End}] = id
		im.claimsSeen[id] = true
		if same && slices.Equal(have, about) {
			im.rep.Unchanged++
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE claims SET span_start = ?, span_end = ?, found_start = ?, found_end = ?,
				source_id = ?, stance = ?, cue = ?, cue_start = ?, cue_end = ?, speaker = ?, likelihood = ?, confidence = ?,
				state = ?, origin = ?, rule = ?, note = ?, updated_at = ? WHERE id = ?`,
			append(fields, im.stamp(bc.Updated), id)...); err != nil {
			return err
		}
		if decided && !same {
			im.rep.ClaimsReplaced++ // the work done on it here gave way to the bundle's
		}
	}
	ids[claimKeyRef{bc.Document, bc.Ordinal, span.Start, span.End}] = id
	im.claimsSeen[id] = true
	if err := setClaimActors(ctx, tx, id, about); err != nil {
		return err
	}
	im.rep.Claims++
	return nil
}

// claimLink restores a link between two restored (or present) claims.
func (im *bundleImport) claimLink(bl BundleClaimLink, ids map[claimKeyRef]int64) error {
	if bl.Kind != LinkSame && bl.Kind != LinkContradicts {
		return fmt.Errorf("annotation bundle: unknown claim link %q", query.Clip(bl.Kind))
	}
	find := func(r BundleClaimRef) (int64, bool, error) {
		if id, ok := ids[claimKeyRef{r.Document, r.Ordinal, r.Span.Start, r.Span.End}]; ok {
			return id, true, nil
		}
		pid, ok, err := im.passage(r.BundlePassage, &r.Span, "claim link")
		if err != nil || !ok {
			return 0, false, err
		}
		var id int64
		err = im.tx.QueryRowContext(im.ctx, `SELECT id FROM claims WHERE passage_id = ? AND span_start = ? AND span_end = ?
			ORDER BY id LIMIT 1`, pid, r.Span.Start, r.Span.End).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("claim link on passage %d: no claim there", r.Ordinal))
			return 0, false, nil
		}
		return id, err == nil, err
	}
	a, okA, err := find(bl.A)
	if err != nil || !okA {
		return err
	}
	b, okB, err := find(bl.B)
	if err != nil || !okB || a == b {
		return err
	}
	a, b = min(a, b), max(a, b)
	var kind, created string
	err = im.tx.QueryRowContext(im.ctx, `SELECT kind, created_at FROM claim_links WHERE claim_a = ? AND claim_b = ?`, a, b).Scan(&kind, &created)
	switch {
	case err == nil && kind == bl.Kind:
		im.rep.Unchanged++
		return nil
	case err == nil && !bl.Created.After(parseTime(created)):
		im.rep.KeptHere++ // its kind changed here since
		return nil
	case errors.Is(err, sql.ErrNoRows):
		if im.removed.claimLinks {
			gone, err := claimLinkRemovedAfter(im.ctx, im.tx, a, b, bl.Created)
			if err != nil || gone {
				if gone {
					im.rep.KeptHere++ // taken off here since
				}
				return err
			}
		}
	case err != nil:
		return err
	}
	// A kind the bundle gives is dated as the bundle's copy, as a kind
	// given here is (linkClaimsTx): an older bundle restored after it then
	// leaves it (it kept the time the link was made here, and an older
	// bundle set the kind back; a hostile data pass).
	if _, err := im.tx.ExecContext(im.ctx, `INSERT INTO claim_links (claim_a, claim_b, kind, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (claim_a, claim_b) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at`,
		a, b, bl.Kind, im.stamp(bl.Created)); err != nil {
		return err
	}
	im.rep.ClaimLinks++
	return nil
}
