-- Footnotes (a report's "<FN12>" lines) are passages like any other, but
-- rank below body text and can be filtered (is:footnote). footnote holds the
-- footnote's number; 0 is body text.
ALTER TABLE passages ADD COLUMN footnote INTEGER NOT NULL DEFAULT 0;
CREATE INDEX passages_footnote ON passages (id) WHERE footnote > 0;
