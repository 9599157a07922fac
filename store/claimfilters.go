package store

import (
	"context"
	"fmt"
	"strings"

	"dossier/store/claims"
	"dossier/store/query"
)

// Claim filters: is:claim, by:, about:, likelihood:, confidence:, stance:.
// In a search they choose the passages holding a matching claim (suggested
// or accepted, not rejected); in a list of claims (Claims) each is read for
// each claim.

// claimPassagesSQL is a claim filter as filterSQL renders it: the passages
// holding a claim that is not rejected and meets the filter.
func (v view) claimPassagesSQL(ctx context.Context, f query.Filter) (string, []any, error) {
	cond, args, err := v.claimCond(ctx, f)
	if err != nil {
		return "", nil, err
	}
	return `SELECT c.passage_id AS id FROM claims c WHERE c.state <> 'rejected' AND (` + cond + `)`, args, nil
}

// claimCond renders a claim filter (negation aside) as an SQL condition on
// the claims c.
func (v view) claimCond(ctx context.Context, f query.Filter) (string, []any, error) {
	switch f.Key {
	case "is":
		return `1`, nil, nil // is:claim
	case "by", "about":
		family, what := FamilySource, "source"
		if f.Key == "about" {
			family, what = FamilyActor, "actor"
		}
		tags, _, err := v.filterTags(ctx, family, what, f.Value)
		if err != nil {
			return "", nil, err
		}
		ids := make([]int64, len(tags))
		for i, t := range tags {
			ids[i] = t.ID
		}
		if f.Key == "by" {
			return `c.source_id IN (` + joinIDs(ids) + `)`, nil, nil
		}
		return `c.id IN (SELECT claim_id FROM claim_actors WHERE tag_id IN (` + joinIDs(ids) + `))`, nil, nil
	case "likelihood", "confidence":
		return scaleCond(f)
	case "stance":
		switch strings.ToLower(f.Value) {
		case "asserts", "assert", "asserted":
			return `c.stance = 'asserts'`, nil, nil
		case "denies", "deny", "denied":
			return `c.stance = 'denies'`, nil, nil
		}
		return "", nil, &QueryError{Msg: fmt.Sprintf("stance:%s is not a stance; try stance:asserts or stance:denies.", query.Clip(f.Value))}
	}
	return "", nil, &QueryError{Msg: fmt.Sprintf("%s: is not a claim filter.", f.Key)}
}

// scaleCond reads likelihood:likely, likelihood:>=likely (also >, <=, <,
// =), likelihood:none, and the same of confidence: (low, moderate, high).
// Levels may be written with hyphens ("very-likely"). A comparison leaves
// out the claims that state no level.
func scaleCond(f query.Filter) (string, []any, error) {
	v := strings.TrimSpace(f.Value)
	op := "="
	for _, o := range []string{">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(v, o) {
			op, v = o, strings.TrimSpace(v[len(o):])
			break
		}
	}
	name := strings.Join(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " ")
	var names []string
	if f.Key == "likelihood" {
		for l := claims.AlmostNoChance; l <= claims.AlmostCertain; l++ {
			names = append(names, l.String())
		}
	} else {
		for c := claims.Low; c <= claims.High; c++ {
			names = append(names, c.String())
		}
	}
	col := "c." + f.Key
	if name == "none" || name == "none stated" {
		if op != "=" {
			return "", nil, &QueryError{Msg: fmt.Sprintf("%s:%s compares with nothing; write %s:none for claims that state no %s.", f.Key, query.Clip(f.Value), f.Key, f.Key)}
		}
		return col + ` = 0`, nil, nil
	}
	level := 0
	for i, n := range names {
		if n == name {
			level = i + 1
		}
	}
	if level == 0 {
		return "", nil, &QueryError{Msg: fmt.Sprintf("%s:%s is not a level; use one of %s, or none (a comparison such as %s:>=%s works too).",
			f.Key, query.Clip(f.Value), strings.Join(hyphenated(names), ", "), f.Key, hyphenated(names)[len(names)/2])}
	}
	switch op {
	case "<", "<=":
		return col + ` > 0 AND ` + col + ` ` + op + ` ?`, []any{level}, nil
	}
	return col + ` ` + op + ` ?`, []any{level}, nil
}

func hyphenated(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ReplaceAll(n, " ", "-")
	}
	return out
}
