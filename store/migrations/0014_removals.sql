-- What was removed here, and when: a tag taken off a passage or a
-- document, a bookmark deleted. Restoring an annotation bundle made before
-- the removal put it back, without a word (found by a hostile pass); a
-- bundle's copy made or changed after the removal is still restored. A
-- removal goes with its passage, document or tag.
CREATE TABLE passage_tag_removals (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    removed_at TEXT NOT NULL,
    PRIMARY KEY (passage_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX passage_tag_removals_tag ON passage_tag_removals (tag_id);

CREATE TABLE document_tag_removals (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    removed_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX document_tag_removals_tag ON document_tag_removals (tag_id);

-- A bookmark is known to a bundle by its passage, span and creation time.
CREATE TABLE bookmark_removals (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    span_start INTEGER,
    span_end   INTEGER,
    created_at TEXT NOT NULL,
    removed_at TEXT NOT NULL
);
CREATE INDEX bookmark_removals_passage ON bookmark_removals (passage_id);
