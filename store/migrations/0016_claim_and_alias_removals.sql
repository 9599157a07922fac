-- A claim taken away here: claims are never deleted but by an undo (of
-- their marking, say), which is a change made then. Known to a bundle,
-- as a bookmark is, by its passage, span and creation time, so that a
-- bundle exported while the claim stood does not bring it back (found by
-- a hostile pass).
CREATE TABLE claim_removals (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT NOT NULL
);
CREATE INDEX claim_removals_passage ON claim_removals (passage_id);

-- An alias taken off a tag here (by an edit, an undo or a redo), and when:
-- a bundle exported before then leaves it off, and a bundle's alias this
-- file never had is added (dating the tag's edit could not tell the two
-- apart: an edit of a tag's colour here left a colleague's new aliases
-- out, and an alias taken off by a redo came back; found by hostile
-- passes).
CREATE TABLE tag_alias_removals (
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL COLLATE NOCASE,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (tag_id, alias)
) WITHOUT ROWID;

-- Whether a tag was made here by hand (the window's New tag), not by the
-- gazetteer, the claim suggester or a bundle: an older
-- bundle leaves the kind, description and colour given to such a tag as
-- they are, and gives the others its own (0 for the tags of a file made
-- before this: not known).
ALTER TABLE tags ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;
