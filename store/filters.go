package store

import (
	"context"
	"fmt"
	"strings"

	"dossier/internal/wording"
	"dossier/store/query"
)

// filterSQL renders one query filter as SQL selecting passage ids in a
// column named id (filterClause and withExclusions select it by that name).
// Filters on names resolve names and aliases ignoring case; a name that
// matches no tag is a human message rather than an empty result, since it is
// usually a typo.
func (v view) filterSQL(ctx context.Context, f query.Filter) (string, []any, error) {
	switch f.Key {
	case "doc":
		like := "%" + escapeLike(f.Value) + "%"
		// Documents first, then their passages through the (document_id,
		// ordinal) index: a join would test every passage's document.
		// Its source and author too (Document details): `doc:reuters`
		// found no Reuters story whose title did not say so (a
		// researcher's pass).
		return `SELECT id FROM passages WHERE document_id IN (SELECT d.id FROM documents d
			WHERE d.title LIKE ? ESCAPE '\' OR d.file_name LIKE ? ESCAPE '\' OR d.source LIKE ? ESCAPE '\'
				OR d.author LIKE ? ESCAPE '\' OR CAST(d.id AS TEXT) = ?)`,
			[]any{like, like, like, like, f.Value}, nil
	case "page":
		first, last, err := query.PageRange(f.Value)
		if err != nil {
			return "", nil, err
		}
		// Passages of unpaged documents have no page (NULL): none match.
		return `SELECT id FROM passages WHERE page BETWEEN ? AND ?`, []any{first, last}, nil
	case "actor", "source", "tag":
		family := f.Key
		if family == "tag" {
			family = ""
		}
		what := map[string]string{"actor": "actor", "source": "source", "tag": "actor or source"}[f.Key]
		tags, _, err := v.filterTags(ctx, family, what, f.Value)
		if err != nil {
			return "", nil, err
		}
		ids := make([]int64, len(tags))
		for i, t := range tags {
			ids[i] = t.ID
		}
		list := joinIDs(ids)
		// Accepted and pending (suggested) taggings count; rejected ones do
		// not. A tag on a document applies to all its passages.
		return `SELECT passage_id AS id FROM passage_tags WHERE tag_id IN (` + list + `) AND state <> 'rejected'
			UNION SELECT p.id FROM passages p JOIN document_tags dt ON dt.document_id = p.document_id
			WHERE dt.tag_id IN (` + list + `)`, nil, nil
	case "by", "about", "likelihood", "confidence", "stance":
		return v.claimPassagesSQL(ctx, f)
	case "is":
		switch strings.ToLower(f.Value) {
		case "claim", "claims":
			return v.claimPassagesSQL(ctx, f)
		case "bookmarked", "bookmark":
			return `SELECT passage_id AS id FROM bookmarks`, nil, nil
		case "tagged":
			return `SELECT passage_id AS id FROM passage_tags WHERE state = 'accepted'
				UNION SELECT p.id FROM passages p JOIN document_tags dt ON dt.document_id = p.document_id`, nil, nil
		case "suggested", "pending":
			return `SELECT passage_id AS id FROM passage_tags WHERE state = 'pending'`, nil, nil
		case "footnote", "footnotes":
			return `SELECT id FROM passages WHERE footnote > 0`, nil, nil
		}
		return "", nil, &QueryError{Msg: fmt.Sprintf("is:%s is not a filter; try is:bookmarked, is:tagged, is:suggested, is:footnote or is:claim.", f.Value)}
	case "has":
		switch strings.ToLower(f.Value) {
		case "note", "notes":
			return `SELECT passage_id AS id FROM bookmarks WHERE note <> ''`, nil, nil
		}
		return "", nil, &QueryError{Msg: fmt.Sprintf("has:%s is not a filter; try has:note.", f.Value)}
	}
	return "", nil, &QueryError{Msg: fmt.Sprintf("%s: is not a filter; filters are %s.", f.Key, query.FilterKeyHelp())}
}

// filterTags is the tags a filter's name stands for: those whose name or
// an alias it is (findTags), else the one tag it finds by another form of
// the name (namedByForm: "actor:Россия" is Russia, "actor:turkiye"
// Türkiye, as the tag picker finds them), byForm then true. Only filters
// read names so: a claim's source and actors are resolved by findTags
// alone, since a guessed tag there would be written into the claim. A
// name that finds no tag, or finds several only by other forms, is a
// QueryError saying so; what is the family in words ("actor").
func (v view) filterTags(ctx context.Context, family, what, name string) (tags []Tag, byForm bool, err error) {
	if tags, err = v.findTags(ctx, family, name); err != nil || len(tags) > 0 {
		return tags, false, err
	}
	all, err := queryTags(ctx, v.db, `SELECT `+tagColumns+` FROM tags t WHERE ? = '' OR t.family = ?
		ORDER BY t.name`, family, family)
	if err != nil {
		return nil, false, err
	}
	switch found := namedByForm(all, name); len(found) {
	case 0:
		return nil, false, &QueryError{Msg: fmt.Sprintf("No %s is called “%s”. Names and aliases are listed under Actors and Sources.", what, name)}
	case 1:
		return found, true, nil
	default:
		var names []string
		for _, t := range found[:min(len(found), 3)] {
			names = append(names, "“"+t.Name+"”")
		}
		if len(found) > 3 {
			names = append(names, wording.Count(len(found)-3, "other"))
		}
		list := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
		return nil, false, &QueryError{Msg: fmt.Sprintf("No %s is called “%s”; it could be %s: write the one you mean.", what, name, list)}
	}
}
