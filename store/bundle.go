package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"dossier/store/query"
)

// An annotation bundle is the user's work — tags, taggings, bookmarks,
// saved searches and claims — as JSON that another research file holding the same
// documents can restore (restoreBundle). Documents are named by content
// hash; passages by ordinal, with their byte offsets as a check.
const (
	BundleFormat  = "dossier-annotations"
	BundleVersion = 1
)

// Bundle is the JSON form of an annotation bundle.
type Bundle struct {
	Format        string              `json:"format"`
	Version       int                 `json:"version"`
	Exported      time.Time           `json:"exported"`
	ResearchFile  string              `json:"research_file,omitempty"`
	Query         string              `json:"query,omitempty"` // the export was limited to passages matching it
	Documents     []BundleDocument    `json:"documents"`
	Tags          []BundleTag         `json:"tags"`
	PassageTags   []BundlePassageTag  `json:"passage_tags"`
	DocumentTags  []BundleDocumentTag `json:"document_tags"`
	Bookmarks     []BundleBookmark    `json:"bookmarks"`
	SavedSearches []BundleSavedSearch `json:"saved_searches"`
	Claims        []BundleClaim       `json:"claims"` // see claimbundle.go
	ClaimLinks    []BundleClaimLink   `json:"claim_links"`
}

// BundleDocument names a document by content hash; title and file name are
// for people (and for reporting a document that is missing on import).
type BundleDocument struct {
	Hash     string `json:"hash"`
	Title    string `json:"title"`
	FileName string `json:"file_name,omitempty"`
	// Version is its number among the documents of its title (see
	// docversions.go), which a restore gives it where no other document
	// had it there (adoptVersions); 0: a bundle made before versions.
	Version int `json:"version,omitempty"`
}

// BundleTag is a tag, matched on import by family and name.
type BundleTag struct {
	TagJSON
	Created time.Time `json:"created"`
}

// TagRef refers to a tag by family and name.
type TagRef struct {
	Family string `json:"family"`
	Name   string `json:"name"`
}

// BundlePassage locates a passage: its document's content hash and its
// ordinal; Start and End are its byte offsets in the document text, checked
// on import.
type BundlePassage struct {
	Document string `json:"document"`
	Ordinal  int    `json:"passage"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// BundleSpan is a byte range within a passage's text.
type BundleSpan struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// BundlePassageTag is a tag applied to a passage.
type BundlePassageTag struct {
	BundlePassage
	Tag     TagRef      `json:"tag"`
	Origin  string      `json:"origin"`
	State   string      `json:"state"`
	Span    *BundleSpan `json:"span,omitempty"`
	Created time.Time   `json:"created"`
	// Decided is when its state was last set, if known: a restore keeps a
	// decision made here after it.
	Decided time.Time `json:"decided,omitzero"`
}

// BundleDocumentTag is a tag applied to a whole document.
type BundleDocumentTag struct {
	Document string    `json:"document"`
	Tag      TagRef    `json:"tag"`
	Created  time.Time `json:"created"`
}

// BundleBookmark is a bookmark. Quote is the bookmarked text as Copy with
// citation prints it (without a report's footnote references; Span still
// counts them), for people; import ignores it.
type BundleBookmark struct {
	BundlePassage
	Span    *BundleSpan `json:"span,omitempty"`
	Note    string      `json:"note"`
	Quote   string      `json:"quote,omitempty"`
	Created time.Time   `json:"created"`
	Updated time.Time   `json:"updated"`
}

// BundleSavedSearch is a named query.
type BundleSavedSearch struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

// exportBundle builds the annotation bundle that ExportJSON writes. With a
// damaged research file it returns the bundle and *ExportProblems.
func (s *Store) exportBundle(ctx context.Context, userQuery string) (*Bundle, error) {
	b, _, err := s.exportBundleCounted(ctx, userQuery)
	return b, err
}

// exportBundleCounted is exportBundle with what the bundle holds of the
// user's work (see ExportCounts).
func (s *Store) exportBundleCounted(ctx context.Context, userQuery string) (*Bundle, ExportCounts, error) {
	d, err := s.gather(ctx, userQuery, false)
	if err != nil {
		return nil, ExportCounts{}, s.fileErr(err)
	}
	b := &Bundle{
		Format: BundleFormat, Version: BundleVersion, Exported: s.now().UTC(),
		ResearchFile: d.file, Query: d.query,
		Documents: []BundleDocument{}, Tags: []BundleTag{}, PassageTags: []BundlePassageTag{},
		DocumentTags: []BundleDocumentTag{}, Bookmarks: []BundleBookmark{}, SavedSearches: []BundleSavedSearch{},
		Claims: []BundleClaim{}, ClaimLinks: []BundleClaimLink{},
	}
	for _, doc := range d.docs {
		b.Documents = append(b.Documents, BundleDocument{Hash: doc.Hash, Title: doc.Title, FileName: doc.FileName, Version: doc.Version})
	}
	for _, id := range d.tagOrder {
		t := d.tags[id]
		b.Tags = append(b.Tags, BundleTag{TagJSON: t.JSON(), Created: t.Created})
	}
	ref := func(id int64) TagRef { t := d.tags[id]; return TagRef{t.Family, t.Name} }
	where := func(p *exportPassage) BundlePassage {
		return BundlePassage{Document: d.docByID[p.DocumentID].Hash, Ordinal: p.Ordinal, Start: p.Start, End: p.End}
	}
	span := func(r *Range) *BundleSpan {
		if r == nil {
			return nil
		}
		return &BundleSpan{r.Start, r.End}
	}
	_, tgs, _ := d.byDocument()
	for _, doc := range d.docs {
		for _, tg := range tgs[doc.ID] {
			b.PassageTags = append(b.PassageTags, BundlePassageTag{BundlePassage: where(tg.P), Tag: ref(tg.TagID),
				Origin: tg.Origin, State: tg.State, Span: span(tg.Span), Created: tg.Created, Decided: tg.Decided})
		}
	}
	for _, dt := range d.docTags {
		b.DocumentTags = append(b.DocumentTags, BundleDocumentTag{Document: d.docByID[dt.DocumentID].Hash,
			Tag: ref(dt.TagID), Created: dt.Created})
	}
	for _, bm := range d.bookmarks {
		b.Bookmarks = append(b.Bookmarks, BundleBookmark{BundlePassage: where(bm.P), Span: span(bm.Span),
			Note: bm.Note, Quote: d.printed(bm.P, bm.Span), Created: bm.Created, Updated: bm.Updated})
	}
	d.bundleClaims(b, where, ref)
	for _, ss := range d.saved {
		b.SavedSearches = append(b.SavedSearches, BundleSavedSearch{Name: ss.Name, Query: ss.Query})
	}
	return b, d.counts(), d.result(nil)
}

// ErrNotBundle is returned for JSON that is not a Dossier annotation bundle.
var ErrNotBundle = errors.New("not a Dossier annotation bundle")

// isBundle reports whether data is JSON that says it is an annotation
// bundle (of any version): the caller should restore it with restoreBundle
// rather than import it as a document.
func isBundle(data []byte) bool {
	var head struct {
		Format string `json:"format"`
	}
	return json.Unmarshal(data, &head) == nil && head.Format == BundleFormat
}

// readBundle decodes a bundle (up to MaxBundleSize) and checks its format
// and version.
func readBundle(r io.Reader) (*Bundle, error) {
	data, err := readBundleBytes(r)
	if err != nil {
		return nil, err
	}
	var b Bundle
	if err := decodeBundle(data, &b); err != nil {
		return nil, err
	}
	switch {
	case b.Format != BundleFormat:
		return nil, fmt.Errorf("%w (its format is %q, not %q)", ErrNotBundle, query.Clip(b.Format), BundleFormat)
	case b.Version > BundleVersion:
		return nil, fmt.Errorf("the annotation bundle is version %d, written by a newer Dossier; this version reads version %d. Update Dossier to import it", b.Version, BundleVersion)
	case b.Version != BundleVersion:
		return nil, fmt.Errorf("the annotation bundle has version %d; this Dossier reads version %d only", b.Version, BundleVersion)
	}
	return &b, nil
}
