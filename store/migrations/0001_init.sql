-- Documents, passages and the full-text index over passages.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL DEFAULT '',
    published    TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    photo_credit TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL DEFAULT 'text',
    content_hash TEXT NOT NULL UNIQUE,
    text         TEXT NOT NULL,
    imported_at  TEXT NOT NULL
);

-- start/end are byte offsets into documents.text: substr-exact, so every
-- quote can be traced back to its document.
CREATE TABLE passages (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, ordinal),
    CHECK (start >= 0 AND end > start)
);

-- External-content FTS5 index. porter stems English word forms
-- ("sanctions", "sanctioned" → "sanction"; but "interfered" → "interf"
-- while "interference" → "interfer": the README tells users to reach every
-- form with a prefix, interfer*);
-- remove_diacritics 2 folds accents. prefix='2 3' makes short prefix
-- queries ("con*") read one prebuilt doclist instead of merging thousands.
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text,
    content = 'passages',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER passages_au AFTER UPDATE OF text ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
