package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"dossier/internal/wording"
	"dossier/store/query"
)

// BundleReport says what restoreBundle did. The counts are of annotations
// added or changed; Unchanged counts those already present as the bundle
// has them.
type BundleReport struct {
	TagsCreated, TagsUpdated int
	PassageTags              int
	DocumentTags             int
	Bookmarks                int
	SavedSearches            int
	Claims, ClaimLinks       int
	Unchanged                int
	// Replaced counts what the bundle's copy replaced here (included in
	// the counts above): bookmark notes, tagging decisions (accepted or
	// rejected here) and claims decided, edited or annotated here; the
	// queries of saved searches and the descriptions of tags here (a
	// hostile data pass: these were replaced unsaid, with no backup).
	NotesReplaced, DecisionsReplaced, ClaimsReplaced int
	SearchesReplaced, TagsReplaced                   int
	// KeptHere counts the bundle's annotations left out because this file
	// changed them after the bundle's copy: a later decision, edit or note,
	// or a removal (not in Unchanged).
	KeptHere int
	// RepeatedSearches counts the bundle's saved searches left out because
	// the bundle names one by that name before them (names differing only
	// in capitals or surrounding spaces are one name here).
	RepeatedSearches int
	// KeptBefore is the backup of the file as it was before the bundle
	// replaced anything ("" if none was made).
	KeptBefore string
	// Skipped lists the documents the bundle annotates that this research
	// file does not hold; their annotations were not restored.
	Skipped []SkippedDocument
	// Mismatched describes annotations whose passage differs here (other
	// offsets, or a span that does not fit); they were not restored.
	Mismatched []string
}

// SkippedDocument is a document missing from the research file.
type SkippedDocument struct {
	Title, Hash string
	Annotations int
}

// Changed reports how many things the import added or changed.
func (r BundleReport) Changed() int {
	return r.TagsCreated + r.TagsUpdated + r.PassageTags + r.DocumentTags + r.Bookmarks + r.SavedSearches + r.Claims + r.ClaimLinks
}

// String summarises the report in one line.
func (r BundleReport) String() string {
	msg := fmt.Sprintf("%s created, %s updated, %s, %s, %s and %s restored; %d already present",
		wording.Count(r.TagsCreated, "tag"), wording.Count(r.TagsUpdated, "tag"), wording.Count(r.PassageTags, "passage tagging"),
		wording.Count(r.DocumentTags, "document tagging"), wording.Count(r.Bookmarks, "bookmark"), wording.Count(r.SavedSearches, "saved search"), r.Unchanged)
	if r.Claims+r.ClaimLinks > 0 {
		msg += fmt.Sprintf("; %s and %s restored", wording.Count(r.Claims, "claim"), wording.Count(r.ClaimLinks, "claim link"))
	}
	if len(r.Skipped) > 0 {
		var names []string
		for _, d := range r.Skipped {
			names = append(names, fmt.Sprintf("“%s” (%d annotations)", d.Title, d.Annotations))
		}
		msg += fmt.Sprintf("; skipped %d documents not in this research file: %s", len(r.Skipped), strings.Join(names, ", "))
	}
	if len(r.Mismatched) > 0 {
		msg += fmt.Sprintf("; %d annotations did not fit their passage here", len(r.Mismatched))
	}
	return msg + r.KeptNote() + r.Replacements()
}

// KeptNote says what of the bundle was left out for a later change here
// ("; 2 annotations left out: changed or removed here since"), or "".
func (r BundleReport) KeptNote() string {
	var note string
	if r.KeptHere > 0 {
		note = fmt.Sprintf("; %s left out: changed or removed here since", wording.Count(r.KeptHere, "annotation"))
	}
	if r.RepeatedSearches > 0 {
		note += fmt.Sprintf("; %s left out: the bundle names it earlier too (capitals and spaces aside), and the first is restored",
			wording.Count(r.RepeatedSearches, "saved search|saved searches"))
	}
	return note
}

// Replacements says what the bundle's copy replaced here and where the
// file as it was is kept ("; replaced by the bundle's copy: …"), or "".
func (r BundleReport) Replacements() string {
	if r.replaced() == 0 {
		return ""
	}
	msg := "; replaced by the bundle's copy: " + r.replacedList()
	if r.KeptBefore != "" {
		msg += " (the file as it was is kept in the backup " + r.KeptBefore + ")"
	}
	return msg
}

// replacedList names what the bundle's copy replaced here ("1 bookmark
// note, 2 saved search queries").
func (r BundleReport) replacedList() string {
	var what []string
	for _, c := range []struct {
		n    int
		what string
	}{{r.NotesReplaced, "bookmark note"}, {r.DecisionsReplaced, "tagging decision"}, {r.ClaimsReplaced, "claim"},
		{r.SearchesReplaced, "saved search query|saved search queries"}, {r.TagsReplaced, "tag description"}} {
		if c.n > 0 {
			what = append(what, wording.Count(c.n, c.what))
		}
	}
	return strings.Join(what, ", ")
}

func (r BundleReport) replaced() int {
	return r.NotesReplaced + r.DecisionsReplaced + r.ClaimsReplaced + r.SearchesReplaced + r.TagsReplaced
}

// futureDecision stands for a bundle's decision dated in the future: older
// than any decision dated here, and not stored.
var futureDecision = time.Unix(1, 0).UTC()

// clampBundleTimes leaves undated what b dates in the future: a bundle's
// times decide which copy of a note or claim is newer, and one dated 2099
// (a clock set wrong, or a hostile file) won over every edit made here, on
// every import of it (found by a hostile pass). Undated, the copy here
// wins; what is new here is dated by the import.
func clampBundleTimes(b *Bundle, now time.Time) {
	clamp := func(t *time.Time) {
		if t.After(now.Add(futureSlack)) {
			*t = time.Time{}
		}
	}
	for i := range b.Tags {
		clamp(&b.Tags[i].Created)
	}
	for i := range b.PassageTags {
		clamp(&b.PassageTags[i].Created)
		// A decision dated in the future counts as older than any dated
		// here, which it then leaves as it is (left undated, it would
		// replace them all, as undated decisions do: one dated 2099 won
		// over every decision made here; found by a hostile pass).
		if d := &b.PassageTags[i].Decided; d.After(now.Add(futureSlack)) {
			*d = futureDecision
		}
	}
	for i := range b.DocumentTags {
		clamp(&b.DocumentTags[i].Created)
	}
	for i := range b.Bookmarks {
		clamp(&b.Bookmarks[i].Created)
		clamp(&b.Bookmarks[i].Updated)
	}
	for i := range b.Claims {
		clamp(&b.Claims[i].Created)
		clamp(&b.Claims[i].Updated)
	}
	for i := range b.ClaimLinks {
		clamp(&b.ClaimLinks[i].Created)
	}
	clamp(&b.Exported)
}

// trimTagNames trims the tag names of b's references as tag trims its
// definitions, and as the app trims a typed name: a hand-edited reference
// " Ann " to the tag "Ann" was refused as one the bundle does not define.
func trimTagNames(b *Bundle) {
	trim := func(r *TagRef) { r.Name = strings.TrimSpace(r.Name) }
	for i := range b.PassageTags {
		trim(&b.PassageTags[i].Tag)
	}
	for i := range b.DocumentTags {
		trim(&b.DocumentTags[i].Tag)
	}
	for i := range b.Claims {
		if b.Claims[i].Source != nil {
			trim(b.Claims[i].Source)
		}
		for j := range b.Claims[i].About {
			trim(&b.Claims[i].About[j])
		}
	}
}

// restoreBundle restores an annotation bundle, all or nothing. Tags are
// matched by family and name (or a name they had before a merge or rename
// here): missing ones are created; existing ones take the bundle's kind,
// description and colour (unless edited here since) and gain its aliases
// (none are removed; one taken off here since stays off). Passages
// are matched by document hash and ordinal, and their offsets checked. An
// existing passage tagging takes the bundle's origin, state and span;
// document taggings and saved searches (by name) are upserted, unless
// removed or changed here since. Taggings, bookmarks, saved searches,
// claims and claim links removed here after the bundle's copy was made
// stay removed. A bookmark already present — same passage, span and creation
// time — is not duplicated; if its note differs, the more recently updated
// note wins. Annotations of documents not in this file are skipped and
// reported. A claim is matched by its passage and the span the suggester
// found (or, for one marked by hand, its creation time, else its span) and
// takes the bundle's fields
// and decision, unless it was decided or annotated here after the bundle's
// copy was last changed; links are added. A tagging pending in the bundle
// leaves one accepted or rejected here as it is. Importing the same bundle
// twice changes nothing the second time.
// New tags, and tags that gained aliases, are suggested across the library
// as CreateTag and EditTag do (rejected suggestions stay rejected).
func (s *Store) restoreBundle(ctx context.Context, r io.Reader) (BundleReport, error) {
	return s.restoreBundleKept(ctx, r, nil)
}

// restoreBundleKept is restoreBundle; kept, if not nil, is the backup an
// import of several files already made before a bundle of it replaced
// anything (""), which this one then names rather than making another: a
// backup per bundle pruned the folder to the import's own, the one
// holding the file as it was before the import among them (review
// 2026-12-05e).
func (s *Store) restoreBundleKept(ctx context.Context, r io.Reader, kept *string) (BundleReport, error) {
	rep, err := s.importBundle(ctx, r, kept)
	if err != nil {
		return BundleReport{}, s.fileErr(err) // rolled back: nothing was restored
	}
	return rep, nil
}

func (s *Store) importBundle(ctx context.Context, r io.Reader, keptBefore *string) (BundleReport, error) {
	var rep BundleReport
	b, err := readBundle(r)
	if err != nil {
		return rep, err
	}
	now := s.now()
	clampBundleTimes(b, now)
	trimTagNames(b)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback()
	im := &bundleImport{ctx: ctx, tx: tx, now: now, exported: b.Exported, rep: &rep, titles: map[string]string{},
		docs: map[string]int64{}, skipped: map[string]*SkippedDocument{}, tags: map[TagRef]int64{}, former: map[TagRef]bool{}, gone: map[TagRef]bool{},
		claimsSeen: map[int64]bool{}}
	for _, d := range b.Documents {
		im.titles[d.Hash] = d.Title
	}
	if err := adoptVersions(ctx, tx, b.Documents); err != nil {
		return rep, err
	}
	if err := im.readRemoved(); err != nil {
		return rep, err
	}
	var suggest []int64
	for _, bt := range b.Tags {
		id, again, err := im.tag(bt)
		if err != nil {
			return rep, err
		}
		if again {
			suggest = append(suggest, id)
		}
	}
	for _, pt := range b.PassageTags {
		if err := im.passageTag(pt); err != nil {
			return rep, err
		}
	}
	for _, dt := range b.DocumentTags {
		if err := im.documentTag(dt); err != nil {
			return rep, err
		}
	}
	for _, bm := range b.Bookmarks {
		if err := im.bookmark(bm); err != nil {
			return rep, err
		}
	}
	for _, ss := range b.SavedSearches {
		if err := im.savedSearch(ss); err != nil {
			return rep, err
		}
	}
	claimIDs := map[claimKeyRef]int64{}
	for _, bc := range b.Claims {
		if err := im.claim(bc, claimIDs); err != nil {
			return rep, err
		}
	}
	for _, bl := range b.ClaimLinks {
		if err := im.claimLink(bl, claimIDs); err != nil {
			return rep, err
		}
	}
	if len(suggest) > 0 {
		if err := suggestTx(ctx, tx, suggest, nil, im.now); err != nil {
			return rep, err
		}
	}
	for _, sd := range im.skippedOrder {
		rep.Skipped = append(rep.Skipped, *im.skipped[sd])
	}
	if rep.replaced() > 0 && s.bk.auto.Load() && keptBefore != nil && *keptBefore != "" {
		// Kept already by this import, before its first bundle that
		// replaced anything: what the bundles before this one replaced
		// comes back by importing them again.
		rep.KeptBefore = *keptBefore
	} else if rep.replaced() > 0 && s.bk.auto.Load() {
		// What the bundle replaces is kept first: read on another
		// connection, the file is still as it was before this transaction.
		// A damaged file is not backed up (refuseDamagedBackup), and the
		// bundle then replaces nothing without a backup.
		kept, err := "", s.refuseDamagedBackup(ctx)
		if err == nil {
			kept, err = s.rollingBackupVia(ctx, s.db, now)
		}
		if err != nil {
			return BundleReport{}, fmt.Errorf("the bundle would replace what was written here (%s), and the file could not be backed up first (nothing was changed): %w", rep.replacedList(), err)
		}
		rep.KeptBefore = kept
	}
	if err := tx.Commit(); err != nil {
		return BundleReport{}, err
	}
	if keptBefore != nil && *keptBefore == "" {
		*keptBefore = rep.KeptBefore
	}
	return rep, nil
}

type bundleImport struct {
	ctx          context.Context
	tx           *sql.Tx
	now          time.Time // the import's time, for what the bundle does not date
	rep          *BundleReport
	titles       map[string]string // hash → title, from the bundle
	docs         map[string]int64  // hash → document id (0: missing)
	skipped      map[string]*SkippedDocument
	skippedOrder []string
	tags         map[TagRef]int64
	former       map[TagRef]bool // tags found by a name they had before
	gone         map[TagRef]bool // tags deleted here since the bundle's copy was made
	claimsSeen   map[int64]bool  // claims restored so far
	searchNames  map[string]bool // saved searches' names met so far, folded as NOCASE folds them
	// removed says which kinds of removal this file remembers any of:
	// most files none, and their lookups are then skipped (they made a
	// large bundle's import a fifth slower; a hostile pass).
	removed struct {
		passageTags, documentTags, bookmarks, savedSearches, claimLinks, tagNames, tags, claims, aliases bool
	}
	exported time.Time // when the bundle was made (zero: unknown)
}

// readRemoved reads which kinds of removal the file remembers any of.
func (im *bundleImport) readRemoved() error {
	return im.tx.QueryRowContext(im.ctx, `SELECT EXISTS (SELECT 1 FROM passage_tag_removals),
		EXISTS (SELECT 1 FROM document_tag_removals), EXISTS (SELECT 1 FROM bookmark_removals),
		EXISTS (SELECT 1 FROM saved_search_removals), EXISTS (SELECT 1 FROM claim_link_removals),
		EXISTS (SELECT 1 FROM tag_former_names), EXISTS (SELECT 1 FROM tag_removals), EXISTS (SELECT 1 FROM claim_removals),
		EXISTS (SELECT 1 FROM tag_alias_removals)`).
		Scan(&im.removed.passageTags, &im.removed.documentTags, &im.removed.bookmarks,
			&im.removed.savedSearches, &im.removed.claimLinks, &im.removed.tagNames, &im.removed.tags, &im.removed.claims, &im.removed.aliases)
}

// tag finds or creates a bundle tag; again says whether suggestions should
// run for it (it is new or gained aliases).
func (im *bundleImport) tag(bt BundleTag) (id int64, again bool, err error) {
	bt.Name = strings.TrimSpace(bt.Name)
	if err := validateTag(bt.Family, bt.Kind, bt.Name, bt.Color); err != nil {
		return 0, false, fmt.Errorf("annotation bundle: tag %q: %w", query.Clip(bt.Name), err)
	}
	if err := validateAliases(bt.Aliases); err != nil {
		return 0, false, fmt.Errorf("annotation bundle: tag %q: %w", query.Clip(bt.Name), err)
	}
	ctx, tx := im.ctx, im.tx
	var kind, desc, color, created string
	var updated sql.NullString
	var byHand bool
	err = tx.QueryRowContext(ctx, `SELECT id, kind, description, color, created_at, updated_at, by_hand FROM tags WHERE family = ? AND name = ?`,
		bt.Family, bt.Name).Scan(&id, &kind, &desc, &color, &created, &updated, &byHand)
	if errors.Is(err, sql.ErrNoRows) {
		// A tag here of that name in another case, in any script, is this
		// one ("MÜLLER" made a second tag beside "Müller": NOCASE folds
		// ASCII alone; a hostile data pass).
		fid, ferr := tagIDFolded(ctx, tx, bt.Family, bt.Name)
		if ferr != nil {
			return 0, false, ferr
		}
		if fid != 0 {
			err = tx.QueryRowContext(ctx, `SELECT id, kind, description, color, created_at, updated_at, by_hand FROM tags WHERE id = ?`,
				fid).Scan(&id, &kind, &desc, &color, &created, &updated, &byHand)
		}
	}
	if err == nil && im.removed.tagNames && !bt.Created.IsZero() {
		// The name's holder here may have taken it after another tag gave
		// it up: a bundle made before then means that other tag (its
		// taggings went onto a new tag of the same name; a hostile pass).
		fid, since, ok, ferr := formerNameTag(ctx, tx, bt.Family, bt.Name)
		if ferr != nil {
			return 0, false, ferr
		}
		if ok && fid != id {
			var formerCreated string
			if err := tx.QueryRowContext(ctx, `SELECT created_at FROM tags WHERE id = ?`, fid).Scan(&formerCreated); err != nil {
				return 0, false, err
			}
			if parseTime(formerCreated).Equal(bt.Created) ||
				parseTime(created).After(since) && !bt.Created.After(since) {
				err = sql.ErrNoRows // found below by its former name
			}
		}
	}
	if err == nil && im.removed.tags && !bt.Created.IsZero() {
		// The tag here was made again, under the name of one deleted here
		// after the bundle's copy was made: that copy is the deleted tag,
		// which stays deleted with its taggings and aliases (they went onto
		// the new tag; a hostile data pass).
		var removed string
		rerr := tx.QueryRowContext(ctx, `SELECT removed_at FROM tag_removals WHERE family = ? AND name = ?`, bt.Family, bt.Name).Scan(&removed)
		if rerr != nil && !errors.Is(rerr, sql.ErrNoRows) {
			return 0, false, rerr
		}
		if at := parseTime(removed); rerr == nil && parseTime(created).After(at) && !bt.Created.After(at) {
			im.gone[TagRef{bt.Family, bt.Name}] = true
			im.rep.KeptHere++
			return 0, false, nil
		}
	}
	if errors.Is(err, sql.ErrNoRows) && im.removed.tagNames {
		// A tag merged away or renamed here after the bundle's copy was
		// made: it is the tag here, as it is now (its name, kind and
		// aliases were changed here since). One made after that (another
		// tag given the name since) is created.
		id, since, ok, err := formerNameTag(ctx, tx, bt.Family, bt.Name)
		if err != nil {
			return 0, false, err
		}
		if ok && (bt.Created.IsZero() || !bt.Created.After(since)) {
			ref := TagRef{bt.Family, bt.Name}
			im.tags[ref], im.former[ref] = id, true
			im.rep.KeptHere++
			return id, false, nil
		}
	}
	if errors.Is(err, sql.ErrNoRows) && im.removed.tags {
		// Deleted here after the bundle's copy was made: it stays
		// deleted, and its taggings are left out (an older bundle made
		// it again with all of them; a hostile pass).
		gone, err := removedAfter(ctx, tx, bt.Created, `SELECT removed_at FROM tag_removals WHERE family = ? AND name = ?`, bt.Family, bt.Name)
		if err != nil {
			return 0, false, err
		}
		if gone {
			im.gone[TagRef{bt.Family, bt.Name}] = true
			im.rep.KeptHere++
			return 0, false, nil
		}
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		t := bt.tag()
		t.Created = bt.Created
		id, err = insertTag(ctx, tx, t, im.now)
		if err != nil {
			return 0, false, err
		}
		// Dated as the bundle's copy, as a tag the bundle updates is: an
		// older bundle restored after it then leaves it as it is (it
		// replaced the newer bundle's kind, description and colour; a
		// hostile data pass).
		made := bt.Created // as insertTag dates it
		if made.IsZero() {
			made = im.now
		}
		if im.exported.After(made) {
			if _, err := tx.ExecContext(ctx, `UPDATE tags SET updated_at = ? WHERE id = ?`, formatTime(im.exported), id); err != nil {
				return 0, false, err
			}
		}
		im.rep.TagsCreated++
		im.tags[TagRef{bt.Family, bt.Name}] = id
		return id, true, nil
	case err != nil:
		return 0, false, err
	}
	im.tags[TagRef{bt.Family, bt.Name}] = id
	changed := false
	// Edited here after the bundle was made: the edit is kept (an older
	// bundle's description replaced it, unsaid; a hostile pass). Never
	// edited (as made, or seeded from the gazetteer), or not known when
	// (before migration 0015): the bundle's, as before.
	differs := kind != bt.Kind || desc != bt.Description || color != bt.Color
	edited := updated.Valid && parseTime(updated.String).After(parseTime(created))
	editedSince := edited && !im.exported.After(parseTime(updated.String))
	// Made here by hand after the bundle was exported: the bundle's copy
	// is older than it, and replaced the kind, description and colour
	// given here (a hostile pass); a description only the bundle has is
	// taken. A bundle of no time (none given, or one in the future) counts
	// as older: the copy here wins, as the README says. A tag the
	// gazetteer, the claim suggester or a bundle made here takes the
	// bundle's, whenever it was made (one the suggester made counted as
	// given its kind and colour here; a hostile data pass).
	madeSince := byHand && (im.exported.IsZero() || parseTime(created).After(im.exported))
	leftOut := false // the tag as it is here, kept: counted once, whatever of it the bundle had otherwise
	if differs && (editedSince || madeSince) {
		if !editedSince && strings.TrimSpace(desc) == "" && strings.TrimSpace(bt.Description) != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE tags SET description = ? WHERE id = ?`, bt.Description, id); err != nil {
				return 0, false, err
			}
			changed, desc = true, bt.Description
		}
		if kind != bt.Kind || desc != bt.Description || color != bt.Color {
			im.rep.KeptHere++
			leftOut = true
		}
		differs = false
	}
	if differs {
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET kind = ?, description = ?, color = ?, updated_at = ? WHERE id = ?`,
			bt.Kind, bt.Description, bt.Color, formatTime(im.exported), id); err != nil {
			return 0, false, err
		}
		changed = true
		if strings.TrimSpace(desc) != "" && desc != bt.Description {
			im.rep.TagsReplaced++ // a description written here (as for notes: not an empty one)
		}
	}
	for _, a := range bt.Aliases {
		a = strings.TrimSpace(a)
		if a == "" || strings.EqualFold(a, bt.Name) {
			continue
		}
		// Taken off here after the bundle was made: it stays off. One
		// never here is added, however the tag was edited here.
		var have bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tag_aliases WHERE tag_id = ?1 AND alias = ?2)
				OR EXISTS (SELECT 1 FROM tags WHERE id = ?1 AND name = ?2)`, id, a).Scan(&have); err != nil {
			return 0, false, err
		}
		if have {
			continue
		}
		gone := false
		if im.removed.aliases {
			if gone, err = aliasRemovedAfter(ctx, tx, id, a, im.exported); err != nil {
				return 0, false, err
			}
		}
		if gone {
			if !leftOut {
				leftOut = true
				im.rep.KeptHere++
			}
			continue
		}
		r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO tag_aliases (tag_id, alias)
			SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM tags WHERE id = ?1 AND name = ?2)`, id, a)
		if err != nil {
			return 0, false, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			changed, again = true, true
		}
	}
	if changed {
		im.rep.TagsUpdated++
	} else {
		im.rep.Unchanged++
	}
	return id, again, nil
}

func (im *bundleImport) tagID(ref TagRef) (int64, error) {
	if id, ok := im.tags[ref]; ok {
		return id, nil
	}
	if im.gone[ref] {
		return 0, errTagGone
	}
	var id int64
	err := im.tx.QueryRowContext(im.ctx, `SELECT id FROM tags WHERE family = ? AND name = ?`, query.Clip(ref.Family), query.Clip(ref.Name)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if fid, ferr := tagIDFolded(im.ctx, im.tx, ref.Family, ref.Name); ferr != nil || fid != 0 {
			id, err = fid, ferr
		}
	}
	if errors.Is(err, sql.ErrNoRows) && im.removed.tagNames {
		var ok bool
		if id, _, ok, err = formerNameTag(im.ctx, im.tx, ref.Family, ref.Name); err == nil && !ok {
			err = sql.ErrNoRows
		}
		im.former[ref] = ok
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("annotation bundle: it refers to the %s %q, which it does not define", query.Clip(ref.Family), query.Clip(ref.Name))
	}
	if err == nil {
		im.tags[ref] = id
	}
	return id, err
}

// document resolves a content hash; a missing document is counted against
// the skipped list and yields ok = false.
func (im *bundleImport) document(hash string) (int64, bool, error) {
	id, seen := im.docs[hash]
	if !seen {
		err := im.tx.QueryRowContext(im.ctx, `SELECT id FROM documents WHERE content_hash = ?`, hash).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, false, err
		}
		im.docs[hash] = id
	}
	if id == 0 {
		sd := im.skipped[hash]
		if sd == nil {
			title := im.titles[hash]
			if title == "" {
				title = "untitled document " + hash
			}
			sd = &SkippedDocument{Title: title, Hash: hash}
			im.skipped[hash] = sd
			im.skippedOrder = append(im.skippedOrder, hash)
		}
		sd.Annotations++
		return 0, false, nil
	}
	return id, true, nil
}

// passage resolves a bundle passage and checks it, and a span within it.
func (im *bundleImport) passage(bp BundlePassage, span *BundleSpan, what string) (int64, bool, error) {
	docID, ok, err := im.document(bp.Document)
	if err != nil || !ok {
		return 0, false, err
	}
	var id int64
	var start, end int
	var text string
	err = im.tx.QueryRowContext(im.ctx, `SELECT id, start, end, text FROM passages WHERE document_id = ? AND ordinal = ?`,
		docID, bp.Ordinal).Scan(&id, &start, &end, &text)
	title := im.titles[bp.Document]
	if title == "" {
		title = bp.Document
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: this research file's copy has no such passage", what, title, bp.Ordinal))
		return 0, false, nil
	case err != nil:
		return 0, false, err
	case start != bp.Start || end != bp.End:
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: the passage is at bytes [%d,%d) in the bundle but [%d,%d) here",
			what, title, bp.Ordinal, bp.Start, bp.End, start, end))
		return 0, false, nil
	case span != nil && !checkSpan(text, Range{span.Start, span.End}):
		im.rep.Mismatched = append(im.rep.Mismatched, fmt.Sprintf("%s on “%s” passage %d: the span [%d,%d) does not fit the passage",
			what, title, bp.Ordinal, span.Start, span.End))
		return 0, false, nil
	}
	return id, true, nil
}

func spanArgs(span *BundleSpan) (any, any) {
	if span == nil {
		return nil, nil
	}
	return span.Start, span.End
}

func sameSpan(a *BundleSpan, start, end sql.NullInt64) bool {
	if a == nil || !start.Valid || !end.Valid {
		return a == nil && !start.Valid && !end.Valid
	}
	return int64(a.Start) == start.Int64 && int64(a.End) == end.Int64
}

// stamp formats a bundle's time, or the import's when the bundle has none.
func (im *bundleImport) stamp(t time.Time) string {
	if t.IsZero() {
		t = im.now
	}
	return formatTime(t)
}

func (im *bundleImport) passageTag(pt BundlePassageTag) error {
	if pt.Origin != OriginManual && pt.Origin != OriginSuggest {
		return fmt.Errorf("annotation bundle: unknown tagging origin %q", query.Clip(pt.Origin))
	}
	if pt.State != StateAccepted && pt.State != StatePending && pt.State != StateRejected {
		return fmt.Errorf("annotation bundle: unknown tagging state %q", query.Clip(pt.State))
	}
	tagID, err := im.tagID(pt.Tag)
	if errors.Is(err, errTagGone) {
		im.rep.KeptHere++
		return nil
	}
	if err != nil {
		return err
	}
	pid, ok, err := im.passage(pt.BundlePassage, pt.Span, "tag "+pt.Tag.Name)
	if err != nil || !ok {
		return err
	}
	ctx, tx := im.ctx, im.tx
	var origin, state string
	var ss, se sql.NullInt64
	var decidedHere sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT origin, state, span_start, span_end, decided_at FROM passage_tags WHERE passage_id = ? AND tag_id = ?`,
		pid, tagID).Scan(&origin, &state, &ss, &se, &decidedHere)
	start, end := spanArgs(pt.Span)
	var decided any // the bundle's time of the decision (never later than now), or NULL: not known
	if d := pt.Decided; !d.IsZero() && !d.Equal(futureDecision) {
		if d.After(im.now) { // within the slack allowed for clocks
			d = im.now
		}
		decided = formatTime(d)
	}
	made := pt.Decided // when the bundle's copy was last decided, or made
	if made.IsZero() || made.Equal(futureDecision) {
		made = pt.Created
	}
	// Taken off here after the bundle's copy was made: it stays off, when
	// nothing is here or only a suggestion made since (a pending one,
	// from an alias added after the removal, let an older bundle put the
	// tag back by hand; found by a hostile pass).
	if im.removed.passageTags && pt.State != StatePending && (errors.Is(err, sql.ErrNoRows) || err == nil && state == StatePending) {
		gone, rerr := passageTagRemovedAfter(ctx, tx, pid, tagID, made)
		if rerr != nil {
			return rerr
		}
		if gone {
			im.rep.KeptHere++
			return nil
		}
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, pid, tagID, pt.Origin, pt.State, start, end, im.stamp(pt.Created), decided)
	case err != nil:
		return err
	case origin == pt.Origin && state == pt.State && sameSpan(pt.Span, ss, se),
		pt.State == StatePending && state != StatePending,
		// The tag merged away here: its tagging of a passage the
		// survivor tags already is the one the merge chose (an older
		// bundle put the loser's span in its place; a hostile pass).
		im.former[pt.Tag],
		// A decision made here after the bundle's is kept: an older
		// bundle replaced it, whatever the dates (found by a hostile
		// pass). Either time unknown: the bundle's, as before.
		state != StatePending && decidedHere.Valid && !pt.Decided.IsZero() && !pt.Decided.After(parseTime(decidedHere.String)):
		// (A suggestion still pending in the bundle does not reopen a
		// decision made here: an older bundle turned rejected suggestions
		// back into pending ones. Found by a hostile pass.)
		if origin == pt.Origin && state == pt.State && sameSpan(pt.Span, ss, se) {
			im.rep.Unchanged++
		} else {
			im.rep.KeptHere++ // said, not counted as "already present" (a hostile pass)
		}
		return nil
	default:
		// The bundle's time where it has one; where not, the trigger of
		// migration 0013 stamps the change now.
		_, err = tx.ExecContext(ctx, `UPDATE passage_tags SET origin = ?, state = ?, span_start = ?, span_end = ?,
			decided_at = coalesce(?, decided_at) WHERE passage_id = ? AND tag_id = ?`, pt.Origin, pt.State, start, end, decided, pid, tagID)
		if err == nil && state != StatePending && state != pt.State {
			im.rep.DecisionsReplaced++
		}
	}
	if err == nil {
		im.rep.PassageTags++
	}
	return err
}

func (im *bundleImport) documentTag(dt BundleDocumentTag) error {
	tagID, err := im.tagID(dt.Tag)
	if errors.Is(err, errTagGone) {
		im.rep.KeptHere++
		return nil
	}
	if err != nil {
		return err
	}
	docID, ok, err := im.document(dt.Document)
	if err != nil || !ok {
		return err
	}
	var present bool
	if im.removed.documentTags {
		if err := im.tx.QueryRowContext(im.ctx, `SELECT EXISTS (SELECT 1 FROM document_tags WHERE document_id = ? AND tag_id = ?)`,
			docID, tagID).Scan(&present); err != nil {
			return err
		}
	}
	if im.removed.documentTags && !present {
		if gone, err := documentTagRemovedAfter(im.ctx, im.tx, docID, tagID, dt.Created); err != nil || gone {
			if gone {
				im.rep.KeptHere++
			}
			return err
		}
	}
	r, err := im.tx.ExecContext(im.ctx, `INSERT OR IGNORE INTO document_tags (document_id, tag_id, created_at) VALUES (?, ?, ?)`,
		docID, tagID, im.stamp(dt.Created))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		im.rep.DocumentTags++
	} else {
		im.rep.Unchanged++
	}
	return nil
}

func (im *bundleImport) bookmark(bm BundleBookmark) error {
	pid, ok, err := im.passage(bm.BundlePassage, bm.Span, "bookmark")
	if err != nil || !ok {
		return err
	}
	ctx, tx := im.ctx, im.tx
	rows, err := tx.QueryContext(ctx, `SELECT id, span_start, span_end, note, created_at, updated_at FROM bookmarks WHERE passage_id = ?`, pid)
	if err != nil {
		return err
	}
	type existing struct {
		id      int64
		note    string
		updated time.Time
	}
	var match *existing
	for rows.Next() {
		var e existing
		var ss, se sql.NullInt64
		var created, updated string
		if err := rows.Scan(&e.id, &ss, &se, &e.note, &created, &updated); err != nil {
			rows.Close()
			return err
		}
		e.updated = parseTime(updated)
		// A bundle's bookmark without a time was given the import's: the
		// same note on the same span is that one (each import of the
		// bundle added another copy; a hostile pass).
		if sameSpan(bm.Span, ss, se) && (parseTime(created).Equal(bm.Created) || bm.Created.IsZero() && e.note == bm.Note) {
			if match == nil || e.note == bm.Note {
				match = &e
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	start, end := spanArgs(bm.Span)
	switch {
	case match == nil:
		updated := bm.Updated
		if updated.IsZero() {
			updated = bm.Created
		}
		if im.removed.bookmarks {
			gone, err := bookmarkRemovedAfter(ctx, tx, pid, bm.Span, bm.Created, updated)
			if err != nil {
				return err
			}
			if gone {
				im.rep.KeptHere++
				return nil
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO bookmarks (passage_id, span_start, span_end, note, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, pid, start, end, bm.Note, im.stamp(bm.Created), im.stamp(updated))
	case match.note == bm.Note:
		im.rep.Unchanged++
		return nil
	case !bm.Updated.After(match.updated):
		im.rep.KeptHere++ // its note was edited here since
		return nil
	default:
		_, err = tx.ExecContext(ctx, `UPDATE bookmarks SET note = ?, updated_at = ? WHERE id = ?`, bm.Note, formatTime(bm.Updated), match.id)
		if err == nil && strings.TrimSpace(match.note) != "" {
			im.rep.NotesReplaced++
		}
	}
	if err == nil {
		im.rep.Bookmarks++
	}
	return err
}

// savedSearch restores a saved search by name. Bundles date a saved search
// by their export time only: one deleted or renamed away here since stays
// gone, and one made or changed here since keeps its query.
func (im *bundleImport) savedSearch(ss BundleSavedSearch) error {
	if err := checkSavedSearch(ss.Name, ss.Query); err != nil {
		return fmt.Errorf("annotation bundle: saved search %q: %w", query.Clip(ss.Name), err)
	}
	if strings.TrimSpace(ss.Name) == "" || strings.TrimSpace(ss.Query) == "" {
		return errors.New("annotation bundle: a saved search needs a name and a query")
	}
	// Trimmed as a name typed here is (SaveSearch): " Leads " was restored
	// beside "Leads", two entries that looked the same (a hostile data pass).
	ss.Name = strings.TrimSpace(ss.Name)
	// A name the bundle gave before ("main", then "MAIN") is the same
	// saved search here: left out, said so, rather than counted as
	// changed here since (the first's own date; a hostile data pass).
	folded := noCaseKey(ss.Name)
	if im.searchNames[folded] {
		im.rep.RepeatedSearches++
		return nil
	}
	if im.searchNames == nil {
		im.searchNames = map[string]bool{}
	}
	im.searchNames[folded] = true
	var q, changed string
	err := im.tx.QueryRowContext(im.ctx, `SELECT query, coalesce(updated_at, created_at) FROM saved_searches WHERE name = ?`, ss.Name).Scan(&q, &changed)
	switch {
	case err == nil && q == ss.Query:
		im.rep.Unchanged++
		return nil
	case err == nil && !im.exported.After(parseTime(changed)):
		im.rep.KeptHere++
		return nil
	case errors.Is(err, sql.ErrNoRows):
		if im.removed.savedSearches {
			gone, err := removedAfter(im.ctx, im.tx, im.exported, `SELECT removed_at FROM saved_search_removals WHERE name = ?`, ss.Name)
			if err != nil || gone {
				if gone {
					im.rep.KeptHere++
				}
				return err
			}
		}
	case err != nil:
		return err
	}
	// The query is dated as the bundle's, made or replaced: a bundle made
	// between it and now is newer still (dated by the import, Wednesday's
	// bundle restored after Monday's was left out; a hostile pass).
	replacing := err == nil // a query here, other than the bundle's
	_, err = im.tx.ExecContext(im.ctx, `INSERT INTO saved_searches (name, query, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = ?4`, ss.Name, ss.Query, formatTime(im.now), formatTime(im.exported))
	if err == nil {
		im.rep.SavedSearches++
		if replacing {
			im.rep.SearchesReplaced++
		}
	}
	return err
}
