-- Claims (issue 14): who asserts what, about whom, and how sure. A claim is
-- a span of a passage (span_start/span_end: byte offsets into the passage
-- text, like bookmark spans) with the source tag that asserts it, its
-- stance, the cue words that attribute it (cue_start/cue_end in the same
-- passage) and its estimative language on the ICD 203 scale, stored as
-- ordered numbers so that likelihood:>=likely is a comparison:
--   likelihood 0 none stated, 1 almost no chance, 2 very unlikely,
--   3 unlikely, 4 roughly even chance, 5 likely, 6 very likely,
--   7 almost certain; confidence 0 none stated, 1 low, 2 moderate, 3 high.
-- Suggested claims start 'suggested'; a rejected one is kept so that
-- re-running the suggester never resurrects it. found_start/found_end keep
-- the span the suggester found (NULL for a claim marked by hand), so that
-- a suggestion whose span the user edited is not suggested again either.
CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    passage_id  INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    span_start  INTEGER NOT NULL CHECK (span_start >= 0),
    span_end    INTEGER NOT NULL CHECK (span_end > span_start),
    found_start INTEGER,
    found_end   INTEGER,
    -- A deleted source tag leaves the claim without a source, not deleted.
    source_id   INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    stance      TEXT NOT NULL DEFAULT 'asserts' CHECK (stance IN ('asserts', 'denies')),
    cue         TEXT NOT NULL DEFAULT '',
    cue_start   INTEGER,
    cue_end     INTEGER,
    speaker     TEXT NOT NULL DEFAULT '',
    likelihood  INTEGER NOT NULL DEFAULT 0 CHECK (likelihood BETWEEN 0 AND 7),
    confidence  INTEGER NOT NULL DEFAULT 0 CHECK (confidence BETWEEN 0 AND 3),
    state       TEXT NOT NULL CHECK (state IN ('suggested', 'accepted', 'rejected')),
    origin      TEXT NOT NULL CHECK (origin IN ('suggested', 'manual')),
    rule        TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND (cue_start IS NULL OR (cue_start >= 0 AND cue_end > cue_start))),
    CHECK ((found_start IS NULL) = (found_end IS NULL))
);
CREATE INDEX claims_passage ON claims (passage_id, span_start);
CREATE INDEX claims_source ON claims (source_id);
CREATE UNIQUE INDEX claims_found ON claims (passage_id, found_start, found_end) WHERE found_start IS NOT NULL;

-- The actor tags a claim is about; position keeps them in the order the
-- claim's words name them.
CREATE TABLE claim_actors (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX claim_actors_tag ON claim_actors (tag_id);

-- Two claims that make the same assertion, or contradict each other. The
-- pair is unordered: stored with claim_a < claim_b, once.
CREATE TABLE claim_links (
    claim_a    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claim_b    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('same', 'contradicts')),
    created_at TEXT NOT NULL,
    CHECK (claim_a < claim_b),
    PRIMARY KEY (claim_a, claim_b)
) WITHOUT ROWID;
CREATE INDEX claim_links_b ON claim_links (claim_b);
