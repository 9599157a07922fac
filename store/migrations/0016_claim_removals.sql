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
