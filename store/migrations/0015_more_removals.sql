-- More of what was changed here, and when, so that restoring an older
-- annotation bundle does not undo it (0014 did this for taggings and
-- bookmarks; found by a hostile pass):
-- a saved search deleted, or renamed away from a name;
CREATE TABLE saved_search_removals (
    name       TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    removed_at TEXT NOT NULL
) WITHOUT ROWID;

-- when a saved search's query or name last changed (NULL: never since it
-- was made), so that an older bundle's query does not replace it;
ALTER TABLE saved_searches ADD COLUMN updated_at TEXT;

-- when a tag's name, kind, description or colour last changed here (NULL:
-- not known, before this migration), so that an older bundle's do not
-- replace them;
ALTER TABLE tags ADD COLUMN updated_at TEXT;

-- a link between two claims taken off (the pair as claim_links holds it);
CREATE TABLE claim_link_removals (
    claim_a    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claim_b    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    removed_at TEXT NOT NULL,
    CHECK (claim_a < claim_b),
    PRIMARY KEY (claim_a, claim_b)
) WITHOUT ROWID;
CREATE INDEX claim_link_removals_b ON claim_link_removals (claim_b);

-- a tag deleted here, by its family and name (a bundle knows tags by
-- name): an older bundle made it again, with every tagging of it;
CREATE TABLE tag_removals (
    family     TEXT NOT NULL,
    name       TEXT NOT NULL COLLATE NOCASE,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (family, name)
) WITHOUT ROWID;

-- a tag's former names: a tag merged into another (the survivor) or
-- renamed, and when. A bundle's tag of that name made before then is the
-- tag here, not a new one.
CREATE TABLE tag_former_names (
    family     TEXT NOT NULL,
    name       TEXT NOT NULL COLLATE NOCASE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    since      TEXT NOT NULL,
    PRIMARY KEY (family, name)
) WITHOUT ROWID;
CREATE INDEX tag_former_names_tag ON tag_former_names (tag_id);
