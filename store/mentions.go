package store

import (
	"context"
	"errors"
	"sort"

	"dossier/store/query"
)

// Filters highlight what they matched: a passage found by actor:putin marks
// "Vladimir Putin" and "Putin" (the tag's name and aliases) as a searched
// word is marked. Mentions are found with the suggester's matcher (word
// boundaries, acronyms in capitals only), so what is marked is what the
// suggester would have tagged.

// filterMatcher builds a matcher for the tags named by the query's positive
// actor:, source: and tag: filters; nil when there are none.
func (v view) filterMatcher(ctx context.Context, q query.Query) (*mentionMatcher, error) {
	var ids []int64
	for _, f := range q.Filters {
		if f.Negated {
			continue
		}
		family := ""
		switch f.Key {
		case "actor", "source":
			family = f.Key
		case "tag":
		default:
			continue
		}
		tags, _, err := v.filterTags(ctx, family, "", f.Value)
		if err != nil {
			var qe *QueryError
			if errors.As(err, &qe) {
				continue // the filter said so already
			}
			return nil, err
		}
		for _, t := range tags {
			ids = append(ids, t.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return loadMatcher(ctx, v.db, ids)
}

// mergeRanges sorts the union of a and b, joining ranges that overlap or
// touch, so that no byte is marked twice.
func mergeRanges(a, b []Range) []Range {
	if len(b) == 0 {
		return a
	}
	all := append(append([]Range(nil), a...), b...)
	sort.Slice(all, func(i, j int) bool { return all[i].Start < all[j].Start })
	out := all[:1]
	for _, r := range all[1:] {
		last := &out[len(out)-1]
		if r.Start <= last.End {
			last.End = max(last.End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}

// markMentions adds the filters' mentions to each hit's matches and cuts
// its snippet again around them.
func markMentions(m *mentionMatcher, hits []Hit) {
	if m == nil {
		return
	}
	for i := range hits {
		h := &hits[i]
		found := m.findAll(h.Text)
		if len(found) == 0 {
			continue
		}
		h.Matches = mergeRanges(h.Matches, found)
		h.Snippet, h.SnippetRanges = Snippet(h.Text, h.Matches, SnippetLen)
	}
}
