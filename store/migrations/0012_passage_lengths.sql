-- Each passage's length in tokens as the full-text index counts it
-- (passages_fts_docsize), 4,096 passages to a row. Ranking a broad query
-- in full needs the length of every matching passage: one docsize lookup
-- each (~0.8 µs; 116k of them for a common word at 1M passages), against
-- one row here per 4,096. The writers rebuild the blocks they touch in the
-- same transaction (refreshLengths); adding or removing a passage, or
-- changing its id or text, drops its block (by any program: a REPLACE
-- fires the insert trigger), so a block is never stale, only missing, and
-- a passage whose block is missing (or reads 0) is looked up in docsize.
-- Reading needs none of this: a read-only file of schema 11 is read
-- without it (readableFrom).
CREATE TABLE passage_lengths (
    block INTEGER PRIMARY KEY,  -- passage id >> 12
    lens  BLOB NOT NULL         -- 4,096 little-endian uint16s; 0 unknown
);
CREATE TRIGGER passage_lengths_ai AFTER INSERT ON passages BEGIN
    DELETE FROM passage_lengths WHERE block = new.id >> 12;
END;
CREATE TRIGGER passage_lengths_ad AFTER DELETE ON passages BEGIN
    DELETE FROM passage_lengths WHERE block = old.id >> 12;
END;
CREATE TRIGGER passage_lengths_au AFTER UPDATE OF id, text ON passages BEGIN
    DELETE FROM passage_lengths WHERE block IN (old.id >> 12, new.id >> 12);
END;
INSERT INTO passage_lengths (block, lens)
    SELECT id >> 12, dossier_length_block(id, sz) FROM passages_fts_docsize
    WHERE id >= 0 GROUP BY id >> 12;
