-- Footnotes (a report's "<FN12>" lines) are passages like any other, but
-- rank below body text and can be filtered (is:footnote). footnote holds the
-- footnote's number; 0 is body text.
ALTER TABLE passages ADD COLUMN footnote INTEGER NOT NULL DEFAULT 0;
CREATE INDEX passages_footnote ON passages (id) WHERE footnote > 0;

-- Plain-text documents imported before footnotes were recognised: a passage
-- starting "<FN12>" is footnote 12, as the importer now reads it.
UPDATE passages SET footnote = CAST(substr(text, 4) AS INTEGER)
WHERE text GLOB '<FN[0-9]*'
  AND substr(text, 4 + length(CAST(CAST(substr(text, 4) AS INTEGER) AS TEXT)), 1) = '>'
  AND document_id IN (SELECT id FROM documents WHERE format = 'text');

-- And their redactions are shown as the importer now stores them: "[redacted]"
-- has the length of "<REDACTED>", so every offset stays valid; the passages'
-- update trigger re-indexes the changed passages.
UPDATE documents SET text = replace(text, '<REDACTED>', '[redacted]')
WHERE format = 'text' AND instr(text, '<REDACTED>') > 0;
UPDATE passages SET text = replace(text, '<REDACTED>', '[redacted]')
WHERE instr(text, '<REDACTED>') > 0
  AND document_id IN (SELECT id FROM documents WHERE format = 'text');
