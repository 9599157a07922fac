-- Paged formats (PDF): a passage keeps the page it starts on, so citations
-- can say "p. 7" and page:7 can filter; NULL for passages of unpaged
-- documents, which no page filter matches. A document keeps its page count
-- (0: unpaged).
ALTER TABLE passages ADD COLUMN page INTEGER;
ALTER TABLE documents ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
CREATE INDEX passages_page ON passages (page) WHERE page IS NOT NULL;
