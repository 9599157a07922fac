package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dossier/store/claims"
)

// SuggestClaims runs the claims suggester (store/claims) over the given
// documents (nil: all) and records what it finds as suggested claims,
// creating the new sources it names as source tags. A claim already in the
// ledger at the same place that the user has accepted, rejected, edited,
// marked or annotated is left as it is, so re-running never duplicates a
// claim nor resurrects a rejected one; an untouched suggestion is brought
// up to the current rules (suggestDocumentClaims). Each document is its
// own transaction; progress (may be nil) hears after each. It returns how
// many claims were added.
func (s *Store) SuggestClaims(ctx context.Context, docIDs []int64, progress func(done, total int)) (added int, err error) {
	counts, err := s.SuggestClaimsCounted(ctx, docIDs, progress)
	return counts.Added, err
}

// ClaimCounts is what suggesting claims changed: suggestions added,
// untouched suggestions given what the current rules find (their words,
// source, stance, cue, actors), and untouched suggestions the rules no
// longer make, withdrawn.
type ClaimCounts struct{ Added, Updated, Withdrawn int }

// SuggestClaimsCounted is SuggestClaims, saying what it changed.
func (s *Store) SuggestClaimsCounted(ctx context.Context, docIDs []int64, progress func(done, total int)) (counts ClaimCounts, err error) {
	if s.ReadOnly() {
		return counts, s.readOnlyErr()
	}
	// Cancelled, any failure is the cancellation: database/sql rolls the
	// transaction back on its own, and its Commit then says "transaction
	// has already been committed or rolled back" (found by a hostile
	// pass: Ctrl+C printed that, and exited 1).
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = ctx.Err()
		}
	}()
	if docIDs == nil {
		// Every document, each its own transaction: noted while it runs,
		// so that one killed part-way is said at the next open (see
		// unfinished.go). An import's own documents are its note's.
		defer s.noteClaims(ctx).Done()
	}
	sg, err := claimSuggester(ctx, s.db)
	if err != nil {
		return counts, err
	}
	// "We" in a document is its author, else its source (document details).
	q := `SELECT id, title, coalesce(nullif(author, ''), source, '') FROM documents`
	if docIDs != nil {
		q += ` WHERE id IN (` + joinIDs(docIDs) + `)`
	}
	type doc struct {
		id            int64
		title, author string
	}
	docs, err := queryAll(ctx, s.db, func(sc scanner) (doc, error) {
		var d doc
		return d, sc.Scan(&d.id, &d.title, &d.author)
	}, q+` ORDER BY id`)
	if err != nil {
		return counts, err
	}
	if progress != nil {
		progress(0, len(docs))
	}
	// A source named in full ("Hope Hicks said") becomes a tag, and with it
	// a known name for its other mentions ("Hicks told"), in this document
	// and the ones before it: they are read again (found by a hostile pass:
	// a second run over the Mueller report found 3 more). Each round reads
	// up to the last document that added a source; the third adds nothing
	// on the corpora we have, so rounds are bounded.
	// A document read in the first round is kept for the next (its text
	// cut into words is most of a round's work), up to a budget: a large
	// import's next round reads the rest again.
	kept := map[int64]*docText{}
	keptBytes := 0
	for round := range maxClaimRounds {
		lastNew := -1
		for i, d := range docs {
			if err := ctx.Err(); err != nil {
				return counts, err
			}
			var n ClaimCounts
			var created int
			next := sg
			text := kept[d.id]
			err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
				if text == nil {
					if text, err = readDocText(ctx, tx, sg, d.id); err != nil {
						return err
					}
				} else if err = tx.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = ?`, d.id).Scan(new(int)); errors.Is(err, sql.ErrNoRows) {
					text, err = &docText{}, nil // removed since: nothing to suggest
				} else if err != nil {
					return err
				}
				n, created, err = suggestDocumentClaims(ctx, tx, sg, text, d.id, d.title, d.author, s.now())
				if err == nil && created > 0 {
					next, err = claimSuggester(ctx, tx) // the next document knows the new sources
				}
				return err
			})
			if err != nil {
				// Rolled back: its claims are not counted (an interrupted
				// run said 43 kept when 18 were; found by a hostile pass).
				return counts, err
			}
			sg = next
			counts.Added, counts.Updated, counts.Withdrawn = counts.Added+n.Added, counts.Updated+n.Updated, counts.Withdrawn+n.Withdrawn
			if created > 0 {
				lastNew = i
			}
			if round == 0 && kept[d.id] == nil && keptBytes+text.bytes() <= claimReadingBudget {
				kept[d.id], keptBytes = text, keptBytes+text.bytes()
			}
			if progress != nil && round == 0 {
				progress(i+1, len(docs))
			}
		}
		if lastNew < 0 {
			break
		}
		docs = docs[:lastNew+1]
	}
	return counts, nil
}

// maxClaimRounds bounds SuggestClaims' passes over its documents.
const maxClaimRounds = 3

// claimSuggester builds a suggester over the research file's tags.
func claimSuggester(ctx context.Context, q querier) (*claims.Suggester, error) {
	tags, err := queryAll(ctx, q, func(sc scanner) (claims.Tag, error) {
		var t claims.Tag
		var aliases sql.NullString
		err := sc.Scan(&t.ID, &t.Name, &t.Family, &t.Kind, &aliases)
		if aliases.Valid && aliases.String != "" {
			t.Aliases = strings.Split(aliases.String, "\x1f")
		}
		return t, err
	}, `SELECT t.id, t.name, t.family, t.kind,
		(SELECT group_concat(alias, char(31)) FROM tag_aliases a WHERE a.tag_id = t.id) FROM tags t ORDER BY t.id`)
	if err != nil {
		return nil, err
	}
	return claims.New(claims.NewTags(tags), nil), nil
}

// claimKey is where a claim is: its passage and byte span.
type claimKey struct {
	passage    int64
	start, end int
}

// claimReadingBudget bounds the text of the documents SuggestClaims keeps
// read between rounds: a reading holds about eight times its text.
const claimReadingBudget = 8 << 20

// docText is a document's passages as the claims suggester reads them.
type docText struct {
	ps    []claims.Passage
	ids   map[int]int64 // ordinal → passage id
	read  *claims.Reading
	lower map[string]bool // its words written in lower case, read when needed (commonWord)
}

func (t *docText) bytes() int {
	if t.read == nil {
		return 0
	}
	return t.read.Bytes()
}

// readDocText reads a document's passages.
func readDocText(ctx context.Context, tx *sql.Tx, sg *claims.Suggester, docID int64) (*docText, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, ordinal, text FROM passages WHERE document_id = ? ORDER BY ordinal`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := &docText{ids: map[int]int64{}}
	for rows.Next() {
		var p claims.Passage
		var id int64
		if err := rows.Scan(&id, &p.Ordinal, &p.Text); err != nil {
			return nil, err
		}
		t.ps = append(t.ps, p)
		t.ids[p.Ordinal] = id
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	t.read = sg.Read(t.ps)
	return t, nil
}

// suggestDocumentClaims suggests one document's claims in tx (author: who
// "we" is in it, "" when unknown); it returns what it changed, and how many
// new sources it created.
//
// A claim already in the ledger where the suggester finds one (at the span
// it once found, the span it has now, or the same attribution: an
// overlapping span with the same cue's end, as when a rule change moves a
// claim's words) is kept as it is when the user has touched it — accepted,
// rejected, marked by hand, edited (which accepts), given a note or linked — so no
// decision is undone and no rejected claim comes back. An untouched
// suggestion takes what the suggester finds now (its words, source,
// stance, cue, actors…): research files keep no wording of rules changed
// since (rs11's "left"). An untouched suggestion the suggester no longer
// finds, and no claim is linked to, is withdrawn, remembered as removed so
// that an older bundle does not bring it back.
func suggestDocumentClaims(ctx context.Context, tx *sql.Tx, sg *claims.Suggester, text *docText, docID int64, title, author string, at time.Time) (counts ClaimCounts, created int, err error) {
	ps, ids := text.ps, text.ids
	if len(ps) == 0 {
		return counts, 0, nil
	}
	doc := sg.DocFor(title, ps)
	doc.Author = author
	found := sg.SuggestRead(doc, text.read)
	have, err := storedClaimsOf(ctx, tx, docID)
	if err != nil || len(found) == 0 && len(have) == 0 {
		return counts, 0, err
	}
	byFound, bySpan := map[claimKey]*storedClaim{}, map[claimKey]*storedClaim{}
	byPassage := map[int64][]*storedClaim{}
	for _, h := range have {
		bySpan[h.span] = h
		if h.hasFound {
			byFound[h.found] = h
		}
		byPassage[h.span.passage] = append(byPassage[h.span.passage], h)
	}
	stamp := formatTime(at)
	// Prepared once a document: preparing each claim's two statements again
	// was a sixth of an import's claims phase.
	insertClaim, err := tx.PrepareContext(ctx, `INSERT INTO claims (passage_id, span_start, span_end, found_start, found_end, source_id,
				stance, cue, cue_start, cue_end, speaker, likelihood, confidence, state, origin, rule, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'suggested', 'suggested', ?, ?, ?)`)
	if err != nil {
		return counts, 0, err
	}
	defer insertClaim.Close()
	insertActor, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO claim_actors (claim_id, tag_id, position) VALUES (?, ?, ?)`)
	if err != nil {
		return counts, 0, err
	}
	defer insertActor.Close()
	sources := map[claims.Source]int64{} // the tag each new source's name was given, in this document
	var newTags []int64
	placed := map[claimKey]bool{} // spans this run found
	for _, c := range found {
		key := claimKey{ids[c.Ordinal], c.Start, c.End}
		if key.passage == 0 || placed[key] {
			continue
		}
		placed[key] = true
		h := byFound[key]
		if h == nil {
			h = bySpan[key]
		}
		if h != nil && h.seen && h.untouched {
			h = nil // moved this run to another suggestion's words: this one is new
		}
		if h == nil {
			h = sameAttribution(byPassage[key.passage], key, c.CueEnd)
		}
		if h != nil {
			h.seen = true
			if !h.untouched {
				continue // the user's decision stands
			}
		}
		if (c.Source.New || c.Source.TagID == 0) && commonWord(ps, c.Source.Name, &text.lower) {
			if h != nil {
				h.seen = false // no longer suggested: withdrawn below
			}
			continue
		}
		source, known := sources[c.Source]
		if !known {
			var isNew bool
			source, isNew, err = claimSource(ctx, tx, c.Source, at)
			if err != nil {
				return counts, len(newTags), err
			}
			if isNew {
				newTags = append(newTags, source)
			}
			sources[c.Source] = source
		}
		if source == 0 {
			if h != nil {
				h.seen = false
			}
			continue // a name no tag could take
		}
		about := make([]int64, len(c.About))
		for i, a := range c.About {
			about[i] = a.TagID
		}
		if h != nil {
			changed, err := h.refresh(ctx, tx, key, c, source, about, at)
			if err != nil {
				return counts, len(newTags), err
			}
			if changed {
				counts.Updated++
			}
			continue
		}
		r, err := insertClaim.ExecContext(ctx,
			key.passage, c.Start, c.End, c.Start, c.End, source, c.Stance.String(), c.Cue, c.CueStart, c.CueEnd,
			c.Speaker, int(c.Likelihood), int(c.Confidence), c.Rule, stamp, stamp)
		if err != nil {
			return counts, len(newTags), err
		}
		id, _ := r.LastInsertId()
		for i, a := range about { // a new claim: no actors to replace
			if _, err := insertActor.ExecContext(ctx, id, a, i); err != nil {
				return counts, len(newTags), friendlyFK(err, "actor")
			}
		}
		counts.Added++
	}
	for _, h := range have {
		if h.untouched && !h.seen && !h.linked {
			if err := rememberClaimRemoval(ctx, tx, h.id, at); err != nil {
				return counts, len(newTags), err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE id = ?`, h.id); err != nil {
				return counts, len(newTags), err
			}
			counts.Withdrawn++
		}
	}
	// New sources are suggested where they are named, as any new tag is.
	if len(newTags) > 0 {
		return counts, len(newTags), suggestTx(ctx, tx, newTags, nil, at)
	}
	return counts, 0, nil
}

// storedClaim is a claim of the document being suggested, as the ledger
// has it.
type storedClaim struct {
	id          int64
	span, found claimKey
	hasFound    bool
	// untouched: a suggestion the user has not accepted, rejected, edited,
	// annotated (as a bundle's restore tells one) or linked: a link says
	// how two claims' words and stances stand, as the user read them.
	untouched, linked, seen bool
	cueEnd                  sql.NullInt64
	fields                  []any // source_id … rule, as refresh writes them
	about                   []int64
}

// storedClaimsOf reads the claims of a document.
func storedClaimsOf(ctx context.Context, tx *sql.Tx, docID int64) ([]*storedClaim, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.passage_id, c.span_start, c.span_end, c.found_start, c.found_end,
			c.state = 'suggested' AND c.origin = 'suggested' AND c.note = '' AND c.found_start IS c.span_start AND c.found_end IS c.span_end
				AND c.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_a = c.id OR l.claim_b = c.id),
			EXISTS (SELECT 1 FROM claim_links l WHERE l.claim_a = c.id OR l.claim_b = c.id), c.cue_end,
			c.source_id, c.stance, c.cue, c.cue_start, c.speaker, c.likelihood, c.confidence, c.rule,
			(SELECT group_concat(tag_id) FROM (SELECT tag_id FROM claim_actors a WHERE a.claim_id = c.id ORDER BY position, tag_id))
		FROM claims c JOIN passages p ON p.id = c.passage_id WHERE p.document_id = ?`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*storedClaim
	for rows.Next() {
		h := &storedClaim{}
		var fs, fe, source, cueStart sql.NullInt64
		var stance, cue, speaker, rule string
		var likelihood, confidence int
		var about sql.NullString
		if err := rows.Scan(&h.id, &h.span.passage, &h.span.start, &h.span.end, &fs, &fe, &h.untouched, &h.linked, &h.cueEnd,
			&source, &stance, &cue, &cueStart, &speaker, &likelihood, &confidence, &rule, &about); err != nil {
			return nil, err
		}
		if fs.Valid && fe.Valid {
			h.hasFound, h.found = true, claimKey{h.span.passage, int(fs.Int64), int(fe.Int64)}
		}
		h.fields = []any{source.Int64, stance, cue, cueStart.Int64, h.cueEnd.Int64, speaker, likelihood, confidence, rule}
		if about.Valid && about.String != "" {
			for _, f := range strings.Split(about.String, ",") {
				id, _ := strconv.ParseInt(f, 10, 64)
				h.about = append(h.about, id)
			}
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// sameAttribution is the claim of a passage, not yet matched, whose span
// overlaps key's and whose cue ends where the suggestion's does: the same
// attribution, its words moved by a rule changed since.
func sameAttribution(list []*storedClaim, key claimKey, cueEnd int) *storedClaim {
	for _, h := range list {
		if !h.seen && h.cueEnd.Valid && int(h.cueEnd.Int64) == cueEnd && h.span.start < key.end && key.start < h.span.end {
			return h
		}
	}
	return nil
}

// refresh gives an untouched suggestion what the suggester finds now, at
// key; it tells whether anything changed. A suggestion given new words is
// remembered as removed at its old ones, so that an older bundle does not
// bring the old words back beside it.
func (h *storedClaim) refresh(ctx context.Context, tx *sql.Tx, key claimKey, c claims.Claim, source int64, about []int64, at time.Time) (bool, error) {
	fields := []any{source, c.Stance.String(), c.Cue, int64(c.CueStart), int64(c.CueEnd), c.Speaker, int(c.Likelihood), int(c.Confidence), c.Rule}
	moved := key != h.span
	if !moved && slices.Equal(fields, h.fields) && slices.Equal(about, h.about) {
		return false, nil
	}
	if moved {
		if err := rememberClaimRemoval(ctx, tx, h.id, at); err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET span_start = ?, span_end = ?, found_start = ?, found_end = ?,
			source_id = ?, stance = ?, cue = ?, cue_start = ?, cue_end = ?, speaker = ?, likelihood = ?, confidence = ?, rule = ?,
			updated_at = ? WHERE id = ?`,
		append(append([]any{key.start, key.end, key.start, key.end}, fields...), formatTime(at), h.id)...); err != nil {
		return false, err
	}
	return true, setClaimActors(ctx, tx, h.id, about)
}

// commonWord reports whether name is one word that the document also
// writes in lower case ("To establish …", "the President" beside "a
// president"). Such a name is no new source: as a tag it would be matched
// in every passage that uses the word (names match in any case), burying
// the pending list. lower caches the document's lower-case words.
func commonWord(ps []claims.Passage, name string, lower *map[string]bool) bool {
	if len(strings.Fields(name)) != 1 {
		return false
	}
	if *lower == nil {
		// The words are runs of letters; one in lower case is kept. In one
		// pass, without a slice of words or a lower-cased copy of each
		// (it was an eighth of an import's claims phase).
		*lower = map[string]bool{}
		for _, p := range ps {
			start, upper := -1, false
			for i, r := range p.Text {
				switch {
				case unicode.IsLetter(r):
					if start < 0 {
						start, upper = i, false
					}
					upper = upper || unicode.ToLower(r) != r
				case start >= 0:
					if !upper {
						(*lower)[p.Text[start:i]] = true
					}
					start = -1
				}
			}
			if start >= 0 && !upper {
				(*lower)[p.Text[start:]] = true
			}
		}
	}
	return (*lower)[strings.ToLower(name)]
}

// claimSource is the source tag a suggestion names: an existing tag, or a
// new one (found by name or alias if an earlier document created it). A
// new source named like an actor ("Robert Mueller") is that actor's
// statement; any other is of the source kind its name suggests (GuessKind:
// "Washington Post" an outlet, "Netyksho indictment" a report), else of kind
// "other": every claim-made source was "other", so a newspaper was not an
// outlet in the tags or the exports. created says a tag was made (its
// mentions are still to be suggested); 0 when the name cannot be a tag.
func claimSource(ctx context.Context, tx *sql.Tx, src claims.Source, at time.Time) (id int64, created bool, err error) {
	if src.TagID > 0 && !src.New {
		return src.TagID, false, nil
	}
	name := strings.TrimSpace(src.Name)
	ids, err := tagIDsNamed(ctx, tx, FamilySource, name, 0)
	if err != nil || len(ids) > 0 {
		if len(ids) > 0 {
			return ids[0], false, nil
		}
		return 0, false, err
	}
	kind := "other"
	if family, guess := GuessKind(name); family == FamilySource {
		kind = guess
	}
	if actors, err := tagIDsNamed(ctx, tx, FamilyActor, name, 0); err != nil {
		return 0, false, err
	} else if len(actors) > 0 {
		// An actor's name or alias: its own source, named as the actor
		// is, where there is one. "ODNI", the alias of the actor "Office of the
		// Director of National Intelligence", made a new source "ODNI"
		// beside the one of that name, splitting its claims (a
		// researcher's pass).
		var actorName string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM tags WHERE id = ?`, actors[0]).Scan(&actorName); err != nil {
			return 0, false, err
		}
		if twins, err := tagIDsNamed(ctx, tx, FamilySource, actorName, 0); err != nil || len(twins) > 0 {
			if len(twins) > 0 {
				return twins[0], false, nil
			}
			return 0, false, err
		}
		// Otherwise its source is made under its name, not the alias, so
		// that both names find it next time.
		kind, name = "statement", actorName
	}
	if validateTag(FamilySource, kind, name, "") != nil {
		return 0, false, nil
	}
	id, err = insertTag(ctx, tx, Tag{Family: FamilySource, Kind: kind, Name: name}, at)
	return id, err == nil, err
}

// setClaimActors replaces a claim's actors, keeping their order.
func setClaimActors(ctx context.Context, tx *sql.Tx, claimID int64, actors []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM claim_actors WHERE claim_id = ?`, claimID); err != nil {
		return err
	}
	for i, a := range actors {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO claim_actors (claim_id, tag_id, position) VALUES (?, ?, ?)`, claimID, a, i); err != nil {
			return friendlyFK(err, "actor")
		}
	}
	return nil
}
