-- Annotations: typed tags (actors and sources) with aliases, taggings of
-- passages and documents, bookmarks with notes, saved searches.
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    family      TEXT NOT NULL CHECK (family IN ('actor', 'source')),
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (family, name)
);

-- Other names a tag is known by ("Russian Federation", "Moscow" → Russia).
CREATE TABLE tag_aliases (
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    alias  TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (tag_id, alias)
) WITHOUT ROWID;
CREATE INDEX tag_aliases_alias ON tag_aliases (alias);

-- A tag applied to a passage. Suggested taggings start pending; a rejected
-- one is kept so that re-running suggestions never brings it back.
-- span_start/span_end: byte offsets of the mention within the passage.
CREATE TABLE passage_tags (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    origin     TEXT NOT NULL CHECK (origin IN ('manual', 'suggested')),
    state      TEXT NOT NULL CHECK (state IN ('accepted', 'rejected', 'pending')),
    span_start INTEGER,
    span_end   INTEGER,
    created_at TEXT NOT NULL,
    PRIMARY KEY (passage_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX passage_tags_tag ON passage_tags (tag_id, state);

-- A tag applied to a whole document (e.g. its source).
CREATE TABLE document_tags (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX document_tags_tag ON document_tags (tag_id);

-- span_start/span_end: optional byte range within the passage.
CREATE TABLE bookmarks (
    id         INTEGER PRIMARY KEY,
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    span_start INTEGER,
    span_end   INTEGER,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX bookmarks_passage ON bookmarks (passage_id);

CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
