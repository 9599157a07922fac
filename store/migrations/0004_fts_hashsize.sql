-- Let FTS5 hold a whole bulk-import batch (store.bulkPassages passages) in
-- memory before writing a segment: with the default 1 MB it flushes several
-- small segments per batch, and merging them costs more than the memory.
INSERT INTO passages_fts(passages_fts, rank) VALUES('hashsize', 33554432);
