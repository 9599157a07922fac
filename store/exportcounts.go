package store

import (
	"context"
	"errors"
	"io"
	"strings"

	"dossier/internal/wording"
)

// ExportFormat is one of the formats Export writes.
type ExportFormat int

const (
	ExportMarkdownFormat ExportFormat = iota
	ExportCSVFormat
	ExportJSONFormat
	ExportMarkdownByTagFormat // Markdown grouped by actor and source
)

// ExportCounts is the user's work an export held: what the window and the
// CLI say once it is written (an export limited to a search that matched
// no annotation used to say only "Exported to …").
type ExportCounts struct {
	Bookmarks      int
	TaggedPassages int // passages with an accepted tag
	TaggedDocs     int // documents with a tag of their own
	Claims         int // accepted claims
	SavedSearches  int
	// Suggested passage taggings and claims (not the user's work yet): a
	// bundle carries them; a reading export (Markdown, CSV) leaves them
	// out (SuggestionsLeftOut). Counted so that an export of suggestions
	// alone says what it is: "no bookmarks, tags or claims yet" read as
	// "empty" of a bundle carrying 31,774 of them (data16's report).
	SuggestedTaggings, SuggestedClaims int
	SuggestionsLeftOut                 bool
}

// Annotations is how many bookmarks, tagged passages and documents and
// claims the export holds (saved searches are always all exported).
func (c ExportCounts) Annotations() int {
	return c.Bookmarks + c.TaggedPassages + c.TaggedDocs + c.Claims
}

// String lists what was exported in words, leaving out what there was none
// of: "3 bookmarks, 12 tagged passages and 2 claims".
func (c ExportCounts) String() string {
	var parts []string
	add := func(n int, noun string) {
		if n > 0 {
			parts = append(parts, wording.Count(n, noun))
		}
	}
	add(c.Bookmarks, "bookmark")
	add(c.TaggedPassages, "tagged passage")
	add(c.TaggedDocs, "tagged document")
	add(c.Claims, "claim")
	add(c.SavedSearches, "saved search")
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Held says what the export held, for "Exported … to FILE"; with none of
// the user's work in it, that there was none (limited: the export was
// limited to a search).
func (c ExportCounts) Held(limited bool) string {
	if c.Annotations() > 0 {
		return c.String()
	}
	none := "no bookmarks, tags or claims yet"
	if limited {
		none = "no bookmarks, tags or claims on the passages matching the search"
	}
	var suggested []string
	if c.SuggestedTaggings > 0 {
		suggested = append(suggested, wording.Count(c.SuggestedTaggings, "suggested tagging"))
	}
	if c.SuggestedClaims > 0 {
		suggested = append(suggested, wording.Count(c.SuggestedClaims, "suggested claim"))
	}
	switch {
	case len(suggested) > 0 && !c.SuggestionsLeftOut:
		// A bundle: what it carries instead.
		carried := suggested
		if c.SavedSearches > 0 {
			carried = append([]string{wording.Count(c.SavedSearches, "saved search")}, carried...)
		}
		return none + "; it carries " + inWords(carried)
	case c.SavedSearches > 0:
		none += " (only the " + wording.Count(c.SavedSearches, "saved search") + ")"
	}
	if len(suggested) > 0 {
		// Markdown and CSV hold accepted work only.
		are := " are"
		if c.SuggestedTaggings+c.SuggestedClaims == 1 {
			are = " is"
		}
		return none + "; " + inWords(suggested) + are + " left out until accepted"
	}
	return none
}

// inWords joins parts as "a", "a and b", "a, b and c".
func inWords(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// To says where an export went and what it held, for "Exported " before
// it (the window) or "exported " (the CLI): "2 bookmarks to PATH", or
// "to PATH: no bookmarks, tags or claims yet".
func (c ExportCounts) To(path string, limited bool) string {
	if c.Annotations() > 0 {
		return c.Held(limited) + " to " + path
	}
	return "to " + path + ": " + c.Held(limited)
}

// counts is what d holds of the user's work, accepted only (a bundle also
// carries suggestions, which are not the user's work yet).
func (d *exportData) counts() ExportCounts {
	c := ExportCounts{Bookmarks: len(d.bookmarks), SavedSearches: len(d.saved)}
	passages, docs := map[int64]bool{}, map[int64]bool{}
	for _, tg := range d.taggings {
		if tg.State == StateAccepted {
			passages[tg.P.ID] = true
		}
	}
	for _, dt := range d.docTags {
		docs[dt.DocumentID] = true
	}
	for _, tg := range d.taggings {
		if tg.State == StatePending {
			c.SuggestedTaggings++
		}
	}
	for _, cl := range d.claims {
		switch cl.State {
		case StateAccepted:
			c.Claims++
		case ClaimSuggested:
			c.SuggestedClaims++
		}
	}
	if d.leftOut.taggings+d.leftOut.claims > 0 {
		c.SuggestedTaggings, c.SuggestedClaims = d.leftOut.taggings, d.leftOut.claims
		c.SuggestionsLeftOut = true
	}
	c.TaggedPassages, c.TaggedDocs = len(passages), len(docs)
	return c
}

// Export writes the user's work in format f (see ExportMarkdown, ExportCSV
// and ExportJSON) and says what it held. A damaged research file gives
// *ExportProblems with the counts of what could be read and written.
func (s *Store) Export(ctx context.Context, w io.Writer, f ExportFormat, userQuery string) (ExportCounts, error) {
	switch f {
	case ExportMarkdownFormat:
		return s.exportMarkdown(ctx, w, userQuery)
	case ExportCSVFormat:
		return s.exportCSV(ctx, w, userQuery)
	case ExportMarkdownByTagFormat:
		return s.exportMarkdownByTag(ctx, w, userQuery)
	case ExportJSONFormat:
		return s.exportJSON(ctx, w, userQuery)
	}
	return ExportCounts{}, errors.New("unknown export format")
}
