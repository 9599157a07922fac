-- passage_tags again, its state's check written as comparisons: SQLite
-- builds a temporary table for an IN list of three or more values at every
-- statement that inserts a row, a third of the cost of storing an import's
-- tag suggestions (one statement a row; BENCHMARKS.md, twenty-first
-- session). The check allows the same three values. SQLite cannot change
-- a table's check in place, so the table is made anew (as its ALTER TABLE
-- page describes): the old one renamed, its rows copied, then dropped with
-- its index and trigger, which are made again as migrations 0002 and 0013
-- made them. Nothing refers to passage_tags, so no foreign key is touched.
-- A tagging of a passage or tag no longer there (left by another program
-- writing with foreign keys off; check reports them) is not copied: the
-- new table's foreign keys would refuse it, and the file with it. Nor is
-- one whose state or origin is none of Dossier's (written with checks
-- off): the new checks would refuse it, and so every open of a file
-- Dossier 16 opened and check found sound (a hostile pass).
-- The rename is SQLite's legacy one, which leaves the views and trigger
-- bodies that name passage_tags as they are: a view of someone else's
-- over it (allowed beside Dossier's schema) was rewritten to name the old
-- table, dropped below, and failed, and with it every later ALTER TABLE …
-- RENAME or DROP COLUMN on the file (a hostile pass). The old table's
-- name is one no one else's table is likely to have: a clash fails the
-- migration (and the open) with SQLite's "there is already another table".
PRAGMA legacy_alter_table = ON;
ALTER TABLE passage_tags RENAME TO passage_tags_before_0017;
PRAGMA legacy_alter_table = OFF;
CREATE TABLE passage_tags (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    origin     TEXT NOT NULL CHECK (origin IN ('manual', 'suggested')),
    state      TEXT NOT NULL CHECK (state = 'accepted' OR state = 'rejected' OR state = 'pending'),
    span_start INTEGER,
    span_end   INTEGER,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    PRIMARY KEY (passage_id, tag_id)
) WITHOUT ROWID;
INSERT INTO passage_tags (passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at)
    SELECT passage_id, tag_id, origin, state, span_start, span_end, created_at, decided_at FROM passage_tags_before_0017
    WHERE EXISTS (SELECT 1 FROM passages WHERE id = passage_id) AND EXISTS (SELECT 1 FROM tags WHERE id = tag_id)
    AND (state = 'accepted' OR state = 'rejected' OR state = 'pending') AND origin IN ('manual', 'suggested');
DROP TABLE passage_tags_before_0017;
CREATE INDEX passage_tags_tag ON passage_tags (tag_id, state);
CREATE TRIGGER passage_tags_decided AFTER UPDATE OF state ON passage_tags
    WHEN new.state IS NOT old.state AND new.decided_at IS old.decided_at
BEGIN
    UPDATE passage_tags SET decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE passage_id = new.passage_id AND tag_id = new.tag_id;
END;
